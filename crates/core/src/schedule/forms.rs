//! The original app's forms of a schedule's values: the interval in hours (`interval_hours`,
//! 0.5 to 24) and active hours as whole hours (`{"start": 8, "end": 18}`, each 0 to 23), both
//! ways: read from a request, and shown next to the native forms in every schedule view.

use serde::{Deserialize, Serialize};

use super::config::{MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES};
use super::error::ScheduleError;
use super::hours::ActiveHours;

/// The JSON key of the interval in hours.
pub const INTERVAL_HOURS: &str = "interval_hours";

/// Active hours as whole hours of the day, 0 to 23; `end <= start` is overnight
/// (`{"start": 22, "end": 6}`), `start == end` is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct HourRange {
    pub start: u32,
    pub end: u32,
}

impl HourRange {
    /// The window from `start:00` to `end:00`, validated (hours 0–23, start ≠ end).
    pub fn to_active_hours(self) -> Result<ActiveHours, ScheduleError> {
        for hour in [self.start, self.end] {
            if hour > 23 {
                return Err(ScheduleError::new(
                    ScheduleError::ACTIVE_HOURS,
                    format_args!("start and end are whole hours from 0 to 23 (got {hour})"),
                ));
            }
        }
        ActiveHours::hm(self.start, 0, self.end, 0)
            .ok_or_else(|| ScheduleError::new(ScheduleError::ACTIVE_HOURS, "not a time of day"))
            .and_then(|hours| hours.validate().map(|()| hours))
    }

    /// The window as whole hours; None when it starts or ends off the hour.
    pub fn of(hours: &ActiveHours) -> Option<Self> {
        use chrono::Timelike;
        let whole = |t: chrono::NaiveTime| (t.minute() == 0 && t.second() == 0).then_some(t.hour());
        Some(Self {
            start: whole(hours.start)?,
            end: whole(hours.end)?,
        })
    }
}

/// An interval in hours as whole minutes: 0.5 to 24 hours, and a whole number of minutes
/// (1.25 is 75 minutes; 0.01 is refused).
pub fn interval_hours_to_minutes(hours: f64) -> Result<u32, ScheduleError> {
    let min = f64::from(MIN_INTERVAL_MINUTES) / 60.0;
    let max = f64::from(MAX_INTERVAL_MINUTES) / 60.0;
    if !hours.is_finite() || hours < min || hours > max {
        return Err(ScheduleError::new(
            INTERVAL_HOURS,
            format_args!("must be between {min} and {max} hours (got {hours})"),
        ));
    }
    let minutes = hours * 60.0;
    let whole = minutes.round();
    if (minutes - whole).abs() > 1e-6 {
        return Err(ScheduleError::new(
            INTERVAL_HOURS,
            format_args!(
                "must be a whole number of minutes (got {hours} hours = {minutes} minutes)"
            ),
        ));
    }
    // In range 30..=1440 after the checks above, so the cast is exact.
    Ok(whole as u32)
}

/// A whole number of minutes in hours (90 → 1.5).
pub fn minutes_to_hours(minutes: u32) -> f64 {
    f64::from(minutes) / 60.0
}

/// What a schedule view shows besides the configuration's own forms.
#[derive(Clone, Copy, PartialEq, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ScheduleForms {
    /// `interval_minutes` in hours (90 minutes → 1.5).
    pub interval_hours: f64,
    /// `active_hours` as whole hours, `{"start": 8, "end": 18}`; null when all day or when the
    /// window starts or ends off the hour.
    pub active_hours_range: Option<HourRange>,
}

impl ScheduleForms {
    pub fn of(config: &super::ScheduleConfig) -> Self {
        Self {
            interval_hours: minutes_to_hours(config.interval_minutes),
            active_hours_range: config.active_hours.as_ref().and_then(HourRange::of),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interval_hours_bounds_and_whole_minutes() {
        assert_eq!(interval_hours_to_minutes(0.5), Ok(30));
        assert_eq!(interval_hours_to_minutes(1.0), Ok(60));
        assert_eq!(interval_hours_to_minutes(1.25), Ok(75));
        assert_eq!(interval_hours_to_minutes(0.1 * 15.0), Ok(90));
        assert_eq!(interval_hours_to_minutes(24.0), Ok(1440));
        for bad in [0.49, 24.01, 0.0, -1.0, f64::NAN] {
            let error = interval_hours_to_minutes(bad).unwrap_err();
            assert_eq!(error.field, "interval_hours");
            assert!(
                error.message.contains("between 0.5 and 24 hours"),
                "{error}"
            );
        }
        let error = interval_hours_to_minutes(1.001).unwrap_err();
        assert!(error.message.contains("whole number of minutes"), "{error}");
        assert_eq!(minutes_to_hours(90), 1.5);
    }

    #[test]
    fn hour_ranges_both_ways() {
        let day = HourRange { start: 8, end: 18 }.to_active_hours().unwrap();
        assert_eq!(day.to_string(), "08:00-18:00");
        assert_eq!(HourRange::of(&day), Some(HourRange { start: 8, end: 18 }));
        let edges = HourRange { start: 0, end: 23 }.to_active_hours().unwrap();
        assert_eq!(edges.to_string(), "00:00-23:00");
        let night = HourRange { start: 22, end: 6 }.to_active_hours().unwrap();
        assert!(night.is_overnight());
        assert_eq!(HourRange::of(&ActiveHours::hm(8, 30, 18, 0).unwrap()), None);
        for (start, end, says) in [(24, 6, "0 to 23 (got 24)"), (8, 8, "must differ")] {
            let error = HourRange { start, end }.to_active_hours().unwrap_err();
            assert_eq!(error.field, "active_hours");
            assert!(error.message.contains(says), "{error}");
        }
    }
}
