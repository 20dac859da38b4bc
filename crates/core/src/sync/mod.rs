//! One WorkFossa sync run: log in, fetch every page, validate, then write everything in one
//! transaction. Any failure before the commit leaves the stored work orders exactly as they were.

pub mod dispenser_job;
pub mod dispensers;
pub mod reader;
pub mod site;

use crate::error::SyncError;
use crate::events::Phase;
use crate::model::RunSummary;
use crate::scheduler::{JobFailure, RunContext, SyncJob};
use crate::workfossa::ClientConfig;
pub use dispenser_job::DispenserJob;
pub use site::SiteSession;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;

/// The work-order sync against WorkFossa (or the simulated site), configured from the data dir.
pub struct WorkFossaJob {
    site: Arc<SiteSession>,
}

impl WorkFossaJob {
    pub fn new(data_dir: PathBuf) -> Self {
        Self::on(Arc::new(SiteSession::new(data_dir)))
    }

    /// The job taking its turns on `site` (shared with the dispenser job).
    pub fn on(site: Arc<SiteSession>) -> Self {
        Self { site }
    }

    /// Adjusts the client's timeouts and retry policy (tests and benchmarks).
    pub fn with_tuning(self, tuning: impl Fn(&mut ClientConfig) + Send + Sync + 'static) -> Self {
        let site = match Arc::try_unwrap(self.site) {
            Ok(site) => site.with_tuning(tuning),
            Err(shared) => return Self { site: shared },
        };
        Self::on(Arc::new(site))
    }
}

#[async_trait::async_trait]
impl SyncJob for WorkFossaJob {
    async fn run(&self, ctx: RunContext) -> Result<RunSummary, JobFailure> {
        let turn = self.site.turn(&ctx.store).await?;
        let client = &turn.client;
        let pages_seen = AtomicU32::new(0);
        let rows_seen = AtomicU64::new(0);
        let report = |done: u32, total: Option<u32>, rows: u64| {
            pages_seen.store(done, Ordering::Relaxed);
            rows_seen.store(rows, Ordering::Relaxed);
            ctx.progress.report(Phase::Fetching, done, total, rows);
        };
        let phase = |phase: Phase| ctx.progress.report(phase, 0, None, 0);
        let fetched =
            reader::read_work_orders(client, &ctx.store, &phase, &report, &ctx.cancel).await;
        let attempts = client.attempts();
        let records = fetched.map_err(|error| JobFailure { error, attempts })?;
        if ctx.cancel.is_cancelled() {
            return Err(JobFailure {
                error: SyncError::Cancelled,
                attempts,
            });
        }
        ctx.progress.report(
            Phase::Saving,
            pages_seen.load(Ordering::Relaxed),
            Some(pages_seen.load(Ordering::Relaxed)),
            rows_seen.load(Ordering::Relaxed),
        );
        let stats = ctx
            .store
            .apply_work_orders(ctx.run_id, &records, attempts, ctx.clock.now())
            .await
            .map_err(|error| JobFailure { error, attempts })?;
        tracing::info!(
            run_id = ctx.run_id,
            found = stats.summary.found,
            new = stats.summary.new,
            changed = stats.summary.changed,
            removed = stats.summary.removed,
            rows_written = stats.work_order_rows_written,
            "sync saved"
        );
        Ok(stats.summary)
    }
}
