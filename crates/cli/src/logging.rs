//! Logging: stderr for every command; the daemon and demo also write a daily-rolling file in
//! `<data dir>/logs`.

use crate::args::{Cli, Command};
use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

/// Sets up logging; keep the guard alive until exit so the file is flushed.
pub fn init(cli: &Cli, data_dir: &Path) -> Option<WorkerGuard> {
    let long_running = matches!(cli.command, Command::Daemon(_) | Command::Demo(_));
    let default_level = match (cli.verbose, long_running) {
        (0, false) => "error",
        (0, true) | (1, _) => "info",
        _ => "debug",
    };
    let filter = || {
        EnvFilter::try_from_env("FOSSA_SYNC_LOG").unwrap_or_else(|_| {
            EnvFilter::new(format!(
                "{default_level},sqlx=warn,hyper=warn,reqwest=warn,html5ever=warn,selectors=warn"
            ))
        })
    };
    let stderr_layer = fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(filter());
    let (file_layer, guard) = if long_running {
        let dir = match &cli.command {
            Command::Demo(_) => data_dir.join("demo").join("logs"),
            _ => data_dir.join("logs"),
        };
        if std::fs::create_dir_all(&dir).is_ok() {
            let appender = tracing_appender::rolling::daily(dir, "fossa-sync.log");
            let (writer, guard) = tracing_appender::non_blocking(appender);
            (
                Some(
                    fmt::layer()
                        .with_ansi(false)
                        .with_writer(writer)
                        .with_filter(filter()),
                ),
                Some(guard),
            )
        } else {
            (None, None)
        }
    } else {
        (None, None)
    };
    let _ = tracing_subscriber::registry()
        .with(stderr_layer)
        .with(file_layer)
        .try_init();
    guard
}
