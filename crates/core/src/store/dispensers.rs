//! Dispensers per location, what each location's page said when it was last read, and the
//! dispenser change records.
//!
//! Each location's result is saved in its own transaction ([`Store::save_location_result`]), as
//! soon as its page is read: locations are independent (a failure fails one location, never the
//! others), a run over hundreds of locations takes minutes and must not hold SQLite's single write
//! lock that long (the work-order sync writes too), and a run that is stopped or crashes keeps
//! the locations it finished. Inside a location's transaction the stored dispensers are read,
//! compared and rewritten together, so its rows and change records always agree.

use super::Store;
use crate::clock::{from_ms, to_ms};
use crate::diff_dispensers::{diff_dispensers, DispenserChange};
use crate::error::{EngineResult, SyncError};
use crate::workfossa::dispenser::{Dispenser, LocationEquipment};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{Row, Sqlite, Transaction};

/// What the last attempt to read a location's page gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationOutcome {
    /// The `Dispenser` group was read; its dispensers are stored.
    Read,
    /// The equipment tab was recognised and has no `Dispenser` group.
    NoDispensers,
    /// "Not found on WorkFossa": the page says the location may have been deleted.
    NotFound,
    /// The page could not be read or was not recognised; nothing stored was changed.
    Failed,
}

impl LocationOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            LocationOutcome::Read => "read",
            LocationOutcome::NoDispensers => "no_dispensers",
            LocationOutcome::NotFound => "not_found",
            LocationOutcome::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "read" => LocationOutcome::Read,
            "no_dispensers" => LocationOutcome::NoDispensers,
            "not_found" => LocationOutcome::NotFound,
            _ => LocationOutcome::Failed,
        }
    }
}

/// A location's row: its last outcome and when its page was last read and understood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocationState {
    pub location_id: i64,
    pub outcome: LocationOutcome,
    /// The last successful read (`read`, `no_dispensers` or `not_found`); kept by failures.
    pub read_at: Option<DateTime<Utc>>,
    /// The last attempt, whatever it gave.
    pub checked_at: DateTime<Utc>,
    /// The stored dispensers may be outdated (the location was not found on WorkFossa).
    pub stale: bool,
    pub last_error: Option<String>,
}

/// A stored dispenser with its location's read time and stale flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredDispenser {
    #[serde(flatten)]
    pub record: Dispenser,
    pub read_at: Option<DateTime<Utc>>,
    pub stale: bool,
}

/// One stored dispenser change record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DispenserChangeRecord {
    pub run_id: i64,
    pub location_id: i64,
    pub number: String,
    /// `added`, `removed` or `changed`.
    pub kind: String,
    pub field: Option<String>,
    pub old_value: Option<serde_json::Value>,
    pub new_value: Option<serde_json::Value>,
}

