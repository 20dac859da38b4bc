//! What users ask of the scheduler: sync now (joining, no overlap), pause and resume, schedule
//! changes; and the status, failure, offline and interrupted-run bookkeeping.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use fossa_core::engine::{Engine, EngineOptions};
use fossa_core::error::{EngineError, ErrorClass, SyncError};
use fossa_core::model::{JobType, RunStatus, State, Trigger};
use fossa_core::schedule::ScheduleConfig;
use fossa_core::scheduler::TickDecision;
use std::sync::Arc;

#[tokio::test]
async fn sync_now_during_a_run_joins_it_and_a_due_fire_is_coalesced() {
    let (job, gate) = FakeJob::gated();
    let h = harness(office_hours(), at(2026, 3, 2, 9, 59), job).await;
    h.tick_at(at(2026, 3, 2, 9, 59)).await;
    let first = h.scheduler.sync_now(JobType::WorkOrders).await.unwrap();
    let second = h.scheduler.sync_now(JobType::WorkOrders).await.unwrap();
    assert_eq!(first.run_id, second.run_id);
    assert_eq!(
        h.scheduler.status(JobType::WorkOrders).await.unwrap().state,
        State::Running
    );

    // 10:00 comes while the manual run is still going: coalesced, not a second run.
    let decision = h.tick_at(at(2026, 3, 2, 10, 0)).await;
    assert_eq!(
        decision,
        TickDecision::CoalescedIntoRunning {
            run_id: first.run_id
        }
    );
    gate.add_permits(1);
    let (a, b) = tokio::join!(first.wait(), second.wait());
    assert_eq!(a.unwrap().status, RunStatus::Success);
    assert_eq!(b.unwrap().id, 1);
    h.clock.set(at(2026, 3, 2, 10, 1));
    h.settle().await;
    assert_eq!(h.next_due().await, Some(at(2026, 3, 2, 11, 0)));
    assert!(matches!(
        h.tick_at(at(2026, 3, 2, 10, 2)).await,
        TickDecision::Waiting { .. }
    ));
    assert_eq!(h.runs().await.len(), 1);
    assert_eq!(h.job.calls(), 1);
}

#[tokio::test]
async fn paused_skips_fires_allows_manual_syncs_and_resume_does_not_catch_up() {
    let h = harness(office_hours(), at(2026, 3, 2, 9, 30), FakeJob::succeeding()).await;
    h.tick_at(at(2026, 3, 2, 9, 30)).await;
    h.scheduler.pause(JobType::WorkOrders, None).await.unwrap();
    let status = h.scheduler.status(JobType::WorkOrders).await.unwrap();
    assert_eq!(
        (status.state, status.paused, status.next_run),
        (State::Paused, true, None)
    );
    assert_eq!(h.tick_at(at(2026, 3, 2, 10, 0)).await, TickDecision::Paused);
    assert_eq!(h.tick_at(at(2026, 3, 2, 12, 0)).await, TickDecision::Paused);
    assert_eq!(h.job.calls(), 0);

    let manual = h
        .scheduler
        .sync_now(JobType::WorkOrders)
        .await
        .unwrap()
        .wait()
        .await
        .unwrap();
    assert_eq!(
        (manual.trigger, manual.status),
        (Trigger::Manual, RunStatus::Success)
    );

    h.clock.set(at(2026, 3, 2, 14, 30));
    h.scheduler.resume(JobType::WorkOrders).await.unwrap();
    assert_eq!(h.next_due().await, Some(at(2026, 3, 2, 15, 0)));
    assert!(matches!(
        h.tick_at(at(2026, 3, 2, 14, 31)).await,
        TickDecision::Waiting { .. }
    ));
    assert_eq!(
        h.runs().await.len(),
        1,
        "fires missed while paused are not caught up"
    );
}

