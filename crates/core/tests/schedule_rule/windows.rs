//! Overnight windows, weekday filters, 24-hour intervals, whole-day windows, `window_containing`,
//! `preview`, and the messages of the public parsers and of `validate`.

use super::{at, cfg, fires, local, window, NY};
use chrono::DateTime;
use fossa_core::schedule::{
    fires_between, next_fire_after, next_fire_at_or_after, parse_active_hours, parse_days,
    parse_interval, parse_jitter, parse_timezone, preview, window_containing, ScheduleConfig,
    ScheduleError,
};

#[test]
fn overnight_windows_belong_to_the_opening_day() {
    let every = cfg(NY, "2h", "22:00-06:00", "all");
    let want = [
        "2024-06-05T22:00:00-04:00",
        "2024-06-06T00:00:00-04:00",
        "2024-06-06T02:00:00-04:00",
        "2024-06-06T04:00:00-04:00",
    ];
    assert_eq!(
        fires(
            &every,
            "2024-06-05T12:00:00-04:00",
            "2024-06-06T12:00:00-04:00"
        ),
        want
    );
    // Friday only: the window opens Friday 22:00 and runs into Saturday morning.
    let friday = cfg(NY, "1h", "22:00-06:00", "fri");
    let got = fires(
        &friday,
        "2024-06-03T00:00:00-04:00",
        "2024-06-10T12:00:00-04:00",
    );
    assert_eq!(got.len(), 8);
    assert_eq!(got[0], "2024-06-07T22:00:00-04:00");
    assert_eq!(got[2], "2024-06-08T00:00:00-04:00");
    assert_eq!(got[7], "2024-06-08T05:00:00-04:00");
    // Across spring forward (the window opens Saturday 2024-03-09).
    let sat = cfg(NY, "1h", "22:00-06:00", "sat");
    let want = [
        "2024-03-09T22:00:00-05:00",
        "2024-03-09T23:00:00-05:00",
        "2024-03-10T00:00:00-05:00",
        "2024-03-10T01:00:00-05:00",
        "2024-03-10T03:00:00-04:00",
        "2024-03-10T04:00:00-04:00",
        "2024-03-10T05:00:00-04:00",
    ];
    assert_eq!(
        fires(
            &sat,
            "2024-03-09T00:00:00-05:00",
            "2024-03-11T00:00:00-04:00"
        ),
        want
    );
}

#[test]
fn weekday_filter_mon_fri() {
    let c = cfg(NY, "1h", "08:00-18:00", "mon-fri");
    let sat = at("2024-06-08T10:00:00-04:00");
    assert_eq!(
        local(&c, next_fire_at_or_after(&c, sat).unwrap()),
        "2024-06-10T08:00:00-04:00"
    );
    let fri_last = at("2024-06-07T17:00:00-04:00");
    assert_eq!(
        local(&c, next_fire_after(&c, fri_last).unwrap()),
        "2024-06-10T08:00:00-04:00"
    );
    let week = fires(&c, "2024-06-03T00:00:00-04:00", "2024-06-10T00:00:00-04:00");
    assert_eq!(week.len(), 50);
    assert!(week
        .iter()
        .all(|f| !f.starts_with("2024-06-08") && !f.starts_with("2024-06-09")));
    assert_eq!(window(&c, "2024-06-08T12:00:00-04:00"), None);
}

#[test]
fn interval_of_24h_fires_once_per_window() {
    let c = cfg(NY, "24h", "08:00-18:00", "all");
    let want = [
        "2024-03-09T08:00:00-05:00",
        "2024-03-10T08:00:00-04:00",
        "2024-03-11T08:00:00-04:00",
    ];
    assert_eq!(
        fires(&c, "2024-03-09T00:00:00-05:00", "2024-03-12T00:00:00-04:00"),
        want
    );
}

#[test]
fn whole_day_windows_restart_at_midnight() {
    let c = cfg("Europe/Berlin", "90m", "off", "all");
    let day = fires(&c, "2024-06-03T00:00:00+02:00", "2024-06-04T00:00:00+02:00");
    assert_eq!(day.len(), 16);
    assert_eq!(day[0], "2024-06-03T00:00:00+02:00");
    assert_eq!(day[15], "2024-06-03T22:30:00+02:00");
    let next = next_fire_after(&c, at(&day[15])).unwrap();
    assert_eq!(local(&c, next), "2024-06-04T00:00:00+02:00");
    let w = window(&c, "2024-06-03T13:00:00+02:00").unwrap();
    assert_eq!(w.0, "2024-06-03T00:00:00+02:00");
    assert_eq!(w.1, "2024-06-04T00:00:00+02:00");
}

#[test]
fn fires_sorted_unique_and_spaced_inside_windows() {
    let c = cfg(NY, "45m", "06:30-23:00", "mon,wed,fri-sun");
    let all = fires_between(&c, at("2024-10-20T00:00:00Z"), at("2024-11-20T00:00:00Z"));
    assert!(all.len() > 300);
    for pair in all.windows(2) {
        assert!(pair[0] < pair[1]);
        let (w0, w1) = (
            window_containing(&c, pair[0]),
            window_containing(&c, pair[1]),
        );
        if w0 == w1 {
            assert_eq!(pair[1] - pair[0], chrono::TimeDelta::minutes(45));
        }
        assert_eq!(next_fire_after(&c, pair[0]), Some(pair[1]));
    }
}

