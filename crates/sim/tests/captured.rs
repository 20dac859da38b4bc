//! The rendered list page against the real site's captured page (the project's one copy of
//! `shared/workfossa/fixtures/captured/list.html` and its records, in
//! `crates/core/tests/fixtures/captured/`): the captured records render to the captured document
//! byte for byte, apart from two things the record does not decide (which wrappers are shaded, a
//! completed visit's date).

use fossa_core::workfossa::WorkOrder;
use fossa_sim::{render_list_page, ListPageParams, Paginator};

const CAPTURED: &str = include_str!("../../core/tests/fixtures/captured/list.html");
const RECORDS: &str = include_str!("../../core/tests/fixtures/captured/list.expected.json");

#[test]
fn captured_records_render_to_the_captured_page() {
    let records: Vec<WorkOrder> = serde_json::from_str(RECORDS).expect("records");
    assert_eq!(records.len(), 5);
    let html = render_list_page(&ListPageParams {
        rows: &records,
        page: 1,
        limit: 100,
        total: records.len(),
        order_direction: Some("desc"),
        paginator: Paginator::Simple,
        changed_layout: false,
    });
    // The capture was cut down to five rows of a longer page, so its shading skips a beat;
    // the sim shades every other row. The completion date is not in the record.
    let expected = CAPTURED
        .replacen(
            "<div class=\"\" data-v-a381df7b=\"\"><div class=\"row py-2 work-list-item w-110336\"",
            "<div class=\"bg-gray-50\" data-v-a381df7b=\"\"><div class=\"row py-2 work-list-item w-110336\"",
            1,
        )
        .replacen(
            "<div class=\"mt-1 text-xs muted\">06/13/2025</div>",
            "<div class=\"mt-1 text-xs muted\">05/19/2025</div>",
            1,
        );
    assert_ne!(expected, CAPTURED, "both differences still apply");
    if html != expected {
        let at = html
            .bytes()
            .zip(expected.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(html.len().min(expected.len()));
        let from = at.saturating_sub(200);
        panic!(
            "differs at byte {at}:\n rendered: {:?}\n captured: {:?}",
            html.get(from..at + 200).unwrap_or(&html[from..]),
            expected.get(from..at + 200).unwrap_or(&expected[from..]),
        );
    }
}
