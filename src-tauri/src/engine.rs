//! The engine inside the app: opening it on the shared data dir (or the demo's), the control
//! socket and the scheduler (`Serving`), the `app.running()` extension trait, and the clean stop
//! on Quit. Everything reaches the engine through `Running::handle`, an `EngineHandle`.
//!
//! The choice "hold the data dir, or read it and act through the daemon holding it" is
//! `fossa_core::engine::EngineHandle`'s, shared with the CLI: when a daemon already holds the data
//! dir, the app reads the store, does not schedule, and sends acting requests (sync, pause,
//! resume, schedule, leave demo) to the daemon over its control socket.

use crate::demo;
use crate::error::{Error, Result};
use fossa_core::engine::{leave_demo_from, DemoLeft, EngineHandle, EngineOptions, Serving};
use fossa_core::events::EngineEvent;
use fossa_core::paths::resolve_data_dir;
use fossa_sim::SimServer;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::{broadcast, Notify};

/// The app's engine state, managed by Tauri: empty while starting, then the running engine or
/// the reason it could not start.
#[derive(Default)]
pub struct Shell {
    running: OnceLock<Running>,
    failure: OnceLock<String>,
    quitting: AtomicBool,
    refresh: Notify,
}

impl Shell {
    pub fn running(&self) -> Result<&Running> {
        self.running.get().ok_or_else(|| match self.failure.get() {
            Some(reason) => Error::Unavailable(reason.clone()),
            None => Error::Starting,
        })
    }

    /// Installs the opened engine (once).
    pub fn set_running(&self, running: Running) {
        let _ = self.running.set(running);
    }

    pub fn set_failure(&self, reason: String) {
        let _ = self.failure.set(reason);
    }

    pub fn failure(&self) -> Option<&str> {
        self.failure.get().map(String::as_str)
    }

    /// Asks the tray to re-read the status now (after an action through a daemon, whose events
    /// do not reach this process).
    pub fn nudge(&self) {
        self.refresh.notify_one();
    }

    /// Waits for [`Shell::nudge`].
    pub async fn nudged(&self) {
        self.refresh.notified().await;
    }

    /// True once; false for every later call (Quit pressed twice, a signal during Quit).
    fn begin_quit(&self) -> bool {
        !self.quitting.swap(true, Ordering::SeqCst)
    }
}

/// The running engine the tray, the commands and the window use: `app.running()?.handle`.
pub trait EngineExt<R: Runtime> {
    fn shell(&self) -> Result<&Shell>;
    fn running(&self) -> Result<&Running> {
        self.shell()?.running()
    }
}

impl<R: Runtime, M: Manager<R>> EngineExt<R> for M {
    fn shell(&self) -> Result<&Shell> {
        self.try_state::<Shell>()
            .map(|state| state.inner())
            .ok_or(Error::Starting)
    }
}

/// An opened engine and what runs around it.
pub struct Running {
    /// Local, or (a daemon holds the data dir) reading the store and acting through the daemon:
    /// the only way to the engine.
    pub handle: EngineHandle,
    /// A daemon holds the data dir: read-only here, acting requests go to it.
    pub held_elsewhere: bool,
    /// The data is the simulated site's (demo mode).
    pub demo: bool,
    /// The data dir the account belongs to (the demo's data dir is `<base>/demo`).
    base_dir: PathBuf,
    site: Mutex<Option<SimServer>>,
    serving: Mutex<Option<Serving>>,
}

impl Running {
    fn new(handle: EngineHandle, demo: bool, base_dir: PathBuf) -> Self {
        Self {
            held_elsewhere: handle.is_remote(),
            handle,
            demo,
            base_dir,
            site: Mutex::new(None),
            serving: Mutex::new(None),
        }
    }

    pub fn data_dir(&self) -> &Path {
        self.handle.data_dir()
    }

    /// The simulated site's address in demo mode.
    pub fn demo_site(&self) -> Option<String> {
        let site = self.site.lock().ok()?;
        site.as_ref().map(|site| site.base_url().to_string())
    }

