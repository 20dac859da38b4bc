//! [`EngineHandle`]: the engine as a shell (CLI, desktop app) uses it. It either holds the data
//! dir itself (*local*: this process may schedule and acts in-process), or, while a daemon or the
//! desktop app holds the data dir's lock, reads the store and sends the acting operations (sync,
//! pause, resume, schedule changes, leaving the demo) to that engine over its control socket
//! (*remote*), so the holder's state stays true. Every operation has one spelling either way.

use super::WorkOrderView;
use super::{AccountUpdate, DailyStat, DemoLeft, Engine, EngineOptions, ScheduleView};
use crate::control::{self, ControlReply, ControlRequest};
use crate::credentials::{AccountInfo, PasswordStore};
use crate::error::{EngineError, EngineResult};
use crate::events::{EngineEvent, Progress};
use crate::model::{JobType, RunRecord, Status};
use crate::paths::DataDirLock;
use crate::schedule::ScheduleConfig;
use crate::settings::Settings;
use crate::store::{ChangeRecord, HistoryFilter, StoredDispenser, WorkOrderQuery, DATABASE_FILE};
use crate::workfossa::Password;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::path::Path;
use std::sync::Arc;
use tokio::sync::broadcast;

/// An engine opened locally, or a reader that acts through the engine holding the data dir.
#[derive(Clone)]
pub struct EngineHandle {
    engine: Arc<Engine>,
    remote: bool,
}

impl EngineHandle {
    /// Takes the data dir's lock when nobody holds it (local), else opens the store beside the
    /// engine that does (remote).
    pub async fn open(options: EngineOptions) -> EngineResult<Self> {
        if !DataDirLock::is_held(&options.data_dir) {
            match Engine::open_primary(options.clone()).await {
                Ok(engine) => return Ok(Self::local(Arc::new(engine))),
                Err(EngineError::AlreadyRunning(_)) => {}
                Err(error) => return Err(error),
            }
        }
        Self::open_reader(options).await
    }

    /// Never takes the lock: for reading while a daemon may run. Acting operations go to the
    /// engine holding the data dir (and fail clearly when none does).
    pub async fn open_reader(options: EngineOptions) -> EngineResult<Self> {
        Ok(Self {
            engine: Arc::new(Engine::open_reader(options).await?),
            remote: true,
        })
    }

    /// Wraps an engine that acts itself (normally the one holding the data dir).
    pub fn local(engine: Arc<Engine>) -> Self {
        Self {
            engine,
            remote: false,
        }
    }

    /// True when acting operations go to another process's engine.
    pub fn is_remote(&self) -> bool {
        self.remote
    }

    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    pub fn data_dir(&self) -> &Path {
        self.engine.data_dir()
    }

    /// The local engine's events (a remote engine's events do not reach this process).
    pub fn subscribe(&self) -> broadcast::Receiver<EngineEvent> {
        self.engine.subscribe()
    }

    async fn request(
        &self,
        request: ControlRequest,
        on_progress: impl FnMut(&Progress),
    ) -> EngineResult<ControlReply> {
        control::request(self.data_dir(), &request, on_progress).await
    }

    /// The status the remote engine answered, or (another answer) the one in the store.
    async fn remote_status(&self, request: ControlRequest) -> EngineResult<Status> {
        match self.request(request, |_| {}).await? {
            ControlReply::Status { status } => Ok(*status),
            _ => self.engine.status().await,
        }
    }

    // Acting operations: in-process when local, over the control socket when remote.

    /// Pauses until `until`, or (None) until resumed.
    pub async fn pause(&self, until: Option<DateTime<Utc>>) -> EngineResult<Status> {
        if self.remote {
            return self.remote_status(ControlRequest::Pause { until }).await;
        }
        self.engine.pause(until).await
    }

    /// Pauses for `minutes` (1 minute to a year) from now.
    pub async fn pause_for(&self, minutes: u32) -> EngineResult<Status> {
        let until = self.engine.pause_end(minutes)?;
        self.pause(Some(until)).await
    }

    pub async fn resume(&self) -> EngineResult<Status> {
        if self.remote {
            return self.remote_status(ControlRequest::Resume).await;
        }
        self.engine.resume().await
    }

    /// Validates and saves the work-order schedule; the schedule as stored afterwards.
    pub async fn set_schedule(&self, config: ScheduleConfig) -> EngineResult<ScheduleView> {
        self.set_schedule_of(JobType::WorkOrders, config).await
    }

    /// Validates and saves `job`'s schedule; the schedule as stored afterwards.
    pub async fn set_schedule_of(
        &self,
        job: JobType,
        config: ScheduleConfig,
    ) -> EngineResult<ScheduleView> {
        if self.remote {
            config.validate()?;
            let request = ControlRequest::SetSchedule {
                job: Some(job),
                config,
            };
            self.request(request, |_| {}).await?;
            return self.engine.schedule_of(job).await;
        }
        self.engine.set_schedule_of(job, config).await
    }

