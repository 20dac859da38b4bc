//! Fuzz target: the schedule rule on a valid `ScheduleConfig` built from the input bytes, across
//! every IANA zone chrono-tz knows, at fuzzed instants in 2000..2100 (DST changes, overnight
//! windows, odd intervals). Checks the invariants in `fossa_fuzz::check_rule`: preview sorted and
//! unique, next fire = preview, every fire inside a window, `fires_between` agreeing.
//!
//! Input: `[instant: u64][zone: u16][interval: u16][start h, m][end h, m][days][jitter: u16]
//! [flags][jitter fraction]`, little-endian, missing bytes read as 0.
#![no_main]

use chrono_tz::TZ_VARIANTS;
use fossa_core::schedule::{
    ActiveHours, ScheduleConfig, Weekdays, MAX_INTERVAL_MINUTES, MAX_JITTER_SECONDS,
    MIN_INTERVAL_MINUTES,
};
use fossa_fuzz::{check_rule, instant, Bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut input = Bytes::new(data);
    let t = instant(input.u64());
    let zone = TZ_VARIANTS[usize::from(input.u16()) % TZ_VARIANTS.len()];
    let span = u32::from(input.u16()) % (MAX_INTERVAL_MINUTES - MIN_INTERVAL_MINUTES + 1);
    let interval_minutes = MIN_INTERVAL_MINUTES + span;
    let (sh, sm) = (u32::from(input.u8()) % 24, u32::from(input.u8()) % 60);
    let (eh, em) = (u32::from(input.u8()) % 24, u32::from(input.u8()) % 60);
    let days = match Weekdays::from_bits(input.u8()) {
        d if d.is_empty() => Weekdays::ALL,
        d => d,
    };
    let jitter_seconds = u32::from(input.u16()) % (MAX_JITTER_SECONDS + 1);
    let flags = input.u8();
    let fraction = f64::from(input.u8()) / 255.0;

    // Flag bit 0: active hours off (all day); also when start == end, which is invalid.
    let active_hours = match ActiveHours::hm(sh, sm, eh, em) {
        Some(h) if flags & 1 == 0 && h.start != h.end => Some(h),
        _ => None,
    };
    let cfg = ScheduleConfig {
        interval_minutes,
        timezone: zone.name().to_owned(),
        active_hours,
        days,
        jitter_seconds,
        // Flag bit 1: disabled.
        enabled: flags & 2 == 0,
    };
    assert_eq!(
        cfg.validate(),
        Ok(()),
        "built config must be valid: {cfg:?}"
    );
    check_rule(&cfg, t, fraction);
});
