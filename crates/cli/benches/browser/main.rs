//! The browser page reader's benchmark (issue 11): prints figures, asserts nothing about time.
//!
//! `cargo bench -p fossa-sync --bench browser` (release; needs `/usr/bin/chromium`) syncs 1,000
//! work orders (10 pages of 100) from the simulated site, through Chromium against the site in
//! application mode (`SimOptions::spa`, `page_reader` = `browser`) and through plain HTTP
//! against the ordinary site (`page_reader` = `http`), at 0 ms and 200 ms per-request latency,
//! with `spa_render_delay_ms` = 0 (then once more at 0 ms with its default, 150 ms). Each line
//! gives: wall time of the sync; CPU time of the whole process tree (this process, which also
//! runs the simulated site, plus the browser's processes sampled every 50 ms from `/proc`, and
//! as a cross-check the CPU of reaped children); the peak RSS (and PSS) of this process plus the
//! browser's processes, sampled every 50 ms; and how long after the sync's end a process naming
//! the browser profile (`PROFILE_PREFIX`) and the profile folder remained.
//!
//! `FOSSA_BENCH_RUNS` (default 2) repeats each figure; `FOSSA_BENCH_QUICK=1` skips 200 ms.

mod proctree;

use fossa_core::credentials::save_account;
use fossa_core::engine::{Engine, EngineOptions};
use fossa_core::events::{EngineEvent, Phase};
use fossa_core::model::RunStatus;
use fossa_core::sync::reader::PAGE_READER_SETTING;
use fossa_core::workfossa::Password;
use fossa_sim::SimOptions;
use proctree::{clock_ticks, self_ticks, time_until_gone, Sampler};
use std::time::{Duration, Instant};

const EMAIL: &str = "bench@example.com";
const PASSWORD: &str = "bench-password";
const SEED: u64 = 11;
/// Work orders generated so that about 1,000 are listed: 10 pages of 100.
const WANTED_LISTED: usize = 1_000;

