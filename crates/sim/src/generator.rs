//! Deterministic work-order data: every variant SITE.md lists, generated from a seed.
//!
//! The first dozen orders of any batch are steered so that each variant (completed visits,
//! missing next visit or due date, optional project/intersection/county/PO number/contact, zero
//! to two categories, one to three items and contact lines, every status, code and time window,
//! HTML-special and non-ASCII text, the `<img>` injection text, instructions long enough to be
//! cut short on the page) appears at least once; the rest is random. Text is already in the parser's normal
//! form (trimmed, single spaces), so that parsing a rendered page gives back the same records.

use chrono::{Days, NaiveDate, NaiveDateTime};
use fossa_core::workfossa::record::{
    Address, Customer, Item, Location, NextVisit, Visits, WorkOrder,
};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use url::Url;

use crate::details::{categories, contact, po_number};

/// The statuses the generator uses (the badge text).
pub const STATUSES: [&str; 5] = [
    "Work Created",
    "Scheduled",
    "In Progress",
    "Quality Approved",
    "On Hold",
];

/// The time windows of next visits (without the parentheses the page puts around them).
pub const WINDOWS: [&str; 4] = [
    "anytime",
    "8:00am - 12:00pm",
    "1:00pm - 5:00pm",
    "7:00am - 3:00pm",
];

/// (group, description, code) of the known service items.
pub const ITEMS: [(&str, &str, &str); 6] = [
    ("Meter Calibration", "All Dispensers", "2861"),
    (
        "Meter Calibration",
        "Specific Dispenser(s) - See Notes",
        "2862",
    ),
    ("Combo", "Open Neck Prover - Quality", "3146"),
    ("Parts", "Nozzle Replacement", "3002"),
    ("Parts", "Filter Change", "3006"),
    ("Combo", "Calibration Service", "CAL-SERV"),
];

/// The literal text UI tests look for: it must reach the screen as text, never as markup.
pub const INJECTION_TEXT: &str = "<img src=x onerror=alert(1)>";

/// (customer name, customer id, site name).
pub(crate) const CUSTOMERS: [(&str, i64, &str); 7] = [
    ("7-Eleven Stores, Inc", 11811, "7-Eleven"),
    ("Wawa", 22040, "Wawa"),
    ("Circle K Stores Florida Region", 30555, "Circle K"),
    ("Murphy USA & Sons", 41002, "Murphy USA"),
    ("Speedway <Midwest> LLC", 50310, "Speedway"),
    ("Mañana Fuel & Go", 60777, "Mañana Fuel"),
    ("Zoë's Quick Stop", 70123, "Zoë's"),
];

pub(crate) const FIRST_NAMES: [&str; 9] = [
    "Renée", "Zoë", "Jordan", "Aisha", "Tomás", "Ken", "Mary Ann", "Dmitri", "Luis",
];

pub(crate) const LAST_NAMES: [&str; 8] = [
    "Reyes",
    "O'Brien",
    "Kowalski",
    "Nguyen",
    "Smith-Jones",
    "Okafor",
    "Iyer",
    "Park",
];

const REASONS: [&str; 5] = [
    "AccuMeasure",
    "Annual Inspection",
    "Quarterly Calibration",
    "Repair – Leak",
    "Install & Startup",
];

const PROJECTS: [&str; 3] = [
    "Q3 Calibrations 2025",
    "Hurricane Prep & Recovery",
    "Zoë's <Priority> Sites",
];

const STREETS: [&str; 5] = [
    "802 East Palm Boulevard",
    "77 Old Mill Rd.",
    "31500 US-19 N",
    "4455 São Paulo Ave",
    "9 Route 1 & Main",
];

const INTERSECTIONS: [&str; 3] = [
    "E US 64 & 43rd St.",
    "Hwy 50 & Alafaya Trl",
    "Main St <north> & 2nd",
];

/// (city state zip, county).
const PLACES: [(&str, &str); 5] = [
    ("Tampa FL 33603", "Hillsborough County"),
    ("Clearwater FL 33755", "Pinellas County"),
    ("Ocala FL 34470", "Marion County"),
    ("Dover DE 19901", "Kent County"),
    ("Raleigh NC 27601", "Wake County"),
];

