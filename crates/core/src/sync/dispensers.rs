//! The dispenser sync's core: read the location page of every location the stored (not removed)
//! work orders link to — once per location — and save each location's dispensers with their
//! change records.
//!
//! - Locations read within the job's interval are skipped unless forced; a location never read
//!   (first seen in a work-order sync) or whose last attempt failed is always due.
//! - At most [`MAX_LOCATIONS_AT_ONCE`] pages are read at a time, each slot pausing briefly after
//!   its request; the client's retry rules (budget, backoff, session renewal) apply.
//! - Failure rules ([`Store::save_location_result`]): a deleted location is "not found on
//!   WorkFossa" and keeps its stored dispensers, marked stale; "no dispensers" only comes from a
//!   recognised equipment tab (the parser's rule); a page that fails fails that location only, and
//!   the summary says `partial: 12 of 13 locations read`. Nothing is deleted by a failure.
//! - Each location is saved in its own transaction as soon as it is read (see
//!   `store::dispensers`), so dropping the future (cancel) keeps the locations finished so far.

use crate::clock::Clock;
use crate::error::SyncError;
use crate::store::{LocationOutcome, LocationResult, LocationState, Store, WorkOrderQuery};
use crate::workfossa::dispenser::{location_ids, LocationEquipment};
use crate::workfossa::WorkFossaClient;
use chrono::{DateTime, Utc};
use futures::stream::{self, StreamExt};
use serde::Serialize;
use std::collections::HashMap;
use std::time::Duration;

/// Location pages read at the same time, at most.
pub const MAX_LOCATIONS_AT_ONCE: usize = 2;
/// The pause a reading slot makes after each request.
pub const DEFAULT_PAUSE: Duration = Duration::from_millis(300);

/// Where location pages come from: the logged-in client, or a stand-in in tests.
#[async_trait::async_trait]
pub trait LocationPages: Send + Sync {
    /// What location `location_id`'s page says, or why it could not be read.
    async fn location_equipment(&self, location_id: i64) -> Result<LocationEquipment, SyncError>;
}

#[async_trait::async_trait]
impl LocationPages for WorkFossaClient {
    async fn location_equipment(&self, location_id: i64) -> Result<LocationEquipment, SyncError> {
        self.location_page(location_id).await
    }
}

#[async_trait::async_trait]
impl LocationPages for crate::workfossa::browser::BrowserLocationPages {
    async fn location_equipment(&self, location_id: i64) -> Result<LocationEquipment, SyncError> {
        crate::workfossa::browser::BrowserLocationPages::location_equipment(self, location_id).await
    }
}

/// How a dispenser run chooses and reads its locations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DispenserRunOptions {
    /// Locations read (understood) less than this long ago are skipped.
    pub interval: chrono::Duration,
    /// Read every location, however recently it was read.
    pub force: bool,
    /// Read only the locations never read (the run after "Sync now"); wins over `force`.
    pub only_never_read: bool,
    /// Pages read at a time (clamped to 1..=[`MAX_LOCATIONS_AT_ONCE`]).
    pub concurrency: usize,
    /// The pause after each request, per reading slot.
    pub pause: Duration,
}

impl DispenserRunOptions {
    pub fn new(interval: chrono::Duration) -> Self {
        Self {
            interval,
            force: false,
            only_never_read: false,
            concurrency: MAX_LOCATIONS_AT_ONCE,
            pause: DEFAULT_PAUSE,
        }
    }
}

/// A location whose page could not be read, and why (one sentence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocationFailure {
    pub location_id: i64,
    pub reason: String,
}

/// What a dispenser run did. `total` locations were due; `read` of them were read and
/// understood (`not_found` and `no_dispensers` included), `failed` were not; `skipped` were read
/// within the interval and not asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DispenserRunSummary {
    pub total: u64,
    pub read: u64,
    pub skipped: u64,
    pub not_found: u64,
    pub no_dispensers: u64,
    pub failed: u64,
    /// Dispenser change rows written.
    pub changes: u64,
    pub failures: Vec<LocationFailure>,
    /// The first failure's error, for its class (offline, transient, permanent).
    #[serde(skip)]
    pub first_error: Option<SyncError>,
}

