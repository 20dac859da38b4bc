//! The demo as every front runs it, written once: the simulated site's settings
//! ([`DEMO_SITE`]), starting it in a demo data dir ([`Engine::start_demo`]: the account and the
//! first sync), leaving it from the real data dir ([`leave_demo_from`]: the demo's data removed
//! and the real data dir remembers it), and serving an engine until it is shut down cleanly
//! ([`Serving`]: control socket and scheduler, stopped together).

use super::{demo_data_dir, DemoLeft, Engine, EngineHandle, EngineOptions, DEMO_DECLINED_SETTING};
use crate::error::EngineResult;
use crate::paths::CONTROL_SOCKET;
use crate::scheduler::RunHandle;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// What the demo's simulated WorkFossa site serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSite {
    /// Seed of the generated work orders.
    pub seed: u64,
    /// Work orders at start.
    pub work_orders: usize,
    /// Every period the site adds, changes and removes a few work orders.
    pub churn: Duration,
    /// The login the demo's data dir keeps (in a file: demo data needs no keyring).
    pub email: &'static str,
    pub password: &'static str,
}

/// The demo's site, the same in `fossa-sync demo` and the desktop app.
pub const DEMO_SITE: DemoSite = DemoSite {
    seed: 7,
    work_orders: 60,
    churn: Duration::from_secs(120),
    email: "demo@fossa-sync.example",
    password: "demo-password",
};

impl Engine {
    /// Makes this data dir the demo's for the simulated site at `site_url` and starts the first
    /// sync at once, so there is data to look at.
    pub async fn start_demo(&self, site_url: &str) -> EngineResult<RunHandle> {
        self.enter_demo(site_url, DEMO_SITE.email, DEMO_SITE.password)
            .await?;
        self.sync_now().await
    }
}

/// Remembers in the real data dir `base` that the user left the demo, so the desktop app starts
/// without it while no account is set.
pub async fn decline_demo(base: &Path) -> EngineResult<()> {
    let reader = Engine::open_reader(EngineOptions::new(base)).await?;
    let declined = reader
        .store()
        .set_setting(DEMO_DECLINED_SETTING, "true")
        .await;
    reader.store().close().await;
    declined
}

/// Leaves the demo of the real data dir `base` (`fossa-sync demo off`, the window's "Leave the
/// demo"): when `base` itself holds the demo, its demo data is removed; otherwise the demo's data
/// dir (`<base>/demo`) is emptied and `base` remembers that the demo was left. `open` is a handle
/// the caller already has (reused when it is on the demo's data dir). The second value is true
/// when another process's engine carried it out.
pub async fn leave_demo_from(
    base: &Path,
    open: Option<&EngineHandle>,
) -> EngineResult<(DemoLeft, bool)> {
    let base_is_demo = match open.filter(|handle| handle.data_dir() == base) {
        Some(handle) => handle.engine().is_demo().await?,
        None if EngineHandle::exists(base) => {
            let reader = Engine::open_reader(EngineOptions::new(base)).await?;
            let demo = reader.is_demo().await;
            reader.store().close().await;
            demo?
        }
        None => false,
    };
    let dir = if base_is_demo {
        base.to_path_buf()
    } else {
        demo_data_dir(base)
    };
    let left = match open.filter(|handle| handle.data_dir() == dir) {
        Some(handle) => (handle.leave_demo().await?, handle.is_remote()),
        None if EngineHandle::exists(&dir) => {
            let handle = EngineHandle::open(EngineOptions::new(&dir)).await?;
            let left = handle.leave_demo().await;
            handle.shutdown().await;
            (left?, handle.is_remote())
        }
        None => (DemoLeft::not_in_demo(), false),
    };
    if !base_is_demo {
        decline_demo(base).await?;
    }
    Ok(left)
}

/// A primary engine serving its control socket and scheduling, until [`Serving::shutdown`].
pub struct Serving {
    engine: Arc<Engine>,
    control: JoinHandle<()>,
    scheduler: JoinHandle<()>,
}

impl Serving {
    /// Serves the control socket (other processes' acting requests) and starts scheduling.
    pub async fn start(engine: Arc<Engine>) -> EngineResult<Self> {
        let control = super::serve_control(Arc::clone(&engine)).await?;
        let scheduler = match engine.spawn_scheduler() {
            Ok(scheduler) => scheduler,
            Err(error) => {
                control.abort();
                return Err(error);
            }
        };
        Ok(Self {
            engine,
            control,
            scheduler,
        })
    }

    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    /// Stops taking requests, stops scheduling (a running sync is cancelled and recorded
    /// interrupted, nothing half-written), closes the store and removes the control socket.
    pub async fn shutdown(self) {
        self.control.abort();
        self.engine.shutdown().await;
        self.scheduler.abort();
        let _ = std::fs::remove_file(self.engine.data_dir().join(CONTROL_SOCKET));
    }
}
