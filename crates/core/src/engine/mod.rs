//! The one engine handle that the CLI, the HTTP API and the desktop shell all call.
//!
//! A *primary* engine holds the data dir's lock, schedules, and answers the control socket; a
//! *reader* engine only reads the store (status, history, work orders) while another holds it.

use crate::clock::{Clock, SystemClock};
use crate::error::{EngineError, EngineResult};
use crate::events::{EngineEvent, EventBus};
use crate::model::{JobType, RunRecord, Status};
use crate::paths::{ensure_data_dir, DataDirLock};
use crate::schedule::{self, ScheduleConfig, ScheduleForms};
use crate::scheduler::{Scheduler, SyncJob};
use crate::store::{HistoryFilter, ScheduleRow, Store, DATABASE_FILE};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::sync::broadcast;

mod control_server;
mod demo;
mod demo_session;
mod handle;
mod jobs;
mod operations;
mod rules;

pub use control_server::serve_control;
pub use demo::{demo_data_dir, demo_wanted, DemoLeft, DEMO_DECLINED_SETTING, DEMO_DIR};
pub use demo_session::{decline_demo, leave_demo_from, DemoSite, Serving, DEMO_SITE};
pub use handle::EngineHandle;
pub use operations::{AccountUpdate, DailyStat, WorkOrderView};
pub use rules::{configured_account, pause_end, schedule_request, tomorrow_start, PauseRequest};

/// How to open an engine.
#[derive(Clone)]
pub struct EngineOptions {
    pub data_dir: PathBuf,
    pub clock: Arc<dyn Clock>,
    /// The work-order job; None = the WorkFossa sync built from the stored account.
    pub job: Option<Arc<dyn SyncJob>>,
    /// The dispenser job; None = the WorkFossa one on the work-order job's session when that
    /// job is the WorkFossa one too, else no dispenser job (test doubles sync work orders only).
    pub dispenser_job: Option<Arc<dyn SyncJob>>,
    pub default_schedule: ScheduleConfig,
}

impl EngineOptions {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            clock: Arc::new(SystemClock),
            job: None,
            dispenser_job: None,
            default_schedule: ScheduleConfig::default_for_system(),
        }
    }

    pub fn with_job(mut self, job: Arc<dyn SyncJob>) -> Self {
        self.job = Some(job);
        self
    }

    pub fn with_dispenser_job(mut self, job: Arc<dyn SyncJob>) -> Self {
        self.dispenser_job = Some(job);
        self
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }
}

/// The schedule as shown to users: configuration plus scheduler state.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ScheduleView {
    pub job_type: JobType,
    #[serde(flatten)]
    pub config: ScheduleConfig,
    /// The interval in hours and the active hours as whole hours, beside the config's forms.
    #[serde(flatten)]
    pub forms: ScheduleForms,
    pub next_due: Option<DateTime<Utc>>,
    pub paused: bool,
    pub paused_until: Option<DateTime<Utc>>,
}

impl From<ScheduleRow> for ScheduleView {
    fn from(row: ScheduleRow) -> Self {
        Self {
            job_type: row.job_type,
            forms: ScheduleForms::of(&row.config),
            config: row.config,
            next_due: row.next_due,
            paused: row.paused,
            paused_until: row.paused_until,
        }
    }
}

pub struct Engine {
    data_dir: PathBuf,
    store: Store,
    scheduler: Arc<Scheduler>,
    lock: Option<DataDirLock>,
}

impl Engine {
    /// Opens the store without taking the lock: for read commands while another engine runs.
    pub async fn open_reader(options: EngineOptions) -> EngineResult<Self> {
        Self::open(options, None).await
    }

    /// Takes the data dir's lock (one scheduler per data dir), marks runs left `running` by a dead
    /// process as `interrupted`, and is ready to schedule ([`Engine::spawn_scheduler`]).
    pub async fn open_primary(options: EngineOptions) -> EngineResult<Self> {
        let lock = DataDirLock::acquire(&options.data_dir)?;
        let engine = Self::open(options, Some(lock)).await?;
        let interrupted = engine
            .store
            .mark_abandoned_runs_interrupted(engine.scheduler.now())
            .await?;
        if interrupted > 0 {
            tracing::warn!(
                interrupted,
                "marked runs left running by a stopped process as interrupted"
            );
        }
        Ok(engine)
    }

    async fn open(options: EngineOptions, lock: Option<DataDirLock>) -> EngineResult<Self> {
        ensure_data_dir(&options.data_dir)?;
        let store = Store::open(&options.data_dir.join(DATABASE_FILE)).await?;
        let (job, dispenser_job) = jobs_for(&options);
        let scheduler = Scheduler::new(
            store.clone(),
            EventBus::new(),
            options.clock,
            options.default_schedule.clone(),
        )
        .with_job(JobType::WorkOrders, job);
        let scheduler = match dispenser_job {
            Some(dispensers) => scheduler.with_job(JobType::Dispensers, dispensers),
            None => scheduler,
        };
        Ok(Self {
            data_dir: options.data_dir,
            store,
            scheduler: Arc::new(scheduler),
            lock,
        })
    }

