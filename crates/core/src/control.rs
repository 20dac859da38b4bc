//! The control socket's wire format and its client: while a daemon or the desktop app holds the
//! data dir, the acting operations of other processes (sync, pause, resume, schedule set, leave
//! demo) are carried out by that engine over a Unix socket in the data dir (owner-only), one JSON
//! request per line, answered by JSON lines. The engine's side is `engine::control_server`.

use crate::error::{EngineError, EngineResult};
use crate::events::Progress;
use crate::model::{DemoLeft, JobType, RunRecord, Status};
use crate::paths::CONTROL_SOCKET;
use crate::schedule::ScheduleConfig;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::UnixStream;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ControlRequest {
    /// "Sync now" (no job), or one job alone.
    Sync {
        #[serde(default)]
        job: Option<JobType>,
    },
    Pause {
        until: Option<DateTime<Utc>>,
    },
    Resume,
    /// A job's schedule (no job: the work orders').
    SetSchedule {
        #[serde(default)]
        job: Option<JobType>,
        config: ScheduleConfig,
    },
    LeaveDemo,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ControlReply {
    Progress { progress: Progress },
    Run { run: Box<RunRecord> },
    Status { status: Box<Status> },
    DemoLeft { left: DemoLeft },
    Done,
    Error { message: String },
}

/// Sends one request to the engine holding `data_dir`; `on_progress` sees progress lines.
pub async fn request(
    data_dir: &Path,
    request: &ControlRequest,
    mut on_progress: impl FnMut(&Progress),
) -> EngineResult<ControlReply> {
    let path = data_dir.join(CONTROL_SOCKET);
    let stream = UnixStream::connect(&path).await.map_err(|e| {
        EngineError::Control(format!(
            "could not reach the running engine at {} ({e})",
            path.display()
        ))
    })?;
    let (reader, mut writer) = stream.into_split();
    let mut line =
        serde_json::to_string(request).map_err(|e| EngineError::Control(e.to_string()))?;
    line.push('\n');
    writer
        .write_all(line.as_bytes())
        .await
        .map_err(|e| EngineError::Control(e.to_string()))?;
    let mut lines = BufReader::new(reader).lines();
    while let Some(line) = lines
        .next_line()
        .await
        .map_err(|e| EngineError::Control(e.to_string()))?
    {
        let reply: ControlReply =
            serde_json::from_str(&line).map_err(|e| EngineError::Control(e.to_string()))?;
        match reply {
            ControlReply::Progress { progress } => on_progress(&progress),
            ControlReply::Error { message } => return Err(EngineError::Remote(message)),
            other => return Ok(other),
        }
    }
    Err(EngineError::Control(
        "the running engine closed the connection without an answer".into(),
    ))
}
