//! [`ScheduleRequest`]: a change to a schedule as a client sends it — only the fields it sends,
//! the interval in minutes (`interval_minutes`) or hours (`interval_hours`), active hours as text
//! (`"08:00-18:00"`, `"off"`), whole hours (`{"start": 8, "end": 18}`) or `null` (all day), and
//! the job it is for (`schedule_type`). Any other field is refused, naming it.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::config::ScheduleConfig;
use super::days::Weekdays;
use super::error::ScheduleError;
use super::forms::{interval_hours_to_minutes, HourRange, INTERVAL_HOURS};
use super::hours::ActiveHours;
use super::parse::parse_active_hours;

/// The fields a client sends to create or change a schedule; the ones left out keep their
/// values ([`ScheduleRequest::apply`]). A field sent as `null` is refused, except `active_hours`
/// (`null` = all day).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRequest {
    /// The job the schedule runs, e.g. `work_orders` (`job_type` is read as the same field).
    #[serde(default, alias = "job_type", deserialize_with = "present")]
    pub schedule_type: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub interval_minutes: Option<u32>,
    /// 0.5 to 24; a whole number of minutes.
    #[serde(default, deserialize_with = "present")]
    pub interval_hours: Option<f64>,
    #[serde(default, deserialize_with = "present")]
    pub timezone: Option<String>,
    /// Left out: keep; `Some(None)`: all day; `Some(Some(window))`: the window.
    #[serde(default, deserialize_with = "active_hours_in_any_form")]
    pub active_hours: Option<Option<ActiveHours>>,
    #[serde(default, deserialize_with = "present")]
    pub days: Option<Weekdays>,
    #[serde(default, deserialize_with = "present")]
    pub jitter_seconds: Option<u32>,
    #[serde(default, deserialize_with = "present")]
    pub enabled: Option<bool>,
}

impl ScheduleRequest {
    /// `base` with the fields sent replaced (not validated: the engine validates what it saves).
    /// Refuses an `interval_hours` out of range, and one that disagrees with `interval_minutes`.
    pub fn apply(&self, base: &ScheduleConfig) -> Result<ScheduleConfig, ScheduleError> {
        let mut config = base.clone();
        let from_hours = self
            .interval_hours
            .map(interval_hours_to_minutes)
            .transpose()?;
        match (from_hours, self.interval_minutes) {
            (Some(hours), Some(minutes)) if hours != minutes => {
                return Err(ScheduleError::new(
                    INTERVAL_HOURS,
                    format_args!(
                        "disagrees with interval_minutes ({minutes}); send one of the two"
                    ),
                ))
            }
            (Some(minutes), _) | (None, Some(minutes)) => config.interval_minutes = minutes,
            (None, None) => {}
        }
        if let Some(timezone) = &self.timezone {
            config.timezone.clone_from(timezone);
        }
        if let Some(active_hours) = self.active_hours {
            config.active_hours = active_hours;
        }
        if let Some(days) = self.days {
            config.days = days;
        }
        if let Some(jitter) = self.jitter_seconds {
            config.jitter_seconds = jitter;
        }
        if let Some(enabled) = self.enabled {
            config.enabled = enabled;
        }
        Ok(config)
    }
}

/// A field that, when sent, must have a value (`null` is refused as the wrong type).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

fn active_hours_in_any_form<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<ActiveHours>>, D::Error> {
    active_hours_field(deserializer).map(Some)
}

/// `ScheduleConfig::active_hours` in any of its forms (`null` and `"off"`: all day).
pub(super) fn active_hours_field<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<ActiveHours>, D::Error> {
    deserializer.deserialize_any(AnyForm)
}

/// Reads `"08:00-18:00"`, `"off"`, `null` or `{"start": 8, "end": 18}`.
struct AnyForm;

