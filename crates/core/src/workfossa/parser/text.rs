//! Pure text helpers for WorkFossa's wording: US dates and times, the creator line, visit
//! windows, quantities, service codes, visit counts, the pagination summary and address lines.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Trims and folds every run of whitespace into one space.
pub(super) fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `None` for an empty string.
pub(super) fn non_empty(s: String) -> Option<String> {
    Some(s).filter(|s| !s.is_empty())
}

/// `08/29/2025` (also `8/9/2025`) -> 2025-08-29.
pub(super) fn parse_us_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.trim().split('/');
    let month = parse_digits(parts.next()?)?;
    let day = parse_digits(parts.next()?)?;
    let year_text = parts.next()?;
    if parts.next().is_some() || year_text.len() != 4 {
        return None;
    }
    let year = i32::try_from(parse_digits(year_text)?).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `09:05am`, `9:05 PM`, `12:00pm` (also 24-hour `17:05`) -> a time of day.
pub(super) fn parse_us_time(s: &str) -> Option<NaiveTime> {
    let lower = s.trim().to_ascii_lowercase();
    let (clock, meridiem) = if let Some(rest) = lower.strip_suffix("am") {
        (rest.trim_end(), Some(false))
    } else if let Some(rest) = lower.strip_suffix("pm") {
        (rest.trim_end(), Some(true))
    } else {
        (lower.as_str(), None)
    };
    let (hour, minute) = clock.split_once(':')?;
    let hour = parse_digits(hour)?;
    let minute = parse_digits(minute)?;
    let hour = match meridiem {
        Some(pm) if (1..=12).contains(&hour) => (hour % 12) + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => hour,
    };
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// `Jordan Reyes • 04/08/2025 09:41am` -> (`Jordan Reyes`, 2025-04-08T09:41). A line whose
/// date cannot be read still gives the name (everything before the `•`, or the whole line).
pub(super) fn parse_created_line(line: &str) -> (Option<String>, Option<NaiveDateTime>) {
    let line = fold_whitespace(line);
    // `date time` or `date time am`, at the end of the line.
    for words in [2, 3] {
        let mut parts: Vec<&str> = line.rsplitn(words + 1, ' ').collect();
        if parts.len() < words {
            continue;
        }
        let rest = if parts.len() > words {
            parts.pop()
        } else {
            None
        };
        parts.reverse();
        let Some((date, time)) = parts.split_first() else {
            continue;
        };
        let (Some(date), Some(time)) = (parse_us_date(date), parse_us_time(&time.join(" "))) else {
            continue;
        };
        let name = rest
            .map(|r| r.trim_end_matches(|c: char| c.is_whitespace() || "•·|-–—,:".contains(c)))
            .map(str::to_owned)
            .and_then(non_empty);
        return (name, Some(date.and_time(time)));
    }
    let name = match line.split_once('•') {
        Some((name, _)) => name.trim().to_owned(),
        None => line,
    };
    (non_empty(name), None)
}

/// `(8:00am - 12:00pm)` -> `8:00am - 12:00pm`, `(anytime)` -> `anytime`. A bare window
/// (`anytime`, or a text with am/pm) is taken as it is; anything else is not a window.
pub(super) fn parse_window(s: &str) -> Option<String> {
    let t = s.trim();
    let inner = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => inner,
        None => {
            let lower = t.to_ascii_lowercase();
            let bare = lower == "anytime"
                || (lower.contains(':') && (lower.contains("am") || lower.contains("pm")));
            if !bare {
                return None;
            }
            t
        }
    };
    non_empty(fold_whitespace(inner))
}

/// `13 x` (also `13x`, `13 ×`) -> 13.
pub(super) fn parse_quantity(s: &str) -> Option<i64> {
    let t = s.trim();
    let number = t
        .strip_suffix('x')
        .or_else(|| t.strip_suffix('X'))
        .or_else(|| t.strip_suffix('×'))?
        .trim_end();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    number.parse().ok()
}

/// `(2862)` -> `2862`: a parenthesised service code on its own.
pub(super) fn code_in_parens(s: &str) -> Option<&str> {
    let inner = s.trim().strip_prefix('(')?.strip_suffix(')')?.trim();
    Some(inner).filter(|c| !c.is_empty() && !c.contains(char::is_whitespace))
}

