//! A simulated site whose work orders share locations (three to a location), a store holding
//! them, a logged-in client and a manual clock: the dispenser sync's test fixture.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use fossa_core::clock::{Clock, ManualClock};
use fossa_core::model::{JobType, Trigger};
use fossa_core::store::{Store, WorkOrderQuery};
use fossa_core::sync::dispensers::{
    read_locations, DispenserRunOptions, DispenserRunSummary, LocationPages,
};
use fossa_core::workfossa::dispenser::location_ids;
use fossa_core::workfossa::{ClientConfig, Password, WorkFossaClient, WorkOrder};
use fossa_sim::{SimOptions, SimServer};

const EMAIL: &str = "tech@example.com";
const PASSWORD: &str = "s3cret-Passw0rd!";

pub struct Fixture {
    pub sim: SimServer,
    pub store: Store,
    pub client: WorkFossaClient,
    pub clock: ManualClock,
    pub _dir: tempfile::TempDir,
}

pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 10, 0, 0).unwrap()
}

/// A site with `orders` work orders, every three of them at one location, stored by a
/// work-order sync, and a logged-in client.
pub async fn fixture(orders: usize) -> Fixture {
    let sim = fossa_sim::start(SimOptions {
        seed: 7,
        work_orders: orders,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let mut all = sim.state().work_orders();
    all.sort_by_key(|o| o.number);
    for group in all.chunks(3) {
        for order in &group[1..] {
            let shared = group[0].location.clone();
            sim.state()
                .change_work_order(order.number, |o| o.location = shared);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("test.db")).await.unwrap();
    let mut config = ClientConfig::new(sim.base_url(), EMAIL, Password::new(PASSWORD));
    config.retry.base_delay = std::time::Duration::from_millis(5);
    config.retry.max_delay = std::time::Duration::from_millis(40);
    let client = WorkFossaClient::new(config).unwrap();
    client.login().await.unwrap();
    let fixture = Fixture {
        sim,
        store,
        client,
        clock: ManualClock::new(start()),
        _dir: dir,
    };
    let open = fixture.sim.state().open_work_orders();
    fixture.store_work_orders(&open).await;
    fixture
}

impl Fixture {
    /// A work-order sync that stores `orders`.
    pub async fn store_work_orders(&self, orders: &[WorkOrder]) {
        let run = self.new_run().await;
        self.store
            .apply_work_orders(run, orders, 1, self.clock.now())
            .await
            .unwrap();
    }

    pub async fn new_run(&self) -> i64 {
        self.store
            .start_run(JobType::WorkOrders, Trigger::Manual, self.clock.now(), 0)
            .await
            .unwrap()
    }

    /// Options of a test run: a 4-hour interval and a 1 ms pause.
    pub fn options(&self, force: bool) -> DispenserRunOptions {
        let mut options = DispenserRunOptions::new(Duration::hours(4));
        options.force = force;
        options.pause = std::time::Duration::from_millis(1);
        options
    }

    pub async fn run_with_options(
        &self,
        pages: &dyn LocationPages,
        options: &DispenserRunOptions,
    ) -> (i64, DispenserRunSummary) {
        let run = self.new_run().await;
        let summary = read_locations(pages, &self.store, run, &self.clock, options)
            .await
            .unwrap();
        (run, summary)
    }

    pub async fn run_with(
        &self,
        pages: &dyn LocationPages,
        force: bool,
    ) -> (i64, DispenserRunSummary) {
        self.run_with_options(pages, &self.options(force)).await
    }

    pub async fn run(&self, force: bool) -> (i64, DispenserRunSummary) {
        self.run_with(&self.client, force).await
    }

    /// The distinct locations of the stored, not removed work orders.
    pub async fn stored_locations(&self) -> Vec<i64> {
        let orders: Vec<WorkOrder> = self
            .store
            .work_orders(&WorkOrderQuery::default())
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.record)
            .collect();
        location_ids(&orders)
    }

    pub async fn stored(&self, location: i64) -> Vec<fossa_core::workfossa::dispenser::Dispenser> {
        self.store
            .dispensers(Some(location))
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.record)
            .collect()
    }

    pub async fn state(&self, location: i64) -> fossa_core::store::LocationState {
        self.store
            .dispenser_locations()
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.location_id == location)
            .unwrap()
    }

    pub fn pages_served(&self) -> u64 {
        self.sim.state().stats().location_pages_served
    }
}
