//! The dispenser job on a site whose pages are an application (as the real WorkFossa's
//! `/app/` pages are): after "Sync now" found that the list needs the browser, the stations
//! never read are read with one headless Chromium and give the site's own dispensers, and no
//! Chromium is left behind.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use fossa_core::credentials::save_account;
use fossa_core::engine::{Engine, EngineOptions};
use fossa_core::events::EngineEvent;
use fossa_core::model::{JobType, RunStatus};
use fossa_core::store::WorkOrderQuery;
use fossa_core::workfossa::browser::Leftovers;
use fossa_core::workfossa::dispenser::{location_ids, LocationEquipment};
use fossa_core::workfossa::Password;
use fossa_sim::SimOptions;
use std::time::Duration;

const EMAIL: &str = "tech@example.com";
const PASSWORD: &str = "s3cret-Passw0rd!";

#[tokio::test(flavor = "multi_thread")]
async fn application_pages_are_read_with_the_browser() {
    let sim = fossa_sim::start(SimOptions {
        seed: 5,
        work_orders: 5,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        spa: true,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::open_primary(EngineOptions::new(dir.path()))
        .await
        .unwrap();
    let url = sim.base_url();
    save_account(
        dir.path(),
        engine.store(),
        EMAIL,
        &Password::new(PASSWORD),
        Some(url.as_str()),
        false,
    )
    .await
    .unwrap();
    let mut events = engine.subscribe();
    let orders = engine.sync_now().await.unwrap().wait().await.unwrap();
    assert_eq!(orders.status, RunStatus::Success, "{orders:?}");
    let wait = async {
        loop {
            if let Ok(EngineEvent::RunFinished { run }) = events.recv().await {
                if run.job_type == JobType::Dispensers {
                    return *run;
                }
            }
        }
    };
    let run = tokio::time::timeout(Duration::from_secs(120), wait)
        .await
        .expect("the dispenser run finished");
    assert_eq!(run.status, RunStatus::Success, "{run:?}");
    assert!(run.error.is_none(), "{run:?}");

    let stored = engine
        .store()
        .work_orders(&WorkOrderQuery::default())
        .await
        .unwrap();
    let records: Vec<_> = stored.into_iter().map(|s| s.record).collect();
    let stations = location_ids(&records);
    assert_eq!(run.found, Some(stations.len() as i64));
    for id in stations {
        let read: Vec<_> = engine
            .dispensers(Some(id))
            .await
            .unwrap()
            .into_iter()
            .map(|stored| stored.record)
            .collect();
        let expected = match sim.state().location_equipment(id) {
            LocationEquipment::Dispensers(list) => list,
            _ => Vec::new(),
        };
        assert_eq!(read, expected, "station {id}");
    }
    engine.shutdown().await;
    // Chromium's helper processes may take a moment to exit after the browser closed.
    let mut left = Leftovers::find();
    for _ in 0..50 {
        if left.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        left = Leftovers::find();
    }
    assert!(left.is_empty(), "no Chromium left behind: {left:?}");
}
