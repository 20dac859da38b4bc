//! The dispenser job inside the engine, against the simulated site: "Sync now" reads the work
//! orders and then the stations never read; the job alone reads every station again and a rerun
//! with nothing changed writes nothing; a page the parser does not know fails its station only
//! and the run is recorded successful with the partial message; the two jobs take turns.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use async_trait::async_trait;
use fossa_core::credentials::save_account;
use fossa_core::engine::{Engine, EngineOptions};
use fossa_core::events::EngineEvent;
use fossa_core::model::{JobType, RunRecord, RunStatus, RunSummary, Trigger};
use fossa_core::scheduler::{JobFailure, RunContext, SyncJob};
use fossa_core::store::{HistoryFilter, LocationOutcome};
use fossa_core::workfossa::Password;
use fossa_sim::{SimOptions, SimServer};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

const EMAIL: &str = "tech@example.com";
const PASSWORD: &str = "s3cret-Passw0rd!";

struct Site {
    sim: SimServer,
    engine: Engine,
    _dir: tempfile::TempDir,
}

/// An engine with the product's own jobs (work orders and dispensers on one session) on a
/// simulated site with `orders` work orders.
async fn site(orders: usize) -> Site {
    let sim = fossa_sim::start(SimOptions {
        seed: 11,
        work_orders: orders,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open_primary(EngineOptions::new(dir.path()))
        .await
        .unwrap();
    let url = sim.base_url();
    save_account(
        dir.path(),
        engine.store(),
        EMAIL,
        &Password::new(PASSWORD),
        Some(url.as_str()),
        false,
    )
    .await
    .unwrap();
    Site {
        sim,
        engine,
        _dir: dir,
    }
}

/// The next finished run of `job` among `events` (bounded wait: the run is under way).
async fn finished(
    events: &mut tokio::sync::broadcast::Receiver<EngineEvent>,
    job: JobType,
) -> RunRecord {
    let wait = async {
        loop {
            if let Ok(EngineEvent::RunFinished { run }) = events.recv().await {
                if run.job_type == job {
                    return *run;
                }
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(60), wait)
        .await
        .expect("the run finished")
}

/// The stations the stored (open) work orders link to.
async fn stations(engine: &Engine) -> Vec<i64> {
    let orders = engine
        .store()
        .work_orders(&fossa_core::store::WorkOrderQuery::default())
        .await
        .unwrap();
    let records: Vec<_> = orders.into_iter().map(|stored| stored.record).collect();
    fossa_core::workfossa::dispenser::location_ids(&records)
}

async fn runs_of(engine: &Engine, job: JobType) -> Vec<RunRecord> {
    let filter = HistoryFilter {
        job_type: Some(job),
        ..HistoryFilter::default()
    };
    engine.history(&filter).await.unwrap()
}

#[tokio::test]
async fn sync_now_reads_the_work_orders_then_the_stations_never_read() {
    let site = site(8).await;
    let mut events = site.engine.subscribe();
    let orders = site.engine.sync_now().await.unwrap().wait().await.unwrap();
    assert_eq!(orders.status, RunStatus::Success);
    assert_eq!(orders.job_type, JobType::WorkOrders);
    let dispensers = finished(&mut events, JobType::Dispensers).await;
    assert_eq!(dispensers.status, RunStatus::Success, "{dispensers:?}");
    assert_eq!(dispensers.trigger, Trigger::Manual);
    let stations = stations(&site.engine).await;
    assert_eq!(dispensers.found, Some(stations.len() as i64));
    for id in &stations {
        let stored: Vec<_> = site
            .engine
            .dispensers(Some(*id))
            .await
            .unwrap()
            .into_iter()
            .map(|stored| stored.record)
            .collect();
        let expected = match site.sim.state().location_equipment(*id) {
            fossa_core::workfossa::dispenser::LocationEquipment::Dispensers(list) => list,
            _ => Vec::new(),
        };
        assert_eq!(stored, expected, "station {id}");
    }

    // Every station is read now: the next "Sync now" reads the work orders only.
    let again = site.engine.sync_now().await.unwrap().wait().await.unwrap();
    assert_eq!(again.status, RunStatus::Success);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(runs_of(&site.engine, JobType::Dispensers).await.len(), 1);
    assert_eq!(runs_of(&site.engine, JobType::WorkOrders).await.len(), 2);
}

#[tokio::test]
async fn the_job_alone_reads_every_station_and_a_rerun_without_changes_writes_nothing() {
    let site = site(6).await;
    site.engine.sync_now().await.unwrap().wait().await.unwrap();
    let stations = stations(&site.engine).await.len() as i64;
    let first = site
        .engine
        .sync_job(JobType::Dispensers)
        .await
        .unwrap()
        .wait()
        .await
        .unwrap();
    assert_eq!(first.status, RunStatus::Success, "{first:?}");
    assert_eq!(first.found, Some(stations), "manual: every station again");
    let rerun = site
        .engine
        .sync_job(JobType::Dispensers)
        .await
        .unwrap()
        .wait()
        .await
        .unwrap();
    assert_eq!(rerun.found, Some(stations));
    assert_eq!(rerun.changed, Some(0), "nothing changed, nothing written");
    assert!(rerun.error.is_none());
}

#[tokio::test]
async fn an_unrecognised_station_page_makes_the_run_partial_and_keeps_its_dispensers() {
    let site = site(6).await;
    let mut events = site.engine.subscribe();
    site.engine.sync_now().await.unwrap().wait().await.unwrap();
    finished(&mut events, JobType::Dispensers).await;
    let stations = stations(&site.engine).await;
    let broken = stations[0];
    let before = site.engine.dispensers(Some(broken)).await.unwrap();
    site.sim
        .state()
        .update_faults(|f| f.unrecognised_locations = vec![broken]);
    let run = site
        .engine
        .sync_job(JobType::Dispensers)
        .await
        .unwrap()
        .wait()
        .await
        .unwrap();
    assert_eq!(run.status, RunStatus::Success);
    let total = stations.len();
    let message = run.error.clone().expect("the partial message");
    assert!(
        message.starts_with(&format!("partial: {} of {total} locations read", total - 1)),
        "{message}"
    );
    assert_eq!(run.found, Some(total as i64 - 1));
    assert_eq!(
        site.engine.dispensers(Some(broken)).await.unwrap(),
        before,
        "a failed page deletes nothing"
    );
}

#[tokio::test]
async fn an_unknown_station_is_not_found() {
    let site = site(3).await;
    let error = site.engine.dispensers(Some(987_654_321)).await.unwrap_err();
    assert!(error
        .to_string()
        .contains("No station with location id 987654321"));
}

/// A job that counts how many runs are on the site at once.
struct Counting {
    active: Arc<AtomicUsize>,
    most: Arc<AtomicUsize>,
}

#[async_trait]
impl SyncJob for Counting {
    async fn run(&self, _ctx: RunContext) -> Result<RunSummary, JobFailure> {
        let now = self.active.fetch_add(1, Ordering::SeqCst) + 1;
        self.most.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(150)).await;
        self.active.fetch_sub(1, Ordering::SeqCst);
        Ok(RunSummary::default())
    }
}

#[tokio::test]
async fn the_jobs_take_turns_on_the_site() {
    let (active, most) = (Arc::default(), Arc::<AtomicUsize>::default());
    let job = |active: &Arc<AtomicUsize>, most: &Arc<AtomicUsize>| {
        Arc::new(Counting {
            active: Arc::clone(active),
            most: Arc::clone(most),
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let options = EngineOptions::new(dir.path())
        .with_job(job(&active, &most))
        .with_dispenser_job(job(&active, &most));
    let engine = Engine::open_primary(options).await.unwrap();
    let orders = engine.sync_job(JobType::WorkOrders).await.unwrap();
    let dispensers = engine.sync_job(JobType::Dispensers).await.unwrap();
    let (a, b) = tokio::join!(orders.wait(), dispensers.wait());
    assert_eq!(a.unwrap().status, RunStatus::Success);
    assert_eq!(b.unwrap().status, RunStatus::Success);
    assert_eq!(
        most.load(Ordering::SeqCst),
        1,
        "never two jobs on the site at once"
    );
}

#[tokio::test]
async fn each_job_has_its_own_schedule_and_the_dispensers_run_daily() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open_primary(EngineOptions::new(dir.path()))
        .await
        .unwrap();
    let schedules = engine.schedules().await.unwrap();
    let jobs: Vec<JobType> = schedules.iter().map(|view| view.job_type).collect();
    assert_eq!(jobs, vec![JobType::WorkOrders, JobType::Dispensers]);
    let dispensers = &schedules[1].config;
    assert_eq!(dispensers.interval_minutes, 24 * 60);
    assert!(dispensers.enabled);
    assert_eq!(dispensers.active_hours, schedules[0].config.active_hours);
    let mut changed = dispensers.clone();
    changed.interval_minutes = 12 * 60;
    engine
        .set_schedule_of(JobType::Dispensers, changed)
        .await
        .unwrap();
    assert_eq!(engine.schedule().await.unwrap().config.interval_minutes, 60);
    assert_eq!(
        engine
            .schedule_of(JobType::Dispensers)
            .await
            .unwrap()
            .config
            .interval_minutes,
        720
    );
}

/// What a dispenser run under a station fault must end as, and what the station then holds.
struct FaultCase {
    name: &'static str,
    faults: fn(&mut fossa_sim::Faults, &[i64]),
    status: RunStatus,
    /// Start of the run's message (`error`): the partial summary or the failure.
    message: Option<&'static str>,
    /// The first station's outcome and whether its dispensers are kept and marked stale.
    outcome: LocationOutcome,
    kept_stale: Option<bool>,
}

#[tokio::test]
async fn the_station_fault_matrix() {
    use LocationOutcome::*;
    let cases = [
        FaultCase {
            name: "a deleted station",
            faults: |f, ids| f.deleted_locations = vec![ids[0]],
            status: RunStatus::Success,
            message: None,
            outcome: NotFound,
            kept_stale: Some(true),
        },
        FaultCase {
            name: "a station without a Dispenser group",
            faults: |f, ids| f.locations_without_dispensers = vec![ids[0]],
            status: RunStatus::Success,
            message: None,
            outcome: NoDispensers,
            kept_stale: None,
        },
        FaultCase {
            name: "one page not recognised",
            faults: |f, ids| f.unrecognised_locations = vec![ids[0]],
            status: RunStatus::Success,
            message: Some("partial: "),
            outcome: Failed,
            kept_stale: Some(false),
        },
        FaultCase {
            name: "every page not recognised",
            faults: |f, ids| f.unrecognised_locations = ids.to_vec(),
            status: RunStatus::Failed,
            message: Some("The WorkFossa page layout was not recognised (location "),
            outcome: Failed,
            kept_stale: Some(false),
        },
        FaultCase {
            name: "a short 5xx burst",
            faults: |f, _| f.fail_next_5xx = 2,
            status: RunStatus::Success,
            message: None,
            outcome: Read,
            kept_stale: Some(false),
        },
    ];
    for case in cases {
        let site = site(6).await;
        let mut events = site.engine.subscribe();
        site.engine.sync_now().await.unwrap().wait().await.unwrap();
        finished(&mut events, JobType::Dispensers).await;
        let ids = stations(&site.engine).await;
        let before = site.engine.dispensers(Some(ids[0])).await.unwrap();
        site.sim
            .state()
            .update_faults(|faults| (case.faults)(faults, &ids));
        let run = site
            .engine
            .sync_job(JobType::Dispensers)
            .await
            .unwrap()
            .wait()
            .await
            .unwrap();
        let name = case.name;
        assert_eq!(run.status, case.status, "{name}: {run:?}");
        match case.message {
            Some(start) => {
                let message = run.error.clone().unwrap_or_default();
                assert!(message.starts_with(start), "{name}: {message}");
            }
            None => assert!(run.error.is_none(), "{name}: {run:?}"),
        }
        let states = site.engine.store().dispenser_locations().await.unwrap();
        let state = states.iter().find(|s| s.location_id == ids[0]).unwrap();
        assert_eq!(state.outcome, case.outcome, "{name}");
        let after = site.engine.dispensers(Some(ids[0])).await.unwrap();
        match case.kept_stale {
            Some(stale) => {
                let records = |list: &[fossa_core::store::StoredDispenser]| {
                    list.iter().map(|d| d.record.clone()).collect::<Vec<_>>()
                };
                assert_eq!(records(&after), records(&before), "{name}: nothing deleted");
                assert!(
                    after.iter().all(|d| d.stale == stale),
                    "{name}: stale {stale}"
                );
            }
            None => assert!(after.is_empty(), "{name}: recorded removed"),
        }
    }
}
