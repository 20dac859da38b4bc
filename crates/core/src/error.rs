//! The engine's typed errors, their classification, and the one sentence a user is shown.

use crate::schedule::ScheduleError;
use serde::{Deserialize, Serialize};

/// How an error is handled: retried, failed at once, or recorded as an offline skip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ErrorClass {
    /// Worth retrying: timeouts, resets, 5xx, 429.
    Transient,
    /// Retrying will not help: the user or the developers must act.
    Permanent,
    /// The site could not be reached at all: the machine is probably offline.
    Offline,
}

impl ErrorClass {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorClass::Transient => "transient",
            ErrorClass::Permanent => "permanent",
            ErrorClass::Offline => "offline",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "transient" => Some(ErrorClass::Transient),
            "permanent" => Some(ErrorClass::Permanent),
            "offline" => Some(ErrorClass::Offline),
            _ => None,
        }
    }
}

/// Why a sync run did not succeed. Every message is one sentence: what happened, what to do.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum SyncError {
    #[error("WorkFossa rejected the email or password; update them in Settings (or `fossa-sync account set`).")]
    CredentialsRejected,
    #[error("No WorkFossa account is configured; add one with `fossa-sync account set --email you@example.com` or use the demo site.")]
    NoAccount,
    #[error("The WorkFossa page layout was not recognised ({0}); the site may have changed, so nothing was saved — please report it.")]
    LayoutNotRecognised(String),
    #[error("WorkFossa kept answering with errors ({0}); it may be busy, so the next sync will try again.")]
    SiteUnavailable(String),
    #[error(
        "WorkFossa kept ending the session right after logging in; the next sync will try again."
    )]
    SessionLost,
    #[error("WorkFossa is limiting requests (HTTP 429); the next sync will try again.")]
    RateLimited,
    #[error("WorkFossa did not answer in time ({0}); the next sync will try again.")]
    Timeout(String),
    #[error("The connection to WorkFossa broke ({0}); the next sync will try again.")]
    Connection(String),
    #[error("WorkFossa could not be reached ({0}); check the network — syncing resumes when it is back.")]
    Offline(String),
    #[error(
        "WorkFossa answered HTTP {0} for {1}, which Fossa Sync does not expect; please report it."
    )]
    UnexpectedStatus(u16, String),
    #[error("This WorkFossa site needs a browser to read its pages, and Chromium was not found ({0}); install the `chromium` package (sudo apt install chromium).")]
    BrowserMissing(String),
    #[error("WorkFossa's list page is an application that only a browser can read; set the page reader to `auto` or `browser` in Settings (or `fossa-sync settings set page_reader auto`).")]
    NeedsBrowser,
    #[error("The browser that reads WorkFossa failed ({0}); the next sync will try again.")]
    Browser(String),
    #[error("The sync was stopped before it finished; nothing was changed.")]
    Cancelled,
    #[error(
        "The local database failed ({0}); nothing was changed — check disk space and permissions."
    )]
    Store(String),
    #[error(
        "The stored account could not be read ({0}); set it again with `fossa-sync account set`."
    )]
    Credentials(String),
}

impl SyncError {
    pub fn class(&self) -> ErrorClass {
        match self {
            SyncError::SiteUnavailable(_)
            | SyncError::RateLimited
            | SyncError::SessionLost
            | SyncError::Timeout(_)
            | SyncError::Browser(_)
            | SyncError::Connection(_) => ErrorClass::Transient,
            SyncError::Offline(_) => ErrorClass::Offline,
            SyncError::CredentialsRejected
            | SyncError::NoAccount
            | SyncError::LayoutNotRecognised(_)
            | SyncError::UnexpectedStatus(..)
            | SyncError::BrowserMissing(_)
            | SyncError::NeedsBrowser
            | SyncError::Cancelled
            | SyncError::Store(_)
            | SyncError::Credentials(_) => ErrorClass::Permanent,
        }
    }
}

impl From<sqlx::Error> for SyncError {
    fn from(error: sqlx::Error) -> Self {
        SyncError::Store(error.to_string())
    }
}

/// Errors of the engine's operations (settings, store, locking), as shown by every shell.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("{0}")]
    InvalidSetting(#[from] ScheduleError),
    #[error("Invalid value for {field}: {message}")]
    InvalidInput { field: String, message: String },
    #[error("The local database failed: {0}")]
    Store(#[from] sqlx::Error),
    #[error("The database migrations failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("Another Fossa Sync (daemon or desktop app) is already running on {0}; stop it first or use a different --data-dir.")]
    AlreadyRunning(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Sync(#[from] SyncError),
    #[error("No run with id {0}.")]
    NoSuchRun(i64),
    #[error("No station with location id {0}: no stored work order links to it.")]
    NoSuchLocation(i64),
    /// The operation conflicts with the current state (a schedule that exists, a sync running).
    #[error("{0}")]
    Conflict(String),
    #[error("The running Fossa Sync did not answer properly: {0}")]
    Control(String),
    /// An error reported by the engine that holds the data dir, as it worded it.
    #[error("{0}")]
    Remote(String),
}

impl EngineError {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        EngineError::Io {
            context: context.into(),
            source,
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        EngineError::InvalidInput {
            field: field.into(),
            message: shorten_quoted(&message.into()),
        }
    }
}

impl EngineError {
    /// For a JSON client (HTTP API, the window): the key of the value a validation error is
    /// about, as the client sent it (`interval_minutes`, not the CLI's `interval`).
    pub fn json_field(&self) -> Option<String> {
        match self {
            EngineError::InvalidSetting(error) => Some(error.json_key().to_string()),
            EngineError::InvalidInput { field, .. } => Some(field.clone()),
            _ => None,
        }
    }

    /// The sentence for a JSON client: a schedule value's error names its JSON key
    /// (`Invalid value for interval_minutes: must be between 30m and 24h (got 10m)`).
    pub fn json_message(&self) -> String {
        match self {
            EngineError::InvalidSetting(error) => {
                format!("Invalid value for {}: {}", error.json_key(), error.reason())
            }
            other => other.to_string(),
        }
    }
}

pub type EngineResult<T> = Result<T, EngineError>;

/// Kept at its old path; lives in a leaf module so that [`crate::schedule`] can use it too.
pub use crate::sentence::shorten_quoted;
