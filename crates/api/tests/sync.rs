//! A real sync against the simulated WorkFossa site through the API: trigger → the run in the
//! history with its counts, one run, the work orders (search, badges), the changes, the daily
//! statistics, query-string validation, and the event stream of the run.

mod common;

use common::{app, app_with_site, expect_error, expect_json, TOKEN};
use reqwest::StatusCode;
use serde_json::Value;
use std::time::Duration;

const ORDERS: usize = 12;
const HISTORY: &str = "/api/scraping-schedules/history/work_orders";

#[tokio::test]
async fn trigger_records_a_run_with_its_counts() {
    let app = app_with_site(ORDERS).await;
    let listed = app.listed();
    let run = app.sync().await;
    assert_eq!(run["status"], "success", "{run}");
    assert_eq!(run["trigger"], "manual");
    assert_eq!(run["job_type"], "work_orders");
    assert_eq!(run["found"], listed);
    assert_eq!(run["new"], listed);
    assert_eq!(run["changed"], 0);
    assert_eq!(run["removed"], 0);

    let history = app.get_json(&format!("{HISTORY}?limit=10")).await;
    assert_eq!(history.as_array().unwrap().len(), 1);
    assert_eq!(history[0], run);

    // A second sync: newest first, paging and filters.
    let second = app.sync().await;
    assert_eq!(second["new"], 0);
    let history = app.get_json(HISTORY).await;
    assert_eq!(history[0]["id"], second["id"]);
    assert_eq!(history[1]["id"], run["id"]);
    let page = app.get_json(&format!("{HISTORY}?limit=1&offset=1")).await;
    assert_eq!(page.as_array().unwrap().len(), 1);
    assert_eq!(page[0]["id"], run["id"]);
    let manual = app
        .get_json(&format!("{HISTORY}?status=success&trigger=manual"))
        .await;
    assert_eq!(manual.as_array().unwrap().len(), 2);
    let failed = app.get_json(&format!("{HISTORY}?status=failed")).await;
    assert_eq!(failed, Value::Array(vec![]));
    let future = app
        .get_json(&format!("{HISTORY}?since=2100-01-01T00:00:00Z"))
        .await;
    assert_eq!(future, Value::Array(vec![]));
    let past = app
        .get_json(&format!("{HISTORY}?until=2000-01-01T00:00:00%2B01:00"))
        .await;
    assert_eq!(past, Value::Array(vec![]));

    // The status shows the last run.
    let status = app.get_json("/api/status").await;
    assert_eq!(status["last_run"]["id"], second["id"]);
    assert_eq!(status["state"], "active");
    assert!(status["last_success_at"].is_string());
}

