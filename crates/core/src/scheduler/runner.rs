//! Executing one run: no overlap per job type, joining, recording the end, moving `next_due` on.

use super::{RunContext, Scheduler, OFFLINE_RETRY};
use crate::error::{EngineError, EngineResult, ErrorClass};
use crate::events::{EngineEvent, ProgressReporter};
use crate::model::{JobType, RunRecord, RunStatus, Trigger};
use crate::schedule;
use chrono::{DateTime, Utc};
use std::sync::Arc;
use tokio::sync::watch;

/// A run in progress; clones share it. [`RunHandle::wait`] gives its final record.
#[derive(Debug, Clone)]
pub struct RunHandle {
    pub run_id: i64,
    pub trigger: Trigger,
    done: watch::Receiver<Option<RunRecord>>,
}

impl RunHandle {
    /// Waits for the run to end and returns its record (None if the engine died underneath).
    pub async fn wait(mut self) -> Option<RunRecord> {
        match self.done.wait_for(Option::is_some).await {
            Ok(record) => record.clone(),
            Err(_) => None,
        }
    }
}

impl Scheduler {
    /// The run in progress for `job`, if any.
    pub async fn running(&self, job: JobType) -> Option<RunHandle> {
        self.running.lock().await.get(&job).cloned()
    }

    /// Starts a run of `job`, or joins the one already running (no overlap).
    pub async fn start_or_join(
        self: &Arc<Self>,
        job: JobType,
        trigger: Trigger,
        missed: i64,
    ) -> EngineResult<RunHandle> {
        self.start_or_join_scoped(job, trigger, missed, false).await
    }

    /// Starts (or joins) a manual run of `job` over only what was never synced.
    pub async fn start_new_only(self: &Arc<Self>, job: JobType) -> EngineResult<RunHandle> {
        self.start_or_join_scoped(job, Trigger::Manual, 0, true)
            .await
    }

    async fn start_or_join_scoped(
        self: &Arc<Self>,
        job: JobType,
        trigger: Trigger,
        missed: i64,
        only_new: bool,
    ) -> EngineResult<RunHandle> {
        let mut running = self.running.lock().await;
        if let Some(handle) = running.get(&job) {
            return Ok(handle.clone());
        }
        if self.shutdown.is_cancelled() {
            return Err(EngineError::Control("Fossa Sync is shutting down".into()));
        }
        let sync_job = self
            .jobs
            .get(&job)
            .cloned()
            .ok_or_else(|| EngineError::Control(format!("no job registered for {job}")))?;
        let started = self.clock.now();
        let run_id = self.store.start_run(job, trigger, started, missed).await?;
        let (done_tx, done_rx) = watch::channel(None);
        let handle = RunHandle {
            run_id,
            trigger,
            done: done_rx,
        };
        running.insert(job, handle.clone());
        drop(running);

        self.events.emit(EngineEvent::RunStarted {
            run_id,
            job_type: job,
            trigger,
        });
        self.emit_status(job).await;
        let ctx = RunContext {
            run_id,
            job_type: job,
            trigger,
            only_new,
            store: self.store.clone(),
            clock: self.clock.clone(),
            progress: ProgressReporter::new(self.events.clone(), run_id, job),
            cancel: self.shutdown.child_token(),
        };
        let scheduler = Arc::clone(self);
        tokio::spawn(async move {
            // One job on WorkFossa at a time: a due job waits for the running one.
            let cancel = ctx.cancel.clone();
            let outcome = tokio::select! {
                turn = scheduler.site_turn.lock() => {
                    let outcome = sync_job.run(ctx).await;
                    drop(turn);
                    outcome
                }
                _ = cancel.cancelled() => Err(crate::error::SyncError::Cancelled.into()),
            };
            let record = scheduler.record_end(job, run_id, outcome).await;
            scheduler.running.lock().await.remove(&job);
            if let Some(record) = record.clone() {
                scheduler.events.emit(EngineEvent::RunFinished {
                    run: Box::new(record),
                });
            }
            scheduler.emit_status(job).await;
            let _ = done_tx.send(record);
        });
        Ok(handle)
    }

    /// Writes the end of a run that the job did not already finish, and moves `next_due` on.
    async fn record_end(
        &self,
        job: JobType,
        run_id: i64,
        outcome: Result<crate::model::RunSummary, super::JobFailure>,
    ) -> Option<RunRecord> {
        let now = self.clock.now();
        let mut offline = false;
        let written = match &outcome {
            Ok(summary) => self.ensure_success_recorded(run_id, now, summary).await,
            Err(failure) => {
                let class = failure.error.class();
                let status = if matches!(failure.error, crate::error::SyncError::Cancelled) {
                    RunStatus::Interrupted
                } else if class == ErrorClass::Offline {
                    offline = true;
                    RunStatus::Skipped
                } else {
                    RunStatus::Failed
                };
                let message = failure.error.to_string();
                tracing::warn!(run_id, %message, class = class.as_str(), "sync did not succeed");
                self.store
                    .finish_run_unsuccessful(
                        run_id,
                        status,
                        now,
                        failure.attempts,
                        Some((class, &message)),
                    )
                    .await
            }
        };
        if let Err(error) = written {
            tracing::error!(run_id, %error, "could not record the end of a run");
        }
        if let Err(error) = self.advance_after_run(job, now, offline).await {
            tracing::error!(%error, "could not move the schedule on after a run");
        }
        self.store.run(run_id).await.ok()
    }

    async fn ensure_success_recorded(
        &self,
        run_id: i64,
        now: DateTime<Utc>,
        summary: &crate::model::RunSummary,
    ) -> EngineResult<()> {
        let mut conn = self.store.pool().acquire().await?;
        crate::store::Store::finish_run_success(&mut conn, run_id, now, summary).await
    }

    /// After any run: a `next_due` at or before now is consumed (fires during the run coalesce
    /// into it); an offline skip tries again soon while inside an allowed window.
    async fn advance_after_run(
        &self,
        job: JobType,
        now: DateTime<Utc>,
        offline: bool,
    ) -> EngineResult<()> {
        let row = self.schedule_row(job).await?;
        if row.paused || !row.config.enabled {
            return Ok(());
        }
        let mut next = match row.next_due {
            Some(due) if due > now => Some(due),
            _ => schedule::next_fire_after(&row.config, now),
        };
        if offline && schedule::window_containing(&row.config, now).is_some() {
            let retry = now + OFFLINE_RETRY;
            next = Some(next.map_or(retry, |due| due.min(retry)));
        }
        if next != row.next_due {
            self.store.set_next_due(job, next).await?;
            self.choose_jitter(job, next, row.config.jitter_seconds);
        }
        Ok(())
    }
}
