//! The WorkFossa page parser against the fixture pages (`tests/fixtures/`, shaped like the real
//! site, see `shared/workfossa/SITE.md`), and against those pages mutated the ways the real
//! markup differs from them (whitespace, wrappers, `data-v-*`, attribute order, comments).

// Test code: the helpers below (outside `#[test]` functions) may unwrap too.
#![allow(clippy::unwrap_used)]

#[path = "support/mutate.rs"]
mod mutate;
#[path = "support/records.rs"]
mod records;

use fossa_core::workfossa::parser::{
    looks_like_login_page, parse_login_page, parse_work_order_list, NextLink, Pagination,
};
use mutate::{
    remove_divs_with_class, remove_first_div_with_class, reverse_attributes, wrap_divs_with_class,
};
use records::{assert_records, base, layout_error, parse};
use url::Url;

const PAGE1: &str = include_str!("fixtures/list-page1-of-2.html");
const PAGE2: &str = include_str!("fixtures/list-page2-of-2.html");
const EMPTY: &str = include_str!("fixtures/list-empty.html");
const LOGIN: &str = include_str!("fixtures/login.html");
const LOGIN_REJECTED: &str = include_str!("fixtures/login-rejected.html");
const PAGE1_EXPECTED: &str = include_str!("fixtures/list-page1-of-2.expected.json");
const PAGE2_EXPECTED: &str = include_str!("fixtures/list-page2-of-2.expected.json");

const ROW_START: &str = "<div data-v-7f3a21c9 class=\"row py-2 work-list-item";

fn assert_same_as_fixtures(mutate: impl Fn(&str) -> String) {
    let page1 = mutate(PAGE1);
    let page2 = mutate(PAGE2);
    assert_ne!(page1, PAGE1, "the mutation changed nothing");
    let parsed1 = parse(&page1);
    assert_records(&parsed1, PAGE1_EXPECTED);
    assert_eq!(parsed1.pagination, parse(PAGE1).pagination);
    let parsed2 = parse(&page2);
    assert_records(&parsed2, PAGE2_EXPECTED);
    assert_eq!(parsed2.pagination, parse(PAGE2).pagination);
    assert!(parse(&mutate(EMPTY)).work_orders.is_empty());
}

// ---- the fixtures as they are ----

#[test]
fn page1_parses_to_its_expected_records() {
    let page = parse(PAGE1);
    assert_eq!(page.work_orders.len(), 25);
    assert_records(&page, PAGE1_EXPECTED);
}

#[test]
fn page2_parses_to_its_expected_records() {
    let page = parse(PAGE2);
    assert_eq!(page.work_orders.len(), 5);
    assert_records(&page, PAGE2_EXPECTED);
}

#[test]
fn pagination_of_each_page() {
    assert_eq!(
        parse(PAGE1).pagination,
        Pagination {
            next: NextLink::Enabled,
            next_page: Some(2),
            page_size: Some(25),
            total: Some(30),
        }
    );
    assert_eq!(
        parse(PAGE2).pagination,
        Pagination {
            next: NextLink::Disabled,
            next_page: None,
            page_size: Some(25),
            total: Some(30),
        }
    );
    let empty = parse(EMPTY);
    assert!(empty.work_orders.is_empty());
    assert_eq!(empty.pagination.page_size, Some(100));
    assert_eq!(empty.pagination.total, None);
}

#[test]
fn urls_are_joined_on_the_given_site_root() {
    let local = Url::parse("http://127.0.0.1:8080").unwrap();
    let page = parse_work_order_list(PAGE2, &local).unwrap();
    let expected = PAGE2_EXPECTED.replace("https://app.workfossa.com", "http://127.0.0.1:8080");
    assert_records(&page, &expected);
}