    pub fn is_primary(&self) -> bool {
        self.lock.is_some()
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn scheduler(&self) -> &Arc<Scheduler> {
        &self.scheduler
    }

    pub fn subscribe(&self) -> broadcast::Receiver<EngineEvent> {
        self.scheduler.events().subscribe()
    }

    /// Starts the scheduling loop in the background (primary engines only).
    pub fn spawn_scheduler(&self) -> EngineResult<tokio::task::JoinHandle<()>> {
        if !self.is_primary() {
            return Err(EngineError::Control(
                "only the engine that holds the data dir may schedule".into(),
            ));
        }
        let notifier = self.notifier();
        let events = self.subscribe();
        let scheduler = Arc::clone(&self.scheduler);
        Ok(tokio::spawn(async move {
            if let Err(error) = notifier.prime(scheduler.now()).await {
                tracing::warn!(%error, "could not read the notification state");
            }
            let notifying = tokio::spawn(notifier.run(events));
            scheduler.run_loop().await;
            notifying.abort();
        }))
    }

    /// Pauses for a number of minutes from now.
    pub async fn pause_for(&self, minutes: u32) -> EngineResult<Status> {
        let until = self.pause_end(minutes)?;
        self.pause(Some(until)).await
    }

    /// The end of a pause of `minutes` from now (1 minute to a year).
    pub fn pause_end(&self, minutes: u32) -> EngineResult<DateTime<Utc>> {
        rules::pause_end(minutes, self.scheduler.now())
    }

    /// Stops scheduling; a running sync is cancelled and recorded `interrupted` (nothing written).
    pub async fn shutdown(&self) {
        self.scheduler.shutdown().await;
        self.store.close().await;
    }

    pub async fn status(&self) -> EngineResult<Status> {
        self.scheduler.status(JobType::WorkOrders).await
    }

    /// The work-order job's schedule.
    pub async fn schedule(&self) -> EngineResult<ScheduleView> {
        self.schedule_of(JobType::WorkOrders).await
    }

    /// Validates and saves the work-order job's schedule.
    pub async fn set_schedule(&self, config: ScheduleConfig) -> EngineResult<ScheduleView> {
        self.set_schedule_of(JobType::WorkOrders, config).await
    }

    /// Creates a job type's schedule; [`EngineError::Conflict`] when it already has one (every
    /// known job type gets one when the engine first reads it, so only a new data dir has none).
    pub async fn create_schedule(
        &self,
        job: JobType,
        config: ScheduleConfig,
    ) -> EngineResult<ScheduleView> {
        config.validate()?;
        if self.store.schedule(job).await?.is_some() {
            return Err(EngineError::Conflict(format!(
                "The {job} schedule already exists; change it with PUT /api/scraping-schedules/{job}."
            )));
        }
        self.scheduler.set_schedule(job, config).await?;
        Ok(self.scheduler.schedule_row(job).await?.into())
    }

    /// The next `count` fire instants at or after `from` in the schedule's zone (ignores pause, jitter).
    pub async fn preview(
        &self,
        config: Option<ScheduleConfig>,
        from: Option<DateTime<Utc>>,
        count: usize,
    ) -> EngineResult<Vec<DateTime<Tz>>> {
        let config = match config {
            Some(config) => config,
            None => self.schedule().await?.config,
        };
        config.validate()?;
        if !(1..=500).contains(&count) {
            return Err(EngineError::invalid(
                "count",
                "preview between 1 and 500 instants",
            ));
        }
        let from = from.unwrap_or_else(|| self.scheduler.now());
        Ok(schedule::preview(&config, from, count))
    }

    /// Pauses every job until `until` (None: until resumed); the work-order job's status.
    pub async fn pause(&self, until: Option<DateTime<Utc>>) -> EngineResult<Status> {
        for job in JobType::ALL {
            self.scheduler.pause(job, until).await?;
        }
        self.status().await
    }

    /// Resumes every job; the work-order job's status.
    pub async fn resume(&self) -> EngineResult<Status> {
        for job in JobType::ALL {
            self.scheduler.resume(job).await?;
        }
        self.status().await
    }

    pub async fn history(&self, filter: &HistoryFilter) -> EngineResult<Vec<RunRecord>> {
        self.store.history(filter).await
    }

    pub async fn run(&self, id: i64) -> EngineResult<RunRecord> {
        self.store.run(id).await
    }
}

/// The work-order and dispenser jobs an engine runs: the given ones, else WorkFossa's on one
/// shared session (see [`EngineOptions::dispenser_job`]).
fn jobs_for(options: &EngineOptions) -> (Arc<dyn SyncJob>, Option<Arc<dyn SyncJob>>) {
    use crate::sync::{DispenserJob, SiteSession, WorkFossaJob};
    let site = Arc::new(SiteSession::new(options.data_dir.clone()));
    match &options.job {
        Some(job) => (Arc::clone(job), options.dispenser_job.clone()),
        None => (
            Arc::new(WorkFossaJob::on(Arc::clone(&site))),
            Some(
                options
                    .dispenser_job
                    .clone()
                    .unwrap_or_else(|| Arc::new(DispenserJob::on(site))),
            ),
        ),
    }
}
