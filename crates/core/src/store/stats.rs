//! Per-day figures of the sync history, for the charts.

use super::Store;
use crate::clock::to_ms;
use crate::error::EngineResult;
use crate::model::JobType;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One day of the history, for the charts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DailyStat {
    pub day: String,
    pub runs: i64,
    pub succeeded: i64,
    pub failed: i64,
    pub skipped: i64,
    pub avg_duration_ms: Option<f64>,
    /// Found by the day's last successful sync.
    pub work_orders: Option<i64>,
}

/// One row of the daily statistics query: day, runs, succeeded, failed, skipped, average
/// duration.
type DailyRow = (String, i64, i64, i64, i64, Option<f64>);

impl Store {
    /// The finished work-order syncs started since `since`, per local day (a day runs from
    /// midnight at `offset_ms` from UTC), oldest day first.
    pub async fn daily_stats(
        &self,
        offset_ms: i64,
        since: DateTime<Utc>,
        job: JobType,
    ) -> EngineResult<Vec<DailyStat>> {
        let day = "date((started_at_ms + ?1) / 1000, 'unixepoch')";
        let rows: Vec<DailyRow> = sqlx::query_as(&format!(
            "SELECT {day} AS day, COUNT(*), SUM(status = 'success'), SUM(status = 'failed'),
                    SUM(status = 'skipped'), AVG(CASE WHEN status = 'success' THEN duration_ms END)
             FROM runs WHERE started_at_ms >= ?2 AND job_type = ?3 AND status != 'running'
             GROUP BY day ORDER BY day"
        ))
        .bind(offset_ms)
        .bind(to_ms(since))
        .bind(job.as_str())
        .fetch_all(self.pool())
        .await?;
        // The work orders found by each day's last successful sync.
        let found: Vec<(String, i64)> = sqlx::query_as(&format!(
            "SELECT day, found FROM (
                 SELECT {day} AS day, found,
                        ROW_NUMBER() OVER (PARTITION BY {day} ORDER BY started_at_ms DESC) AS newest
                 FROM runs WHERE started_at_ms >= ?2 AND job_type = ?3 AND status = 'success'
             ) WHERE newest = 1"
        ))
        .bind(offset_ms)
        .bind(to_ms(since))
        .bind(job.as_str())
        .fetch_all(self.pool())
        .await?;
        let found: HashMap<String, i64> = found.into_iter().collect();
        Ok(rows
            .into_iter()
            .map(
                |(day, runs, succeeded, failed, skipped, avg_duration_ms)| DailyStat {
                    work_orders: found.get(&day).copied(),
                    day,
                    runs,
                    succeeded,
                    failed,
                    skipped,
                    avg_duration_ms,
                },
            )
            .collect())
    }
}
