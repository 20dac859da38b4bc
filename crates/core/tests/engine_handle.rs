//! `EngineHandle`: local when nobody holds the data dir, remote (reading the store, acting over
//! the control socket) while another engine holds it; and the demo's enter / leave rules.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::FakeJob;
use fossa_core::engine::{demo_wanted, Engine, EngineHandle, EngineOptions};
use fossa_core::error::EngineError;
use fossa_core::model::{JobType, RunStatus};
use fossa_core::store::WorkOrderQuery;
use fossa_core::workfossa::Password;
use fossa_sim::SimOptions;
use std::sync::Arc;

fn options(dir: &std::path::Path) -> EngineOptions {
    EngineOptions::new(dir).with_job(FakeJob::succeeding())
}

#[tokio::test]
async fn with_nobody_holding_the_data_dir_the_handle_acts_itself() {
    let dir = tempfile::tempdir().unwrap();
    let handle = EngineHandle::open(options(dir.path())).await.unwrap();
    assert!(!handle.is_remote());
    assert!(handle.engine().is_primary());

    let mut config = handle.schedule().await.unwrap().config;
    config.interval_minutes = 90;
    let view = handle.set_schedule(config.clone()).await.unwrap();
    assert_eq!(view.config.interval_minutes, 90);
    assert_eq!(handle.status().await.unwrap().interval_minutes, 90);

    let paused = handle.pause_for(30).await.unwrap();
    assert!(paused.paused && paused.paused_until.is_some());
    assert!(matches!(
        handle.pause_for(0).await,
        Err(EngineError::InvalidInput { ref field, .. }) if field == "minutes"
    ));
    assert!(!handle.resume().await.unwrap().paused);

    let run = handle.sync(|_| {}).await.unwrap();
    assert_eq!(run.status, RunStatus::Success);
    assert_eq!(handle.history(&Default::default()).await.unwrap().len(), 1);
    let second = handle.start_sync().await.unwrap();
    assert!(second > run.id);
    handle.shutdown().await;
}

#[tokio::test]
async fn while_another_engine_holds_the_data_dir_the_handle_reads_and_sends_actions_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let holder = Arc::new(Engine::open_primary(options(dir.path())).await.unwrap());
    let control = fossa_core::engine::serve_control(Arc::clone(&holder))
        .await
        .unwrap();

    let handle = EngineHandle::open(options(dir.path())).await.unwrap();
    assert!(handle.is_remote());
    assert!(!handle.engine().is_primary());

    let paused = handle.pause_for(60).await.unwrap();
    assert!(paused.paused);
    assert!(holder.status().await.unwrap().paused, "the holder paused");
    assert!(!handle.resume().await.unwrap().paused);
    assert!(!holder.status().await.unwrap().paused, "the holder resumed");

    let mut config = handle.schedule().await.unwrap().config;
    config.interval_minutes = 120;
    let view = handle.set_schedule(config.clone()).await.unwrap();
    assert_eq!(view.config.interval_minutes, 120);
    assert_eq!(
        holder.schedule().await.unwrap().config.interval_minutes,
        120
    );
    // A bad value is refused here, before anything is sent.
    config.interval_minutes = 5;
    assert!(matches!(
        handle.set_schedule(config).await,
        Err(EngineError::InvalidSetting(_))
    ));

    let run = handle.sync(|_| {}).await.unwrap();
    assert_eq!(run.status, RunStatus::Success);
    assert_eq!(holder.run(run.id).await.unwrap().status, RunStatus::Success);
    assert_eq!(handle.start_sync().await.unwrap(), run.id + 1);

    // Not a demo: nothing to leave, and nothing removed.
    let left = handle.leave_demo().await.unwrap();
    assert!(!left.left);
    assert_eq!(holder.history(&Default::default()).await.unwrap().len(), 2);
    control.abort();
    holder.shutdown().await;
}

#[tokio::test]
async fn a_reader_handle_without_a_running_engine_says_it_cannot_act() {
    let dir = tempfile::tempdir().unwrap();
    let handle = EngineHandle::open_reader(options(dir.path()))
        .await
        .unwrap();
    assert!(handle.is_remote());
    assert!(handle.status().await.is_ok(), "reading works");
    let error = handle.resume().await.unwrap_err();
    assert!(matches!(error, EngineError::Control(_)), "{error}");
    assert!(error
        .to_string()
        .contains("could not reach the running engine"));
}

