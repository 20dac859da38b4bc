//! The engine's remaining operations for the shells: work-order views with badges, changes,
//! daily statistics, settings, the account, and notification tests.

use super::Engine;
use crate::credentials::{self, AccountInfo, PasswordStore};
use crate::error::{EngineError, EngineResult};
use crate::model::{JobType, RunStatus};
use crate::settings::Settings;
use crate::store::{ChangeRecord, WorkOrderQuery};
use crate::workfossa::{ClientConfig, Password, WorkFossaClient, WorkOrder};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A work order as the window shows it: the record, whether it was removed, and a badge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WorkOrderView {
    #[serde(flatten)]
    pub record: WorkOrder,
    pub removed_at: Option<DateTime<Utc>>,
    /// `new` or `changed` by the last successful sync.
    #[cfg_attr(feature = "ts", ts(type = "\"new\" | \"changed\" | null"))]
    pub badge: Option<&'static str>,
}

/// Kept at its old path; the query is the store's.
pub use crate::store::DailyStat;

/// A new account: the password may be left out to keep the stored one. Unknown fields are
/// refused.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountUpdate {
    pub email: String,
    pub password: Option<String>,
    pub site_url: Option<String>,
}

impl Engine {
    pub async fn work_orders(&self, query: &WorkOrderQuery) -> EngineResult<Vec<WorkOrderView>> {
        let last_success = self
            .store
            .last_success(JobType::WorkOrders)
            .await?
            .map(|run| run.id);
        let orders = self.store.work_orders(query).await?;
        Ok(orders
            .into_iter()
            .map(|order| {
                let badge = match last_success {
                    Some(run) if order.removed_at.is_none() && order.first_seen_run == run => {
                        Some("new")
                    }
                    Some(run) if order.removed_at.is_none() && order.last_change_run == run => {
                        Some("changed")
                    }
                    _ => None,
                };
                WorkOrderView {
                    record: order.record,
                    removed_at: order.removed_at,
                    badge,
                }
            })
            .collect())
    }

    pub async fn changes(
        &self,
        run_id: Option<i64>,
        since: Option<DateTime<Utc>>,
    ) -> EngineResult<Vec<ChangeRecord>> {
        if let Some(id) = run_id {
            // The changes of a run that does not exist are "not found", not an empty list.
            self.store.run(id).await?;
        }
        self.store.changes(run_id, since).await
    }

    /// Per local day (the schedule's zone, at today's offset) for the last `days` days.
    /// The work-order job's daily counts over the last `days` days.
    pub async fn daily_stats(&self, days: u32) -> EngineResult<Vec<DailyStat>> {
        self.daily_stats_of(days, JobType::WorkOrders).await
    }

    /// One job's daily counts over the last `days` days (1 to 366), days in the schedule's zone.
    pub async fn daily_stats_of(&self, days: u32, job: JobType) -> EngineResult<Vec<DailyStat>> {
        let days = days.clamp(1, 366);
        let zone = self.schedule().await?.config.tz()?;
        let now = self.scheduler.now();
        let offset_ms = i64::from(
            chrono::Offset::fix(&chrono::TimeZone::offset_from_utc_datetime(
                &zone,
                &now.naive_utc(),
            ))
            .local_minus_utc(),
        ) * 1000;
        let since = now - chrono::Duration::days(i64::from(days));
        self.store.daily_stats(offset_ms, since, job).await
    }

    pub async fn settings(&self) -> EngineResult<Settings> {
        let mut settings = self.store.settings().await?;
        if let Some(email) = settings.notifications.email.as_mut() {
            email.password_set = credentials::load_smtp_password(&self.data_dir, &self.store)
                .await
                .ok()
                .flatten()
                .is_some();
        }
        Ok(settings)
    }

    /// Validates and saves every setting; a new SMTP password goes to the keyring or file.
    pub async fn set_settings(&self, mut settings: Settings) -> EngineResult<Settings> {
        settings.validate()?;
        let new_password = settings
            .notifications
            .email
            .as_mut()
            .and_then(|email| email.password.take());
        if let Some(password) = new_password.filter(|p| !p.is_empty()) {
            credentials::save_smtp_password(&self.data_dir, &self.store, &Password::new(password))
                .await?;
        }
        self.store.save_settings(&settings).await?;
        self.settings().await
    }

    pub async fn account(&self) -> EngineResult<AccountInfo> {
        credentials::account_info(&self.store).await
    }

    /// Stores the account; without a new password the stored one is kept (must exist).
    pub async fn set_account(&self, update: AccountUpdate) -> EngineResult<AccountInfo> {
        let password = match update.password.filter(|p| !p.is_empty()) {
            Some(password) => Password::new(password),
            None => credentials::load_account(&self.data_dir, &self.store)
                .await
                .map(|account| account.password)
                .map_err(|_| EngineError::invalid("password", "enter the WorkFossa password"))?,
        };
        self.save_account(&update.email, &password, update.site_url.as_deref())
            .await?;
        self.account().await
    }

    /// Stores a real account (keyring, else the 0600 file); where the password went. Refused in
    /// the demo's data dir, so real work orders are never synced into demo data.
    pub async fn save_account(
        &self,
        email: &str,
        password: &Password,
        site_url: Option<&str>,
    ) -> EngineResult<PasswordStore> {
        if self.is_demo().await? {
            return Err(EngineError::invalid(
                "email",
                "this data dir holds the demo; save the account for your own data dir \
                 (`fossa-sync account set`), or leave the demo first (`fossa-sync demo off`)",
            ));
        }
        credentials::save_account(&self.data_dir, &self.store, email, password, site_url, true)
            .await
    }

    /// Logs in once with the stored account; the error is one sentence.
    pub async fn test_login(&self) -> EngineResult<()> {
        let account = credentials::load_account(&self.data_dir, &self.store).await?;
        let client = WorkFossaClient::new(ClientConfig::new(
            account.site_url,
            account.email,
            account.password,
        ))?;
        client.login().await?;
        Ok(())
    }

    pub async fn send_test_email(&self) -> EngineResult<()> {
        self.notifier().send_test_email().await
    }

    pub async fn send_test_webhook(&self) -> EngineResult<()> {
        self.notifier().send_test_webhook().await
    }

    pub(super) fn notifier(&self) -> crate::notify::Notifier {
        crate::notify::Notifier::new(
            self.store.clone(),
            self.scheduler.events().clone(),
            self.data_dir.clone(),
        )
    }

    /// Resets the work-order schedule to the defaults, switched off (the API's DELETE).
    pub async fn reset_schedule(&self) -> EngineResult<()> {
        self.reset_schedule_of(JobType::WorkOrders).await
    }

    /// The newest runs' statuses, for quick checks in tests and the tray.
    pub async fn last_run_status(&self) -> EngineResult<Option<RunStatus>> {
        Ok(self
            .store
            .last_finished_run(JobType::WorkOrders)
            .await?
            .map(|run| run.status))
    }
}