#[test]
fn login_pages() {
    let login = parse_login_page(LOGIN).unwrap();
    assert_eq!(login.csrf_token, "csrf-token-value");
    assert_eq!(login.error, None);
    let rejected = parse_login_page(LOGIN_REJECTED).unwrap();
    assert_eq!(rejected.csrf_token, "csrf-token-value-2");
    assert_eq!(
        rejected.error.as_deref(),
        Some("These credentials do not match our records.")
    );
    assert!(looks_like_login_page(LOGIN));
    assert!(looks_like_login_page(LOGIN_REJECTED));
    for list in [PAGE1, PAGE2, EMPTY] {
        assert!(!looks_like_login_page(list));
        assert!(parse_login_page(list).is_err());
    }
}

#[test]
fn login_page_is_not_an_empty_list() {
    for login in [LOGIN, LOGIN_REJECTED] {
        let what = layout_error(login);
        assert!(what.contains("login"), "{what}");
    }
}

#[test]
fn page_without_rows_or_empty_state_is_an_error() {
    let stripped = remove_divs_with_class(PAGE1, "work-list-item");
    assert!(!stripped.contains("work-list-item"));
    let what = layout_error(&stripped);
    assert!(
        what.contains("work-list-item") && what.contains("empty-state"),
        "{what}"
    );
    // Neither an unrelated page nor an empty document is an empty list.
    layout_error("<html><body><h1>Maintenance</h1></body></html>");
    layout_error("");
}

#[test]
fn row_without_status_badge_is_an_error_naming_the_row() {
    let html = remove_first_div_with_class(PAGE1, "work-status-badge");
    let what = layout_error(&html);
    assert!(
        what.contains("w-124767") && what.contains("status"),
        "{what}"
    );
}

#[test]
fn row_without_work_link_is_an_error_naming_the_row() {
    let html = PAGE1.replacen(
        r#"<a href="/app/work/124771/" class="bold">W-124771</a>"#,
        "",
        1,
    );
    assert_ne!(html, PAGE1);
    let what = layout_error(&html);
    assert!(
        what.contains("row 2") && what.contains("w-124771"),
        "{what}"
    );
}

