//! The app's settings (site address, demo, fetch concurrency, page reader, startup,
//! notifications): one validated struct, stored in the settings table. A bad value is an error
//! naming the field and nothing is saved.

use crate::credentials::{parse_site_url, SITE_URL_SETTING};
use crate::error::{EngineError, EngineResult};
use crate::store::Store;
use crate::sync::reader::{PageReader, PAGE_READER_DETECTED_SETTING, PAGE_READER_SETTING};
use crate::sync::CONCURRENCY_SETTING;
use crate::workfossa::DEFAULT_SITE_URL;
use serde::{Deserialize, Serialize};

const NOTIFICATIONS_SETTING: &str = "notifications";
const LAUNCH_AT_LOGIN_SETTING: &str = "launch_at_login";
pub const DEMO_SETTING: &str = "demo";

/// How mail is secured on the way to the SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum SmtpSecurity {
    Starttls,
    Tls,
    None,
}

/// SMTP settings; the password lives in the keyring or a 0600 file, never here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(default)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

impl Store {
    pub async fn settings(&self) -> EngineResult<Settings> {
        let notifications = match self.setting(NOTIFICATIONS_SETTING).await? {
            Some(text) => serde_json::from_str(&text).unwrap_or_default(),
            None => NotificationSettings::default(),
        };
        Ok(Settings {
            // Always in the normalised form it is saved in (`https://host/`).
            site_url: {
                let raw = self
                    .setting(SITE_URL_SETTING)
                    .await?
                    .unwrap_or_else(|| DEFAULT_SITE_URL.to_string());
                parse_site_url(&raw)
                    .map(|url| url.to_string())
                    .unwrap_or(raw)
            },
            demo: self.setting(DEMO_SETTING).await?.as_deref() == Some("true"),
            fetch_concurrency: self
                .setting(CONCURRENCY_SETTING)
                .await?
                .and_then(|v| v.parse().ok())
                .unwrap_or(4),
            page_reader: self
                .setting(PAGE_READER_SETTING)
                .await?
                .and_then(|v| v.parse().ok())
                .unwrap_or_default(),
            page_reader_detected: self
                .setting(PAGE_READER_DETECTED_SETTING)
                .await?
                .and_then(|v| v.parse().ok()),
            launch_at_login: self.setting(LAUNCH_AT_LOGIN_SETTING).await?.as_deref()
                == Some("true"),
            notifications,
        })
    }

    /// Validates then stores all settings together; the SMTP password must already be dealt with.
    /// `demo` and `page_reader_detected` are reported only: entering and leaving the demo are the
    /// engine's (`Engine::enter_demo`, `Engine::leave_demo`), and a changed `page_reader` clears
    /// what `auto` detected, so the next sync in `auto` checks again.
    pub async fn save_settings(&self, settings: &Settings) -> EngineResult<()> {
        settings.validate()?;
        let mut notifications = settings.notifications.clone();
        if let Some(email) = notifications.email.as_mut() {
            email.password = None;
        }
        let notifications = serde_json::to_string(&notifications)
            .map_err(|e| EngineError::Control(e.to_string()))?;
        let mut tx = self.pool().begin().await?;
        let previous: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
                .bind(PAGE_READER_SETTING)
                .fetch_optional(&mut *tx)
                .await?;
        let previous: PageReader = previous.and_then(|v| v.parse().ok()).unwrap_or_default();
        let mut values = vec![
            (
                SITE_URL_SETTING,
                parse_site_url(&settings.site_url)?.to_string(),
            ),
            (CONCURRENCY_SETTING, settings.fetch_concurrency.to_string()),
            (
                LAUNCH_AT_LOGIN_SETTING,
                settings.launch_at_login.to_string(),
            ),
            (NOTIFICATIONS_SETTING, notifications),
            (PAGE_READER_SETTING, settings.page_reader.to_string()),
        ];
        if previous != settings.page_reader {
            values.push((PAGE_READER_DETECTED_SETTING, String::new()));
        }
        for (key, value) in values {
            sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                .bind(key)
                .bind(value)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn defaults_round_trip_and_bad_values_change_nothing() {
        let store = Store::in_memory().await.unwrap();
        let mut settings = store.settings().await.unwrap();
        assert_eq!(settings.site_url, format!("{DEFAULT_SITE_URL}/"));
        assert_eq!(settings.fetch_concurrency, 4);
        assert!(settings.notifications.desktop);
        settings.fetch_concurrency = 2;
        settings.notifications.webhook_url = Some("https://hooks.example.com/x".into());
        store.save_settings(&settings).await.unwrap();
        assert_eq!(store.settings().await.unwrap(), settings);

        let mut bad = settings.clone();
        bad.fetch_concurrency = 9;
        let error = store.save_settings(&bad).await.unwrap_err();
        assert!(
            matches!(error, EngineError::InvalidInput { ref field, .. } if field == "fetch_concurrency")
        );
        bad = settings.clone();
        bad.notifications.email = Some(EmailSettings {
            host: "smtp.example.com".into(),
            port: 587,
            security: SmtpSecurity::Starttls,
            username: None,
            password_set: false,
            password: None,
            from: "not an address".into(),
            to: "me@example.com".into(),
        });
        let error = store.save_settings(&bad).await.unwrap_err();
        assert!(
            matches!(error, EngineError::InvalidInput { ref field, .. } if field == "email.from")
        );
        assert_eq!(store.settings().await.unwrap(), settings);
    }

    #[tokio::test]
    async fn page_reader_is_checked_and_a_change_clears_what_auto_detected() {
        let store = Store::in_memory().await.unwrap();
        let mut settings = store.settings().await.unwrap();
        assert_eq!(settings.page_reader, PageReader::Auto);
        assert_eq!(settings.page_reader_detected, None);

        // What auto found is shown, and survives saving other settings.
        store
            .set_setting(PAGE_READER_DETECTED_SETTING, "browser")
            .await
            .unwrap();
        settings = store.settings().await.unwrap();
        assert_eq!(settings.page_reader_detected, Some(PageReader::Browser));
        settings.fetch_concurrency = 3;
        // Read-only: a client's value is ignored.
        settings.page_reader_detected = Some(PageReader::Http);
        store.save_settings(&settings).await.unwrap();
        let saved = store.settings().await.unwrap();
        assert_eq!(saved.page_reader_detected, Some(PageReader::Browser));

        // Away from auto clears it...
        settings.page_reader = PageReader::Http;
        store.save_settings(&settings).await.unwrap();
        let saved = store.settings().await.unwrap();
        assert_eq!(saved.page_reader, PageReader::Http);
        assert_eq!(saved.page_reader_detected, None);
        assert_eq!(
            store.setting(PAGE_READER_SETTING).await.unwrap().as_deref(),
            Some("http")
        );

        // ...and so does going back to auto.
        store
            .set_setting(PAGE_READER_DETECTED_SETTING, "http")
            .await
            .unwrap();
        settings.page_reader = PageReader::Auto;
        store.save_settings(&settings).await.unwrap();
        assert_eq!(store.settings().await.unwrap().page_reader_detected, None);

        // A stored value that is not a reader reads as the default.
        store
            .set_setting(PAGE_READER_SETTING, "chrome")
            .await
            .unwrap();
        assert_eq!(
            store.settings().await.unwrap().page_reader,
            PageReader::Auto
        );
    }

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
