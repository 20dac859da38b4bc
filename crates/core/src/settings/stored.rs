//! Reading and saving the settings through the store: the whole [`Settings`] at once, and the
//! few single settings a sync or the scheduler reads, each as its typed value.

use super::keys::*;
use super::{parse_site_url, NotificationSettings, PageReader, Settings};
use crate::error::{EngineError, EngineResult};
use crate::store::Store;
use crate::workfossa::DEFAULT_SITE_URL;

/// The stored notification settings. [`NotificationSettings`] refuses unknown fields (a request
/// naming one is wrong), but keys written by a newer version are dropped here rather than losing
/// the rest.
fn read_stored_notifications(text: &str) -> NotificationSettings {
    const NOTIFICATION_KEYS: &[&str] = &[
        "desktop",
        "new_work_orders",
        "quiet_period_minutes",
        "email",
        "webhook_url",
    ];
    const EMAIL_KEYS: &[&str] = &[
        "host",
        "port",
        "security",
        "username",
        "password_set",
        "from",
        "to",
    ];
    let keep = |value: &mut serde_json::Value, known: &[&str]| {
        if let Some(fields) = value.as_object_mut() {
            fields.retain(|key, _| known.contains(&key.as_str()));
        }
    };
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) else {
        return NotificationSettings::default();
    };
    keep(&mut value, NOTIFICATION_KEYS);
    if let Some(email) = value.get_mut("email") {
        keep(email, EMAIL_KEYS);
    }
    serde_json::from_value(value).unwrap_or_default()
}

impl Store {
    pub async fn settings(&self) -> EngineResult<Settings> {
        let notifications = match self.setting(NOTIFICATIONS_SETTING).await? {
            Some(text) => read_stored_notifications(&text),
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
            page_reader: self.page_reader().await?,
            page_reader_detected: self.page_reader_detected().await?,
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
        let site_url = parse_site_url(&settings.site_url)?.to_string();
        let (concurrency, reader) = (settings.fetch_concurrency, settings.page_reader);
        let launch_at_login = settings.launch_at_login;
        self.update_settings(PAGE_READER_SETTING, |previous| {
            let previous: PageReader = previous.and_then(|v| v.parse().ok()).unwrap_or_default();
            let mut values = vec![
                (SITE_URL_SETTING, site_url),
                (CONCURRENCY_SETTING, concurrency.to_string()),
                (LAUNCH_AT_LOGIN_SETTING, launch_at_login.to_string()),
                (NOTIFICATIONS_SETTING, notifications),
                (PAGE_READER_SETTING, reader.to_string()),
            ];
            if previous != reader {
                values.push((PAGE_READER_DETECTED_SETTING, String::new()));
            }
            values
        })
        .await
    }
}

/// The typed single settings.
impl Store {
    /// True when this data dir holds the demo's data.
    pub async fn is_demo(&self) -> EngineResult<bool> {
        Ok(self.setting(DEMO_SETTING).await?.as_deref() == Some("true"))
    }

    /// The pages a sync fetches at once when the setting is stored (4 when it is unreadable,
    /// held to 1 to 8); `None` when it never was.
    pub async fn sync_concurrency(&self) -> EngineResult<Option<usize>> {
        let stored = self.setting(CONCURRENCY_SETTING).await?;
        Ok(stored.map(|value| value.parse::<usize>().unwrap_or(4).clamp(1, 8)))
    }

    /// The page reader setting (`auto` when unset or unreadable).
    pub async fn page_reader(&self) -> EngineResult<PageReader> {
        let stored = self.setting(PAGE_READER_SETTING).await?;
        Ok(stored.and_then(|v| v.parse().ok()).unwrap_or_default())
    }

    /// What `auto` found the site needs, if it has checked.
    pub async fn page_reader_detected(&self) -> EngineResult<Option<PageReader>> {
        let stored = self.setting(PAGE_READER_DETECTED_SETTING).await?;
        Ok(stored.and_then(|v| v.parse().ok()))
    }

    /// Keeps what `auto` found for the next sync; `None` forgets it.
    pub async fn remember_page_reader(&self, reader: Option<PageReader>) -> EngineResult<()> {
        let value = reader.map_or("", PageReader::as_str);
        self.set_setting(PAGE_READER_DETECTED_SETTING, value).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{EmailSettings, SmtpSecurity};

    #[test]
    fn stored_notifications_with_keys_from_a_newer_version_keep_the_rest() {
        let stored = r#"{"desktop": false, "sms": true, "webhook_url": "https://h.example.com/x",
            "email": {"host": "smtp.example.com", "port": 587, "security": "tls",
                      "username": null, "password_set": true, "from": "a@example.com",
                      "to": "b@example.com", "dkim": "x"}}"#;
        let read = read_stored_notifications(stored);
        assert!(!read.desktop);
        assert_eq!(read.webhook_url.as_deref(), Some("https://h.example.com/x"));
        assert_eq!(read.email.map(|email| email.port), Some(587));
        assert!(serde_json::from_str::<NotificationSettings>(stored).is_err());
        assert_eq!(
            read_stored_notifications("not json"),
            NotificationSettings::default()
        );
    }

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
}
