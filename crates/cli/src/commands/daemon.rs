//! `daemon`, `sim` and `demo`: the long-running commands.

use crate::args::{DaemonArgs, DemoArgs, SimArgs, SimPaginator};
use crate::context::Context;
use crate::util::parse_span;
use fossa_core::engine::{
    configured_account, demo_data_dir, leave_demo_from, Engine, EngineHandle, Serving,
};
use fossa_core::error::{EngineError, EngineResult};
use std::net::SocketAddr;
use std::sync::Arc;

/// Ctrl-C or SIGTERM. SIGTERM is caught from this call on (not from the first poll), so a stop
/// that arrives while the engine is still starting is not lost.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        #[cfg(unix)]
        if let Some(mut term) = term {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Schedules until a stop signal; a running sync is cancelled and recorded as interrupted.
pub async fn daemon(ctx: &Context, args: &DaemonArgs) -> EngineResult<()> {
    if let Some(addr) = args.http {
        fossa_api::check_loopback(addr)?;
    }
    if !configured_account(&ctx.data_dir).await? {
        eprintln!(
            "No WorkFossa account is configured (`fossa-sync account set`, or WORKFOSSA_EMAIL and \
             WORKFOSSA_PASSWORD): syncs fail until one is; `fossa-sync demo` shows a simulated site."
        );
    }
    let engine = Arc::new(Engine::open_primary(ctx.options()).await?);
    run_engine(engine, args.http, stop_signal()).await
}

/// `--http`: the local HTTP API and web UI; prints the browser login link on stderr.
async fn start_http(engine: &Arc<Engine>, addr: SocketAddr) -> EngineResult<fossa_api::ApiServer> {
    let auth = fossa_api::ApiAuth::load_or_create(engine.data_dir())?;
    let ui_dir = fossa_api::default_ui_dir();
    if ui_dir.is_none() {
        eprintln!(
            "The web UI is not built (cd ui && npm ci && npm run build); serving the API only."
        );
    }
    let server =
        fossa_api::serve(EngineHandle::local(Arc::clone(engine)), addr, auth, ui_dir).await?;
    eprintln!(
        "HTTP API on http://{}/ — open this link to sign in from a browser:\n  {}",
        server.local_addr(),
        server.login_url()
    );
    Ok(server)
}

async fn run_engine(
    engine: Arc<Engine>,
    http: Option<SocketAddr>,
    stop: impl std::future::Future<Output = ()>,
) -> EngineResult<()> {
    let server = match http {
        Some(addr) => Some(start_http(&engine, addr).await?),
        None => None,
    };
    let serving = Serving::start(Arc::clone(&engine)).await?;
    let status = engine.status().await?;
    tracing::info!(
        data_dir = %engine.data_dir().display(),
        state = status.state.as_str(),
        next_run = ?status.next_run,
        "Fossa Sync daemon started"
    );
    eprintln!(
        "Fossa Sync is running on {} (state {}); stop with Ctrl-C.",
        engine.data_dir().display(),
        status.state.as_str()
    );
    stop.await;
    tracing::info!("stopping");
    if let Some(server) = server {
        server.shutdown().await;
    }
    serving.shutdown().await;
    eprintln!("Fossa Sync stopped.");
    Ok(())
}

fn sim_options(args: &SimArgs) -> EngineResult<fossa_sim::SimOptions> {
    let churn = args
        .churn
        .as_deref()
        .map(|text| {
            parse_span(text)
                .and_then(|span| span.to_std().ok())
                .ok_or_else(|| {
                    EngineError::invalid("churn", format!("{text:?} is not a length like 2m"))
                })
        })
        .transpose()?;
    Ok(fossa_sim::SimOptions {
        seed: args.seed,
        work_orders: args.orders,
        email: args.email.clone(),
        password: args.password.clone(),
        bind: args.listen,
        churn,
        paginator: match args.paginator {
            SimPaginator::Simple => fossa_sim::Paginator::Simple,
            SimPaginator::LengthAware => fossa_sim::Paginator::LengthAware,
        },
        spa: args.spa,
    })
}

pub async fn sim(args: &SimArgs) -> EngineResult<()> {
    let server = fossa_sim::start(sim_options(args)?)
        .await
        .map_err(|e| EngineError::io("Could not start the simulated site", e))?;
    println!(
        "Simulated WorkFossa at {} (login {} / {}); stop with Ctrl-C.",
        server.base_url(),
        args.email,
        args.password
    );
    stop_signal().await;
    server.shutdown().await;
    Ok(())
}

/// The simulated site with changing data, a demo data dir pointed at it, and the daemon: the
/// same demo (site, account, first sync, leaving) as the desktop app's.
pub async fn demo(ctx: &Context, args: &DemoArgs) -> EngineResult<()> {
    if let Some(addr) = args.http {
        fossa_api::check_loopback(addr)?;
    }
    let bind = SocketAddr::from(([127, 0, 0, 1], args.port));
    let server = fossa_sim::start(fossa_sim::demo_options(bind, args.spa))
        .await
        .map_err(|e| EngineError::io("Could not start the simulated site", e))?;
    let demo_ctx = Context {
        data_dir: demo_data_dir(&ctx.data_dir),
    };
    let engine = Arc::new(Engine::open_primary(demo_ctx.options()).await?);
    let stop = stop_signal();
    let first = engine.start_demo(server.base_url().as_str()).await?;
    println!(
        "Demo: simulated WorkFossa at {}, data in {}.",
        server.base_url(),
        engine.data_dir().display()
    );
    if let Some(run) = first.wait().await {
        println!("First sync: {}", crate::commands::runs::summary_line(&run));
    }
    let result = run_engine(engine, args.http, stop).await;
    server.shutdown().await;
    result
}

/// `demo off`: the demo's data (in `<data dir>/demo`, or the data dir itself when it is the
/// demo's; through the demo daemon if one runs) is removed, and the data dir remembers that the
/// demo was left — the engine's `leave_demo_from`, as the window's "Leave the demo".
pub async fn demo_off(ctx: &Context) -> EngineResult<()> {
    let (left, through_daemon) = leave_demo_from(&ctx.data_dir, None).await?;
    println!("{}", left.message);
    if left.left && through_daemon {
        println!(
            "The running demo now has no account; stop it (Ctrl-C) and start `fossa-sync daemon`."
        );
    }
    Ok(())
}
