//! Application mode: every list fault applies to the fragment endpoint as to the HTTP list.

mod common;

use std::time::{Duration, Instant};

use common::*;
use fossa_core::workfossa::parser::parse_work_order_list;
use fossa_sim::{Faults, Paginator, SimOptions, FRAGMENT_PATH};
use reqwest::header::RETRY_AFTER;
use reqwest::{Client, StatusCode};
use url::Url;

async fn spa_server() -> fossa_sim::SimServer {
    server_with(SimOptions {
        spa: true,
        ..SimOptions::default()
    })
    .await
}

fn fragment_url(base: &Url, page: u32, limit: u32) -> Url {
    let list = list_url(base, page, limit);
    let mut fragment = base.join(FRAGMENT_PATH).expect("fragment path");
    fragment.set_query(list.query());
    fragment
}

async fn fragment(client: &Client, base: &Url, page: u32, limit: u32) -> (StatusCode, String) {
    get_page(client, fragment_url(base, page, limit)).await
}

fn in_document(fragment: &str) -> String {
    format!("<html><body><div class=\"full-height\" id=\"app\">{fragment}</div></body></html>")
}

#[tokio::test]
async fn latency_503_and_429_apply_to_fragments() {
    let sim = spa_server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;

    sim.state().update_faults(|f| f.fail_next_5xx = 2);
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(fragment(&client, &base, 1, 25).await.0.as_u16());
    }
    assert_eq!(statuses, [503, 503, 200]);

    sim.state().update_faults(|f| {
        f.rate_limit_next = 1;
        f.retry_after_secs = 4;
    });
    let response = client.get(fragment_url(&base, 1, 25)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()[RETRY_AFTER], "4");
    assert_eq!(sim.state().stats().list_pages_served, 1, "refused: no page");

    sim.state().update_faults(|f| f.latency_ms = 150);
    let started = Instant::now();
    let (status, _) = fragment(&client, &base, 1, 25).await;
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn session_expires_after_n_fragments() {
    let sim = spa_server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    sim.state()
        .update_faults(|f| f.session_expires_every_pages = Some(2));
    // The shell is no list page: it does not count towards the expiry.
    let (status, _) = get_page(&client, list_url(&base, 1, 25)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(fragment(&client, &base, 1, 25).await.0, StatusCode::OK);
    assert_eq!(fragment(&client, &base, 2, 25).await.0, StatusCode::OK);
    assert_eq!(
        fragment(&client, &base, 3, 25).await.0,
        StatusCode::UNAUTHORIZED
    );
    // And the shell too is gone with the session.
    let response = client.get(list_url(&base, 1, 25)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(location(&response).ends_with("/login"));
    // Logging in again reads on.
    login(&client, &base).await;
    assert_eq!(fragment(&client, &base, 3, 25).await.0, StatusCode::OK);
}

#[tokio::test]
async fn layout_empty_list_and_paginator_apply_to_fragments() {
    let sim = spa_server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;

    sim.state().update_faults(|f| f.changed_layout = true);
    let (_, html) = fragment(&client, &base, 1, 25).await;
    assert!(!html.contains("work-list-item") && html.contains("work-row"));
    assert!(parse_work_order_list(&in_document(&html), &base).is_err());

    sim.state().set_faults(Faults {
        empty_list: true,
        ..Faults::default()
    });
    let (_, html) = fragment(&client, &base, 1, 25).await;
    assert!(html.contains("<div class=\"empty-state\">No work orders found</div>"));
    let parsed = parse_work_order_list(&in_document(&html), &base).expect("empty list parses");
    assert!(parsed.work_orders.is_empty());

    sim.state().set_faults(Faults {
        paginator: Paginator::LengthAware,
        ..Faults::default()
    });
    let (_, html) = fragment(&client, &base, 1, 25).await;
    assert!(html.contains("length-aware-pagination"));
    assert_eq!(
        matches_count(&html),
        Some(sim.state().open_work_orders().len())
    );
}

#[tokio::test]
async fn ignored_page_and_page_size_apply_to_fragments() {
    let sim = spa_server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;

    sim.state().update_faults(|f| f.ignore_page = true);
    let (_, first) = fragment(&client, &base, 1, 25).await;
    let (_, second) = fragment(&client, &base, 2, 25).await;
    assert_eq!(row_numbers(&first), row_numbers(&second));

    sim.state().set_faults(Faults {
        ignore_page_size: true,
        ..Faults::default()
    });
    let (_, html) = fragment(&client, &base, 1, 100).await;
    assert_eq!(row_numbers(&html).len(), 25);
    assert_eq!(shown_limit(&html), 25);
}

#[tokio::test]
async fn dropped_connection_applies_to_fragments() {
    let sim = spa_server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    sim.state().update_faults(|f| f.drop_connection_next = 1);
    let response = client.get(fragment_url(&base, 1, 25)).send().await.unwrap();
    assert!(response.text().await.is_err(), "the body breaks off");
    let (status, html) = fragment(&client, &base, 1, 25).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(row_numbers(&html).len(), 25);
}

#[tokio::test]
async fn rejected_credentials_keep_the_shell_and_fragments_closed() {
    let sim = spa_server().await;
    let base = sim.base_url();
    let client = client();
    sim.state().update_faults(|f| f.reject_credentials = true);
    let response = login_with(&client, &base, EMAIL, PASSWORD).await;
    assert!(location(&response).ends_with("/login"));
    let response = client.get(list_url(&base, 1, 25)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(
        fragment(&client, &base, 1, 25).await.0,
        StatusCode::UNAUTHORIZED
    );
}
