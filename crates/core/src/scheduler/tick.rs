//! The scheduler's single decision step: given the wall-clock instant, run now, wait, catch up,
//! coalesce into the running sync, or skip a missed fire that fell outside every window.

use super::{Scheduler, ON_TIME_GRACE};
use crate::error::EngineResult;
use crate::model::{JobType, Trigger};
use crate::schedule;
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// What one tick decided for one job type (tests assert on it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TickDecision {
    /// The schedule is switched off.
    Disabled,
    /// Paused (indefinitely or until an instant still ahead).
    Paused,
    /// Not yet due.
    Waiting { next_due: DateTime<Utc> },
    /// A sync started.
    Started {
        run_id: i64,
        trigger: Trigger,
        missed: i64,
    },
    /// Due while a sync runs: the fire is coalesced into it.
    CoalescedIntoRunning { run_id: i64 },
    /// Fires were missed but now is outside every allowed window: no catch-up.
    MissedOutsideWindow {
        missed: i64,
        next_due: Option<DateTime<Utc>>,
    },
}

impl Scheduler {
    /// Decides, for every job type, what to do at `now`, and starts runs that are due.
    pub async fn tick(self: &Arc<Self>, now: DateTime<Utc>) -> EngineResult<Vec<TickDecision>> {
        let mut decisions = Vec::with_capacity(self.jobs.len());
        let mut jobs: Vec<JobType> = self.jobs.keys().copied().collect();
        jobs.sort_by_key(|job| job.as_str());
        for job in jobs {
            decisions.push(self.tick_job(job, now).await?);
        }
        Ok(decisions)
    }

    async fn tick_job(
        self: &Arc<Self>,
        job: JobType,
        now: DateTime<Utc>,
    ) -> EngineResult<TickDecision> {
        let mut row = self.schedule_row(job).await?;
        if row.paused {
            match row.paused_until {
                Some(until) if until <= now => {
                    self.resume_at(job, now).await?;
                    row = self.schedule_row(job).await?;
                }
                _ => return Ok(TickDecision::Paused),
            }
        }
        let config = &row.config;
        if !config.enabled {
            return Ok(TickDecision::Disabled);
        }
        let Some(next_due) = row.next_due else {
            // First start (or re-enabled): the grid's next fire.
            let next = schedule::next_fire_at_or_after(config, now);
            self.store.set_next_due(job, next).await?;
            self.choose_jitter(job, next, config.jitter_seconds);
            self.emit_status(job).await;
            return match next {
                Some(next) if next <= now => Box::pin(self.tick_job(job, now)).await,
                Some(next) => Ok(TickDecision::Waiting { next_due: next }),
                None => Ok(TickDecision::Disabled),
            };
        };
        if let Some(running) = self.running(job).await {
            if now >= next_due {
                return Ok(TickDecision::CoalescedIntoRunning {
                    run_id: running.run_id,
                });
            }
            return Ok(TickDecision::Waiting { next_due });
        }
        let jitter = self.jitter_for(job, next_due);
        if now < next_due + jitter {
            return Ok(TickDecision::Waiting { next_due });
        }
        if now - next_due <= ON_TIME_GRACE + jitter {
            let handle = self.start_or_join(job, Trigger::Scheduled, 0).await?;
            return Ok(TickDecision::Started {
                run_id: handle.run_id,
                trigger: handle.trigger,
                missed: 0,
            });
        }
        // Late: the app was not running, or the machine slept through one or more fires.
        let fires =
            schedule::fires_between(config, next_due, now + chrono::Duration::milliseconds(1));
        let missed = i64::try_from(fires.len()).unwrap_or(i64::MAX).max(1);
        if schedule::window_containing(config, now).is_some() {
            let handle = self.start_or_join(job, Trigger::CatchUp, missed).await?;
            return Ok(TickDecision::Started {
                run_id: handle.run_id,
                trigger: handle.trigger,
                missed,
            });
        }
        let next = schedule::next_fire_after(config, now);
        self.store.set_next_due(job, next).await?;
        self.choose_jitter(job, next, config.jitter_seconds);
        tracing::info!(
            missed,
            "missed fires outside the active window; no catch-up"
        );
        self.emit_status(job).await;
        Ok(TickDecision::MissedOutsideWindow {
            missed,
            next_due: next,
        })
    }
}