    /// The handle whose store holds the WorkFossa account: in demo mode the real data dir's
    /// (opened read-only for the call), so an account entered in the demo is the real one.
    pub async fn account_handle(&self) -> Result<EngineHandle> {
        if self.demo {
            let options = EngineOptions::new(&self.base_dir);
            return Ok(EngineHandle::open_reader(options).await?);
        }
        Ok(self.handle.clone())
    }

    /// Starts a sync (or joins the running one); its id. Through a daemon, waits for its end.
    pub async fn sync_now(&self) -> Result<Option<i64>> {
        Ok(Some(self.handle.start_sync().await?))
    }

    /// Leaves the demo as `fossa-sync demo off` does (the engine's `leave_demo_from`): its data is
    /// removed (through the daemon when one holds it) and the real data dir remembers it, so the
    /// next start opens the real data dir even without an account.
    pub async fn leave_demo(&self) -> Result<DemoLeft> {
        let (left, _) = leave_demo_from(&self.base_dir, Some(&self.handle)).await?;
        Ok(left)
    }

    /// Stops the control socket and the scheduler; a running sync is cancelled and recorded
    /// interrupted (nothing half-written); then the demo site.
    pub async fn shutdown(&self) {
        let serving = self
            .serving
            .lock()
            .ok()
            .and_then(|mut serving| serving.take());
        match serving {
            Some(serving) => serving.shutdown().await,
            None => self.handle.shutdown().await,
        }
        let site = self.site.lock().ok().and_then(|mut site| site.take());
        if let Some(site) = site {
            site.shutdown().await;
        }
    }
}

/// Opens the engine on `base` (None: `$FOSSA_SYNC_DATA_DIR` or the platform data dir), or on its
/// demo dir when no account is configured (the environment's included); serves the control
/// socket and starts scheduling. The receiver is subscribed before anything runs, so no event is
/// missed.
pub async fn open(base: Option<PathBuf>) -> Result<(Running, broadcast::Receiver<EngineEvent>)> {
    let base = resolve_data_dir(base.as_deref())?;
    let demo = demo::wanted(&base).await?;
    let dir = if demo {
        demo::data_dir(&base)
    } else {
        base.clone()
    };
    let handle = EngineHandle::open(EngineOptions::new(&dir)).await?;
    let mut running = Running::new(handle, demo, base);
    let events = running.handle.subscribe();
    if running.held_elsewhere {
        return Ok((running, events));
    }
    let engine = Arc::clone(running.handle.engine());
    if demo {
        // Like `fossa-sync demo`: the site, its account and the first sync right away.
        let site = demo::start_site().await?;
        engine.start_demo(site.base_url().as_str()).await?;
        running.site = Mutex::new(Some(site));
    }
    let serving = Serving::start(engine).await?;
    running.serving = Mutex::new(Some(serving));
    tracing::info!(data_dir = %dir.display(), demo, "engine started");
    Ok((running, events))
}

/// Quit: stops the engine cleanly, then exits the app. Safe to call more than once.
pub fn quit<R: Runtime>(app: &AppHandle<R>) {
    stop(app, false);
}

/// Stops the engine cleanly and starts the app again (the demo's account was replaced by a real
/// one: the next start syncs it).
pub fn restart<R: Runtime>(app: &AppHandle<R>) {
    stop(app, true);
}

fn stop<R: Runtime>(app: &AppHandle<R>, again: bool) {
    let Ok(shell) = app.shell() else {
        app.exit(0);
        return;
    };
    if !shell.begin_quit() {
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Ok(running) = app.running() {
            running.shutdown().await;
        }
        tracing::info!(again, "Fossa Sync stopped");
        if again {
            app.restart();
        } else {
            app.exit(0);
        }
    });
}

/// True while Quit is in progress (exit requests are then let through).
pub fn quitting<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.shell()
        .map(|shell| shell.quitting.load(Ordering::SeqCst))
        .unwrap_or(true)
}
