//! The web UI at `/` without auth: files by path with their content types, `index.html` for
//! client-side routes, 404 for missing assets and for paths leaving the UI dir, and a "not built"
//! page when there is no UI.

mod common;

use common::{app, app_with_ui, App};
use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn the_built_ui_is_served_without_auth() {
    let ui = tempfile::tempdir().unwrap();
    std::fs::write(
        ui.path().join("index.html"),
        "<!doctype html><title>Fossa UI</title>",
    )
    .unwrap();
    std::fs::create_dir(ui.path().join("assets")).unwrap();
    std::fs::write(ui.path().join("assets/app.js"), "console.log('fossa');").unwrap();
    std::fs::write(ui.path().join("assets/app.css"), "body{}").unwrap();
    let outside = ui.path().parent().unwrap().join("secret.txt");
    let app = app_with_ui(ui.path().to_path_buf()).await;

    for path in ["/", "/index.html", "/settings", "/history/12"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert!(
            response.text().await.unwrap().contains("Fossa UI"),
            "{path}"
        );
    }
    let script = app
        .client
        .get(app.url("/assets/app.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), StatusCode::OK);
    assert!(script.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(
        script.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(script.headers()["x-content-type-options"], "nosniff");
    assert_eq!(script.headers()["cache-control"], "no-cache");
    assert_eq!(script.text().await.unwrap(), "console.log('fossa');");
    let posted = app
        .client
        .post(app.url("/assets/app.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::METHOD_NOT_ALLOWED);
    let style = app
        .client
        .get(app.url("/assets/app.css"))
        .send()
        .await
        .unwrap();
    assert!(style.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));

    let missing = app
        .client
        .get(app.url("/assets/gone.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let _ = std::fs::write(&outside, "do not serve");
    for path in [
        "/../secret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/%2e%2e/secret.txt",
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        let body = response.text().await.unwrap();
        assert!(!body.contains("do not serve"), "{path} escaped the UI dir");
    }
    let _ = std::fs::remove_file(&outside);
}

#[tokio::test]
async fn without_a_built_ui_the_root_says_how_to_build_it() {
    let app = app().await;
    let response = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.text().await.unwrap();
    assert!(body.contains("not built"), "{body}");
    assert!(body.contains("npm run build"), "{body}");
    let other = app
        .client
        .get(app.url("/assets/app.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
}

/// Sends `GET path` as written (reqwest would normalise `..` and `%2e%2e` away) and returns the
/// whole response as text.
async fn raw_get(app: &App, path: &str) -> String {
    let addr = app.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr)
        .await
        .expect("connect to the API");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("send the request");
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .await
        .expect("read the response");
    String::from_utf8_lossy(&response).into_owned()
}

#[tokio::test]
async fn raw_paths_leaving_the_ui_dir_are_refused() {
    let parent = tempfile::tempdir().unwrap();
    let ui = parent.path().join("dist");
    std::fs::create_dir_all(ui.join("assets")).unwrap();
    std::fs::write(ui.join("index.html"), "<title>Fossa UI</title>").unwrap();
    std::fs::write(parent.path().join("secret.txt"), "do not serve").unwrap();
    let app = app_with_ui(ui).await;

    for path in [
        "/../secret.txt",
        "/assets/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/a%00b.txt",
    ] {
        let response = raw_get(&app, path).await;
        assert!(
            !response.contains("do not serve"),
            "{path} escaped the UI dir"
        );
        let status = response.lines().next().unwrap_or_default();
        assert!(
            status.contains(" 404 ") || status.contains(" 400 "),
            "{path}: {status}"
        );
    }
    // A directory or an unknown path without an extension is a client-side route.
    for path in ["/assets", "/assets/", "/history/12"] {
        let response = raw_get(&app, path).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{path}: {response}");
        assert!(response.contains("Fossa UI"), "{path}");
    }
}
