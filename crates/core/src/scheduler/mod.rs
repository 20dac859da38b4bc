//! The scheduler: decides when syncs run (wall clock, catch-up, pause, no overlap) and runs them.
//!
//! [`Scheduler::tick`] is the single decision step, driven with any instant; [`Scheduler::run_loop`]
//! only sleeps in short steps and calls it, so a suspended laptop is noticed on waking.

mod control;
mod job;
mod runner;
mod tick;

pub use job::{JobFailure, RunContext, SyncJob};
pub use runner::RunHandle;
pub use tick::TickDecision;

use crate::clock::Clock;
use crate::error::EngineResult;
use crate::events::EventBus;
use crate::model::JobType;
use crate::schedule::ScheduleConfig;
use crate::store::{ScheduleRow, Store};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

/// The longest the loop sleeps before looking at the wall clock again.
pub const MAX_SLEEP: Duration = Duration::from_secs(30);
/// How late a fire may be noticed and still count as on time rather than missed.
pub const ON_TIME_GRACE: chrono::Duration = chrono::Duration::seconds(120);
/// How soon an offline skip tries again while inside an allowed window.
pub const OFFLINE_RETRY: chrono::Duration = chrono::Duration::seconds(60);

pub struct Scheduler {
    store: Store,
    jobs: HashMap<JobType, Arc<dyn SyncJob>>,
    events: EventBus,
    clock: Arc<dyn Clock>,
    default_config: ScheduleConfig,
    running: tokio::sync::Mutex<HashMap<JobType, RunHandle>>,
    /// Held by the run that is on WorkFossa: jobs take turns.
    site_turn: tokio::sync::Mutex<()>,
    /// The random delay chosen for each job's current `next_due` (jitter does not move the grid).
    jitter: Mutex<HashMap<JobType, (DateTime<Utc>, chrono::Duration)>>,
    shutdown: CancellationToken,
    wake: Notify,
    max_sleep: Duration,
}

impl Scheduler {
    pub fn new(
        store: Store,
        events: EventBus,
        clock: Arc<dyn Clock>,
        default_config: ScheduleConfig,
    ) -> Self {
        Self {
            store,
            jobs: HashMap::new(),
            events,
            clock,
            default_config,
            running: tokio::sync::Mutex::new(HashMap::new()),
            site_turn: tokio::sync::Mutex::new(()),
            jitter: Mutex::new(HashMap::new()),
            shutdown: CancellationToken::new(),
            wake: Notify::new(),
            max_sleep: MAX_SLEEP,
        }
    }

    /// Registers the job that performs `job_type`'s syncs.
    pub fn with_job(mut self, job_type: JobType, job: Arc<dyn SyncJob>) -> Self {
        self.jobs.insert(job_type, job);
        self
    }

    /// Whether a job performs `job_type`'s syncs.
    pub fn has_job(&self, job_type: JobType) -> bool {
        self.jobs.contains_key(&job_type)
    }

    /// Shortens the loop's look-again step (tests; the default is [`MAX_SLEEP`]).
    pub fn with_max_sleep(mut self, step: Duration) -> Self {
        self.max_sleep = step.min(MAX_SLEEP);
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn events(&self) -> &EventBus {
        &self.events
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The job's schedule row, created with the default configuration on first use.
    pub async fn schedule_row(&self, job: JobType) -> EngineResult<ScheduleRow> {
        self.store
            .schedule_or_insert(job, &self.default_for(job), self.clock.now())
            .await
    }

    /// A job's schedule before anyone changes it: the engine's default for the work orders; for
    /// the dispensers the same days, hours and zone, once a day at the window's opening.
    pub fn default_for(&self, job: JobType) -> ScheduleConfig {
        match job {
            JobType::WorkOrders => self.default_config.clone(),
            JobType::Dispensers => self.default_config.for_dispensers(),
        }
    }

    /// Sleeps in steps of at most [`MAX_SLEEP`] and ticks, until [`Scheduler::shutdown`].
    pub async fn run_loop(self: Arc<Self>) {
        loop {
            let now = self.clock.now();
            if let Err(error) = self.tick(now).await {
                tracing::error!(%error, "scheduler tick failed");
            }
            let sleep = self.sleep_until_next_look(now).await;
            tokio::select! {
                _ = self.shutdown.cancelled() => break,
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(sleep) => {}
            }
        }
    }

    async fn sleep_until_next_look(&self, now: DateTime<Utc>) -> Duration {
        let mut sleep = self.max_sleep;
        for job in self.jobs.keys() {
            if let Ok(Some(row)) = self.store.schedule(*job).await {
                if let Some(due) = row.next_due {
                    let due = due + self.jitter_for(*job, due);
                    if let Ok(wait) = (due - now).to_std() {
                        sleep = sleep.min(wait + Duration::from_millis(5));
                    }
                }
            }
        }
        sleep.max(Duration::from_millis(10))
    }

    /// Makes the loop look again now (after a schedule change, resume, ...).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Stops the loop and cancels running syncs, then waits for them to record their end.
    pub async fn shutdown(&self) {
        self.shutdown.cancel();
        let handles: Vec<RunHandle> = self.running.lock().await.values().cloned().collect();
        for handle in handles {
            handle.wait().await;
        }
    }

    pub fn is_shut_down(&self) -> bool {
        self.shutdown.is_cancelled()
    }

    fn jitter_for(&self, job: JobType, due: DateTime<Utc>) -> chrono::Duration {
        let Ok(jitter) = self.jitter.lock() else {
            return chrono::Duration::zero();
        };
        match jitter.get(&job) {
            Some((for_due, delay)) if *for_due == due => *delay,
            _ => chrono::Duration::zero(),
        }
    }

    /// Draws the random delay for a new `next_due` (0 when jitter is off).
    fn choose_jitter(&self, job: JobType, due: Option<DateTime<Utc>>, jitter_seconds: u32) {
        let Ok(mut jitter) = self.jitter.lock() else {
            return;
        };
        match due {
            Some(due) if jitter_seconds > 0 => {
                let millis = rand::random_range(0..=i64::from(jitter_seconds) * 1000);
                jitter.insert(job, (due, chrono::Duration::milliseconds(millis)));
            }
            _ => {
                jitter.remove(&job);
            }
        }
    }
}
