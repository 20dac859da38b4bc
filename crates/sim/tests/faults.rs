//! Each fault knob is observable from a client.

mod common;

use std::time::{Duration, Instant};

use common::*;
use fossa_sim::Faults;
use reqwest::header::RETRY_AFTER;
use reqwest::StatusCode;

#[tokio::test]
async fn fail_next_5xx_answers_503_n_times() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    sim.state().update_faults(|f| f.fail_next_5xx = 3);
    // Control endpoints are not affected and do not use up the count.
    let control = client.get(url(&base, "/_sim/state")).send().await.unwrap();
    assert_eq!(control.status(), StatusCode::OK);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let (status, _) = get_page(&client, list_url(&base, 1, 25)).await;
        statuses.push(status.as_u16());
    }
    assert_eq!(statuses, [503, 503, 503, 200]);
    assert_eq!(sim.state().faults().fail_next_5xx, 0);
    // Login too is behind the gate.
    sim.state().update_faults(|f| f.fail_next_5xx = 1);
    let (status, _) = get_page(&client, url(&base, "/login")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn rate_limit_next_answers_429_with_retry_after() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    sim.state().update_faults(|f| {
        f.rate_limit_next = 2;
        f.retry_after_secs = 7;
    });
    for _ in 0..2 {
        let response = client.get(list_url(&base, 1, 25)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers().get(RETRY_AFTER).unwrap(), "7");
    }
    let (status, _) = get_page(&client, list_url(&base, 1, 25)).await;
    assert_eq!(status, StatusCode::OK);
    let stats = sim.state().stats();
    assert_eq!(stats.list_pages_served, 1, "refused requests serve no page");
}

#[tokio::test]
async fn latency_delays_every_answer() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    sim.state().update_faults(|f| f.latency_ms = 120);
    let started = Instant::now();
    let (status, _) = get_page(&client, url(&base, "/login")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(120));
}

#[tokio::test]
async fn session_expires_after_n_pages() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    sim.state()
        .update_faults(|f| f.session_expires_every_pages = Some(2));
    for page in [1, 2] {
        let (status, html) = get_page(&client, list_url(&base, page, 25)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!row_numbers(&html).is_empty());
    }
    let response = client.get(list_url(&base, 3, 25)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(location(&response).ends_with("/login"));
    let (status, _) = get_page(&client, url(&base, "/app/dashboard")).await;
    assert_eq!(status, StatusCode::FOUND);

    // Logging in again gives a new session with a fresh page count.
    login(&client, &base).await;
    for page in [3, 4] {
        let (status, _) = get_page(&client, list_url(&base, page, 25)).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, _) = get_page(&client, list_url(&base, 1, 25)).await;
    assert_eq!(status, StatusCode::FOUND);
}

#[tokio::test]
async fn changed_layout_has_no_work_list_item_and_no_empty_state() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    sim.state().update_faults(|f| f.changed_layout = true);
    let (status, html) = get_page(&client, list_url(&base, 1, 25)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("work-list-item"));
    assert_eq!(html.matches("class=\"row py-2 work-row w-").count(), 25);

    sim.state().update_faults(|f| f.empty_list = true);
    let (_, html) = get_page(&client, list_url(&base, 1, 25)).await;
    assert!(!html.contains("work-list-item") && !html.contains("work-row"));
    assert!(!html.contains("empty-state"));
}

#[tokio::test]
async fn empty_list_fault_shows_empty_state() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    sim.state().update_faults(|f| f.empty_list = true);
    let (_, html) = get_page(&client, list_url(&base, 1, 25)).await;
    assert!(html.contains("<div class=\"empty-state\">No work orders found</div>"));
    assert!(row_numbers(&html).is_empty());
    assert!(next_disabled(&html) && prev_disabled(&html));
    assert!(
        !sim.state().work_orders().is_empty(),
        "the data is still there"
    );
}

#[tokio::test]
async fn drop_connection_breaks_the_body() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    sim.state().update_faults(|f| f.drop_connection_next = 1);
    let response = client.get(list_url(&base, 1, 25)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await;
    assert!(
        body.is_err(),
        "the body must fail, got {} bytes",
        body.map(|b| b.len()).unwrap_or(0)
    );
    assert_eq!(sim.state().faults().drop_connection_next, 0);

    let (status, html) = get_page(&client, list_url(&base, 1, 25)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.ends_with("</html>"));
}

#[tokio::test]
async fn slow_body_stalls_mid_page() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    sim.state().update_faults(|f| f.slow_body_ms = Some(400));

    // A client with a short read timeout gets its headers, then times out on the body.
    let impatient = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .read_timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    login(&impatient, &base).await;
    let response = impatient.get(list_url(&base, 1, 25)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let error = response
        .text()
        .await
        .expect_err("body stalls past the timeout");
    assert!(
        error.is_timeout() || error.is_body() || error.is_decode(),
        "{error:?}"
    );

    // A patient one gets the whole page, late.
    let started = Instant::now();
    let (status, html) = get_page(&client, list_url(&base, 1, 25)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert!(html.ends_with("</html>"));
    assert_eq!(row_numbers(&html).len(), 25);
}

#[tokio::test]
async fn ignore_page_size_sticks_at_25() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    sim.state().set_faults(Faults {
        ignore_page_size: true,
        ..Faults::default()
    });
    let (_, html) = get_page(&client, list_url(&base, 1, 100)).await;
    assert_eq!(row_numbers(&html).len(), 25);
    assert_eq!(shown_limit(&html), 25);
    assert!(!next_disabled(&html));
    assert!(html.contains("<div class=\"ks-select-selection\">\n                Show 25\n"));

    sim.state().set_faults(Faults::default());
    let (_, html) = get_page(&client, list_url(&base, 1, 100)).await;
    assert!(row_numbers(&html).len() > 25);
}
