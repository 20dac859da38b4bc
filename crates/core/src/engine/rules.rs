//! Rules every front (CLI, HTTP API, desktop shell, web UI) shares, written once: how long a pause
//! lasts ([`PauseRequest`], "until tomorrow" = the schedule window's next opening in the
//! schedule's zone), whether a WorkFossa account is configured ([`configured_account`], which
//! honours `WORKFOSSA_URL`/`_EMAIL`/`_PASSWORD`), and a schedule change as a front received it
//! ([`schedule_request`]: only the fields sent change, the others keep their stored values).

use super::{Engine, EngineOptions};
use crate::credentials;
use crate::error::{EngineError, EngineResult};
use crate::schedule::{self, ScheduleConfig, ScheduleRequest};
use crate::store::DATABASE_FILE;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The longest pause by minutes: a year.
const MAX_PAUSE_MINUTES: u32 = 60 * 24 * 365;

/// How long to pause: until an instant, for a number of minutes, or until tomorrow's window
/// opens; none of them pauses until resumed. At most one may be given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PauseRequest {
    pub until: Option<DateTime<Utc>>,
    pub minutes: Option<u32>,
    /// Until the schedule's window opens tomorrow, in the schedule's zone.
    pub until_tomorrow: bool,
}

impl PauseRequest {
    /// Until resumed.
    pub fn indefinitely() -> Self {
        Self::default()
    }

    pub fn until(until: DateTime<Utc>) -> Self {
        Self {
            until: Some(until),
            ..Self::default()
        }
    }

    pub fn minutes(minutes: u32) -> Self {
        Self {
            minutes: Some(minutes),
            ..Self::default()
        }
    }

    pub fn until_tomorrow() -> Self {
        Self {
            until_tomorrow: true,
            ..Self::default()
        }
    }

    /// The pause's end for the schedule `config` at `now` (None: until resumed).
    pub fn resolve(
        &self,
        config: &ScheduleConfig,
        now: DateTime<Utc>,
    ) -> EngineResult<Option<DateTime<Utc>>> {
        let given = [
            self.until.is_some(),
            self.minutes.is_some(),
            self.until_tomorrow,
        ];
        if given.iter().filter(|given| **given).count() > 1 {
            return Err(EngineError::invalid(
                "minutes",
                "give one of until, minutes or until_tomorrow, not several",
            ));
        }
        if let Some(minutes) = self.minutes {
            return pause_end(minutes, now).map(Some);
        }
        if self.until_tomorrow {
            return Ok(Some(tomorrow_start(config, now)));
        }
        Ok(self.until)
    }
}

/// The end of a pause of `minutes` from `now` (1 minute to a year).
pub fn pause_end(minutes: u32, now: DateTime<Utc>) -> EngineResult<DateTime<Utc>> {
    if minutes == 0 || minutes > MAX_PAUSE_MINUTES {
        return Err(EngineError::invalid(
            "minutes",
            "a pause lasts from 1 minute to a year",
        ));
    }
    Ok(now + Duration::minutes(i64::from(minutes)))
}

/// "Pause until tomorrow": tomorrow's window opening in the schedule's zone when the schedule
/// has active hours and tomorrow is an allowed day, else 08:00 tomorrow in that zone.
pub fn tomorrow_start(config: &ScheduleConfig, now: DateTime<Utc>) -> DateTime<Utc> {
    let tz = config.tz().unwrap_or(chrono_tz::UTC);
    let today = now.with_timezone(&tz).date_naive();
    let Some(tomorrow) = today.succ_opt() else {
        return now + Duration::days(1);
    };
    if config.active_hours.is_some() {
        if let Some((start, _)) = schedule::window_for_date(config, tomorrow) {
            return start;
        }
    }
    let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default();
    schedule::resolve_local(&tz, tomorrow, eight).unwrap_or(now + Duration::days(1))
}

/// Reads a schedule change as a front received it (JSON keys of [`ScheduleRequest`]): only the
/// fields sent are changed ([`ScheduleRequest::apply`]). A value that does not fit, or a field
/// that is not a schedule's, is refused naming it.
pub fn schedule_request(
    changes: serde_json::Map<String, serde_json::Value>,
) -> EngineResult<ScheduleRequest> {
    for (key, value) in &changes {
        let alone = serde_json::Value::Object([(key.clone(), value.clone())].into_iter().collect());
        serde_json::from_value::<ScheduleRequest>(alone)
            .map_err(|e| EngineError::invalid(key.as_str(), without_position(&e.to_string())))?;
    }
    serde_json::from_value(serde_json::Value::Object(changes))
        .map_err(|e| EngineError::invalid("config", without_position(&e.to_string())))
}

/// serde_json's "… at line 1 column 20" means nothing to a user.
fn without_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// True when a WorkFossa account is configured for the data dir `base`: an email in the
/// environment (`WORKFOSSA_EMAIL`) or stored. Never creates a database.
pub async fn configured_account(base: &Path) -> EngineResult<bool> {
    if !base.join(DATABASE_FILE).exists() {
        return Ok(std::env::var("WORKFOSSA_EMAIL").is_ok_and(|email| !email.is_empty()));
    }
    let reader = Engine::open_reader(EngineOptions::new(base)).await?;
    let info = credentials::account_info(reader.store()).await;
    reader.store().close().await;
    Ok(info?.email.is_some())
}

impl Engine {
    /// The end of the pause `request` asks for, by this engine's schedule and clock.
    pub async fn resolve_pause(
        &self,
        request: &PauseRequest,
    ) -> EngineResult<Option<DateTime<Utc>>> {
        let config = self.schedule().await?.config;
        request.resolve(&config, self.scheduler.now())
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
