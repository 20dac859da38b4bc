//! The local HTTP API of Fossa Sync (`fossa-sync daemon --http 127.0.0.1:PORT`): the engine's
//! operations as the JSON routes of `docs/api.md`, server-sent events, and the built web UI.
//!
//! Loopback only; every `/api/*` request needs the token of [`ApiAuth`]. Each route is a few lines
//! over [`EngineHandle`], the same handle the CLI and the desktop app use: behaviour lives in
//! the engine.

pub mod auth;
pub mod error;
mod routes;
mod sse;
pub mod static_files;

pub use auth::ApiAuth;
pub use static_files::default_ui_dir;

use axum::extract::Request;
use axum::Router;
use fossa_core::engine::EngineHandle;
use fossa_core::error::{EngineError, EngineResult};
use routes::AppState;
use std::net::SocketAddr;
use std::path::PathBuf;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// The whole app: `/api/*` behind the token, `/login`, and the UI (or a "not built" page) at `/`.
pub fn router(engine: EngineHandle, auth: ApiAuth, ui_dir: Option<PathBuf>) -> Router {
    app(engine, auth, ui_dir, CancellationToken::new())
}

fn app(
    engine: EngineHandle,
    auth: ApiAuth,
    ui_dir: Option<PathBuf>,
    shutdown: CancellationToken,
) -> Router {
    let state = AppState {
        engine,
        auth,
        shutdown,
    };
    routes::api(state).fallback(move |request: Request| {
        let ui_dir = ui_dir.clone();
        async move { static_files::serve(ui_dir, request).await }
    })
}

/// Refuses any address that is not loopback (127.0.0.0/8 or ::1), before binding.
pub fn check_loopback(addr: SocketAddr) -> EngineResult<()> {
    if addr.ip().is_loopback() {
        return Ok(());
    }
    Err(EngineError::invalid(
        "http",
        format!(
            "the local HTTP API listens on loopback addresses only (127.0.0.1 or [::1]); {addr} \
             would expose your WorkFossa data to the network — use --http 127.0.0.1:{}",
            addr.port()
        ),
    ))
}

/// A running API server.
pub struct ApiServer {
    addr: SocketAddr,
    auth: ApiAuth,
    shutdown: CancellationToken,
    task: JoinHandle<()>,
}

impl ApiServer {
    /// The address it listens on (the real port when asked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The link that logs a browser in: `http://ADDR/login?token=...`.
    pub fn login_url(&self) -> String {
        self.auth.login_url(self.addr)
    }

    /// Stops accepting, ends open event streams, and waits for requests in flight.
    pub async fn shutdown(self) {
        self.shutdown.cancel();
        if let Err(error) = self.task.await {
            tracing::warn!(%error, "the HTTP API task ended badly");
        }
    }
}

/// Checks the address is loopback, binds it, and serves [`router`] in the background.
pub async fn serve(
    engine: EngineHandle,
    addr: SocketAddr,
    auth: ApiAuth,
    ui_dir: Option<PathBuf>,
) -> EngineResult<ApiServer> {
    check_loopback(addr)?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| EngineError::io(format!("Could not listen on {addr}"), e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| EngineError::io("Could not read the listening address", e))?;
    let shutdown = CancellationToken::new();
    let app = app(engine, auth.clone(), ui_dir, shutdown.clone());
    let stopped = shutdown.clone();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(stopped.cancelled_owned())
            .await;
        if let Err(error) = served {
            tracing::error!(%error, "the HTTP API stopped");
        }
    });
    tracing::info!(%addr, "HTTP API listening");
    Ok(ApiServer {
        addr,
        auth,
        shutdown,
        task,
    })
}
