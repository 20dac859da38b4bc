//! Crash safety: the daemon is SIGKILLed at random moments (logging in, mid-pagination,
//! mid-transaction, idle) while syncs run against a slow simulated site, and restarted. Each time:
//! the database is sound, the killed run is `interrupted`, the work orders equal exactly what the
//! last completed sync saw (never a partial set), and a due fire is caught up after the restart.
//!
//! 30 cycles by default; `FOSSA_CRASH_CYCLES=200` for a soak run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use fossa_core::workfossa::WorkOrder;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::process::{Child, Command};

const PASSWORD: &str = "crash-test-pw";

fn cli(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fossa-sync"));
    command
        .arg("--data-dir")
        .arg(dir)
        .env("FOSSA_SYNC_NO_KEYRING", "1");
    command
}

async fn start_daemon(dir: &Path) -> Child {
    let child = cli(dir)
        .arg("daemon")
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let socket = dir.join("control.sock");
    for _ in 0..400 {
        if socket.exists() && std::os::unix::net::UnixStream::connect(&socket).is_ok() {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the daemon did not open its control socket");
}

async fn sql(dir: &Path, query: &str) -> Vec<sqlx::sqlite::SqliteRow> {
    use sqlx::ConnectOptions;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.join("fossa-sync.db"))
        .connect()
        .await
        .unwrap();
    let rows = sqlx::query(query).fetch_all(&mut conn).await.unwrap();
    drop(conn);
    rows
}

async fn stored(dir: &Path) -> Vec<WorkOrder> {
    use sqlx::Row;
    sql(
        dir,
        "SELECT record FROM work_orders WHERE removed_ms IS NULL ORDER BY number",
    )
    .await
    .iter()
    .map(|row| serde_json::from_str(&row.get::<String, _>("record")).unwrap())
    .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_at_random_moments_never_loses_or_half_writes_data() {
    let cycles: usize = std::env::var("FOSSA_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let sim = fossa_sim::start(fossa_sim::SimOptions {
        seed: 5,
        work_orders: 700,
        email: "tech@example.com".into(),
        password: PASSWORD.into(),
        ..Default::default()
    })
    .await
    .unwrap();
    let state = sim.state();
    state.update_faults(|f| f.latency_ms = 15);
    let dir = tempfile::tempdir().unwrap();
    let mut account = cli(dir.path())
        .args([
            "account",
            "set",
            "--email",
            "tech@example.com",
            "--password-stdin",
            "--site",
            sim.base_url().as_str(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    {
        use tokio::io::AsyncWriteExt;
        account
            .stdin
            .take()
            .unwrap()
            .write_all(PASSWORD.as_bytes())
            .await
            .unwrap();
    }
    assert!(account.wait().await.unwrap().success());
    // Whole-day windows so a due fire is always caught up.
    let set = cli(dir.path())
        .args([
            "schedule",
            "set",
            "--active-hours",
            "off",
            "--interval",
            "30m",
        ])
        .output()
        .await
        .unwrap();
    assert!(set.status.success());

    // What the site listed when each run started, by run id.
    let mut seen_by_run: HashMap<i64, Vec<WorkOrder>> = HashMap::new();
    let mut rng = rand::rngs::StdRng::seed_from_u64(0xF055A);
    let mut interrupted = 0;
    let mut caught_up = 0;
    let mut daemon = start_daemon(dir.path()).await;
    for cycle in 0..cycles {
        // The site changes between runs, so every sync has something new to write.
        let numbers: Vec<i64> = state.open_work_orders().iter().map(|o| o.number).collect();
        state.add_work_orders(rng.random_range(1..6));
        for _ in 0..rng.random_range(0..4) {
            state.change_work_order_randomly(numbers[rng.random_range(0..numbers.len())]);
        }
        state.remove_work_order(numbers[rng.random_range(0..numbers.len())]);
        let mut listed = state.open_work_orders();
        listed.sort_by_key(|o| o.number);

        let next_id: i64 = {
            use sqlx::Row;
            sql(
                dir.path(),
                "SELECT COALESCE(MAX(id), 0) + 1 AS next FROM runs",
            )
            .await[0]
                .get("next")
        };
        seen_by_run.insert(next_id, listed);
        let mut sync = cli(dir.path())
            .arg("sync")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        // 0 ms = during login; up to ~700 ms covers pagination, the transaction and idle after it.
        tokio::time::sleep(Duration::from_millis(rng.random_range(0..700))).await;
        daemon.start_kill().unwrap();
        daemon.wait().await.unwrap();
        let _ = sync.wait().await;

        // Sometimes a fire falls due while the daemon is down.
        let due = cycle % 3 == 0;
        if due {
            sql(dir.path(), "UPDATE schedules SET next_due_ms = (strftime('%s','now') - 600) * 1000, paused = 0 WHERE job_type = 'work_orders'").await;
        }
        daemon = start_daemon(dir.path()).await;
        {
            use sqlx::Row;
            let check = sql(dir.path(), "PRAGMA integrity_check").await;
            assert_eq!(check[0].get::<String, _>(0), "ok", "cycle {cycle}");
            let running = sql(
                dir.path(),
                "SELECT COUNT(*) AS n FROM runs WHERE status = 'running' AND trigger = 'manual' AND job_type = 'work_orders'",
            )
            .await;
            assert_eq!(
                running[0].get::<i64, _>("n"),
                0,
                "cycle {cycle}: a killed run was left running"
            );
            let killed = sql(
                dir.path(),
                &format!(
                    "SELECT status FROM runs WHERE id = {next_id} AND job_type = 'work_orders'"
                ),
            )
            .await;
            if let Some(row) = killed.first() {
                let status: String = row.get("status");
                assert!(
                    status == "success" || status == "interrupted",
                    "cycle {cycle}: {status}"
                );
                interrupted += usize::from(status == "interrupted");
            }
            // Exactly the last completed sync's view, never a mixture.
            let last_success = sql(
                dir.path(),
                "SELECT MAX(id) AS id FROM runs WHERE status = 'success' AND job_type = 'work_orders'",
            )
            .await;
            let last: Option<i64> = last_success[0].get("id");
            if let Some(last) = last {
                let expected = seen_by_run.get(&last);
                if let Some(expected) = expected {
                    assert_eq!(
                        &stored(dir.path()).await,
                        expected,
                        "cycle {cycle}: data differs from run {last}"
                    );
                }
            } else {
                assert!(stored(dir.path()).await.is_empty());
            }
        }
        if due {
            // The restarted daemon catches the missed fire up with one run.
            let mut found = false;
            for _ in 0..600 {
                let rows = sql(dir.path(), &format!("SELECT COUNT(*) AS n FROM runs WHERE trigger = 'catch-up' AND job_type = 'work_orders' AND id >= {next_id}")).await;
                if sqlx::Row::get::<i64, _>(&rows[0], "n") > 0 {
                    found = true;
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            assert!(found, "cycle {cycle}: no catch-up run after a due fire");
            caught_up += 1;
            // The site has not changed since the cycle began: the catch-up sees the same list.
            let mut listed = state.open_work_orders();
            listed.sort_by_key(|o| o.number);
            let catch_up_id: i64 = {
                use sqlx::Row;
                sql(
                    dir.path(),
                    "SELECT MAX(id) AS id FROM runs WHERE job_type = 'work_orders'",
                )
                .await[0]
                    .get("id")
            };
            seen_by_run.insert(catch_up_id, listed);
            // Let it end before the site changes again.
            for _ in 0..1000 {
                let rows = sql(
                    dir.path(),
                    &format!("SELECT status FROM runs WHERE id = {catch_up_id}"),
                )
                .await;
                if sqlx::Row::get::<String, _>(&rows[0], "status") != "running" {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    }
    daemon.start_kill().unwrap();
    println!("{cycles} kill cycles: {interrupted} runs interrupted, {caught_up} catch-ups");
    assert!(
        interrupted > 0,
        "no kill landed during a sync; the test is not testing anything"
    );
}
