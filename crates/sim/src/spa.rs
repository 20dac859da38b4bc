//! Application mode: the list page as the real site's single-page application serves it.
//!
//! - `GET /app/work/list?…` answers an application shell: the captured `<head>`, an empty
//!   `<div class="full-height" id="app" data-render-delay="…">` and the module script;
//! - `GET /build/js/app.3f9c2a1b.js` is that script (`html/app.js`, hand-written, no build):
//!   it shows a `div.loader-line` for `data-render-delay` milliseconds
//!   ([`crate::Faults::spa_render_delay_ms`]), then fetches the fragment endpoint with the
//!   page's query and puts the answer into `#app`; the list paginator's links turn pages;
//! - `GET /app/api/work/list?…` is the fragment endpoint: the inner HTML of `#app` exactly as
//!   the HTTP mode's list page has it, with every list fault, counted as a list page; `401`
//!   when the session is not logged in (the script then goes to `/login`).
//! - a location page (`crate::location`) answers the same shell with `data-fragment` naming its
//!   own fragment endpoint, which the script fetches instead.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::list::{html_response, serve_list, ListQuery};
use crate::render::{render_list_fragment, APP_OPEN, HEAD};
use crate::routes::session_id;
use crate::state::SimState;

/// Where the shell loads its script from.
pub const APP_SCRIPT_PATH: &str = "/build/js/app.3f9c2a1b.js";

/// The fragment endpoint the script fetches (with the page's query string).
pub const FRAGMENT_PATH: &str = "/app/api/work/list";

/// The script itself.
const APP_JS: &str = include_str!("html/app.js");

/// The real site's host in the captured `<head>`: the shell links its assets relatively, so
/// that a browser on the simulated site never reaches out to the real one.
const REAL_ORIGIN: &str = "https://app.workfossa.com/";

/// The application shell the list URL answers in application mode: no rows, no empty state.
pub fn render_app_shell(render_delay_ms: u64) -> String {
    render_shell_for(render_delay_ms, FRAGMENT_PATH)
}

/// An application shell whose script fetches `fragment_path` (given to it in `#app`'s
/// `data-fragment` unless it is the list's) into `#app`.
pub(crate) fn render_shell_for(render_delay_ms: u64, fragment_path: &str) -> String {
    let head = HEAD.replace(REAL_ORIGIN, "/");
    let open = APP_OPEN.trim_end_matches('>');
    // The list's shell names no fragment: the script's default.
    let fragment = if fragment_path == FRAGMENT_PATH {
        String::new()
    } else {
        format!(" data-fragment=\"{}\"", crate::pages::escape(fragment_path))
    };
    format!(
        "{head}{open} data-render-delay=\"{render_delay_ms}\"{fragment}></div>\n\
         <script type=\"module\" src=\"{APP_SCRIPT_PATH}\"></script>\n</body></html>\n"
    )
}

/// The fragment endpoints' `401` (the script then goes to `/login`).
pub(crate) fn unauthenticated() -> Response {
    let mut response = (
        StatusCode::UNAUTHORIZED,
        "{\"message\":\"Unauthenticated.\"}",
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// Static assets (`/build/...`, `/favicon.ico`), outside the fault layer and the request
/// counter as a CDN would be: the script, and a quick `404` for the stylesheets the captured
/// `<head>` links, so that a browser's asset requests never use up a fault meant for a page.
pub(crate) fn assets_router() -> Router<SimState> {
    Router::new()
        .route("/build/{*path}", get(build_asset))
        .route("/favicon.ico", get(|| async { StatusCode::NOT_FOUND }))
}

async fn build_asset(Path(path): Path<String>) -> Response {
    if format!("/build/{path}") != APP_SCRIPT_PATH {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut response = APP_JS.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    response
}

/// `GET /app/api/work/list?…`: the inner HTML of `#app` for that page, or `401`.
pub(crate) async fn work_list_fragment(
    State(state): State<SimState>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Response {
    match serve_list(&state, session_id(&headers), &query) {
        Some(served) => {
            let html = render_list_fragment(&served.params(&query));
            let mut response = html_response(html, served.delivery);
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        None => unauthenticated(),
    }
}
