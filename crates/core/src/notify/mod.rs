//! The one notifier: listens to finished runs, applies the rules, and tells the desktop (an
//! [`EngineEvent::Notification`] the shell shows), email and webhook channels.

pub mod channels;
pub mod rules;

pub use crate::events::NoticeKind;
pub use rules::Notice;

use crate::credentials::load_smtp_password;
use crate::error::{EngineError, EngineResult};
use crate::events::{EngineEvent, EventBus};
use crate::model::{JobType, RunRecord, RunStatus};
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::sync::Mutex;

pub struct Notifier {
    store: Store,
    events: EventBus,
    data_dir: PathBuf,
    memory: Mutex<rules::Memory>,
    http: reqwest::Client,
}

impl Notifier {
    pub fn new(store: Store, events: EventBus, data_dir: PathBuf) -> Self {
        Self {
            store,
            events,
            data_dir,
            memory: Mutex::new(rules::Memory::default()),
            http: reqwest::Client::new(),
        }
    }

    /// Starts from what the history says: already failing means already told.
    pub async fn prime(&self, now: DateTime<Utc>) -> EngineResult<()> {
        let failing = self
            .store
            .last_finished_run(JobType::WorkOrders)
            .await?
            .is_some_and(|run| run.status == RunStatus::Failed);
        if let Ok(mut memory) = self.memory.lock() {
            memory.failing_noticed_at = failing.then_some(now);
        }
        Ok(())
    }

    /// Handles the engine's events until the bus closes.
    pub async fn run(self, mut events: tokio::sync::broadcast::Receiver<EngineEvent>) {
        loop {
            match events.recv().await {
                Ok(EngineEvent::RunFinished { run }) => {
                    if let Err(error) = self.on_run_finished(&run, Utc::now()).await {
                        tracing::warn!(%error, "could not send notifications");
                    }
                }
                Ok(_) => {}
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    }

    /// Decides and sends what a work-order `run` calls for; returns the notices.
    pub async fn on_run_finished(
        &self,
        run: &RunRecord,
        now: DateTime<Utc>,
    ) -> EngineResult<Vec<Notice>> {
        // The notices (failing, recovered, new work orders) are about the work-order sync; a
        // dispenser run's outcome shows in its history and must not reset or raise them.
        if run.job_type != JobType::WorkOrders {
            return Ok(Vec::new());
        }
        let settings = self.store.settings().await?.notifications;
        let failures = self.store.consecutive_failures(run.job_type).await?;
        let rescheduled = self.rescheduled(run).await?;
        let notices = match self.memory.lock() {
            Ok(mut memory) => {
                rules::decide(&mut memory, run, failures, rescheduled, &settings, now)
            }
            Err(_) => Vec::new(),
        };
        for notice in &notices {
            let wanted_on_desktop = if notice.is_alert() {
                settings.desktop
            } else {
                settings.new_work_orders
            };
            if wanted_on_desktop {
                self.events.emit(EngineEvent::Notification {
                    title: notice.title.clone(),
                    body: notice.body.clone(),
                    kind: notice.kind,
                });
            }
            if !notice.is_alert() {
                continue;
            }
            if let Some(email) = &settings.email {
                let password = load_smtp_password(&self.data_dir, &self.store)
                    .await
                    .ok()
                    .flatten();
                if let Err(error) = channels::send_email(email, password.as_ref(), notice).await {
                    tracing::warn!(%error, "email notification failed");
                }
            }
            if let Some(url) = &settings.webhook_url {
                if let Err(error) = channels::send_webhook(&self.http, url, notice).await {
                    tracing::warn!(%error, "webhook notification failed");
                }
            }
        }
        Ok(notices)
    }

    async fn rescheduled(&self, run: &RunRecord) -> EngineResult<i64> {
        if run.status != RunStatus::Success || run.changed.unwrap_or(0) == 0 {
            return Ok(0);
        }
        self.store.rescheduled_work_orders(run.id).await
    }

    /// "Send test email": sends a test message with the stored settings; the error is one sentence.
    pub async fn send_test_email(&self) -> EngineResult<()> {
        let settings = self.store.settings().await?.notifications;
        let email = settings
            .email
            .ok_or_else(|| EngineError::invalid("email", "set up the SMTP server first"))?;
        let password = load_smtp_password(&self.data_dir, &self.store).await?;
        channels::send_email(&email, password.as_ref(), &test_notice())
            .await
            .map_err(|message| EngineError::invalid("email", message))
    }

    pub async fn send_test_webhook(&self) -> EngineResult<()> {
        let settings = self.store.settings().await?.notifications;
        let url = settings.webhook_url.ok_or_else(|| {
            EngineError::invalid("webhook_url", "enter the webhook address first")
        })?;
        channels::send_webhook(&self.http, &url, &test_notice())
            .await
            .map_err(|message| EngineError::invalid("webhook_url", message))
    }
}

fn test_notice() -> Notice {
    Notice {
        kind: NoticeKind::Info,
        title: "Test message".into(),
        body: "Notifications from Fossa Sync reach you here.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorClass;
    use crate::model::Trigger;

    #[tokio::test]
    async fn a_dispenser_run_raises_no_notice() {
        let store = Store::in_memory().await.unwrap();
        let notifier = Notifier::new(store, EventBus::new(), std::env::temp_dir());
        let failed = RunRecord {
            id: 1,
            job_type: JobType::Dispensers,
            trigger: Trigger::Scheduled,
            status: RunStatus::Failed,
            started_at: Utc::now(),
            finished_at: Some(Utc::now()),
            duration_ms: Some(1),
            attempts: 1,
            missed: 0,
            found: None,
            new: None,
            changed: None,
            removed: None,
            error_class: Some(ErrorClass::Permanent),
            error: Some("The WorkFossa page layout was not recognised (x).".into()),
        };
        for _ in 0..3 {
            let notices = notifier.on_run_finished(&failed, Utc::now()).await.unwrap();
            assert!(notices.is_empty(), "{notices:?}");
        }
    }
}
