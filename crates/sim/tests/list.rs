//! The work-order list: filter, page sizes, pagination links and summary, empty state.

mod common;

use common::*;
use fossa_sim::{list_path, SimOptions, TECH_FILTER};
use reqwest::StatusCode;

/// Follows next-page links from page 1; returns every page's html.
async fn walk_pages(client: &reqwest::Client, base: &url::Url, limit: u32) -> Vec<String> {
    let mut pages = Vec::new();
    let mut next = Some(list_url(base, 1, limit));
    while let Some(page_url) = next {
        let (status, html) = get_page(client, page_url).await;
        assert_eq!(status, StatusCode::OK);
        next = next_href(&html).map(|href| url(base, &href));
        pages.push(html);
        assert!(pages.len() < 50, "pagination does not end");
    }
    pages
}

#[tokio::test]
async fn limit_25_paginates_open_orders_with_links_and_summary() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let open: Vec<i64> = sim
        .state()
        .open_work_orders()
        .iter()
        .map(|o| o.number)
        .collect();
    let all = sim.state().work_orders();
    assert!(
        open.len() > 25 && open.len() < all.len(),
        "{} of {}",
        open.len(),
        all.len()
    );

    let pages = walk_pages(&client, &base, 25).await;
    assert_eq!(pages.len(), open.len().div_ceil(25));
    let mut seen = Vec::new();
    for (i, html) in pages.iter().enumerate() {
        let rows = row_numbers(html);
        let first = i * 25 + 1;
        let last = first + rows.len() - 1;
        assert_eq!(
            summary(html).unwrap(),
            format!("Showing {first} to {last} of {}", open.len())
        );
        assert_eq!(shown_limit(html), 25);
        assert!(html.contains("<li class=\"selected-item\">Show 25</li>"));
        if i == 0 {
            assert!(html.contains("class=\"prev-page disabled\""));
        } else {
            let prev = list_path(Some(TECH_FILTER), Some("asc"), i as u32, 25);
            assert!(html.contains(&format!(
                "<a href=\"{}\" class=\"prev-page\">",
                prev.replace('&', "&amp;")
            )));
        }
        if i + 1 < pages.len() {
            assert_eq!(rows.len(), 25);
            let href = next_href(html).unwrap();
            assert_eq!(
                href,
                format!(
                    "/app/work/list?work_visit_completion=none%7C%7CNo+visits+completed%7C%7CWork+Visits+Completed&order_direction=asc&page={}&limit=25",
                    i + 2
                )
            );
        } else {
            assert!(html.contains("class=\"next-page disabled\""));
        }
        seen.extend(rows);
    }
    assert_eq!(seen, open, "every open order once, sorted by number");
    assert!(!pages.concat().contains("strike-through"));
    assert_eq!(sim.state().stats().list_pages_served, pages.len() as u64);
}

#[tokio::test]
async fn limit_100_and_50() {
    let sim = server_with(SimOptions {
        work_orders: 260,
        seed: 7,
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let open: Vec<i64> = sim
        .state()
        .open_work_orders()
        .iter()
        .map(|o| o.number)
        .collect();
    assert!(open.len() > 100);

    for limit in [100, 50] {
        let pages = walk_pages(&client, &base, limit).await;
        assert_eq!(
            pages.len(),
            open.len().div_ceil(limit as usize),
            "limit {limit}"
        );
        assert_eq!(row_numbers(&pages[0]).len(), limit as usize);
        assert_eq!(shown_limit(&pages[0]), limit);
        assert!(pages[0].contains(&format!("<li class=\"selected-item\">Show {limit}</li>")));
        assert!(next_href(&pages[0])
            .unwrap()
            .ends_with(&format!("&page=2&limit={limit}")));
        assert_eq!(
            summary(&pages[0]).unwrap(),
            format!("Showing 1 to {limit} of {}", open.len())
        );
        let seen: Vec<i64> = pages.iter().flat_map(|p| row_numbers(p)).collect();
        assert_eq!(seen, open);
    }
}

#[tokio::test]
async fn default_and_unknown_limits_mean_25() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    for query in ["", "?limit=30", "?limit=abc&page=zero", "?limit=1000"] {
        let (status, html) = get_page(&client, url(&base, &format!("/app/work/list{query}"))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(row_numbers(&html).len(), 25, "{query}");
        assert_eq!(shown_limit(&html), 25, "{query}");
        assert!(
            next_href(&html).unwrap().ends_with("page=2&limit=25"),
            "{query}"
        );
    }
}

#[tokio::test]
async fn without_filter_completed_orders_show_and_desc_reverses() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let all: Vec<i64> = sim.state().work_orders().iter().map(|o| o.number).collect();
    let (_, html) = get_page(&client, url(&base, "/app/work/list?limit=100")).await;
    assert_eq!(row_numbers(&html), all);
    assert!(html.contains("<span class=\"strike-through\">"));
    assert_eq!(
        summary(&html).unwrap(),
        format!("Showing 1 to {} of {}", all.len(), all.len())
    );

    let (_, html) = get_page(
        &client,
        url(&base, "/app/work/list?order_direction=desc&limit=100"),
    )
    .await;
    let mut reversed = all.clone();
    reversed.reverse();
    assert_eq!(row_numbers(&html), reversed);
}

#[tokio::test]
async fn empty_site_and_page_past_the_end_show_empty_state() {
    let sim = server_with(SimOptions {
        work_orders: 0,
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let (status, html) = get_page(&client, list_url(&base, 1, 100)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<div class=\"empty-state\">No work orders found</div>"));
    assert!(!html.contains("work-list-item"));
    assert!(html.contains("class=\"prev-page disabled\""));
    assert!(html.contains("class=\"next-page disabled\""));
    assert!(summary(&html).is_none());
    assert_eq!(shown_limit(&html), 100);

    let sim = server().await;
    let base = sim.base_url();
    let client = common::client();
    login(&client, &base).await;
    let (_, html) = get_page(&client, list_url(&base, 40, 25)).await;
    assert!(html.contains("empty-state"));
    assert!(row_numbers(&html).is_empty());
}

#[tokio::test]
async fn mutations_change_what_the_list_shows() {
    let sim = server().await;
    let base = sim.base_url();
    let state = sim.state();
    let client = client();
    login(&client, &base).await;
    let all_rows = |html: &str| row_numbers(html);
    let list = url(&base, "/app/work/list?limit=100");

    let before = state.work_orders();
    let max = before.last().unwrap().number;
    let added = state.add_work_orders(3);
    assert_eq!(added.len(), 3);
    assert!(added.iter().all(|n| *n > max));
    assert!(added.windows(2).all(|w| w[0] < w[1]));

    let removed = before[3].number;
    assert!(state.remove_work_order(removed));
    assert!(!state.remove_work_order(removed));

    let changed = before[0].number;
    assert!(state.change_work_order(changed, |o| o.status = "On Hold & Waiting".into()));
    assert!(!state.change_work_order(1, |_| {}));

    let (_, html) = get_page(&client, list.clone()).await;
    let rows = all_rows(&html);
    assert!(added.iter().all(|n| rows.contains(n)));
    assert!(!rows.contains(&removed));
    assert!(html.contains("On Hold &amp; Waiting"));
    assert_eq!(rows.len(), before.len() + 3 - 1);

    // A random change alters the order (status and/or visits).
    let target = state.work_orders()[5].clone();
    assert!(state.change_work_order_randomly(target.number));
    let after = state
        .work_orders()
        .into_iter()
        .find(|o| o.number == target.number)
        .unwrap();
    assert_ne!(after, target);
    assert_ne!(after.status, target.status);
}