#[test]
fn window_containing_inside_outside_overnight() {
    let day = cfg(NY, "1h", "08:00-18:00", "all");
    let w = window(&day, "2024-06-05T12:34:00-04:00").unwrap();
    assert_eq!(
        w,
        (
            "2024-06-05T08:00:00-04:00".into(),
            "2024-06-05T18:00:00-04:00".into()
        )
    );
    assert!(
        window(&day, "2024-06-05T08:00:00-04:00").is_some(),
        "open is inside"
    );
    assert_eq!(
        window(&day, "2024-06-05T18:00:00-04:00"),
        None,
        "close is outside"
    );
    assert_eq!(window(&day, "2024-06-05T07:59:59-04:00"), None);
    let night = cfg(NY, "1h", "22:00-06:00", "mon");
    let mon_night = (
        "2024-06-10T22:00:00-04:00".into(),
        "2024-06-11T06:00:00-04:00".into(),
    );
    assert_eq!(
        window(&night, "2024-06-11T03:00:00-04:00"),
        Some(mon_night.clone())
    );
    assert_eq!(window(&night, "2024-06-10T23:00:00-04:00"), Some(mon_night));
    assert_eq!(
        window(&night, "2024-06-10T03:00:00-04:00"),
        None,
        "Sunday's night"
    );
    assert_eq!(window(&night, "2024-06-11T06:00:00-04:00"), None);
    assert_eq!(window(&night, "2024-06-11T23:00:00-04:00"), None);
}

#[test]
fn preview_prints_rfc3339_in_the_zone() {
    let mut c = cfg(NY, "1h", "00:00-06:00", "all");
    c.enabled = false;
    let got: Vec<_> = preview(&c, at("2024-03-09T23:00:00-05:00"), 4)
        .iter()
        .map(DateTime::to_rfc3339)
        .collect();
    let want = [
        "2024-03-10T00:00:00-05:00",
        "2024-03-10T01:00:00-05:00",
        "2024-03-10T03:00:00-04:00",
        "2024-03-10T04:00:00-04:00",
    ];
    assert_eq!(got, want);
    let from = at("2024-03-10T03:00:00-04:00");
    assert_eq!(
        preview(&c, from, 1)[0].to_rfc3339(),
        "2024-03-10T03:00:00-04:00"
    );
    assert_eq!(preview(&c, from, 200).len(), 200);
}

#[test]
fn parse_and_validation_messages() {
    let err = |r: Result<(), ScheduleError>| {
        let e = r.unwrap_err();
        (e.field, e.message)
    };
    let cases = [
        (err(parse_interval("10m").map(drop)), "interval", "interval: must be between 30m and 24h (got 10m)"),
        (err(parse_interval("2d").map(drop)), "interval", "interval: must be between 30m and 24h (got 48h)"),
        (err(parse_interval("2x").map(drop)), "interval", "interval: expected a duration like 1h, 90m or 1h30m (got \"2x\")"),
        (err(parse_interval("30m30s").map(drop)), "interval", "interval: must be a whole number of minutes (got 30m30s)"),
        (err(parse_active_hours("8:00-26:00").map(drop)), "active_hours", "active_hours: \"26:00\" is not a valid time; use HH:MM from 00:00 to 23:59"),
        (err(parse_active_hours("on").map(drop)), "active_hours", "active_hours: expected HH:MM-HH:MM (e.g. 08:00-18:00) or off (got \"on\")"),
        (err(parse_active_hours("06:00-06:00").map(drop)), "active_hours", "active_hours: start and end must differ (got 06:00-06:00); use off for all day"),
        (err(parse_days("mon-fir").map(drop)), "days", "days: unknown day \"fir\"; use mon, tue, wed, thu, fri, sat or sun, a range like mon-fri, or all"),
        (err(parse_days("").map(drop)), "days", "days: must include at least one day (e.g. mon-fri or all)"),
        (err(parse_jitter("11m").map(drop)), "jitter", "jitter: must be between 0s and 10m (got 11m)"),
        (err(parse_jitter("lots").map(drop)), "jitter", "jitter: expected a duration like 0, 90s or 2m (got \"lots\")"),
        (err(parse_timezone("Europe/Paree").map(drop)), "timezone", "timezone: \"Europe/Paree\" is not a known IANA time zone; use a name like Europe/Berlin or UTC"),
        (err(ScheduleConfig { interval_minutes: 1500, ..cfg(NY, "1h", "off", "all") }.validate()), "interval", "interval: must be between 30m and 24h (got 25h)"),
    ];
    for ((field, message), want_field, want_message) in cases {
        assert_eq!((field, message.as_str()), (want_field, want_message));
    }
}
