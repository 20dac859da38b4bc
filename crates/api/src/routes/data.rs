//! The synced data: `GET /api/work-orders`, `GET /api/dispensers`, `GET /api/changes`,
//! `GET /api/stats/daily`.

use super::AppState;
use crate::error::{ApiResult, Params};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use fossa_core::engine::{DailyStat, WorkOrderView};
use fossa_core::model::JobType;
use fossa_core::store::{ChangeRecord, StoredDispenser, WorkOrderQuery};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/work-orders", get(work_orders))
        .route("/api/dispensers", get(dispensers))
        .route("/api/changes", get(changes))
        .route("/api/stats/daily", get(daily_stats))
}

async fn work_orders(
    State(state): State<AppState>,
    params: Params,
) -> ApiResult<Json<Vec<WorkOrderView>>> {
    let query = WorkOrderQuery {
        search: params.text("search").map(str::to_string),
        category: params.text("category").map(str::to_string),
        include_removed: params
            .get("include_removed", "true or false")?
            .unwrap_or(false),
    };
    Ok(Json(state.engine.work_orders(&query).await?))
}

/// `?location=ID`: one station's dispensers (404 when no work order links to it); without it,
/// every stored dispenser.
async fn dispensers(
    State(state): State<AppState>,
    params: Params,
) -> ApiResult<Json<Vec<StoredDispenser>>> {
    let location = params.get("location", "a location id (a whole number)")?;
    Ok(Json(state.engine.dispensers(location).await?))
}

async fn changes(
    State(state): State<AppState>,
    params: Params,
) -> ApiResult<Json<Vec<ChangeRecord>>> {
    let run = params.get("run", "a run id")?;
    if let Some(id) = run {
        // An unknown run is 404, not an empty list.
        state.engine.run(id).await?;
    }
    let since = params.instant("since")?;
    Ok(Json(state.engine.changes(run, since).await?))
}

async fn daily_stats(
    State(state): State<AppState>,
    params: Params,
) -> ApiResult<Json<Vec<DailyStat>>> {
    let days = params.get("days", "a whole number of days")?.unwrap_or(30);
    let job = params
        .parse_with("job", "a job (work_orders, dispensers)", JobType::parse)?
        .unwrap_or(JobType::WorkOrders);
    Ok(Json(state.engine.daily_stats_of(days, job).await?))
}