impl DispenserRunSummary {
    /// Some location failed.
    pub fn is_partial(&self) -> bool {
        self.failed > 0
    }

    /// One line: `partial: 12 of 13 locations read; …` when some failed, else `13 locations
    /// read; …`, with the skipped, not found, no-dispenser and change counts that are not zero.
    pub fn message(&self) -> String {
        let mut text = if self.is_partial() {
            format!("partial: {} of {} locations read", self.read, self.total)
        } else {
            format!("{} {} read", self.read, plural(self.read, "location"))
        };
        let details = [
            (self.skipped, "skipped (read within the interval)"),
            (self.not_found, "not found on WorkFossa"),
            (self.no_dispensers, "with no dispensers"),
        ];
        for (count, what) in details {
            if count > 0 {
                text.push_str(&format!("; {count} {what}"));
            }
        }
        text.push_str(&format!(
            "; {} dispenser {}",
            self.changes,
            plural(self.changes, "change")
        ));
        text
    }
}

fn plural(count: u64, word: &str) -> String {
    if count == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// The locations a run reads and those it skips, both ascending.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueLocations {
    pub due: Vec<i64>,
    pub skipped: Vec<i64>,
}

/// Which of `location_ids` are due at `now`: all when forced; otherwise those never understood,
/// whose last attempt failed, or last read `interval` or longer ago. Pure.
pub fn locations_due(
    location_ids: &[i64],
    states: &[LocationState],
    now: DateTime<Utc>,
    interval: chrono::Duration,
    force: bool,
) -> DueLocations {
    let by_id: HashMap<i64, &LocationState> = states.iter().map(|s| (s.location_id, s)).collect();
    let mut ids = location_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let (skipped, due) = ids.into_iter().partition(|id| {
        !force
            && by_id.get(id).is_some_and(|state| {
                state.outcome != LocationOutcome::Failed
                    && state.read_at.is_some_and(|read| now - read < interval)
            })
    });
    DueLocations { due, skipped }
}

/// Of a plan's locations, those never read (no understood page yet) and the others. Pure.
pub fn never_read(plan: &DueLocations, states: &[LocationState]) -> (Vec<i64>, Vec<i64>) {
    let read: std::collections::HashSet<i64> = states
        .iter()
        .filter(|state| state.read_at.is_some())
        .map(|state| state.location_id)
        .collect();
    let mut all: Vec<i64> = plan.due.iter().chain(&plan.skipped).copied().collect();
    all.sort_unstable();
    all.into_iter().partition(|id| !read.contains(id))
}

/// The locations of the stored, not removed work orders, split into due and skipped at `now`.
pub async fn locations_to_read(
    store: &Store,
    now: DateTime<Utc>,
    options: &DispenserRunOptions,
) -> Result<DueLocations, SyncError> {
    let orders = store
        .work_orders(&WorkOrderQuery::default())
        .await
        .map_err(store_error)?;
    let records: Vec<_> = orders.into_iter().map(|stored| stored.record).collect();
    let states = store.dispenser_locations().await.map_err(store_error)?;
    Ok(locations_due(
        &location_ids(&records),
        &states,
        now,
        options.interval,
        options.force,
    ))
}

