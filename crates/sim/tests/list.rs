//! The work-order list served over HTTP: filter, `?page=N&limit=L`, the page-size block, the
//! list paginator's ends in both shapes, the page past the end, the empty state.

mod common;

use common::*;
use fossa_sim::{Faults, Paginator, SimOptions};
use reqwest::StatusCode;

/// Pages 1, 2, … by `?page=N&limit=L` until the list paginator's next-page is disabled.
async fn walk_pages(client: &reqwest::Client, base: &url::Url, limit: u32) -> Vec<String> {
    let mut pages = Vec::new();
    loop {
        let page = pages.len() as u32 + 1;
        let (status, html) = get_page(client, list_url(base, page, limit)).await;
        assert_eq!(status, StatusCode::OK);
        let last = next_disabled(&html);
        pages.push(html);
        if last {
            return pages;
        }
        assert!(pages.len() < 50, "pagination does not end");
    }
}

#[tokio::test]
async fn limit_25_pages_through_the_open_orders_with_simple_links() {
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
        let block = list_paginator(html);
        assert!(
            block.contains("<div class=\"simple-pagination "),
            "page {i}"
        );
        assert!(!block.contains("page-link") && matches_count(html).is_none());
        assert_eq!(shown_limit(html), 25);
        assert_eq!(prev_disabled(html), i == 0, "page {i}");
        if i + 1 < pages.len() {
            assert_eq!(rows.len(), 25);
            assert!(!next_disabled(html));
        } else {
            assert!(!rows.is_empty() && rows.len() <= 25);
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
        // As captured: the drop-down's list marks `Show 25` whatever the selection shows.
        assert!(pages[0]
            .contains("<li class=\"selected-item\">Show 25</li><li class=\"\">Show 50</li>"));
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
        assert!(prev_disabled(&html) && !next_disabled(&html), "{query}");
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
    assert!(next_disabled(&html) && prev_disabled(&html));
    assert!(html.contains("<label class=\"ks-radio ks-state-active\"><input name=\"order_direction\" type=\"radio\" value=\"asc\"/>"));

    let (_, html) = get_page(
        &client,
        url(&base, "/app/work/list?order_direction=desc&limit=100"),
    )
    .await;
    let mut reversed = all.clone();
    reversed.reverse();
    assert_eq!(row_numbers(&html), reversed);
    assert!(html.contains("<label class=\"ks-radio ks-state-active\"><input name=\"order_direction\" type=\"radio\" value=\"desc\"/>"));
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
    assert!(prev_disabled(&html) && next_disabled(&html));
    assert_eq!(shown_limit(&html), 100);

    // One page too many (a real client may ask for it): header, empty state, next disabled.
    let sim = server().await;
    let base = sim.base_url();
    let client = common::client();
    login(&client, &base).await;
    let pages = sim.state().open_work_orders().len().div_ceil(25) as u32;
    let (status, html) = get_page(&client, list_url(&base, pages + 1, 25)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<div class=\"sm-6 med-3\" data-v-a381df7b=\"\">Work</div>"));
    assert!(html.contains("<div class=\"empty-state\">No work orders found</div>"));
    assert!(row_numbers(&html).is_empty());
    assert!(next_disabled(&html) && !prev_disabled(&html));
    assert_eq!(shown_limit(&html), 25);
    let (_, html) = get_page(&client, list_url(&base, 40, 25)).await;
    assert!(html.contains("empty-state") && next_disabled(&html));
}

#[tokio::test]
async fn length_aware_paginator_from_options_and_switched_by_faults() {
    let sim = server_with(SimOptions {
        paginator: Paginator::LengthAware,
        ..SimOptions::default()
    })
    .await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    assert_eq!(sim.state().faults().paginator, Paginator::LengthAware);
    let open = sim.state().open_work_orders().len();
    let pages = open.div_ceil(25);
    assert!(pages >= 2);
    let mut seen = 0;
    for page in 1..=pages as u32 + 1 {
        let (_, html) = get_page(&client, list_url(&base, page, 25)).await;
        let block = list_paginator(&html);
        assert!(block.contains("<div class=\"length-aware-pagination "));
        assert!(
            !prev_disabled(&html) && !next_disabled(&html),
            "page {page}: links always enabled"
        );
        assert_eq!(matches_count(&html), Some(open), "page {page}");
        assert_eq!(block.matches("class=\"page-link").count(), pages);
        let current = format!("<a class=\"page-link current-page\" href=\"#\">{page}</a>");
        assert_eq!(
            block.contains(&current),
            page as usize <= pages,
            "page {page}"
        );
        assert!(
            block.contains("<div class=\"pagination text-sm\"><ul>"),
            "shown"
        );
        seen += row_numbers(&html).len();
    }
    assert_eq!(seen, open);

    // All on one page: the links hidden (still enabled), the count there.
    let (_, html) = get_page(&client, list_url(&base, 1, 100)).await;
    assert!(list_paginator(&html)
        .contains("<div class=\"pagination text-sm\" style=\"display: none;\">"));
    assert!(!next_disabled(&html));
    assert_eq!(matches_count(&html), Some(open));

    // PUT /_sim/faults switches the shape back while the site runs.
    let faults: Faults = client
        .put(url(&base, "/_sim/faults"))
        .json(&serde_json::json!({ "paginator": "simple" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(faults.paginator, Paginator::Simple);
    let (_, html) = get_page(&client, list_url(&base, 1, 100)).await;
    assert!(list_paginator(&html).contains("<div class=\"simple-pagination "));
    assert!(next_disabled(&html) && matches_count(&html).is_none());
    sim.state()
        .update_faults(|f| f.paginator = Paginator::LengthAware);
    let (_, html) = get_page(&client, list_url(&base, 1, 25)).await;
    assert!(list_paginator(&html).contains("length-aware-pagination"));
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
