//! Helpers shared by the fuzz targets: a byte reader for structured inputs, fuzzed instants in a
//! sane range, the fixture page cut into head / rows / tail for splicing, and the invariants of
//! the schedule rule checked on a valid config.

use std::sync::OnceLock;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use fossa_core::schedule::{
    fires_between, jitter_delay, next_fire_after, next_fire_at_or_after, preview,
    window_containing, window_for_date, ScheduleConfig,
};
use fossa_core::workfossa::parser::{
    looks_like_login_page, parse_login_page, parse_work_order_list,
};

/// Reads fixed-size numbers off the front of a fuzz input; past the end every read is 0.
pub struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Self { data }
    }

    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((b, rest)) => {
                self.data = rest;
                *b
            }
            None => 0,
        }
    }

    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }

    pub fn u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        for x in &mut b {
            *x = self.u8();
        }
        u64::from_le_bytes(b)
    }

    /// Up to `n` bytes (fewer at the end of the input).
    pub fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.data.split_at(n.min(self.data.len()));
        self.data = rest;
        head
    }

    pub fn rest(&self) -> &'a [u8] {
        self.data
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

/// 2000-01-01T00:00:00Z.
pub const RANGE_START: i64 = 946_684_800;
/// Seconds from 2000-01-01 to 2100-01-01.
pub const RANGE_SECS: u64 = 3_155_760_000;

/// An instant in [2000-01-01, 2100-01-01) from 8 fuzz bytes: the low part picks the second, the
/// high part the sub-second nanos (0 for small values, so whole seconds are common).
/// A seed writes `secs_since_2000` little-endian to get exactly that second.
pub fn instant(raw: u64) -> DateTime<Utc> {
    let secs = RANGE_START + (raw % RANGE_SECS) as i64;
    let nanos = ((raw / RANGE_SECS) % 1_000_000_000) as u32;
    DateTime::from_timestamp(secs, nanos).expect("instant in range")
}

/// The list fixture cut at its rows: `head` + rows + `tail` is the original page.
pub struct SplitPage {
    pub head: &'static str,
    pub rows: Vec<&'static str>,
    pub tail: &'static str,
}

/// The page captured from the real site (`captured/list.html`), split once.
pub fn fixture_page() -> &'static SplitPage {
    static PAGE: OnceLock<SplitPage> = OnceLock::new();
    PAGE.get_or_init(|| {
        split_rows(include_str!(
            "../../crates/core/tests/fixtures/captured/list.html"
        ))
    })
}

/// Splits a list page at its `work-list-item` rows, which are consecutive sibling `<div>`s.
fn split_rows(page: &'static str) -> SplitPage {
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(at) = page[from..].find("work-list-item") {
        let class_at = from + at;
        let div = page[..class_at]
            .rfind("<div")
            .expect("row <div before its class");
        starts.push(div);
        from = class_at + 1;
    }
    assert!(!starts.is_empty(), "fixture has no work-list-item rows");
    let last = *starts.last().expect("rows");
    let end = last + div_len(&page[last..]);
    let mut rows: Vec<&str> = starts.windows(2).map(|w| &page[w[0]..w[1]]).collect();
    rows.push(&page[last..end]);
    SplitPage {
        head: &page[..starts[0]],
        rows,
        tail: &page[end..],
    }
}