/// Reads the due locations' pages from `pages` (a logged-in client), saves each location's
/// result under run `run_id` at `clock`'s time, and sums up. An error only when the store fails;
/// a page that fails fails its location and shows in the summary.
pub async fn read_locations(
    pages: &dyn LocationPages,
    store: &Store,
    run_id: i64,
    clock: &dyn Clock,
    options: &DispenserRunOptions,
) -> Result<DispenserRunSummary, SyncError> {
    let mut plan = locations_to_read(store, clock.now(), options).await?;
    if options.only_never_read {
        let states = store.dispenser_locations().await.map_err(store_error)?;
        let (due, skipped) = never_read(&plan, &states);
        plan = DueLocations { due, skipped };
    }
    let mut summary = DispenserRunSummary {
        total: plan.due.len() as u64,
        skipped: plan.skipped.len() as u64,
        ..DispenserRunSummary::default()
    };
    let pause = options.pause;
    let mut answers = stream::iter(plan.due)
        .map(|location_id| async move {
            let answer = pages.location_equipment(location_id).await;
            if !pause.is_zero() {
                tokio::time::sleep(pause).await;
            }
            (location_id, answer)
        })
        .buffer_unordered(options.concurrency.clamp(1, MAX_LOCATIONS_AT_ONCE));
    while let Some((location_id, answer)) = answers.next().await {
        let now = clock.now();
        match answer {
            Ok(equipment) => {
                summary.read += 1;
                match equipment {
                    LocationEquipment::LocationNotFound => summary.not_found += 1,
                    LocationEquipment::NoDispensers => summary.no_dispensers += 1,
                    LocationEquipment::Dispensers(_) => {}
                }
                let result = LocationResult::Equipment(&equipment);
                summary.changes += store
                    .save_location_result(run_id, location_id, result, now)
                    .await?;
            }
            Err(error) => {
                let reason = error.to_string();
                tracing::warn!(location_id, %reason, "location page not read");
                let result = LocationResult::Failed(&reason);
                store
                    .save_location_result(run_id, location_id, result, now)
                    .await?;
                summary.failed += 1;
                summary.first_error.get_or_insert(error);
                summary.failures.push(LocationFailure {
                    location_id,
                    reason,
                });
            }
        }
    }
    summary.failures.sort_by_key(|failure| failure.location_id);
    Ok(summary)
}

fn store_error(error: crate::error::EngineError) -> SyncError {
    SyncError::Store(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 4, hour, 0, 0).unwrap()
    }

    fn state(id: i64, outcome: LocationOutcome, read_hour: Option<u32>) -> LocationState {
        LocationState {
            location_id: id,
            outcome,
            read_at: read_hour.map(at),
            checked_at: at(read_hour.unwrap_or(0)),
            stale: false,
            last_error: None,
        }
    }

    #[test]
    fn recently_read_locations_are_skipped_unless_forced() {
        let states = [
            state(1, LocationOutcome::Read, Some(9)),
            state(2, LocationOutcome::Read, Some(5)),
            state(3, LocationOutcome::Failed, Some(9)),
            state(4, LocationOutcome::NotFound, Some(9)),
            state(5, LocationOutcome::NoDispensers, Some(9)),
        ];
        let ids = [6, 5, 4, 3, 2, 1, 1];
        let due = locations_due(&ids, &states, at(10), chrono::Duration::hours(4), false);
        assert_eq!(due.due, vec![2, 3, 6]);
        assert_eq!(due.skipped, vec![1, 4, 5]);
        let forced = locations_due(&ids, &states, at(10), chrono::Duration::hours(4), true);
        assert_eq!(forced.due, vec![1, 2, 3, 4, 5, 6]);
        assert!(forced.skipped.is_empty());
    }

    #[test]
    fn only_never_read_keeps_locations_without_an_understood_page() {
        let states = [
            state(1, LocationOutcome::Read, Some(9)),
            state(2, LocationOutcome::Failed, None),
            state(3, LocationOutcome::NotFound, Some(2)),
        ];
        let plan = DueLocations {
            due: vec![2, 3, 4],
            skipped: vec![1],
        };
        assert_eq!(never_read(&plan, &states), (vec![2, 4], vec![1, 3]));
    }

    #[test]
    fn a_location_read_exactly_one_interval_ago_is_due() {
        let states = [state(1, LocationOutcome::Read, Some(6))];
        let due = locations_due(&[1], &states, at(10), chrono::Duration::hours(4), false);
        assert_eq!(due.due, vec![1]);
    }

    #[test]
    fn the_message_says_partial_when_a_location_failed() {
        let summary = DispenserRunSummary {
            total: 13,
            read: 12,
            failed: 1,
            skipped: 2,
            not_found: 1,
            changes: 3,
            ..DispenserRunSummary::default()
        };
        assert_eq!(
            summary.message(),
            "partial: 12 of 13 locations read; 2 skipped (read within the interval); \
             1 not found on WorkFossa; 3 dispenser changes"
        );
        let whole = DispenserRunSummary {
            total: 1,
            read: 1,
            no_dispensers: 1,
            ..DispenserRunSummary::default()
        };
        assert!(!whole.is_partial());
        assert_eq!(
            whole.message(),
            "1 location read; 1 with no dispensers; 0 dispenser changes"
        );
    }
}