    /// "Sync now" (the work orders, then the dispensers of stations never read): starts it (or
    /// joins the running one) and waits for the work-order run's record; `on_progress` sees its
    /// progress.
    pub async fn sync(&self, on_progress: impl FnMut(&Progress)) -> EngineResult<RunRecord> {
        self.sync_run(None, on_progress).await
    }

    /// One job alone (see [`Engine::sync_job`]), waited for like [`EngineHandle::sync`].
    pub async fn sync_job(
        &self,
        job: JobType,
        on_progress: impl FnMut(&Progress),
    ) -> EngineResult<RunRecord> {
        self.sync_run(Some(job), on_progress).await
    }

    async fn sync_run(
        &self,
        job: Option<JobType>,
        mut on_progress: impl FnMut(&Progress),
    ) -> EngineResult<RunRecord> {
        if self.remote {
            return match self
                .request(ControlRequest::Sync { job }, on_progress)
                .await?
            {
                ControlReply::Run { run } => Ok(*run),
                other => Err(EngineError::Control(format!("unexpected answer {other:?}"))),
            };
        }
        let mut events = self.engine.subscribe();
        let handle = match job {
            Some(JobType::Dispensers) => self.engine.sync_job(JobType::Dispensers).await?,
            _ => self.engine.sync_work_orders().await?,
        };
        let record = wait_with_progress(handle, &mut events, &mut on_progress).await?;
        // "Sync now" here waits for the stations never read too (a one-shot `sync` then stops).
        if let Some(next) = self.engine.read_new_stations(&record).await? {
            wait_with_progress(next, &mut events, &mut on_progress).await?;
        }
        Ok(record)
    }

    /// Starts a manual sync (or joins the running one) and returns its id at once; through a
    /// remote engine it waits for the end (its progress events do not reach this process).
    pub async fn start_sync(&self) -> EngineResult<i64> {
        self.start_job(JobType::WorkOrders).await
    }

    /// Starts one job (the work orders: "Sync now") and returns its run's id at once; through
    /// a remote engine it waits for the end.
    pub async fn start_job(&self, job: JobType) -> EngineResult<i64> {
        if self.remote {
            return Ok(self.sync_run(Some(job), |_| {}).await?.id);
        }
        Ok(self.engine.sync_job(job).await?.run_id)
    }

    /// Leaves the demo (see [`Engine::leave_demo`]).
    pub async fn leave_demo(&self) -> EngineResult<DemoLeft> {
        if self.remote {
            return match self.request(ControlRequest::LeaveDemo, |_| {}).await? {
                ControlReply::DemoLeft { left } => Ok(left),
                other => Err(EngineError::Control(format!("unexpected answer {other:?}"))),
            };
        }
        self.engine.leave_demo().await
    }

    // Reading operations: the store, the same either way.

    pub async fn status(&self) -> EngineResult<Status> {
        self.engine.status().await
    }

    pub async fn schedule(&self) -> EngineResult<ScheduleView> {
        self.engine.schedule().await
    }

    pub async fn schedule_of(&self, job: JobType) -> EngineResult<ScheduleView> {
        self.engine.schedule_of(job).await
    }

    /// Every job's schedule, work orders first.
    pub async fn schedules(&self) -> EngineResult<Vec<ScheduleView>> {
        self.engine.schedules().await
    }

    pub async fn status_of(&self, job: JobType) -> EngineResult<Status> {
        self.engine.status_of(job).await
    }

    /// The stored dispensers of one location (not found when no work order links to it and it
    /// was never read) or of all.
    pub async fn dispensers(&self, location: Option<i64>) -> EngineResult<Vec<StoredDispenser>> {
        self.engine.dispensers(location).await
    }

    pub async fn daily_stats_of(&self, days: u32, job: JobType) -> EngineResult<Vec<DailyStat>> {
        self.engine.daily_stats_of(days, job).await
    }

    pub async fn preview(
        &self,
        config: Option<ScheduleConfig>,
        from: Option<DateTime<Utc>>,
        count: usize,
    ) -> EngineResult<Vec<DateTime<Tz>>> {
        self.engine.preview(config, from, count).await
    }

    pub async fn history(&self, filter: &HistoryFilter) -> EngineResult<Vec<RunRecord>> {
        self.engine.history(filter).await
    }

    pub async fn run(&self, id: i64) -> EngineResult<RunRecord> {
        self.engine.run(id).await
    }

    pub async fn work_orders(&self, query: &WorkOrderQuery) -> EngineResult<Vec<WorkOrderView>> {
        self.engine.work_orders(query).await
    }

    pub async fn changes(
        &self,
        run_id: Option<i64>,
        since: Option<DateTime<Utc>>,
    ) -> EngineResult<Vec<ChangeRecord>> {
        self.engine.changes(run_id, since).await
    }