#[test]
fn row_without_visit_count_is_an_error() {
    let html = PAGE2.replacen(r#"<span class="text-xs uppercase">visits</span>"#, "", 1);
    assert_ne!(html, PAGE2);
    let what = layout_error(&html);
    assert!(what.contains("row 1") && what.contains("visit"), "{what}");
}

#[test]
fn enabled_next_link_without_a_page_number_is_still_enabled() {
    // The real site's links are `href="#"`: no page number, the link's state is what counts.
    let html = PAGE1.replace("&amp;page=2", "");
    assert_ne!(html, PAGE1);
    let pagination = parse(&html).pagination;
    assert_eq!(pagination.next, NextLink::Enabled);
    assert_eq!(pagination.next_page, None);
}

// ---- the fixtures mutated the ways the real site differs ----

#[test]
fn newlines_and_indentation_between_tags() {
    assert_same_as_fixtures(|html| html.replace("><", ">\n      <").replace("> <", ">\n\t  <"));
}

#[test]
fn extra_wrapper_divs_around_rows() {
    assert_same_as_fixtures(|html| {
        wrap_divs_with_class(html, "work-list-item", "list-row-wrapper")
    });
}

#[test]
fn extra_wrapper_divs_inside_rows() {
    assert_same_as_fixtures(|html| {
        let mut html = html.to_owned();
        for class in [
            "work-status-badge",
            "work-creator",
            "address-info",
            "contact-info-block",
            "row-collapse",
            "flex",
            "ks-tooltip",
            "mt-2",
        ] {
            html = wrap_divs_with_class(&html, class, "extra");
        }
        html
    });
}

#[test]
fn data_v_attributes_everywhere() {
    assert_same_as_fixtures(|html| {
        let mut html = html.to_owned();
        for tag in ["div", "span", "a", "label", "input", "ul", "li"] {
            html = html
                .replace(&format!("<{tag} "), &format!("<{tag} data-v-abc123 "))
                .replace(&format!("<{tag}>"), &format!("<{tag} data-v-abc123>"));
        }
        html
    });
}

#[test]
fn attributes_and_class_names_reordered() {
    assert_same_as_fixtures(|html| {
        let reordered = reverse_attributes(html);
        // The row div now reads `class="... work-list-item py-2 row" data-v-7f3a21c9`.
        if html.contains(ROW_START) {
            assert!(reordered.contains("work-list-item py-2 row\" data-v-7f3a21c9>"));
        }
        reordered
    });
}

#[test]
fn row_alternation_removed() {
    assert_same_as_fixtures(|html| html.replace(" bg-gray-50", ""));
}

#[test]
fn more_comment_placeholders() {
    assert_same_as_fixtures(|html| {
        html.replace("</div><div", "</div><!----><div")
            .replace("</span> <", "</span><!----> <!----><")
    });
}

#[test]
fn entities_written_other_ways() {
    assert_same_as_fixtures(|html| {
        html.replace("&amp;", "&#38;")
            .replace("&bull;", "&#x2022;")
            .replace("&#x27;", "&apos;")
            .replace("&lt;", "&#60;")
            .replace("&gt;", "&GT;")
    });
}

#[test]
fn all_mutations_at_once() {
    assert_same_as_fixtures(|html| {
        let mut html = wrap_divs_with_class(html, "work-list-item", "list-row-wrapper");
        html = wrap_divs_with_class(&html, "flex", "extra");
        html = wrap_divs_with_class(&html, "address-info", "extra");
        html = html.replace(" bg-gray-50", "");
        html = html.replace("<div ", "<div data-v-abc123 ");
        html = reverse_attributes(&html);
        html = html.replace("</div><div", "</div><!----><div");
        html.replace("><", ">\n  <")
    });
}

// ---- speed (run by hand) ----

/// `cargo test --release -p fossa-core --test parser_fixtures -- --ignored --nocapture`
#[test]
#[ignore = "timing; run by hand in release"]
fn speed_of_a_100_row_page() {
    let first = PAGE1.find(ROW_START).unwrap();
    let end = PAGE1.find("<div class=\"modal\"").unwrap();
    let rows = &PAGE1[first..end];
    let html = format!("{}{}{}", &PAGE1[..first], rows.repeat(4), &PAGE1[end..]);
    assert_eq!(parse(&html).work_orders.len(), 100);
    let runs = 300;
    let started = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(parse(std::hint::black_box(&html)));
    }
    let seconds = started.elapsed().as_secs_f64();
    let started = std::time::Instant::now();
    for _ in 0..runs {
        std::hint::black_box(scraper::Html::parse_document(std::hint::black_box(&html)));
    }
    let tree_seconds = started.elapsed().as_secs_f64();
    println!(
        "of which building the HTML tree (scraper/html5ever alone): {:.2} ms/page",
        tree_seconds * 1000.0 / runs as f64
    );
    println!(
        "100-row page ({} KB): {:.2} ms/page, {:.0} rows/s, {:.1} MB/s",
        html.len() / 1024,
        seconds * 1000.0 / runs as f64,
        (runs * 100) as f64 / seconds,
        (runs * html.len()) as f64 / seconds / 1e6
    );
}

/// Repeatable cost of one parse, for instruction counts where wall time is noisy: parses the
/// benchmark's 100-row page (`fossa_sim`, as `cargo bench -p fossa-sync --bench sync` does)
/// `FOSSA_PARSE_ROUNDS` times (default 1). Per page = (count at N+1 rounds - count at 1) / N:
/// `FOSSA_PARSE_ROUNDS=11 valgrind --tool=callgrind target/release/deps/parser_fixtures-<hash>
/// --ignored --exact parse_rounds_of_the_bench_page`.
#[test]
#[ignore = "instruction counts; run by hand under callgrind"]
fn parse_rounds_of_the_bench_page() {
    let rows = fossa_sim::generate_work_orders(3, 100, &base());
    let html = fossa_sim::render_list_page(&fossa_sim::ListPageParams::single_page(&rows));
    let rounds: usize = std::env::var("FOSSA_PARSE_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    for _ in 0..rounds {
        let page = parse(std::hint::black_box(&html));
        assert_eq!(std::hint::black_box(page).work_orders.len(), 100);
    }
}
