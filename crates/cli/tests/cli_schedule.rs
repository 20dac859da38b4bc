//! `fossa-sync schedule ...` as a user runs it: previews in many zones (DST gaps and overlaps,
//! half- and quarter-hour zones), validation that names the field and stores nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn fossa(dir: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("FOSSA_SYNC_NO_KEYRING", "1")
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn preview(zone: &str, hours: &str, interval: &str, from: &str, count: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = fossa(
        dir.path(),
        &[
            "schedule",
            "set",
            "--timezone",
            zone,
            "--active-hours",
            hours,
            "--interval",
            interval,
        ],
    );
    assert!(ok, "{err}");
    let (ok, out, err) = fossa(
        dir.path(),
        &["schedule", "preview", "--from", from, "--count", count],
    );
    assert!(ok, "{err}");
    out.lines().map(str::to_string).collect()
}

#[test]
fn new_york_spring_forward_skips_the_gap_without_missing_an_interval() {
    let lines = preview(
        "America/New_York",
        "off",
        "1h",
        "2026-03-08T00:00:00-05:00",
        "4",
    );
    assert_eq!(
        lines,
        [
            "2026-03-08T00:00:00-05:00",
            "2026-03-08T01:00:00-05:00",
            "2026-03-08T03:00:00-04:00",
            "2026-03-08T04:00:00-04:00"
        ]
    );
}

#[test]
fn new_york_fall_back_repeats_the_local_hour_but_not_the_instant() {
    let lines = preview(
        "America/New_York",
        "off",
        "1h",
        "2026-11-01T00:00:00-04:00",
        "4",
    );
    assert_eq!(
        lines,
        [
            "2026-11-01T00:00:00-04:00",
            "2026-11-01T01:00:00-04:00",
            "2026-11-01T01:00:00-05:00",
            "2026-11-01T02:00:00-05:00"
        ]
    );
}

#[test]
fn berlin_window_opening_in_the_gap_starts_when_the_gap_ends() {
    let lines = preview(
        "Europe/Berlin",
        "02:30-05:00",
        "1h",
        "2026-03-29T00:00:00+01:00",
        "3",
    );
    assert_eq!(
        lines,
        [
            "2026-03-29T03:00:00+02:00",
            "2026-03-29T04:00:00+02:00",
            "2026-03-30T02:30:00+02:00"
        ]
    );
}

#[test]
fn santiago_whole_day_window_when_midnight_is_skipped() {
    // 2026-09-06: Chile's clocks jump from 00:00 to 01:00, so the day starts at 01:00 -03.
    let lines = preview(
        "America/Santiago",
        "off",
        "12h",
        "2026-09-05T12:00:00-04:00",
        "3",
    );
    assert_eq!(
        lines,
        [
            "2026-09-05T12:00:00-04:00",
            "2026-09-06T01:00:00-03:00",
            "2026-09-06T13:00:00-03:00"
        ]
    );
}

#[test]
fn half_and_quarter_hour_zones() {
    assert_eq!(
        preview(
            "Asia/Kathmandu",
            "08:00-10:00",
            "45m",
            "2026-06-01T00:00:00+05:45",
            "3"
        ),
        [
            "2026-06-01T08:00:00+05:45",
            "2026-06-01T08:45:00+05:45",
            "2026-06-01T09:30:00+05:45"
        ]
    );
    assert_eq!(
        preview(
            "Pacific/Chatham",
            "08:00-09:00",
            "30m",
            "2026-06-01T00:00:00+12:45",
            "2"
        ),
        ["2026-06-01T08:00:00+12:45", "2026-06-01T08:30:00+12:45"]
    );
    // Lord Howe moves its clocks by 30 minutes (2026-10-04 02:00 -> 02:30).
    assert_eq!(
        preview(
            "Australia/Lord_Howe",
            "off",
            "1h",
            "2026-10-04T00:00:00+10:30",
            "4"
        ),
        [
            "2026-10-04T00:00:00+10:30",
            "2026-10-04T01:00:00+10:30",
            "2026-10-04T02:30:00+11:00",
            "2026-10-04T03:30:00+11:00"
        ]
    );
}

#[test]
fn an_invalid_value_names_the_field_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_, before, _) = fossa(dir.path(), &["schedule", "show", "--json"]);
    for (args, field) in [
        (vec!["--interval", "10m"], "interval"),
        (vec!["--active-hours", "09:00-09:00"], "active_hours"),
        (vec!["--days", "funday"], "days"),
        (vec!["--timezone", "Mars/Olympus"], "timezone"),
        (vec!["--jitter", "20m"], "jitter"),
        (vec!["--active-hours", "9am-5pm"], "active_hours"),
    ] {
        let mut full = vec!["schedule", "set"];
        full.extend(args.iter().copied());
        let (ok, _, err) = fossa(dir.path(), &full);
        assert!(!ok, "{args:?} was accepted");
        assert!(
            err.starts_with(&format!("error: {field}:")),
            "{args:?}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
    }
    let (_, after, _) = fossa(dir.path(), &["schedule", "show", "--json"]);
    assert_eq!(before, after);
}

#[test]
fn schedule_set_changes_only_the_given_options() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, err) = fossa(
        dir.path(),
        &[
            "schedule",
            "set",
            "--interval",
            "1h30m",
            "--days",
            "mon-fri",
            "--timezone",
            "America/Chicago",
            "--json",
        ],
    );
    assert!(ok, "{err}");
    let view: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(view["interval_minutes"], 90);
    assert_eq!(view["days"], "mon,tue,wed,thu,fri");
    assert_eq!(view["timezone"], "America/Chicago");
    assert_eq!(view["active_hours"], "08:00-18:00");
    assert!(view["next_due"].is_string());
}
