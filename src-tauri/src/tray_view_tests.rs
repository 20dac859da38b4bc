//! Unit tests of the tray mapping: each state, the countdown texts, the failure reason, progress.

use super::*;
use chrono::{Duration, TimeZone};
use chrono_tz::Europe::Berlin;
use fossa_core::model::{JobType, Trigger};

/// Tuesday 2026-03-10 12:37 in Berlin (UTC+1).
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 11, 37, 0).unwrap()
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Berlin
        .with_ymd_and_hms(2026, 3, 10, h, m, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn run(status: RunStatus) -> RunRecord {
    RunRecord {
        id: 7,
        job_type: JobType::WorkOrders,
        trigger: Trigger::Scheduled,
        status,
        started_at: at(11, 59),
        finished_at: Some(at(12, 0)),
        duration_ms: Some(60_000),
        attempts: 1,
        missed: 0,
        found: Some(60),
        new: Some(3),
        changed: Some(1),
        removed: Some(0),
        error_class: None,
        error: None,
    }
}

fn status(state: State) -> Status {
    Status {
        state,
        job_type: JobType::WorkOrders,
        enabled: true,
        interval_minutes: 60,
        next_run: Some(at(13, 0)),
        countdown_seconds: None,
        paused: false,
        paused_until: None,
        consecutive_failures: 0,
        last_run: Some(run(RunStatus::Success)),
        last_success_at: Some(at(12, 0)),
        running_run_id: None,
        demo: false,
    }
}

fn show(status: &Status, progress: Option<&Progress>) -> TrayView {
    view_at(status, progress, now(), false)
}

fn view_at(
    status: &Status,
    progress: Option<&Progress>,
    now: DateTime<Utc>,
    demo: bool,
) -> TrayView {
    let input = TrayInput {
        engine: EngineView::Ready {
            status,
            progress,
            interval_minutes: Some(60),
            held_elsewhere: false,
        },
        demo,
        now,
    };
    tray_view(&input, &Berlin)
}

#[test]
fn active_shows_the_countdown_the_last_result_and_a_ring_that_empties() {
    let view = show(&status(State::Active), None);
    assert_eq!(view.state, State::Active);
    assert_eq!(view.headline, "Next sync in 23 min · 13:00");
    assert_eq!(view.detail, "Last sync 12:00 · 3 new, 1 changed");
    assert_eq!(view.title, "23 min");
    assert!((view.ring - 23.0 / 60.0).abs() < 0.001, "{}", view.ring);
    assert!(view.can_sync && view.can_pause && !view.can_resume);
}

#[test]
fn countdown_texts_cover_minutes_hours_and_days() {
    let now = now();
    let in_secs = |s: i64| Some(now + Duration::seconds(s));
    assert_eq!(
        countdown_text(in_secs(30), now, &Berlin),
        "Next sync in 1 min · 12:37"
    );
    assert_eq!(
        countdown_text(in_secs(60 * 60), now, &Berlin),
        "Next sync in 1 h · 13:37"
    );
    assert_eq!(
        countdown_text(in_secs(2 * 3600 + 5 * 60), now, &Berlin),
        "Next sync in 2 h 5 min · 14:42"
    );
    assert_eq!(
        countdown_text(in_secs(20 * 3600), now, &Berlin),
        "Next sync in 20 h · tomorrow 08:37"
    );
    assert_eq!(
        countdown_text(in_secs(3 * 86_400), now, &Berlin),
        "Next sync Fri 12:37"
    );
    assert_eq!(
        countdown_text(in_secs(0), now, &Berlin),
        "Next sync due now"
    );
    assert_eq!(countdown_text(None, now, &Berlin), "No sync scheduled");
}

#[test]
fn ring_is_full_a_whole_interval_ahead_and_empty_when_due() {
    let mut s = status(State::Active);
    s.next_run = Some(now() + Duration::minutes(90));
    assert_eq!(show(&s, None).ring, 1.0);
    s.next_run = Some(now());
    assert_eq!(show(&s, None).ring, 0.0);
}

#[test]
fn running_shows_pages_and_a_progress_ring() {
    let s = status(State::Running);
    let progress = Progress {
        run_id: 8,
        job_type: JobType::WorkOrders,
        phase: Phase::Fetching,
        pages_done: 3,
        pages_total: Some(10),
        rows: 75,
    };
    let view = show(&s, Some(&progress));
    assert_eq!(view.state, State::Running);
    assert_eq!(view.headline, "Syncing… page 3 of 10");
    assert_eq!(view.title, "3/10");
    assert!((view.ring - 0.3).abs() < 0.001);
    assert!(!view.can_sync);

    let unknown = Progress {
        pages_total: None,
        pages_done: 1,
        ..progress.clone()
    };
    assert_eq!(show(&s, Some(&unknown)).headline, "Syncing… page 1");
    assert_eq!(show(&s, Some(&unknown)).ring, 0.0);
    let login = Progress {
        phase: Phase::LoggingIn,
        ..progress.clone()
    };
    assert_eq!(show(&s, Some(&login)).headline, "Syncing… logging in");
    let browser = Progress {
        phase: Phase::StartingBrowser,
        ..progress.clone()
    };
    assert_eq!(
        show(&s, Some(&browser)).headline,
        "Syncing… starting the browser"
    );
    assert_eq!(show(&s, None).headline, "Syncing…");
}

#[test]
fn paused_shows_until_when_and_offers_resume() {
    let mut s = status(State::Paused);
    s.paused = true;
    s.paused_until = Some(at(15, 30));
    let view = show(&s, None);
    assert_eq!(view.state, State::Paused);
    assert_eq!(view.headline, "Paused until 15:30");
    assert_eq!(view.ring, 0.0);
    assert!(view.can_resume && !view.can_pause);

    s.paused_until = None;
    assert_eq!(show(&s, None).headline, "Paused");
    s.paused = false;
    s.enabled = false;
    assert_eq!(show(&s, None).headline, "Scheduled syncing is off");
}

#[test]
fn failed_shows_the_count_and_the_reason_in_short() {
    let mut s = status(State::Failed);
    let mut failed = run(RunStatus::Failed);
    failed.error = Some("WorkFossa rejected the email or password; update them in Settings (or `fossa-sync account set`).".into());
    s.last_run = Some(failed);
    s.consecutive_failures = 2;
    let view = show(&s, None);
    assert_eq!(view.state, State::Failed);
    assert_eq!(
        view.headline,
        "Sync failed 2× — WorkFossa rejected the email or password"
    );
    assert_eq!(view.detail, "Last successful sync 12:00");
    assert_eq!(view.title, "Failed");

    s.consecutive_failures = 1;
    s.last_success_at = None;
    let once = show(&s, None);
    assert_eq!(
        once.headline,
        "Sync failed — WorkFossa rejected the email or password"
    );
    assert_eq!(once.detail, "No successful sync yet");
}

#[test]
fn short_reason_takes_the_first_clause_and_caps_its_length() {
    assert_eq!(
        short_reason("WorkFossa could not be reached (dns error); check the network."),
        "WorkFossa could not be reached"
    );
    assert_eq!(short_reason("Plain sentence."), "Plain sentence");
    let long = "x".repeat(200);
    assert_eq!(short_reason(&long).chars().count(), MAX_REASON);
}

#[test]
fn last_result_line_covers_no_run_no_changes_interrupted_and_yesterday() {
    let mut s = status(State::Active);
    s.last_run = None;
    assert_eq!(show(&s, None).detail, "No sync yet");
    let mut quiet = run(RunStatus::Success);
    quiet.new = Some(0);
    quiet.changed = Some(0);
    s.last_run = Some(quiet);
    assert_eq!(show(&s, None).detail, "Last sync 12:00 · no changes");
    s.last_run = Some(run(RunStatus::Interrupted));
    assert_eq!(show(&s, None).detail, "Last sync 12:00 was interrupted");
    let tomorrow = now() + Duration::days(1);
    s.last_run = Some(run(RunStatus::Success));
    assert_eq!(
        view_at(&s, None, tomorrow, false).detail,
        "Last sync yesterday 12:00 · 3 new, 1 changed"
    );
}

#[test]
fn demo_mode_is_marked_on_the_second_line() {
    let view = view_at(&status(State::Active), None, now(), true);
    assert_eq!(
        view.detail,
        "Demo data · Last sync 12:00 · 3 new, 1 changed"
    );
}

#[test]
fn starting_unavailable_and_held_elsewhere_say_so() {
    let starting = tray_view(
        &TrayInput {
            engine: EngineView::Starting,
            demo: false,
            now: now(),
        },
        &Berlin,
    );
    assert_eq!(starting.headline, "Starting…");
    assert!(!starting.can_sync);
    let failed = tray_view(
        &TrayInput {
            engine: EngineView::Unavailable("The local database failed: disk full"),
            demo: false,
            now: now(),
        },
        &Berlin,
    );
    assert_eq!(failed.state, State::Failed);
    assert_eq!(failed.detail, "The local database failed: disk full");
    let s = status(State::Active);
    let held = tray_view(
        &TrayInput {
            engine: EngineView::Ready {
                status: &s,
                progress: None,
                interval_minutes: Some(60),
                held_elsewhere: true,
            },
            demo: false,
            now: now(),
        },
        &Berlin,
    );
    assert_eq!(
        held.detail,
        "Another Fossa Sync (daemon) schedules this data dir"
    );
}
