//! A simulated WorkFossa site plus a primary engine whose WorkFossa job logs into it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use fossa_core::credentials::save_account;
use fossa_core::engine::{Engine, EngineOptions};
use fossa_core::model::RunRecord;
use fossa_core::store::WorkOrderQuery;
use fossa_core::sync::WorkFossaJob;
use fossa_core::workfossa::{Password, WorkOrder};
use fossa_sim::{SimOptions, SimServer};
use std::sync::Arc;
use std::time::Duration;

pub const EMAIL: &str = "tech@example.com";
pub const PASSWORD: &str = "s3cret-Passw0rd!";

pub struct Site {
    pub sim: SimServer,
    pub engine: Engine,
    pub dir: tempfile::TempDir,
}

/// A site with `orders` generated work orders and an engine set up to sync it with fast retries.
pub async fn site(orders: usize) -> Site {
    site_with(orders, |_| {}).await
}

pub async fn site_with(
    orders: usize,
    tune: impl Fn(&mut fossa_core::workfossa::ClientConfig) + Send + Sync + 'static,
) -> Site {
    site_in_mode(orders, false, tune).await
}

/// A site whose list pages are an application (`SimOptions::spa`): rows drawn by a script.
pub async fn spa_site_with(
    orders: usize,
    tune: impl Fn(&mut fossa_core::workfossa::ClientConfig) + Send + Sync + 'static,
) -> Site {
    site_in_mode(orders, true, tune).await
}

async fn site_in_mode(
    orders: usize,
    spa: bool,
    tune: impl Fn(&mut fossa_core::workfossa::ClientConfig) + Send + Sync + 'static,
) -> Site {
    let sim = fossa_sim::start(SimOptions {
        seed: 42,
        work_orders: orders,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        spa,
        ..SimOptions::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let job = WorkFossaJob::new(dir.path().to_path_buf()).with_tuning(move |config| {
        config.connect_timeout = Duration::from_secs(2);
        config.request_timeout = Duration::from_secs(3);
        config.retry.base_delay = Duration::from_millis(5);
        config.retry.max_delay = Duration::from_millis(40);
        config.retry.retry_after_cap = Duration::from_secs(1);
        tune(config);
    });
    let engine = Engine::open_primary(EngineOptions::new(dir.path()).with_job(Arc::new(job)))
        .await
        .unwrap();
    save_account(
        dir.path(),
        engine.store(),
        EMAIL,
        &Password::new(PASSWORD),
        Some(sim.base_url().as_str()),
        false,
    )
    .await
    .unwrap();
    Site { sim, engine, dir }
}

impl Site {
    pub async fn sync(&self) -> RunRecord {
        self.engine.sync_now().await.unwrap().wait().await.unwrap()
    }

    pub async fn stored(&self) -> Vec<WorkOrder> {
        self.engine
            .store()
            .work_orders(&WorkOrderQuery::default())
            .await
            .unwrap()
            .into_iter()
            .map(|stored| stored.record)
            .collect()
    }

    /// What the site's technician filter shows, sorted by number: what a sync must store.
    pub fn on_site(&self) -> Vec<WorkOrder> {
        let mut orders = self.sim.state().open_work_orders();
        orders.sort_by_key(|order| order.number);
        orders
    }
}
