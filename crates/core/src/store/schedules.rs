//! The schedules table: one row per job type with its configuration, `next_due` and pause state.

use super::Store;
use crate::clock::{from_ms, to_ms};
use crate::error::{EngineError, EngineResult};
use crate::model::JobType;
use crate::schedule::{ActiveHours, ScheduleConfig, Weekdays};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// A job type's stored schedule and scheduler state.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleRow {
    pub job_type: JobType,
    pub config: ScheduleConfig,
    pub next_due: Option<DateTime<Utc>>,
    pub paused: bool,
    pub paused_until: Option<DateTime<Utc>>,
}

impl Store {
    /// The job's schedule, created with `default` on first use.
    pub async fn schedule_or_insert(
        &self,
        job: JobType,
        default: &ScheduleConfig,
        now: DateTime<Utc>,
    ) -> EngineResult<ScheduleRow> {
        if let Some(row) = self.schedule(job).await? {
            return Ok(row);
        }
        sqlx::query(
            "INSERT OR IGNORE INTO schedules (job_type, interval_minutes, timezone, active_hours, days,
                 jitter_seconds, enabled, updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(job.as_str())
        .bind(i64::from(default.interval_minutes))
        .bind(&default.timezone)
        .bind(default.active_hours.map(|hours| hours.to_string()))
        .bind(default.days.to_string())
        .bind(i64::from(default.jitter_seconds))
        .bind(default.enabled)
        .bind(to_ms(now))
        .execute(self.pool())
        .await?;
        self.schedule(job)
            .await?
            .ok_or_else(|| EngineError::Control("the schedule row vanished".into()))
    }

    pub async fn schedule(&self, job: JobType) -> EngineResult<Option<ScheduleRow>> {
        let row = sqlx::query("SELECT * FROM schedules WHERE job_type = ?")
            .bind(job.as_str())
            .fetch_optional(self.pool())
            .await?;
        row.map(|row| decode_schedule(job, &row)).transpose()
    }

    /// Replaces the configuration and the next due instant together.
    pub async fn save_schedule(
        &self,
        job: JobType,
        config: &ScheduleConfig,
        next_due: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> EngineResult<()> {
        sqlx::query(
            "UPDATE schedules SET interval_minutes = ?, timezone = ?, active_hours = ?, days = ?,
                 jitter_seconds = ?, enabled = ?, next_due_ms = ?, updated_at_ms = ?
             WHERE job_type = ?",
        )
        .bind(i64::from(config.interval_minutes))
        .bind(&config.timezone)
        .bind(config.active_hours.map(|hours| hours.to_string()))
        .bind(config.days.to_string())
        .bind(i64::from(config.jitter_seconds))
        .bind(config.enabled)
        .bind(next_due.map(to_ms))
        .bind(to_ms(now))
        .bind(job.as_str())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn set_next_due(
        &self,
        job: JobType,
        next_due: Option<DateTime<Utc>>,
    ) -> EngineResult<()> {
        sqlx::query("UPDATE schedules SET next_due_ms = ? WHERE job_type = ?")
            .bind(next_due.map(to_ms))
            .bind(job.as_str())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Sets the pause state (`until` None = indefinitely) and the next due instant.
    pub async fn set_pause(
        &self,
        job: JobType,
        paused: bool,
        until: Option<DateTime<Utc>>,
        next_due: Option<DateTime<Utc>>,
    ) -> EngineResult<()> {
        sqlx::query(
            "UPDATE schedules SET paused = ?, paused_until_ms = ?, next_due_ms = ? WHERE job_type = ?",
        )
        .bind(paused)
        .bind(until.map(to_ms))
        .bind(next_due.map(to_ms))
        .bind(job.as_str())
        .execute(self.pool())
        .await?;
        Ok(())
    }
}

fn decode_schedule(job: JobType, row: &sqlx::sqlite::SqliteRow) -> EngineResult<ScheduleRow> {
    let corrupt = |field: &str, value: &str| {
        EngineError::invalid(field, format!("the stored value {value:?} is not valid"))
    };
    let active_hours: Option<String> = row.try_get("active_hours")?;
    let active_hours = match active_hours {
        Some(text) => Some(
            text.parse::<ActiveHours>()
                .map_err(|_| corrupt("active_hours", &text))?,
        ),
        None => None,
    };
    let days: String = row.try_get("days")?;
    let days = days
        .parse::<Weekdays>()
        .map_err(|_| corrupt("days", &days))?;
    let interval: i64 = row.try_get("interval_minutes")?;
    let jitter: i64 = row.try_get("jitter_seconds")?;
    let config = ScheduleConfig {
        interval_minutes: u32::try_from(interval)
            .map_err(|_| corrupt("interval", &interval.to_string()))?,
        timezone: row.try_get("timezone")?,
        active_hours,
        days,
        jitter_seconds: u32::try_from(jitter)
            .map_err(|_| corrupt("jitter", &jitter.to_string()))?,
        enabled: row.try_get("enabled")?,
    };
    let next_due: Option<i64> = row.try_get("next_due_ms")?;
    let paused_until: Option<i64> = row.try_get("paused_until_ms")?;
    Ok(ScheduleRow {
        job_type: job,
        config,
        next_due: next_due.map(from_ms),
        paused: row.try_get("paused")?,
        paused_until: paused_until.map(from_ms),
    })
}
