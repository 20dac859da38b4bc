//! Fuzz target: the settings text parsers of `fossa_core::schedule` (`parse_interval`,
//! `parse_jitter`, `parse_active_hours`, `parse_days`, `parse_timezone`) on the same lossy UTF-8
//! string. No panic; an error names its field; a parsed value is in range and its printed form
//! parses back to the same value.
#![no_main]

use fossa_core::schedule::{
    format_active_hours, format_interval, format_jitter, parse_active_hours, parse_days,
    parse_interval, parse_jitter, parse_timezone, ScheduleError, Weekdays, MAX_INTERVAL_MINUTES,
    MAX_JITTER_SECONDS, MIN_INTERVAL_MINUTES,
};
use libfuzzer_sys::fuzz_target;

/// An error must belong to `field` and read `"<field>: <reason>"`.
fn check_err(err: &ScheduleError, field: &str) {
    assert_eq!(err.field, field, "{err:?}");
    assert!(err.message.starts_with(&format!("{field}: ")), "{err:?}");
    assert!(!err.reason().is_empty(), "{err:?}");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();

    match parse_interval(text) {
        Ok(m) => {
            assert!(
                (MIN_INTERVAL_MINUTES..=MAX_INTERVAL_MINUTES).contains(&m),
                "{m}"
            );
            assert_eq!(parse_interval(&format_interval(m)), Ok(m), "{text:?}");
        }
        Err(e) => check_err(&e, ScheduleError::INTERVAL),
    }

    match parse_jitter(text) {
        Ok(s) => {
            assert!(s <= MAX_JITTER_SECONDS, "{s}");
            assert_eq!(parse_jitter(&format_jitter(s)), Ok(s), "{text:?}");
        }
        Err(e) => check_err(&e, ScheduleError::JITTER),
    }

    match parse_active_hours(text) {
        Ok(Some(hours)) => {
            assert!(hours.validate().is_ok(), "{hours:?}");
            let printed = hours.to_string();
            assert_eq!(format_active_hours(Some(&hours)), printed);
            assert_eq!(parse_active_hours(&printed), Ok(Some(hours)), "{text:?}");
            let json = serde_json::to_string(&hours).expect("serialise");
            assert_eq!(serde_json::from_str(&json).ok(), Some(hours), "{json}");
        }
        Ok(None) => assert_eq!(parse_active_hours(&format_active_hours(None)), Ok(None)),
        Err(e) => check_err(&e, ScheduleError::ACTIVE_HOURS),
    }

    match parse_days(text) {
        Ok(days) => {
            assert!(days.validate().is_ok() && !days.is_empty(), "{days:?}");
            assert_eq!(days.to_string().parse::<Weekdays>(), Ok(days), "{text:?}");
            assert_eq!(days.iter().count(), days.len());
        }
        Err(e) => check_err(&e, ScheduleError::DAYS),
    }

    match parse_timezone(text) {
        Ok(tz) => assert_eq!(parse_timezone(tz.name()), Ok(tz), "{text:?}"),
        Err(e) => check_err(&e, ScheduleError::TIMEZONE),
    }
});
