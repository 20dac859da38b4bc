//! What a user can ask of the scheduler: sync now, pause, resume, change the schedule, status.

use super::{RunHandle, Scheduler};
use crate::error::{EngineError, EngineResult};
use crate::events::EngineEvent;
use crate::model::{JobType, RunStatus, State, Status, Trigger};
use crate::schedule::{self, ScheduleConfig};
use chrono::{DateTime, Utc};
use std::sync::Arc;

impl Scheduler {
    /// A manual sync now; joins the running one if there is one. Allowed while paused.
    pub async fn sync_now(self: &Arc<Self>, job: JobType) -> EngineResult<RunHandle> {
        self.start_or_join(job, Trigger::Manual, 0).await
    }

    /// Pauses scheduled runs indefinitely (`until` None) or until an instant.
    pub async fn pause(&self, job: JobType, until: Option<DateTime<Utc>>) -> EngineResult<()> {
        let now = self.clock.now();
        if let Some(until) = until {
            if until <= now {
                return Err(EngineError::invalid(
                    "until",
                    "the pause must end in the future",
                ));
            }
        }
        let row = self.schedule_row(job).await?;
        self.store.set_pause(job, true, until, row.next_due).await?;
        self.emit_status(job).await;
        self.wake();
        Ok(())
    }

    /// Ends a pause; fires missed while paused are not caught up.
    pub async fn resume(&self, job: JobType) -> EngineResult<()> {
        self.resume_at(job, self.clock.now()).await?;
        self.emit_status(job).await;
        self.wake();
        Ok(())
    }

    pub(super) async fn resume_at(&self, job: JobType, now: DateTime<Utc>) -> EngineResult<()> {
        let row = self.schedule_row(job).await?;
        let next = if row.config.enabled {
            schedule::next_fire_at_or_after(&row.config, now)
        } else {
            None
        };
        self.store.set_pause(job, false, None, next).await?;
        self.choose_jitter(job, next, row.config.jitter_seconds);
        Ok(())
    }

    /// Validates and stores a new schedule; it takes effect at once (new `next_due`).
    pub async fn set_schedule(&self, job: JobType, config: ScheduleConfig) -> EngineResult<()> {
        config.validate()?;
        let now = self.clock.now();
        self.schedule_row(job).await?;
        let next = if config.enabled {
            schedule::next_fire_at_or_after(&config, now)
        } else {
            None
        };
        self.store.save_schedule(job, &config, next, now).await?;
        self.choose_jitter(job, next, config.jitter_seconds);
        self.emit_status(job).await;
        self.wake();
        Ok(())
    }

    /// The status the shells show, computed from the store (true across processes).
    pub async fn status(&self, job: JobType) -> EngineResult<Status> {
        let now = self.clock.now();
        let row = self.schedule_row(job).await?;
        let last_run = self.store.last_finished_run(job).await?;
        let running = self
            .store
            .history(&crate::store::HistoryFilter {
                job_type: Some(job),
                status: Some(RunStatus::Running),
                limit: Some(1),
                ..Default::default()
            })
            .await?
            .into_iter()
            .next();
        let state = if running.is_some() {
            State::Running
        } else if row.paused || !row.config.enabled {
            State::Paused
        } else if last_run
            .as_ref()
            .is_some_and(|run| run.status == RunStatus::Failed)
        {
            State::Failed
        } else {
            State::Active
        };
        let next_run = match (row.paused, row.paused_until) {
            _ if !row.config.enabled => None,
            (true, Some(until)) => schedule::next_fire_at_or_after(&row.config, until),
            (true, None) => None,
            (false, _) => row.next_due.map(|due| due + self.jitter_for(job, due)),
        };
        Ok(Status {
            state,
            job_type: job,
            enabled: row.config.enabled,
            interval_minutes: row.config.interval_minutes,
            next_run,
            countdown_seconds: next_run.map(|next| (next - now).num_seconds().max(0)),
            paused: row.paused,
            paused_until: row.paused_until,
            consecutive_failures: self.store.consecutive_failures(job).await?,
            last_run,
            last_success_at: self
                .store
                .last_success(job)
                .await?
                .and_then(|run| run.finished_at),
            running_run_id: running.map(|run| run.id),
            demo: self.store.is_demo().await?,
        })
    }

    pub(super) async fn emit_status(&self, job: JobType) {
        match self.status(job).await {
            Ok(status) => self.events.emit(EngineEvent::StatusChanged {
                status: Box::new(status),
            }),
            Err(error) => tracing::error!(%error, "could not compute the status"),
        }
    }
}