const INSTRUCTIONS: [&str; 7] = [
    "Calibrate all dispensers and change filters. Refer to the filter specification list for the \
     proper filter. Put calibration stickers on the inner side of dispenser uprights, take fuel \
     samples, and take photos. Upload the photos to the site survey in the Vault.",
    "Calibrate all meters.\nCall the store manager on arrival.",
    "Dispensers 3/4 and 7/8 only.\nBring prover #2.\nPark at the rear <loading> dock.",
    "Check filters & nozzles; report if >5 gpm variance.",
    "Single line",
    "Mañana: call Renée before 9am — \"urgent\".",
    "Zoë will meet you at the pumps.\nKeys are at the counter.",
];

/// The orders of a fresh simulated site: `n` orders, numbers increasing, URLs on `base`.
pub fn generate_work_orders(seed: u64, n: usize, base: &Url) -> Vec<WorkOrder> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut number = 124_000 + rng.random_range(0..5_000);
    let mut orders = Vec::with_capacity(n);
    for index in 0..n {
        orders.push(generate_one(&mut rng, index, number, base));
        number += rng.random_range(1..=6);
    }
    orders
}

/// One order with the given number; `index` steers which variant it is sure to cover.
pub(crate) fn generate_one(rng: &mut StdRng, index: usize, number: i64, base: &Url) -> WorkOrder {
    let slot = index % 12;
    let (customer, customer_id, site) = cover(rng, &CUSTOMERS, index);
    let (city_state_zip, county) = cover(rng, &PLACES, index);
    let location_id = rng.random_range(30_000..99_999_i64);
    let created_at = random_created_at(rng);

    let project = optional(rng, slot, 0.4).then(|| cover(rng, &PROJECTS, index).to_string());
    let intersection =
        optional(rng, slot, 0.35).then(|| cover(rng, &INTERSECTIONS, index).to_string());
    let county = optional(rng, slot, 0.7).then(|| county.to_string());

    let item_count = match slot {
        3 => 3,
        4 => 1,
        6 => 2,
        _ => rng.random_range(1..=3),
    };
    let items = (0..item_count)
        .map(|k| {
            let (group, description, code) = cover(rng, &ITEMS, index + k);
            Item {
                group: Some(group.to_string()),
                quantity: Some(rng.random_range(1..=14)),
                description: Some(description.to_string()),
                code: Some(code.to_string()),
            }
        })
        .collect();

    let total = rng.random_range(1..=3_i64);
    let shape = match slot {
        0 => VisitShape::AllDone,
        5 => VisitShape::NoNextVisit,
        7 => VisitShape::NoDueDate,
        11 => VisitShape::Full,
        _ => match rng.random_range(0..100) {
            0..=14 => VisitShape::AllDone,
            15..=19 => VisitShape::NoNextVisit,
            20..=29 => VisitShape::NoDueDate,
            _ => VisitShape::Full,
        },
    };
    let completed = match shape {
        VisitShape::AllDone => total,
        _ => rng.random_range(0..total),
    };
    let mut order = WorkOrder {
        id: format!("W-{number}"),
        number,
        url: absolute(base, &format!("/app/work/{number}/")),
        status: cover(rng, &STATUSES, index).to_string(),
        reason: Some(cover(rng, &REASONS, index).to_string()),
        project,
        po_number: None,
        categories: Vec::new(),
        contact: None,
        created_by: Some(format!(
            "{} {}",
            cover(rng, &FIRST_NAMES, index),
            cover(rng, &LAST_NAMES, index)
        )),
        created_at: Some(created_at),
        customer: Customer {
            name: Some(customer.to_string()),
            url: Some(absolute(base, &format!("/app/customers/{customer_id}/"))),
        },
        location: Location {
            id: Some(location_id),
            store_number: Some(format!("#{}", rng.random_range(1_000..99_999))),
            site_name: Some(site.to_string()),
            url: Some(absolute(
                base,
                &format!("/app/customers/locations/{location_id}/"),
            )),
        },
        address: Address {
            street: Some(cover(rng, &STREETS, index).to_string()),
            intersection,
            city_state_zip: Some(city_state_zip.to_string()),
            county,
        },
        items,
        visits: Visits { completed, total },
        next_visit: None,
        due_date: None,
        instructions: Some(instructions(rng, index)),
    };
    if matches!(shape, VisitShape::NoDueDate | VisitShape::Full) {
        let date = created_at.date() + Days::new(rng.random_range(30..200));
        schedule_next_visit(rng, &mut order, date, base, index);
        if matches!(shape, VisitShape::NoDueDate) {
            order.due_date = None;
        }
    }
    // Drawn last, so the fields above stay what they were before these existed.
    order.po_number = po_number(rng, slot);
    order.categories = categories(rng, slot, index);
    order.contact = contact(rng, slot, index, customer, customer_id);
    order
}

