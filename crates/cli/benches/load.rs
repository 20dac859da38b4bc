//! The load benchmark: prints figures, asserts nothing about time.
//!
//! `cargo bench -p fossa-sync --bench load` (release) prints: a 50,000-work-order sync and its
//! no-change resync; the history queries (page, filters, daily stats for the charts) over 100,000
//! runs; and the headless daemon's idle RSS and CPU over 60 s (`FOSSA_BENCH_IDLE_SECONDS`).

use fossa_core::credentials::save_account;
use fossa_core::engine::{Engine, EngineOptions};
use fossa_core::model::{RunStatus, Trigger};
use fossa_core::store::HistoryFilter;
use fossa_core::workfossa::Password;
use std::time::{Duration, Instant};

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        big_sync(50_000).await;
        history_queries(100_000).await;
        daemon_idle().await;
    });
}

async fn big_sync(orders: usize) {
    let sim = fossa_sim::start(fossa_sim::SimOptions {
        seed: 21,
        work_orders: orders,
        ..Default::default()
    })
    .await
    .expect("sim");
    let dir = tempfile::tempdir().expect("dir");
    let engine = Engine::open_primary(EngineOptions::new(dir.path()))
        .await
        .expect("engine");
    let defaults = fossa_sim::SimOptions::default();
    save_account(
        dir.path(),
        engine.store(),
        &defaults.email,
        &Password::new(defaults.password),
        Some(sim.base_url().as_str()),
        false,
    )
    .await
    .expect("account");
    for label in ["sync", "resync (no changes)"] {
        let started = Instant::now();
        let run = engine
            .sync_work_orders()
            .await
            .expect("start")
            .wait()
            .await
            .expect("run");
        assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
        println!(
            "load: {label} of {orders} orders: {:.2} s ({} found, {} new, {} changed)",
            started.elapsed().as_secs_f64(),
            run.found.unwrap_or(0),
            run.new.unwrap_or(0),
            run.changed.unwrap_or(0)
        );
    }
    engine.shutdown().await;
}

async fn history_queries(runs: i64) {
    let dir = tempfile::tempdir().expect("dir");
    let engine = Engine::open_primary(EngineOptions::new(dir.path()))
        .await
        .expect("engine");
    let now_ms = chrono::Utc::now().timestamp_millis();
    // One run every 5 minutes back from now, 1 in 12 failed, 1 in 20 a catch-up.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO runs (job_type, trigger, status, started_at_ms, finished_at_ms, duration_ms, attempts, found, new, changed, removed)
         SELECT 'work_orders', CASE WHEN i % 20 = 0 THEN 'catch-up' ELSE 'scheduled' END,
                CASE WHEN i % 12 = 0 THEN 'failed' ELSE 'success' END,
                ?2 - i * 300000, ?2 - i * 300000 + 900, 900, 1, 250, i % 3, i % 5, i % 2 FROM n",
    )
    .bind(runs)
    .bind(now_ms)
    .execute(engine.store().pool())
    .await
    .expect("insert runs");
    let week_ago = chrono::Utc::now() - chrono::Duration::days(7);
    let filters: [(&str, HistoryFilter); 4] = [
        (
            "history page (50 newest)",
            HistoryFilter {
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "history page 100 (offset 5,000)",
            HistoryFilter {
                limit: Some(50),
                offset: Some(5_000),
                ..Default::default()
            },
        ),
        (
            "filter status=failed",
            HistoryFilter {
                status: Some(RunStatus::Failed),
                limit: Some(50),
                ..Default::default()
            },
        ),
        (
            "filter trigger=catch-up since 7 d",
            HistoryFilter {
                trigger: Some(Trigger::CatchUp),
                since: Some(week_ago),
                limit: Some(50),
                ..Default::default()
            },
        ),
    ];
    for (label, filter) in filters {
        let (took, count) = best_of(5, || async {
            engine.history(&filter).await.expect("history").len()
        })
        .await;
        println!(
            "history: {label} over {runs} runs: {:.1} ms ({count} rows)",
            took.as_secs_f64() * 1000.0
        );
    }
    let (took, days) = best_of(5, || async {
        engine.daily_stats(30).await.expect("stats").len()
    })
    .await;
    println!(
        "history: daily stats (charts, 30 days) over {runs} runs: {:.1} ms ({days} days)",
        took.as_secs_f64() * 1000.0
    );
    let (took, _) = best_of(5, || async {
        engine.status().await.expect("status").consecutive_failures
    })
    .await;
    println!(
        "history: status over {runs} runs: {:.1} ms",
        took.as_secs_f64() * 1000.0
    );
    engine.shutdown().await;
}

async fn best_of<F, Fut, T>(rounds: usize, mut run: F) -> (Duration, T)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..rounds {
        let started = Instant::now();
        last = Some(run().await);
        best = best.min(started.elapsed());
    }
    (best, last.expect("at least one round"))
}

/// Idle cost of `fossa-sync daemon`: RSS and CPU seconds over an idle period.
async fn daemon_idle() {
    let seconds: u64 = std::env::var("FOSSA_BENCH_IDLE_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let dir = tempfile::tempdir().expect("dir");
    let mut daemon = tokio::process::Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("daemon")
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("daemon");
    let pid = daemon.id().expect("pid");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let cpu_before = cpu_seconds(pid);
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    let cpu = cpu_seconds(pid) - cpu_before;
    let rss = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|line| line.starts_with("VmRSS:"))
        .map(|line| {
            line.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|kb| kb.parse::<f64>().ok())
        .unwrap_or(f64::NAN);
    println!(
        "daemon: idle {seconds} s: RSS {:.1} MB, CPU {cpu:.3} s",
        rss / 1024.0
    );
    let _ = daemon.start_kill();
    let _ = daemon.wait().await;
}

fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which ends with ')'): utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks: f64 = fields
        .get(11)
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
        + fields
            .get(12)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0);
    ticks / 100.0
}
