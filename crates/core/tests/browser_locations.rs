//! Location pages read through one headless Chromium (`BrowserLocationPages`) from the simulated
//! site in application mode, where the Equipment tab is drawn by a script: dispensers equal to
//! the sim's own, a deleted location, a location without dispensers, concurrent callers taking
//! turns, a session expiring between pages, and no browser or profile left after `close` or a
//! drop. Each test starts one browser; they run one at a time so that "no browser left" holds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use fossa_core::workfossa::browser::{BrowserLocationPages, Leftovers};
use fossa_core::workfossa::dispenser::LocationEquipment;
use fossa_core::workfossa::{ClientConfig, Password};
use fossa_sim::{SimOptions, SimServer};
use tokio::sync::Mutex;

const EMAIL: &str = "tech@example.com";
const PASSWORD: &str = "s3cret-Passw0rd!";

static ONE_BROWSER_AT_A_TIME: Mutex<()> = Mutex::const_new(());

async fn spa_sim() -> SimServer {
    fossa_sim::start(SimOptions {
        seed: 11,
        work_orders: 30,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        spa: true,
        ..SimOptions::default()
    })
    .await
    .unwrap()
}

fn config(sim: &SimServer) -> ClientConfig {
    let mut config = ClientConfig::new(sim.base_url(), EMAIL, Password::new(PASSWORD));
    config.request_timeout = Duration::from_secs(10);
    config
}

/// Waits up to 3 s for the browser's processes and profile to be gone, and says so.
async fn assert_no_browser_left() {
    let started = Instant::now();
    loop {
        let left = Leftovers::find();
        if left.is_empty() {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "left behind: {left:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn location_pages_read_through_one_browser() {
    let _one = ONE_BROWSER_AT_A_TIME.lock().await;
    let sim = spa_sim().await;
    let state = sim.state();
    let ids = state.location_ids();
    assert!(ids.len() >= 6, "{ids:?}");
    let (deleted, without) = (ids[1], ids[2]);
    state.update_faults(|f| {
        f.deleted_locations = vec![deleted];
        f.locations_without_dispensers = vec![without];
    });

    let pages = BrowserLocationPages::start(&config(&sim)).await.unwrap();
    assert_eq!(state.stats().logins_ok, 1);

    // One location's dispensers, as the sim holds them; timed.
    let started = Instant::now();
    let first = pages.location_equipment(ids[0]).await.unwrap();
    let one_page = started.elapsed();
    match &first {
        LocationEquipment::Dispensers(d) => assert!(!d.is_empty()),
        other => panic!("expected dispensers, got {other:?}"),
    }
    assert_eq!(first, state.location_equipment(ids[0]));

    assert_eq!(
        pages.location_equipment(deleted).await.unwrap(),
        LocationEquipment::LocationNotFound
    );
    assert_eq!(
        pages.location_equipment(without).await.unwrap(),
        LocationEquipment::NoDispensers
    );
    // A location no order links to: not found too.
    assert_eq!(
        pages.location_equipment(999_999_999).await.unwrap(),
        LocationEquipment::LocationNotFound
    );

    // Concurrent callers take turns through the one tab, each getting its own location.
    let pages = Arc::new(pages);
    let served_before = state.stats().location_pages_served;
    let started = Instant::now();
    let asked: Vec<i64> = ids.iter().copied().take(6).collect();
    let handles: Vec<_> = asked
        .iter()
        .map(|&id| {
            let pages = Arc::clone(&pages);
            tokio::spawn(async move { (id, pages.location_equipment(id).await) })
        })
        .collect();
    for handle in handles {
        let (id, got) = handle.await.unwrap();
        assert_eq!(got.unwrap(), state.location_equipment(id), "location {id}");
    }
    let six_pages = started.elapsed();
    assert_eq!(
        state.stats().location_pages_served,
        served_before + asked.len() as u64
    );
    eprintln!(
        "first location page {one_page:?}; six concurrent {six_pages:?} ({:?} a page)",
        six_pages / 6
    );

    // The session expires between pages: one new login, and the page is read.
    state.expire_sessions();
    assert_eq!(
        pages.location_equipment(ids[3]).await.unwrap(),
        state.location_equipment(ids[3])
    );
    assert_eq!(state.stats().logins_ok, 2);

    let pages = Arc::into_inner(pages).expect("every caller finished");
    pages.close().await;
    assert_no_browser_left().await;
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_reader_leaves_no_browser_and_a_rejected_login_fails_at_start() {
    let _one = ONE_BROWSER_AT_A_TIME.lock().await;
    let sim = spa_sim().await;
    let id = sim.state().location_ids()[0];
    let pages = BrowserLocationPages::start(&config(&sim)).await.unwrap();
    assert_eq!(
        pages.location_equipment(id).await.unwrap(),
        sim.state().location_equipment(id)
    );
    drop(pages);
    assert_no_browser_left().await;

    sim.state().update_faults(|f| f.reject_credentials = true);
    let refused = BrowserLocationPages::start(&config(&sim)).await;
    assert!(
        matches!(
            refused,
            Err(fossa_core::error::SyncError::CredentialsRejected)
        ),
        "{:?}",
        refused.err()
    );
    assert_no_browser_left().await;
    sim.shutdown().await;
}
