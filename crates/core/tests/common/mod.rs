//! Shared test doubles: a scriptable sync job and a scheduler on a fresh temporary database.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use fossa_core::clock::ManualClock;
use fossa_core::error::SyncError;
use fossa_core::events::EventBus;
use fossa_core::model::{JobType, RunSummary};
use fossa_core::schedule::{ActiveHours, ScheduleConfig, Weekdays};
use fossa_core::scheduler::{JobFailure, RunContext, Scheduler, SyncJob};
use fossa_core::store::Store;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// A job whose outcomes are scripted; optionally each run waits for a permit (to hold it open).
pub struct FakeJob {
    outcomes: Mutex<VecDeque<Result<(), SyncError>>>,
    pub calls: AtomicUsize,
    pub gate: Option<Arc<Semaphore>>,
}

impl FakeJob {
    pub fn succeeding() -> Arc<Self> {
        Arc::new(Self {
            outcomes: Mutex::new(VecDeque::new()),
            calls: AtomicUsize::new(0),
            gate: None,
        })
    }

    pub fn gated() -> (Arc<Self>, Arc<Semaphore>) {
        let gate = Arc::new(Semaphore::new(0));
        let job = Arc::new(Self {
            outcomes: Mutex::new(VecDeque::new()),
            calls: AtomicUsize::new(0),
            gate: Some(gate.clone()),
        });
        (job, gate)
    }

    /// The next runs end with these outcomes (then success).
    pub fn script(&self, outcomes: impl IntoIterator<Item = Result<(), SyncError>>) {
        self.outcomes.lock().unwrap().extend(outcomes);
    }

    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

#[async_trait::async_trait]
impl SyncJob for FakeJob {
    async fn run(&self, ctx: RunContext) -> Result<RunSummary, JobFailure> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        if let Some(gate) = &self.gate {
            tokio::select! {
                permit = gate.acquire() => permit.unwrap().forget(),
                _ = ctx.cancel.cancelled() => return Err(SyncError::Cancelled.into()),
            }
        }
        let outcome = self.outcomes.lock().unwrap().pop_front().unwrap_or(Ok(()));
        match outcome {
            Ok(()) => Ok(RunSummary {
                found: 3,
                new: 1,
                changed: 0,
                removed: 0,
                attempts: 1,
            }),
            Err(error) => Err(JobFailure { error, attempts: 2 }),
        }
    }
}

pub fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

pub fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// Hourly, 08:00–18:00 UTC, every day.
pub fn office_hours() -> ScheduleConfig {
    ScheduleConfig {
        interval_minutes: 60,
        timezone: "UTC".into(),
        active_hours: ActiveHours::hm(8, 0, 18, 0),
        days: Weekdays::ALL,
        jitter_seconds: 0,
        enabled: true,
    }
}

pub struct Harness {
    pub scheduler: Arc<Scheduler>,
    pub clock: Arc<ManualClock>,
    pub job: Arc<FakeJob>,
    pub store: Store,
    pub _dir: tempfile::TempDir,
}

pub async fn harness(config: ScheduleConfig, start: DateTime<Utc>, job: Arc<FakeJob>) -> Harness {
    harness_with_step(config, start, job, fossa_core::scheduler::MAX_SLEEP).await
}

/// Polls `condition` every few milliseconds for up to five seconds.
pub async fn eventually<F: std::future::Future<Output = bool>>(
    mut condition: impl FnMut() -> F,
) -> bool {
    for _ in 0..500 {
        if condition().await {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    false
}

pub async fn harness_with_step(
    config: ScheduleConfig,
    start: DateTime<Utc>,
    job: Arc<FakeJob>,
    step: std::time::Duration,
) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.db")).await.unwrap();
    let clock = Arc::new(ManualClock::new(start));
    let scheduler = Scheduler::new(store.clone(), EventBus::new(), clock.clone(), config)
        .with_job(JobType::WorkOrders, job.clone())
        .with_max_sleep(step);
    Harness {
        scheduler: Arc::new(scheduler),
        clock,
        job,
        store,
        _dir: dir,
    }
}

impl Harness {
    /// Moves the wall clock and ticks once.
    pub async fn tick_at(&self, now: DateTime<Utc>) -> fossa_core::scheduler::TickDecision {
        self.clock.set(now);
        self.scheduler.tick(now).await.unwrap().remove(0)
    }

    /// Waits until no run is in progress.
    pub async fn settle(&self) {
        if let Some(handle) = self.scheduler.running(JobType::WorkOrders).await {
            handle.wait().await;
        }
    }

    pub async fn next_due(&self) -> Option<DateTime<Utc>> {
        self.store
            .schedule(JobType::WorkOrders)
            .await
            .unwrap()
            .and_then(|row| row.next_due)
    }

    pub async fn runs(&self) -> Vec<fossa_core::model::RunRecord> {
        let mut runs = self.store.history(&Default::default()).await.unwrap();
        runs.reverse();
        runs
    }
}

pub mod site;
