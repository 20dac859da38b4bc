//! Property tests of the schedule rule over random zones, dates (2024–2030), intervals, windows
//! and day sets: fires are sorted and unique, inside allowed windows, exactly one interval apart
//! within a window, complete, and never on a disallowed day.

use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use fossa_core::schedule::{
    fires_between, next_fire_after, next_fire_at_or_after, resolve_local, window_containing,
    window_for_date, ActiveHours, ScheduleConfig, Weekdays,
};
use proptest::prelude::*;

const ZONES: [&str; 11] = [
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "America/St_Johns",
    "Africa/Casablanca",
    "Australia/Sydney",
    "Europe/London",
    "UTC",
];

fn minute_time(m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap()
}

/// An offset change: (instant, offset before, offset after).
type Change = (DateTime<Utc>, TimeDelta, TimeDelta);

/// Offset changes of each zone in `ZONES` from 2024 to 2030, found by scanning in 15-minute steps.
fn transitions() -> &'static Vec<Vec<Change>> {
    static CACHE: OnceLock<Vec<Vec<Change>>> = OnceLock::new();
    CACHE.get_or_init(|| {
        let offset = |tz: &Tz, t: DateTime<Utc>| {
            TimeDelta::seconds(i64::from(
                tz.offset_from_utc_datetime(&t.naive_utc())
                    .fix()
                    .local_minus_utc(),
            ))
        };
        ZONES
            .iter()
            .map(|name| {
                let tz: Tz = name.parse().unwrap();
                let mut t = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
                let end = Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0).unwrap();
                let mut found = Vec::new();
                let mut before = offset(&tz, t);
                while t < end {
                    t += TimeDelta::minutes(15);
                    let after = offset(&tz, t);
                    if after != before {
                        found.push((t, before, after));
                        before = after;
                    }
                }
                found
            })
            .collect()
    })
}

/// A zone index and an instant: half the time anywhere in 2024–2030, half the time within the ten
/// days before one of the zone's offset changes (so the spans below cross it).
fn zone_and_instant() -> impl Strategy<Value = (usize, DateTime<Utc>)> {
    let start = Utc
        .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
        .unwrap()
        .timestamp();
    let end = Utc
        .with_ymd_and_hms(2030, 12, 31, 0, 0, 0)
        .unwrap()
        .timestamp();
    (
        0..ZONES.len(),
        start..end,
        any::<prop::sample::Index>(),
        0i64..(10 * 24 * 60),
        any::<bool>(),
    )
        .prop_map(|(zone, random, index, before_min, near)| {
            let changes = &transitions()[zone];
            let t = if near && !changes.is_empty() {
                index.get(changes).0 - TimeDelta::minutes(before_min)
            } else {
                DateTime::from_timestamp(random, 0).unwrap()
            };
            (zone, t)
        })
}

prop_compose! {
    fn config_and_instant()(
        (zone, t) in zone_and_instant(),
        interval in prop_oneof![Just(30u32), Just(60), Just(90), Just(1440), 30u32..=1440],
        hours in proptest::option::weighted(0.8, (0u32..1440, 0u32..1440)),
        days in 1u8..=0x7f,
    ) -> (ScheduleConfig, DateTime<Utc>) {
        let active_hours = hours.and_then(|(s, e)| {
            (s != e).then(|| ActiveHours { start: minute_time(s), end: minute_time(e) })
        });
        let c = ScheduleConfig {
            interval_minutes: interval,
            timezone: ZONES[zone].into(),
            active_hours,
            days: Weekdays::from_bits(days),
            jitter_seconds: 0,
            enabled: true,
        };
        (c, t)
    }
}

