//! The fire rule: which absolute instants a [`ScheduleConfig`] fires at. Pure; the caller passes
//! the current time. See the [module docs](crate::schedule) for the rule itself.

use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;

use super::config::{ScheduleConfig, MAX_JITTER_SECONDS};
use super::days::Weekdays;
use super::resolve::resolve_local;

/// How many days ahead the searches look for a fire.
pub const HORIZON_DAYS: u64 = 400;

/// A window: `(open, close)`, open inclusive, close exclusive.
pub type Window = (DateTime<Utc>, DateTime<Utc>);

/// The first fire at or after `t`, or `None` when the config is disabled or invalid.
pub fn next_fire_at_or_after(cfg: &ScheduleConfig, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
    Rule::enabled(cfg)?.next_at_or_after(t)
}

/// The first fire strictly after `t`, or `None` when the config is disabled or invalid.
pub fn next_fire_after(cfg: &ScheduleConfig, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
    next_fire_at_or_after(cfg, t.checked_add_signed(TimeDelta::nanoseconds(1))?)
}

/// Every fire in `[from, to)`, sorted and unique; empty when disabled or invalid.
/// Cost is proportional to the number of days spanned plus the number of fires.
pub fn fires_between(
    cfg: &ScheduleConfig,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    Rule::enabled(cfg).map_or_else(Vec::new, |rule| rule.between(from, to))
}

/// The allowed window `(open, close)` with `open <= t < close`, including the previous day's
/// overnight window; `None` when `t` is outside every window or the config is disabled/invalid.
pub fn window_containing(cfg: &ScheduleConfig, t: DateTime<Utc>) -> Option<Window> {
    let rule = Rule::enabled(cfg)?;
    let today = rule.local_date(t);
    let mut date = today.checked_sub_days(chrono::Days::new(2))?;
    while date <= today.succ_opt()? {
        if let Some((open, close)) = rule.window(date) {
            if open <= t && t < close {
                return Some((open, close));
            }
        }
        date = date.succ_opt()?;
    }
    None
}

/// The window that opens on local `date`: `None` if the day is not allowed, the config is invalid,
/// or the window is empty (e.g. `02:30-03:00` on a spring-forward day). Ignores `enabled`.
pub fn window_for_date(cfg: &ScheduleConfig, date: NaiveDate) -> Option<Window> {
    Rule::new(cfg)?.window(date)
}

/// The next `count` fires at or after `from`, in the configured zone (print them with
/// `to_rfc3339()`). Ignores `enabled`; empty if the config is invalid.
pub fn preview(cfg: &ScheduleConfig, from: DateTime<Utc>, count: usize) -> Vec<DateTime<Tz>> {
    let Some(rule) = Rule::new(cfg) else {
        return Vec::new();
    };
    let mut fires = Vec::new();
    let mut date = rule.local_date(from).checked_sub_days(chrono::Days::new(2));
    let mut days_left = HORIZON_DAYS.saturating_add(count as u64);
    while let Some(d) = date {
        if fires.len() >= count || days_left == 0 {
            break;
        }
        if let Some(window) = rule.window(d) {
            rule.push_fires(window, from, window.1, &mut fires);
        }
        date = d.succ_opt();
        days_left -= 1;
    }
    fires.sort_unstable();
    fires.dedup();
    fires.truncate(count);
    fires
        .into_iter()
        .map(|f| f.with_timezone(&rule.tz))
        .collect()
}

/// The random delay the scheduler adds to a fire: `random_fraction` (clamped to 0..=1; NaN counts
/// as 0) times `jitter_seconds` (capped at 10 minutes). Does not move the grid.
pub fn jitter_delay(cfg: &ScheduleConfig, random_fraction: f64) -> Duration {
    let max = f64::from(cfg.jitter_seconds.min(MAX_JITTER_SECONDS));
    let fraction = if random_fraction.is_nan() {
        0.0
    } else {
        random_fraction.clamp(0.0, 1.0)
    };
    Duration::try_from_secs_f64(fraction * max).unwrap_or(Duration::ZERO)
}

/// A validated config in the form the computations need.
struct Rule {
    tz: Tz,
    start: NaiveTime,
    end: NaiveTime,
    /// The window closes on the day after it opens (`end <= start`, or whole-day windows).
    closes_next_day: bool,
    days: Weekdays,
    interval: TimeDelta,
}

impl Rule {
    fn new(cfg: &ScheduleConfig) -> Option<Self> {
        cfg.validate().ok()?;
        let (start, end) = cfg
            .active_hours
            .map_or((NaiveTime::MIN, NaiveTime::MIN), |h| (h.start, h.end));
        Some(Self {
            tz: cfg.tz().ok()?,
            start,
            end,
            closes_next_day: end <= start,
            days: cfg.days,
            interval: TimeDelta::minutes(i64::from(cfg.interval_minutes)),
        })
    }

    fn enabled(cfg: &ScheduleConfig) -> Option<Self> {
        if cfg.enabled {
            Self::new(cfg)
        } else {
            None
        }
    }

    fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.tz).date_naive()
    }

    /// The window opening on `date`, if the day is allowed and the window is not empty.
    fn window(&self, date: NaiveDate) -> Option<Window> {
        if !self.days.contains(date.weekday()) {
            return None;
        }
        let open = resolve_local(&self.tz, date, self.start)?;
        let close_date = if self.closes_next_day {
            date.succ_opt()?
        } else {
            date
        };
        let close = resolve_local(&self.tz, close_date, self.end)?;
        (open < close).then_some((open, close))
    }

    /// The first grid point `open + k·interval` that is `>= t`, if it is before `close`.
    fn first_fire(&self, (open, close): Window, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if t >= close {
            return None;
        }
        let fire = if t <= open {
            open
        } else {
            let elapsed = (t - open).num_nanoseconds()?;
            let step = self.interval.num_nanoseconds()?;
            let k = elapsed.checked_add(step - 1)? / step;
            open.checked_add_signed(TimeDelta::nanoseconds(k.checked_mul(step)?))?
        };
        (fire < close).then_some(fire)
    }

    /// Appends the window's fires in `[from, to)`.
    fn push_fires(
        &self,
        window: Window,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        out: &mut Vec<DateTime<Utc>>,
    ) {
        let end = window.1.min(to);
        let mut next = self.first_fire(window, from);
        while let Some(fire) = next.filter(|f| *f < end) {
            out.push(fire);
            next = fire.checked_add_signed(self.interval);
        }
    }

    fn next_at_or_after(&self, t: DateTime<Utc>) -> Option<DateTime<Utc>> {
        // Windows are ordered and disjoint (a window closes no later than the next one opens),
        // so the first window with a fire at or after `t` holds the answer.
        let mut date = self.local_date(t).checked_sub_days(chrono::Days::new(2))?;
        for _ in 0..HORIZON_DAYS + 3 {
            if let Some(window) = self.window(date) {
                if let Some(fire) = self.first_fire(window, t) {
                    return Some(fire);
                }
            }
            date = date.succ_opt()?;
        }
        None
    }

    fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let mut out = Vec::new();
        if from >= to {
            return out;
        }
        let last = self.local_date(to).succ_opt();
        let mut date = self.local_date(from).checked_sub_days(chrono::Days::new(2));
        while let (Some(d), Some(last)) = (date, last) {
            if d > last {
                break;
            }
            if let Some(window) = self.window(d) {
                self.push_fires(window, from, to, &mut out);
            }
            date = d.succ_opt();
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::ActiveHours;

    fn cfg(interval: u32, hours: Option<ActiveHours>) -> ScheduleConfig {
        ScheduleConfig {
            interval_minutes: interval,
            timezone: "UTC".into(),
            active_hours: hours,
            days: Weekdays::ALL,
            jitter_seconds: 0,
            enabled: true,
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn grid_restarts_each_window() {
        let c = cfg(420, None); // 7h, whole day: 00, 07, 14, 21, then 00 next day
        let fires = fires_between(&c, utc("2024-05-01T00:00:00Z"), utc("2024-05-02T08:00:00Z"));
        let want = ["00:00", "07:00", "14:00", "21:00", "00:00", "07:00"];
        let got: Vec<_> = fires
            .iter()
            .map(|f| f.format("%H:%M").to_string())
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn at_or_after_vs_after() {
        let c = cfg(60, ActiveHours::hm(8, 0, 18, 0));
        let t = utc("2024-05-01T09:00:00Z");
        assert_eq!(next_fire_at_or_after(&c, t), Some(t));
        assert_eq!(next_fire_after(&c, t), Some(utc("2024-05-01T10:00:00Z")));
        let sub = utc("2024-05-01T09:00:00.000000001Z");
        assert_eq!(
            next_fire_at_or_after(&c, sub),
            Some(utc("2024-05-01T10:00:00Z"))
        );
        let late = utc("2024-05-01T17:00:00.5Z");
        assert_eq!(
            next_fire_at_or_after(&c, late),
            Some(utc("2024-05-02T08:00:00Z"))
        );
    }

    #[test]
    fn disabled_and_invalid() {
        let mut c = cfg(60, None);
        c.enabled = false;
        let t = utc("2024-05-01T09:00:00Z");
        assert_eq!(next_fire_at_or_after(&c, t), None);
        assert_eq!(next_fire_after(&c, t), None);
        assert!(fires_between(&c, t, t + TimeDelta::days(1)).is_empty());
        assert_eq!(window_containing(&c, t), None);
        assert_eq!(preview(&c, t, 2).len(), 2, "preview ignores enabled");
        let bad = cfg(0, None);
        assert_eq!(next_fire_at_or_after(&bad, t), None);
        assert!(preview(&bad, t, 3).is_empty());
        assert!(fires_between(&cfg(60, None), t, t).is_empty());
    }

    #[test]
    fn jitter() {
        let mut c = cfg(60, None);
        c.jitter_seconds = 120;
        assert_eq!(jitter_delay(&c, 0.0), Duration::ZERO);
        assert_eq!(jitter_delay(&c, 0.5), Duration::from_secs(60));
        assert_eq!(jitter_delay(&c, 1.0), Duration::from_secs(120));
        assert_eq!(jitter_delay(&c, 7.0), Duration::from_secs(120));
        assert_eq!(jitter_delay(&c, -1.0), Duration::ZERO);
        assert_eq!(jitter_delay(&c, f64::NAN), Duration::ZERO);
        c.jitter_seconds = 0;
        assert_eq!(jitter_delay(&c, 0.9), Duration::ZERO);
    }

    #[test]
    fn window_for_date_and_empty_window() {
        let c = cfg(60, ActiveHours::hm(22, 0, 6, 0));
        let d = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        assert_eq!(
            window_for_date(&c, d),
            Some((utc("2024-05-01T22:00:00Z"), utc("2024-05-02T06:00:00Z")))
        );
        let mut ny = cfg(60, ActiveHours::hm(2, 30, 3, 0));
        ny.timezone = "America/New_York".into();
        let spring = NaiveDate::from_ymd_opt(2024, 3, 10).unwrap();
        assert_eq!(
            window_for_date(&ny, spring),
            None,
            "02:30-03:00 does not exist"
        );
    }
}
