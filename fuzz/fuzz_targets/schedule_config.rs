//! Fuzz target: `ScheduleConfig` from JSON (as the settings file, the API and the UI send it),
//! then `validate()`, and on a valid config the rule functions at a fuzzed instant.
//!
//! Input: 8 bytes (little-endian) that pick the instant in 2000..2100 (see
//! `fossa_fuzz::instant`), then the JSON text. Checks: `validate` agrees with `validate_all`; a
//! config serialises and reads back unchanged; an invalid config never fires; a valid one keeps
//! the rule's invariants (`fossa_fuzz::check_rule`).
#![no_main]

use fossa_core::schedule::{next_fire_at_or_after, preview, window_containing, ScheduleConfig};
use fossa_fuzz::{check_rule, instant, Bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut input = Bytes::new(data);
    let t = instant(input.u64());
    let Ok(cfg) = serde_json::from_slice::<ScheduleConfig>(input.rest()) else {
        return;
    };

    let all = cfg.validate_all();
    assert_eq!(
        cfg.validate().err(),
        all.first().cloned(),
        "validate != validate_all[0]"
    );
    let mut fields: Vec<_> = all.iter().map(|e| e.field).collect();
    fields.dedup();
    assert_eq!(fields.len(), all.len(), "two errors for one field: {all:?}");

    let json = serde_json::to_string(&cfg).expect("config serialises");
    let back: ScheduleConfig = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("saved config does not load back: {json}: {e}"));
    assert_eq!(back, cfg, "config changed through JSON: {json}");

    if all.is_empty() {
        check_rule(&cfg, t, 0.5);
    } else {
        assert_eq!(next_fire_at_or_after(&cfg, t), None, "invalid config fires");
        assert!(
            preview(&cfg, t, 5).is_empty(),
            "invalid config previews fires"
        );
        assert_eq!(
            window_containing(&cfg, t),
            None,
            "invalid config has a window"
        );
    }
});