    pub async fn daily_stats(&self, days: u32) -> EngineResult<Vec<DailyStat>> {
        self.engine.daily_stats(days).await
    }

    pub async fn settings(&self) -> EngineResult<Settings> {
        self.engine.settings().await
    }

    pub async fn account(&self) -> EngineResult<AccountInfo> {
        self.engine.account().await
    }

    // Settings and the account are written to the store (and the keyring) directly, as the
    // engine holding the data dir reads them afresh for every sync and notification.

    pub async fn set_settings(&self, settings: Settings) -> EngineResult<Settings> {
        self.engine.set_settings(settings).await
    }

    pub async fn set_account(&self, update: AccountUpdate) -> EngineResult<AccountInfo> {
        self.engine.set_account(update).await
    }

    pub async fn save_account(
        &self,
        email: &str,
        password: &Password,
        site_url: Option<&str>,
    ) -> EngineResult<PasswordStore> {
        self.engine.save_account(email, password, site_url).await
    }

    pub async fn test_login(&self) -> EngineResult<()> {
        self.engine.test_login().await
    }

    /// True when the data dir has a database (a handle would otherwise create one).
    pub fn exists(data_dir: &Path) -> bool {
        data_dir.join(DATABASE_FILE).exists()
    }

    /// Stops a local engine's scheduling (a running sync is recorded interrupted) and closes the
    /// store.
    pub async fn shutdown(&self) {
        self.engine.shutdown().await;
    }

    // Added for the HTTP API, which reaches the engine only through this handle.

    /// Creates a job type's schedule; [`EngineError::Conflict`] when it already has one.
    pub async fn create_schedule(
        &self,
        job: JobType,
        config: ScheduleConfig,
    ) -> EngineResult<ScheduleView> {
        if self.remote {
            config.validate()?;
            if self.engine.store().schedule(job).await?.is_some() {
                return Err(EngineError::Conflict(format!(
                    "The {job} schedule already exists; change it with PUT /api/scraping-schedules/{job}."
                )));
            }
            return self.set_schedule_of(job, config).await;
        }
        self.engine.create_schedule(job, config).await
    }

    /// Resets the work-order schedule to the defaults, switched off.
    pub async fn reset_schedule(&self) -> EngineResult<()> {
        self.reset_schedule_of(JobType::WorkOrders).await
    }

    /// Resets `job`'s schedule to its defaults, switched off.
    pub async fn reset_schedule_of(&self, job: JobType) -> EngineResult<()> {
        if self.remote {
            let mut config = self.engine.scheduler().default_for(job);
            config.enabled = false;
            return self.set_schedule_of(job, config).await.map(|_| ());
        }
        self.engine.reset_schedule_of(job).await
    }

    pub async fn send_test_email(&self) -> EngineResult<()> {
        self.engine.send_test_email().await
    }

    pub async fn send_test_webhook(&self) -> EngineResult<()> {
        self.engine.send_test_webhook().await
    }

    // Added for the shared rules (engine/rules.rs): every front pauses and changes the schedule
    // the same way.

    /// Pauses as `request` asks (until an instant, for minutes, until tomorrow's window opens,
    /// or until resumed), resolved by this engine's schedule and clock.
    pub async fn pause_with(&self, request: &super::PauseRequest) -> EngineResult<Status> {
        let until = self.engine.resolve_pause(request).await?;
        self.pause(until).await
    }

    /// Changes the schedule: the fields sent replace the stored ones, the others keep theirs.
    pub async fn change_schedule(
        &self,
        request: &crate::schedule::ScheduleRequest,
    ) -> EngineResult<ScheduleView> {
        self.change_schedule_of(JobType::WorkOrders, request).await
    }

    /// Changes `job`'s schedule: the fields sent replace the stored ones, the others keep theirs.
    pub async fn change_schedule_of(
        &self,
        job: JobType,
        request: &crate::schedule::ScheduleRequest,
    ) -> EngineResult<ScheduleView> {
        let current = self.engine.schedule_of(job).await?.config;
        let config = request.apply(&current)?;
        config.validate()?;
        self.set_schedule_of(job, config).await
    }
}

/// Waits for `handle`'s run, passing its progress events on.
async fn wait_with_progress(
    handle: crate::scheduler::RunHandle,
    events: &mut broadcast::Receiver<EngineEvent>,
    on_progress: &mut impl FnMut(&Progress),
) -> EngineResult<RunRecord> {
    let run_id = handle.run_id;
    let wait = handle.wait();
    tokio::pin!(wait);
    let record = loop {
        tokio::select! {
            record = &mut wait => break record,
            Ok(event) = events.recv() => if let EngineEvent::Progress(progress) = event {
                if progress.run_id == run_id {
                    on_progress(&progress);
                }
            },
        }
    };
    record.ok_or_else(|| EngineError::Control("the run ended without a record".into()))
}
