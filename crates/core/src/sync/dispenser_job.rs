//! The dispenser job: each run reads the Equipment tab of the locations the stored work orders
//! link to (see `sync::dispensers`) on the session it shares with the work-order job.
//!
//! Which locations: a scheduled run reads those not read within the job's interval; a manual
//! run (the job triggered alone) reads every location again; the run after "Sync now" reads only
//! the locations never read. A run where some locations failed is recorded successful with the
//! partial summary as its message; a run where every due location failed fails with the first
//! location's error (so offline is offline). The pages are read over HTTP, or with one headless
//! Chromium when the site's pages are an application (the page reader, as for the list).

use super::dispensers::{
    locations_to_read, read_locations, DispenserRunOptions, DispenserRunSummary, LocationPages,
};
use super::reader::{first_reader, PageReader};
use super::site::SiteSession;
use crate::error::SyncError;
use crate::events::Phase;
use crate::model::{JobType, RunSummary, Trigger};
use crate::scheduler::{JobFailure, RunContext, SyncJob};
use crate::store::Store;
use crate::workfossa::browser::BrowserLocationPages;
use crate::workfossa::WorkFossaClient;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Reads stations' dispensers from WorkFossa (or the simulated site).
pub struct DispenserJob {
    site: Arc<SiteSession>,
    pause: Duration,
}

impl DispenserJob {
    /// A job with its own session on the account stored in `data_dir`.
    pub fn new(data_dir: PathBuf) -> Self {
        Self::on(Arc::new(SiteSession::new(data_dir)))
    }

    /// The job taking its turns on `site` (shared with the work-order job).
    pub fn on(site: Arc<SiteSession>) -> Self {
        Self {
            site,
            pause: super::dispensers::DEFAULT_PAUSE,
        }
    }

    /// The pause each reading slot makes after a request (benchmarks, tests).
    pub fn with_pause(mut self, pause: Duration) -> Self {
        self.pause = pause;
        self
    }

    async fn options(&self, ctx: &RunContext) -> Result<DispenserRunOptions, SyncError> {
        let interval = interval_of(&ctx.store).await?;
        let mut options = DispenserRunOptions::new(interval);
        options.pause = self.pause;
        options.force = ctx.trigger == Trigger::Manual && !ctx.only_new;
        options.only_never_read = ctx.only_new;
        Ok(options)
    }
}

/// Whether this run reads the station pages with the browser: the page reader says so (set to
/// `browser`, or `auto` and the site needed it last time), or, in `auto`, the first due
/// station's page answers plain HTTP with an application shell (as the real site's does).
async fn needs_browser(
    client: &WorkFossaClient,
    ctx: &RunContext,
    options: &DispenserRunOptions,
) -> Result<bool, SyncError> {
    let store_error = |e: crate::error::EngineError| SyncError::Store(e.to_string());
    let setting = ctx.store.page_reader().await.map_err(store_error)?;
    let remembered = ctx
        .store
        .page_reader_detected()
        .await
        .map_err(store_error)?;
    match first_reader(setting, remembered) {
        PageReader::Browser => return Ok(true),
        _ if setting != PageReader::Auto => return Ok(false),
        _ => {}
    }
    let plan = locations_to_read(&ctx.store, ctx.clock.now(), options).await?;
    let Some(first) = plan.due.first().or(plan.skipped.first()) else {
        return Ok(false);
    };
    match client.location_page(*first).await {
        Err(SyncError::NeedsBrowser) => {
            tracing::info!(
                "WorkFossa's station pages are an application; reading them with a browser"
            );
            Ok(true)
        }
        _ => Ok(false),
    }
}

async fn interval_of(store: &Store) -> Result<chrono::Duration, SyncError> {
    let minutes = store
        .schedule(JobType::Dispensers)
        .await
        .map_err(|e| SyncError::Store(e.to_string()))?
        .map_or(24 * 60, |row| row.config.interval_minutes);
    Ok(chrono::Duration::minutes(i64::from(minutes)))
}

#[async_trait::async_trait]
impl SyncJob for DispenserJob {
    async fn run(&self, ctx: RunContext) -> Result<RunSummary, JobFailure> {
        let options = self.options(&ctx).await?;
        let turn = self.site.turn(&ctx.store).await?;
        ctx.progress.report(Phase::Fetching, 0, None, 0);
        let browser = match needs_browser(&turn.client, &ctx, &options).await {
            Ok(true) => {
                ctx.progress.report(Phase::StartingBrowser, 0, None, 0);
                Some(BrowserLocationPages::start(turn.client.config()).await?)
            }
            Ok(false) => None,
            Err(error) => return Err(error.into()),
        };
        let pages: &dyn LocationPages = match &browser {
            Some(browser) => browser,
            None => &turn.client,
        };
        let summary = tokio::select! {
            summary = read_locations(pages, &ctx.store, ctx.run_id, ctx.clock.as_ref(), &options) => summary,
            _ = ctx.cancel.cancelled() => Err(SyncError::Cancelled),
        };
        if let Some(browser) = browser {
            browser.close().await;
        }
        let attempts = turn.client.attempts();
        let summary = summary.map_err(|error| JobFailure { error, attempts })?;
        tracing::info!(run_id = ctx.run_id, message = %summary.message(), "dispensers read");
        finish(&ctx, &summary, attempts).await
    }
}

/// Records the run's end: success (with the partial message when some location failed), or the
/// first location's error when every due location failed.
async fn finish(
    ctx: &RunContext,
    summary: &DispenserRunSummary,
    attempts: i64,
) -> Result<RunSummary, JobFailure> {
    if summary.read == 0 && summary.failed > 0 {
        let error = summary
            .first_error
            .clone()
            .unwrap_or_else(|| SyncError::LayoutNotRecognised(summary.message()));
        return Err(JobFailure { error, attempts });
    }
    let counts = run_summary(summary, attempts);
    let store_error = |error: crate::error::EngineError| JobFailure {
        error: SyncError::Store(error.to_string()),
        attempts,
    };
    let mut conn = ctx.store.pool().acquire().await.map_err(|e| JobFailure {
        error: SyncError::Store(e.to_string()),
        attempts,
    })?;
    Store::finish_run_success(&mut conn, ctx.run_id, ctx.clock.now(), &counts)
        .await
        .map_err(store_error)?;
    drop(conn);
    if summary.is_partial() {
        let class = summary
            .first_error
            .as_ref()
            .map_or(crate::error::ErrorClass::Permanent, SyncError::class);
        ctx.store
            .note_run(ctx.run_id, class, &summary.message())
            .await
            .map_err(store_error)?;
    }
    Ok(counts)
}

/// The run's counts: `found` = locations read, `changed` = dispenser changes recorded.
pub fn run_summary(summary: &DispenserRunSummary, attempts: i64) -> RunSummary {
    let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
    RunSummary {
        found: count(summary.read),
        new: 0,
        changed: count(summary.changes),
        removed: 0,
        attempts,
    }
}
