//! The runs table: the sync history, its filters, and the bookkeeping of running runs.

use super::Store;
use crate::clock::{from_ms, to_ms};
use crate::error::{EngineError, EngineResult, ErrorClass};
use crate::model::{JobType, RunRecord, RunStatus, RunSummary, Trigger};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Row, Sqlite, SqliteConnection};

/// Which runs `history` returns, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryFilter {
    pub job_type: Option<JobType>,
    pub status: Option<RunStatus>,
    pub trigger: Option<Trigger>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

impl Store {
    /// Records a run as started (status `running`) and returns its id.
    pub async fn start_run(
        &self,
        job: JobType,
        trigger: Trigger,
        started: DateTime<Utc>,
        missed: i64,
    ) -> EngineResult<i64> {
        let id = sqlx::query(
            "INSERT INTO runs (job_type, trigger, status, started_at_ms, missed) VALUES (?, ?, 'running', ?, ?)",
        )
        .bind(job.as_str())
        .bind(trigger.as_str())
        .bind(to_ms(started))
        .bind(missed)
        .execute(self.pool())
        .await?
        .last_insert_rowid();
        Ok(id)
    }

    /// Marks a run successful with its counts; call inside the run's data transaction.
    pub async fn finish_run_success(
        conn: &mut SqliteConnection,
        run_id: i64,
        finished: DateTime<Utc>,
        summary: &RunSummary,
    ) -> EngineResult<()> {
        sqlx::query(
            "UPDATE runs SET status = 'success', finished_at_ms = ?, duration_ms = ? - started_at_ms,
                 attempts = ?, found = ?, new = ?, changed = ?, removed = ?, error_class = NULL, error = NULL
             WHERE id = ? AND status = 'running'",
        )
        .bind(to_ms(finished))
        .bind(to_ms(finished))
        .bind(summary.attempts)
        .bind(summary.found)
        .bind(summary.new)
        .bind(summary.changed)
        .bind(summary.removed)
        .bind(run_id)
        .execute(conn)
        .await?;
        Ok(())
    }

