//! The end-of-list rules, page by page, without I/O.

use super::*;
use crate::workfossa::parser::Pagination;

fn order(number: i64) -> WorkOrder {
    serde_json::from_value(serde_json::json!({
        "id": format!("W-{number}"), "number": number, "url": "https://x/app/work/1/",
        "status": "Scheduled", "reason": null, "project": null, "created_by": null,
        "created_at": null, "customer": {"name": null, "url": null},
        "location": {"id": null, "store_number": null, "site_name": null, "url": null},
        "address": {"street": null, "intersection": null, "city_state_zip": null, "county": null},
        "items": [], "visits": {"completed": 0, "total": 1}, "next_visit": null,
        "due_date": null, "instructions": null
    }))
    .unwrap()
}

fn page(
    numbers: std::ops::Range<i64>,
    next: NextLink,
    size: Option<u32>,
    total: Option<u64>,
) -> ListPage {
    ListPage {
        work_orders: numbers.map(order).collect(),
        pagination: Pagination {
            next,
            next_page: None,
            page_size: size,
            total,
        },
    }
}

#[test]
fn a_disabled_next_link_ends_the_list() {
    let mut reader = ListReader::default();
    let end = reader.add(1, page(0..5, NextLink::Disabled, Some(100), None));
    assert_eq!(end.unwrap(), Some(ListEnd::NextDisabled));
    assert_eq!(reader.finish().unwrap().len(), 5);
}

#[test]
fn full_pages_with_an_enabled_link_go_on_until_a_short_page() {
    let mut reader = ListReader::default();
    let enabled = NextLink::Enabled;
    assert_eq!(
        reader.add(1, page(0..25, enabled, Some(25), None)).unwrap(),
        None
    );
    assert_eq!(
        reader
            .add(2, page(25..50, enabled, Some(25), None))
            .unwrap(),
        None
    );
    assert_eq!(
        reader
            .add(3, page(50..60, enabled, Some(25), None))
            .unwrap(),
        Some(ListEnd::ShortPage)
    );
    let orders = reader.finish().unwrap();
    assert_eq!(orders.len(), 60);
    assert!(orders.windows(2).all(|w| w[0].number < w[1].number));
}

#[test]
fn the_count_ends_the_list_even_with_both_links_enabled() {
    // `length-aware-pagination` on its only page: both links enabled, `5 matches`.
    let mut reader = ListReader::default();
    let end = reader.add(1, page(0..5, NextLink::Enabled, Some(5), Some(5)));
    assert_eq!(end.unwrap(), Some(ListEnd::CountReached));
    assert_eq!(reader.pages_needed(), Some(1));
    // 250 matches at 100 a page: 3 pages.
    let mut reader = ListReader::default();
    assert_eq!(
        reader
            .add(1, page(0..100, NextLink::Enabled, Some(100), Some(250)))
            .unwrap(),
        None
    );
    assert_eq!(reader.pages_needed(), Some(3));
}

#[test]
fn a_site_that_ignores_page_ends_without_looping() {
    let mut reader = ListReader::default();
    let enabled = NextLink::Enabled;
    assert_eq!(
        reader.add(1, page(0..25, enabled, Some(25), None)).unwrap(),
        None
    );
    assert_eq!(
        reader.add(2, page(0..25, enabled, Some(25), None)).unwrap(),
        Some(ListEnd::NoNewRows)
    );
    assert_eq!(reader.finish().unwrap().len(), 25);
}

#[test]
fn an_empty_page_past_the_end_ends_the_list() {
    let mut reader = ListReader::default();
    let enabled = NextLink::Enabled;
    assert_eq!(
        reader.add(1, page(0..100, enabled, None, None)).unwrap(),
        None
    );
    assert_eq!(
        reader
            .add(2, page(0..0, NextLink::Disabled, None, None))
            .unwrap(),
        Some(ListEnd::NoNewRows)
    );
}

#[test]
fn without_a_shown_size_the_first_page_sets_it() {
    let mut reader = ListReader::default();
    let enabled = NextLink::Enabled;
    assert_eq!(
        reader.add(1, page(0..25, enabled, None, None)).unwrap(),
        None
    );
    assert_eq!(
        reader.add(2, page(25..30, enabled, None, None)).unwrap(),
        Some(ListEnd::ShortPage)
    );
}

#[test]
fn a_full_page_without_a_paginator_is_not_recognised() {
    let mut reader = ListReader::default();
    let err = reader
        .add(1, page(0..100, NextLink::Missing, Some(100), None))
        .unwrap_err();
    assert!(matches!(err, SyncError::LayoutNotRecognised(_)), "{err}");
    // A short page needs no paginator to end.
    let mut reader = ListReader::default();
    let end = reader.add(1, page(0..7, NextLink::Missing, Some(100), None));
    assert_eq!(end.unwrap(), Some(ListEnd::ShortPage));
}

#[test]
fn rows_short_of_the_count_are_not_a_complete_list() {
    // The site said 58 but served page 1 again for page 2: saving 25 would mark 33 removed.
    let mut reader = ListReader::default();
    let enabled = NextLink::Enabled;
    assert_eq!(
        reader
            .add(1, page(0..25, enabled, Some(25), Some(58)))
            .unwrap(),
        None
    );
    assert_eq!(
        reader
            .add(2, page(0..25, enabled, Some(25), Some(58)))
            .unwrap(),
        Some(ListEnd::NoNewRows)
    );
    let err = reader.finish().unwrap_err();
    assert!(err.to_string().contains("58"), "{err}");
}