#[derive(Clone, Copy)]
struct Case {
    browser: bool,
    latency_ms: u64,
    render_delay_ms: u64,
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let runs: usize = std::env::var("FOSSA_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(2);
    let quick = std::env::var_os("FOSSA_BENCH_QUICK").is_some();
    runtime.block_on(async {
        let generated = generated_for(WANTED_LISTED).await;
        for latency_ms in [0, 200] {
            if quick && latency_ms > 0 {
                continue;
            }
            for run in 1..=runs {
                for browser in [false, true] {
                    let case = Case {
                        browser,
                        latency_ms,
                        render_delay_ms: 0,
                    };
                    measure(generated, case, run).await;
                }
            }
        }
        let default_delay = fossa_sim::Faults::default().spa_render_delay_ms;
        let case = Case {
            browser: true,
            latency_ms: 0,
            render_delay_ms: default_delay,
        };
        measure(generated, case, 1).await;
    });
}

/// How many work orders to generate so that `listed` (at most) are open on the list, and more
/// than `listed - 100`.
async fn generated_for(listed: usize) -> usize {
    let mut generated = listed;
    for _ in 0..6 {
        let sim = start_sim(generated, false).await;
        let open = sim.state().open_work_orders().len();
        sim.shutdown().await;
        if open <= listed && open + 100 > listed {
            return generated;
        }
        let scaled = generated * listed / open.max(1);
        generated = if open > listed {
            scaled.min(generated - 1)
        } else {
            scaled.max(generated + 1)
        };
    }
    generated
}

async fn start_sim(orders: usize, spa: bool) -> fossa_sim::SimServer {
    fossa_sim::start(SimOptions {
        seed: SEED,
        work_orders: orders,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        spa,
        ..Default::default()
    })
    .await
    .expect("sim")
}

async fn site(orders: usize, case: Case) -> (fossa_sim::SimServer, tempfile::TempDir, Engine) {
    let sim = start_sim(orders, case.browser).await;
    sim.state().update_faults(|f| {
        f.latency_ms = case.latency_ms;
        f.spa_render_delay_ms = case.render_delay_ms;
    });
    let dir = tempfile::tempdir().expect("dir");
    let engine = Engine::open_primary(EngineOptions::new(dir.path()))
        .await
        .expect("engine");
    let reader = if case.browser { "browser" } else { "http" };
    engine
        .store()
        .set_setting(PAGE_READER_SETTING, reader)
        .await
        .expect("setting");
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

/// When each phase of the sync was first reported, in seconds from `started`, until the run
/// finished: "starting the browser 0.00 s, logging in 0.41 s, ...".
async fn phase_starts(
    mut events: tokio::sync::broadcast::Receiver<EngineEvent>,
    started: Instant,
) -> String {
    let mut seen: Vec<(Phase, f64)> = Vec::new();
    loop {
        match events.recv().await {
            Ok(EngineEvent::Progress(progress)) => {
                if !seen.iter().any(|(phase, _)| *phase == progress.phase) {
                    seen.push((progress.phase, started.elapsed().as_secs_f64()));
                }
            }
            Ok(EngineEvent::RunFinished { .. }) => break,
            Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
            Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
        }
    }
    let mut text: Vec<String> = seen
        .iter()
        .map(|(phase, at)| format!("{phase:?} {at:.2} s"))
        .collect();
    text.push(format!("finished {:.2} s", started.elapsed().as_secs_f64()));
    text.join(", ")
}

/// The 1-minute load average, from `/proc/loadavg`.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn seconds(ticks: u64) -> f64 {
    ticks as f64 / clock_ticks()
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

fn after(gone: Option<Duration>) -> String {
    gone.map_or_else(
        || "not within 10 s".to_string(),
        |d| format!("{:.2} s", d.as_secs_f64()),
    )
}

async fn measure(orders: usize, case: Case, run: usize) {
    let (sim, _dir, engine) = site(orders, case).await;
    let listed = sim.state().open_work_orders().len();
    let (own_before, reaped_before) = self_ticks();
    let sampler = Sampler::start(Duration::from_millis(50));
    let started = Instant::now();
    let phases = tokio::spawn(phase_starts(engine.subscribe(), started));
    let record = engine
        .sync_work_orders()
        .await
        .expect("start")
        .wait()
        .await
        .expect("run");
    let wall = started.elapsed();
    let phases = tokio::time::timeout(Duration::from_secs(5), phases)
        .await
        .map(|joined| joined.unwrap_or_default())
        .unwrap_or_else(|_| "(no end reported)".into());
    let profiles = sampler.profiles();
    let (gone, folder_gone) =
        tokio::task::spawn_blocking(move || time_until_gone(&profiles, Duration::from_secs(10)))
            .await
            .expect("wait for the browser to end");
    let samples = sampler.stop();
    let (own_after, reaped_after) = self_ticks();
    assert_eq!(record.status, RunStatus::Success, "{:?}", record.error);
    let own = own_after.saturating_sub(own_before + samples.sampler_ticks);
    let browser = samples.browser_ticks_total();
    let reaped = reaped_after.saturating_sub(reaped_before);
    let reader = if case.browser {
        "browser (application site)"
    } else {
        "http (plain site)"
    };
    let mut line = format!(
        "browser: {reader}, {orders} orders ({listed} listed, {} pages) at {} ms, render delay {} ms, run {run}: \
         wall {:.2} s; CPU {:.2} s (this process {:.2} s, browser {:.2} s sampled / {:.2} s reaped); \
         peak RSS {:.1} MB (PSS {:.1} MB, this process + {} browser processes)",
        listed.div_ceil(100),
        case.latency_ms,
        case.render_delay_ms,
        wall.as_secs_f64(),
        seconds(own + browser),
        seconds(own),
        seconds(browser),
        seconds(reaped),
        mb(samples.peak_rss_kb),
        mb(samples.peak_pss_kb),
        samples.peak_processes,
    );
    if case.browser {
        line.push_str(&format!(
            "; browser processes gone {} after the sync, profile folder {}",
            after(gone),
            after(folder_gone)
        ));
    }
    line.push_str(&format!(
        "; phases from the start: {phases} [load {}]",
        load_average()
    ));
    println!("{line}");
    engine.shutdown().await;
    sim.shutdown().await;
}
