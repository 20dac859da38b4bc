//! The `/_sim/...` control endpoints, churn, and server shutdown.

mod common;

use std::time::Duration;

use common::*;
use fossa_sim::{Faults, MutateReport, SimOptions, StateReport};
use reqwest::StatusCode;

async fn state_json(client: &reqwest::Client, base: &url::Url) -> StateReport {
    let response = client
        .get(url(base, "/_sim/state"))
        .send()
        .await
        .expect("GET /_sim/state");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("state JSON")
}

#[tokio::test]
async fn state_endpoint_reports_counts_faults_and_stats() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    get_page(&client, list_url(&base, 1, 25)).await;

    let report = state_json(&client, &base).await;
    assert_eq!(report.base_url, base.to_string());
    assert_eq!(report.work_orders, 60);
    assert_eq!(
        report.open_work_orders,
        sim.state().open_work_orders().len()
    );
    assert_eq!(report.faults, Faults::default());
    assert_eq!(report.stats.logins_ok, 1);
    assert_eq!(report.stats.list_pages_served, 1);
    // GET /login, POST /login, the list page; /_sim requests are not counted.
    assert_eq!(report.stats.requests, 3);
    assert_eq!(report.sessions, 1);
}

#[tokio::test]
async fn put_faults_replaces_and_takes_effect() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    sim.state().update_faults(|f| f.empty_list = true);

    // Partial JSON: the rest is the default (so empty_list is switched off again).
    let response = client
        .put(url(&base, "/_sim/faults"))
        .json(&serde_json::json!({ "fail_next_5xx": 1, "retry_after_secs": 3 }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let faults: Faults = response.json().await.unwrap();
    let expected = Faults {
        fail_next_5xx: 1,
        retry_after_secs: 3,
        ..Faults::default()
    };
    assert_eq!(faults, expected);
    assert_eq!(sim.state().faults(), expected);

    let (status, _) = get_page(&client, url(&base, "/login")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let (status, _) = get_page(&client, url(&base, "/login")).await;
    assert_eq!(status, StatusCode::OK);

    let response = client.get(url(&base, "/_sim/faults")).send().await.unwrap();
    let faults: Faults = response.json().await.unwrap();
    assert_eq!(faults.fail_next_5xx, 0);

    let bad = client
        .put(url(&base, "/_sim/faults"))
        .body("not json")
        .header("content-type", "application/json")
        .send()
        .await
        .unwrap();
    assert!(bad.status().is_client_error());
}

#[tokio::test]
async fn mutate_endpoint_adds_changes_removes() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    login(&client, &base).await;
    let before = sim.state().work_orders();
    let (change, remove) = (before[1].clone(), before[2].number);

    let response = client
        .post(url(&base, "/_sim/mutate"))
        .json(&serde_json::json!({
            "add": 2,
            "change": [change.number, 42],
            "remove": [remove, 43],
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let report: MutateReport = response.json().await.unwrap();
    assert_eq!(report.added.len(), 2);
    assert_eq!(report.changed, vec![change.number]);
    assert_eq!(report.removed, vec![remove]);

    let after = sim.state().work_orders();
    assert_eq!(after.len(), before.len() + 1);
    let changed = after.iter().find(|o| o.number == change.number).unwrap();
    assert_ne!(changed.status, change.status);

    let (_, html) = get_page(&client, url(&base, "/app/work/list?limit=100")).await;
    let rows = row_numbers(&html);
    assert!(report.added.iter().all(|n| rows.contains(n)));
    assert!(!rows.contains(&remove));
    let report = state_json(&client, &base).await;
    assert_eq!(report.work_orders, before.len() + 1);
    assert_eq!(
        report.revision, 3,
        "one bump per add batch, change, removal"
    );
}

#[tokio::test]
async fn churn_is_deterministic_and_runs_in_the_background() {
    // Same seed, same churn.
    let a = server().await;
    let b = server().await;
    for _ in 0..5 {
        let (ra, rb) = (a.state().churn_once(), b.state().churn_once());
        assert_eq!(ra, rb);
        assert!((1..=2).contains(&ra.added.len()));
        assert!((1..=2).contains(&ra.changed.len()));
        assert!(ra.removed.len() <= 1);
    }
    let strip = |orders: Vec<fossa_core::workfossa::WorkOrder>| {
        orders
            .into_iter()
            .map(|o| {
                (
                    o.number,
                    o.status,
                    o.visits,
                    o.next_visit.and_then(|v| v.date),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(a.state().work_orders()),
        strip(b.state().work_orders())
    );

    // The control endpoint runs one step too.
    let client = client();
    let response = client
        .post(url(&a.base_url(), "/_sim/churn"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    // With a period, the data changes by itself: wait for the revision to move.
    let sim = server_with(SimOptions {
        churn: Some(Duration::from_millis(20)),
        ..SimOptions::default()
    })
    .await;
    let state = sim.state();
    let mut revisions = state.subscribe();
    let start = *revisions.borrow_and_update();
    tokio::time::timeout(
        Duration::from_secs(10),
        revisions.wait_for(|r| *r >= start + 2),
    )
    .await
    .expect("churn ticks")
    .unwrap();
    assert_ne!(state.work_orders().len(), 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn shutdown_and_drop_stop_the_server() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    let (status, _) = get_page(&client, url(&base, "/login")).await;
    assert_eq!(status, StatusCode::OK);
    sim.shutdown().await;
    let fresh = reqwest::Client::new();
    assert!(fresh.get(url(&base, "/login")).send().await.is_err());

    let sim = server().await;
    let addr = sim.addr();
    drop(sim);
    // The listener closes once the server task sees the signal.
    let closed = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            if tokio::net::TcpStream::connect(addr).await.is_err() {
                break;
            }
            tokio::task::yield_now().await;
        }
    })
    .await;
    assert!(closed.is_ok(), "listener still open after drop");
}
