//! The rendered list page's structure, as the captured real pages have it: the notifications
//! modal's paginator first, `href="#"` links, the page-size block without a value, the two
//! paginator shapes with their ends and count, the page past the end, the row's parts.

use fossa_core::workfossa::WorkOrder;
use fossa_sim::{generate_work_orders, render_list_page, ListPageParams, Paginator};
use url::Url;

fn records(n: usize) -> Vec<WorkOrder> {
    let base = Url::parse("http://127.0.0.1:41234/").expect("base");
    generate_work_orders(3, n, &base)
}

fn page(rows: &[WorkOrder], page: u32, limit: u32, total: usize, paginator: Paginator) -> String {
    render_list_page(&ListPageParams {
        rows,
        page,
        limit,
        total,
        order_direction: Some("asc"),
        paginator,
        changed_layout: false,
    })
}

/// The list's paginator block (from `div.paginator-wrapper` to the page-size drop-down).
fn list_block(html: &str) -> &str {
    let start = html
        .find("<div class=\"paginator-wrapper\"")
        .expect("wrapper");
    let end = html[start..]
        .find("<div class=\"ks-select mb-0\"")
        .expect("select")
        + start;
    &html[start..end]
}

fn link(block: &str, which: &str) -> String {
    let start = block.find(&format!("<a class=\"{which}")).expect(which) + "<a class=\"".len();
    let end = block[start..].find('"').expect("quote") + start;
    block[start..end].to_string()
}

const COUNT: &str = "<div class=\"text-right muted text-sm ks-padding-fix\">";

#[test]
fn the_notifications_modal_paginator_comes_first() {
    let rows = records(30);
    let html = page(&rows[..25], 1, 25, 30, Paginator::Simple);
    let first_prev = html.find("class=\"prev-page").expect("a prev-page");
    let modal_body = html
        .find("<div class=\"ks-modal-body\">")
        .expect("modal body");
    let wrapper = html
        .find("<div class=\"paginator-wrapper\"")
        .expect("wrapper");
    let first_row = html.find("work-list-item").expect("rows");
    assert!(html.find("<div class=\"ks-modal\"").unwrap() < modal_body);
    assert!(modal_body < first_prev && first_prev < wrapper && wrapper < first_row);
    assert!(html[..wrapper].contains("<a class=\"next-page disabled\" href=\"#\">"));
    assert_eq!(html.matches("class=\"prev-page").count(), 2);
    assert_eq!(html.matches("class=\"next-page").count(), 2);
    // The modal's links are disabled, the list's next is not: a reader must pick the right one.
    assert_eq!(link(list_block(&html), "next-page"), "next-page");
    assert!(html.contains("<div class=\"top-bar fixed\">"));
    assert!(html.contains("<div class=\"side-nav vertical fixed\" id=\"sidebar\">"));
    assert!(html.contains("<a class=\"router-link-active\" href=\"/app/work/list\">"));
    assert!(html
        .contains("<h1 class=\"heading-label\"><ul class=\"breadcrumb\"><li>Work</li></ul></h1>"));
    assert!(html.contains("id=\"work-order-search-bar\""));
    assert!(html.ends_with("</body></html>"));
}

#[test]
fn links_are_hash_and_the_limit_input_has_no_value() {
    let rows = records(60);
    for paginator in [Paginator::Simple, Paginator::LengthAware] {
        for (n, limit) in [(1, 25), (2, 50)] {
            let html = page(&rows[(n - 1) * 25..], n as u32, limit, 60, paginator);
            for class in ["prev-page", "next-page", "page-link"] {
                for (at, _) in html.match_indices(&format!("<a class=\"{class}")) {
                    let tag_end = html[at..].find('>').unwrap() + at;
                    assert!(
                        html[at..tag_end].ends_with("href=\"#\""),
                        "{}",
                        &html[at..tag_end]
                    );
                }
            }
            assert!(!html.contains("/app/work/list?"), "no query-string links");
            assert!(html.contains(
                "<input class=\"select-input-field\" name=\"limit\" tabindex=\"-1\" type=\"text\"/> \
                 <div class=\"ks-select-selection\">"
            ));
            assert!(html.contains(&format!("<div class=\"ks-select-selection\">\n                Show {limit}\n             <!-- -->")));
            let input = html.find("name=\"limit\"").unwrap();
            let tag =
                &html[html[..input].rfind('<').unwrap()..input + html[input..].find('>').unwrap()];
            assert!(!tag.contains("value"), "{tag}");
        }
    }
}

