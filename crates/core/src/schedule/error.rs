//! The one error type of the schedule module: a field name plus a one-sentence message.

use std::fmt::Display;

/// A rejected schedule value: which field it belongs to and one sentence saying what is allowed.
///
/// `message` is the full sentence, prefixed with the field name, e.g.
/// `"interval: must be between 30m and 24h (got 10m)"`; [`ScheduleError::reason`] is the same
/// sentence without the `"interval: "` prefix, for a UI that shows it next to the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ScheduleError {
    /// One of [`ScheduleError::INTERVAL`], [`ScheduleError::TIMEZONE`],
    /// [`ScheduleError::ACTIVE_HOURS`], [`ScheduleError::DAYS`], [`ScheduleError::JITTER`].
    pub field: &'static str,
    /// The whole sentence, `"<field>: <reason>"`.
    pub message: String,
}

impl ScheduleError {
    /// Field name for `ScheduleConfig::interval_minutes`.
    pub const INTERVAL: &'static str = "interval";
    /// Field name for `ScheduleConfig::timezone`.
    pub const TIMEZONE: &'static str = "timezone";
    /// Field name for `ScheduleConfig::active_hours`.
    pub const ACTIVE_HOURS: &'static str = "active_hours";
    /// Field name for `ScheduleConfig::days`.
    pub const DAYS: &'static str = "days";
    /// Field name for `ScheduleConfig::jitter_seconds`.
    pub const JITTER: &'static str = "jitter";

    /// Builds `"<field>: <reason>"`.
    pub fn new(field: &'static str, reason: impl Display) -> Self {
        Self {
            field,
            message: crate::sentence::shorten_quoted(&format!("{field}: {reason}")),
        }
    }

    /// The `ScheduleConfig` JSON key of the field, as a client of the API sends it:
    /// `interval_minutes`, `jitter_seconds`, `timezone`, `active_hours`, `days`.
    pub fn json_key(&self) -> &'static str {
        match self.field {
            Self::INTERVAL => "interval_minutes",
            Self::JITTER => "jitter_seconds",
            other => other,
        }
    }

    /// The message without the leading `"<field>: "`.
    pub fn reason(&self) -> &str {
        self.message
            .strip_prefix(self.field)
            .and_then(|rest| rest.strip_prefix(": "))
            .unwrap_or(&self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_and_reason() {
        let e = ScheduleError::new(ScheduleError::DAYS, "must include at least one day");
        assert_eq!(e.field, "days");
        assert_eq!(e.to_string(), "days: must include at least one day");
        assert_eq!(e.reason(), "must include at least one day");
    }

    #[test]
    fn json_keys_are_the_config_fields() {
        assert_eq!(
            ScheduleError::new(ScheduleError::INTERVAL, "x").json_key(),
            "interval_minutes"
        );
        assert_eq!(
            ScheduleError::new(ScheduleError::JITTER, "x").json_key(),
            "jitter_seconds"
        );
        assert_eq!(
            ScheduleError::new(ScheduleError::DAYS, "x").json_key(),
            "days"
        );
    }
}
