//! Fossa Sync's desktop shell (Tauri 2): a tray icon whose colour and ring say the sync state, a
//! menu with the countdown and the actions, desktop notifications, launch at login, one instance,
//! and a window created on demand. Translation only: the engine (`fossa-core`) decides
//! everything; the shell starts it, forwards its events and calls its handle.
//!
//! [`build`] (commands and state) is generic over the runtime so the commands are tested with
//! `tauri::test`'s mock runtime; [`run`] adds the plugins, the tray and the engine.

mod args;
mod bridge;
pub mod commands;
mod demo;
pub mod engine;
pub mod error;
pub mod icon;
mod notifications;
mod tray;
pub mod tray_view;
mod window;

pub use bridge::ENGINE_EVENT;
pub use demo::DEMO_PORT_ENV;
pub use window::MAIN as MAIN_WINDOW;

use engine::{EngineExt, Shell};
use std::time::Duration;
use tauri::{AppHandle, Builder, RunEvent, Runtime};

/// The command-line flag autostart passes: start in the tray without opening the window.
pub const HIDDEN_FLAG: &str = "--hidden";

/// The app's state and commands, on any runtime (the mock runtime in tests).
pub fn build<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .manage(Shell::default())
        .invoke_handler(commands::handler())
}

/// The plugins; single-instance first, so a second launch stops before anything else starts.
fn plugins<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    builder
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            window::open_for_args(app, &argv)
        }))
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .arg(HIDDEN_FLAG)
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::new().build())
}

/// The setup hook: the tray at once, then the engine in the background (the tray says
/// "Starting…" meanwhile), stop signals, and the window unless started with `--hidden` (on the
/// page of `--show PAGE` if given).
fn setup<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    tray::create(app)?;
    let handle = app.clone();
    tauri::async_runtime::spawn(async move { start_engine(handle).await });
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        stop_signal().await;
        engine::quit(&handle);
    });
    let args: Vec<String> = std::env::args().collect();
    if !args.iter().any(|arg| arg == HIDDEN_FLAG) || window::requested_route(&args).is_some() {
        window::open_for_args(app, &args);
    }
    Ok(())
}

async fn start_engine<R: Runtime>(app: AppHandle<R>) {
    let Ok(shell) = app.shell() else {
        return;
    };
    match engine::open(None).await {
        Ok((running, events)) => {
            if running.held_elsewhere {
                notifications::show(
                    &app,
                    &notifications::Note {
                        title: "Fossa Sync is already running".into(),
                        body: format!(
                            "A Fossa Sync daemon schedules {}; this app shows its state and does not schedule.",
                            running.data_dir().display()
                        ),
                    },
                );
            }
            shell.set_running(running);
            bridge::run(app.clone(), events).await;
        }
        Err(error) => {
            let reason = error.to_string();
            tracing::error!(%reason, "the engine could not start");
            shell.set_failure(reason.clone());
            let input = tray_view::TrayInput {
                engine: tray_view::EngineView::Unavailable(&reason),
                demo: false,
                now: chrono::Utc::now(),
            };
            tray::render(&app, &input);
            notifications::show(
                &app,
                &notifications::Note {
                    title: "Fossa Sync could not start".into(),
                    body: reason.clone(),
                },
            );
        }
    }
}

/// Waits for SIGTERM or Ctrl-C (then the app quits as from the menu).
async fn stop_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

fn on_run_event<R: Runtime>(app: &AppHandle<R>, event: RunEvent) {
    if let RunEvent::ExitRequested { code, api, .. } = event {
        // The last window closed (code None): keep running in the tray. Quit exits for real.
        if code.is_none() && !engine::quitting(app) {
            api.prevent_exit();
        }
    }
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// The async runtime for Tauri and the engine. Tauri's default has one worker per core and keeps
/// idle blocking threads 10 s; this app idles 99.9 % of the time and its heavy work (parsing) runs
/// on the blocking pool, so: one worker, a few blocking threads that leave soon. Each thread
/// costs a stack and, once it allocates, a malloc arena that keeps what it freed.
fn async_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .max_blocking_threads(4)
        .thread_keep_alive(Duration::from_secs(2))
        .enable_all()
        .build()
}

/// Runs the desktop app with the context generated from `tauri.conf.json` (see `main.rs`).
pub fn run(context: tauri::Context<tauri::Wry>) {
    init_tracing();
    let runtime = match async_runtime() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("Fossa Sync could not start its async runtime: {error}");
            std::process::exit(1);
        }
    };
    tauri::async_runtime::set(runtime.handle().clone());
    let app = build(plugins(tauri::Builder::default()))
        .setup(|app| Ok(setup(app.handle())?))
        .build(context);
    match app {
        Ok(app) => app.run(on_run_event),
        Err(error) => {
            eprintln!("Fossa Sync could not start: {error}");
            std::process::exit(1);
        }
    }
}
