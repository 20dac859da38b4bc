//! The WorkFossa page parser against pages captured from the real site's browser
//! (`tests/fixtures/captured/`, see `docs/workfossa-pages.md`): every field of every record, the
//! list paginator (not the notifications modal's), and the pages mutated the ways real markup
//! varies.

#![allow(clippy::unwrap_used)]

#[path = "support/mutate.rs"]
mod mutate;
#[path = "support/records.rs"]
mod records;

use fossa_core::workfossa::parser::{parse_work_order_list, NextLink, ParseError};
use mutate::{
    divs_with_class, remove_first_div_with_class, reverse_attributes, wrap_divs_with_class,
};
use records::{assert_records, base, layout_error, parse};
use serde_json::Value;

const LIST: &str = include_str!("fixtures/captured/list.html");
const LINKS_OPEN: &str = include_str!("fixtures/captured/list-links-open.html");
const EXPECTED: &str = include_str!("fixtures/captured/list.expected.json");
const EXPECTED_LINKS_OPEN: &str = include_str!("fixtures/captured/list-links-open.expected.json");

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

#[test]
fn the_list_paginator_is_read_not_the_notifications_modals() {
    // list.html: simple-pagination, both list links disabled, `Show 100`.
    let list = parse(LIST).pagination;
    assert_eq!(list.next, NextLink::Disabled);
    assert_eq!(
        (list.next_page, list.page_size, list.total),
        (None, Some(100), None)
    );
    // list-links-open.html: both list links enabled, `5 matches`.
    let open = parse(LINKS_OPEN).pagination;
    assert_eq!(open.next, NextLink::Enabled);
    assert_eq!(
        (open.next_page, open.page_size, open.total),
        (None, Some(100), Some(5))
    );
    // The modal's paginator (first in the document) enabled, or gone, changes nothing.
    let modal_start = LIST.find("ks-modal-body").unwrap();
    let modal_next = modal_start + LIST[modal_start..].find("next-page disabled").unwrap();
    let mut modal_open = LIST.to_owned();
    modal_open.replace_range(
        modal_next..modal_next + "next-page disabled".len(),
        "next-page",
    );
    assert_eq!(parse(&modal_open).pagination, list);
    let without_modal = remove_first_div_with_class(LIST, "ks-modal");
    // (In the captured page the list paginator stands above the rows, not after them as the
    // older SITE.md text had it.)
    assert_eq!(without_modal.matches("next-page").count(), 1);
    assert_eq!(parse(&without_modal).pagination, list);
}

#[test]
fn instructions_come_from_the_last_column_not_a_category_tooltip() {
    let page = parse(LIST);
    for order in &page.work_orders {
        let instructions = order.instructions.as_deref().unwrap_or_default();
        assert!(
            !order.categories.iter().any(|c| c == instructions),
            "{}: instructions read from a category swatch",
            order.id
        );
    }
}

// ---- the captured pages mutated the ways the real markup varies ----

#[test]
fn whitespace_between_tags_changed() {
    assert_same_as_captured(|html| html.replace("> <", ">\n\t   <").replace("><", ">  <"));
}

#[test]
fn attribute_and_class_order_changed() {
    assert_same_as_captured(reverse_attributes);
}

#[test]
fn other_data_v_hashes() {
    assert_same_as_captured(|html| {
        html.replace("data-v-a381df7b", "data-v-5c2e9d10")
            .replace("data-v-e80d2bcc", "data-v-77aa0b3f")
            .replace("<div class=", "<div data-v-1b2c3d4e=\"\" class=")
    });
}

#[test]
fn extra_wrapper_divs() {
    assert_same_as_captured(|html| {
        let mut html = wrap_divs_with_class(html, "work-list-item", "row-wrapper");
        for class in [
            "work-status-badge",
            "wo-category-show",
            "address-info",
            "contact-info-block",
            "contact-name",
            "work-creator",
            "ks-tooltip",
            "paginator-wrapper",
            "simple-pagination",
        ] {
            html = wrap_divs_with_class(&html, class, "extra");
        }
        html
    });
}

#[test]
fn comment_placeholders_moved() {
    assert_same_as_captured(|html| {
        html.replace("<!-- -->", "")
            .replace("</div> <div", "</div><!----> <!-- --><div")
            .replace(
                "<div class=\"contact-name text-sm\">",
                "<div class=\"contact-name text-sm\"><!----><div> </div>",
            )
    });
}

#[test]
fn nbsp_and_non_ascii_text() {
    let html = LIST
        .replace(
            "<span class=\"muted\">Reason:</span> ",
            "<span class=\"muted\">Reason:</span>&nbsp;",
        )
        .replace("Dana Whitfield", "Dána&nbsp;Whítfield")
        .replace(
            "802 East Palm Boulevard",
            "802&nbsp;&nbsp;East Palm Blvd — Ünit 2",
        );
    let page = parse(&html);
    let expected: Vec<Value> = serde_json::from_str(EXPECTED).unwrap();
    let first = serde_json::to_value(&page.work_orders[0]).unwrap();
    assert_eq!(first["reason"], expected[0]["reason"]);
    assert_eq!(first["contact"]["name"], "Dána Whítfield");
    assert_eq!(first["address"]["street"], "802 East Palm Blvd — Ünit 2");
    for (actual, expected) in page.work_orders.iter().zip(&expected).skip(1) {
        assert_eq!(&serde_json::to_value(actual).unwrap(), expected);
    }
}

