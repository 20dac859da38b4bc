//! Settings and notification tests: read, change (the page reader too), 422 naming the field with
//! nothing saved, the SMTP password never returned, and "Send test" against a local webhook
//! receiver.

mod common;

use common::{app, expect_error, expect_json};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[tokio::test]
async fn read_and_change_settings() {
    let app = app().await;
    let settings = app.get_json("/api/settings").await;
    assert_eq!(settings["fetch_concurrency"], 4);
    assert_eq!(settings["page_reader"], "auto");
    assert_eq!(settings["page_reader_detected"], Value::Null);
    assert_eq!(settings["demo"], false);
    assert_eq!(settings["notifications"]["desktop"], true);
    assert_eq!(settings["notifications"]["email"], Value::Null);

    let mut changed = settings.clone();
    changed["fetch_concurrency"] = json!(2);
    changed["launch_at_login"] = json!(true);
    changed["notifications"]["quiet_period_minutes"] = json!(120);
    changed["notifications"]["webhook_url"] = json!("https://hooks.example.com/abc");
    changed["notifications"]["email"] = json!({
        "host": "smtp.example.com", "port": 587, "security": "starttls", "username": "me",
        "password": "smtp-secret", "from": "me@example.com", "to": "boss@example.com"
    });
    let saved = expect_json(
        app.send_json(Method::PUT, "/api/settings", &changed).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(saved["fetch_concurrency"], 2);
    assert_eq!(saved["notifications"]["quiet_period_minutes"], 120);
    let email = &saved["notifications"]["email"];
    assert_eq!(email["password_set"], true);
    assert!(email.get("password").is_none(), "{email}");
    assert!(!saved.to_string().contains("smtp-secret"));
    assert_eq!(app.get_json("/api/settings").await, saved);
}

#[tokio::test]
async fn bad_settings_name_their_field_and_save_nothing() {
    let app = app().await;
    let before = app.get_json("/api/settings").await;
    let cases: Vec<(Value, &str)> = vec![
        (json!({"fetch_concurrency": 9}), "fetch_concurrency"),
        (json!({"fetch_concurrency": 300}), "fetch_concurrency"),
        (json!({"page_reader": "chrome"}), "page_reader"),
        (json!({"page_reader": 1}), "page_reader"),
        (json!({"site_url": "ftp://example.com"}), "site_url"),
        (
            json!({"notifications": {"webhook_url": "not a url"}}),
            "webhook_url",
        ),
        (
            json!({"notifications": {"quiet_period_minutes": 0}}),
            "quiet_period_minutes",
        ),
        (
            json!({"notifications": {"email": {
                "host": "smtp.example.com", "port": 587, "security": "starttls",
                "username": null, "from": "nobody", "to": "boss@example.com"}}}),
            "email.from",
        ),
        (
            json!({"notifications": {"email": {
                "host": "smtp.example.com", "port": 587, "security": "carrier-pigeon",
                "username": null, "from": "a@example.com", "to": "boss@example.com"}}}),
            "notifications.email.security",
        ),
    ];
    for (change, field) in cases {
        let mut body = before.clone();
        merge(&mut body, &change);
        let got = expect_error(
            app.send_json(Method::PUT, "/api/settings", &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(got.as_deref(), Some(field), "{change}");
        assert_eq!(app.get_json("/api/settings").await, before, "{change}");
    }
    // A missing field is named too.
    let mut partial = before.clone();
    partial.as_object_mut().unwrap().remove("demo");
    let got = expect_error(
        app.send_json(Method::PUT, "/api/settings", &partial).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(got.as_deref(), Some("demo"));
}

#[tokio::test]
async fn unknown_settings_are_refused_naming_them_and_nothing_is_saved() {
    let app = app().await;
    let before = app.get_json("/api/settings").await;
    let email = json!({"host": "smtp.example.com", "port": 587, "security": "starttls",
        "username": null, "from": "a@example.com", "to": "b@example.com", "cc": "c@example.com"});
    let cases: Vec<(Value, &str)> = vec![
        (json!({"bogus": 1, "fetch_concurrency": 2}), "bogus"),
        (json!({"notifications": {"sms": true}}), "notifications.sms"),
        (
            json!({"notifications": {"email": email}}),
            "notifications.email.cc",
        ),
    ];
    for (change, field) in cases {
        let mut body = before.clone();
        merge(&mut body, &change);
        let response = app.send_json(Method::PUT, "/api/settings", &body).await;
        let error = expect_json(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error["field"], field, "{change}");
        let sentence = error["error"].as_str().unwrap();
        assert!(
            sentence.starts_with(&format!("Unknown field {field}: ")),
            "{sentence}"
        );
        assert_eq!(app.get_json("/api/settings").await, before, "{change}");
    }
    // What GET answers is accepted back as it is.
    let same = app.send_json(Method::PUT, "/api/settings", &before).await;
    assert_eq!(expect_json(same, StatusCode::OK).await, before);
}

#[tokio::test]
async fn page_reader_is_put_and_read_back() {
    let app = app().await;
    let mut settings = app.get_json("/api/settings").await;
    for reader in ["browser", "http", "auto"] {
        settings["page_reader"] = json!(reader);
        // Read-only: what a client sends as detected is ignored.
        settings["page_reader_detected"] = json!("browser");
        let saved = expect_json(
            app.send_json(Method::PUT, "/api/settings", &settings).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(saved["page_reader"], reader);
        assert_eq!(saved["page_reader_detected"], Value::Null);
        assert_eq!(app.get_json("/api/settings").await, saved);
    }
    // The detected value may be left out of a PUT; a bad reader's sentence lists the good ones.
    settings
        .as_object_mut()
        .unwrap()
        .remove("page_reader_detected");
    settings["page_reader"] = json!("chromium");
    let body = expect_json(
        app.send_json(Method::PUT, "/api/settings", &settings).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(body["field"], "page_reader", "{body}");
    let sentence = body["error"].as_str().unwrap();
    assert!(
        sentence.contains("auto") && sentence.contains("browser"),
        "{sentence}"
    );
    assert_eq!(app.get_json("/api/settings").await["page_reader"], "auto");
}

fn merge(target: &mut Value, change: &Value) {
    match (target, change) {
        (Value::Object(target), Value::Object(change)) => {
            for (key, value) in change {
                match target.get_mut(key) {
                    Some(slot) if value.is_object() && slot.is_object() => merge(slot, value),
                    _ => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (target, change) => *target = change.clone(),
    }
}

#[tokio::test]
async fn notification_tests_report_what_is_missing_and_reach_a_webhook() {
    let app = app().await;
    // No account yet: "Test login" says so in one sentence.
    let body = expect_json(
        app.post("/api/account/test").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("No WorkFossa account"),
        "{body}"
    );
    let field = expect_error(
        app.post("/api/notifications/test-email").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field.as_deref(), Some("email"));
    let field = expect_error(
        app.post("/api/notifications/test-webhook").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field.as_deref(), Some("webhook_url"));

    // A local receiver counts the posts.
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    let receiver = axum::Router::new().route(
        "/hook",
        axum::routing::post(move || {
            let counter = Arc::clone(&counter);
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
                "ok"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, receiver).await });

    let mut settings = app.get_json("/api/settings").await;
    settings["notifications"]["webhook_url"] = json!(hook);
    expect_json(
        app.send_json(Method::PUT, "/api/settings", &settings).await,
        StatusCode::OK,
    )
    .await;
    let ok = expect_json(
        app.post("/api/notifications/test-webhook").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(ok, json!({"ok": true}));
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}
