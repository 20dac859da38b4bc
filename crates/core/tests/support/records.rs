//! What the parser tests share: the site root, parsing a page, expecting "layout not
//! recognised", and comparing records field by field.

#![allow(dead_code, clippy::unwrap_used)]

use fossa_core::workfossa::parser::{parse_work_order_list, ListPage, ParseError};
use serde_json::Value;
use url::Url;

pub fn base() -> Url {
    Url::parse("https://app.workfossa.com").unwrap()
}

pub fn parse(html: &str) -> ListPage {
    parse_work_order_list(html, &base()).unwrap()
}

pub fn layout_error(html: &str) -> String {
    match parse_work_order_list(html, &base()) {
        Err(ParseError::LayoutNotRecognised(what)) => what,
        Err(other) => panic!("expected LayoutNotRecognised, got {other}"),
        Ok(page) => panic!(
            "expected LayoutNotRecognised, got {} work orders",
            page.work_orders.len()
        ),
    }
}

/// Compares record by record, so a failure names the work order and field.
pub fn assert_records(page: &ListPage, expected_json: &str) {
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
