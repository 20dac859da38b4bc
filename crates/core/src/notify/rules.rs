//! When to tell the technician something: the first failure (then again only after the quiet
//! period), recovery, and — optionally — new or rescheduled work orders. Pure.

use crate::error::SyncError;
use crate::events::NoticeKind;
use crate::model::{RunRecord, RunStatus};
use crate::settings::NotificationSettings;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// One message to show or send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Notice {
    pub kind: NoticeKind,
    pub title: String,
    pub body: String,
}

impl Notice {
    /// Failure and recovery go to every channel; the rest only to the desktop.
    pub fn is_alert(&self) -> bool {
        matches!(self.kind, NoticeKind::Failure | NoticeKind::Recovery)
    }
}

/// What the rules remember between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// Set while runs keep failing: when the last failure notice went out.
    pub failing_noticed_at: Option<DateTime<Utc>>,
}

/// What a finished run tells, given what was told before. `rescheduled` counts work orders whose
/// next visit or due date changed in this run.
pub fn decide(
    memory: &mut Memory,
    run: &RunRecord,
    consecutive_failures: i64,
    rescheduled: i64,
    settings: &NotificationSettings,
    now: DateTime<Utc>,
) -> Vec<Notice> {
    let mut notices = Vec::new();
    match run.status {
        RunStatus::Failed => {
            let repeat_due = match (memory.failing_noticed_at, settings.quiet_period_minutes) {
                (None, _) => true,
                (Some(at), Some(minutes)) => now - at >= Duration::minutes(i64::from(minutes)),
                (Some(_), None) => false,
            };
            if repeat_due {
                memory.failing_noticed_at = Some(now);
                notices.push(failure_notice(run, consecutive_failures));
            }
        }
        RunStatus::Success => {
            if memory.failing_noticed_at.take().is_some() {
                notices.push(Notice {
                    kind: NoticeKind::Recovery,
                    title: "Sync recovered".into(),
                    body: format!(
                        "Work orders are up to date again ({} found).",
                        run.found.unwrap_or(0)
                    ),
                });
            }
            let new = run.new.unwrap_or(0);
            let changed = run.changed.unwrap_or(0);
            if settings.new_work_orders && (new > 0 || changed > 0) {
                notices.push(Notice {
                    kind: NoticeKind::NewWorkOrders,
                    title: "Work orders updated".into(),
                    body: changes_sentence(new, changed, rescheduled),
                });
            }
        }
        // Offline skips, interruptions and running rows never notify.
        RunStatus::Skipped | RunStatus::Interrupted | RunStatus::Running => {}
    }
    notices
}

fn failure_notice(run: &RunRecord, consecutive_failures: i64) -> Notice {
    let reason = run
        .error
        .clone()
        .unwrap_or_else(|| "The sync failed.".into());
    if reason == SyncError::CredentialsRejected.to_string() {
        return Notice {
            kind: NoticeKind::Failure,
            title: "WorkFossa rejected the password".into(),
            body: "Open Fossa Sync → Settings → Account and enter the current password.".into(),
        };
    }
    let title = if consecutive_failures > 1 {
        format!("Sync failed {consecutive_failures}×")
    } else {
        "Sync failed".to_string()
    };
    Notice {
        kind: NoticeKind::Failure,
        title,
        body: reason,
    }
}

