//! The sync benchmark: prints figures, asserts nothing about time.
//!
//! `cargo bench -p fossa-sync --bench sync` (release) prints: parse throughput on a 100-row page;
//! full syncs of 1,000 and 10,000 work orders at 0 ms and 200 ms per-request latency next to
//! their network bound; the CLI's peak RSS during the 10,000-row sync; and the work-order rows a
//! no-change resync writes. `FOSSA_BENCH_QUICK=1` skips the 200 ms runs;
//! `FOSSA_BENCH_SAVE_PAGE=<file>` also writes the parsed 100-row page there (to parse the same
//! page with other code, see docs/benchmarks.md).

use fossa_core::credentials::save_account;
use fossa_core::engine::{Engine, EngineOptions};
use fossa_core::model::RunStatus;
use fossa_core::workfossa::parser::parse_work_order_list;
use fossa_core::workfossa::Password;
use fossa_sim::{ListPageParams, SimOptions};
use std::time::{Duration, Instant};

const EMAIL: &str = "bench@example.com";
const PASSWORD: &str = "bench-password";
const CONCURRENCY: u64 = 4;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        parse_throughput();
        let quick = std::env::var_os("FOSSA_BENCH_QUICK").is_some();
        for (orders, latency) in [(1_000, 0), (10_000, 0), (1_000, 200), (10_000, 200)] {
            if quick && latency > 0 {
                continue;
            }
            full_sync(orders, latency).await;
        }
        cli_peak_rss(10_000).await;
    });
}

fn parse_throughput() {
    let base = url::Url::parse("https://app.workfossa.com/").expect("url");
    let rows = fossa_sim::generate_work_orders(3, 100, &base);
    let html = fossa_sim::render_list_page(&ListPageParams::single_page(&rows));
    if let Some(path) = std::env::var_os("FOSSA_BENCH_SAVE_PAGE") {
        std::fs::write(&path, &html).expect("save the page");
    }
    let rounds = 300;
    let started = Instant::now();
    let mut parsed = 0;
    for _ in 0..rounds {
        parsed += parse_work_order_list(&html, &base)
            .expect("parses")
            .work_orders
            .len();
    }
    let seconds = started.elapsed().as_secs_f64();
    // The simulated site renders every page it serves in this same process: its share of a sync.
    let started = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(fossa_sim::render_list_page(&ListPageParams::single_page(
            std::hint::black_box(&rows),
        )));
    }
    let render_ms = started.elapsed().as_secs_f64() * 1000.0 / rounds as f64;
    println!(
        "parse: simulated site renders the 100-row page in {render_ms:.2} ms (same process) [load {}]",
        load_average()
    );
    println!(
        "parse: 100-row page ({} KB): {:.0} rows/s, {:.1} MB/s (one core, {rounds} pages) [load {}]",
        html.len() / 1024,
        parsed as f64 / seconds,
        (html.len() * rounds) as f64 / seconds / 1e6,
        load_average()
    );
}

/// The 1-minute load average, from `/proc/loadavg`.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

async fn site(orders: usize, latency_ms: u64) -> (fossa_sim::SimServer, tempfile::TempDir, Engine) {
    let sim = fossa_sim::start(SimOptions {
        seed: 11,
        work_orders: orders,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        ..Default::default()
    })
    .await
    .expect("sim");
    sim.state().update_faults(|f| f.latency_ms = latency_ms);
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
    (sim, dir, engine)
}

async fn full_sync(orders: usize, latency_ms: u64) {
    let (sim, _dir, engine) = site(orders, latency_ms).await;
    let open = sim.state().open_work_orders().len() as u64;
    let started = Instant::now();
    let run = engine
        .sync_work_orders()
        .await
        .expect("start")
        .wait()
        .await
        .expect("run");
    let took = started.elapsed();
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    let pages = open.div_ceil(100).max(1);
    // Login is GET /login + POST /login, then page 1, all one after another; the remaining
    // pages go CONCURRENCY at a time.
    let bound = Duration::from_millis(latency_ms * (3 + (pages - 1).div_ceil(CONCURRENCY)));
    let ratio = if bound.is_zero() {
        f64::NAN
    } else {
        took.as_secs_f64() / bound.as_secs_f64()
    };
    println!(
        "sync: {orders} orders ({open} listed, {pages} pages) at {latency_ms} ms: {:.2} s; network bound {:.2} s; ratio {ratio:.2} [load {}]",
        took.as_secs_f64(),
        bound.as_secs_f64(),
        load_average()
    );
    let again = engine
        .sync_work_orders()
        .await
        .expect("start")
        .wait()
        .await
        .expect("run");
    let touched: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM work_orders WHERE last_change_run = ? OR removed_run = ?",
    )
    .bind(again.id)
    .bind(again.id)
    .fetch_one(engine.store().pool())
    .await
    .expect("count");
    println!("resync without changes ({orders}): {touched} work-order rows written, {} new / {} changed / {} removed",
        again.new.unwrap_or(-1), again.changed.unwrap_or(-1), again.removed.unwrap_or(-1));
    engine.shutdown().await;
}

async fn cli_peak_rss(orders: usize) {
    let (sim, dir, engine) = site(orders, 0).await;
    engine.shutdown().await;
    drop(engine);
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("sync")
        .env("FOSSA_SYNC_REPORT_PEAK_RSS", "1")
        .output()
        .await
        .expect("cli");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let peak = stderr
        .lines()
        .find_map(|line| line.strip_prefix("peak_rss_kb="))
        .unwrap_or("?");
    println!(
        "cli: `fossa-sync sync` of {orders} orders: exit {}, peak RSS {:.1} MB",
        output.status.code().unwrap_or(-1),
        peak.trim()
            .parse::<f64>()
            .map(|kb| kb / 1024.0)
            .unwrap_or(f64::NAN)
    );
    drop(sim);
}
