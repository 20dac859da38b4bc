//! The engine's side of the control socket (`crate::control` holds the wire format and the
//! client): answers other processes' acting requests with this process's engine.

use super::Engine;
use crate::control::{ControlReply, ControlRequest};
use crate::error::{EngineError, EngineResult};
use crate::events::EngineEvent;
use crate::model::{JobType, Status};
use crate::paths::CONTROL_SOCKET;
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{UnixListener, UnixStream};

/// Serves the control socket for `engine` until the task is dropped.
pub async fn serve_control(engine: Arc<Engine>) -> EngineResult<tokio::task::JoinHandle<()>> {
    let path = engine.data_dir().join(CONTROL_SOCKET);
    let _ = std::fs::remove_file(&path);
    let listener = UnixListener::bind(&path).map_err(|e| {
        EngineError::io(
            format!("Could not open the control socket {}", path.display()),
            e,
        )
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| EngineError::io("Could not protect the control socket", e))?;
    }
    Ok(tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let engine = Arc::clone(&engine);
            tokio::spawn(async move {
                if let Err(error) = handle(engine, stream).await {
                    tracing::debug!(%error, "control connection ended");
                }
            });
        }
    }))
}

async fn handle(engine: Arc<Engine>, stream: UnixStream) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let Some(line) = lines.next_line().await? else {
        return Ok(());
    };
    let send = |reply: ControlReply| {
        let mut text = serde_json::to_string(&reply).unwrap_or_default();
        text.push('\n');
        text
    };
    let request: ControlRequest = match serde_json::from_str(&line) {
        Ok(request) => request,
        Err(e) => {
            let reply = send(ControlReply::Error {
                message: format!("bad request: {e}"),
            });
            return writer.write_all(reply.as_bytes()).await;
        }
    };
    let replies = match request {
        ControlRequest::Sync { job } => {
            let mut events = engine.subscribe();
            let started = match job {
                Some(job) => engine.sync_job(job).await,
                None => engine.sync_now().await,
            };
            match started {
                Ok(handle) => {
                    let run_id = handle.run_id;
                    let wait = handle.wait();
                    tokio::pin!(wait);
                    loop {
                        tokio::select! {
                            record = &mut wait => {
                                break vec![match record {
                                    Some(run) => ControlReply::Run { run: Box::new(run) },
                                    None => ControlReply::Error { message: "the run ended without a record".into() },
                                }];
                            }
                            Ok(event) = events.recv() => {
                                if let EngineEvent::Progress(progress) = event {
                                    if progress.run_id == run_id {
                                        writer.write_all(send(ControlReply::Progress { progress }).as_bytes()).await?;
                                    }
                                }
                            }
                        }
                    }
                }
                Err(e) => vec![ControlReply::Error {
                    message: e.to_string(),
                }],
            }
        }
        ControlRequest::Pause { until } => vec![status_reply(engine.pause(until).await)],
        ControlRequest::Resume => vec![status_reply(engine.resume().await)],
        ControlRequest::SetSchedule { job, config } => vec![match engine
            .set_schedule_of(job.unwrap_or(JobType::WorkOrders), config)
            .await
        {
            Ok(_) => ControlReply::Done,
            Err(e) => ControlReply::Error {
                message: e.to_string(),
            },
        }],
        ControlRequest::LeaveDemo => vec![match engine.leave_demo().await {
            Ok(left) => ControlReply::DemoLeft { left },
            Err(e) => ControlReply::Error {
                message: e.to_string(),
            },
        }],
    };
    for reply in replies {
        writer.write_all(send(reply).as_bytes()).await?;
    }
    writer.flush().await
}

fn status_reply(result: EngineResult<Status>) -> ControlReply {
    match result {
        Ok(status) => ControlReply::Status {
            status: Box::new(status),
        },
        Err(e) => ControlReply::Error {
            message: e.to_string(),
        },
    }
}
