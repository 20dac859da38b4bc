//! Demo mode: entering it (a data dir synced from the simulated site, marked "Demo data") and
//! leaving it. Demo data never mixes with real data: the demo uses its own data dir
//! (`<data dir>/demo`), a data dir holding a real account cannot become a demo, an account cannot
//! be saved into a demo data dir, and leaving the demo removes its work orders, change records,
//! runs and account. The real data dir remembers that the user left the demo, so the desktop app
//! does not start it again while no account is set.

use super::Engine;
use crate::credentials::{self, remove_password_file};
use crate::error::{EngineError, EngineResult};
use crate::events::EngineEvent;
use crate::model::{JobType, RunStatus};
use crate::settings::keys::{
    DEMO_SETTING, EMAIL_SETTING, PASSWORD_STORE_SETTING, SITE_URL_SETTING,
};
use crate::store::{HistoryFilter, DATABASE_FILE};
use crate::workfossa::Password;
use std::path::{Path, PathBuf};

/// The demo's data dir's name inside the real data dir.
pub const DEMO_DIR: &str = "demo";
/// Set in the real data dir when the user left the demo (kept at its old path; defined with the
/// other settings).
pub use crate::model::DemoLeft;
pub use crate::settings::keys::DEMO_DECLINED_SETTING;

/// The demo's own data dir, beside the real data.
pub fn demo_data_dir(base: &Path) -> PathBuf {
    base.join(DEMO_DIR)
}

/// True when `base` has no account, none comes from the environment, and the user has not left
/// the demo before: the desktop app then shows the demo.
pub async fn demo_wanted(base: &Path) -> EngineResult<bool> {
    if super::configured_account(base).await? {
        return Ok(false);
    }
    if !base.join(DATABASE_FILE).exists() {
        return Ok(true);
    }
    let reader = Engine::open_reader(super::EngineOptions::new(base)).await?;
    let wanted = reader.demo_wanted().await;
    reader.store().close().await;
    wanted
}

impl Engine {
    /// True when this data dir holds the demo's data.
    pub async fn is_demo(&self) -> EngineResult<bool> {
        self.store.is_demo().await
    }

    async fn demo_wanted(&self) -> EngineResult<bool> {
        let info = credentials::account_info(&self.store).await?;
        let declined = self.store.setting(DEMO_DECLINED_SETTING).await?;
        Ok(info.email.is_none() && declined.as_deref() != Some("true"))
    }

    /// Makes this data dir the demo's: the simulated site's account (in a file: demo data needs
    /// no keyring) and the "Demo data" mark. Refused when the data dir holds a real account.
    pub async fn enter_demo(
        &self,
        site_url: &str,
        email: &str,
        password: &str,
    ) -> EngineResult<()> {
        let has_account = self.store.setting(EMAIL_SETTING).await?.is_some();
        if has_account && !self.is_demo().await? {
            return Err(EngineError::Conflict(format!(
                "{} holds a real WorkFossa account, so it cannot become the demo's data dir; the \
                 demo keeps its own data in a `{DEMO_DIR}` dir.",
                self.data_dir.display()
            )));
        }
        credentials::save_account(
            &self.data_dir,
            &self.store,
            email,
            &Password::new(password.to_string()),
            Some(site_url),
            false,
        )
        .await?;
        self.store.set_setting(DEMO_SETTING, "true").await?;
        self.store.remove_setting(DEMO_DECLINED_SETTING).await
    }

    /// Remembers in this (real) data dir that the user left the demo.
    pub async fn decline_demo(&self) -> EngineResult<()> {
        self.store.set_setting(DEMO_DECLINED_SETTING, "true").await
    }

    /// Leaves the demo: in one transaction removes the demo's work orders, change records, runs
    /// and account and the "Demo data" mark, so real work orders never mix with demo ones.
    /// Refused while a sync runs; a data dir that is not a demo is left as it is.
    pub async fn leave_demo(&self) -> EngineResult<DemoLeft> {
        if !self.is_demo().await? {
            return Ok(DemoLeft::not_in_demo());
        }
        let running = HistoryFilter {
            job_type: Some(JobType::WorkOrders),
            status: Some(RunStatus::Running),
            limit: Some(1),
            ..HistoryFilter::default()
        };
        if !self.store.history(&running).await?.is_empty() {
            return Err(EngineError::Conflict(
                "A demo sync is running; leave the demo when it has finished (a few seconds)."
                    .into(),
            ));
        }
        let cleared = self
            .store
            .clear_synced_data(&[
                EMAIL_SETTING,
                SITE_URL_SETTING,
                PASSWORD_STORE_SETTING,
                DEMO_SETTING,
            ])
            .await?;
        let (orders, runs) = (cleared.work_orders, cleared.runs);
        remove_password_file(&self.data_dir);
        if let Ok(status) = self.status().await {
            self.scheduler.events().emit(EngineEvent::StatusChanged {
                status: Box::new(status),
            });
        }
        let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        tracing::info!(orders, runs, "left the demo");
        Ok(DemoLeft::removed(count(orders), count(runs)))
    }
}
