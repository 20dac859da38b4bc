//! Status and control: `GET /api/status`, `POST /api/pause`, `POST /api/resume`, and one run
//! (`GET /api/runs/{id}`).

use super::AppState;
use crate::error::{ApiError, ApiResult, JsonBody};
use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use fossa_core::engine::PauseRequest;
use fossa_core::model::{RunRecord, Status};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/status", get(status))
        .route("/api/pause", post(pause))
        .route("/api/resume", post(resume))
        .route("/api/runs/{id}", get(run))
}

async fn status(State(state): State<AppState>) -> ApiResult<Json<Status>> {
    Ok(Json(state.engine.status().await?))
}

/// `{"until": T}`, `{"minutes": N}`, `{"until_tomorrow": true}` or `{}` (indefinitely).
async fn pause(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<PauseRequest>,
) -> ApiResult<Json<Status>> {
    Ok(Json(state.engine.pause_with(&request).await?))
}

async fn resume(State(state): State<AppState>) -> ApiResult<Json<Status>> {
    Ok(Json(state.engine.resume().await?))
}

async fn run(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<RunRecord>> {
    let id = id
        .parse::<i64>()
        .map_err(|_| ApiError::not_found(format!("No run with id {id:?}.")))?;
    Ok(Json(state.engine.run(id).await?))
}
