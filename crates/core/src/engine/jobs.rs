//! The engine's job-aware operations: each job type's schedule and runs, "Sync now" (the work
//! orders, then the dispensers of stations never read), one job triggered alone, and the stored
//! dispensers.

use super::{Engine, ScheduleView};
use crate::error::{EngineError, EngineResult};
use crate::model::{JobType, RunRecord, RunStatus, Status};
use crate::schedule::ScheduleConfig;
use crate::scheduler::{RunHandle, Scheduler};
use crate::store::{Store, StoredDispenser, WorkOrderQuery};
use crate::sync::dispensers::{never_read, DispenserRunOptions};
use crate::workfossa::dispenser::location_ids;
use std::sync::Arc;

impl Engine {
    /// Every job type's schedule, work orders first.
    pub async fn schedules(&self) -> EngineResult<Vec<ScheduleView>> {
        let mut views = Vec::with_capacity(JobType::ALL.len());
        for job in JobType::ALL {
            views.push(self.schedule_of(job).await?);
        }
        Ok(views)
    }

    pub async fn schedule_of(&self, job: JobType) -> EngineResult<ScheduleView> {
        Ok(self.scheduler.schedule_row(job).await?.into())
    }

    /// Validates and saves `job`'s schedule; the schedule as stored afterwards.
    pub async fn set_schedule_of(
        &self,
        job: JobType,
        config: ScheduleConfig,
    ) -> EngineResult<ScheduleView> {
        self.scheduler.set_schedule(job, config).await?;
        self.schedule_of(job).await
    }

    /// Resets `job`'s schedule to its defaults, switched off (the API's DELETE).
    pub async fn reset_schedule_of(&self, job: JobType) -> EngineResult<()> {
        let mut config = self.scheduler.default_for(job);
        config.enabled = false;
        self.scheduler.set_schedule(job, config).await
    }

    /// `job`'s own status (its schedule, last run, state).
    pub async fn status_of(&self, job: JobType) -> EngineResult<Status> {
        self.scheduler.status(job).await
    }

    /// "Sync now": starts the work-order sync (or joins the running one); when it succeeds, the
    /// dispensers of the stations never read are read after it.
    pub async fn sync_now(&self) -> EngineResult<RunHandle> {
        let handle = self.scheduler.sync_now(JobType::WorkOrders).await?;
        let scheduler = Arc::clone(&self.scheduler);
        let store = self.store.clone();
        let work_orders = handle.clone();
        tokio::spawn(async move {
            if let Some(run) = work_orders.wait().await {
                if let Err(error) = read_new_stations(&scheduler, &store, &run).await {
                    tracing::warn!(%error, "could not start reading new stations' dispensers");
                }
            }
        });
        Ok(handle)
    }

    /// The work-order part of "Sync now" alone; [`Engine::read_new_stations`] is the rest.
    pub async fn sync_work_orders(&self) -> EngineResult<RunHandle> {
        self.scheduler.sync_now(JobType::WorkOrders).await
    }

    /// After a successful work-order run: starts reading the stations never read (None when
    /// there is none, the run failed, or no dispenser job runs here).
    pub async fn read_new_stations(&self, run: &RunRecord) -> EngineResult<Option<RunHandle>> {
        read_new_stations(&self.scheduler, &self.store, run).await
    }

    /// Starts one job alone (or joins its running run). The dispenser job triggered alone reads
    /// every station again; the work-order job alone is "Sync now".
    pub async fn sync_job(&self, job: JobType) -> EngineResult<RunHandle> {
        match job {
            JobType::WorkOrders => self.sync_now().await,
            JobType::Dispensers => self.scheduler.sync_now(job).await,
        }
    }

    /// The stored dispensers, of one location or all; a location that no stored work order
    /// links to and that was never read is not found.
    pub async fn dispensers(&self, location: Option<i64>) -> EngineResult<Vec<StoredDispenser>> {
        if let Some(id) = location {
            let known = self
                .store
                .dispenser_locations()
                .await?
                .iter()
                .any(|state| state.location_id == id)
                || self.linked_locations().await?.contains(&id);
            if !known {
                return Err(EngineError::NoSuchLocation(id));
            }
        }
        self.store.dispensers(location).await
    }

    async fn linked_locations(&self) -> EngineResult<Vec<i64>> {
        let orders = self.store.work_orders(&WorkOrderQuery::default()).await?;
        let records: Vec<_> = orders.into_iter().map(|stored| stored.record).collect();
        Ok(location_ids(&records))
    }
}

async fn read_new_stations(
    scheduler: &Arc<Scheduler>,
    store: &Store,
    run: &RunRecord,
) -> EngineResult<Option<RunHandle>> {
    let wanted = run.job_type == JobType::WorkOrders
        && run.status == RunStatus::Success
        && scheduler.has_job(JobType::Dispensers)
        && !scheduler.is_shut_down();
    if !wanted || unread_locations(store, scheduler.now()).await? == 0 {
        return Ok(None);
    }
    scheduler
        .start_new_only(JobType::Dispensers)
        .await
        .map(Some)
}

/// How many stations of the stored work orders were never read.
async fn unread_locations(
    store: &Store,
    now: chrono::DateTime<chrono::Utc>,
) -> EngineResult<usize> {
    let options = DispenserRunOptions::new(chrono::Duration::zero());
    let plan = crate::sync::dispensers::locations_to_read(store, now, &options)
        .await
        .map_err(|error| EngineError::Control(error.to_string()))?;
    let states = store.dispenser_locations().await?;
    Ok(never_read(&plan, &states).0.len())
}
