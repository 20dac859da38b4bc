// A test file: its helpers panic on purpose when a rule misbehaves.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::schedule::{ActiveHours, Weekdays};
use chrono::TimeZone;
use chrono_tz::Europe::Berlin;
use serde_json::json;

/// Tuesday 2026-03-10 12:00 in Berlin.
fn now() -> DateTime<Utc> {
    Berlin
        .with_ymd_and_hms(2026, 3, 10, 12, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn berlin() -> ScheduleConfig {
    ScheduleConfig {
        timezone: "Europe/Berlin".into(),
        active_hours: ActiveHours::hm(7, 0, 17, 0),
        ..ScheduleConfig::default_for_system()
    }
}

#[test]
fn tomorrow_is_the_window_opening_in_the_schedule_zone_or_eight() {
    let mut config = berlin();
    let at = |h| Berlin.with_ymd_and_hms(2026, 3, 11, h, 0, 0).unwrap();
    assert_eq!(tomorrow_start(&config, now()), at(7));
    config.active_hours = None;
    assert_eq!(tomorrow_start(&config, now()), at(8));
    // Tomorrow (Wednesday) is not an allowed day: 08:00 all the same.
    config.active_hours = ActiveHours::hm(7, 0, 17, 0);
    config.days = Weekdays::SAT_SUN;
    assert_eq!(tomorrow_start(&config, now()), at(8));
}

#[test]
fn a_pause_request_resolves_to_one_end() {
    let config = berlin();
    let until = now() + Duration::hours(3);
    assert_eq!(
        PauseRequest::indefinitely()
            .resolve(&config, now())
            .unwrap(),
        None
    );
    assert_eq!(
        PauseRequest::until(until).resolve(&config, now()).unwrap(),
        Some(until)
    );
    assert_eq!(
        PauseRequest::minutes(90).resolve(&config, now()).unwrap(),
        Some(now() + Duration::minutes(90))
    );
    assert_eq!(
        PauseRequest::until_tomorrow()
            .resolve(&config, now())
            .unwrap(),
        Some(tomorrow_start(&config, now()))
    );
    let both = PauseRequest {
        minutes: Some(5),
        until_tomorrow: true,
        ..PauseRequest::default()
    };
    let error = both.resolve(&config, now()).unwrap_err();
    assert_eq!(error.json_field().as_deref(), Some("minutes"));
    for minutes in [0, MAX_PAUSE_MINUTES + 1] {
        assert!(PauseRequest::minutes(minutes)
            .resolve(&config, now())
            .is_err());
    }
}

#[test]
fn a_pause_request_reads_the_json_the_fronts_send() {
    let request: PauseRequest = serde_json::from_value(json!({"until_tomorrow": true})).unwrap();
    assert_eq!(request, PauseRequest::until_tomorrow());
    let request: PauseRequest = serde_json::from_value(json!({})).unwrap();
    assert_eq!(request, PauseRequest::indefinitely());
}

#[test]
fn a_schedule_change_keeps_the_fields_it_does_not_send() {
    let current = berlin();
    let changes = json!({"interval_minutes": 90});
    let request = schedule_request(changes.as_object().unwrap().clone()).unwrap();
    let changed = request.apply(&current).unwrap();
    assert_eq!(changed.interval_minutes, 90);
    assert_eq!(changed.timezone, "Europe/Berlin");
    assert_eq!(changed.active_hours, current.active_hours);
    for (bad, field) in [
        (json!({"interval_minutes": "often"}), "interval_minutes"),
        (json!({"next_due": null}), "next_due"),
    ] {
        let error = schedule_request(bad.as_object().unwrap().clone()).unwrap_err();
        assert_eq!(error.json_field().as_deref(), Some(field), "{error}");
        assert!(!error.to_string().contains("line 1"), "{error}");
    }
}