#[test]
fn simple_paginator_disables_its_ends_and_shows_no_count() {
    let rows = records(60);
    let first = page(&rows[..25], 1, 25, 60, Paginator::Simple);
    let middle = page(&rows[25..50], 2, 25, 60, Paginator::Simple);
    let last = page(&rows[50..], 3, 25, 60, Paginator::Simple);
    let only = page(&rows, 1, 100, 60, Paginator::Simple);
    for (html, prev, next) in [
        (&first, "prev-page disabled", "next-page"),
        (&middle, "prev-page", "next-page"),
        (&last, "prev-page", "next-page disabled"),
        (&only, "prev-page disabled", "next-page disabled"),
    ] {
        let block = list_block(html);
        assert!(block.starts_with(
            "<div class=\"paginator-wrapper\" data-v-a381df7b=\"\"><div class=\"simple-pagination flex align-center jc-between\">"
        ));
        assert_eq!(
            (link(block, "prev-page"), link(block, "next-page")),
            (prev.into(), next.into())
        );
        assert!(!block.contains("page-link") && !html.contains(COUNT));
        assert!(block.contains("<div class=\"pagination text-sm\"><ul>"));
    }
}

#[test]
fn length_aware_paginator_keeps_both_links_and_counts_matches() {
    let rows = records(60);
    let last = page(&rows[50..], 3, 25, 60, Paginator::LengthAware);
    let block = list_block(&last);
    assert!(block.contains("<div class=\"length-aware-pagination flex align-center jc-between\">"));
    assert_eq!(
        (link(block, "prev-page"), link(block, "next-page")),
        ("prev-page".into(), "next-page".into())
    );
    assert!(block.contains("<div class=\"pagination text-sm\"><ul>"));
    assert!(block.contains("<a class=\"page-link\" href=\"#\">1</a>"));
    assert!(block.contains("<a class=\"page-link\" href=\"#\">2</a>"));
    assert!(block.contains("<a class=\"page-link current-page\" href=\"#\">3</a>"));
    assert!(block.contains(&format!(
        "{COUNT}\n                    60 matches\n                </div>"
    )));

    // The only page: the links hidden but enabled, the count still there.
    let only = page(&rows[..5], 1, 25, 5, Paginator::LengthAware);
    let block = list_block(&only);
    assert!(block.contains("<div class=\"pagination text-sm\" style=\"display: none;\"><ul>"));
    assert_eq!(
        (link(block, "prev-page"), link(block, "next-page")),
        ("prev-page".into(), "next-page".into())
    );
    assert!(block.contains("<a class=\"page-link current-page\" href=\"#\">1</a>"));
    assert!(block.contains(&format!(
        "{COUNT}\n                    5 matches\n                </div>"
    )));

    // Many pages: the ends and the current page's neighbours, gaps between.
    let many = page(&rows[..25], 10, 25, 600, Paginator::LengthAware);
    let block = list_block(&many);
    let links: Vec<&str> = block.split("class=\"page-link").skip(1).collect();
    assert_eq!(links.len(), 9, "1 2 … 8 9 10 11 12 … 23 24");
    assert!(block.contains("<a class=\"page-link current-page\" href=\"#\">10</a>"));
    assert!(block.contains(">24</a>") && !block.contains(">13</a>") && !block.contains(">7</a>"));
}

#[test]
fn page_past_the_end_shows_the_header_and_the_empty_state() {
    let rows = records(60);
    let html = page(&[], 4, 25, 60, Paginator::Simple);
    assert!(html.contains(
        "<div class=\"sm-6 med-3\" data-v-a381df7b=\"\">Work</div> <div class=\"sm-6 med-4\" data-v-a381df7b=\"\">Customer</div>"
    ));
    assert!(html.contains("<div class=\"empty-state\">No work orders found</div>"));
    assert!(!html.contains("work-list-item"));
    let block = list_block(&html);
    assert_eq!(
        (link(block, "prev-page"), link(block, "next-page")),
        ("prev-page".into(), "next-page disabled".into())
    );
    let html = page(&[], 4, 25, 60, Paginator::LengthAware);
    assert!(html.contains("empty-state") && html.contains("60 matches"));
    assert!(!list_block(&html).contains("current-page"));
    drop(rows);
}