/// `All Dispensers (2861)` -> (`All Dispensers`, `2861`). Parentheses that are part of a word
/// (`Dispenser(s)`) or hold several words are not a code.
pub(super) fn split_trailing_code(s: &str) -> (&str, Option<&str>) {
    let t = s.trim();
    if let Some(open) = t.rfind('(') {
        let before = &t[..open];
        if before.is_empty() || before.ends_with(char::is_whitespace) {
            if let Some(code) = code_in_parens(&t[open..]) {
                return (before.trim_end(), Some(code));
            }
        }
    }
    (t, None)
}

/// `0 / 2 visits` -> (0, 2).
pub(super) fn parse_visits(s: &str) -> Option<(i64, i64)> {
    let (left, right) = s.split_once('/')?;
    let completed = left.split_whitespace().last()?;
    let total = right.split_whitespace().next()?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(completed) || !digits(total) {
        return None;
    }
    Some((completed.parse().ok()?, total.parse().ok()?))
}

/// `Due: 06/14/2025` -> 2025-06-14.
pub(super) fn parse_due(s: &str) -> Option<NaiveDate> {
    let at = s.to_ascii_lowercase().find("due")?;
    let rest = s.get(at + 3..)?.trim_start().trim_start_matches(':');
    parse_us_date(rest.split_whitespace().next()?)
}

