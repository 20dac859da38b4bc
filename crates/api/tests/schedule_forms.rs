//! The schedule API as the original app documents it: its own examples verbatim (`POST` naming
//! the job in `schedule_type`, `PUT` with `interval_hours` and `active_hours` as whole hours),
//! both forms in every view, the bounds (0.5 and 24 hours, hours 0 and 23), the text form still
//! read, a partial `PUT` keeping what it leaves out, and unknown fields refused naming them with
//! nothing saved.

mod common;

use common::{app, expect_error, expect_json, App};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const LIST: &str = "/api/scraping-schedules/";
const ONE: &str = "/api/scraping-schedules/work_orders";

/// The original's example body, verbatim.
fn example() -> Value {
    json!({"interval_hours": 1.0, "enabled": true, "active_hours": {"start": 8, "end": 18}})
}

/// The example with the job named, as the original's `POST` sends it.
fn example_for_post() -> Value {
    let mut body = example();
    body["schedule_type"] = json!("work_orders");
    body
}

/// Both forms of the original's example in a view.
fn assert_example(view: &Value) {
    assert_eq!(view["job_type"], "work_orders", "{view}");
    assert_eq!(view["interval_hours"], 1.0, "{view}");
    assert_eq!(view["interval_minutes"], 60, "{view}");
    assert_eq!(view["enabled"], true, "{view}");
    assert_eq!(view["active_hours"], "08:00-18:00", "{view}");
    assert_eq!(
        view["active_hours_range"],
        json!({"start": 8, "end": 18}),
        "{view}"
    );
}

async fn put(app: &App, body: &Value) -> Value {
    expect_json(app.send_json(Method::PUT, ONE, body).await, StatusCode::OK).await
}

/// 422 naming `field`, and the schedule as it was.
async fn refused(app: &App, method: Method, path: &str, body: &Value, field: &str) {
    let before = app.get_json(ONE).await;
    let response = app.send_json(method.clone(), path, body).await;
    let got = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(got.as_deref(), Some(field), "{method} {path} {body}");
    assert_eq!(
        app.get_json(ONE).await,
        before,
        "{body} changed the schedule"
    );
}

#[tokio::test]
async fn the_originals_examples_work_unchanged() {
    let app = app().await;
    // A brand-new data dir has no schedule row: POST creates it.
    let created = expect_json(
        app.send_json(Method::POST, LIST, &example_for_post()).await,
        StatusCode::CREATED,
    )
    .await;
    assert_example(&created);
    put(&app, &json!({"interval_hours": 4.0, "active_hours": null})).await;

    let changed = put(&app, &example()).await;
    assert_example(&changed);
    assert_eq!(app.get_json(ONE).await, changed);
    let list = app.get_json(LIST).await;
    assert_eq!(list[0], changed);
    assert_eq!(
        list[1]["job_type"], "dispensers",
        "the other job keeps its own"
    );
    assert_eq!(list[1]["interval_minutes"], 1440);
    let stored = app.engine.schedule().await.unwrap().config;
    assert_eq!(stored.interval_minutes, 60);
    assert_eq!(stored.active_hours.unwrap().to_string(), "08:00-18:00");

    // POST on the existing schedule changes it (200), keeping the fields it leaves out.
    put(
        &app,
        &json!({"timezone": "Europe/Berlin", "jitter_seconds": 30}),
    )
    .await;
    let mut again = example_for_post();
    again["interval_hours"] = json!(2.5);
    let updated = expect_json(
        app.send_json(Method::POST, LIST, &again).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated["interval_minutes"], 150);
    assert_eq!(updated["interval_hours"], 2.5);
    assert_eq!(updated["timezone"], "Europe/Berlin");
    assert_eq!(updated["jitter_seconds"], 30);
}

#[tokio::test]
async fn every_view_carries_both_forms() {
    let app = app().await;
    let view = put(
        &app,
        &json!({"interval_minutes": 90, "active_hours": "22:00-06:00"}),
    )
    .await;
    assert_eq!(view["interval_hours"], 1.5);
    assert_eq!(view["active_hours"], "22:00-06:00");
    assert_eq!(view["active_hours_range"], json!({"start": 22, "end": 6}));
    assert_eq!(app.get_json(LIST).await[0], view);

    // Off the hour: the text only; all day: neither.
    let half = put(&app, &json!({"active_hours": "08:30-17:00"})).await;
    assert_eq!(half["active_hours"], "08:30-17:00");
    assert_eq!(half["active_hours_range"], Value::Null);
    let off = put(&app, &json!({"active_hours": "off"})).await;
    assert_eq!(off["active_hours"], Value::Null);
    assert_eq!(off["active_hours_range"], Value::Null);
    assert_eq!(
        off["interval_hours"], 1.5,
        "a partial PUT kept the interval"
    );
}