#[tokio::test]
async fn create_schedule_only_creates_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open_primary(options(dir.path())).await.unwrap();
    let mut config = fossa_core::schedule::ScheduleConfig::default_for_system();
    config.interval_minutes = 5;
    assert!(matches!(
        engine
            .create_schedule(JobType::WorkOrders, config.clone())
            .await,
        Err(EngineError::InvalidSetting(_))
    ));
    config.interval_minutes = 45;
    let view = engine
        .create_schedule(JobType::WorkOrders, config.clone())
        .await
        .unwrap();
    assert_eq!(view.config.interval_minutes, 45);
    let again = engine
        .create_schedule(JobType::WorkOrders, config)
        .await
        .unwrap_err();
    assert!(matches!(again, EngineError::Conflict(_)), "{again}");
}

#[tokio::test]
async fn leaving_the_demo_removes_its_data_and_account_and_real_accounts_never_mix_with_it() {
    let sim = fossa_sim::start(SimOptions {
        seed: 3,
        work_orders: 12,
        email: "demo@fossa-sync.example".into(),
        password: "demo-password".into(),
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let base = tempfile::tempdir().unwrap();
    assert!(
        demo_wanted(base.path()).await.unwrap(),
        "a newcomer gets the demo"
    );
    let dir = fossa_core::engine::demo_data_dir(base.path());
    let handle = EngineHandle::open(EngineOptions::new(&dir)).await.unwrap();
    let engine = Arc::clone(handle.engine());
    engine
        .enter_demo(
            sim.base_url().as_str(),
            "demo@fossa-sync.example",
            "demo-password",
        )
        .await
        .unwrap();
    let run = handle.sync(|_| {}).await.unwrap();
    assert_eq!(run.status, RunStatus::Success, "{run:?}");
    assert!(handle.status().await.unwrap().demo);
    let found = run.found.unwrap();
    assert!(found > 0);
    let query = WorkOrderQuery::default();
    assert_eq!(
        handle.work_orders(&query).await.unwrap().len() as i64,
        found
    );

    // A real account is not saved into demo data.
    let refused = handle
        .save_account("me@example.com", &Password::new("pw"), None)
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("demo"), "{refused}");

    let mut events = handle.subscribe();
    let left = handle.leave_demo().await.unwrap();
    assert!(left.left);
    assert_eq!(left.removed_work_orders, found);
    // The demo's "Sync now": the work orders, then its stations' dispensers.
    assert_eq!(left.removed_runs, 2);
    assert!(
        handle.dispensers(None).await.unwrap().is_empty(),
        "the demo's dispensers are gone"
    );
    assert!(
        left.message.starts_with("Left the demo"),
        "{}",
        left.message
    );
    assert!(matches!(
        events.try_recv(),
        Ok(fossa_core::events::EngineEvent::StatusChanged { .. })
    ));
    assert!(handle.work_orders(&query).await.unwrap().is_empty());
    assert!(handle
        .history(&Default::default())
        .await
        .unwrap()
        .is_empty());
    let status = handle.status().await.unwrap();
    assert!(!status.demo && status.last_run.is_none());
    assert_eq!(handle.account().await.unwrap().email, None);
    assert!(!dir.join("workfossa-password").exists());
    assert!(!handle.leave_demo().await.unwrap().left, "leaving twice");

    // Now a plain data dir: a real account may be saved, and then it cannot become a demo.
    std::env::set_var("FOSSA_SYNC_NO_KEYRING", "1");
    handle
        .save_account("me@example.com", &Password::new("pw"), None)
        .await
        .unwrap();
    let refused = engine
        .enter_demo(sim.base_url().as_str(), "demo@fossa-sync.example", "x")
        .await
        .unwrap_err();
    assert!(matches!(refused, EngineError::Conflict(_)), "{refused}");
    handle.shutdown().await;

    // The real data dir remembers that the demo was left.
    let real = Engine::open_reader(EngineOptions::new(base.path()))
        .await
        .unwrap();
    real.decline_demo().await.unwrap();
    real.store().close().await;
    assert!(!demo_wanted(base.path()).await.unwrap());
    sim.shutdown().await;
}
