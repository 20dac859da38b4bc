//! The dispenser job over HTTP: both schedules listed and changed by id, the dispensers job
//! triggered alone, `GET /api/dispensers?location=` (404 for a station no work order links to,
//! 422 for a bad id), history and daily stats per job.

mod common;

use common::{app_with_dispensers, expect_error, expect_json};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::time::Duration;

/// Waits for run `id` to finish (it is under way; bounded).
async fn finished(app: &common::App, id: i64) -> Value {
    for _ in 0..600 {
        let run = app.get_json(&format!("/api/runs/{id}")).await;
        if run["status"] != "running" {
            return run;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("run {id} did not finish");
}

#[tokio::test]
async fn schedules_trigger_dispensers_history_and_stats_per_job() {
    let app = app_with_dispensers(9).await;
    let schedules = app.get_json("/api/scraping-schedules/").await;
    let jobs: Vec<&str> = schedules
        .as_array()
        .unwrap()
        .iter()
        .map(|view| view["job_type"].as_str().unwrap())
        .collect();
    assert_eq!(jobs, ["work_orders", "dispensers"]);
    assert_eq!(schedules[1]["interval_hours"], 24.0);

    let changed = expect_json(
        app.send_json(
            Method::PUT,
            "/api/scraping-schedules/dispensers",
            &json!({"interval_hours": 12.0, "active_hours": {"start": 7, "end": 17}}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["interval_minutes"], 720);
    let orders = app.get_json("/api/scraping-schedules/work_orders").await;
    assert_eq!(
        orders["interval_minutes"], 60,
        "the other job keeps its schedule"
    );

    // "Sync now" stores the work orders; the dispensers job alone then reads every station.
    let started = expect_json(
        app.post("/api/scraping-schedules/work_orders/trigger")
            .await,
        StatusCode::ACCEPTED,
    )
    .await;
    finished(&app, started["run_id"].as_i64().unwrap()).await;
    let started = expect_json(
        app.post("/api/scraping-schedules/dispensers/trigger").await,
        StatusCode::ACCEPTED,
    )
    .await;
    let run = finished(&app, started["run_id"].as_i64().unwrap()).await;
    assert_eq!(run["job_type"], "dispensers");
    assert_eq!(run["status"], "success", "{run}");

    let all = app.get_json("/api/dispensers").await;
    let all = all.as_array().unwrap();
    assert!(!all.is_empty());
    let location = all[0]["location_id"].as_i64().unwrap();
    let one = app
        .get_json(&format!("/api/dispensers?location={location}"))
        .await;
    let one = one.as_array().unwrap();
    assert!(one.iter().all(|d| d["location_id"] == location));
    assert!(one
        .iter()
        .all(|d| d["read_at"].is_string() && d["stale"] == false));
    let sim_state = app.sim.as_ref().unwrap().state();
    match sim_state.location_equipment(location) {
        fossa_core::workfossa::dispenser::LocationEquipment::Dispensers(list) => {
            assert_eq!(one.len(), list.len());
            assert_eq!(one[0]["number"].as_str(), Some(list[0].number.as_str()));
        }
        other => panic!("{other:?}"),
    }
    expect_error(
        app.get("/api/dispensers?location=999999999").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let field = expect_error(
        app.get("/api/dispensers?location=abc").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field.as_deref(), Some("location"));

    let history = app
        .get_json("/api/scraping-schedules/history/dispensers")
        .await;
    let history = history.as_array().unwrap();
    assert!(!history.is_empty());
    assert!(history.iter().all(|run| run["job_type"] == "dispensers"));
    let stats = app.get_json("/api/stats/daily?job=dispensers").await;
    let runs: i64 = stats
        .as_array()
        .unwrap()
        .iter()
        .map(|day| day["runs"].as_i64().unwrap_or(0))
        .sum();
    assert_eq!(runs as usize, history.len());
    expect_error(
        app.get("/api/stats/daily?job=tanks").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
}