#[tokio::test]
async fn bounds_of_the_interval_and_the_hours() {
    let app = app().await;
    for (hours, minutes) in [(0.5, 30), (24.0, 1440), (1.25, 75)] {
        let view = put(&app, &json!({ "interval_hours": hours })).await;
        assert_eq!(view["interval_minutes"], minutes, "{hours} h");
        assert_eq!(view["interval_hours"], hours);
    }
    for hours in [json!(0.49), json!(24.01), json!(0), json!(-1), json!(1.001)] {
        let body = json!({ "interval_hours": hours });
        refused(&app, Method::PUT, ONE, &body, "interval_hours").await;
    }
    let both = json!({"interval_hours": 2, "interval_minutes": 60});
    refused(&app, Method::PUT, ONE, &both, "interval_hours").await;

    let edges = put(&app, &json!({"active_hours": {"start": 0, "end": 23}})).await;
    assert_eq!(edges["active_hours"], "00:00-23:00");
    assert_eq!(edges["active_hours_range"], json!({"start": 0, "end": 23}));
    let overnight = put(&app, &json!({"active_hours": {"start": 23, "end": 0}})).await;
    assert_eq!(overnight["active_hours"], "23:00-00:00");
    for hours in [
        json!({"start": 24, "end": 6}),
        json!({"start": 8, "end": 24}),
        json!({"start": 8, "end": 8}),
        json!({"start": 8}),
        json!([8, 18]),
    ] {
        let body = json!({ "active_hours": hours });
        refused(&app, Method::PUT, ONE, &body, "active_hours").await;
    }
    for start in [json!(-1), json!(8.5), json!("8")] {
        let body = json!({"active_hours": {"start": start, "end": 6}});
        refused(&app, Method::PUT, ONE, &body, "active_hours.start").await;
    }
}

#[tokio::test]
async fn unknown_fields_are_refused_naming_them_and_nothing_is_saved() {
    let app = app().await;
    put(&app, &example()).await;
    refused(&app, Method::PUT, ONE, &json!({"bogus": 1}), "bogus").await;
    let mixed = json!({"interval_hours": 2, "bogus": 1});
    refused(&app, Method::PUT, ONE, &mixed, "bogus").await;
    let mut post = example_for_post();
    post["interval_hours"] = json!(3);
    post["every"] = json!("hour");
    refused(&app, Method::POST, LIST, &post, "every").await;
    let nested = json!({"active_hours": {"start": 8, "end": 18, "zone": "UTC"}});
    refused(&app, Method::PUT, ONE, &nested, "active_hours.zone").await;
    // A view's read-only fields are not a change either.
    let view = app.get_json(ONE).await;
    refused(&app, Method::PUT, ONE, &view, "active_hours_range").await;
    let preview = json!({"config": {"interval_minutes": 60, "bogus": 1}});
    let response = app
        .send_json(Method::POST, "/api/schedule/preview", &preview)
        .await;
    let field = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(field.as_deref(), Some("config.bogus"));
    let response = app.send_json(Method::PUT, ONE, &json!({"bogus": 1})).await;
    let body = expect_json(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    let error = body["error"].as_str().unwrap();
    assert!(error.starts_with("Unknown field bogus: "), "{error}");
    assert!(error.contains("interval_hours"), "{error}");
}

#[tokio::test]
async fn the_job_is_named_by_schedule_type() {
    let app = app().await;
    let mut unknown = example_for_post();
    unknown["schedule_type"] = json!("gas_pumps");
    refused(&app, Method::POST, LIST, &unknown, "schedule_type").await;
    refused(&app, Method::POST, LIST, &example(), "schedule_type").await;
    let elsewhere = json!({"schedule_type": "gas_pumps", "enabled": false});
    refused(&app, Method::PUT, ONE, &elsewhere, "schedule_type").await;
    // Naming the schedule's own job in a PUT is fine; `job_type` is the same field.
    let same = put(
        &app,
        &json!({"schedule_type": "work_orders", "enabled": false}),
    )
    .await;
    assert_eq!(same["enabled"], false);
    let mut older = example();
    older["job_type"] = json!("work_orders");
    let view = expect_json(
        app.send_json(Method::POST, LIST, &older).await,
        StatusCode::OK,
    )
    .await;
    assert_example(&view);
}
