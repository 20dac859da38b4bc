//! The built web UI (`ui/dist`) at `/`, without auth: files by path, `index.html` for any other
//! path without a file extension (client-side routes). Without a built UI, `/` answers a short page
//! saying how to build it.

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, Method, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use std::path::{Component, Path, PathBuf};

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

/// Answers a GET for anything outside `/api` and `/login`.
pub async fn serve(ui_dir: Option<PathBuf>, method: Method, uri: Uri) -> Response {
    if !matches!(method, Method::GET | Method::HEAD) {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let path = uri.path();
    let Some(root) = ui_dir else {
        return if path == "/" || path == "/index.html" {
            Html(NOT_BUILT).into_response()
        } else {
            (
                StatusCode::NOT_FOUND,
                "Not found (the web UI is not built).",
            )
                .into_response()
        };
    };
    let Some(relative) = safe_relative(path) else {
        return (StatusCode::NOT_FOUND, "Not found.").into_response();
    };
    let file = root.join(&relative);
    if relative.as_os_str().is_empty() || file.is_dir() {
        return send(&root.join("index.html")).await;
    }
    match send(&file).await {
        response if response.status() != StatusCode::NOT_FOUND => response,
        not_found if relative.extension().is_some() => not_found,
        _ => send(&root.join("index.html")).await,
    }
}

/// The URL path as a relative path with only normal components (no `..`, no root, no prefix).
fn safe_relative(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path.trim_start_matches('/'))?;
    let relative = PathBuf::from(decoded);
    relative
        .components()
        .all(|component| matches!(component, Component::Normal(_)))
        .then_some(relative)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' => {
                let hex = text.get(index + 1..index + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                index += 3;
            }
            byte => {
                out.push(byte);
                index += 1;
            }
        }
    }
    let decoded = String::from_utf8(out).ok()?;
    (!decoded.contains('\0') && !decoded.contains('\\')).then_some(decoded)
}

async fn send(file: &Path) -> Response {
    match tokio::fs::read(file).await {
        Ok(bytes) => {
            let mut response = Body::from(bytes).into_response();
            let headers = response.headers_mut();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type(file)));
            headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            headers.insert(
                "x-content-type-options",
                HeaderValue::from_static("nosniff"),
            );
            response
        }
        Err(_) => (StatusCode::NOT_FOUND, "Not found.").into_response(),
    }
}

fn content_type(file: &Path) -> &'static str {
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff") => "font/woff",
        Some("woff2") => "font/woff2",
        Some("ttf") => "font/ttf",
        Some("txt") => "text/plain; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_ui_dir_are_refused() {
        assert_eq!(
            safe_relative("/assets/app.js"),
            Some(PathBuf::from("assets/app.js"))
        );
        assert_eq!(safe_relative("/"), Some(PathBuf::new()));
        assert_eq!(safe_relative("/../secret"), None);
        assert_eq!(safe_relative("/assets/%2e%2e/%2e%2e/x"), None);
        assert_eq!(
            safe_relative("//etc/passwd"),
            Some(PathBuf::from("etc/passwd"))
        );
        assert_eq!(safe_relative("/a%00b"), None);
        assert_eq!(safe_relative("/a%5c..%5cb"), None);
    }
}
