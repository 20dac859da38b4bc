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
}
