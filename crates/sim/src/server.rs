//! Starting and stopping the simulated site, and its demo-mode churn task.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use url::Url;

use crate::pagination::Paginator;
use crate::routes;
use crate::state::SimState;

/// How the simulated site starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimOptions {
    /// Seed of the generated data (and of later additions and changes).
    pub seed: u64,
    /// Work orders at start.
    pub work_orders: usize,
    /// The accepted login.
    pub email: String,
    pub password: String,
    /// Where to listen; port 0 picks a free one.
    pub bind: SocketAddr,
    /// Demo mode: every period, add 1–2, change 1–2 and remove 0–1 orders.
    pub churn: Option<Duration>,
    /// The list paginator's shape at start (switchable later through [`crate::Faults`]).
    pub paginator: Paginator,
    /// Application mode: `/app/work/list` answers only an application shell and a script
    /// renders the rows in a browser (see the `spa` module); off, plain HTTP shows the rows.
    pub spa: bool,
}

impl Default for SimOptions {
    fn default() -> Self {
        Self {
            seed: 1,
            work_orders: 60,
            email: "tech@example.com".to_string(),
            password: "demo-password".to_string(),
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            churn: None,
            paginator: Paginator::Simple,
            spa: false,
        }
    }
}

/// Shortest churn period (a zero period would spin).
const MIN_CHURN: Duration = Duration::from_millis(10);

/// How long [`SimServer::shutdown`] waits for open connections before cutting them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A running simulated site. Dropping it stops the server (gracefully, in the background).
#[derive(Debug)]
pub struct SimServer {
    base: Url,
    addr: SocketAddr,
    state: SimState,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
    churn: Option<JoinHandle<()>>,
}

/// Binds, generates the data and serves the site on the current tokio runtime.
pub async fn start(opts: SimOptions) -> std::io::Result<SimServer> {
    let listener = TcpListener::bind(opts.bind).await?;
    let addr = listener.local_addr()?;
    let base = Url::parse(&format!("http://{addr}/"))
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let state = SimState::new(
        opts.seed,
        opts.work_orders,
        &opts.email,
        &opts.password,
        base.clone(),
    );
    state.update_faults(|f| f.paginator = opts.paginator);
    state.set_spa(opts.spa);
    let app = routes::router(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let shutdown = async move {
            // A send or a dropped sender both mean stop.
            let _ = stopped.await;
        };
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(shutdown)
            .await
        {
            tracing::warn!(error = %e, "fossa-sim server stopped with an error");
        }
    });
    let churn = opts.churn.map(|period| {
        let state = state.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(period.max(MIN_CHURN));
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            ticks.tick().await; // the first tick is immediate
            loop {
                ticks.tick().await;
                let report = state.churn_once();
                tracing::debug!(?report, "fossa-sim churn");
            }
        })
    });
    tracing::info!(%base, "fossa-sim listening");
    Ok(SimServer {
        base,
        addr,
        state,
        stop: Some(stop),
        server: Some(server),
        churn,
    })
}

impl SimServer {
    /// `http://127.0.0.1:PORT/`.
    pub fn base_url(&self) -> Url {
        self.base.clone()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A handle on the site's data, faults and counters.
    pub fn state(&self) -> SimState {
        self.state.clone()
    }

    /// Stops accepting, lets open requests finish (up to a few seconds), then returns.
    pub async fn shutdown(mut self) {
        if let Some(churn) = self.churn.take() {
            churn.abort();
        }
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut server) = self.server.take() {
            if tokio::time::timeout(SHUTDOWN_GRACE, &mut server)
                .await
                .is_err()
            {
                server.abort();
            }
        }
    }

    /// Runs until the server task ends (for a standalone demo process).
    pub async fn wait(mut self) {
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for SimServer {
    fn drop(&mut self) {
        if let Some(churn) = self.churn.take() {
            churn.abort();
        }
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
