//! The schedule routes: `/api/scraping-schedules/...` (list, one, create, change, delete,
//! trigger, history) and `POST /api/schedule/preview`.
//!
//! A schedule's id is its job type (`work_orders`); an unknown one is 404 in the path and 422 in a
//! body.

use super::AppState;
use crate::error::{parse_value, ApiError, ApiResult, JsonBody, Params};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use fossa_core::engine::ScheduleView;
use fossa_core::model::{JobType, RunRecord, RunStatus, Trigger};
use fossa_core::schedule::ScheduleConfig;
use fossa_core::store::HistoryFilter;
use serde::{Deserialize, Serialize};

/// The most instants one preview returns.
const MAX_PREVIEW: usize = 500;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/scraping-schedules", get(list).post(create))
        .route("/api/scraping-schedules/", get(list).post(create))
        .route(
            "/api/scraping-schedules/{id}",
            get(one).put(change).delete(reset),
        )
        .route("/api/scraping-schedules/{id}/trigger", post(trigger))
        .route("/api/scraping-schedules/history/{job_type}", get(history))
        .route("/api/schedule/preview", post(preview))
}

/// The job type named in a path; anything else is 404.
fn job_in_path(id: &str) -> ApiResult<JobType> {
    JobType::parse(id).ok_or_else(|| {
        ApiError::not_found(format!(
            "There is no schedule {id:?}; the schedules are: {}.",
            known_job_types()
        ))
    })
}

fn known_job_types() -> String {
    JobType::ALL.map(JobType::as_str).join(", ")
}

async fn list(State(state): State<AppState>) -> ApiResult<Json<Vec<ScheduleView>>> {
    Ok(Json(vec![state.engine.schedule().await?]))
}

async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<ScheduleView>> {
    job_in_path(&id)?;
    Ok(Json(state.engine.schedule().await?))
}

#[derive(Deserialize)]
struct NewSchedule {
    job_type: String,
    #[serde(flatten)]
    config: ScheduleConfig,
}

/// Creates a job type's schedule; every known job type has one from the engine's first start on,
/// so in practice this answers 409 unless the data dir is brand new.
async fn create(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<NewSchedule>,
) -> ApiResult<(StatusCode, Json<ScheduleView>)> {
    let job = JobType::parse(&body.job_type).ok_or_else(|| {
        ApiError::invalid(
            "job_type",
            format!(
                "Invalid value for job_type: {:?} is not a job type ({}).",
                body.job_type,
                known_job_types()
            ),
        )
    })?;
    let view = state.engine.create_schedule(job, body.config).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// Changes the schedule: the fields sent replace the stored ones, omitted fields keep theirs.
async fn change(
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(changes): JsonBody<serde_json::Map<String, serde_json::Value>>,
) -> ApiResult<Json<ScheduleView>> {
    job_in_path(&id)?;
    let current = state.engine.schedule().await?.config;
    let config: ScheduleConfig = parse_value(merge(&current, changes)?)?;
    Ok(Json(state.engine.set_schedule(config).await?))
}

/// The stored configuration with the given fields replaced.
fn merge(
    current: &ScheduleConfig,
    changes: serde_json::Map<String, serde_json::Value>,
) -> ApiResult<serde_json::Value> {
    let mut merged = serde_json::to_value(current)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    if let Some(fields) = merged.as_object_mut() {
        fields.extend(changes);
    }
    Ok(merged)
}

async fn reset(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<StatusCode> {
    job_in_path(&id)?;
    state.engine.reset_schedule().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize)]
struct Triggered {
    run_id: i64,
}

async fn trigger(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<Triggered>)> {
    job_in_path(&id)?;
    let run_id = state.engine.start_sync().await?;
    Ok((StatusCode::ACCEPTED, Json(Triggered { run_id })))
}

async fn history(
    State(state): State<AppState>,
    Path(job_type): Path<String>,
    params: Params,
) -> ApiResult<Json<Vec<RunRecord>>> {
    let job = job_in_path(&job_type)?;
    let filter = HistoryFilter {
        job_type: Some(job),
        status: params.parse_with(
            "status",
            "a run status (running, success, failed, interrupted, skipped)",
            RunStatus::parse,
        )?,
        trigger: params.parse_with(
            "trigger",
            "a trigger (scheduled, manual, catch-up)",
            Trigger::parse,
        )?,
        since: params.instant("since")?,
        until: params.instant("until")?,
        limit: params.get("limit", "a whole number")?,
        offset: params.get("offset", "a whole number")?,
    };
    Ok(Json(state.engine.history(&filter).await?))
}

#[derive(Deserialize)]
struct PreviewRequest {
    #[serde(default)]
    config: Option<ScheduleConfig>,
    #[serde(default)]
    from: Option<DateTime<Utc>>,
    #[serde(default)]
    count: Option<usize>,
}

/// The next fire instants as RFC3339 strings with the schedule zone's offsets.
async fn preview(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<PreviewRequest>,
) -> ApiResult<Json<Vec<String>>> {
    let count = request.count.unwrap_or(5);
    if count > MAX_PREVIEW {
        return Err(ApiError::invalid(
            "count",
            format!("Invalid value for count: a preview lists at most {MAX_PREVIEW} instants."),
        ));
    }
    let given = request.config.is_some();
    let fires = state
        .engine
        .preview(request.config, request.from, count)
        .await
        .map_err(|error| {
            let error = ApiError::from(error);
            if given {
                error.within("config")
            } else {
                error
            }
        })?;
    Ok(Json(fires.iter().map(DateTime::to_rfc3339).collect()))
}
