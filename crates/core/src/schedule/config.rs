//! `ScheduleConfig`: the user's schedule settings, their defaults and their validation.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::days::Weekdays;
use super::error::ScheduleError;
use super::hours::ActiveHours;
use super::parse::{format_duration, format_interval, parse_timezone};

/// Smallest allowed interval, in minutes.
pub const MIN_INTERVAL_MINUTES: u32 = 30;
/// Largest allowed interval, in minutes (24 hours).
pub const MAX_INTERVAL_MINUTES: u32 = 1440;
/// Largest allowed jitter, in seconds (10 minutes).
pub const MAX_JITTER_SECONDS: u32 = 600;

/// When syncs fire. See [`crate::schedule`] for the rule. Serialized with serde; `days` and
/// `active_hours` use their text forms (`"mon,tue,wed,thu,fri"`, `"08:00-18:00"`, `null` = off).
/// Missing fields take the values of [`ScheduleConfig::default_for_system`]; `active_hours` is
/// also read as whole hours (`{"start": 8, "end": 18}`) or `"off"`; unknown fields are refused.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ScheduleConfig {
    /// Minutes between fires inside a window, 30 to 1440.
    pub interval_minutes: u32,
    /// IANA zone name the windows are in, e.g. `Europe/Berlin`.
    pub timezone: String,
    /// Daily window; `None` means all day (`off`).
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    #[serde(deserialize_with = "super::request::active_hours_field")]
    pub active_hours: Option<ActiveHours>,
    /// Days whose windows are allowed (a window belongs to the day it opens).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub days: Weekdays,
    /// Random delay the scheduler adds to each fire, 0 to 600 seconds. Does not move the grid.
    pub jitter_seconds: u32,
    /// Whether the schedule runs at all.
    pub enabled: bool,
}

impl ScheduleConfig {
    /// Every 60 minutes, 08:00–18:00, every day, the system's time zone, no jitter, enabled.
    pub fn default_for_system() -> Self {
        Self {
            interval_minutes: 60,
            timezone: system_timezone(),
            active_hours: ActiveHours::hm(8, 0, 18, 0),
            days: Weekdays::ALL,
            jitter_seconds: 0,
            enabled: true,
        }
    }

    /// The dispenser job's default beside this work-order schedule: the same zone, days and
    /// active hours, every 24 hours (so once a day, at the window's opening), enabled.
    pub fn for_dispensers(&self) -> Self {
        Self {
            interval_minutes: 24 * 60,
            enabled: true,
            ..self.clone()
        }
    }

    /// The first problem found, in field order: interval, timezone, active_hours, days, jitter.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        match self.validate_all().into_iter().next() {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }

