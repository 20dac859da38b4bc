//! Control endpoints for scripts and end-to-end tests (`/_sim/...`), outside the fault layer.
//!
//! - `GET /_sim/state`: counts, faults and stats as JSON;
//! - `GET|PUT /_sim/faults`: read or replace the fault knobs (JSON [`Faults`]);
//! - `POST /_sim/mutate`: `{ "add": n, "change": [numbers], "remove": [numbers] }`;
//! - `POST /_sim/churn`: one demo-mode churn step.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::faults::Faults;
use crate::state::{ChurnReport, SimState, SimStats};

/// `GET /_sim/state` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateReport {
    pub base_url: String,
    /// All orders.
    pub work_orders: usize,
    /// Orders the technicians' filter shows.
    pub open_work_orders: usize,
    /// Sessions known to the site.
    pub sessions: usize,
    /// Data revision (bumped by every addition, change, removal).
    pub revision: u64,
    /// Application mode ([`crate::SimOptions::spa`]).
    #[serde(default)]
    pub spa: bool,
    pub faults: Faults,
    pub stats: SimStats,
}

/// `POST /_sim/mutate` request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MutateRequest {
    pub add: usize,
    pub change: Vec<i64>,
    pub remove: Vec<i64>,
}

/// `POST /_sim/mutate` answer: the numbers actually added, changed and removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MutateReport {
    pub added: Vec<i64>,
    pub changed: Vec<i64>,
    pub removed: Vec<i64>,
}

pub(crate) fn router() -> Router<SimState> {
    Router::new()
        .route("/_sim/state", get(get_state))
        .route("/_sim/faults", get(get_faults).put(put_faults))
        .route("/_sim/mutate", post(mutate))
        .route("/_sim/churn", post(churn))
}

/// The state summary `/_sim/state` serves.
pub fn state_report(state: &SimState) -> StateReport {
    let data = state.lock();
    StateReport {
        base_url: state.base_url().to_string(),
        work_orders: data.orders.len(),
        open_work_orders: data
            .orders
            .values()
            .filter(|o| crate::state::is_open(o))
            .count(),
        sessions: data.sessions.len(),
        revision: state.revision(),
        spa: data.spa,
        faults: data.faults.clone(),
        stats: data.stats,
    }
}

async fn get_state(State(state): State<SimState>) -> Json<StateReport> {
    Json(state_report(&state))
}

async fn get_faults(State(state): State<SimState>) -> Json<Faults> {
    Json(state.faults())
}

async fn put_faults(State(state): State<SimState>, Json(faults): Json<Faults>) -> Json<Faults> {
    state.set_faults(faults);
    Json(state.faults())
}

async fn mutate(
    State(state): State<SimState>,
    Json(request): Json<MutateRequest>,
) -> Json<MutateReport> {
    let added = state.add_work_orders(request.add);
    let changed = request
        .change
        .into_iter()
        .filter(|n| state.change_work_order_randomly(*n))
        .collect();
    let removed = request
        .remove
        .into_iter()
        .filter(|n| state.remove_work_order(*n))
        .collect();
    Json(MutateReport {
        added,
        changed,
        removed,
    })
}

async fn churn(State(state): State<SimState>) -> Json<ChurnReport> {
    Json(state.churn_once())
}