#[tokio::test]
async fn a_pause_until_an_instant_ends_by_itself() {
    let h = harness(office_hours(), at(2026, 3, 2, 9, 30), FakeJob::succeeding()).await;
    h.tick_at(at(2026, 3, 2, 9, 30)).await;
    h.scheduler
        .pause(JobType::WorkOrders, Some(at(2026, 3, 2, 11, 30)))
        .await
        .unwrap();
    let status = h.scheduler.status(JobType::WorkOrders).await.unwrap();
    assert_eq!(status.paused_until, Some(at(2026, 3, 2, 11, 30)));
    assert_eq!(status.next_run, Some(at(2026, 3, 2, 12, 0)));
    assert_eq!(h.tick_at(at(2026, 3, 2, 11, 0)).await, TickDecision::Paused);
    assert_eq!(
        h.tick_at(at(2026, 3, 2, 11, 30)).await,
        TickDecision::Waiting {
            next_due: at(2026, 3, 2, 12, 0)
        }
    );
    assert!(matches!(
        h.tick_at(at(2026, 3, 2, 12, 0)).await,
        TickDecision::Started {
            trigger: Trigger::Scheduled,
            ..
        }
    ));
    let past = h
        .scheduler
        .pause(JobType::WorkOrders, Some(at(2026, 3, 2, 1, 0)))
        .await;
    assert!(matches!(past, Err(EngineError::InvalidInput { .. })));
}

#[tokio::test]
async fn a_schedule_change_takes_effect_at_once_and_bad_values_change_nothing() {
    let h = harness(office_hours(), at(2026, 3, 2, 9, 10), FakeJob::succeeding()).await;
    h.tick_at(at(2026, 3, 2, 9, 10)).await;
    assert_eq!(h.next_due().await, Some(at(2026, 3, 2, 10, 0)));
    let every_half_hour = ScheduleConfig {
        interval_minutes: 30,
        active_hours: fossa_core::schedule::ActiveHours::hm(9, 0, 17, 0),
        ..office_hours()
    };
    h.scheduler
        .set_schedule(JobType::WorkOrders, every_half_hour.clone())
        .await
        .unwrap();
    assert_eq!(h.next_due().await, Some(at(2026, 3, 2, 9, 30)));

    let bad = ScheduleConfig {
        interval_minutes: 10,
        ..every_half_hour.clone()
    };
    let error = h
        .scheduler
        .set_schedule(JobType::WorkOrders, bad)
        .await
        .unwrap_err();
    assert!(error.to_string().starts_with("interval:"), "{error}");
    let stored = h
        .store
        .schedule(JobType::WorkOrders)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.config, every_half_hour);
    assert_eq!(stored.next_due, Some(at(2026, 3, 2, 9, 30)));

    let off = ScheduleConfig {
        enabled: false,
        ..every_half_hour
    };
    h.scheduler
        .set_schedule(JobType::WorkOrders, off)
        .await
        .unwrap();
    assert_eq!(
        h.tick_at(at(2026, 3, 2, 9, 30)).await,
        TickDecision::Disabled
    );
    assert_eq!(
        h.scheduler.status(JobType::WorkOrders).await.unwrap().state,
        State::Paused
    );
}

#[tokio::test]
async fn failures_count_up_turn_the_state_failed_and_a_success_recovers() {
    let h = harness(office_hours(), at(2026, 3, 2, 10, 0), FakeJob::succeeding()).await;
    h.job.script([
        Err(SyncError::CredentialsRejected),
        Err(SyncError::SiteUnavailable("HTTP 503".into())),
    ]);
    for _ in 0..2 {
        let run = h
            .scheduler
            .sync_now(JobType::WorkOrders)
            .await
            .unwrap()
            .wait()
            .await
            .unwrap();
        assert_eq!(run.status, RunStatus::Failed);
    }
    let status = h.scheduler.status(JobType::WorkOrders).await.unwrap();
    assert_eq!(
        (status.state, status.consecutive_failures),
        (State::Failed, 2)
    );
    let last = status.last_run.unwrap();
    assert_eq!(
        (last.error_class, last.attempts),
        (Some(ErrorClass::Transient), 2)
    );
    assert!(last
        .error
        .unwrap()
        .contains("WorkFossa kept answering with errors"));

    h.scheduler
        .sync_now(JobType::WorkOrders)
        .await
        .unwrap()
        .wait()
        .await
        .unwrap();
    let status = h.scheduler.status(JobType::WorkOrders).await.unwrap();
    assert_eq!(
        (status.state, status.consecutive_failures),
        (State::Active, 0)
    );
}

