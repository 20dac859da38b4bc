//! What the engine tells the shells: status changes, run start, progress and run end.
//! The engine only sends; the tray, the window, the CLI and the HTTP API subscribe.

use crate::model::{JobType, RunRecord, Status, Trigger};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

/// Phases of a sync run, for progress displays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Phase {
    /// Starting the headless browser (sites whose pages are an application).
    StartingBrowser,
    LoggingIn,
    Fetching,
    Saving,
}

/// What a notice is about; the notifier decides, the shells show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum NoticeKind {
    Failure,
    Recovery,
    NewWorkOrders,
    Info,
}

/// One progress report of a running sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Progress {
    pub run_id: i64,
    pub job_type: JobType,
    pub phase: Phase,
    pub pages_done: u32,
    /// Known once the first page told how many there are.
    pub pages_total: Option<u32>,
    pub rows: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum EngineEvent {
    StatusChanged {
        status: Box<Status>,
    },
    RunStarted {
        run_id: i64,
        job_type: JobType,
        trigger: Trigger,
    },
    Progress(Progress),
    RunFinished {
        run: Box<RunRecord>,
    },
    /// Something to show the technician (the desktop shell displays it).
    Notification {
        title: String,
        body: String,
        kind: NoticeKind,
    },
}

/// The sending side, shared by everything in the engine that reports.
#[derive(Debug, Clone)]
pub struct EventBus {
    sender: broadcast::Sender<EngineEvent>,
}

impl Default for EventBus {
    fn default() -> Self {
        Self::new()
    }
}

impl EventBus {
    pub fn new() -> Self {
        let (sender, _) = broadcast::channel(256);
        Self { sender }
    }

    /// Sends to whoever listens; nobody listening is fine.
    pub fn emit(&self, event: EngineEvent) {
        let _ = self.sender.send(event);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<EngineEvent> {
        self.sender.subscribe()
    }
}

/// Handed to a running job so it can report progress without knowing about the bus.
#[derive(Debug, Clone)]
pub struct ProgressReporter {
    bus: EventBus,
    run_id: i64,
    job_type: JobType,
}

impl ProgressReporter {
    pub fn new(bus: EventBus, run_id: i64, job_type: JobType) -> Self {
        Self {
            bus,
            run_id,
            job_type,
        }
    }

    pub fn report(&self, phase: Phase, pages_done: u32, pages_total: Option<u32>, rows: u64) {
        self.bus.emit(EngineEvent::Progress(Progress {
            run_id: self.run_id,
            job_type: self.job_type,
            phase,
            pages_done,
            pages_total,
            rows,
        }));
    }
}
