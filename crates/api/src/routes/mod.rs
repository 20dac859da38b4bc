//! The `/api/*` routes, one module per domain; each handler is a few lines over the engine.

mod data;
mod runs;
mod schedules;
mod settings;

use crate::auth::{self, ApiAuth};
use crate::error::ApiError;
use crate::sse;
use axum::extract::FromRef;
use axum::routing::get;
use axum::Router;
use fossa_core::engine::EngineHandle;
use serde::Serialize;
use tokio_util::sync::CancellationToken;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The engine, through the handle every shell uses.
    pub engine: EngineHandle,
    pub auth: ApiAuth,
    /// Cancelled when the server stops, so open event streams end.
    pub shutdown: CancellationToken,
}

impl FromRef<AppState> for ApiAuth {
    fn from_ref(state: &AppState) -> Self {
        state.auth.clone()
    }
}

/// `{"ok": true}`, the answer of the test operations.
#[derive(Serialize)]
pub struct Done {
    ok: bool,
}

pub const DONE: Done = Done { ok: true };

/// Every `/api/*` route behind the token check.
pub fn api(state: AppState) -> Router {
    Router::new()
        .merge(schedules::routes())
        .merge(runs::routes())
        .merge(data::routes())
        .merge(settings::routes())
        .route("/api/events", get(sse::events))
        .route(
            "/api/{*rest}",
            get(unknown).post(unknown).put(unknown).delete(unknown),
        )
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(axum::middleware::from_fn_with_state(
            state.auth.clone(),
            auth::require_token,
        ))
        .route("/login", get(auth::login))
        .with_state(state)
}

async fn unknown() -> ApiError {
    ApiError::not_found("There is no such API route; see docs/api.md.")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "This route does not take that method; see docs/api.md.",
    )
}
