//! Parsing of user text for each schedule field (CLI flags, UI inputs) and the matching printers.
//! Every error is a [`ScheduleError`] naming the field, in one sentence.

use chrono_tz::Tz;

use super::config::{check_interval, check_jitter};
use super::days::Weekdays;
use super::error::ScheduleError;
use super::hours::ActiveHours;

/// Parses an interval such as `1h`, `90m`, `1h30m`, `2h 15m`, `30m`, `24h` into minutes and checks
/// it is between 30 minutes and 24 hours. Units: humantime's (`h`, `m`, `s` if it sums to whole
/// minutes, `d`, ...).
pub fn parse_interval(text: &str) -> Result<u32, ScheduleError> {
    let secs = parse_duration_secs(text).ok_or_else(|| {
        ScheduleError::new(
            ScheduleError::INTERVAL,
            format_args!(
                "expected a duration like 1h, 90m or 1h30m (got {:?})",
                text.trim()
            ),
        )
    })?;
    if secs % 60 != 0 {
        return Err(ScheduleError::new(
            ScheduleError::INTERVAL,
            format_args!(
                "must be a whole number of minutes (got {})",
                format_duration(secs)
            ),
        ));
    }
    check_interval(secs / 60)
}

/// Parses a jitter such as `0`, `90s`, `2m`, `1m30s`, `10m` into seconds (at most 10 minutes).
pub fn parse_jitter(text: &str) -> Result<u32, ScheduleError> {
    let secs = parse_duration_secs(text).ok_or_else(|| {
        ScheduleError::new(
            ScheduleError::JITTER,
            format_args!(
                "expected a duration like 0, 90s or 2m (got {:?})",
                text.trim()
            ),
        )
    })?;
    check_jitter(secs)
}

/// Parses an IANA time-zone name such as `Europe/Berlin` (exact spelling, surrounding spaces
/// ignored).
pub fn parse_timezone(text: &str) -> Result<Tz, ScheduleError> {
    let name = text.trim();
    name.parse::<Tz>().map_err(|_| {
        ScheduleError::new(
            ScheduleError::TIMEZONE,
            format_args!(
                "{name:?} is not a known IANA time zone; use a name like Europe/Berlin or UTC"
            ),
        )
    })
}

/// Parses active hours: `off` (any case) gives `None` (all day); otherwise `HH:MM-HH:MM`, e.g.
/// `08:00-18:00` or the overnight `22:00-06:00`.
pub fn parse_active_hours(text: &str) -> Result<Option<ActiveHours>, ScheduleError> {
    if text.trim().eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    ActiveHours::parse(text).map(Some)
}

/// Prints active hours the way [`parse_active_hours`] reads them (`off` for `None`).
pub fn format_active_hours(hours: Option<&ActiveHours>) -> String {
    hours.map_or_else(|| "off".to_owned(), ToString::to_string)
}

/// Parses a day set: `mon-fri`, `all`, `mon,wed,fri`, `sat-sun`, wrapping `fri-mon`; see
/// [`Weekdays::parse`].
pub fn parse_days(text: &str) -> Result<Weekdays, ScheduleError> {
    Weekdays::parse(text)
}

/// Prints an interval in minutes the way [`parse_interval`] reads it: `30m`, `1h`, `1h30m`, `24h`.
pub fn format_interval(minutes: u32) -> String {
    if minutes == 0 {
        return "0m".to_owned();
    }
    format_duration(u64::from(minutes) * 60)
}

/// Prints a jitter in seconds the way [`parse_jitter`] reads it: `0s`, `45s`, `1m30s`, `10m`.
pub fn format_jitter(seconds: u32) -> String {
    format_duration(u64::from(seconds))
}

