//! Auth and binding: every `/api/*` route answers 401 without the token and with a wrong one; the
//! browser login link sets the session cookie; a cookie request from another page is refused; the
//! server refuses non-loopback addresses; the token file is made once, 0600.

mod common;

use common::{app, expect_error, expect_json, TOKEN};
use fossa_api::ApiAuth;
use reqwest::{Method, StatusCode};
use std::sync::Arc;

/// Every route of docs/api.md (ids filled in).
const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/status"),
    ("GET", "/api/scraping-schedules/"),
    ("POST", "/api/scraping-schedules/"),
    ("GET", "/api/scraping-schedules/work_orders"),
    ("PUT", "/api/scraping-schedules/work_orders"),
    ("DELETE", "/api/scraping-schedules/work_orders"),
    ("POST", "/api/scraping-schedules/work_orders/trigger"),
    ("GET", "/api/scraping-schedules/history/work_orders?limit=5"),
    ("GET", "/api/runs/1"),
    ("POST", "/api/schedule/preview"),
    ("POST", "/api/pause"),
    ("POST", "/api/resume"),
    ("GET", "/api/work-orders"),
    ("GET", "/api/changes"),
    ("GET", "/api/stats/daily"),
    ("GET", "/api/settings"),
    ("PUT", "/api/settings"),
    ("GET", "/api/account"),
    ("PUT", "/api/account"),
    ("POST", "/api/account/test"),
    ("POST", "/api/notifications/test-email"),
    ("POST", "/api/notifications/test-webhook"),
    ("GET", "/api/events"),
    ("GET", "/api/no-such-route"),
];

#[tokio::test]
async fn every_route_needs_the_token() {
    let app = app().await;
    let before = app.engine.status().await.unwrap();
    for (method, path) in ROUTES {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let bare = app
            .client
            .request(method.clone(), app.url(path))
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(bare.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
        let field = expect_error(bare, StatusCode::UNAUTHORIZED).await;
        assert_eq!(field, None);

        let wrong = app
            .client
            .request(method.clone(), app.url(path))
            .bearer_auth(format!("{}0", &TOKEN[..TOKEN.len() - 1]))
            .header("cookie", "fossa_session=wrong")
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
    }
    // Nothing was started, paused or changed by the refused requests.
    assert_eq!(app.engine.status().await.unwrap(), before);
    assert!(app
        .engine
        .history(&Default::default())
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_login_link_sets_a_strict_http_only_cookie() {
    let app = app().await;
    let response = app
        .client
        .get(app.url(&format!("/login?token={TOKEN}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with(&format!("fossa_session={TOKEN}")),
        "{cookie}"
    );
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }

    // A browser keeps the cookie, follows the redirect to the UI, and then reaches the API.
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let landed = browser
        .get(app.url(&format!("/login?token={TOKEN}")))
        .send()
        .await
        .unwrap();
    assert_eq!(landed.status(), StatusCode::OK);
    assert_eq!(landed.url().path(), "/");
    let status = expect_json(
        browser.get(app.url("/api/status")).send().await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(status["job_type"], "work_orders");
    // Same-origin changes work with the cookie.
    let origin = app.base.clone();
    let paused = browser
        .post(app.url("/api/pause"))
        .header("origin", &origin)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(expect_json(paused, StatusCode::OK).await["paused"], true);
}

#[tokio::test]
async fn a_wrong_login_link_sets_nothing() {
    let app = app().await;
    for query in ["/login?token=nope", "/login", "/login?token="] {
        let response = app.client.get(app.url(query)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{query}");
        assert!(response.headers().get("set-cookie").is_none());
    }
}

#[tokio::test]
async fn cookie_requests_from_another_page_cannot_change_anything() {
    let app = app().await;
    let cookie = format!("fossa_session={TOKEN}");
    let response = app
        .client
        .post(app.url("/api/pause"))
        .header("cookie", &cookie)
        .header("origin", "http://127.0.0.1:1")
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(!app.engine.status().await.unwrap().paused);
    // Reading with the cookie is fine from anywhere the browser sends it.
    let read = app
        .client
        .get(app.url("/api/status"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
}

#[tokio::test]
async fn non_loopback_addresses_are_refused_before_binding() {
    let app = app().await;
    for addr in ["0.0.0.0:0", "[::]:0", "192.168.1.10:8765", "10.0.0.1:80"] {
        let result = fossa_api::serve(
            fossa_core::engine::EngineHandle::local(Arc::clone(&app.engine)),
            addr.parse().unwrap(),
            ApiAuth::new(TOKEN),
            None,
        )
        .await;
        let Err(error) = result else {
            panic!("{addr} was accepted");
        };
        assert!(error.to_string().contains("loopback"), "{error}");
    }
    for addr in ["127.0.0.1:0", "127.0.0.2:0", "[::1]:0"] {
        assert!(
            fossa_api::check_loopback(addr.parse().unwrap()).is_ok(),
            "{addr}"
        );
    }
}

#[tokio::test]
async fn the_token_file_is_created_once_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let first = ApiAuth::load_or_create(dir.path()).unwrap();
    let second = ApiAuth::load_or_create(dir.path()).unwrap();
    assert_eq!(first.token(), second.token());
    assert_eq!(first.token().len(), 64);
    let stored = std::fs::read_to_string(dir.path().join("api-token")).unwrap();
    assert_eq!(stored.trim(), first.token());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("api-token"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let other = tempfile::tempdir().unwrap();
    assert_ne!(
        ApiAuth::load_or_create(other.path()).unwrap().token(),
        first.token()
    );
}

#[tokio::test]
async fn the_server_stops_cleanly_with_an_event_stream_open() {
    let mut app = app().await;
    let events = app.get("/api/events").await;
    assert_eq!(events.status(), StatusCode::OK);
    let server = app.server.take().unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(30), server.shutdown())
        .await
        .expect("shutdown waited for the open event stream");
    drop(events);
    assert!(app
        .client
        .get(app.url("/api/status"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .is_err());
}
