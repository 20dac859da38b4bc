//! Application mode: the list URL answers a shell, the script is served, and the fragment
//! endpoint answers the inner HTML of `#app` exactly as the HTTP mode's list page has it.

mod common;

use common::*;
use fossa_core::workfossa::parser::parse_work_order_list;
use fossa_sim::{SimOptions, APP_SCRIPT_PATH, FRAGMENT_PATH};
use reqwest::header::CONTENT_TYPE;
use reqwest::StatusCode;
use url::Url;

fn spa() -> SimOptions {
    SimOptions {
        spa: true,
        ..SimOptions::default()
    }
}

/// The fragment endpoint with the technicians' filter (the list URL's query).
fn fragment_url(base: &Url, page: u32, limit: u32) -> Url {
    let list = list_url(base, page, limit);
    let mut fragment = base.join(FRAGMENT_PATH).expect("fragment path");
    fragment.set_query(list.query());
    fragment
}

/// A fragment as a browser holds it after the script ran.
fn in_document(fragment: &str) -> String {
    format!("<html><body><div class=\"full-height\" id=\"app\">{fragment}</div></body></html>")
}

#[tokio::test]
async fn list_url_answers_the_application_shell() {
    let sim = server_with(spa()).await;
    let base = sim.base_url();
    let client = client();

    // Not logged in: to the login page as in HTTP mode; the login page stays a form.
    let response = client.get(list_url(&base, 1, 25)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(location(&response).ends_with("/login"));
    let (_, login_page) = get_page(&client, url(&base, "/login")).await;
    assert!(login_page.contains("name=\"_token\"") && login_page.contains("class=\"login-form\""));

    login(&client, &base).await;
    let response = client.get(list_url(&base, 2, 25)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let shell = response.text().await.unwrap();
    assert!(shell.starts_with("<!DOCTYPE html>"));
    assert!(shell.contains("<title>Work Fossa</title>"));
    assert!(shell.contains("<meta content=\"width=device-width"));
    assert!(shell.contains(
        "<body>\n<div class=\"full-height\" id=\"app\" data-render-delay=\"150\"></div>"
    ));
    assert!(shell.contains(&format!(
        "<script type=\"module\" src=\"{APP_SCRIPT_PATH}\"></script>"
    )));
    assert!(!shell.contains("work-list-item"));
    assert!(!shell.contains("empty-state"));
    assert!(!shell.contains("paginator-wrapper"));
    // Assets are linked on the simulated site, never on the real one.
    assert!(!shell.contains("app.workfossa.com"));
    assert!(shell.contains("href=\"/build/assets/app-c2r5u15h.css\""));
    assert!(
        parse_work_order_list(&shell, &base).is_err(),
        "a shell is never an empty list"
    );
    assert_eq!(
        sim.state().stats().list_pages_served,
        0,
        "a shell is no page"
    );

    // The delay knob reaches the shell.
    sim.state().update_faults(|f| f.spa_render_delay_ms = 2000);
    let (_, shell) = get_page(&client, list_url(&base, 1, 25)).await;
    assert!(shell.contains("id=\"app\" data-render-delay=\"2000\"></div>"));
    assert!(sim.state().spa());
}

#[tokio::test]
async fn http_mode_is_unchanged() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let (_, html) = get_page(&client, list_url(&base, 1, 25)).await;
    assert_eq!(row_numbers(&html).len(), 25);
    assert!(
        html.contains("<div class=\"full-height\" id=\"app\"><div><div class=\"top-bar fixed\">")
    );
    assert!(!sim.state().spa());
}

#[tokio::test]
async fn the_script_is_served_as_javascript() {
    let sim = server_with(spa()).await;
    let base = sim.base_url();
    let client = client();
    // A static asset: no login needed, outside the fault layer (faults stay for the pages).
    sim.state().update_faults(|f| f.fail_next_5xx = 1);
    let response = client
        .get(url(&base, APP_SCRIPT_PATH))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        content_type.starts_with("text/javascript"),
        "{content_type}"
    );
    let script = response.text().await.unwrap();
    for needle in [
        FRAGMENT_PATH,
        "data-render-delay",
        "credentials: 'same-origin'",
        "loader-line",
        "history.pushState",
        "location.href = LOGIN_PATH",
        ".paginator-wrapper",
        "a.next-page, a.prev-page, a.page-link",
    ] {
        assert!(script.contains(needle), "script lacks {needle}");
    }
    assert_eq!(sim.state().faults().fail_next_5xx, 1);
    // The stylesheets the captured head links: a quick 404, also outside the faults.
    let (status, _) = get_page(&client, url(&base, "/build/assets/app-c2r5u15h.css")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(sim.state().faults().fail_next_5xx, 1);
}

#[tokio::test]
async fn fragments_hold_the_rows_of_each_page() {
    let sim = server_with(SimOptions {
        work_orders: 140,
        seed: 5,
        ..spa()
    })
    .await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let open = sim.state().open_work_orders();
    assert!(open.len() > 50);

    let mut read = Vec::new();
    let mut page = 1;
    loop {
        let response = client
            .get(fragment_url(&base, page, 25))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let fragment = response.text().await.unwrap();
        assert!(fragment.starts_with("<div><div class=\"top-bar fixed\">"));
        assert!(!fragment.contains("id=\"app\"") && !fragment.contains("<body"));
        let parsed = parse_work_order_list(&in_document(&fragment), &base)
            .unwrap_or_else(|e| panic!("page {page}: {e}"));
        let start = (page as usize - 1) * 25;
        let expected = &open[start..open.len().min(start + 25)];
        assert_eq!(parsed.work_orders, expected, "page {page}");
        read.extend(parsed.work_orders);
        if next_disabled(&fragment) {
            break;
        }
        page += 1;
    }
    assert_eq!(read, open);
    assert_eq!(
        sim.state().stats().list_pages_served,
        u64::from(page),
        "fragments count as list pages"
    );
}

#[tokio::test]
async fn fragment_is_the_http_pages_app_content() {
    // In HTTP mode the endpoint answers too: the page is HEAD + #app(fragment) + tail.
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    for page in [1, 2, 3] {
        let (_, html) = get_page(&client, list_url(&base, page, 25)).await;
        let (status, fragment) = get_page(&client, fragment_url(&base, page, 25)).await;
        assert_eq!(status, StatusCode::OK);
        let app = format!("<div class=\"full-height\" id=\"app\">{fragment}</div>\n<link ");
        assert!(html.contains(&app), "page {page}");
    }
}

#[tokio::test]
async fn fragment_without_a_session_is_401() {
    let sim = server_with(spa()).await;
    let base = sim.base_url();
    let client = client();
    let response = client.get(fragment_url(&base, 1, 25)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));

    login(&client, &base).await;
    let (status, _) = get_page(&client, fragment_url(&base, 1, 25)).await;
    assert_eq!(status, StatusCode::OK);
    sim.state().expire_sessions();
    let (status, body) = get_page(&client, fragment_url(&base, 1, 25)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!body.contains("work-list-item"));
    assert_eq!(sim.state().stats().list_pages_served, 1);
}
