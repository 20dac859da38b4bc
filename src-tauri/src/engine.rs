//! The engine inside the app: opening it on the shared data dir (or the demo's), the control
//! socket and the scheduler, the `app.engine()` extension trait, and the clean stop on Quit.
//!
//! The choice "hold the data dir, or read it and act through the daemon holding it" is
//! `fossa_core::engine::EngineHandle`'s, shared with the CLI: when a daemon already holds the data
//! dir, the app reads the store, does not schedule, and sends acting requests (sync, pause,
//! resume, schedule, leave demo) to the daemon over its control socket.

use crate::demo;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use fossa_core::control;
use fossa_core::engine::{DemoLeft, Engine, EngineHandle, EngineOptions, ScheduleView};
use fossa_core::events::EngineEvent;
use fossa_core::model::Status;
use fossa_core::paths::{resolve_data_dir, CONTROL_SOCKET};
use fossa_core::schedule::ScheduleConfig;
use fossa_sim::SimServer;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::{broadcast, Notify};
use tokio::task::JoinHandle;

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

/// The engine handle the tray, the commands and the window use: `app.engine()`.
pub trait EngineExt<R: Runtime> {
    fn shell(&self) -> Result<&Shell>;
    fn running(&self) -> Result<&Running> {
        self.shell()?.running()
    }
    fn engine(&self) -> Result<Arc<Engine>> {
        Ok(Arc::clone(&self.running()?.engine))
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
    /// Local, or (a daemon holds the data dir) reading the store and acting through the daemon.
    pub handle: EngineHandle,
    pub engine: Arc<Engine>,
    /// A daemon holds the data dir: read-only here, acting requests go to it.
    pub held_elsewhere: bool,
    /// The data is the simulated site's (demo mode).
    pub demo: bool,
    /// The data dir the account belongs to (the demo's data dir is `<base>/demo`).
    base_dir: PathBuf,
    site: Mutex<Option<SimServer>>,
    tasks: Vec<JoinHandle<()>>,
}

impl Running {
    fn new(handle: EngineHandle, demo: bool, base_dir: PathBuf) -> Self {
        Self {
            engine: Arc::clone(handle.engine()),
            held_elsewhere: handle.is_remote(),
            handle,
            demo,
            base_dir,
            site: Mutex::new(None),
            tasks: Vec::new(),
        }
    }

    pub fn data_dir(&self) -> &Path {
        self.engine.data_dir()
    }

    /// The simulated site's address in demo mode.
    pub fn demo_site(&self) -> Option<String> {
        let site = self.site.lock().ok()?;
        site.as_ref().map(|site| site.base_url().to_string())
    }

    pub async fn pause(&self, until: Option<DateTime<Utc>>) -> Result<Status> {
        Ok(self.handle.pause(until).await?)
    }

    /// Pauses for `minutes` from now.
    pub async fn pause_for(&self, minutes: u32) -> Result<Status> {
        Ok(self.handle.pause_for(minutes).await?)
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

    /// The engine of [`Running::account_handle`].
    pub async fn account_engine(&self) -> Result<Arc<Engine>> {
        Ok(Arc::clone(self.account_handle().await?.engine()))
    }

    pub async fn resume(&self) -> Result<Status> {
        Ok(self.handle.resume().await?)
    }

    pub async fn set_schedule(&self, config: ScheduleConfig) -> Result<ScheduleView> {
        Ok(self.handle.set_schedule(config).await?)
    }

    /// Starts a sync (or joins the running one); its id. Through a daemon, waits for its end.
    pub async fn sync_now(&self) -> Result<Option<i64>> {
        Ok(Some(self.handle.start_sync().await?))
    }

    /// Leaves the demo: its data is removed (through the daemon when one holds it) and the real
    /// data dir remembers it, so the next start opens the real data dir even without an account.
    pub async fn leave_demo(&self) -> Result<DemoLeft> {
        if !self.demo {
            return Ok(self.handle.leave_demo().await?);
        }
        let left = self.handle.leave_demo().await?;
        let base = Engine::open_reader(EngineOptions::new(&self.base_dir)).await?;
        base.decline_demo().await?;
        base.store().close().await;
        Ok(left)
    }

    /// Stops the control socket and the scheduler; a running sync is cancelled and recorded
    /// interrupted (nothing half-written); then the demo site.
    pub async fn shutdown(&self) {
        let mut tasks = self.tasks.iter();
        if let Some(control) = tasks.next() {
            control.abort();
        }
        self.handle.shutdown().await;
        for task in tasks {
            task.abort();
        }
        if !self.held_elsewhere {
            let _ = std::fs::remove_file(self.data_dir().join(CONTROL_SOCKET));
        }
        let site = self.site.lock().ok().and_then(|mut site| site.take());
        if let Some(site) = site {
            site.shutdown().await;
        }
    }
}

/// Opens the engine on `base` (None: `$FOSSA_SYNC_DATA_DIR` or the platform data dir), or on its
/// demo dir when no account is configured; serves the control socket and starts scheduling.
/// The receiver is subscribed before anything runs, so no event is missed.
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
    let engine = Arc::clone(&running.engine);
    if demo {
        let site = demo::start_site().await?;
        demo::configure(&engine, &site).await?;
        running.site = Mutex::new(Some(site));
    }
    let control = control::serve(Arc::clone(&engine)).await?;
    let scheduler = engine.spawn_scheduler()?;
    if demo {
        // Like `fossa-sync demo`: the first sync right away, so there is data to look at.
        if let Err(error) = engine.sync_now().await {
            tracing::warn!(%error, "the demo's first sync did not start");
        }
    }
    tracing::info!(data_dir = %dir.display(), demo, "engine started");
    running.tasks = vec![control, scheduler];
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