#[tokio::test]
async fn runs_work_orders_changes_and_daily_stats() {
    let app = app_with_site(ORDERS).await;
    let listed = app.listed();
    let run = app.sync().await;
    let id = run["id"].as_i64().unwrap();

    assert_eq!(app.get_json(&format!("/api/runs/{id}")).await, run);
    expect_error(app.get("/api/runs/999999").await, StatusCode::NOT_FOUND).await;
    expect_error(app.get("/api/runs/abc").await, StatusCode::NOT_FOUND).await;
    // The changes of a run that does not exist are 404, not an empty list.
    expect_error(
        app.get("/api/changes?run=999999").await,
        StatusCode::NOT_FOUND,
    )
    .await;

    let orders = app.get_json("/api/work-orders").await;
    let orders = orders.as_array().unwrap();
    assert_eq!(orders.len(), listed);
    for order in orders {
        assert_eq!(order["badge"], "new", "{order}");
        assert_eq!(order["removed_at"], Value::Null);
        for key in [
            "id", "number", "url", "customer", "location", "address", "items",
        ] {
            assert!(order.get(key).is_some(), "no {key} in {order}");
        }
    }
    let number = orders[0]["number"].as_i64().unwrap();
    let found = app
        .get_json(&format!("/api/work-orders?search={number}"))
        .await;
    let found = found.as_array().unwrap();
    assert!(!found.is_empty() && found.len() < listed, "{found:?}");
    assert!(found.iter().any(|order| order["number"] == number));
    let with_removed = app.get_json("/api/work-orders?include_removed=true").await;
    assert_eq!(with_removed.as_array().unwrap().len(), listed);

    let changes = app.get_json(&format!("/api/changes?run={id}")).await;
    let changes = changes.as_array().unwrap();
    assert_eq!(changes.len(), listed);
    assert!(changes
        .iter()
        .all(|change| change["kind"] == "new" && change["run_id"] == id));
    assert_eq!(
        app.get_json("/api/changes?since=2100-01-01T00:00:00Z")
            .await,
        Value::Array(vec![])
    );

    let stats = app.get_json("/api/stats/daily?days=7").await;
    let stats = stats.as_array().unwrap();
    assert_eq!(stats.len(), 1, "{stats:?}");
    assert_eq!(stats[0]["runs"], 1);
    assert_eq!(stats[0]["succeeded"], 1);
    assert_eq!(stats[0]["work_orders"], listed);
    assert_eq!(
        app.get_json("/api/stats/daily")
            .await
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // The site drops one order and changes another's instructions: the next sync records both.
    let gone = orders[0]["number"].as_i64().unwrap();
    let edited = orders[1]["number"].as_i64().unwrap();
    let sim = app.sim.as_ref().unwrap().state();
    assert!(sim.remove_work_order(gone));
    assert!(sim.change_work_order(edited, |order| {
        order.instructions = Some("Bring the <b>long</b> ladder".into());
    }));
    let second = app.sync().await;
    assert_eq!(second["removed"], 1, "{second}");
    assert_eq!(second["changed"], 1, "{second}");
    let second_id = second["id"].as_i64().unwrap();
    let current = app.get_json("/api/work-orders").await;
    let current = current.as_array().unwrap();
    assert_eq!(current.len(), listed - 1);
    let badge = |number: i64| {
        current
            .iter()
            .find(|order| order["number"] == number)
            .map(|order| order["badge"].clone())
    };
    assert_eq!(badge(edited), Some(Value::from("changed")));
    assert_eq!(badge(gone), None);
    let all = app.get_json("/api/work-orders?include_removed=true").await;
    let removed = all
        .as_array()
        .unwrap()
        .iter()
        .find(|order| order["number"] == gone)
        .unwrap();
    assert!(removed["removed_at"].is_string());
    let changes = app.get_json(&format!("/api/changes?run={second_id}")).await;
    let edit = changes
        .as_array()
        .unwrap()
        .iter()
        .find(|change| change["number"] == edited)
        .unwrap();
    assert_eq!(edit["kind"], "changed");
    assert_eq!(edit["field"], "instructions");
    assert_eq!(edit["new_value"], "Bring the <b>long</b> ladder");
    assert!(changes
        .as_array()
        .unwrap()
        .iter()
        .any(|change| change["number"] == gone && change["kind"] == "removed"));
}

#[tokio::test]
async fn bad_query_values_are_422_naming_the_parameter() {
    let app = app().await;
    let cases = [
        (format!("{HISTORY}?limit=ten"), "limit"),
        (format!("{HISTORY}?offset=-x"), "offset"),
        (format!("{HISTORY}?status=great"), "status"),
        (format!("{HISTORY}?trigger=cron"), "trigger"),
        (format!("{HISTORY}?since=yesterday"), "since"),
        (format!("{HISTORY}?until=soon"), "until"),
        (
            "/api/work-orders?include_removed=maybe".to_string(),
            "include_removed",
        ),
        ("/api/changes?run=first".to_string(), "run"),
        ("/api/changes?since=2026-13-01".to_string(), "since"),
        ("/api/stats/daily?days=-1".to_string(), "days"),
    ];
    for (path, field) in cases {
        let got = expect_error(app.get(&path).await, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(got.as_deref(), Some(field), "{path}");
    }
}

#[tokio::test]
async fn a_trigger_without_an_account_records_the_failure() {
    let app = app().await;
    let run = app.sync().await;
    assert_eq!(run["status"], "failed");
    assert_eq!(run["error_class"], "permanent");
    assert!(run["error"]
        .as_str()
        .unwrap()
        .contains("No WorkFossa account"));
    let status = app.get_json("/api/status").await;
    assert_eq!(status["state"], "failed");
    assert_eq!(status["consecutive_failures"], 1);
}

/// Reads server-sent events until `run_finished`, with an overall guard against hanging.
async fn read_events(mut response: reqwest::Response) -> Vec<Value> {
    let mut events = Vec::new();
    let mut buffer = String::new();
    let reading = async {
        while let Some(chunk) = response.chunk().await.expect("the event stream broke") {
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            while let Some(end) = buffer.find("\n\n") {
                let block: String = buffer.drain(..end + 2).collect();
                for line in block.lines() {
                    if let Some(data) = line.strip_prefix("data: ") {
                        let event: Value =
                            serde_json::from_str(data).expect("an event is not JSON");
                        let finished = event["type"] == "run_finished";
                        events.push(event);
                        if finished {
                            return;
                        }
                    }
                }
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(60), reading)
        .await
        .expect("no run_finished event within a minute");
    events
}

#[tokio::test]
async fn the_event_stream_follows_a_triggered_sync() {
    let app = app_with_site(ORDERS).await;
    let listed = app.listed();
    let response = app.get("/api/events").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));

    let triggered = expect_json(
        app.post("/api/scraping-schedules/work_orders/trigger")
            .await,
        StatusCode::ACCEPTED,
    )
    .await;
    let run_id = triggered["run_id"].as_i64().unwrap();
    let events = read_events(response).await;

    let kinds: Vec<&str> = events.iter().filter_map(|e| e["type"].as_str()).collect();
    let started = events
        .iter()
        .position(|e| e["type"] == "run_started")
        .unwrap_or_else(|| panic!("no run_started in {kinds:?}"));
    assert_eq!(events[started]["run_id"], run_id);
    assert_eq!(events[started]["trigger"], "manual");
    let progress: Vec<&Value> = events.iter().filter(|e| e["type"] == "progress").collect();
    assert!(!progress.is_empty(), "no progress in {kinds:?}");
    assert!(progress.iter().all(|p| p["run_id"] == run_id));
    assert!(progress
        .iter()
        .any(|p| p["phase"] == "fetching" || p["phase"] == "saving"));
    let finished = events.last().unwrap();
    assert_eq!(finished["type"], "run_finished");
    assert_eq!(finished["run"]["id"], run_id);
    assert_eq!(finished["run"]["status"], "success");
    assert_eq!(finished["run"]["found"], listed);
    assert!(kinds.contains(&"status_changed"), "{kinds:?}");
    assert!(started < events.len() - 1);
}

#[tokio::test]
async fn the_event_stream_accepts_the_session_cookie() {
    let app = app().await;
    let response = app
        .client
        .get(app.url("/api/events"))
        .header("cookie", format!("fossa_session={TOKEN}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    // A change made through the API arrives on the stream.
    let paused = app
        .send_json(reqwest::Method::POST, "/api/pause", &serde_json::json!({}))
        .await;
    assert_eq!(paused.status(), StatusCode::OK);
    let mut response = response;
    let first = tokio::time::timeout(Duration::from_secs(30), async {
        let mut text = String::new();
        while !text.contains("\n\n") {
            let chunk = response.chunk().await.unwrap().unwrap();
            text.push_str(&String::from_utf8_lossy(&chunk));
        }
        text
    })
    .await
    .expect("no event within 30 s");
    let data = first
        .lines()
        .find_map(|line| line.strip_prefix("data: "))
        .unwrap();
    let event: Value = serde_json::from_str(data).unwrap();
    assert_eq!(event["type"], "status_changed");
    assert_eq!(event["status"]["paused"], true);
}
