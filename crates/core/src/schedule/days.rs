//! `Weekdays`: a small bitset of Monday..Sunday, with text form (`mon,wed,fri`, `all`) and parsing
//! of user text such as `mon-fri`, `sat-sun`, `fri-mon` (wrapping) or `mon,wed,fri`.

use std::fmt;
use std::str::FromStr;

use chrono::Weekday;
use serde::{Deserialize, Serialize};

use super::error::ScheduleError;

const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const ALL_BITS: u8 = 0x7f;

/// A set of weekdays. Bit 0 is Monday, bit 6 Sunday. Serialized as its text form (see `Display`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Weekdays(u8);

impl Weekdays {
    /// Every day of the week.
    pub const ALL: Self = Self(ALL_BITS);
    /// No day at all (invalid in a config; useful as a starting point).
    pub const NONE: Self = Self(0);
    /// Monday to Friday.
    pub const MON_FRI: Self = Self(0x1f);
    /// Saturday and Sunday.
    pub const SAT_SUN: Self = Self(0x60);

    /// Builds a set from raw bits (bit 0 = Monday); bits above 6 are ignored.
    pub const fn from_bits(bits: u8) -> Self {
        Self(bits & ALL_BITS)
    }

    /// The raw bits (bit 0 = Monday).
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// Whether `day` is in the set.
    pub const fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    /// The set with `day` added.
    #[must_use]
    pub const fn with(self, day: Weekday) -> Self {
        Self(self.0 | (1 << day.num_days_from_monday()))
    }

    /// The set with `day` removed.
    #[must_use]
    pub const fn without(self, day: Weekday) -> Self {
        Self(self.0 & !(1 << day.num_days_from_monday()))
    }

    /// Adds `day` in place.
    pub fn insert(&mut self, day: Weekday) {
        *self = self.with(day);
    }

    /// True when no day is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True when all seven days are set.
    pub const fn is_all(self) -> bool {
        self.0 == ALL_BITS
    }

    /// How many days are set.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The days in the set, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        (0u8..7)
            .filter(move |i| self.0 & (1 << i) != 0)
            .map(weekday_from_index)
    }

    /// Parses user text: `all`, `weekdays`, `weekends`, a day (`mon`, `Monday`), a range
    /// (`mon-fri`, wrapping `fri-mon`), or a comma/space separated list of those. Case-insensitive.
    pub fn parse(text: &str) -> Result<Self, ScheduleError> {
        let lower = text.trim().to_ascii_lowercase();
        let mut set = Self::NONE;
        for item in lower.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            if let Some((a, b)) = item.split_once('-') {
                let from = parse_day(a.trim())?;
                let to = parse_day(b.trim())?;
                let mut i = from.num_days_from_monday();
                let last = to.num_days_from_monday();
                loop {
                    set.0 |= 1 << i;
                    if i == last {
                        break;
                    }
                    i = (i + 1) % 7;
                }
            } else {
                for word in item.split_whitespace() {
                    set.0 |= match word {
                        "all" | "daily" | "every" => ALL_BITS,
                        "weekdays" => Self::MON_FRI.0,
                        "weekends" | "weekend" => Self::SAT_SUN.0,
                        other => 1 << parse_day(other)?.num_days_from_monday(),
                    };
                }
            }
        }
        if set.is_empty() {
            return Err(empty_error());
        }
        Ok(set)
    }

    /// `Ok(())` unless the set is empty.
    pub fn validate(self) -> Result<(), ScheduleError> {
        if self.is_empty() {
            Err(empty_error())
        } else {
            Ok(())
        }
    }
}

fn empty_error() -> ScheduleError {
    ScheduleError::new(
        ScheduleError::DAYS,
        "must include at least one day (e.g. mon-fri or all)",
    )
}

