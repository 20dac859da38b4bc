//! Fault knobs: the ways the real site misbehaves, switchable at any time.
//!
//! The per-request faults (latency, 503, 429) are applied by [`apply`], a middleware on every
//! site route (never on `/_sim/...`); the list-page faults are read by the list handler.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::pages::simple_page;
use crate::pagination::Paginator;
use crate::state::SimState;

/// The fault knobs. `Default` is a well-behaved site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Sleep this long before answering each request.
    pub latency_ms: u64,
    /// The next N requests (any site route) answer `503`.
    pub fail_next_5xx: u32,
    /// The next N requests answer `429` with `Retry-After: retry_after_secs`.
    pub rate_limit_next: u32,
    /// `Retry-After` of the `rate_limit_next` answers (and nothing else).
    pub retry_after_secs: u64,
    /// After N list pages served to a session, the session is dropped.
    pub session_expires_every_pages: Option<u32>,
    /// List rows rendered with other class names (`work-row`), no empty state.
    pub changed_layout: bool,
    /// The list shows its empty state.
    pub empty_list: bool,
    /// The next N list pages send part of the body and then abort the connection.
    pub drop_connection_next: u32,
    /// List pages send part of the body, stall this long, then send the rest.
    pub slow_body_ms: Option<u64>,
    /// Every login is rejected as bad credentials.
    pub reject_credentials: bool,
    /// The list uses 25 rows a page whatever `limit` says.
    pub ignore_page_size: bool,
    /// The list serves page 1 whatever `page` says (the script turns pages; the URL is
    /// ignored).
    pub ignore_page: bool,
    /// The list paginator's shape. Not a fault but a variant of the real site; it lives here
    /// so that `PUT /_sim/faults` can switch it while the site runs.
    pub paginator: Paginator,
    /// Application mode ([`crate::SimOptions::spa`]): how long the list page's script shows
    /// only a loader before it fetches and renders the rows, on load and after each page turn.
    pub spa_render_delay_ms: u64,
    /// Location ids whose page says `Could not find this location. It may have been deleted.`
    /// although work orders still link to them.
    pub deleted_locations: Vec<i64>,
    /// Location ids whose equipment tab has other groups but no `Dispenser` group.
    pub locations_without_dispensers: Vec<i64>,
    /// Location ids whose page is one the parser does not know: a heading and no tabs (a
    /// redesigned page), so reading it fails that location only.
    pub unrecognised_locations: Vec<i64>,
}

impl Default for Faults {
    fn default() -> Self {
        Self {
            latency_ms: 0,
            fail_next_5xx: 0,
            rate_limit_next: 0,
            retry_after_secs: 1,
            session_expires_every_pages: None,
            changed_layout: false,
            empty_list: false,
            drop_connection_next: 0,
            slow_body_ms: None,
            reject_credentials: false,
            ignore_page_size: false,
            ignore_page: false,
            paginator: Paginator::Simple,
            spa_render_delay_ms: 150,
            deleted_locations: Vec::new(),
            locations_without_dispensers: Vec::new(),
            unrecognised_locations: Vec::new(),
        }
    }
}

/// What the middleware decided for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    Pass,
    Unavailable,
    RateLimited { retry_after_secs: u64 },
}

/// Counts the request, sleeps the latency, then answers `503`/`429` or passes it on.
pub(crate) async fn apply(State(state): State<SimState>, req: Request, next: Next) -> Response {
    let (latency_ms, gate) = state.gate_request();
    if latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    }
    match gate {
        Gate::Pass => next.run(req).await,
        Gate::Unavailable => (
            StatusCode::SERVICE_UNAVAILABLE,
            Html(simple_page(
                "Service Unavailable",
                "503 | Service Unavailable",
            )),
        )
            .into_response(),
        Gate::RateLimited { retry_after_secs } => too_many_requests(retry_after_secs),
    }
}

/// A `429` answer with `Retry-After`.
pub(crate) fn too_many_requests(retry_after_secs: u64) -> Response {
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        Html(simple_page("Too Many Requests", "429 | Too Many Requests")),
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}
