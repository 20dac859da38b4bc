//! The contract between the scheduler and whatever performs a sync (the WorkFossa run, or a test double).

use crate::clock::Clock;
use crate::error::SyncError;
use crate::events::ProgressReporter;
use crate::model::{JobType, RunSummary, Trigger};
use crate::store::Store;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// What a job gets for one run.
#[derive(Clone)]
pub struct RunContext {
    pub run_id: i64,
    pub job_type: JobType,
    /// Why the run started (a manual dispenser run reads every location again).
    pub trigger: Trigger,
    /// Only what was never synced (the dispensers read after "Sync now": stations never read).
    pub only_new: bool,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub progress: ProgressReporter,
    /// Cancelled when the engine stops: the job must return [`SyncError::Cancelled`] without writing.
    pub cancel: CancellationToken,
}

/// A run that did not succeed, with how many attempts it made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobFailure {
    pub error: SyncError,
    pub attempts: i64,
}

impl From<SyncError> for JobFailure {
    fn from(error: SyncError) -> Self {
        JobFailure { error, attempts: 1 }
    }
}

/// One sync. On success the job must already have marked the run successful inside its data
/// transaction ([`Store::finish_run_success`]) so that the data and the run row land together.
#[async_trait::async_trait]
pub trait SyncJob: Send + Sync + 'static {
    async fn run(&self, ctx: RunContext) -> Result<RunSummary, JobFailure>;
}
