//! The schedule routes over the engine's own operations: a partial `PUT` keeps the stored values
//! of the fields it leaves out, `POST` creates through `Engine::create_schedule`, validation
//! errors name the JSON key that was sent; and `POST /api/demo/leave`.

mod common;

use common::{app, expect_error, expect_json};
use fossa_sim::SimOptions;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const ONE: &str = "/api/scraping-schedules/work_orders";

#[tokio::test]
async fn a_partial_put_keeps_the_fields_it_leaves_out() {
    let app = app().await;
    let full = json!({
        "interval_minutes": 90, "timezone": "America/New_York", "active_hours": "07:00-17:00",
        "days": "mon,tue,wed,thu,fri", "jitter_seconds": 30, "enabled": true
    });
    expect_json(app.send_json(Method::PUT, ONE, &full).await, StatusCode::OK).await;

    let changed = expect_json(
        app.send_json(Method::PUT, ONE, &json!({"interval_minutes": 120}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["interval_minutes"], 120);
    for key in [
        "timezone",
        "active_hours",
        "days",
        "jitter_seconds",
        "enabled",
    ] {
        assert_eq!(changed[key], full[key], "{key} was not kept");
    }
    let off = expect_json(
        app.send_json(
            Method::PUT,
            ONE,
            &json!({"active_hours": null, "enabled": false}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(off["active_hours"], Value::Null);
    assert_eq!(off["enabled"], false);
    assert_eq!(off["interval_minutes"], 120);
    assert_eq!(off["timezone"], "America/New_York");

    // An empty body changes nothing; a body that is not an object is 422.
    let same = expect_json(app.send_raw(Method::PUT, ONE, "").await, StatusCode::OK).await;
    assert_eq!(same["interval_minutes"], 120);
    let field = expect_error(
        app.send_raw(Method::PUT, ONE, "[1, 2]").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field, None);
    assert_eq!(
        app.engine.schedule().await.unwrap().config.interval_minutes,
        120
    );
}

#[tokio::test]
async fn validation_errors_name_the_json_key_that_was_sent() {
    let app = app().await;
    let cases = [
        (json!({"interval_minutes": 10}), "interval_minutes"),
        (json!({"jitter_seconds": 9999}), "jitter_seconds"),
        (json!({"timezone": "Nowhere/Else"}), "timezone"),
    ];
    for (body, field) in cases {
        let response = app.send_json(Method::PUT, ONE, &body).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["field"], field, "{body}");
        let message = error["error"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("Invalid value for {field}: ")),
            "{message}"
        );
    }
    let response = app
        .send_json(
            Method::POST,
            "/api/schedule/preview",
            &json!({"config": {"jitter_seconds": 601}}),
        )
        .await;
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["field"], "config.jitter_seconds");
    assert!(error["error"]
        .as_str()
        .unwrap()
        .starts_with("Invalid value for config.jitter_seconds: "));
}

#[tokio::test]
async fn create_goes_through_the_engine() {
    let app = app().await;
    let body = json!({"job_type": "work_orders", "interval_minutes": 45});
    let created = expect_json(
        app.send_json(Method::POST, "/api/scraping-schedules/", &body)
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["interval_minutes"], 45);
    // On an existing schedule POST changes it, like PUT.
    let body = json!({"schedule_type": "work_orders", "interval_minutes": 75});
    let changed = expect_json(
        app.send_json(Method::POST, "/api/scraping-schedules/", &body)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["interval_minutes"], 75);
    assert_eq!(
        app.engine.schedule().await.unwrap().config.interval_minutes,
        75
    );
}

#[tokio::test]
async fn leaving_the_demo_removes_its_data_and_says_so() {
    let app = app().await;
    let left = expect_json(app.post("/api/demo/leave").await, StatusCode::OK).await;
    assert_eq!(left["left"], false, "not a demo: nothing changed");

    let sim = fossa_sim::start(SimOptions {
        work_orders: 7,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    app.engine
        .enter_demo(sim.base_url().as_str(), "tech@example.com", "demo-password")
        .await
        .unwrap();
    let run = app.sync().await;
    assert_eq!(run["status"], "success", "{run}");
    assert_eq!(app.get_json("/api/status").await["demo"], true);
    let found = run["found"].as_i64().unwrap();
    assert!(found > 0);
    assert_eq!(
        app.get_json("/api/work-orders")
            .await
            .as_array()
            .unwrap()
            .len() as i64,
        found
    );

    // A real account is not saved into the demo's data.
    let field = expect_error(
        app.send_json(
            Method::PUT,
            "/api/account",
            &json!({"email": "me@example.com", "password": "pw"}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field.as_deref(), Some("email"));

    let left = expect_json(app.post("/api/demo/leave").await, StatusCode::OK).await;
    assert_eq!(left["left"], true);
    assert_eq!(left["removed_work_orders"], found);
    assert_eq!(left["removed_runs"], 1);
    assert!(left["message"]
        .as_str()
        .unwrap()
        .starts_with("Left the demo"));
    let status = app.get_json("/api/status").await;
    assert_eq!(status["demo"], false);
    assert_eq!(status["last_run"], Value::Null);
    assert!(app
        .get_json("/api/work-orders?include_removed=true")
        .await
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(app.get_json("/api/account").await["email"], Value::Null);
    sim.shutdown().await;
}
