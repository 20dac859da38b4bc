//! The built web UI (`ui/dist`) at `/`, without auth, served by tower-http's [`ServeDir`]: files
//! by path (which refuses `..` and other paths leaving the directory), `index.html` for any other
//! path without a file extension (client-side routes). Without a built UI, `/` answers a short page
//! saying how to build it.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use std::path::{Path, PathBuf};
use tower_http::services::{ServeDir, ServeFile};

/// The environment variable naming the UI directory.
pub const UI_DIR_ENV: &str = "FOSSA_SYNC_UI_DIR";

/// `$FOSSA_SYNC_UI_DIR`, else `<exe dir>/../../ui/dist` (a cargo build in the repo), else
/// `./ui/dist` — the first that is a directory.
pub fn default_ui_dir() -> Option<PathBuf> {
    let from_env = std::env::var_os(UI_DIR_ENV).map(PathBuf::from);
    let next_to_exe = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("../../ui/dist")));
    let here = Some(PathBuf::from("ui/dist"));
    [from_env, next_to_exe, here]
        .into_iter()
        .flatten()
        .find(|dir| dir.is_dir())
}

const NOT_BUILT: &str = "<!doctype html><html lang=en><meta charset=utf-8>\
<title>Fossa Sync</title><body style=\"font-family:sans-serif;max-width:40em;margin:3em auto\">\
<h1>Fossa Sync</h1><p>The API is running, but the web UI is not built.</p>\
<p>Build it with <code>cd ui &amp;&amp; npm ci &amp;&amp; npm run build</code>, or point \
<code>FOSSA_SYNC_UI_DIR</code> at a built <code>ui/dist</code>, then restart the daemon.</p>\
<p>The JSON API is at <code>/api/status</code> and the others in <code>docs/api.md</code>.</p>";

/// Answers a GET or HEAD for anything outside `/api` and `/login`.
pub async fn serve(ui_dir: Option<PathBuf>, request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let Some(root) = ui_dir else {
        return not_built(request.uri().path());
    };
    let client_route = Path::new(request.uri().path()).extension().is_none();
    let index_request = client_route.then(|| bare_copy(&request));
    let file = ServeDir::new(&root)
        .append_index_html_on_directories(false)
        .try_call(request)
        .await;
    let response = match (file, index_request) {
        (Ok(found), _) if found.status() != StatusCode::NOT_FOUND => Ok(found),
        (_, Some(index_request)) => {
            ServeFile::new(root.join("index.html"))
                .try_call(index_request)
                .await
        }
        (other, None) => other,
    };
    match response {
        Ok(response) if response.status() == StatusCode::NOT_FOUND => {
            (StatusCode::NOT_FOUND, "Not found.").into_response()
        }
        Ok(response) => with_ui_headers(response.map(Body::new)),
        Err(error) => {
            tracing::warn!(%error, "could not read a web UI file");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Could not read the web UI file.",
            )
                .into_response()
        }
    }
}

fn not_built(path: &str) -> Response {
    if path == "/" || path == "/index.html" {
        Html(NOT_BUILT).into_response()
    } else {
        (
            StatusCode::NOT_FOUND,
            "Not found (the web UI is not built).",
        )
            .into_response()
    }
}

/// The method and headers of `request` (for conditional and range requests) without its path,
/// to ask for `index.html` instead.
fn bare_copy(request: &Request) -> Request {
    let mut copy = Request::new(Body::empty());
    *copy.method_mut() = request.method().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}

/// Revalidate on every load (file names in `index.html` change with each build), no type
/// sniffing, and UTF-8 for text files (ServeDir names the type without a charset).
fn with_ui_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    add_utf8_charset(headers);
    response
}

fn add_utf8_charset(headers: &mut HeaderMap) {
    let Some(content_type) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return;
    };
    if content_type.starts_with("text/") && !content_type.contains("charset") {
        let with_charset = format!("{content_type}; charset=utf-8");
        if let Ok(value) = HeaderValue::from_str(&with_charset) {
            headers.insert(CONTENT_TYPE, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_types_get_a_utf8_charset_and_others_stay() {
        let typed = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(value));
            add_utf8_charset(&mut headers);
            headers[CONTENT_TYPE].to_str().unwrap().to_owned()
        };
        assert_eq!(typed("text/javascript"), "text/javascript; charset=utf-8");
        assert_eq!(
            typed("text/html; charset=latin1"),
            "text/html; charset=latin1"
        );
        assert_eq!(typed("image/png"), "image/png");
    }
}