/// "3 new work orders, 1 rescheduled, 2 changed".
pub fn changes_sentence(new: i64, changed: i64, rescheduled: i64) -> String {
    let plural = |n: i64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let rescheduled = rescheduled.clamp(0, changed);
    let mut parts = Vec::new();
    if new > 0 {
        parts.push(plural(new, "new work order", "new work orders"));
    }
    if rescheduled > 0 {
        parts.push(format!("{rescheduled} rescheduled"));
    }
    if changed - rescheduled > 0 {
        parts.push(format!("{} changed", changed - rescheduled));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{JobType, Trigger};

    fn run(status: RunStatus, error: Option<SyncError>) -> RunRecord {
        RunRecord {
            id: 1,
            job_type: JobType::WorkOrders,
            trigger: Trigger::Scheduled,
            status,
            started_at: Utc::now(),
            finished_at: None,
            duration_ms: None,
            attempts: 1,
            missed: 0,
            found: Some(10),
            new: Some(0),
            changed: Some(0),
            removed: Some(0),
            error_class: error.as_ref().map(SyncError::class),
            error: error.map(|e| e.to_string()),
        }
    }

    fn t(minutes: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap() + Duration::minutes(minutes)
    }

    #[test]
    fn first_failure_notifies_then_silence_then_recovery() {
        let settings = NotificationSettings::default();
        let mut memory = Memory::default();
        let failed = run(RunStatus::Failed, Some(SyncError::Timeout("x".into())));
        let first = decide(&mut memory, &failed, 1, 0, &settings, t(0));
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].title, "Sync failed");
        assert!(first[0].body.contains("did not answer in time"));
        assert!(decide(&mut memory, &failed, 2, 0, &settings, t(600)).is_empty());
        let recovered = decide(
            &mut memory,
            &run(RunStatus::Success, None),
            0,
            0,
            &settings,
            t(700),
        );
        assert_eq!(
            recovered.iter().map(|n| n.kind).collect::<Vec<_>>(),
            [NoticeKind::Recovery]
        );
        assert!(decide(
            &mut memory,
            &run(RunStatus::Success, None),
            0,
            0,
            &settings,
            t(800)
        )
        .is_empty());
    }

    #[test]
    fn the_quiet_period_repeats_a_failure_notice() {
        let settings = NotificationSettings {
            quiet_period_minutes: Some(60),
            ..Default::default()
        };
        let mut memory = Memory::default();
        let failed = run(RunStatus::Failed, Some(SyncError::RateLimited));
        assert_eq!(decide(&mut memory, &failed, 1, 0, &settings, t(0)).len(), 1);
        assert!(decide(&mut memory, &failed, 2, 0, &settings, t(59)).is_empty());
        let again = decide(&mut memory, &failed, 3, 0, &settings, t(60));
        assert_eq!(again[0].title, "Sync failed 3×");
        assert!(decide(&mut memory, &failed, 4, 0, &settings, t(90)).is_empty());
    }

    #[test]
    fn rejected_credentials_point_to_settings_and_offline_stays_quiet() {
        let settings = NotificationSettings::default();
        let mut memory = Memory::default();
        let rejected = decide(
            &mut memory,
            &run(RunStatus::Failed, Some(SyncError::CredentialsRejected)),
            1,
            0,
            &settings,
            t(0),
        );
        assert_eq!(rejected[0].title, "WorkFossa rejected the password");
        assert!(rejected[0].body.contains("Settings"));
        let mut fresh = Memory::default();
        assert!(decide(
            &mut fresh,
            &run(RunStatus::Skipped, Some(SyncError::Offline("dns".into()))),
            0,
            0,
            &settings,
            t(0)
        )
        .is_empty());
        assert_eq!(fresh, Memory::default());
    }

    #[test]
    fn new_work_orders_are_announced_only_when_wanted() {
        let mut with_news = run(RunStatus::Success, None);
        with_news.new = Some(3);
        with_news.changed = Some(2);
        let mut memory = Memory::default();
        let notices = decide(
            &mut memory,
            &with_news,
            0,
            1,
            &NotificationSettings::default(),
            t(0),
        );
        assert_eq!(
            notices[0].body,
            "3 new work orders, 1 rescheduled, 1 changed"
        );
        assert!(!notices[0].is_alert());
        let off = NotificationSettings {
            new_work_orders: false,
            ..Default::default()
        };
        assert!(decide(&mut memory, &with_news, 0, 1, &off, t(1)).is_empty());
        assert_eq!(changes_sentence(1, 0, 0), "1 new work order");
    }
}