#[tokio::test]
async fn offline_is_a_quiet_skip_retried_a_minute_later_inside_the_window() {
    let h = harness(office_hours(), at(2026, 3, 2, 10, 0), FakeJob::succeeding()).await;
    h.job.script([Err(SyncError::Offline("dns error".into()))]);
    assert!(matches!(
        h.tick_at(at(2026, 3, 2, 10, 0)).await,
        TickDecision::Started { .. }
    ));
    h.settle().await;
    let status = h.scheduler.status(JobType::WorkOrders).await.unwrap();
    assert_eq!(
        status.state,
        State::Active,
        "an offline skip is not a red alarm"
    );
    let run = &h.runs().await[0];
    assert_eq!(
        (run.status, run.error_class),
        (RunStatus::Skipped, Some(ErrorClass::Offline))
    );
    assert_eq!(h.next_due().await, Some(at(2026, 3, 2, 10, 1)));
    assert!(matches!(
        h.tick_at(at(2026, 3, 2, 10, 1)).await,
        TickDecision::Started {
            trigger: Trigger::Scheduled,
            ..
        }
    ));
    h.settle().await;
    assert_eq!(h.next_due().await, Some(at(2026, 3, 2, 11, 0)));
    assert_eq!(h.runs().await[1].status, RunStatus::Success);
}

#[tokio::test]
async fn one_engine_per_data_dir_and_runs_left_running_become_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    let options = EngineOptions::new(dir.path()).with_job(FakeJob::succeeding());
    let first = Engine::open_primary(options.clone()).await.unwrap();
    let run_id = first
        .store()
        .start_run(
            JobType::WorkOrders,
            Trigger::Scheduled,
            at(2026, 3, 2, 10, 0),
            0,
        )
        .await
        .unwrap();
    let second = Engine::open_primary(options.clone()).await;
    match second {
        Err(error @ EngineError::AlreadyRunning(_)) => {
            assert!(error.to_string().contains("already running"))
        }
        other => panic!("expected AlreadyRunning, got {:?}", other.map(|_| ())),
    }
    // A reader may look while the primary runs, and does not touch the running run.
    let reader = Engine::open_reader(options.clone()).await.unwrap();
    assert_eq!(reader.status().await.unwrap().state, State::Running);
    drop(reader);
    // The process "dies": its lock goes; the next primary marks the run interrupted.
    first.store().close().await;
    drop(first);
    let next = Engine::open_primary(options).await.unwrap();
    let run = next.run(run_id).await.unwrap();
    assert_eq!(run.status, RunStatus::Interrupted);
    assert!(next.spawn_scheduler().is_ok());
    next.shutdown().await;
}

#[tokio::test]
async fn shutdown_during_a_run_records_it_interrupted() {
    let (job, _gate) = FakeJob::gated();
    let h = harness(office_hours(), at(2026, 3, 2, 10, 0), job).await;
    let handle = h.scheduler.sync_now(JobType::WorkOrders).await.unwrap();
    h.scheduler.shutdown().await;
    let run = handle.wait().await.unwrap();
    assert_eq!(run.status, RunStatus::Interrupted);
    assert!(h.scheduler.sync_now(JobType::WorkOrders).await.is_err());
    let _ = Arc::clone(&h.scheduler);
}
