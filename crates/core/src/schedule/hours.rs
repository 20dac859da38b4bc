//! `ActiveHours`: the daily local-time window (`08:00-18:00`, overnight `22:00-06:00`), its text
//! form and parsing. `off` (no window, i.e. all day) is represented as `Option::None`.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use super::error::ScheduleError;

/// A daily window of local wall-clock times, minute precision. When `end <= start` the window is
/// overnight: it opens on one day and closes on the next (and belongs to the day it opens).
/// `start == end` is invalid. Serialized as its text form, e.g. `"08:00-18:00"`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ActiveHours {
    /// Local time the window opens.
    pub start: NaiveTime,
    /// Local time the window closes (exclusive); on the next day when `end <= start`.
    pub end: NaiveTime,
}

impl ActiveHours {
    /// Builds and validates a window.
    pub fn new(start: NaiveTime, end: NaiveTime) -> Result<Self, ScheduleError> {
        let hours = Self { start, end };
        hours.validate()?;
        Ok(hours)
    }

    /// `08:00-18:00` style constructor from hours and minutes; `None` if a value is out of range.
    pub fn hm(start_h: u32, start_m: u32, end_h: u32, end_m: u32) -> Option<Self> {
        Some(Self {
            start: NaiveTime::from_hms_opt(start_h, start_m, 0)?,
            end: NaiveTime::from_hms_opt(end_h, end_m, 0)?,
        })
    }

    /// True when the window closes on the day after it opens (`end <= start`).
    pub fn is_overnight(&self) -> bool {
        self.end <= self.start
    }

    /// Rejects `start == end` and times that are not whole minutes.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        let whole = |t: NaiveTime| t.second() == 0 && t.nanosecond() == 0;
        if !whole(self.start) || !whole(self.end) {
            return Err(ScheduleError::new(
                ScheduleError::ACTIVE_HOURS,
                format_args!(
                    "times must be whole minutes (got {}-{})",
                    self.start.format("%H:%M:%S"),
                    self.end.format("%H:%M:%S")
                ),
            ));
        }
        if self.start == self.end {
            return Err(ScheduleError::new(
                ScheduleError::ACTIVE_HOURS,
                format_args!("start and end must differ (got {self}); use off for all day"),
            ));
        }
        Ok(())
    }

    /// Parses `HH:MM-HH:MM` (validated). `24:00` is accepted as an end meaning midnight.
    /// For the `off` keyword use [`parse_active_hours`](super::parse_active_hours).
    pub fn parse(text: &str) -> Result<Self, ScheduleError> {
        let text = text.trim();
        let Some((a, b)) = text.split_once('-') else {
            return Err(malformed(text));
        };
        let start = parse_time(a.trim(), false)?;
        let end = parse_time(b.trim(), true)?;
        Self::new(start, end)
    }
}

fn malformed(text: &str) -> ScheduleError {
    ScheduleError::new(
        ScheduleError::ACTIVE_HOURS,
        format_args!("expected HH:MM-HH:MM (e.g. 08:00-18:00) or off (got {text:?})"),
    )
}

/// `H:MM` or `HH:MM`, 00:00 to 23:59 (and `24:00` when `allow_24` is set).
fn parse_time(text: &str, allow_24: bool) -> Result<NaiveTime, ScheduleError> {
    let bad = || {
        ScheduleError::new(
            ScheduleError::ACTIVE_HOURS,
            format_args!("{text:?} is not a valid time; use HH:MM from 00:00 to 23:59"),
        )
    };
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    let digits = |s: &str, max_len: usize| {
        !s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(h, 2) || !digits(m, 2) || m.len() != 2 {
        return Err(bad());
    }
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    if allow_24 && h == 24 && m == 0 {
        return Ok(NaiveTime::MIN);
    }
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

/// `HH:MM-HH:MM`, e.g. `22:00-06:00`.
impl fmt::Display for ActiveHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

impl FromStr for ActiveHours {
    type Err = ScheduleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for ActiveHours {
    type Error = ScheduleError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<ActiveHours> for String {
    fn from(hours: ActiveHours) -> Self {
        hours.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let h: ActiveHours = "08:00-18:00".parse().unwrap();
        assert_eq!(h, ActiveHours::hm(8, 0, 18, 0).unwrap());
        assert!(!h.is_overnight());
        assert_eq!(h.to_string(), "08:00-18:00");
        let n: ActiveHours = " 22:00 - 6:00 ".parse().unwrap();
        assert!(n.is_overnight());
        assert_eq!(n.to_string(), "22:00-06:00");
        let e: ActiveHours = "18:00-24:00".parse().unwrap();
        assert_eq!(e.to_string(), "18:00-00:00");
        assert!(e.is_overnight());
        assert_eq!(
            "00:00-23:59".parse::<ActiveHours>().unwrap().end.minute(),
            59
        );
    }

    #[test]
    fn error_messages() {
        let msg = |s: &str| ActiveHours::parse(s).unwrap_err().message;
        assert_eq!(
            msg("8-18"),
            "active_hours: \"8\" is not a valid time; use HH:MM from 00:00 to 23:59"
        );
        assert_eq!(
            msg("0800"),
            "active_hours: expected HH:MM-HH:MM (e.g. 08:00-18:00) or off (got \"0800\")"
        );
        assert_eq!(
            msg("25:00-06:00"),
            "active_hours: \"25:00\" is not a valid time; use HH:MM from 00:00 to 23:59"
        );
        assert_eq!(
            msg("08:60-09:00"),
            "active_hours: \"08:60\" is not a valid time; use HH:MM from 00:00 to 23:59"
        );
        assert_eq!(
            msg("08:00-9:5"),
            "active_hours: \"9:5\" is not a valid time; use HH:MM from 00:00 to 23:59"
        );
        assert_eq!(
            msg("24:00-06:00"),
            "active_hours: \"24:00\" is not a valid time; use HH:MM from 00:00 to 23:59"
        );
        assert_eq!(
            msg("08:00-08:00"),
            "active_hours: start and end must differ (got 08:00-08:00); use off for all day"
        );
        assert_eq!(ActiveHours::parse("x").unwrap_err().field, "active_hours");
    }

    #[test]
    fn validate_rejects_seconds() {
        let h = ActiveHours {
            start: NaiveTime::from_hms_opt(8, 0, 30).unwrap(),
            end: NaiveTime::from_hms_opt(18, 0, 0).unwrap(),
        };
        assert_eq!(
            h.validate().unwrap_err().message,
            "active_hours: times must be whole minutes (got 08:00:30-18:00:00)"
        );
    }

    #[test]
    fn serde_as_text() {
        let h = ActiveHours::hm(22, 0, 6, 0).unwrap();
        assert_eq!(serde_json::to_string(&h).unwrap(), "\"22:00-06:00\"");
        let back: ActiveHours = serde_json::from_str("\"22:00-06:00\"").unwrap();
        assert_eq!(back, h);
        assert!(serde_json::from_str::<ActiveHours>("\"10:00-10:00\"").is_err());
    }
}