/// `W-129651` -> 129651.
pub(super) fn parse_work_id(s: &str) -> Option<i64> {
    let digits = s.trim().strip_prefix("W-")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `Showing 101 to 200 of 234` (thousands separators allowed) -> (101, 200, 234).
pub(super) fn parse_summary(s: &str) -> Option<(u64, u64, u64)> {
    let mut numbers = s
        .split_whitespace()
        .map(|w| w.replace(',', ""))
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        .map(|w| w.parse::<u64>());
    let from = numbers.next()?.ok()?;
    let to = numbers.next()?.ok()?;
    let of = numbers.next()?.ok()?;
    numbers.next().is_none().then_some((from, to, of))
}

/// Multi-line text: line breaks kept, each line trimmed and folded, blank lines at either end
/// dropped; `None` when nothing is left.
pub(super) fn multiline_text(raw: &str) -> Option<String> {
    let lines: Vec<String> = raw.lines().map(fold_whitespace).collect();
    let first = lines.iter().position(|l| !l.is_empty())?;
    let last = lines.iter().rposition(|l| !l.is_empty())?;
    Some(lines[first..=last].join("\n"))
}

/// `Tampa FL 33603` (also `Tampa, FL 33603-1234`): city, two-letter state, ZIP code.
pub(super) fn is_city_state_zip(line: &str) -> bool {
    let mut words = line.split_whitespace().rev();
    let (Some(zip), Some(state), Some(_city)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let state = state.trim_end_matches(',');
    let zip_ok = match zip.split_once('-') {
        Some((five, four)) => is_digits(five, 5) && is_digits(four, 4),
        None => is_digits(zip, 5),
    };
    zip_ok && state.len() == 2 && state.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

fn parse_digits(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn folds_whitespace() {
        assert_eq!(fold_whitespace("  a \t b\n\n c  "), "a b c");
        assert_eq!(fold_whitespace("a\u{a0}\u{a0}b"), "a b");
        assert_eq!(fold_whitespace(" \n "), "");
    }

    #[test]
    fn us_dates() {
        assert_eq!(parse_us_date("08/29/2025"), Some(date(2025, 8, 29)));
        assert_eq!(parse_us_date(" 8/9/2025 "), Some(date(2025, 8, 9)));
        assert_eq!(parse_us_date("02/30/2025"), None);
        assert_eq!(parse_us_date("13/01/2025"), None);
        assert_eq!(parse_us_date("08/29/25"), None);
        assert_eq!(parse_us_date("2025-08-29"), None);
        assert_eq!(parse_us_date("08/29/2025/1"), None);
    }

    #[test]
    fn us_times_get_12am_and_12pm_right() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(parse_us_time("09:05am"), Some(t(9, 5)));
        assert_eq!(parse_us_time("9:05 PM"), Some(t(21, 5)));
        assert_eq!(parse_us_time("12:00am"), Some(t(0, 0)));
        assert_eq!(parse_us_time("12:30pm"), Some(t(12, 30)));
        assert_eq!(parse_us_time("17:05"), Some(t(17, 5)));
        assert_eq!(parse_us_time("13:00pm"), None);
        assert_eq!(parse_us_time("0:10am"), None);
        assert_eq!(parse_us_time("9am"), None);
    }

    #[test]
    fn created_line() {
        assert_eq!(
            parse_created_line("Renée Reyes • 06/17/2025 09:05am"),
            (Some("Renée Reyes".into()), Some(at(2025, 6, 17, 9, 5)))
        );
        assert_eq!(
            parse_created_line("Ken  O'Brien\n • 02/04/2025 04:41pm"),
            (Some("Ken O'Brien".into()), Some(at(2025, 2, 4, 16, 41)))
        );
        assert_eq!(
            parse_created_line("Mary Ann Park • 01/01/2025 12:00am"),
            (Some("Mary Ann Park".into()), Some(at(2025, 1, 1, 0, 0)))
        );
        assert_eq!(
            parse_created_line("Mary Ann Park • 01/01/2025 12:15 PM"),
            (Some("Mary Ann Park".into()), Some(at(2025, 1, 1, 12, 15)))
        );
        assert_eq!(
            parse_created_line("06/17/2025 09:05am"),
            (None, Some(at(2025, 6, 17, 9, 5)))
        );
        assert_eq!(
            parse_created_line("Jordan Reyes • yesterday"),
            (Some("Jordan Reyes".into()), None)
        );
        assert_eq!(
            parse_created_line("Jordan Reyes"),
            (Some("Jordan Reyes".into()), None)
        );
        assert_eq!(parse_created_line("  "), (None, None));
    }

    #[test]
    fn windows() {
        assert_eq!(parse_window("(anytime)").as_deref(), Some("anytime"));
        assert_eq!(
            parse_window(" (8:00am  -  12:00pm) ").as_deref(),
            Some("8:00am - 12:00pm")
        );
        assert_eq!(
            parse_window("1:00pm - 5:00pm").as_deref(),
            Some("1:00pm - 5:00pm")
        );
        assert_eq!(parse_window("Anytime").as_deref(), Some("Anytime"));
        assert_eq!(parse_window("()"), None);
        assert_eq!(parse_window("Next Visit"), None);
        assert_eq!(parse_window("08/29/2025"), None);
    }

    #[test]
    fn quantities_and_codes() {
        assert_eq!(parse_quantity("13 x "), Some(13));
        assert_eq!(parse_quantity("6x"), Some(6));
        assert_eq!(parse_quantity("2 ×"), Some(2));
        assert_eq!(parse_quantity("x"), None);
        assert_eq!(parse_quantity("Box"), None);
        assert_eq!(code_in_parens(" (CAL-SERV) "), Some("CAL-SERV"));
        assert_eq!(code_in_parens("(two words)"), None);
        assert_eq!(
            split_trailing_code("Specific Dispenser(s) - See Notes (2862)"),
            ("Specific Dispenser(s) - See Notes", Some("2862"))
        );
        assert_eq!(
            split_trailing_code("Specific Dispenser(s)"),
            ("Specific Dispenser(s)", None)
        );
    }

    #[test]
    fn visits_due_ids_and_summary() {
        assert_eq!(parse_visits("0 / 1 visits"), Some((0, 1)));
        assert_eq!(parse_visits("3/3 VISITS"), Some((3, 3)));
        assert_eq!(parse_visits("visits"), None);
        assert_eq!(parse_visits("a / b"), None);
        assert_eq!(parse_due("Due: 06/14/2025"), Some(date(2025, 6, 14)));
        assert_eq!(parse_due("DUE:06/14/2025"), Some(date(2025, 6, 14)));
        assert_eq!(parse_due("Due:"), None);
        assert_eq!(parse_work_id("W-129651"), Some(129651));
        assert_eq!(parse_work_id("W-"), None);
        assert_eq!(parse_work_id("129651"), None);
        assert_eq!(
            parse_summary("Showing 101 to 200 of 234"),
            Some((101, 200, 234))
        );
        assert_eq!(
            parse_summary("Showing 1 to 100 of 1,234"),
            Some((1, 100, 1234))
        );
        assert_eq!(parse_summary("Showing results"), None);
    }

    #[test]
    fn multiline() {
        assert_eq!(
            multiline_text("\n  Dispensers 3/4   only.\r\n  Bring prover #2.  \n\n").as_deref(),
            Some("Dispensers 3/4 only.\nBring prover #2.")
        );
        assert_eq!(multiline_text("a\n\nb").as_deref(), Some("a\n\nb"));
        assert_eq!(multiline_text(" \n "), None);
    }

    #[test]
    fn city_state_zip() {
        assert!(is_city_state_zip("Tampa FL 33603"));
        assert!(is_city_state_zip("Winston Salem, NC 27101-1234"));
        assert!(!is_city_state_zip("Hwy 50 & Alafaya Trl"));
        assert!(!is_city_state_zip("FL 33603"));
        assert!(!is_city_state_zip("Hillsborough County"));
    }
}