#[test]
fn a_row_without_contact_block_or_categories() {
    let html = remove_first_div_with_class(LIST, "contact-info-block");
    let html = remove_first_div_with_class(&html, "wo-category-show");
    let page = parse(&html);
    let mut expected: Vec<Value> = serde_json::from_str(EXPECTED).unwrap();
    expected[0]["contact"] = Value::Null;
    expected[0]["categories"] = serde_json::json!([]);
    let actual: Vec<Value> = page
        .work_orders
        .iter()
        .map(|w| serde_json::to_value(w).unwrap())
        .collect();
    assert_eq!(actual, expected);
}

#[test]
fn a_po_number_line() {
    let html = LIST.replacen(
        "<div class=\"work-creator",
        "<div class=\"text-sm mb-1\"><span class=\"muted\">PO #:</span> C000020103\n        </div> <div class=\"work-creator",
        1,
    );
    let page = parse(&html);
    assert_eq!(page.work_orders[0].po_number.as_deref(), Some("C000020103"));
    // The fourth captured row has its own PO line; the others have none.
    let expected: Vec<Value> = serde_json::from_str(EXPECTED).unwrap();
    for (actual, expected) in page.work_orders.iter().zip(&expected).skip(1) {
        assert_eq!(
            serde_json::to_value(&actual.po_number).unwrap(),
            expected["po_number"]
        );
    }
}

/// The captured list paginator rewritten as `length-aware-pagination`: page links, the count,
/// and on the only page a hidden `div.pagination` with both links enabled.
fn length_aware(html: &str, pages: u32, current: u32, matches: u64) -> String {
    let links: String = (1..=pages)
        .map(|p| {
            let class = if p == current {
                "page-link current-page"
            } else {
                "page-link"
            };
            format!("<li><a class=\"{class}\" href=\"#\">{p}</a></li> ")
        })
        .collect();
    let hidden = if pages == 1 {
        " style=\"display: none;\""
    } else {
        ""
    };
    let start = html.find("<div class=\"paginator-wrapper\"").unwrap();
    let ul = start
        + html[start..]
            .find("<div class=\"pagination text-sm\"><ul>")
            .unwrap();
    let ul_end = ul + html[ul..].find("</ul></div>").unwrap() + "</ul></div>".len();
    let paginator = format!(
        "<div class=\"pagination text-sm\"{hidden}><ul><li><a class=\"prev-page\" href=\"#\">&lt;</a></li> {links}<li><a class=\"next-page\" href=\"#\">&gt;</a></li></ul></div><div class=\"text-right muted text-sm ks-padding-fix\">\n {matches} matches\n </div>"
    );
    let mut out = html.to_owned();
    out.replace_range(ul..ul_end, &paginator);
    out.replacen("simple-pagination", "length-aware-pagination", 1)
}

#[test]
fn the_length_aware_paginator() {
    let only = parse(&length_aware(LIST, 1, 1, 5));
    assert_records(&only, EXPECTED);
    assert_eq!(only.pagination.next, NextLink::Enabled);
    assert_eq!(only.pagination.total, Some(5));
    let first_of_three = parse(&length_aware(LIST, 3, 1, 212));
    assert_eq!(first_of_three.pagination.next, NextLink::Enabled);
    assert_eq!(first_of_three.pagination.total, Some(212));
    assert_eq!(first_of_three.pagination.page_size, Some(100));
}

#[test]
fn a_row_missing_its_number_or_status_is_not_recognised() {
    let no_status = remove_first_div_with_class(LIST, "work-status-badge");
    let what = layout_error(&no_status);
    assert!(
        what.contains("w-129651") && what.contains("status"),
        "{what}"
    );
    let no_link = LIST.replacen("href=\"/app/work/129651/\"", "href=\"#\"", 1);
    let what = layout_error(&no_link);
    assert!(what.contains("row 1"), "{what}");
    // Rows renamed by a deploy: not an empty list.
    let renamed = LIST.replace("work-list-item", "wo-row");
    let what = layout_error(&renamed);
    assert!(what.contains("work-list-item"), "{what}");
}

#[test]
fn all_mutations_at_once() {
    assert_same_as_captured(|html| {
        let mut html = wrap_divs_with_class(html, "work-list-item", "row-wrapper");
        html = wrap_divs_with_class(&html, "contact-info-block", "extra");
        html = html.replace("data-v-a381df7b", "data-v-5c2e9d10");
        html = reverse_attributes(&html);
        html = html
            .replace("<!-- -->", "")
            .replace("</div> <div", "</div><!----><div");
        html.replace("> <", ">\n  <")
    });
}

#[test]
fn some_captured_rows_carry_every_new_field() {
    let page = parse(LIST);
    assert!(page.work_orders.iter().all(|w| !w.categories.is_empty()));
    assert!(page.work_orders.iter().any(|w| w.categories.len() > 1));
    assert!(page.work_orders.iter().all(|w| w.contact.is_some()));
    assert!(divs_with_class(LIST, "work-list-item").len() == page.work_orders.len());
}

#[test]
fn an_application_shell_is_told_apart_from_a_changed_layout() {
    // What a plain GET of an application's list gives: the head, `#app`, the module script.
    let head_end = LIST.find("<body>").unwrap();
    let shell = format!(
        "{}<body><div class=\"full-height\" id=\"app\"></div>\n<script type=\"module\" src=\"/build/js/app.3f9c2a1b.js\"></script></body></html>",
        &LIST[..head_end]
    );
    assert_eq!(
        parse_work_order_list(&shell, &base()).unwrap_err(),
        ParseError::ApplicationShell
    );
    // Without the module script, or with rows, it is not a shell.
    let no_script = shell.replace("type=\"module\" ", "");
    layout_error(&no_script);
    assert_records(&parse(LIST), EXPECTED);
}
