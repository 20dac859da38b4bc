//! `POST /api/pause` takes the engine's own pause request: "until tomorrow" over HTTP is the
//! instant the engine resolves (the schedule window's opening in its zone), and a body naming
//! more than one end, or an unknown field, is refused without pausing.

mod common;

use common::{app, expect_error, expect_json};
use fossa_core::engine::PauseRequest;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn until_tomorrow_is_the_engines_answer() {
    let app = app().await;
    let request = PauseRequest {
        until_tomorrow: true,
        ..PauseRequest::default()
    };
    let expected = app
        .engine
        .resolve_pause(&request)
        .await
        .unwrap()
        .expect("until tomorrow is an instant");
    let paused = expect_json(
        app.send_json(Method::POST, "/api/pause", &json!({"until_tomorrow": true}))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(paused["paused"], true);
    let until: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(paused["paused_until"].clone()).unwrap();
    assert_eq!(until, expected);
    assert!(until > chrono::Utc::now());
}

#[tokio::test]
async fn two_ends_or_unknown_fields_are_refused_and_nothing_pauses() {
    let app = app().await;
    for body in [
        json!({"minutes": 30, "until_tomorrow": true}),
        json!({"minutes": 30, "until": "2100-01-01T00:00:00Z"}),
        json!({"bogus": 1}),
    ] {
        let response = app.send_json(Method::POST, "/api/pause", &body).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}"
        );
        let status = expect_json(app.get("/api/status").await, StatusCode::OK).await;
        assert_eq!(status["paused"], false, "{body} paused the schedule");
    }
    let field = expect_error(
        app.send_json(Method::POST, "/api/pause", &json!({"bogus": 1}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(field.as_deref(), Some("bogus"));
}
