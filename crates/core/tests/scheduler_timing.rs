//! The scheduler's decisions over time, driven by `tick(now)` with a hand-moved wall clock:
//! on-time fires, catch-up after downtime or suspend, no catch-up outside windows, DST nights.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use fossa_core::model::{RunStatus, Trigger};
use fossa_core::schedule::ScheduleConfig;
use fossa_core::scheduler::TickDecision;

#[tokio::test]
async fn first_start_waits_for_the_grid_then_runs_once_per_fire() {
    let h = harness(office_hours(), at(2026, 3, 2, 9, 20), FakeJob::succeeding()).await;
    assert_eq!(
        h.tick_at(at(2026, 3, 2, 9, 20)).await,
        TickDecision::Waiting {
            next_due: at(2026, 3, 2, 10, 0)
        }
    );
    assert_eq!(
        h.tick_at(at(2026, 3, 2, 9, 59)).await,
        TickDecision::Waiting {
            next_due: at(2026, 3, 2, 10, 0)
        }
    );

    let decision = h.tick_at(at(2026, 3, 2, 10, 0)).await;
    assert!(
        matches!(
            decision,
            TickDecision::Started {
                trigger: Trigger::Scheduled,
                missed: 0,
                ..
            }
        ),
        "{decision:?}"
    );
    h.settle().await;
    assert_eq!(h.next_due().await, Some(at(2026, 3, 2, 11, 0)));
    // The same instant again, and every tick until the next fire: the completed run is not repeated.
    assert_eq!(
        h.tick_at(at(2026, 3, 2, 10, 0)).await,
        TickDecision::Waiting {
            next_due: at(2026, 3, 2, 11, 0)
        }
    );
    assert_eq!(
        h.tick_at(at(2026, 3, 2, 10, 30)).await,
        TickDecision::Waiting {
            next_due: at(2026, 3, 2, 11, 0)
        }
    );
    let runs = h.runs().await;
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].status, RunStatus::Success);
    assert_eq!(runs[0].trigger, Trigger::Scheduled);
    assert_eq!(h.job.calls(), 1);
}

#[tokio::test]
async fn downtime_inside_the_window_is_caught_up_once_with_the_missed_count() {
    let h = harness(office_hours(), at(2026, 3, 2, 9, 0), FakeJob::succeeding()).await;
    h.tick_at(at(2026, 3, 2, 9, 0)).await;
    h.settle().await;
    assert_eq!(h.next_due().await, Some(at(2026, 3, 2, 10, 0)));

    // The app was not running from 09:05 to 12:30: fires 10:00, 11:00 and 12:00 were missed.
    let decision = h.tick_at(at(2026, 3, 2, 12, 30)).await;
    assert_eq!(
        decision,
        TickDecision::Started {
            run_id: 2,
            trigger: Trigger::CatchUp,
            missed: 3
        }
    );
    h.settle().await;
    assert_eq!(h.next_due().await, Some(at(2026, 3, 2, 13, 0)));
    assert!(matches!(
        h.tick_at(at(2026, 3, 2, 12, 31)).await,
        TickDecision::Waiting { .. }
    ));
    let runs = h.runs().await;
    assert_eq!(runs.len(), 2);
    assert_eq!((runs[1].trigger, runs[1].missed), (Trigger::CatchUp, 3));
}

#[tokio::test]
async fn downtime_ending_outside_every_window_does_not_catch_up() {
    let h = harness(office_hours(), at(2026, 3, 2, 16, 0), FakeJob::succeeding()).await;
    h.tick_at(at(2026, 3, 2, 16, 0)).await;
    h.settle().await;
    // Off from 16:05 until 21:00: 17:00 was missed, but 21:00 is outside 08:00-18:00.
    let decision = h.tick_at(at(2026, 3, 2, 21, 0)).await;
    assert_eq!(
        decision,
        TickDecision::MissedOutsideWindow {
            missed: 1,
            next_due: Some(at(2026, 3, 3, 8, 0))
        }
    );
    assert_eq!(h.runs().await.len(), 1);
    assert_eq!(h.job.calls(), 1);
    // The next morning's fire runs normally.
    let decision = h.tick_at(at(2026, 3, 3, 8, 0)).await;
    assert!(matches!(
        decision,
        TickDecision::Started {
            trigger: Trigger::Scheduled,
            ..
        }
    ));
}

