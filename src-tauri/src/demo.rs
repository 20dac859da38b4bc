//! Demo mode: with no WorkFossa account configured, the app starts the simulated WorkFossa site
//! in-process and syncs it into `<data dir>/demo`, as `fossa-sync demo` does, so a newcomer sees
//! syncing work at once. `FOSSA_SYNC_DEMO_PORT` fixes the site's port (tests reach its
//! `/_sim/faults` there); otherwise the system picks one.

use fossa_core::credentials;
use fossa_core::engine::{Engine, EngineOptions};
use fossa_core::error::{EngineError, EngineResult};
use fossa_core::settings::DEMO_SETTING;
use fossa_core::workfossa::Password;
use fossa_sim::{SimOptions, SimServer};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The environment variable that fixes the simulated site's port.
pub const DEMO_PORT_ENV: &str = "FOSSA_SYNC_DEMO_PORT";
const EMAIL: &str = "demo@fossa-sync.example";
const PASSWORD: &str = "demo-password";

/// True when `base` has no account (and the environment names none): the demo is used.
pub async fn wanted(base: &Path) -> EngineResult<bool> {
    let reader = Engine::open_reader(EngineOptions::new(base)).await?;
    let info = credentials::account_info(reader.store()).await;
    reader.store().close().await;
    Ok(info?.email.is_none())
}

/// The demo's own data dir, beside the real data.
pub fn data_dir(base: &Path) -> PathBuf {
    base.join("demo")
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
    };
    fossa_sim::start(options)
        .await
        .map_err(|e| EngineError::io("Could not start the simulated WorkFossa site", e))
}

/// Points the demo engine at the site (the password in a file: demo data needs no keyring).
pub async fn configure(engine: &Engine, site: &SimServer) -> EngineResult<()> {
    credentials::save_account(
        engine.data_dir(),
        engine.store(),
        EMAIL,
        &Password::new(PASSWORD.to_string()),
        Some(site.base_url().as_str()),
        false,
    )
    .await?;
    engine.store().set_setting(DEMO_SETTING, "true").await
}
