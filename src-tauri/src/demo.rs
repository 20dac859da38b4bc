//! Demo mode: with no WorkFossa account configured (stored, or in `WORKFOSSA_EMAIL`), the app
//! starts the simulated WorkFossa site in-process and syncs it into `<data dir>/demo`, as
//! `fossa-sync demo` does (the same site, account and first sync: `fossa_core::engine::DEMO_SITE`
//! and `Engine::start_demo`), so a newcomer sees syncing work at once. `FOSSA_SYNC_DEMO_PORT`
//! fixes the site's port (tests reach its `/_sim/faults` there); otherwise the system picks one.
//! Leaving the demo is the engine's too: `fossa_core::engine::leave_demo_from`.

use fossa_core::engine::{demo_data_dir, demo_wanted};
use fossa_core::error::{EngineError, EngineResult};
use fossa_sim::SimServer;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The environment variable that fixes the simulated site's port.
pub const DEMO_PORT_ENV: &str = "FOSSA_SYNC_DEMO_PORT";

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

/// Starts the demo's simulated site (`fossa_core::engine::DEMO_SITE`).
pub async fn start_site() -> EngineResult<SimServer> {
    let bind = SocketAddr::from(([127, 0, 0, 1], port()?));
    fossa_sim::start(fossa_sim::demo_options(bind, false))
        .await
        .map_err(|e| EngineError::io("Could not start the simulated WorkFossa site", e))
}