#[tokio::test]
async fn a_laptop_suspend_is_noticed_by_the_loop_from_the_wall_clock() {
    // The loop sleeps in short monotonic steps (here 20 ms instead of 30 s) and compares the wall
    // clock with next_due, so a wall-clock jump (a suspend) is noticed at the next step.
    let step = std::time::Duration::from_millis(20);
    let h = harness_with_step(
        office_hours(),
        at(2026, 3, 2, 9, 30),
        FakeJob::succeeding(),
        step,
    )
    .await;
    let looping = tokio::spawn(std::sync::Arc::clone(&h.scheduler).run_loop());
    assert!(eventually(|| async { h.next_due().await == Some(at(2026, 3, 2, 10, 0)) }).await);
    assert_eq!(h.job.calls(), 0);

    // Suspended at 09:30 for three hours and a quarter: the wall clock jumps.
    h.clock.set(at(2026, 3, 2, 12, 45));
    assert!(eventually(|| async { h.next_due().await == Some(at(2026, 3, 2, 13, 0)) }).await);
    let runs = h.runs().await;
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!((runs[0].trigger, runs[0].missed), (Trigger::CatchUp, 3));
    h.scheduler.shutdown().await;
    looping.await.unwrap();
}

/// Ticks every minute across `[from, to)` and returns the instants runs started at.
async fn run_instants(
    h: &Harness,
    from: chrono::DateTime<chrono::Utc>,
    to: chrono::DateTime<chrono::Utc>,
) -> Vec<String> {
    let mut now = from;
    while now < to {
        if let TickDecision::Started { .. } = h.tick_at(now).await {
            h.settle().await;
        }
        now += chrono::Duration::minutes(1);
    }
    h.runs()
        .await
        .iter()
        .map(|run| run.started_at.to_rfc3339())
        .collect()
}

#[tokio::test]
async fn a_fall_back_night_in_new_york_runs_every_hour_of_absolute_time_without_doubles() {
    let config = ScheduleConfig {
        timezone: "America/New_York".into(),
        active_hours: None,
        ..office_hours()
    };
    // 2026-11-01: 02:00 EDT falls back to 01:00 EST; the local day has 25 hours.
    let h = harness(config, utc("2026-11-01T04:00:00Z"), FakeJob::succeeding()).await;
    let started = run_instants(&h, utc("2026-11-01T04:00:00Z"), utc("2026-11-01T09:30:00Z")).await;
    assert_eq!(
        started,
        [
            "2026-11-01T04:00:00+00:00",
            "2026-11-01T05:00:00+00:00",
            "2026-11-01T06:00:00+00:00",
            "2026-11-01T07:00:00+00:00",
            "2026-11-01T08:00:00+00:00",
            "2026-11-01T09:00:00+00:00"
        ]
    );
}

#[tokio::test]
async fn a_spring_forward_window_opening_in_the_gap_starts_when_the_gap_ends() {
    let config = ScheduleConfig {
        timezone: "America/New_York".into(),
        active_hours: fossa_core::schedule::ActiveHours::hm(2, 30, 6, 0),
        interval_minutes: 90,
        ..office_hours()
    };
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist -> 03:00 EDT = 07:00Z.
    let h = harness(config, utc("2026-03-08T05:00:00Z"), FakeJob::succeeding()).await;
    let started = run_instants(&h, utc("2026-03-08T05:00:00Z"), utc("2026-03-08T11:00:00Z")).await;
    assert_eq!(
        started,
        ["2026-03-08T07:00:00+00:00", "2026-03-08T08:30:00+00:00"]
    );
}

#[tokio::test]
async fn jitter_delays_each_run_within_its_bound_without_moving_the_grid() {
    let config = ScheduleConfig {
        jitter_seconds: 300,
        ..office_hours()
    };
    let h = harness(config, at(2026, 3, 2, 9, 30), FakeJob::succeeding()).await;
    h.tick_at(at(2026, 3, 2, 9, 30)).await;
    for hour in 10..14 {
        let due = at(2026, 3, 2, hour, 0);
        assert_eq!(h.next_due().await, Some(due), "the grid stays on the hour");
        let planned = h
            .scheduler
            .status(fossa_core::model::JobType::WorkOrders)
            .await
            .unwrap()
            .next_run
            .unwrap();
        assert!(
            planned >= due && planned <= due + chrono::Duration::seconds(300),
            "{planned}"
        );
        if planned > due {
            let just_before = planned - chrono::Duration::milliseconds(1);
            assert!(matches!(
                h.tick_at(just_before).await,
                TickDecision::Waiting { .. }
            ));
        }
        assert!(matches!(
            h.tick_at(planned).await,
            TickDecision::Started {
                trigger: Trigger::Scheduled,
                ..
            }
        ));
        h.settle().await;
    }
    assert_eq!(h.runs().await.len(), 4);
}