/// The grid points of `window` that fall in `[from, to)`, counted without the library.
fn expected_count(
    window: (DateTime<Utc>, DateTime<Utc>),
    step: TimeDelta,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> usize {
    let mut t = window.0;
    let mut n = 0;
    while t < window.1 {
        if t >= from && t < to {
            n += 1;
        }
        t += step;
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn fires_follow_the_rule((c, from) in config_and_instant(), span_h in 1i64..(24 * 12)) {
        let tz: Tz = c.timezone.parse().unwrap();
        let step = TimeDelta::minutes(i64::from(c.interval_minutes));
        let to = from + TimeDelta::hours(span_h);
        let fires = fires_between(&c, from, to);
        let (start, end) = c.active_hours.map_or((NaiveTime::MIN, NaiveTime::MIN), |h| (h.start, h.end));

        prop_assert!(fires.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        for (i, &f) in fires.iter().enumerate() {
            prop_assert!(from <= f && f < to);
            let (open, close) = window_containing(&c, f).expect("every fire is inside a window");
            prop_assert!(open <= f && f < close);
            prop_assert_eq!((f - open).num_seconds() % step.num_seconds(), 0, "on the grid");
            // The window opens on an allowed day, at the configured local time (or, when that
            // time does not exist, at the end of the gap containing it).
            let local_open = open.with_timezone(&tz).naive_local();
            prop_assert!(c.days.contains(local_open.weekday()), "opened on a disallowed day");
            if tz.from_local_datetime(&local_open.date().and_time(start)).earliest().is_some() {
                prop_assert_eq!(local_open.time(), start);
            } else {
                let before = (open - TimeDelta::seconds(1)).with_timezone(&tz).naive_local();
                prop_assert!(before < local_open.date().and_time(start));
                prop_assert!(local_open.time() > start);
            }
            // The close is the configured end on the opening day or the next one.
            let local_close = close.with_timezone(&tz).naive_local();
            let days = (local_close.date() - local_open.date()).num_days();
            prop_assert!(days == 0 || days == 1);
            prop_assert!(local_close.time() >= end);
            // Consecutive fires in one window are exactly one interval apart.
            if let Some(&g) = fires.get(i + 1) {
                if g < close {
                    prop_assert_eq!(g - f, step);
                } else {
                    prop_assert!(f + step >= close, "a grid point was skipped");
                }
                prop_assert_eq!(next_fire_after(&c, f), Some(g));
            }
        }
        if let Some(&first) = fires.first() {
            prop_assert_eq!(next_fire_at_or_after(&c, from), Some(first));
        }

        // Completeness, and windows are ordered and disjoint.
        let first_day = from.with_timezone(&tz).date_naive() - TimeDelta::days(2);
        let last_day = to.with_timezone(&tz).date_naive() + TimeDelta::days(1);
        let mut want = 0;
        let mut prev: Option<(DateTime<Utc>, DateTime<Utc>)> = None;
        for d in first_day.iter_days().take_while(|d| *d <= last_day) {
            let w = window_for_date(&c, d);
            prop_assert_eq!(w.is_some() && !c.days.contains(d.weekday()), false);
            if let Some(w) = w {
                want += expected_count(w, step, from, to);
                if let Some(p) = prev {
                    prop_assert!(p.1 <= w.0, "windows overlap");
                }
                prev = Some(w);
            }
        }
        prop_assert_eq!(fires.len(), want);
    }

    #[test]
    fn next_fire_exists_and_is_not_early((c, t) in config_and_instant()) {
        let next = next_fire_at_or_after(&c, t).expect("a valid config always fires");
        prop_assert!(next >= t);
        // A week, or two when this week's only window is empty (e.g. 02:30-03:00 on a change day).
        prop_assert!(next - t <= TimeDelta::days(15));
        prop_assert!(fires_between(&c, t, next).is_empty(), "no fire before the next one");
    }

    #[test]
    fn resolve_maps_to_the_right_instant(
        zone in 0..ZONES.len(),
        day in 0u64..2557,
        minute in 0u32..1440,
        index in any::<prop::sample::Index>(),
        delta in -150i64..150,
        near in any::<bool>(),
    ) {
        let tz: Tz = ZONES[zone].parse().unwrap();
        let changes = &transitions()[zone];
        // Either any local minute, or a local minute close to an offset change (gaps and folds).
        let local = if near && !changes.is_empty() {
            let (at, before, _) = *index.get(changes);
            at.naive_utc() + before + TimeDelta::minutes(delta)
        } else {
            let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(day);
            date.and_time(minute_time(minute))
        };
        let r = resolve_local(&tz, local.date(), local.time()).unwrap();
        let got = r.with_timezone(&tz).naive_local();
        if got == local {
            // Earliest: no earlier instant has the same local time (folds here are 30 or 60 min).
            for back in [30, 60] {
                let earlier = (r - TimeDelta::minutes(back)).with_timezone(&tz).naive_local();
                prop_assert!(earlier < local, "not the earlier of two instants");
            }
        } else {
            prop_assert!(tz.from_local_datetime(&local).earliest().is_none(), "existing time moved");
            prop_assert!(got > local);
            let before = (r - TimeDelta::seconds(1)).with_timezone(&tz).naive_local();
            prop_assert!(before < local, "not the end of the gap");
        }
    }
}