    /// Every problem, at most one per field (for a form that marks each bad field).
    pub fn validate_all(&self) -> Vec<ScheduleError> {
        [
            check_interval(u64::from(self.interval_minutes)).err(),
            self.tz().err(),
            self.active_hours.as_ref().and_then(|h| h.validate().err()),
            self.days.validate().err(),
            check_jitter(u64::from(self.jitter_seconds)).err(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The parsed time zone.
    pub fn tz(&self) -> Result<Tz, ScheduleError> {
        parse_timezone(&self.timezone)
    }
}

impl Default for ScheduleConfig {
    fn default() -> Self {
        Self::default_for_system()
    }
}

/// The system's IANA zone name if chrono-tz knows it, else `"UTC"`.
pub fn system_timezone() -> String {
    iana_time_zone::get_timezone()
        .ok()
        .filter(|name| name.parse::<Tz>().is_ok())
        .unwrap_or_else(|| "UTC".to_owned())
}

/// Range check for an interval in minutes.
pub(crate) fn check_interval(minutes: u64) -> Result<u32, ScheduleError> {
    match u32::try_from(minutes) {
        Ok(m) if (MIN_INTERVAL_MINUTES..=MAX_INTERVAL_MINUTES).contains(&m) => Ok(m),
        _ => Err(ScheduleError::new(
            ScheduleError::INTERVAL,
            format_args!(
                "must be between 30m and 24h (got {})",
                u32::try_from(minutes).map_or_else(
                    |_| format_duration(minutes.saturating_mul(60)),
                    format_interval
                )
            ),
        )),
    }
}

/// Range check for a jitter in seconds.
pub(crate) fn check_jitter(seconds: u64) -> Result<u32, ScheduleError> {
    match u32::try_from(seconds) {
        Ok(s) if s <= MAX_JITTER_SECONDS => Ok(s),
        _ => Err(ScheduleError::new(
            ScheduleError::JITTER,
            format_args!(
                "must be between 0s and 10m (got {})",
                format_duration(seconds)
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> ScheduleConfig {
        ScheduleConfig {
            timezone: "Europe/Berlin".into(),
            ..ScheduleConfig::default_for_system()
        }
    }

    #[test]
    fn defaults() {
        let c = ScheduleConfig::default_for_system();
        assert_eq!(c.interval_minutes, 60);
        assert_eq!(c.active_hours.unwrap().to_string(), "08:00-18:00");
        assert_eq!(c.days, Weekdays::ALL);
        assert_eq!(c.jitter_seconds, 0);
        assert!(c.enabled);
        assert!(c.timezone.parse::<Tz>().is_ok());
        c.validate().unwrap();
        assert_eq!(ScheduleConfig::default(), c);
    }

    #[test]
    fn each_bad_field_has_one_message() {
        let cases: [(ScheduleConfig, &str, &str); 6] = [
            (
                ScheduleConfig { interval_minutes: 10, ..valid() },
                "interval",
                "interval: must be between 30m and 24h (got 10m)",
            ),
            (
                ScheduleConfig { interval_minutes: 1441, ..valid() },
                "interval",
                "interval: must be between 30m and 24h (got 24h1m)",
            ),
            (
                ScheduleConfig { timezone: "Europe/Berlln".into(), ..valid() },
                "timezone",
                "timezone: \"Europe/Berlln\" is not a known IANA time zone; use a name like Europe/Berlin or UTC",
            ),
            (
                ScheduleConfig { active_hours: ActiveHours::hm(9, 0, 9, 0), ..valid() },
                "active_hours",
                "active_hours: start and end must differ (got 09:00-09:00); use off for all day",
            ),
            (
                ScheduleConfig { days: Weekdays::NONE, ..valid() },
                "days",
                "days: must include at least one day (e.g. mon-fri or all)",
            ),
            (
                ScheduleConfig { jitter_seconds: 601, ..valid() },
                "jitter",
                "jitter: must be between 0s and 10m (got 10m1s)",
            ),
        ];
        for (cfg, field, message) in cases {
            let err = cfg.validate().unwrap_err();
            assert_eq!((err.field, err.message.as_str()), (field, message));
            assert_eq!(cfg.validate_all(), vec![err]);
        }
    }

    #[test]
    fn validate_all_lists_every_field() {
        let cfg = ScheduleConfig {
            interval_minutes: 0,
            timezone: String::new(),
            active_hours: ActiveHours::hm(1, 0, 1, 0),
            days: Weekdays::NONE,
            jitter_seconds: 9999,
            enabled: false,
        };
        let fields: Vec<_> = cfg.validate_all().iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["interval", "timezone", "active_hours", "days", "jitter"]
        );
        assert_eq!(cfg.validate().unwrap_err().field, "interval");
        assert!(ScheduleConfig {
            active_hours: None,
            ..valid()
        }
        .validate()
        .is_ok());
        assert!(ScheduleConfig {
            interval_minutes: 30,
            ..valid()
        }
        .validate()
        .is_ok());
        assert!(ScheduleConfig {
            interval_minutes: 1440,
            ..valid()
        }
        .validate()
        .is_ok());
        assert!(ScheduleConfig {
            jitter_seconds: 600,
            ..valid()
        }
        .validate()
        .is_ok());
    }

    #[test]
    fn serde_round_trip_and_defaults() {
        let cfg = ScheduleConfig {
            active_hours: ActiveHours::hm(22, 0, 6, 0),
            days: Weekdays::MON_FRI,
            ..valid()
        };
        let json = serde_json::to_value(&cfg).unwrap();
        assert_eq!(json["active_hours"], "22:00-06:00");
        assert_eq!(json["days"], "mon,tue,wed,thu,fri");
        let back: ScheduleConfig = serde_json::from_value(json).unwrap();
        assert_eq!(back, cfg);
        let off: ScheduleConfig =
            serde_json::from_str(r#"{"interval_minutes":90,"active_hours":null}"#).unwrap();
        assert_eq!(off.interval_minutes, 90);
        assert_eq!(off.active_hours, None);
        assert_eq!(off.days, Weekdays::ALL);
    }

    #[test]
    fn whole_hours_read_and_unknown_fields_refused() {
        let hours: ScheduleConfig =
            serde_json::from_str(r#"{"active_hours":{"start":8,"end":18}}"#).unwrap();
        assert_eq!(hours.active_hours, ActiveHours::hm(8, 0, 18, 0));
        let off: ScheduleConfig = serde_json::from_str(r#"{"active_hours":"off"}"#).unwrap();
        assert_eq!(off.active_hours, None);
        let error = serde_json::from_str::<ScheduleConfig>(r#"{"bogus":1}"#).unwrap_err();
        assert!(
            error.to_string().starts_with("unknown field `bogus`"),
            "{error}"
        );
    }
}
