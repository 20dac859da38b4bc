//! A trigger while a sync runs joins it (same `run_id`, one history row), and the status says
//! `running` meanwhile. The sync is a test double held open until the test releases it, so nothing
//! depends on timing.

mod common;

use common::{app_with_job, expect_json};
use fossa_core::error::SyncError;
use fossa_core::model::RunSummary;
use fossa_core::scheduler::{JobFailure, RunContext, SyncJob};
use reqwest::StatusCode;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// Waits for one permit, then fails as "site unavailable".
struct HeldJob {
    release: Arc<Semaphore>,
}

#[async_trait::async_trait]
impl SyncJob for HeldJob {
    async fn run(&self, _ctx: RunContext) -> Result<RunSummary, JobFailure> {
        let permit = self.release.acquire().await;
        drop(permit);
        Err(SyncError::SiteUnavailable("HTTP 503".into()).into())
    }
}

const TRIGGER: &str = "/api/scraping-schedules/work_orders/trigger";

#[tokio::test]
async fn a_trigger_during_a_sync_joins_it() {
    let release = Arc::new(Semaphore::new(0));
    let app = app_with_job(Arc::new(HeldJob {
        release: Arc::clone(&release),
    }))
    .await;

    let first = expect_json(app.post(TRIGGER).await, StatusCode::ACCEPTED).await;
    let run_id = first["run_id"].as_i64().unwrap();
    let status = app.get_json("/api/status").await;
    assert_eq!(status["state"], "running");
    assert_eq!(status["running_run_id"], run_id);
    let running = app.get_json(&format!("/api/runs/{run_id}")).await;
    assert_eq!(running["status"], "running");

    let second = expect_json(app.post(TRIGGER).await, StatusCode::ACCEPTED).await;
    assert_eq!(
        second["run_id"], run_id,
        "the second trigger started another run"
    );
    let history = app
        .get_json("/api/scraping-schedules/history/work_orders")
        .await;
    assert_eq!(history.as_array().unwrap().len(), 1);

    release.add_permits(1);
    let record = app.wait_for_run().await.unwrap();
    assert_eq!(record.id, run_id);
    let run = app.get_json(&format!("/api/runs/{run_id}")).await;
    assert_eq!(run["status"], "failed");
    assert_eq!(run["error_class"], "transient");
    assert_eq!(app.get_json("/api/status").await["state"], "failed");
}
