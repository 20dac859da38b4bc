//! The WorkFossa page parser against pages captured from the real site's browser
//! (`tests/fixtures/captured/`, see `docs/workfossa-pages.md`): every field of every record, the
//! list paginator (not the notifications modal's), and the pages mutated the ways real markup
//! varies.

#![allow(clippy::unwrap_used)]

#[path = "support/mutate.rs"]
mod mutate;

use fossa_core::workfossa::parser::{parse_work_order_list, ListPage, NextLink, ParseError};
use mutate::{
    divs_with_class, remove_first_div_with_class, reverse_attributes, wrap_divs_with_class,
};
use serde_json::Value;
use url::Url;

const LIST: &str = include_str!("fixtures/captured/list.html");
const LINKS_OPEN: &str = include_str!("fixtures/captured/list-links-open.html");
const EXPECTED: &str = include_str!("fixtures/captured/list.expected.json");
const EXPECTED_LINKS_OPEN: &str = include_str!("fixtures/captured/list-links-open.expected.json");

fn base() -> Url {
    Url::parse("https://app.workfossa.com").unwrap()
}

fn parse(html: &str) -> ListPage {
    parse_work_order_list(html, &base()).unwrap()
}

fn layout_error(html: &str) -> String {
    match parse_work_order_list(html, &base()) {
        Err(ParseError::LayoutNotRecognised(what)) => what,
        Ok(page) => panic!(
            "expected LayoutNotRecognised, got {} work orders",
            page.work_orders.len()
        ),
    }
}

/// Compares record by record and field by field, so a failure names the work order and field.
fn assert_records(page: &ListPage, expected_json: &str) {
    let expected: Vec<Value> = serde_json::from_str(expected_json).unwrap();
    let actual: Vec<Value> = page
        .work_orders
        .iter()
        .map(|w| serde_json::to_value(w).unwrap())
        .collect();
    assert_eq!(actual.len(), expected.len(), "number of work orders");
    for (actual, expected) in actual.iter().zip(&expected) {
        let id = &expected["id"];
        for (field, value) in expected.as_object().unwrap() {
            assert_eq!(&actual[field], value, "{id}: field `{field}`");
        }
        assert_eq!(actual, expected, "{id}: whole record");
    }
}

/// Both captured pages, mutated, still give their records and their paginator.
fn assert_same_as_captured(mutate: impl Fn(&str) -> String) {
    for (html, expected) in [(LIST, EXPECTED), (LINKS_OPEN, EXPECTED_LINKS_OPEN)] {
        let mutated = mutate(html);
        assert_ne!(mutated, html, "the mutation changed nothing");
        let page = parse(&mutated);
        assert_records(&page, expected);
        assert_eq!(page.pagination, parse(html).pagination);
    }
}

#[test]
fn captured_list_gives_its_records() {
    assert_records(&parse(LIST), EXPECTED);
}

#[test]
fn captured_list_with_open_links_gives_its_records() {
    assert_records(&parse(LINKS_OPEN), EXPECTED_LINKS_OPEN);
}
