//! The SQLite store (sqlx): one pool per data dir, WAL, foreign keys, migrations applied at open.

mod clear;
mod dispensers;
mod runs;
mod schedules;
mod settings;
mod stats;
mod work_orders;

pub use clear::Cleared;
pub use dispensers::{
    DispenserChangeRecord, LocationOutcome, LocationResult, LocationState, StoredDispenser,
};
pub use runs::HistoryFilter;
pub use schedules::ScheduleRow;
pub use stats::DailyStat;
pub use work_orders::{ApplyStats, ChangeRecord, StoredWorkOrder, WorkOrderQuery};

use crate::error::EngineResult;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The database file's name inside the data dir.
pub const DATABASE_FILE: &str = "fossa-sync.db";

/// A handle on the database; cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and applies the migrations.
    pub async fn open(path: &Path) -> EngineResult<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        Self::with_pool(pool).await
    }

    /// A private in-memory database (tests, benchmarks).
    pub async fn in_memory() -> EngineResult<Self> {
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?.foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await?;
        Self::with_pool(pool).await
    }

    async fn with_pool(pool: SqlitePool) -> EngineResult<Self> {
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// `PRAGMA integrity_check`'s answer (`ok` when the file is sound).
    pub async fn integrity_check(&self) -> EngineResult<String> {
        let answer: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?;
        Ok(answer)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}