/// `1h30m`, `45s`, `0s`: hours, minutes and seconds, zero parts left out.
pub(crate) fn format_duration(secs: u64) -> String {
    if secs == 0 {
        return "0s".to_owned();
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::new();
    for (value, unit) in [(h, 'h'), (m, 'm'), (s, 's')] {
        if value > 0 {
            out.push_str(&value.to_string());
            out.push(unit);
        }
    }
    out
}

/// `0`, or `<number><unit>` parts as humantime reads them (`1h30m`, `2h 15m`, `1 hour 30
/// minutes`, `90s`, `1.5h`, `1d`), in any letter case: the text is lowercased first, so `M` means
/// minutes here, never humantime's months. `None` when malformed, overflowing, or not a whole
/// number of seconds.
fn parse_duration_secs(text: &str) -> Option<u64> {
    let duration = humantime::parse_duration(&text.trim().to_ascii_lowercase()).ok()?;
    (duration.subsec_nanos() == 0).then_some(duration.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        for (text, minutes) in [
            ("1h", 60),
            ("90m", 90),
            ("1h30m", 90),
            ("30m", 30),
            ("24h", 1440),
            ("2h 15m", 135),
            (" 2H15M ", 135),
            ("1 hour 30 minutes", 90),
            ("45min", 45),
            ("1800s", 30),
            // Forms humantime adds to the old grammar: fractions, days, any order, repeats.
            ("1.5h", 90),
            ("1d", 1440),
            ("30m1h", 90),
            ("1h1h", 120),
            ("2 hrs", 120),
        ] {
            assert_eq!(parse_interval(text).unwrap(), minutes, "{text}");
        }
    }

    #[test]
    fn interval_errors() {
        let msg = |s: &str| parse_interval(s).unwrap_err().message;
        assert_eq!(
            msg("10m"),
            "interval: must be between 30m and 24h (got 10m)"
        );
        assert_eq!(
            msg("25h"),
            "interval: must be between 30m and 24h (got 25h)"
        );
        assert_eq!(msg("0"), "interval: must be between 30m and 24h (got 0m)");
        assert_eq!(
            msg("24h1m"),
            "interval: must be between 30m and 24h (got 24h1m)"
        );
        assert_eq!(
            msg("99999999999999999h"),
            "interval: expected a duration like 1h, 90m or 1h30m (got \"99999999999999999h\")"
        );
        assert_eq!(
            msg("abc"),
            "interval: expected a duration like 1h, 90m or 1h30m (got \"abc\")"
        );
        for bad in ["", "60", "h", "-30m", "1x", "1h 30", "90m!", "30000ms5ns"] {
            assert_eq!(
                parse_interval(bad).unwrap_err().message,
                format!("interval: expected a duration like 1h, 90m or 1h30m (got {bad:?})")
            );
        }
        assert_eq!(
            msg("45m30s"),
            "interval: must be a whole number of minutes (got 45m30s)"
        );
        assert_eq!(parse_interval("x").unwrap_err().field, "interval");
    }

    #[test]
    fn jitter() {
        for (text, secs) in [
            ("0", 0),
            ("2m", 120),
            ("90s", 90),
            ("10m", 600),
            ("1m 30s", 90),
            // Lowercased before humantime: `M` is minutes, not months.
            ("1M", 60),
        ] {
            assert_eq!(parse_jitter(text).unwrap(), secs, "{text}");
        }
        let msg = |s: &str| parse_jitter(s).unwrap_err().message;
        assert_eq!(msg("11m"), "jitter: must be between 0s and 10m (got 11m)");
        assert_eq!(
            msg("601s"),
            "jitter: must be between 0s and 10m (got 10m1s)"
        );
        assert_eq!(
            msg("soon"),
            "jitter: expected a duration like 0, 90s or 2m (got \"soon\")"
        );
        assert_eq!(parse_jitter("5").unwrap_err().field, "jitter");
        assert_eq!(
            msg("1500ms"),
            "jitter: expected a duration like 0, 90s or 2m (got \"1500ms\")"
        );
    }

    #[test]
    fn timezones() {
        assert_eq!(parse_timezone("Europe/Berlin").unwrap(), Tz::Europe__Berlin);
        assert_eq!(parse_timezone(" UTC ").unwrap(), Tz::UTC);
        let e = parse_timezone("Mars/Base").unwrap_err();
        assert_eq!(e.field, "timezone");
        assert_eq!(
            e.message,
            "timezone: \"Mars/Base\" is not a known IANA time zone; use a name like Europe/Berlin or UTC"
        );
    }

    #[test]
    fn active_hours_and_days() {
        assert_eq!(parse_active_hours("off").unwrap(), None);
        assert_eq!(parse_active_hours(" OFF ").unwrap(), None);
        let h = parse_active_hours("22:00-06:00").unwrap();
        assert_eq!(format_active_hours(h.as_ref()), "22:00-06:00");
        assert_eq!(format_active_hours(None), "off");
        assert_eq!(
            parse_active_hours("8am-6pm").unwrap_err().message,
            "active_hours: \"8am\" is not a valid time; use HH:MM from 00:00 to 23:59"
        );
        assert_eq!(parse_days("mon-fri").unwrap(), Weekdays::MON_FRI);
        assert_eq!(parse_days("funday").unwrap_err().field, "days");
    }

    #[test]
    fn printers_round_trip() {
        for m in [30, 45, 60, 90, 135, 1440] {
            assert_eq!(parse_interval(&format_interval(m)).unwrap(), m);
        }
        for s in [0, 1, 45, 90, 120, 600] {
            assert_eq!(parse_jitter(&format_jitter(s)).unwrap(), s);
        }
        assert_eq!(format_interval(90), "1h30m");
        assert_eq!(format_interval(0), "0m");
        assert_eq!(format_jitter(0), "0s");
    }
}
