//! The login flow: CSRF token, session cookie, redirect targets, error block, throttling.

mod common;

use common::*;
use fossa_sim::{Faults, BAD_CREDENTIALS, MAX_FAILED_LOGINS, SESSION_COOKIE};
use reqwest::header::{RETRY_AFTER, SET_COOKIE};
use reqwest::StatusCode;

#[tokio::test]
async fn root_redirects_to_login_then_to_dashboard() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    let response = client.get(base.clone()).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), url(&base, "/login").to_string());

    login(&client, &base).await;
    let response = client.get(base.clone()).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(
        location(&response),
        url(&base, "/app/dashboard").to_string()
    );
}

#[tokio::test]
async fn login_page_sets_cookie_and_fresh_token() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    let first = client.get(url(&base, "/login")).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let cookie = first
        .headers()
        .get(SET_COOKIE)
        .expect("session cookie")
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with(&format!("{SESSION_COOKIE}=")),
        "{cookie}"
    );
    let html = first.text().await.unwrap();
    assert!(html.contains("<form name=\"login\" method=\"post\""));
    assert!(html.contains(&format!("action=\"{}\"", url(&base, "/login"))));
    assert!(html.contains("name=\"email\"") && html.contains("name=\"password\""));
    assert!(html.contains("name=\"remember\" value=\"1\""));
    assert!(!html.contains("alert-danger"));
    let token1 = token(&html);
    assert!(token1.len() >= 20);

    // Same session (no new cookie), new token.
    let second = client.get(url(&base, "/login")).send().await.unwrap();
    assert!(second.headers().get(SET_COOKIE).is_none());
    let token2 = token(&second.text().await.unwrap());
    assert_ne!(token1, token2);
    assert_eq!(sim.state().session_count(), 1);
}

#[tokio::test]
async fn good_login_reaches_dashboard_and_list() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();

    let response = client
        .get(url(&base, "/app/dashboard"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(location(&response).ends_with("/login"));

    let response = login_with(&client, &base, EMAIL, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(
        location(&response),
        url(&base, "/app/dashboard").to_string()
    );
    // The session id is regenerated on login.
    assert!(response.headers().get(SET_COOKIE).is_some());

    let (status, html) = get_page(&client, url(&base, "/app/dashboard")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Dashboard"));
    let (status, html) = get_page(&client, list_url(&base, 1, 25)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("work-list-item"));

    let stats = sim.state().stats();
    assert_eq!((stats.logins_ok, stats.logins_failed), (1, 0));
}

#[tokio::test]
async fn wrong_or_missing_token_is_419() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    client.get(url(&base, "/login")).send().await.unwrap();
    let form = [
        ("_token", "not-the-token"),
        ("email", EMAIL),
        ("password", PASSWORD),
    ];
    let response = client
        .post(url(&base, "/login"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 419);

    // No session cookie at all.
    let fresh = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = fresh
        .post(url(&base, "/login"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 419);

    let (status, _) = get_page(&client, url(&base, "/app/dashboard")).await;
    assert_eq!(status, StatusCode::FOUND);
}

#[tokio::test]
async fn bad_credentials_redirect_to_login_with_error_block_once() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    let response = login_with(&client, &base, EMAIL, "wrong").await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), url(&base, "/login").to_string());

    let (_, html) = get_page(&client, url(&base, "/login")).await;
    assert!(html.contains(&format!(
        "<div class=\"alert alert-danger\">{BAD_CREDENTIALS}</div>"
    )));
    let (_, html) = get_page(&client, url(&base, "/login")).await;
    assert!(!html.contains("alert-danger"), "the error block shows once");

    let (status, _) = get_page(&client, list_url(&base, 1, 25)).await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(sim.state().stats().logins_failed, 1);
}

#[tokio::test]
async fn reject_credentials_fault_and_changed_password() {
    let sim = server().await;
    let base = sim.base_url();
    let state = sim.state();
    state.set_faults(Faults {
        reject_credentials: true,
        ..Faults::default()
    });
    let response = login_with(&client(), &base, EMAIL, PASSWORD).await;
    assert!(location(&response).ends_with("/login"));

    state.set_faults(Faults::default());
    state.set_credentials("new@example.com", "new-password");
    let response = login_with(&client(), &base, EMAIL, PASSWORD).await;
    assert!(location(&response).ends_with("/login"));
    let response = login_with(&client(), &base, "new@example.com", "new-password").await;
    assert!(location(&response).ends_with("/app/dashboard"));
    assert_eq!(state.stats().logins_failed, 2);
    assert_eq!(state.stats().logins_ok, 1);
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_retry_after() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    for _ in 0..MAX_FAILED_LOGINS {
        let response = login_with(&client, &base, EMAIL, "wrong").await;
        assert_eq!(response.status(), StatusCode::FOUND);
    }
    // Even the right password is refused now.
    let response = login_with(&client, &base, EMAIL, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = response
        .headers()
        .get(RETRY_AFTER)
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(sim.state().stats().logins_ok, 0);
}

#[tokio::test]
async fn unauthenticated_app_pages_redirect_and_logout_ends_session() {
    let sim = server().await;
    let base = sim.base_url();
    let client = client();
    for path in [
        "/app/work/list",
        "/app/customers/locations/1/",
        "/app/dashboard",
    ] {
        let response = client.get(url(&base, path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FOUND, "{path}");
        assert!(location(&response).ends_with("/login"), "{path}");
    }
    login(&client, &base).await;
    let (status, _) = get_page(&client, url(&base, "/app/customers/")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let response = client.post(url(&base, "/logout")).send().await.unwrap();
    assert!(location(&response).ends_with("/login"));
    let (status, _) = get_page(&client, url(&base, "/app/dashboard")).await;
    assert_eq!(status, StatusCode::FOUND);
}