impl<'de> Visitor<'de> for AnyForm {
    type Value = Option<ActiveHours>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a window like 08:00-18:00, {start: 8, end: 18} (whole hours), off or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        parse_active_hours(text).map_err(|error| E::custom(error.reason()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        const FIELDS: &[&str] = &["start", "end"];
        let (mut start, mut end) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "start" => &mut start,
                "end" => &mut end,
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            };
            if slot.is_some() {
                return Err(de::Error::custom(format_args!("{key} is given twice")));
            }
            *slot = Some(map.next_value::<u32>()?);
        }
        let start = start.ok_or_else(|| de::Error::missing_field("start"))?;
        let end = end.ok_or_else(|| de::Error::missing_field("end"))?;
        HourRange { start, end }
            .to_active_hours()
            .map(Some)
            .map_err(|error| de::Error::custom(error.reason()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(value: serde_json::Value) -> Result<ScheduleRequest, serde_json::Error> {
        serde_json::from_value(value)
    }

    fn base() -> ScheduleConfig {
        ScheduleConfig {
            timezone: "UTC".into(),
            ..ScheduleConfig::default_for_system()
        }
    }

    #[test]
    fn the_originals_example_applies() {
        let sent = request(json!({
            "interval_hours": 1.0, "enabled": true, "active_hours": {"start": 8, "end": 18}
        }))
        .unwrap();
        let config = sent
            .apply(&ScheduleConfig {
                interval_minutes: 240,
                enabled: false,
                active_hours: None,
                ..base()
            })
            .unwrap();
        assert_eq!(config.interval_minutes, 60);
        assert!(config.enabled);
        assert_eq!(config.active_hours, ActiveHours::hm(8, 0, 18, 0));
        assert_eq!(config.timezone, "UTC");
    }

    #[test]
    fn active_hours_in_each_form() {
        let hours = |value| request(json!({ "active_hours": value })).map(|r| r.active_hours);
        let day = ActiveHours::hm(8, 0, 18, 0);
        assert_eq!(hours(json!("08:00-18:00")).unwrap(), Some(day));
        assert_eq!(hours(json!({"end": 18, "start": 8})).unwrap(), Some(day));
        assert_eq!(hours(json!("off")).unwrap(), Some(None));
        assert_eq!(hours(json!(null)).unwrap(), Some(None));
        assert_eq!(request(json!({})).unwrap().active_hours, None);
        for (bad, says) in [
            (json!({"start": 8, "end": 24}), "0 to 23 (got 24)"),
            (json!({"start": 8}), "missing field `end`"),
            (
                json!({"start": 8, "end": 18, "tz": 1}),
                "unknown field `tz`",
            ),
            (json!({"start": -1, "end": 18}), "invalid value"),
            (json!("25:00-06:00"), "not a valid time"),
            (json!(8), "a window like 08:00-18:00"),
        ] {
            let error = hours(bad.clone()).unwrap_err().to_string();
            assert!(error.contains(says), "{bad}: {error}");
        }
    }

    #[test]
    fn unknown_and_null_fields_are_refused() {
        let error = request(json!({"bogus": 1})).unwrap_err().to_string();
        assert!(error.starts_with("unknown field `bogus`"), "{error}");
        let error = request(json!({"timezone": null})).unwrap_err().to_string();
        assert!(error.contains("invalid type: null"), "{error}");
        let old_name = request(json!({"job_type": "work_orders"})).unwrap();
        assert_eq!(old_name.schedule_type.as_deref(), Some("work_orders"));
    }

    #[test]
    fn interval_in_hours_or_minutes() {
        let minutes = |value| {
            request(value)
                .unwrap()
                .apply(&base())
                .map(|c| c.interval_minutes)
        };
        assert_eq!(minutes(json!({"interval_hours": 0.5})), Ok(30));
        assert_eq!(minutes(json!({"interval_hours": 24})), Ok(1440));
        assert_eq!(minutes(json!({"interval_minutes": 90})), Ok(90));
        assert_eq!(
            minutes(json!({"interval_minutes": 90, "interval_hours": 1.5})),
            Ok(90)
        );
        let field = |value| minutes(value).unwrap_err().field;
        assert_eq!(field(json!({"interval_hours": 0.49})), "interval_hours");
        assert_eq!(field(json!({"interval_hours": 24.5})), "interval_hours");
        assert_eq!(
            field(json!({"interval_minutes": 60, "interval_hours": 2})),
            "interval_hours"
        );
        assert_eq!(minutes(json!({})), Ok(base().interval_minutes));
    }
}