fn weekday_from_index(i: u8) -> Weekday {
    match i {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// One day name: the three-letter form or the full English name (already lower-cased).
fn parse_day(word: &str) -> Result<Weekday, ScheduleError> {
    let day = match word {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => {
            return Err(ScheduleError::new(
                ScheduleError::DAYS,
                format_args!(
                    "unknown day {word:?}; use mon, tue, wed, thu, fri, sat or sun, a range like mon-fri, or all"
                ),
            ))
        }
    };
    Ok(day)
}

impl Default for Weekdays {
    fn default() -> Self {
        Self::ALL
    }
}

impl FromIterator<Weekday> for Weekdays {
    fn from_iter<I: IntoIterator<Item = Weekday>>(iter: I) -> Self {
        iter.into_iter().fold(Self::NONE, Self::with)
    }
}

/// Canonical text: `all`, `none`, or the days Monday first, e.g. `mon,tue,wed,thu,fri`.
impl fmt::Display for Weekdays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_all() {
            return f.write_str("all");
        }
        if self.is_empty() {
            return f.write_str("none");
        }
        let mut first = true;
        for day in self.iter() {
            if !first {
                f.write_str(",")?;
            }
            first = false;
            f.write_str(NAMES[day.num_days_from_monday() as usize])?;
        }
        Ok(())
    }
}

impl FromStr for Weekdays {
    type Err = ScheduleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Weekdays {
    type Error = ScheduleError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Weekdays> for String {
    fn from(days: Weekdays) -> Self {
        days.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        Weekdays::parse(s).unwrap().to_string()
    }

    #[test]
    fn parses_forms() {
        assert_eq!(p("mon-fri"), "mon,tue,wed,thu,fri");
        assert_eq!(p("all"), "all");
        assert_eq!(p("ALL"), "all");
        assert_eq!(p("mon,wed,fri"), "mon,wed,fri");
        assert_eq!(p(" Mon , Wed ,FRI "), "mon,wed,fri");
        assert_eq!(p("sat-sun"), "sat,sun");
        assert_eq!(p("fri-mon"), "mon,fri,sat,sun");
        assert_eq!(p("sun-sat"), "all");
        assert_eq!(p("wed-wed"), "wed");
        assert_eq!(p("Monday - Wednesday"), "mon,tue,wed");
        assert_eq!(p("mon wed"), "mon,wed");
        assert_eq!(p("weekdays"), "mon,tue,wed,thu,fri");
        assert_eq!(p("weekends"), "sat,sun");
        assert_eq!(p("mon-tue,thu-fri,sun"), "mon,tue,thu,fri,sun");
    }

    #[test]
    fn rejects_bad_text() {
        let e = Weekdays::parse("mon-fry").unwrap_err();
        assert_eq!(e.field, "days");
        assert_eq!(
            e.message,
            "days: unknown day \"fry\"; use mon, tue, wed, thu, fri, sat or sun, a range like mon-fri, or all"
        );
        let e = Weekdays::parse("").unwrap_err();
        assert_eq!(
            e.message,
            "days: must include at least one day (e.g. mon-fri or all)"
        );
        assert_eq!(Weekdays::parse(" , ").unwrap_err().field, "days");
        assert!(Weekdays::parse("mon-").is_err());
        assert!(Weekdays::parse("none").is_err());
    }

    #[test]
    fn display_round_trips() {
        for bits in 1u8..=0x7f {
            let d = Weekdays::from_bits(bits);
            assert_eq!(d.to_string().parse::<Weekdays>().unwrap(), d);
            assert_eq!(d.len(), d.iter().count());
        }
        assert_eq!(Weekdays::NONE.to_string(), "none");
    }

    #[test]
    fn set_operations() {
        let d = Weekdays::NONE.with(Weekday::Sun).with(Weekday::Mon);
        assert!(d.contains(Weekday::Sun) && d.contains(Weekday::Mon));
        assert!(!d.contains(Weekday::Tue));
        assert_eq!(d.without(Weekday::Sun).to_string(), "mon");
        assert_eq!(
            [Weekday::Sat, Weekday::Sun]
                .into_iter()
                .collect::<Weekdays>(),
            Weekdays::SAT_SUN
        );
        assert_eq!(Weekdays::default(), Weekdays::ALL);
        assert!(Weekdays::NONE.validate().is_err());
    }

    #[test]
    fn serde_as_text() {
        let json = serde_json::to_string(&Weekdays::MON_FRI).unwrap();
        assert_eq!(json, "\"mon,tue,wed,thu,fri\"");
        let back: Weekdays = serde_json::from_str("\"sat-sun\"").unwrap();
        assert_eq!(back, Weekdays::SAT_SUN);
        assert!(serde_json::from_str::<Weekdays>("\"xyz\"").is_err());
    }
}
