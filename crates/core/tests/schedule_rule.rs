//! The schedule rule against exact instants: DST gaps and folds in several zones and odd offsets
//! here; overnight windows, weekday filters, whole-day windows, `window_containing`, `preview` and
//! the public parsers' messages in `schedule_rule/windows.rs`; property tests in
//! `schedule_rule/props.rs`.

// Helpers outside `#[test]` functions unwrap too; a failed unwrap is a failed test here.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use fossa_core::schedule::{
    fires_between, next_fire_after, next_fire_at_or_after, parse_active_hours, parse_days,
    parse_interval, window_containing, window_for_date, ScheduleConfig,
};

#[path = "schedule_rule/props.rs"]
mod props;
#[path = "schedule_rule/windows.rs"]
mod windows;

fn cfg(tz: &str, interval: &str, hours: &str, days: &str) -> ScheduleConfig {
    let c = ScheduleConfig {
        interval_minutes: parse_interval(interval).unwrap(),
        timezone: tz.into(),
        active_hours: parse_active_hours(hours).unwrap(),
        days: parse_days(days).unwrap(),
        jitter_seconds: 0,
        enabled: true,
    };
    c.validate().unwrap();
    c
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn local(c: &ScheduleConfig, t: DateTime<Utc>) -> String {
    t.with_timezone(&c.timezone.parse::<Tz>().unwrap())
        .to_rfc3339()
}

/// Fires in `[from, to)` as RFC3339 strings in the config's zone.
fn fires(c: &ScheduleConfig, from: &str, to: &str) -> Vec<String> {
    let all = fires_between(c, at(from), at(to));
    assert!(all.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
    all.into_iter().map(|t| local(c, t)).collect()
}

fn window(c: &ScheduleConfig, t: &str) -> Option<(String, String)> {
    window_containing(c, at(t)).map(|(o, e)| (local(c, o), local(c, e)))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const NY: &str = "America/New_York";

#[test]
fn new_york_spring_forward_hourly_midnight_to_six() {
    let c = cfg(NY, "1h", "00:00-06:00", "all");
    let got = fires(&c, "2024-03-10T00:00:00-05:00", "2024-03-11T00:00:00-04:00");
    let want = [
        "2024-03-10T00:00:00-05:00",
        "2024-03-10T01:00:00-05:00",
        "2024-03-10T03:00:00-04:00",
        "2024-03-10T04:00:00-04:00",
        "2024-03-10T05:00:00-04:00",
    ];
    assert_eq!(got, want);
}

#[test]
fn new_york_fall_back_hourly_midnight_to_six() {
    let c = cfg(NY, "1h", "00:00-06:00", "all");
    let got = fires(&c, "2024-11-03T00:00:00-04:00", "2024-11-04T00:00:00-05:00");
    let want = [
        "2024-11-03T00:00:00-04:00",
        "2024-11-03T01:00:00-04:00",
        "2024-11-03T01:00:00-05:00",
        "2024-11-03T02:00:00-05:00",
        "2024-11-03T03:00:00-05:00",
        "2024-11-03T04:00:00-05:00",
        "2024-11-03T05:00:00-05:00",
    ];
    assert_eq!(got, want);
}

#[test]
fn new_york_half_hourly_across_one_to_three() {
    let c = cfg(NY, "30m", "01:00-03:00", "all");
    let spring = fires(&c, "2024-03-10T00:00:00-05:00", "2024-03-11T00:00:00-04:00");
    assert_eq!(
        spring,
        ["2024-03-10T01:00:00-05:00", "2024-03-10T01:30:00-05:00"]
    );
    let before = fires(&c, "2024-03-09T00:00:00-05:00", "2024-03-10T00:00:00-05:00");
    assert_eq!(before.len(), 4);
    let fall = fires(&c, "2024-11-03T00:00:00-04:00", "2024-11-04T00:00:00-05:00");
    let want = [
        "2024-11-03T01:00:00-04:00",
        "2024-11-03T01:30:00-04:00",
        "2024-11-03T01:00:00-05:00",
        "2024-11-03T01:30:00-05:00",
        "2024-11-03T02:00:00-05:00",
        "2024-11-03T02:30:00-05:00",
    ];
    assert_eq!(fall, want);
}

#[test]
fn window_starting_inside_the_gap_opens_when_the_gap_ends() {
    let c = cfg(NY, "1h", "02:30-05:00", "all");
    let got = fires(&c, "2024-03-10T00:00:00-05:00", "2024-03-11T00:00:00-04:00");
    assert_eq!(
        got,
        ["2024-03-10T03:00:00-04:00", "2024-03-10T04:00:00-04:00"]
    );
    let (open, close) = window_for_date(&c, date(2024, 3, 10)).unwrap();
    assert_eq!(local(&c, open), "2024-03-10T03:00:00-04:00");
    assert_eq!(local(&c, close), "2024-03-10T05:00:00-04:00");
    let next_day = next_fire_after(&c, at("2024-03-10T04:00:00-04:00")).unwrap();
    assert_eq!(local(&c, next_day), "2024-03-11T02:30:00-04:00");
}

#[test]
fn fall_back_start_in_the_repeated_hour_takes_the_earlier_instant() {
    let c = cfg(NY, "1h", "01:30-04:00", "all");
    let got = fires(&c, "2024-11-03T00:00:00-04:00", "2024-11-04T00:00:00-05:00");
    let want = [
        "2024-11-03T01:30:00-04:00",
        "2024-11-03T01:30:00-05:00",
        "2024-11-03T02:30:00-05:00",
        "2024-11-03T03:30:00-05:00",
    ];
    assert_eq!(got, want);
}

#[test]
fn berlin_both_changes() {
    let spring = cfg("Europe/Berlin", "30m", "01:00-04:00", "all");
    let want = [
        "2024-03-31T01:00:00+01:00",
        "2024-03-31T01:30:00+01:00",
        "2024-03-31T03:00:00+02:00",
        "2024-03-31T03:30:00+02:00",
    ];
    assert_eq!(
        fires(
            &spring,
            "2024-03-31T00:00:00+01:00",
            "2024-04-01T00:00:00+02:00"
        ),
        want
    );
    let fall = cfg("Europe/Berlin", "1h", "01:00-04:00", "all");
    let want = [
        "2024-10-27T01:00:00+02:00",
        "2024-10-27T02:00:00+02:00",
        "2024-10-27T02:00:00+01:00",
        "2024-10-27T03:00:00+01:00",
    ];
    assert_eq!(
        fires(
            &fall,
            "2024-10-27T00:00:00+02:00",
            "2024-10-28T00:00:00+01:00"
        ),
        want
    );
    let daily = cfg("Europe/Berlin", "24h", "off", "all");
    let want = [
        "2024-03-30T00:00:00+01:00",
        "2024-03-31T00:00:00+01:00",
        "2024-04-01T00:00:00+02:00",
    ];
    assert_eq!(
        fires(
            &daily,
            "2024-03-30T00:00:00+01:00",
            "2024-04-02T00:00:00+02:00"
        ),
        want
    );
}

#[test]
fn lord_howe_half_hour_shift() {
    let tz = "Australia/Lord_Howe";
    let spring = cfg(tz, "30m", "01:00-04:00", "all");
    let want = [
        "2024-10-06T01:00:00+10:30",
        "2024-10-06T01:30:00+10:30",
        "2024-10-06T02:30:00+11:00",
        "2024-10-06T03:00:00+11:00",
        "2024-10-06T03:30:00+11:00",
    ];
    assert_eq!(
        fires(
            &spring,
            "2024-10-06T00:00:00+10:30",
            "2024-10-07T00:00:00+11:00"
        ),
        want
    );
    let in_gap = cfg(tz, "30m", "02:15-03:15", "all");
    let want = ["2024-10-06T02:30:00+11:00", "2024-10-06T03:00:00+11:00"];
    assert_eq!(
        fires(
            &in_gap,
            "2024-10-06T00:00:00+10:30",
            "2024-10-07T00:00:00+11:00"
        ),
        want
    );
    let fall = cfg(tz, "30m", "01:00-03:00", "all");
    let want = [
        "2024-04-07T01:00:00+11:00",
        "2024-04-07T01:30:00+11:00",
        "2024-04-07T01:30:00+10:30",
        "2024-04-07T02:00:00+10:30",
        "2024-04-07T02:30:00+10:30",
    ];
    assert_eq!(
        fires(
            &fall,
            "2024-04-07T00:00:00+11:00",
            "2024-04-08T00:00:00+10:30"
        ),
        want
    );
}

#[test]
fn santiago_skipped_midnight_whole_day_windows() {
    let tz = "America/Santiago";
    let hourly = cfg(tz, "1h", "off", "all");
    let (open, close) = window_for_date(&hourly, date(2024, 9, 8)).unwrap();
    assert_eq!(local(&hourly, open), "2024-09-08T01:00:00-03:00");
    assert_eq!(local(&hourly, close), "2024-09-09T00:00:00-03:00");
    let got = fires(
        &hourly,
        "2024-09-07T00:00:00-04:00",
        "2024-09-09T00:00:00-03:00",
    );
    assert_eq!(got.len(), 24 + 23);
    assert_eq!(got[0], "2024-09-07T00:00:00-04:00");
    assert_eq!(got[23], "2024-09-07T23:00:00-04:00");
    assert_eq!(got[24], "2024-09-08T01:00:00-03:00");
    assert_eq!(got[46], "2024-09-08T23:00:00-03:00");
    let daily = cfg(tz, "24h", "off", "all");
    let want = [
        "2024-09-07T00:00:00-04:00",
        "2024-09-08T01:00:00-03:00",
        "2024-09-09T00:00:00-03:00",
    ];
    assert_eq!(
        fires(
            &daily,
            "2024-09-07T00:00:00-04:00",
            "2024-09-10T00:00:00-03:00"
        ),
        want
    );
    // Fall back: 23:00-24:00 on 2024-04-06 happens twice; that day's window is 25 hours.
    let got = fires(
        &hourly,
        "2024-04-06T00:00:00-03:00",
        "2024-04-07T00:00:00-04:00",
    );
    assert_eq!(got.len(), 25);
    assert_eq!(got[23], "2024-04-06T23:00:00-03:00");
    assert_eq!(got[24], "2024-04-06T23:00:00-04:00");
}

#[test]
fn kathmandu_quarter_hour_offset() {
    let c = cfg("Asia/Kathmandu", "30m", "08:00-10:00", "all");
    let want = [
        "2024-06-03T08:00:00+05:45",
        "2024-06-03T08:30:00+05:45",
        "2024-06-03T09:00:00+05:45",
        "2024-06-03T09:30:00+05:45",
    ];
    assert_eq!(
        fires(&c, "2024-06-03T00:00:00+05:45", "2024-06-04T00:00:00+05:45"),
        want
    );
    let first = next_fire_at_or_after(&c, at("2024-06-03T00:00:00Z")).unwrap();
    assert_eq!(first.to_rfc3339(), "2024-06-03T02:15:00+00:00");
}

#[test]
fn chatham_offsets_and_changes() {
    let tz = "Pacific/Chatham";
    let c = cfg(tz, "1h", "02:00-05:00", "all");
    let spring = fires(&c, "2024-09-29T00:00:00+12:45", "2024-09-30T00:00:00+13:45");
    assert_eq!(
        spring,
        ["2024-09-29T02:00:00+12:45", "2024-09-29T04:00:00+13:45"]
    );
    let fall = fires(&c, "2024-04-07T00:00:00+13:45", "2024-04-08T00:00:00+12:45");
    let want = [
        "2024-04-07T02:00:00+13:45",
        "2024-04-07T03:00:00+13:45",
        "2024-04-07T03:00:00+12:45",
        "2024-04-07T04:00:00+12:45",
    ];
    assert_eq!(fall, want);
    let in_gap = cfg(tz, "1h", "03:00-05:00", "all");
    let got = fires(
        &in_gap,
        "2024-09-29T00:00:00+12:45",
        "2024-09-30T00:00:00+13:45",
    );
    assert_eq!(
        got,
        ["2024-09-29T03:45:00+13:45", "2024-09-29T04:45:00+13:45"]
    );
}
