//! The schedule routes: list, one, create, change, delete, preview, pause and resume — happy paths,
//! 422 naming the field with the stored value unchanged, 400 for malformed JSON, 404 for an
//! unknown schedule id.

mod common;

use common::{app, expect_error, expect_json};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const ONE: &str = "/api/scraping-schedules/work_orders";

fn config() -> Value {
    json!({
        "interval_minutes": 90,
        "timezone": "America/New_York",
        "active_hours": "07:00-17:00",
        "days": "mon,tue,wed,thu,fri",
        "jitter_seconds": 30,
        "enabled": true
    })
}

#[tokio::test]
async fn list_one_and_change() {
    let app = app().await;
    let list = app.get_json("/api/scraping-schedules/").await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["job_type"], "work_orders");
    assert_eq!(list[1]["job_type"], "dispensers");
    for key in [
        "interval_minutes",
        "timezone",
        "active_hours",
        "days",
        "jitter_seconds",
        "enabled",
        "next_due",
        "paused",
        "paused_until",
    ] {
        assert!(list[0].get(key).is_some(), "no {key} in {}", list[0]);
    }
    assert_eq!(app.get_json("/api/scraping-schedules").await[0], list[0]);
    assert_eq!(app.get_json(ONE).await, list[0]);
    assert_eq!(
        app.get_json("/api/scraping-schedules/work-orders").await,
        list[0]
    );

    let changed = expect_json(
        app.send_json(Method::PUT, ONE, &config()).await,
        StatusCode::OK,
    )
    .await;
    for (key, value) in config().as_object().unwrap() {
        assert_eq!(&changed[key], value, "{key}");
    }
    assert!(changed["next_due"].is_string());
    assert_eq!(app.get_json(ONE).await, changed);
    let stored = app.engine.schedule().await.unwrap().config;
    assert_eq!(stored.interval_minutes, 90);
    assert_eq!(stored.timezone, "America/New_York");
}

#[tokio::test]
async fn bad_values_name_their_field_and_change_nothing() {
    let app = app().await;
    expect_json(
        app.send_json(Method::PUT, ONE, &config()).await,
        StatusCode::OK,
    )
    .await;
    let before = app.get_json(ONE).await;
    let cases: &[(&str, Value, &str)] = &[
        ("interval_minutes", json!(10), "interval_minutes"),
        ("interval_minutes", json!(2000), "interval_minutes"),
        ("interval_minutes", json!("hourly"), "interval_minutes"),
        ("interval_minutes", json!(-5), "interval_minutes"),
        ("timezone", json!("Mars/Olympus_Mons"), "timezone"),
        ("active_hours", json!("25:00-18:00"), "active_hours"),
        ("days", json!("funday"), "days"),
        ("jitter_seconds", json!(601), "jitter_seconds"),
        ("enabled", json!("yes"), "enabled"),
    ];
    for (key, value, field) in cases {
        let mut body = config();
        body[*key] = value.clone();
        let response = app.send_json(Method::PUT, ONE, &body).await;
        let got = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(got.as_deref(), Some(*field), "{key} = {value}");
        assert_eq!(
            app.get_json(ONE).await,
            before,
            "{key} = {value} changed it"
        );
    }
}

#[tokio::test]
async fn malformed_bodies_are_400_and_change_nothing() {
    let app = app().await;
    let before = app.get_json(ONE).await;
    let routes = [
        (Method::PUT, ONE),
        (Method::POST, "/api/scraping-schedules/"),
        (Method::POST, "/api/schedule/preview"),
        (Method::POST, "/api/pause"),
        (Method::PUT, "/api/settings"),
        (Method::PUT, "/api/account"),
    ];
    for (method, path) in routes {
        for body in [
            "{",
            "{\"interval_minutes\": 60,}",
            "not json",
            "{} trailing",
        ] {
            let response = app.send_raw(method.clone(), path, body).await;
            let field = expect_error(response, StatusCode::BAD_REQUEST).await;
            assert_eq!(field, None, "{method} {path} {body}");
        }
    }
    assert_eq!(app.get_json(ONE).await, before);
    assert!(!app.engine.status().await.unwrap().paused);
}

