//! The engine's public data: job types, run records, triggers and the status the shells show.

use crate::error::ErrorClass;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a schedule syncs: the work-order list, or each station's dispensers. Each job has its
/// own schedule, run history and state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum JobType {
    WorkOrders,
    Dispensers,
}

impl JobType {
    pub const ALL: [JobType; 2] = [JobType::WorkOrders, JobType::Dispensers];

    pub fn as_str(self) -> &'static str {
        match self {
            JobType::WorkOrders => "work_orders",
            JobType::Dispensers => "dispensers",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "work_orders" | "work-orders" => Some(JobType::WorkOrders),
            "dispensers" => Some(JobType::Dispensers),
            _ => None,
        }
    }
}

impl fmt::Display for JobType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a run started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Trigger {
    Scheduled,
    Manual,
    CatchUp,
}

impl Trigger {
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Scheduled => "scheduled",
            Trigger::Manual => "manual",
            Trigger::CatchUp => "catch-up",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "scheduled" => Some(Trigger::Scheduled),
            "manual" => Some(Trigger::Manual),
            "catch-up" => Some(Trigger::CatchUp),
            _ => None,
        }
    }
}

/// Where a run stands or how it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum RunStatus {
    Running,
    Success,
    Failed,
    Interrupted,
    Skipped,
}

impl RunStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Success => "success",
            RunStatus::Failed => "failed",
            RunStatus::Interrupted => "interrupted",
            RunStatus::Skipped => "skipped",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "running" => Some(RunStatus::Running),
            "success" => Some(RunStatus::Success),
            "failed" => Some(RunStatus::Failed),
            "interrupted" => Some(RunStatus::Interrupted),
            "skipped" => Some(RunStatus::Skipped),
            _ => None,
        }
    }
}

/// One row of the sync history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RunRecord {
    pub id: i64,
    pub job_type: JobType,
    pub trigger: Trigger,
    pub status: RunStatus,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub duration_ms: Option<i64>,
    pub attempts: i64,
    /// Fires coalesced into this run (catch-up).
    pub missed: i64,
    pub found: Option<i64>,
    pub new: Option<i64>,
    pub changed: Option<i64>,
    pub removed: Option<i64>,
    pub error_class: Option<ErrorClass>,
    pub error: Option<String>,
}

/// What a successful run counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RunSummary {
    pub found: i64,
    pub new: i64,
    pub changed: i64,
    pub removed: i64,
    pub attempts: i64,
}

/// The four states the tray colours and the window's badge show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum State {
    Active,
    Running,
    Paused,
    Failed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Active => "active",
            State::Running => "running",
            State::Paused => "paused",
            State::Failed => "failed",
        }
    }
}

/// The engine's status for one job type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Status {
    pub state: State,
    pub job_type: JobType,
    pub enabled: bool,
    /// Minutes between syncs inside the active hours (the schedule's interval), so a shell can
    /// show it without reading the schedule.
    #[serde(default)]
    pub interval_minutes: u32,
    pub next_run: Option<DateTime<Utc>>,
    /// Whole seconds until `next_run`, from the instant the status was taken.
    pub countdown_seconds: Option<i64>,
    pub paused: bool,
    pub paused_until: Option<DateTime<Utc>>,
    pub consecutive_failures: i64,
    pub last_run: Option<RunRecord>,
    /// The last successful run's finish: how fresh the data is.
    pub last_success_at: Option<DateTime<Utc>>,
    pub running_run_id: Option<i64>,
    /// The data comes from the built-in demo site.
    pub demo: bool,
}

/// What leaving the demo did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DemoLeft {
    /// False when the data dir was not a demo (nothing was changed).
    pub left: bool,
    pub removed_work_orders: i64,
    pub removed_runs: i64,
    /// One sentence: what happened and what to do next.
    pub message: String,
}

impl DemoLeft {
    /// Nothing to leave.
    pub fn not_in_demo() -> Self {
        Self {
            left: false,
            removed_work_orders: 0,
            removed_runs: 0,
            message: "The demo is not on; nothing was changed.".into(),
        }
    }

    pub(crate) fn removed(work_orders: i64, runs: i64) -> Self {
        Self {
            left: true,
            removed_work_orders: work_orders,
            removed_runs: runs,
            message: format!(
                "Left the demo: removed its {work_orders} demo work orders and {runs} demo syncs; \
                 set your WorkFossa account to sync your real work orders."
            ),
        }
    }
}
