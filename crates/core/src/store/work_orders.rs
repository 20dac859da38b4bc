//! Work orders and their change records: the one-transaction apply of a sync, and the queries.

use super::Store;
use crate::clock::{from_ms, to_ms};
use crate::diff::{diff_against_stored, diff_work_orders, stored_record_keys, FieldChange};
use crate::error::{EngineResult, SyncError};
use crate::model::RunSummary;
use crate::workfossa::WorkOrder;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use std::collections::{HashMap, HashSet};

/// What a sync wrote, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ApplyStats {
    pub summary: RunSummary,
    /// Work-order rows inserted, updated or flagged removed (0 on a no-change resync).
    pub work_order_rows_written: u64,
    pub change_rows_written: u64,
}

/// A stored work order: the record plus when it was seen and whether it disappeared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredWorkOrder {
    #[serde(flatten)]
    pub record: WorkOrder,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed_at: Option<DateTime<Utc>>,
    #[serde(skip)]
    pub first_seen_run: i64,
    #[serde(skip)]
    pub last_change_run: i64,
}

/// One change record of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ChangeRecord {
    pub run_id: i64,
    pub run_started_at: DateTime<Utc>,
    pub number: i64,
    /// `new`, `changed` or `removed`.
    pub kind: String,
    pub field: Option<String>,
    pub old_value: Option<serde_json::Value>,
    pub new_value: Option<serde_json::Value>,
}

/// Which work orders to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkOrderQuery {
    pub search: Option<String>,
    /// Only work orders with this category (its whole name in any case, e.g. `Meter Calibration`).
    pub category: Option<String>,
    pub include_removed: bool,
}

struct Existing {
    record: Option<WorkOrder>,
    /// The stored JSON text, to see which fields it knew (read only when the record differs).
    json: String,
    removed: bool,
}

/// What applying one fresh record to its stored row amounts to.
enum RowUpdate {
    /// Identical: the row is not touched.
    Unchanged,
    /// Only fields the stored record did not know got values: rewritten, nothing reported.
    Silent,
    /// Field changes to record.
    Changed(Vec<FieldChange>),
    /// Back on the list, or unreadable before: counts as new again.
    New,
}

fn row_update(old: &Existing, record: &WorkOrder) -> RowUpdate {
    let previous = match (&old.record, old.removed) {
        (Some(previous), false) => previous,
        _ => return RowUpdate::New,
    };
    if previous == record {
        return RowUpdate::Unchanged;
    }
    let changes = match stored_record_keys(&old.json) {
        Ok(keys) => diff_against_stored(previous, &keys, record),
        Err(_) => diff_work_orders(previous, record),
    };
    if changes.is_empty() {
        RowUpdate::Silent
    } else {
        RowUpdate::Changed(changes)
    }
}

impl Store {
    /// Writes a complete scrape in ONE transaction: new and changed work orders, removals (flagged,
    /// kept), change records, and the run row marked successful. Unchanged rows are not touched.
    pub async fn apply_work_orders(
        &self,
        run_id: i64,
        records: &[WorkOrder],
        attempts: i64,
        now: DateTime<Utc>,
    ) -> Result<ApplyStats, SyncError> {
        let mut tx = self.pool().begin().await?;
        let rows = sqlx::query("SELECT number, record, removed_ms FROM work_orders")
            .fetch_all(&mut *tx)
            .await?;
        let mut existing: HashMap<i64, Existing> = HashMap::with_capacity(rows.len());
        for row in rows {
            let text: String = row.try_get("record")?;
            let removed: Option<i64> = row.try_get("removed_ms")?;
            existing.insert(
                row.try_get("number")?,
                Existing {
                    record: serde_json::from_str(&text).ok(),
                    json: text,
                    removed: removed.is_some(),
                },
            );
        }
        let mut stats = ApplyStats::default();
        let mut seen = HashSet::with_capacity(records.len());
        let now_ms = to_ms(now);
        for record in records {
            seen.insert(record.number);
            let json =
                serde_json::to_string(record).map_err(|e| SyncError::Store(e.to_string()))?;
            match existing.get(&record.number) {
                None => {
                    sqlx::query(
                        "INSERT INTO work_orders (number, record, first_seen_run, last_change_run, first_seen_ms, updated_ms)
                         VALUES (?, ?, ?, ?, ?, ?)",
                    )
                    .bind(record.number).bind(&json).bind(run_id).bind(run_id).bind(now_ms).bind(now_ms)
                    .execute(&mut *tx).await?;
                    insert_change(&mut tx, run_id, record.number, "new", None).await?;
                    stats.summary.new += 1;
                    stats.work_order_rows_written += 1;
                    stats.change_rows_written += 1;
                }
                Some(old) => {
                    let update = row_update(old, record);
                    match update {
                        RowUpdate::Unchanged => continue,
                        RowUpdate::Silent => {
                            // The record learnt fields it did not have: keep it current, quietly.
                            sqlx::query("UPDATE work_orders SET record = ? WHERE number = ?")
                                .bind(&json)
                                .bind(record.number)
                                .execute(&mut *tx)
                                .await?;
                            stats.work_order_rows_written += 1;
                            continue;
                        }
                        RowUpdate::Changed(_) | RowUpdate::New => {}
                    }
                    sqlx::query(
                        "UPDATE work_orders SET record = ?, last_change_run = ?, updated_ms = ?,
                             removed_ms = NULL, removed_run = NULL WHERE number = ?",
                    )
                    .bind(&json)
                    .bind(run_id)
                    .bind(now_ms)
                    .bind(record.number)
                    .execute(&mut *tx)
                    .await?;
                    stats.work_order_rows_written += 1;
                    if let RowUpdate::Changed(changes) = update {
                        for change in &changes {
                            insert_change(&mut tx, run_id, record.number, "changed", Some(change))
                                .await?;
                        }
                        stats.summary.changed += 1;
                        stats.change_rows_written += changes.len() as u64;
                    } else {
                        // Back on the list (or unreadable before): counts as new again.
                        insert_change(&mut tx, run_id, record.number, "new", None).await?;
                        stats.summary.new += 1;
                        stats.change_rows_written += 1;
                    }
                }
            }
        }
        let mut gone: Vec<i64> = existing
            .iter()
            .filter(|(number, old)| !old.removed && !seen.contains(number))
            .map(|(number, _)| *number)
            .collect();
        gone.sort_unstable();
        for number in gone {
            sqlx::query("UPDATE work_orders SET removed_ms = ?, removed_run = ? WHERE number = ?")
                .bind(now_ms)
                .bind(run_id)
                .bind(number)
                .execute(&mut *tx)
                .await?;
            insert_change(&mut tx, run_id, number, "removed", None).await?;
            stats.summary.removed += 1;
            stats.work_order_rows_written += 1;
            stats.change_rows_written += 1;
        }
        stats.summary.found = records.len() as i64;
        stats.summary.attempts = attempts;
        Store::finish_run_success(&mut tx, run_id, now, &stats.summary)
            .await
            .map_err(|e| SyncError::Store(e.to_string()))?;
        tx.commit().await?;
        Ok(stats)
    }

