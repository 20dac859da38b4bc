//! Settings and the account: `GET/PUT /api/settings`, `GET/PUT /api/account`, the checks
//! `POST /api/account/test`, `/api/notifications/test-email`, `/api/notifications/test-webhook`,
//! and leaving the demo: `POST /api/demo/leave`.

use super::{AppState, Done, DONE};
use crate::error::{ApiResult, JsonBody};
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use fossa_core::credentials::AccountInfo;
use fossa_core::engine::{AccountUpdate, DemoLeft};
use fossa_core::settings::Settings;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/settings", get(settings).put(set_settings))
        .route("/api/account", get(account).put(set_account))
        .route("/api/account/test", post(test_login))
        .route("/api/notifications/test-email", post(test_email))
        .route("/api/notifications/test-webhook", post(test_webhook))
        .route("/api/demo/leave", post(leave_demo))
}

async fn settings(State(state): State<AppState>) -> ApiResult<Json<Settings>> {
    Ok(Json(state.engine.settings().await?))
}

async fn set_settings(
    State(state): State<AppState>,
    JsonBody(settings): JsonBody<Settings>,
) -> ApiResult<Json<Settings>> {
    Ok(Json(state.engine.set_settings(settings).await?))
}

async fn account(State(state): State<AppState>) -> ApiResult<Json<AccountInfo>> {
    Ok(Json(state.engine.account().await?))
}

async fn set_account(
    State(state): State<AppState>,
    JsonBody(update): JsonBody<AccountUpdate>,
) -> ApiResult<Json<AccountInfo>> {
    Ok(Json(state.engine.set_account(update).await?))
}

async fn test_login(State(state): State<AppState>) -> ApiResult<Json<Done>> {
    state.engine.test_login().await?;
    Ok(Json(DONE))
}

async fn test_email(State(state): State<AppState>) -> ApiResult<Json<Done>> {
    state.engine.send_test_email().await?;
    Ok(Json(DONE))
}

async fn test_webhook(State(state): State<AppState>) -> ApiResult<Json<Done>> {
    state.engine.send_test_webhook().await?;
    Ok(Json(DONE))
}

/// Removes the demo's work orders, syncs and account from this data dir (`left: false` when it
/// is not the demo's); 409 while a sync runs.
async fn leave_demo(State(state): State<AppState>) -> ApiResult<Json<DemoLeft>> {
    Ok(Json(state.engine.leave_demo().await?))
}
