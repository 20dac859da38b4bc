//! The one WorkFossa session the jobs share. A job takes its turn for its whole run, so the
//! work-order and dispenser jobs never hit the site at the same time (a due job waits for the
//! running one), and each run's client continues the login session the last run left in the
//! shared cookie jar, as long as the account is the same.

use crate::credentials::load_account;
use crate::error::SyncError;
use crate::store::Store;
use crate::workfossa::{ClientConfig, WorkFossaClient};
use reqwest::cookie::Jar;
use secrecy::ExposeSecret;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::{Mutex, MutexGuard};

type Tuning = Arc<dyn Fn(&mut ClientConfig) + Send + Sync>;

/// Whose session the jar holds: the site and the login (the password compared in memory only).
struct Session {
    site: String,
    email: String,
    password: crate::workfossa::Password,
    jar: Arc<Jar>,
}

/// The site's session, shared by the jobs of one engine.
pub struct SiteSession {
    data_dir: PathBuf,
    tuning: Option<Tuning>,
    session: Mutex<Option<Session>>,
}

/// A job's turn on the site: the client for this run; the next job waits until it is dropped.
pub struct SiteTurn<'a> {
    _turn: MutexGuard<'a, Option<Session>>,
    pub client: WorkFossaClient,
}

impl SiteSession {
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            data_dir,
            tuning: None,
            session: Mutex::new(None),
        }
    }

    /// Adjusts every client's timeouts and retry policy (tests and benchmarks).
    pub fn with_tuning(
        mut self,
        tuning: impl Fn(&mut ClientConfig) + Send + Sync + 'static,
    ) -> Self {
        self.tuning = Some(Arc::new(tuning));
        self
    }

    /// Waits until no other job uses the site, then makes this run's client for the stored
    /// account: with the last run's cookies when the account is the same, else a new session.
    pub async fn turn(&self, store: &Store) -> Result<SiteTurn<'_>, SyncError> {
        let mut turn = self.session.lock().await;
        let config = self.config(store).await?;
        let same = turn.as_ref().is_some_and(|session| {
            session.site == config.base_url.as_str()
                && session.email == config.email
                && session.password.expose_secret() == config.password.expose_secret()
        });
        if !same {
            *turn = Some(Session {
                site: config.base_url.to_string(),
                email: config.email.clone(),
                password: config.password.clone(),
                jar: Arc::new(Jar::default()),
            });
        }
        let jar = turn
            .as_ref()
            .map(|session| Arc::clone(&session.jar))
            .unwrap_or_default();
        let client = WorkFossaClient::with_cookies(config, jar)?;
        Ok(SiteTurn {
            _turn: turn,
            client,
        })
    }

    async fn config(&self, store: &Store) -> Result<ClientConfig, SyncError> {
        let account = load_account(&self.data_dir, store).await?;
        let mut config = ClientConfig::new(account.site_url, account.email, account.password);
        if let Some(concurrency) = store
            .sync_concurrency()
            .await
            .map_err(|e| SyncError::Store(e.to_string()))?
        {
            config.concurrency = concurrency;
        }
        if let Some(tuning) = &self.tuning {
            tuning(&mut config);
        }
        Ok(config)
    }
}
