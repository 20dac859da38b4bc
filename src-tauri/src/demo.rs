//! Demo mode: with no WorkFossa account configured, the app starts the simulated WorkFossa site
//! in-process and syncs it into `<data dir>/demo`, as `fossa-sync demo` does, so a newcomer sees
//! syncing work at once. `FOSSA_SYNC_DEMO_PORT` fixes the site's port (tests reach its
//! `/_sim/faults` there); otherwise the system picks one. Leaving the demo (the `leave_demo`
//! command) is the engine's: see `fossa_core::engine::DemoLeft`.

use fossa_core::engine::{demo_data_dir, demo_wanted, Engine};
use fossa_core::error::{EngineError, EngineResult};
use fossa_sim::{SimOptions, SimServer};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The environment variable that fixes the simulated site's port.
pub const DEMO_PORT_ENV: &str = "FOSSA_SYNC_DEMO_PORT";
const EMAIL: &str = "demo@fossa-sync.example";
const PASSWORD: &str = "demo-password";

/// True when `base` has no account (and the environment names none) and the user has not left
/// the demo: the demo is used.
pub async fn wanted(base: &Path) -> EngineResult<bool> {
    demo_wanted(base).await
}

/// The demo's own data dir, beside the real data.
pub fn data_dir(base: &Path) -> PathBuf {
    demo_data_dir(base)
}

fn port() -> EngineResult<u16> {
    match std::env::var(DEMO_PORT_ENV) {
        Ok(text) if !text.trim().is_empty() => text.trim().parse().map_err(|_| {
            EngineError::invalid(DEMO_PORT_ENV, format!("{text:?} is not a port number"))
        }),
        _ => Ok(0),
    }
}

/// Starts the simulated site: 60 work orders that change every two minutes.
pub async fn start_site() -> EngineResult<SimServer> {
    let options = SimOptions {
        seed: 7,
        work_orders: 60,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        bind: SocketAddr::from(([127, 0, 0, 1], port()?)),
        churn: Some(Duration::from_secs(120)),
        paginator: Default::default(),
    };
    fossa_sim::start(options)
        .await
        .map_err(|e| EngineError::io("Could not start the simulated WorkFossa site", e))
}

/// Points the demo engine at the site (the password in a file: demo data needs no keyring).
pub async fn configure(engine: &Engine, site: &SimServer) -> EngineResult<()> {
    engine
        .enter_demo(site.base_url().as_str(), EMAIL, PASSWORD)
        .await
}
