//! The dispenser benchmark: prints figures, asserts nothing about time.
//!
//! `cargo bench -p fossa-sync --bench dispensers` (release): a dispenser run over the stations
//! of the simulated site's work orders (about 200 by default) at 200 ms per-request latency,
//! through the engine's own job (two station pages at a time, the job's pause after each), next
//! to its bound; then a rerun with nothing changed on the site and the rows it wrote (dispenser
//! rows rewritten and change records; the goal is 0). `FOSSA_BENCH_ORDERS` and
//! `FOSSA_BENCH_LATENCY_MS` change the size and the latency.

use fossa_core::credentials::save_account;
use fossa_core::engine::{Engine, EngineOptions};
use fossa_core::model::{JobType, RunRecord, RunStatus};
use fossa_core::sync::dispensers::{DEFAULT_PAUSE, MAX_LOCATIONS_AT_ONCE};
use fossa_core::workfossa::Password;
use fossa_sim::SimOptions;
use std::time::{Duration, Instant};

const EMAIL: &str = "bench@example.com";
const PASSWORD: &str = "bench-password";

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(
        setting("FOSSA_BENCH_ORDERS", 230) as usize,
        setting("FOSSA_BENCH_LATENCY_MS", 200),
    ));
}

async fn run(orders: usize, latency_ms: u64) {
    let sim = fossa_sim::start(SimOptions {
        seed: 11,
        work_orders: orders,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        ..Default::default()
    })
    .await
    .expect("sim");
    let dir = tempfile::tempdir().expect("dir");
    let engine = Engine::open_primary(EngineOptions::new(dir.path()))
        .await
        .expect("engine");
    save_account(
        dir.path(),
        engine.store(),
        EMAIL,
        &Password::new(PASSWORD),
        Some(sim.base_url().as_str()),
        false,
    )
    .await
    .expect("account");
    // The work orders first, without latency (they are not what is measured here).
    let orders_run = engine
        .sync_work_orders()
        .await
        .expect("start")
        .wait()
        .await
        .expect("run");
    assert_eq!(
        orders_run.status,
        RunStatus::Success,
        "{:?}",
        orders_run.error
    );
    sim.state().update_faults(|f| f.latency_ms = latency_ms);

    let served_before = sim.state().stats().location_pages_served;
    let started = Instant::now();
    let first = dispensers(&engine).await;
    let took = started.elapsed();
    let stations = first.found.unwrap_or(0) as u64;
    let served = sim.state().stats().location_pages_served - served_before;
    // Each reading slot: one request (the latency) then the pause; two slots at a time.
    let per_page = Duration::from_millis(latency_ms) + DEFAULT_PAUSE;
    let bound = per_page * stations.div_ceil(MAX_LOCATIONS_AT_ONCE as u64) as u32;
    println!(
        "dispensers: {stations} stations at {latency_ms} ms, {} at a time: {:.2} s; bound {:.2} s ({} ms request + {} ms pause per slot); ratio {:.2}; {served} pages served [load {}]",
        MAX_LOCATIONS_AT_ONCE,
        took.as_secs_f64(),
        bound.as_secs_f64(),
        latency_ms,
        DEFAULT_PAUSE.as_millis(),
        took.as_secs_f64() / bound.as_secs_f64(),
        load_average()
    );
    let stored: i64 = count(&engine, "SELECT COUNT(*) FROM dispensers").await;
    let again = dispensers(&engine).await;
    let rewritten: i64 = count(
        &engine,
        &format!(
            "SELECT COUNT(*) FROM dispensers WHERE updated_ms >= (SELECT started_at_ms FROM runs WHERE id = {})",
            again.id
        ),
    )
    .await;
    let changes: i64 = count(
        &engine,
        &format!(
            "SELECT COUNT(*) FROM dispenser_changes WHERE run_id = {}",
            again.id
        ),
    )
    .await;
    println!(
        "dispensers: rerun with no change: {} stations read, {rewritten} dispenser rows rewritten, {changes} change records (of {stored} dispensers stored) [load {}]",
        again.found.unwrap_or(0),
        load_average()
    );
    engine.shutdown().await;
}

async fn dispensers(engine: &Engine) -> RunRecord {
    let run = engine
        .sync_job(JobType::Dispensers)
        .await
        .expect("start")
        .wait()
        .await
        .expect("run");
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    run
}

async fn count(engine: &Engine, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(engine.store().pool())
        .await
        .expect("count")
}

/// The 1-minute load average, from `/proc/loadavg`.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
