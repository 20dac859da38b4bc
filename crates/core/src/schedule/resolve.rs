//! Mapping a local date and wall-clock time in a zone to one absolute instant, for times that do
//! not exist (spring-forward gap: the instant the gap ends) or occur twice (fall-back: the earlier).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// How far past a non-existent local time to look for the end of the gap. Real gaps are at most
/// a few hours; the largest ever (a date-line change) skipped one whole day.
const MAX_GAP_MINUTES: i64 = 49 * 60;

/// The instant local `date` + `time` denotes in `tz`.
///
/// * A time that exists once maps to that instant.
/// * A time that occurs twice (fall-back) maps to the earlier instant.
/// * A time inside a gap (spring-forward, or a skipped midnight as in America/Santiago) maps to
///   the instant the gap ends, e.g. 02:30 on a New York spring-forward day is 03:00 EDT.
///
/// `None` only if no valid local time follows within two days (never for real zones).
pub fn resolve_local(tz: &Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let local = date.and_time(time);
    if let Some(dt) = tz.from_local_datetime(&local).earliest() {
        return Some(dt.with_timezone(&Utc));
    }
    gap_end(tz, local)
}

/// The transition instant ending the gap that contains `local`.
fn gap_end(tz: &Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    // First whole local minute after `local` that exists.
    let (after_local, after) = (1..=MAX_GAP_MINUTES).find_map(|m| {
        let candidate = local.checked_add_signed(TimeDelta::minutes(m))?;
        let instant = tz.from_local_datetime(&candidate).earliest()?;
        Some((candidate, instant.with_timezone(&Utc)))
    })?;
    // The transition is at most one minute before `after` (less if the gap does not end on a
    // whole minute, as with old local-mean-time offsets). Binary-search the first second that
    // already has the post-transition offset and whose local time is past `local`.
    let offset_after = tz.offset_from_utc_datetime(&after.naive_utc()).fix();
    let is_after_gap = |instant: DateTime<Utc>| {
        let offset = tz.offset_from_utc_datetime(&instant.naive_utc()).fix();
        offset == offset_after && instant.naive_utc() + offset > local
    };
    let span = (after_local - local).num_seconds().clamp(0, 60);
    let (mut lo, mut hi) = (0i64, span); // `after - lo` satisfies `is_after_gap`
    while lo < hi {
        let mid = (lo + hi + 1) / 2;
        if is_after_gap(after - TimeDelta::seconds(mid)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    Some(after - TimeDelta::seconds(lo))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> String {
        let date = NaiveDate::from_ymd_opt(y, mo, d).unwrap();
        let time = NaiveTime::from_hms_opt(h, mi, 0).unwrap();
        resolve_local(&tz, date, time)
            .unwrap()
            .with_timezone(&tz)
            .to_rfc3339()
    }

    #[test]
    fn ordinary_gap_and_fold() {
        let ny = Tz::America__New_York;
        assert_eq!(at(ny, 2024, 6, 1, 12, 0), "2024-06-01T12:00:00-04:00");
        assert_eq!(at(ny, 2024, 3, 10, 2, 0), "2024-03-10T03:00:00-04:00");
        assert_eq!(at(ny, 2024, 3, 10, 2, 30), "2024-03-10T03:00:00-04:00");
        assert_eq!(at(ny, 2024, 3, 10, 2, 59), "2024-03-10T03:00:00-04:00");
        assert_eq!(at(ny, 2024, 3, 10, 3, 0), "2024-03-10T03:00:00-04:00");
        assert_eq!(at(ny, 2024, 3, 10, 1, 59), "2024-03-10T01:59:00-05:00");
        assert_eq!(at(ny, 2024, 11, 3, 1, 0), "2024-11-03T01:00:00-04:00");
        assert_eq!(at(ny, 2024, 11, 3, 1, 30), "2024-11-03T01:30:00-04:00");
        assert_eq!(at(ny, 2024, 11, 3, 2, 0), "2024-11-03T02:00:00-05:00");
    }

    #[test]
    fn odd_zones() {
        let santiago = Tz::America__Santiago;
        assert_eq!(at(santiago, 2024, 9, 8, 0, 0), "2024-09-08T01:00:00-03:00");
        assert_eq!(at(santiago, 2024, 9, 8, 0, 45), "2024-09-08T01:00:00-03:00");
        let lord_howe = Tz::Australia__Lord_Howe;
        assert_eq!(
            at(lord_howe, 2024, 10, 6, 2, 15),
            "2024-10-06T02:30:00+11:00"
        );
        assert_eq!(
            at(lord_howe, 2024, 4, 7, 1, 45),
            "2024-04-07T01:45:00+11:00"
        );
        let chatham = Tz::Pacific__Chatham;
        assert_eq!(at(chatham, 2024, 9, 29, 3, 0), "2024-09-29T03:45:00+13:45");
        // Samoa skipped 2011-12-30 entirely.
        let apia = Tz::Pacific__Apia;
        assert_eq!(at(apia, 2011, 12, 30, 12, 0), "2011-12-31T00:00:00+14:00");
    }

    #[test]
    fn gap_not_on_a_whole_minute() {
        // Abidjan moved from local mean time -00:16:08 to GMT at 1912-01-01 00:00 LMT, so local
        // 00:00:00 to 00:16:07 did not exist that day; the gap ends at 00:16:08 GMT.
        let abidjan = Tz::Africa__Abidjan;
        assert_eq!(at(abidjan, 1912, 1, 1, 0, 5), "1912-01-01T00:16:08+00:00");
        assert_eq!(at(abidjan, 1912, 1, 1, 0, 16), "1912-01-01T00:16:08+00:00");
        assert_eq!(at(abidjan, 1912, 1, 1, 0, 17), "1912-01-01T00:17:00+00:00");
    }
}
