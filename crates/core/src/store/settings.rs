//! Key-value settings (site address, notification choices, ...), stored as text.

use super::Store;
use crate::error::EngineResult;

impl Store {
    pub async fn setting(&self, key: &str) -> EngineResult<Option<String>> {
        let value = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(self.pool())
            .await?;
        Ok(value)
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> EngineResult<()> {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES (?, ?)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// In one transaction: reads the setting `read`, then stores every (key, value) that `values`
    /// makes of it, so what is written can depend on what was there.
    pub async fn update_settings<F>(&self, read: &str, values: F) -> EngineResult<()>
    where
        F: FnOnce(Option<String>) -> Vec<(&'static str, String)>,
    {
        let mut tx = self.pool().begin().await?;
        let previous: Option<String> =
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
                .bind(read)
                .fetch_optional(&mut *tx)
                .await?;
        for (key, value) in values(previous) {
            sqlx::query(
                "INSERT INTO settings (key, value) VALUES (?, ?)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .bind(key)
            .bind(value)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn remove_setting(&self, key: &str) -> EngineResult<()> {
        sqlx::query("DELETE FROM settings WHERE key = ?")
            .bind(key)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn settings_round_trip_and_overwrite() {
        let store = Store::in_memory().await.unwrap();
        assert_eq!(store.setting("site_url").await.unwrap(), None);
        store.set_setting("site_url", "a").await.unwrap();
        store.set_setting("site_url", "b").await.unwrap();
        assert_eq!(
            store.setting("site_url").await.unwrap().as_deref(),
            Some("b")
        );
        store.remove_setting("site_url").await.unwrap();
        assert_eq!(store.setting("site_url").await.unwrap(), None);
    }

    #[tokio::test]
    async fn update_settings_writes_what_the_previous_value_calls_for() {
        let store = Store::in_memory().await.unwrap();
        store.set_setting("mode", "a").await.unwrap();
        let update = |previous: Option<String>| {
            let mut values = vec![("mode", "b".to_string())];
            if previous.as_deref() != Some("b") {
                values.push(("mode_changed", "yes".to_string()));
            }
            values
        };
        store.update_settings("mode", update).await.unwrap();
        assert_eq!(store.setting("mode").await.unwrap().as_deref(), Some("b"));
        assert_eq!(
            store.setting("mode_changed").await.unwrap().as_deref(),
            Some("yes")
        );
        store.remove_setting("mode_changed").await.unwrap();
        store.update_settings("mode", update).await.unwrap();
        assert_eq!(store.setting("mode_changed").await.unwrap(), None);
    }
}