/// What reading one location gave, to be saved.
#[derive(Debug, Clone, Copy)]
pub enum LocationResult<'a> {
    /// The page was read and understood.
    Equipment(&'a LocationEquipment),
    /// The page could not be read or was not recognised (the reason, one sentence).
    Failed(&'a str),
}

impl Store {
    /// Every location's state, by location id.
    pub async fn dispenser_locations(&self) -> EngineResult<Vec<LocationState>> {
        let rows = sqlx::query(
            "SELECT location_id, outcome, read_at_ms, checked_at_ms, stale, last_error
             FROM dispenser_locations ORDER BY location_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|row| {
                let outcome: String = row.try_get("outcome")?;
                let read_at: Option<i64> = row.try_get("read_at_ms")?;
                Ok(LocationState {
                    location_id: row.try_get("location_id")?,
                    outcome: LocationOutcome::parse(&outcome),
                    read_at: read_at.map(from_ms),
                    checked_at: from_ms(row.try_get("checked_at_ms")?),
                    stale: row.try_get("stale")?,
                    last_error: row.try_get("last_error")?,
                })
            })
            .collect()
    }

    /// The stored dispensers of one location (or of all), by location then page order.
    pub async fn dispensers(&self, location_id: Option<i64>) -> EngineResult<Vec<StoredDispenser>> {
        let rows = sqlx::query(
            "SELECT d.record, l.read_at_ms, COALESCE(l.stale, 0) AS stale FROM dispensers d
             LEFT JOIN dispenser_locations l ON l.location_id = d.location_id
             WHERE ?1 IS NULL OR d.location_id = ?1
             ORDER BY d.location_id, d.position",
        )
        .bind(location_id)
        .fetch_all(self.pool())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let text: String = row.try_get("record")?;
            let Ok(record) = serde_json::from_str::<Dispenser>(&text) else {
                tracing::warn!("skipping an unreadable stored dispenser");
                continue;
            };
            let read_at: Option<i64> = row.try_get("read_at_ms")?;
            out.push(StoredDispenser {
                record,
                read_at: read_at.map(from_ms),
                stale: row.try_get("stale")?,
            });
        }
        Ok(out)
    }

    /// Dispenser change records, oldest first, of one run and/or one location.
    pub async fn dispenser_changes(
        &self,
        run_id: Option<i64>,
        location_id: Option<i64>,
    ) -> EngineResult<Vec<DispenserChangeRecord>> {
        let rows = sqlx::query(
            "SELECT run_id, location_id, number, kind, field, old_value, new_value
             FROM dispenser_changes
             WHERE (?1 IS NULL OR run_id = ?1) AND (?2 IS NULL OR location_id = ?2)
             ORDER BY id",
        )
        .bind(run_id)
        .bind(location_id)
        .fetch_all(self.pool())
        .await?;
        let parse = |text: Option<String>| text.and_then(|text| serde_json::from_str(&text).ok());
        rows.into_iter()
            .map(|row| {
                Ok(DispenserChangeRecord {
                    run_id: row.try_get("run_id")?,
                    location_id: row.try_get("location_id")?,
                    number: row.try_get("number")?,
                    kind: row.try_get("kind")?,
                    field: row.try_get("field")?,
                    old_value: parse(row.try_get("old_value")?),
                    new_value: parse(row.try_get("new_value")?),
                })
            })
            .collect()
    }

    /// Saves what reading `location_id` gave, in one transaction, and returns the change records
    /// written. Dispensers read: rows rewritten only if they differ, changes recorded. No
    /// dispensers: the stored ones are recorded removed. Not found or failed: the stored
    /// dispensers are kept untouched (not found marks them stale); nothing is deleted.
    pub async fn save_location_result(
        &self,
        run_id: i64,
        location_id: i64,
        result: LocationResult<'_>,
        now: DateTime<Utc>,
    ) -> Result<u64, SyncError> {
        let mut tx = self.pool().begin().await?;
        let now_ms = to_ms(now);
        let (outcome, fresh, error) = match result {
            LocationResult::Equipment(LocationEquipment::Dispensers(list)) => {
                (LocationOutcome::Read, Some(list.as_slice()), None)
            }
            LocationResult::Equipment(LocationEquipment::NoDispensers) => {
                (LocationOutcome::NoDispensers, Some(&[][..]), None)
            }
            LocationResult::Equipment(LocationEquipment::LocationNotFound) => {
                (LocationOutcome::NotFound, None, None)
            }
            LocationResult::Failed(reason) => (LocationOutcome::Failed, None, Some(reason)),
        };
        let mut written = 0;
        if let Some(fresh) = fresh {
            let stored = stored_records(&mut tx, location_id).await?;
            let changes = diff_dispensers(&stored, fresh);
            if !changes.is_empty() {
                replace_dispensers(&mut tx, run_id, location_id, fresh, now_ms).await?;
                for change in &changes {
                    insert_change(&mut tx, run_id, location_id, change).await?;
                }
                written = changes.len() as u64;
            }
        }
        // `read_at` and `stale` move only when the page was understood; a failure keeps both.
        let understood = outcome != LocationOutcome::Failed;
        sqlx::query(
            "INSERT INTO dispenser_locations
                 (location_id, outcome, read_at_ms, checked_at_ms, stale, last_error, last_run)
             VALUES (?1, ?2, CASE WHEN ?3 THEN ?4 END, ?4, ?5, ?6, ?7)
             ON CONFLICT (location_id) DO UPDATE SET
                 outcome = ?2,
                 read_at_ms = CASE WHEN ?3 THEN ?4 ELSE read_at_ms END,
                 checked_at_ms = ?4,
                 stale = CASE WHEN ?3 THEN ?5 ELSE stale END,
                 last_error = ?6,
                 last_run = ?7",
        )
        .bind(location_id)
        .bind(outcome.as_str())
        .bind(understood)
        .bind(now_ms)
        .bind(outcome == LocationOutcome::NotFound)
        .bind(error)
        .bind(run_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(written)
    }
}

async fn stored_records(
    tx: &mut Transaction<'_, Sqlite>,
    location_id: i64,
) -> Result<Vec<Dispenser>, SyncError> {
    let texts: Vec<String> =
        sqlx::query_scalar("SELECT record FROM dispensers WHERE location_id = ? ORDER BY position")
            .bind(location_id)
            .fetch_all(&mut **tx)
            .await?;
    Ok(texts
        .iter()
        .filter_map(|text| serde_json::from_str(text).ok())
        .collect())
}

/// Rewrites the location's rows in the page's order, keeping each number's first-seen run.
async fn replace_dispensers(
    tx: &mut Transaction<'_, Sqlite>,
    run_id: i64,
    location_id: i64,
    fresh: &[Dispenser],
    now_ms: i64,
) -> Result<(), SyncError> {
    let first_seen: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT number, first_seen_run FROM dispensers WHERE location_id = ? ORDER BY position",
    )
    .bind(location_id)
    .fetch_all(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM dispensers WHERE location_id = ?")
        .bind(location_id)
        .execute(&mut **tx)
        .await?;
    for (position, dispenser) in fresh.iter().enumerate() {
        let json = serde_json::to_string(dispenser).map_err(|e| SyncError::Store(e.to_string()))?;
        let seen = first_seen
            .iter()
            .find(|(number, _)| *number == dispenser.number)
            .and_then(|(_, run)| *run)
            .unwrap_or(run_id);
        sqlx::query(
            "INSERT INTO dispensers (location_id, position, number, record, first_seen_run, updated_ms)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(location_id)
        .bind(position as i64)
        .bind(&dispenser.number)
        .bind(json)
        .bind(seen)
        .bind(now_ms)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn insert_change(
    tx: &mut Transaction<'_, Sqlite>,
    run_id: i64,
    location_id: i64,
    change: &DispenserChange,
) -> Result<(), SyncError> {
    sqlx::query(
        "INSERT INTO dispenser_changes (run_id, location_id, number, kind, field, old_value, new_value)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(run_id)
    .bind(location_id)
    .bind(&change.number)
    .bind(change.kind.as_str())
    .bind(change.field.as_deref())
    .bind(change.old.as_ref().map(|v| v.to_string()))
    .bind(change.new.as_ref().map(|v| v.to_string()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