#[test]
fn rows_have_the_captured_parts_in_order() {
    let rows = records(24);
    let html = page(&rows, 1, 25, 24, Paginator::Simple);
    for (i, o) in rows.iter().enumerate() {
        let shade = if i % 2 == 0 { "bg-gray-50" } else { "" };
        let open = format!(
            "<div class=\"{shade}\" data-v-a381df7b=\"\"><div class=\"row py-2 work-list-item w-{}\" data-v-a381df7b=\"\">",
            o.number
        );
        let start = html
            .find(&open)
            .unwrap_or_else(|| panic!("row {i}: {open}"));
        let end = html[start + open.len()..]
            .find("data-v-a381df7b=\"\"><div class=\"row py-2 work-list-item")
            .map_or_else(
                || {
                    html.find("<div data-v-a381df7b=\"\"><div class=\"ks-modal\"")
                        .expect("modals after the list")
                },
                |e| e + start + open.len(),
            );
        let row = &html[start..end];
        let link = format!("<a class=\"\" href=\"/app/work/{0}/\">\n                    W-{0}\n                </a>", o.number);
        assert!(row.contains(&link), "row {i}");
        let categories = row.matches("<div class=\"ks-tooltip show-arrow\"").count();
        assert_eq!(categories, o.categories.len(), "row {i}");
        if let Some(first) = row.find("<div class=\"ks-tooltip show-arrow\"") {
            assert!(
                first
                    < row
                        .find("<div class=\"ks-tooltip text-sm shadow-lg p-3\"")
                        .unwrap()
            );
            assert!(row.contains("<div class=\"wo-category-show mb-1 mr-2\"><div class=\"flex\">"));
        }
        let status = row.find("work-status-badge").expect("badge");
        let reason = row
            .find("<span class=\"muted\">Reason:</span>")
            .expect("reason");
        let creator = row.find("work-creator").expect("creator");
        assert!(status < reason && reason < creator);
        match &o.po_number {
            Some(po) => assert!(row.contains(&format!(
                "<div class=\"text-sm mb-1\"><span class=\"muted\">PO #:</span> {po}\n            </div>"
            ))),
            None => assert!(!row.contains("PO #:")),
        }
        if o.project.is_some() {
            assert!(row.contains("<div class=\"text-sm mb-1\" title=\"Project: "));
        }
        assert_eq!(
            row.contains("<div class=\"contact-info-block mt-1.5 text-sm\">"),
            o.contact.is_some()
        );
        if let Some(contact) = &o.contact {
            assert!(row.contains("<div class=\"contact-name text-sm\"><!-- --> <div>"));
            assert!(row.contains(&format!(
                "\n                    {}\n                </div>",
                contact.lines[0]
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            )));
        }
        assert!(row.contains("<div class=\"address-info text-sm\"><div><div>"));
        assert!(row.contains("<span class=\"text-xs uppercase\">visits</span></span>"));
        assert!(row.contains("<div class=\"ks-tooltip text-sm shadow-lg p-3\" style=\"z-index: 9; display: none;\"><span class=\"pre-wrap\">"));
        assert!(row.contains("<span class=\"text-sm pre-wrap\" style=\"overflow: hidden; text-overflow: ellipsis; white-space: pre-wrap;\">"));
    }
    // Long instructions are cut with a visible `more...`; short ones show it hidden.
    assert!(html.contains("<a class=\"ml-1 text-xs\" href=\"#\">more...</a>"));
    assert!(
        html.contains("<a class=\"ml-1 text-xs\" href=\"#\" style=\"display: none;\">more...</a>")
    );
    // Some contact blocks carry a blank line a parser must skip.
    assert!(
        html.contains("<div class=\"muted-dark\">\n                    \n                </div>")
    );
}

#[test]
fn changed_layout_has_no_rows_a_parser_knows() {
    let rows = records(10);
    let html = render_list_page(&ListPageParams {
        changed_layout: true,
        ..ListPageParams::single_page(&rows)
    });
    assert!(!html.contains("work-list-item") && !html.contains("empty-state"));
    assert_eq!(html.matches("class=\"row py-2 work-row w-").count(), 10);
}