#[tokio::test]
async fn unknown_schedule_ids_are_404() {
    let app = app().await;
    let bad = "/api/scraping-schedules/gas_pumps";
    expect_error(app.get(bad).await, StatusCode::NOT_FOUND).await;
    expect_error(
        app.send_json(Method::PUT, bad, &config()).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    expect_error(
        app.request(Method::DELETE, bad).send().await.unwrap(),
        StatusCode::NOT_FOUND,
    )
    .await;
    expect_error(
        app.post(&format!("{bad}/trigger")).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    expect_error(
        app.get("/api/scraping-schedules/history/gas_pumps").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    // Nothing ran and the real schedule is as it was.
    assert!(app
        .engine
        .history(&Default::default())
        .await
        .unwrap()
        .is_empty());
    assert_eq!(app.get_json(ONE).await["interval_minutes"], 60);
}

#[tokio::test]
async fn create_then_update_and_unknown_job_type() {
    let app = app().await;
    // A brand-new data dir has no schedule row yet: POST creates it.
    let mut body = config();
    body["job_type"] = json!("work_orders");
    let created = expect_json(
        app.send_json(Method::POST, "/api/scraping-schedules/", &body)
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created["job_type"], "work_orders");
    assert_eq!(created["interval_minutes"], 90);

    // POST on the schedule that now exists changes it (200), as PUT would.
    let mut again = body.clone();
    again["interval_minutes"] = json!(120);
    let changed = expect_json(
        app.send_json(Method::POST, "/api/scraping-schedules/", &again)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["interval_minutes"], 120);
    assert_eq!(app.get_json(ONE).await["interval_minutes"], 120);

    let mut unknown = body.clone();
    unknown["job_type"] = json!("gas_pumps");
    let field = expect_error(
        app.send_json(Method::POST, "/api/scraping-schedules", &unknown)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field.as_deref(), Some("schedule_type"));
    assert_eq!(app.get_json(ONE).await["interval_minutes"], 120);
}

#[tokio::test]
async fn create_with_a_bad_value_creates_nothing() {
    let app = app().await;
    let mut body = config();
    body["job_type"] = json!("work_orders");
    body["jitter_seconds"] = json!(100_000);
    let field = expect_error(
        app.send_json(Method::POST, "/api/scraping-schedules/", &body)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field.as_deref(), Some("jitter_seconds"));
    assert_eq!(app.get_json(ONE).await["interval_minutes"], 60);
}

#[tokio::test]
async fn delete_resets_to_the_defaults_switched_off() {
    let app = app().await;
    expect_json(
        app.send_json(Method::PUT, ONE, &config()).await,
        StatusCode::OK,
    )
    .await;
    let response = app.request(Method::DELETE, ONE).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let after = app.get_json(ONE).await;
    assert_eq!(after["enabled"], false);
    assert_eq!(after["interval_minutes"], 60);
    assert_eq!(after["next_due"], Value::Null);
    assert_eq!(app.get_json("/api/status").await["state"], "paused");
}

#[tokio::test]
async fn preview_lists_zoned_instants() {
    let app = app().await;
    let request = json!({
        "config": {
            "interval_minutes": 60, "timezone": "America/New_York", "active_hours": "08:00-18:00",
            "days": "all", "jitter_seconds": 0, "enabled": true
        },
        "from": "2026-03-08T00:00:00-05:00",
        "count": 3
    });
    let fires = expect_json(
        app.send_json(Method::POST, "/api/schedule/preview", &request)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        fires,
        json!([
            "2026-03-08T08:00:00-04:00",
            "2026-03-08T09:00:00-04:00",
            "2026-03-08T10:00:00-04:00"
        ])
    );

    // Without a config: the stored schedule; the count defaults to 5.
    let stored = expect_json(
        app.send_json(Method::POST, "/api/schedule/preview", &json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(stored.as_array().unwrap().len(), 5);

    let mut bad = request.clone();
    bad["config"]["interval_minutes"] = json!(5);
    let field = expect_error(
        app.send_json(Method::POST, "/api/schedule/preview", &bad)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field.as_deref(), Some("config.interval_minutes"));
    let mut bad = request.clone();
    bad["from"] = json!("yesterday");
    let field = expect_error(
        app.send_json(Method::POST, "/api/schedule/preview", &bad)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field.as_deref(), Some("from"));
    let mut bad = request;
    bad["count"] = json!(1_000_000);
    let field = expect_error(
        app.send_json(Method::POST, "/api/schedule/preview", &bad)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field.as_deref(), Some("count"));
}

#[tokio::test]
async fn pause_and_resume() {
    let app = app().await;
    let paused = expect_json(
        app.send_json(Method::POST, "/api/pause", &json!({"minutes": 60}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(paused["paused"], true);
    assert_eq!(paused["state"], "paused");
    assert!(paused["paused_until"].is_string());

    let resumed = expect_json(app.post("/api/resume").await, StatusCode::OK).await;
    assert_eq!(resumed["paused"], false);

    let until = "2100-01-01T08:00:00Z";
    let paused = expect_json(
        app.send_json(Method::POST, "/api/pause", &json!({"until": until}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(paused["paused_until"], until);
    expect_json(app.post("/api/resume").await, StatusCode::OK).await;

    // An empty body pauses indefinitely.
    let forever = app
        .request(Method::POST, "/api/pause")
        .send()
        .await
        .unwrap();
    let forever = expect_json(forever, StatusCode::OK).await;
    assert_eq!(forever["paused"], true);
    assert_eq!(forever["paused_until"], Value::Null);
    expect_json(app.post("/api/resume").await, StatusCode::OK).await;

    let cases = [
        (json!({"minutes": 0}), "minutes"),
        (json!({"minutes": "an hour"}), "minutes"),
        (json!({"until": "2001-01-01T00:00:00Z"}), "until"),
        (json!({"until": "tomorrow"}), "until"),
        (json!({"until": until, "minutes": 5}), "minutes"),
    ];
    for (body, field) in cases {
        let got = expect_error(
            app.send_json(Method::POST, "/api/pause", &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(got.as_deref(), Some(field), "{body}");
        assert!(!app.engine.status().await.unwrap().paused, "{body}");
    }
}

#[tokio::test]
async fn wrong_methods_and_unknown_routes_answer_json() {
    let app = app().await;
    expect_error(
        app.request(Method::DELETE, "/api/status")
            .send()
            .await
            .unwrap(),
        StatusCode::METHOD_NOT_ALLOWED,
    )
    .await;
    expect_error(app.get("/api/nothing/here").await, StatusCode::NOT_FOUND).await;
}