/// Alters an order the way the real site's data changes: a new status, and a moved or
/// completed visit. Returns nothing; the order always ends up different.
pub(crate) fn change_one(rng: &mut StdRng, order: &mut WorkOrder, base: &Url) {
    let current = STATUSES.iter().position(|s| *s == order.status);
    let mut next = rng.random_range(0..STATUSES.len());
    if Some(next) == current {
        next = (next + 1) % STATUSES.len();
    }
    order.status = STATUSES[next].to_string();

    let pending = order.visits.completed < order.visits.total;
    let has_next = order.next_visit.is_some();
    let window = rng.random_range(0..WINDOWS.len());
    let roll = rng.random_range(0..3);
    if roll == 0 && pending {
        // One visit done: the next one (if any) is scheduled later.
        order.visits.completed += 1;
        if order.visits.completed >= order.visits.total {
            order.next_visit = None;
            order.due_date = None;
            return;
        }
    }
    if pending {
        // Rescheduled (or scheduled for the first time): the visit and its due date move.
        let days = rng.random_range(1..30);
        let date = current_visit_date(order) + Days::new(days);
        schedule_next_visit(rng, order, date, base, window);
    } else if has_next {
        order.next_visit = None;
        order.due_date = None;
    }
}

#[derive(Clone, Copy)]
enum VisitShape {
    AllDone,
    NoNextVisit,
    NoDueDate,
    Full,
}

fn schedule_next_visit(
    rng: &mut StdRng,
    order: &mut WorkOrder,
    date: NaiveDate,
    base: &Url,
    index: usize,
) {
    let number = order.number;
    let visit_id = number + 2_000 + rng.random_range(0..900);
    order.next_visit = Some(NextVisit {
        id: Some(visit_id),
        date: Some(date),
        window: Some(cover(rng, &WINDOWS, index).to_string()),
        url: Some(absolute(
            base,
            &format!("/app/work/{number}/visits/{visit_id}/"),
        )),
    });
    let due = if rng.random_bool(0.5) {
        date.checked_sub_days(Days::new(rng.random_range(0..10)))
    } else {
        date.checked_add_days(Days::new(rng.random_range(0..30)))
    };
    order.due_date = due.or(Some(date));
}

fn current_visit_date(order: &WorkOrder) -> NaiveDate {
    order
        .next_visit
        .as_ref()
        .and_then(|v| v.date)
        .or_else(|| order.created_at.map(|c| c.date()))
        .unwrap_or_default()
}

fn instructions(rng: &mut StdRng, index: usize) -> String {
    match index % 24 {
        8 => format!("Office note: {INJECTION_TEXT} (literal text, do not render)."),
        9 => INSTRUCTIONS[1].to_string(),
        _ => cover(rng, &INSTRUCTIONS, index).to_string(),
    }
}

/// For slots 1 and 2 the optional parts are forced present / absent; otherwise random.
fn optional(rng: &mut StdRng, slot: usize, p: f64) -> bool {
    match slot {
        1 => true,
        2 => false,
        _ => rng.random_bool(p),
    }
}

/// `list[index]` for the first orders (so every entry shows up), random afterwards.
pub(crate) fn cover<T: Copy, const N: usize>(rng: &mut StdRng, list: &[T; N], index: usize) -> T {
    if index < N {
        list[index]
    } else {
        list[rng.random_range(0..N)]
    }
}

fn random_created_at(rng: &mut StdRng) -> NaiveDateTime {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    let date = start + Days::new(rng.random_range(0..200));
    date.and_hms_opt(rng.random_range(6..20), rng.random_range(0..60), 0)
        .unwrap_or_default()
}

/// `path` joined onto the site's base URL.
pub(crate) fn absolute(base: &Url, path: &str) -> String {
    base.join(path)
        .map(String::from)
        .unwrap_or_else(|_| format!("{}{}", base.as_str().trim_end_matches('/'), path))
}
