//! The app's settings (site address, demo, fetch concurrency, page reader, startup,
//! notifications): one validated struct, stored in the settings table. A bad value is an error
//! naming the field and nothing is saved. Every key of the table is in [`keys`]; the typed reads
//! and writes of single settings other modules need are in `stored.rs`.

pub mod keys;
mod page_reader;
mod stored;

pub use keys::*;
pub use page_reader::PageReader;

use crate::error::{EngineError, EngineResult};
use serde::{Deserialize, Serialize};
use url::Url;

/// How mail is secured on the way to the SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum SmtpSecurity {
    Starttls,
    Tls,
    None,
}

/// SMTP settings; the password lives in the keyring or a 0600 file, never here. Unknown fields
/// are refused, as in [`Settings`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EmailSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    /// Read-only: whether an SMTP password is stored.
    #[serde(default)]
    pub password_set: bool,
    /// Write-only: a new SMTP password (never returned, never stored in the database).
    #[serde(default, skip_serializing)]
    pub password: Option<String>,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NotificationSettings {
    /// Desktop notification when syncing fails, and when it recovers.
    pub desktop: bool,
    /// Desktop notification after a sync that found new or changed work orders.
    pub new_work_orders: bool,
    /// Repeat a failure notice after this many minutes while it keeps failing (None = never).
    pub quiet_period_minutes: Option<u32>,
    pub email: Option<EmailSettings>,
    /// A Slack- or Discord-compatible incoming webhook.
    pub webhook_url: Option<String>,
}

impl Default for NotificationSettings {
    fn default() -> Self {
        Self {
            desktop: true,
            new_work_orders: true,
            quiet_period_minutes: None,
            email: None,
            webhook_url: None,
        }
    }
}

/// Every setting, as read and as sent back whole to change them; a field this version does not
/// take is refused (naming it) and nothing is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Settings {
    pub site_url: String,
    pub demo: bool,
    pub fetch_concurrency: u8,
    /// How WorkFossa's pages are read: `auto` (plain HTTP, switching to a headless Chromium when
    /// the site needs it), `http` or `browser`.
    pub page_reader: PageReader,
    /// Read-only: what `auto` found the site needs (`http` or `browser`), or `null` while it has
    /// not checked yet. Ignored when saving; changing `page_reader` clears it.
    #[serde(default)]
    pub page_reader_detected: Option<PageReader>,
    pub launch_at_login: bool,
    pub notifications: NotificationSettings,
}

/// Parses and checks a site address (http or https, with a host).
pub fn parse_site_url(text: &str) -> EngineResult<Url> {
    let url = Url::parse(text.trim()).map_err(|e| {
        EngineError::invalid(
            "site_url",
            format!("{e}: give an address like https://app.workfossa.com"),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(EngineError::invalid(
            "site_url",
            "the address must start with https:// (or http://) and name a host",
        ));
    }
    Ok(url)
}

/// `auto`, `http` or `browser` (any case) as the page reader; anything else is an error naming
/// `page_reader`.
pub fn parse_page_reader(text: &str) -> EngineResult<PageReader> {
    text.parse()
        .map_err(|message: String| EngineError::invalid(PAGE_READER_SETTING, message))
}

impl Settings {
    /// Checks every field; the first bad one is the error.
    pub fn validate(&self) -> EngineResult<()> {
        parse_site_url(&self.site_url)?;
        if !(1..=8).contains(&self.fetch_concurrency) {
            return Err(EngineError::invalid(
                "fetch_concurrency",
                "must be between 1 and 8 pages at once",
            ));
        }
        let notes = &self.notifications;
        if let Some(minutes) = notes.quiet_period_minutes {
            if !(1..=10_080).contains(&minutes) {
                return Err(EngineError::invalid(
                    "quiet_period_minutes",
                    "must be between 1 minute and 7 days, or empty for no repeat",
                ));
            }
        }
        if let Some(url) = &notes.webhook_url {
            let parsed = url::Url::parse(url).map_err(|_| {
                EngineError::invalid(
                    "webhook_url",
                    "give the full https:// address of the incoming webhook",
                )
            })?;
            if !matches!(parsed.scheme(), "https" | "http") {
                return Err(EngineError::invalid(
                    "webhook_url",
                    "the webhook address must start with https://",
                ));
            }
        }
        if let Some(email) = &notes.email {
            if email.host.trim().is_empty() {
                return Err(EngineError::invalid(
                    "email.host",
                    "give the SMTP server's host name",
                ));
            }
            if email.port == 0 {
                return Err(EngineError::invalid(
                    "email.port",
                    "give the SMTP port (587 for STARTTLS, 465 for TLS)",
                ));
            }
            for (field, address) in [("email.from", &email.from), ("email.to", &email.to)] {
                if address.parse::<lettre::Address>().is_err() {
                    return Err(EngineError::invalid(
                        field,
                        format!("{address:?} is not an email address"),
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_page_readers_name_the_field() {
        assert_eq!(parse_page_reader("Browser").unwrap(), PageReader::Browser);
        let error = parse_page_reader("chrome").unwrap_err();
        assert!(
            matches!(error, EngineError::InvalidInput { ref field, ref message }
                if field == "page_reader" && message.contains("auto, http or browser")),
            "{error}"
        );
        // In JSON only the three lowercase names are accepted.
        let mut json = serde_json::json!({
            "site_url": "https://app.workfossa.com/", "demo": false, "fetch_concurrency": 4,
            "page_reader": "browser", "launch_at_login": false,
            "notifications": NotificationSettings::default(),
        });
        let parsed: Settings = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(parsed.page_reader, PageReader::Browser);
        assert_eq!(parsed.page_reader_detected, None);
        json["page_reader"] = "chrome".into();
        let error = serde_json::from_value::<Settings>(json).unwrap_err();
        assert!(error.to_string().contains("auto"), "{error}");
    }
}
