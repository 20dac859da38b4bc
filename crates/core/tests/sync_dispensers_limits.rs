//! How the dispenser sync treats the site: at most two location pages at a time with a pause
//! after each, transient failures retried under the client's rules, an expired session renewed
//! once, and a site that keeps failing fails every location without deleting anything.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use fossa_core::error::SyncError;
use fossa_core::store::LocationOutcome;
use fossa_core::sync::dispensers::LocationPages;
use fossa_core::workfossa::dispenser::LocationEquipment;
use fossa_core::workfossa::WorkFossaClient;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[path = "support/dispenser_site.rs"]
mod dispenser_site;

use dispenser_site::fixture;

/// The client's pages, counting how many are in flight at once and which were asked for.
struct Counting<'a> {
    client: &'a WorkFossaClient,
    in_flight: AtomicUsize,
    peak: AtomicUsize,
    asked: Mutex<Vec<i64>>,
}

impl<'a> Counting<'a> {
    fn new(client: &'a WorkFossaClient) -> Self {
        Self {
            client,
            in_flight: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
            asked: Mutex::new(Vec::new()),
        }
    }
}

#[async_trait::async_trait]
impl LocationPages for Counting<'_> {
    async fn location_equipment(&self, location_id: i64) -> Result<LocationEquipment, SyncError> {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        self.asked.lock().unwrap().push(location_id);
        let answer = self.client.location_page(location_id).await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        answer
    }
}

#[tokio::test]
async fn at_most_two_pages_at_a_time_with_a_pause_after_each() {
    let site = fixture(18).await;
    site.sim.state().update_faults(|f| f.latency_ms = 10);
    let locations = site.stored_locations().await;
    assert!(locations.len() >= 4);
    let pages = Counting::new(&site.client);
    let mut options = site.options(false);
    options.concurrency = 8;
    options.pause = Duration::from_millis(20);
    let began = Instant::now();
    let (_, summary) = site.run_with_options(&pages, &options).await;
    let elapsed = began.elapsed();
    assert_eq!(summary.read, locations.len() as u64);
    assert_eq!(
        pages.peak.load(Ordering::SeqCst),
        2,
        "two at a time, never more"
    );
    let mut asked = pages.asked.lock().unwrap().clone();
    asked.sort_unstable();
    assert_eq!(asked, locations, "each location asked for once");
    // Each of the two slots reads at least half the locations, pausing after each.
    let per_slot = locations.len().div_ceil(2) as u32;
    assert!(elapsed >= options.pause * per_slot, "{elapsed:?}");
}

#[tokio::test]
async fn transient_failures_are_retried_and_every_location_is_read() {
    let site = fixture(12).await;
    site.sim.state().update_faults(|f| f.fail_next_5xx = 3);
    let (_, summary) = site.run(false).await;
    assert_eq!((summary.failed, summary.read), (0, summary.total));
    assert!(site.client.attempts() >= 4, "{}", site.client.attempts());
}

#[tokio::test]
async fn an_expired_session_is_renewed_once() {
    let site = fixture(12).await;
    let logins = site.sim.state().stats().logins_ok;
    site.sim.state().expire_sessions();
    let (_, summary) = site.run(false).await;
    assert_eq!((summary.failed, summary.read), (0, summary.total));
    assert_eq!(site.sim.state().stats().logins_ok, logins + 1);
}

#[tokio::test]
async fn a_site_that_keeps_failing_fails_every_location_and_deletes_nothing() {
    let site = fixture(12).await;
    site.run(false).await;
    let before = site.store.dispensers(None).await.unwrap();
    site.sim.state().update_faults(|f| f.fail_next_5xx = 10_000);
    let (_, summary) = site.run(true).await;
    let total = summary.total;
    assert_eq!((summary.read, summary.failed), (0, total));
    assert!(summary
        .message()
        .starts_with(&format!("partial: 0 of {total} locations read")));
    assert!(summary.failures[0]
        .reason
        .contains("kept answering with errors"));
    assert_eq!(site.store.dispensers(None).await.unwrap(), before);
    let states = site.store.dispenser_locations().await.unwrap();
    assert!(states
        .iter()
        .all(|s| s.outcome == LocationOutcome::Failed && !s.stale));
}
