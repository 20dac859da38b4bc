//! The schedule routes: `/api/scraping-schedules/...` (list, one, create, change, delete,
//! trigger, history) and `POST /api/schedule/preview`.
//!
//! A schedule's id is its job type (`work_orders`); an unknown one is 404 in the path and 422 in a
//! body (`schedule_type`). Bodies are [`ScheduleRequest`]s: the interval in minutes or hours,
//! active hours as text or whole hours, and no field besides.

use super::AppState;
use crate::error::{ApiError, ApiResult, JsonBody, Params};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use fossa_core::engine::ScheduleView;
use fossa_core::error::EngineError;
use fossa_core::model::{JobType, RunRecord, RunStatus, Trigger};
use fossa_core::schedule::{ScheduleConfig, ScheduleRequest};
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
    Ok(Json(state.engine.schedules().await?))
}

async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<ScheduleView>> {
    let job = job_in_path(&id)?;
    Ok(Json(state.engine.schedule_of(job).await?))
}

/// The job named by a body's `schedule_type` (or its older name `job_type`); 422 naming
/// `schedule_type` when it is missing or names no job.
fn job_in_body(name: Option<&str>) -> ApiResult<JobType> {
    let Some(name) = name else {
        return Err(ApiError::invalid(
            "schedule_type",
            format!(
                "Invalid value for schedule_type: name the job the schedule is for ({}).",
                known_job_types()
            ),
        ));
    };
    JobType::parse(name).ok_or_else(|| {
        ApiError::invalid(
            "schedule_type",
            format!(
                "Invalid value for schedule_type: {name:?} is not a job ({}).",
                known_job_types()
            ),
        )
    })
}

/// The fields sent laid over `base`; a bad `interval_hours` names it.
fn applied(request: &ScheduleRequest, base: &ScheduleConfig) -> ApiResult<ScheduleConfig> {
    request
        .apply(base)
        .map_err(|error| ApiError::from(EngineError::from(error)))
}

/// Creates the named job's schedule (201; omitted fields take the defaults), or, when it exists,
/// changes it like `PUT` (200; omitted fields keep their stored values).
async fn create(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ScheduleRequest>,
) -> ApiResult<(StatusCode, Json<ScheduleView>)> {
    let job = job_in_body(request.schedule_type.as_deref())?;
    let config = applied(&request, &ScheduleConfig::default())?;
    match state.engine.create_schedule(job, config).await {
        Ok(view) => Ok((StatusCode::CREATED, Json(view))),
        Err(EngineError::Conflict(_)) => {
            let current = state.engine.schedule_of(job).await?.config;
            let config = applied(&request, &current)?;
            Ok((
                StatusCode::OK,
                Json(state.engine.set_schedule_of(job, config).await?),
            ))
        }
        Err(error) => Err(error.into()),
    }
}

/// Changes the schedule: the fields sent replace the stored ones, omitted fields keep theirs.
async fn change(
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<ScheduleRequest>,
) -> ApiResult<Json<ScheduleView>> {
    let job = job_in_path(&id)?;
    if request.schedule_type.is_some() && job_in_body(request.schedule_type.as_deref())? != job {
        return Err(ApiError::invalid(
            "schedule_type",
            format!("Invalid value for schedule_type: this is the {job} schedule."),
        ));
    }
    let current = state.engine.schedule_of(job).await?.config;
    let config = applied(&request, &current)?;
    Ok(Json(state.engine.set_schedule_of(job, config).await?))
}

async fn reset(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult<StatusCode> {
    let job = job_in_path(&id)?;
    state.engine.reset_schedule_of(job).await?;
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
    let job = job_in_path(&id)?;
    let run_id = state.engine.start_job(job).await?;
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
#[serde(deny_unknown_fields)]
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