    /// Work orders sorted by number; removed ones only when asked; `search` matches any text;
    /// `category` keeps those listing that category (records stored before categories were read
    /// have none).
    pub async fn work_orders(&self, query: &WorkOrderQuery) -> EngineResult<Vec<StoredWorkOrder>> {
        let pattern = query
            .search
            .as_deref()
            .filter(|text| !text.trim().is_empty())
            .map(|text| {
                format!(
                    "%{}%",
                    text.trim()
                        .replace('\\', "\\\\")
                        .replace('%', "\\%")
                        .replace('_', "\\_")
                )
            });
        let category = query
            .category
            .as_deref()
            .map(str::trim)
            .filter(|name| !name.is_empty());
        let rows = sqlx::query(
            "SELECT number, record, removed_ms, first_seen_run, last_change_run FROM work_orders
             WHERE (?1 OR removed_ms IS NULL) AND (?2 IS NULL OR record LIKE ?2 ESCAPE '\\')
               AND (?3 IS NULL OR EXISTS (
                   SELECT 1 FROM json_each(record, '$.categories') WHERE value = ?3 COLLATE NOCASE))
             ORDER BY number",
        )
        .bind(query.include_removed)
        .bind(pattern)
        .bind(category)
        .fetch_all(self.pool())
        .await?;
        let mut orders = Vec::with_capacity(rows.len());
        for row in rows {
            let text: String = row.try_get("record")?;
            let Ok(record) = serde_json::from_str::<WorkOrder>(&text) else {
                tracing::warn!("skipping an unreadable stored work order");
                continue;
            };
            let removed: Option<i64> = row.try_get("removed_ms")?;
            orders.push(StoredWorkOrder {
                record,
                removed_at: removed.map(from_ms),
                first_seen_run: row.try_get("first_seen_run")?,
                last_change_run: row.try_get("last_change_run")?,
            });
        }
        Ok(orders)
    }

    /// How many work orders run `run_id` rescheduled (a changed next visit or due date).
    pub async fn rescheduled_work_orders(&self, run_id: i64) -> EngineResult<i64> {
        let count = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT number) FROM changes WHERE run_id = ? AND kind = 'changed'
             AND (field LIKE 'next_visit%' OR field = 'due_date')",
        )
        .bind(run_id)
        .fetch_one(self.pool())
        .await?;
        Ok(count)
    }

    /// Change records, oldest first, of one run or of runs started since an instant.
    pub async fn changes(
        &self,
        run_id: Option<i64>,
        since: Option<DateTime<Utc>>,
    ) -> EngineResult<Vec<ChangeRecord>> {
        let rows = sqlx::query(
            "SELECT c.run_id, r.started_at_ms, c.number, c.kind, c.field, c.old_value, c.new_value
             FROM changes c JOIN runs r ON r.id = c.run_id
             WHERE (?1 IS NULL OR c.run_id = ?1) AND (?2 IS NULL OR r.started_at_ms >= ?2)
             ORDER BY c.run_id, c.id",
        )
        .bind(run_id)
        .bind(since.map(to_ms))
        .fetch_all(self.pool())
        .await?;
        let parse = |text: Option<String>| text.and_then(|text| serde_json::from_str(&text).ok());
        rows.into_iter()
            .map(|row| {
                Ok(ChangeRecord {
                    run_id: row.try_get("run_id")?,
                    run_started_at: from_ms(row.try_get("started_at_ms")?),
                    number: row.try_get("number")?,
                    kind: row.try_get("kind")?,
                    field: row.try_get("field")?,
                    old_value: parse(row.try_get("old_value")?),
                    new_value: parse(row.try_get("new_value")?),
                })
            })
            .collect()
    }
}

async fn insert_change(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    run_id: i64,
    number: i64,
    kind: &str,
    change: Option<&FieldChange>,
) -> Result<(), SyncError> {
    sqlx::query("INSERT INTO changes (run_id, number, kind, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(run_id)
        .bind(number)
        .bind(kind)
        .bind(change.map(|c| c.field.as_str()))
        .bind(change.map(|c| c.old.to_string()))
        .bind(change.map(|c| c.new.to_string()))
        .execute(&mut **tx)
        .await?;
    Ok(())
}
