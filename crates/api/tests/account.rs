//! The account routes and "Test login" against the simulated site. One test in this binary, so
//! setting `FOSSA_SYNC_NO_KEYRING` (passwords go to the 0600 file, never the real keyring) races
//! with nothing.

mod common;

use common::{app_with_site, expect_error, expect_json, EMAIL, PASSWORD};
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn account_show_set_and_test_login() {
    std::env::set_var("FOSSA_SYNC_NO_KEYRING", "1");
    let app = app_with_site(3).await;
    let site = app.sim.as_ref().unwrap().base_url().to_string();

    let account = app.get_json("/api/account").await;
    assert_eq!(account["email"], EMAIL);
    assert_eq!(account["password_store"], "file");
    assert_eq!(account["from_environment"], false);
    assert!(account.get("password").is_none());
    let ok = expect_json(app.post("/api/account/test").await, StatusCode::OK).await;
    assert_eq!(ok, json!({"ok": true}));

    // Bad values: 422 naming the field, nothing stored.
    let cases = [
        (
            json!({"email": "nobody", "password": "x", "site_url": null}),
            "email",
        ),
        (
            json!({"email": EMAIL, "password": "x", "site_url": "ftp://x"}),
            "site_url",
        ),
        (
            json!({"email": 42, "password": null, "site_url": null}),
            "email",
        ),
        (json!({"password": "x"}), "email"),
        (
            json!({"email": "new@example.com", "password": "x", "site_url": null, "bogus": 1}),
            "bogus",
        ),
        (json!({"email": EMAIL, "username": "me"}), "username"),
    ];
    for (body, field) in cases {
        let got = expect_error(
            app.send_json(Method::PUT, "/api/account", &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(got.as_deref(), Some(field), "{body}");
        assert_eq!(app.get_json("/api/account").await, account, "{body}");
    }

    // A new email keeping the stored password (null): the login now fails, with one sentence.
    let changed = expect_json(
        app.send_json(
            Method::PUT,
            "/api/account",
            &json!({"email": "other@example.com", "password": null, "site_url": null}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["email"], "other@example.com");
    assert_eq!(changed["site_url"].as_str().unwrap(), site);
    let response = app.post("/api/account/test").await;
    let body = expect_json(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(
        body["error"].as_str().unwrap().contains("rejected"),
        "{body}"
    );

    // Back to the right account with the password given again.
    let restored = expect_json(
        app.send_json(
            Method::PUT,
            "/api/account",
            &json!({"email": EMAIL, "password": PASSWORD, "site_url": site}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(restored["email"], EMAIL);
    assert!(!restored.to_string().contains(PASSWORD));
    expect_json(app.post("/api/account/test").await, StatusCode::OK).await;
}
