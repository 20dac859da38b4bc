//! The generator's row details SITE.md added later: the `PO #` line, the category swatches and
//! the contact block, drawn after an order's other fields so that those stay as they were.

use fossa_core::workfossa::record::Contact;
use rand::rngs::StdRng;
use rand::Rng;

use crate::generator::{cover, CUSTOMERS, FIRST_NAMES, LAST_NAMES};

/// Account codes of the generator's `CUSTOMERS`, in the same order (a contact block line).
const ACCOUNTS: [&str; 7] = [
    "7-E012", "WAW001", "CKF-207", "MUSA-14", "SPD-310", "MFG-001", "ZQS-09",
];

/// Category swatch names (most rows carry one).
pub const CATEGORIES: [&str; 5] = [
    "Meter Calibration",
    "Post Construction",
    "Annual Inspection",
    "Compliance",
    "Tanks & Lines",
];

/// Payment terms (a contact block's last line).
const TERMS: [&str; 3] = ["Net 30", "Net 15", "Due on receipt"];

/// A `C0000` + five digits PO number on some rows (slots 1 and 5 always, slot 2 never).
pub(crate) fn po_number(rng: &mut StdRng, slot: usize) -> Option<String> {
    let present = match slot {
        1 | 5 => true,
        2 => false,
        _ => rng.random_bool(0.25),
    };
    present.then(|| format!("C0000{:05}", rng.random_range(10_000..100_000)))
}

/// Zero to two distinct category names (slot 2 none, slot 3 two, mostly one).
pub(crate) fn categories(rng: &mut StdRng, slot: usize, index: usize) -> Vec<String> {
    let count = match slot {
        2 => 0,
        3 => 2,
        _ => match rng.random_range(0..100) {
            0..=9 => 0,
            10..=24 => 2,
            _ => 1,
        },
    };
    let first = cover(rng, &CATEGORIES, index);
    let mut names = vec![first.to_string()];
    if count == 2 {
        let k = CATEGORIES.iter().position(|c| *c == first).unwrap_or(0);
        let step = rng.random_range(1..CATEGORIES.len());
        names.push(CATEGORIES[(k + step) % CATEGORIES.len()].to_string());
    }
    names.truncate(count);
    names
}

/// The contact block: absent on some rows; else a name and 1–3 lines (company, account code,
/// payment terms).
pub(crate) fn contact(
    rng: &mut StdRng,
    slot: usize,
    index: usize,
    customer: &str,
    customer_id: i64,
) -> Option<Contact> {
    let present = match slot {
        2 | 9 => false,
        1 | 4 | 6 => true,
        _ => rng.random_bool(0.85),
    };
    if !present {
        return None;
    }
    let name = format!(
        "{} {}",
        cover(rng, &FIRST_NAMES, index + 3),
        cover(rng, &LAST_NAMES, index + 5)
    );
    let company = if rng.random_bool(0.3) {
        format!("{customer} - Region {}", rng.random_range(1..=9))
    } else {
        customer.to_string()
    };
    let terms = cover(rng, &TERMS, index).to_string();
    let account = CUSTOMERS
        .iter()
        .position(|c| c.1 == customer_id)
        .map_or(ACCOUNTS[0], |i| ACCOUNTS[i]);
    let lines = match slot {
        1 => 3,
        4 => 1,
        6 => 2,
        _ => rng.random_range(1..=3),
    };
    let lines = match lines {
        1 => vec![company],
        2 => vec![company, terms],
        _ => vec![company, account.to_string(), terms],
    };
    Some(Contact { name, lines })
}