    /// Adds a message to a finished run (a dispenser run where some locations failed: success,
    /// with `partial: 12 of 13 locations read; …`).
    pub async fn note_run(
        &self,
        run_id: i64,
        class: ErrorClass,
        message: &str,
    ) -> EngineResult<()> {
        sqlx::query("UPDATE runs SET error_class = ?, error = ? WHERE id = ?")
            .bind(class.as_str())
            .bind(message)
            .bind(run_id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Ends a run that did not succeed (`failed`, `skipped` or `interrupted`).
    pub async fn finish_run_unsuccessful(
        &self,
        run_id: i64,
        status: RunStatus,
        finished: DateTime<Utc>,
        attempts: i64,
        error: Option<(ErrorClass, &str)>,
    ) -> EngineResult<()> {
        sqlx::query(
            "UPDATE runs SET status = ?, finished_at_ms = ?, duration_ms = ? - started_at_ms,
                 attempts = ?, error_class = ?, error = ?
             WHERE id = ? AND status = 'running'",
        )
        .bind(status.as_str())
        .bind(to_ms(finished))
        .bind(to_ms(finished))
        .bind(attempts)
        .bind(error.map(|(class, _)| class.as_str()))
        .bind(error.map(|(_, message)| message))
        .bind(run_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// At start: runs left `running` by a process that died become `interrupted`. Returns how many.
    pub async fn mark_abandoned_runs_interrupted(&self, now: DateTime<Utc>) -> EngineResult<u64> {
        let done = sqlx::query(
            "UPDATE runs SET status = 'interrupted', finished_at_ms = ?,
                 error = 'The app stopped before this sync finished; nothing from it was saved.'
             WHERE status = 'running'",
        )
        .bind(to_ms(now))
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }

    pub async fn run(&self, id: i64) -> EngineResult<RunRecord> {
        let row = sqlx::query("SELECT * FROM runs WHERE id = ?")
            .bind(id)
            .fetch_optional(self.pool())
            .await?
            .ok_or(EngineError::NoSuchRun(id))?;
        decode_run(&row)
    }

    pub async fn history(&self, filter: &HistoryFilter) -> EngineResult<Vec<RunRecord>> {
        if filter.limit.is_some_and(|limit| limit < 1) {
            return Err(EngineError::invalid("limit", "a page holds at least 1 run"));
        }
        if filter.offset.is_some_and(|offset| offset < 0) {
            return Err(EngineError::invalid("offset", "must be 0 or more"));
        }
        let mut query = QueryBuilder::<Sqlite>::new("SELECT * FROM runs WHERE 1 = 1");
        if let Some(job) = filter.job_type {
            query.push(" AND job_type = ").push_bind(job.as_str());
        }
        if let Some(status) = filter.status {
            query.push(" AND status = ").push_bind(status.as_str());
        }
        if let Some(trigger) = filter.trigger {
            query.push(" AND trigger = ").push_bind(trigger.as_str());
        }
        if let Some(since) = filter.since {
            query.push(" AND started_at_ms >= ").push_bind(to_ms(since));
        }
        if let Some(until) = filter.until {
            query.push(" AND started_at_ms < ").push_bind(to_ms(until));
        }
        query.push(" ORDER BY started_at_ms DESC, id DESC LIMIT ");
        query.push_bind(filter.limit.unwrap_or(50).clamp(1, 10_000));
        query.push(" OFFSET ").push_bind(filter.offset.unwrap_or(0));
        let rows = query.build().fetch_all(self.pool()).await?;
        rows.iter().map(decode_run).collect()
    }

    /// The newest run that ended as success, failed or interrupted (skips do not count).
    pub async fn last_finished_run(&self, job: JobType) -> EngineResult<Option<RunRecord>> {
        let row = sqlx::query(
            "SELECT * FROM runs WHERE job_type = ? AND status IN ('success', 'failed', 'interrupted')
             ORDER BY started_at_ms DESC, id DESC LIMIT 1",
        )
        .bind(job.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(decode_run).transpose()
    }

    pub async fn last_success(&self, job: JobType) -> EngineResult<Option<RunRecord>> {
        let row = sqlx::query(
            "SELECT * FROM runs WHERE job_type = ? AND status = 'success'
             ORDER BY started_at_ms DESC, id DESC LIMIT 1",
        )
        .bind(job.as_str())
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(decode_run).transpose()
    }

    /// Failed runs since the last success (skips and interruptions neither count nor reset).
    pub async fn consecutive_failures(&self, job: JobType) -> EngineResult<i64> {
        let count = sqlx::query_scalar(
            "SELECT COUNT(*) FROM runs WHERE job_type = ?1 AND status = 'failed' AND id > COALESCE(
                 (SELECT MAX(id) FROM runs WHERE job_type = ?1 AND status = 'success'), 0)",
        )
        .bind(job.as_str())
        .fetch_one(self.pool())
        .await?;
        Ok(count)
    }
}

fn decode_run(row: &sqlx::sqlite::SqliteRow) -> EngineResult<RunRecord> {
    let text = |column: &str| -> EngineResult<String> { Ok(row.try_get::<String, _>(column)?) };
    let corrupt = |field: &str, value: String| {
        EngineError::invalid(field, format!("stored value {value:?} is unknown"))
    };
    let job = text("job_type")?;
    let trigger = text("trigger")?;
    let status = text("status")?;
    let error_class: Option<String> = row.try_get("error_class")?;
    let finished: Option<i64> = row.try_get("finished_at_ms")?;
    Ok(RunRecord {
        id: row.try_get("id")?,
        job_type: JobType::parse(&job).ok_or_else(|| corrupt("job_type", job.clone()))?,
        trigger: Trigger::parse(&trigger).ok_or_else(|| corrupt("trigger", trigger.clone()))?,
        status: RunStatus::parse(&status).ok_or_else(|| corrupt("status", status.clone()))?,
        started_at: from_ms(row.try_get("started_at_ms")?),
        finished_at: finished.map(from_ms),
        duration_ms: row.try_get("duration_ms")?,
        attempts: row.try_get("attempts")?,
        missed: row.try_get("missed")?,
        found: row.try_get("found")?,
        new: row.try_get("new")?,
        changed: row.try_get("changed")?,
        removed: row.try_get("removed")?,
        error_class: error_class.as_deref().and_then(ErrorClass::parse),
        error: row.try_get("error")?,
    })
}