/// Length of the `<div>` element starting at the front of `s`, by counting `<div` and `</div>`.
fn div_len(s: &str) -> usize {
    let mut depth = 0usize;
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with("</div>") {
            depth -= 1;
            i += "</div>".len();
            if depth == 0 {
                return i;
            }
        } else {
            if rest.starts_with("<div") {
                depth += 1;
            }
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    panic!("unclosed row <div> in the fixture");
}

/// The largest char boundary of `s` at or below `at`.
pub fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The site root the list pages are parsed against (as in the parser's fixture tests).
pub const SITE_URL: &str = "https://app.workfossa.com";

/// Runs `html` through the three parser entry points and checks what they return.
/// Returns the number of work orders when the list parse succeeded.
pub fn check_page(html: &str) -> Option<usize> {
    let _ = looks_like_login_page(html);
    if let Ok(login) = parse_login_page(html) {
        let token = login.csrf_token.as_str();
        assert!(
            !token.is_empty() && token == token.trim(),
            "bad CSRF token {token:?}"
        );
    }
    check_list(html)
}

/// `parse_work_order_list` on `html` and checks of the work orders it returns: `id` is
/// `W-<number>`, the status is not empty, the URL is absolute, and the JSON round trip keeps them.
/// Returns the number of work orders when the parse succeeded.
pub fn check_list(html: &str) -> Option<usize> {
    static BASE: OnceLock<url::Url> = OnceLock::new();
    let base = BASE.get_or_init(|| url::Url::parse(SITE_URL).expect("site URL"));
    let page = parse_work_order_list(html, base).ok()?;
    for wo in &page.work_orders {
        assert_eq!(wo.id, format!("W-{}", wo.number), "id and number disagree");
        assert!(!wo.status.is_empty(), "empty status accepted");
        let url = url::Url::parse(&wo.url).unwrap_or_else(|e| panic!("url {:?}: {e}", wo.url));
        assert!(
            !url.cannot_be_a_base(),
            "work-order url not absolute: {url}"
        );
    }
    // The records are stored and exported as JSON: they must read back unchanged.
    let json = serde_json::to_string(&page.work_orders).expect("work orders serialise");
    let back: Vec<fossa_core::workfossa::WorkOrder> =
        serde_json::from_str(&json).expect("work orders read back");
    assert_eq!(
        back, page.work_orders,
        "JSON round trip changed a work order"
    );
    Some(page.work_orders.len())
}

/// Checks the rule functions on a config that `validate()` accepted, at instant `t`.
/// Panics (a fuzz finding) when an invariant breaks.
pub fn check_rule(cfg: &ScheduleConfig, t: DateTime<Utc>, fraction: f64) {
    assert!(cfg.validate().is_ok(), "check_rule needs a valid config");
    let max_jitter = Duration::from_secs(u64::from(cfg.jitter_seconds));
    assert!(
        jitter_delay(cfg, fraction) <= max_jitter,
        "jitter above its bound"
    );

    // preview ignores `enabled`: five fires, sorted, unique, none before `t`.
    let fires: Vec<DateTime<Utc>> = preview(cfg, t, 5)
        .into_iter()
        .map(|f| f.with_timezone(&Utc))
        .collect();
    assert_eq!(
        fires.len(),
        5,
        "a valid config fires within the horizon: {fires:?}"
    );
    assert!(
        fires.windows(2).all(|w| w[0] < w[1]),
        "preview not sorted/unique: {fires:?}"
    );
    assert!(
        fires[0] >= t,
        "preview starts before `from`: {fires:?} < {t}"
    );

    let local_date = t.with_timezone(&cfg.tz().expect("valid zone")).date_naive();
    if let Some((open, close)) = window_for_date(cfg, local_date) {
        assert!(open < close, "empty window returned for {local_date}");
    }

    if !cfg.enabled {
        assert_eq!(next_fire_at_or_after(cfg, t), None, "disabled config fires");
        assert_eq!(
            window_containing(cfg, t),
            None,
            "disabled config has a window"
        );
        return;
    }

    assert_eq!(
        next_fire_at_or_after(cfg, t),
        Some(fires[0]),
        "next fire != preview[0]"
    );
    for pair in fires.windows(2) {
        assert_eq!(
            next_fire_after(cfg, pair[0]),
            Some(pair[1]),
            "fire after {}",
            pair[0]
        );
    }
    for &f in &fires {
        let (open, close) =
            window_containing(cfg, f).unwrap_or_else(|| panic!("fire {f} is inside no window"));
        assert!(
            open <= f && f < close,
            "window {open}..{close} does not hold {f}"
        );
    }
    if let Some((open, close)) = window_containing(cfg, t) {
        assert!(
            open <= t && t < close,
            "window {open}..{close} does not hold {t}"
        );
    }

    let end = t + TimeDelta::days(2);
    let between = fires_between(cfg, t, end);
    assert!(
        between.windows(2).all(|w| w[0] < w[1]),
        "fires_between not sorted/unique"
    );
    assert!(
        between.iter().all(|f| t <= *f && *f < end),
        "fires_between out of range"
    );
    let expected: Vec<_> = fires.iter().copied().filter(|f| *f < end).collect();
    let got: Vec<_> = between.iter().copied().take(expected.len()).collect();
    assert_eq!(got, expected, "fires_between disagrees with preview");
    if expected.len() < fires.len() {
        assert_eq!(
            between.len(),
            expected.len(),
            "fires_between has extra fires"
        );
    }
}
