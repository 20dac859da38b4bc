//! Removing everything a data dir synced (the demo's data when the user leaves the demo).

use super::Store;
use crate::error::EngineResult;

/// What [`Store::clear_synced_data`] removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cleared {
    pub work_orders: u64,
    pub runs: u64,
}

impl Store {
    /// In one transaction removes every change record, work order, station's dispensers and
    /// run, and the `settings` named.
    pub async fn clear_synced_data(&self, settings: &[&str]) -> EngineResult<Cleared> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("DELETE FROM changes").execute(&mut *tx).await?;
        for table in ["dispenser_changes", "dispensers", "dispenser_locations"] {
            sqlx::query(&format!("DELETE FROM {table}"))
                .execute(&mut *tx)
                .await?;
        }
        let work_orders = sqlx::query("DELETE FROM work_orders")
            .execute(&mut *tx)
            .await?
            .rows_affected();
        let runs = sqlx::query("DELETE FROM runs")
            .execute(&mut *tx)
            .await?
            .rows_affected();
        for key in settings {
            sqlx::query("DELETE FROM settings WHERE key = ?")
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(Cleared { work_orders, runs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{JobType, Trigger};
    use chrono::Utc;

    #[tokio::test]
    async fn clears_runs_and_the_named_settings_only() {
        let store = Store::in_memory().await.unwrap();
        store
            .start_run(JobType::WorkOrders, Trigger::Manual, Utc::now(), 0)
            .await
            .unwrap();
        store.set_setting("demo", "true").await.unwrap();
        store.set_setting("kept", "yes").await.unwrap();
        let cleared = store.clear_synced_data(&["demo"]).await.unwrap();
        assert_eq!(
            cleared,
            Cleared {
                work_orders: 0,
                runs: 1
            }
        );
        assert_eq!(store.setting("demo").await.unwrap(), None);
        assert_eq!(store.setting("kept").await.unwrap().as_deref(), Some("yes"));
        assert_eq!(store.clear_synced_data(&[]).await.unwrap().runs, 0);
    }
}
