//! The rules every front shares, run through two fronts that must agree: the `fossa-sync` binary
//! and the core's `EngineHandle` (what the desktop app and the HTTP API call). "Pause until
//! tomorrow" is the schedule window's opening in the schedule's zone; `account test` is the
//! engine's `test_login`; `work-orders --json` is the engine's work-order view (with `badge`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Timelike, Utc};
use fossa_core::engine::{tomorrow_start, EngineHandle, EngineOptions, PauseRequest};
use fossa_core::schedule::{ActiveHours, ScheduleConfig};
use fossa_core::store::WorkOrderQuery;
use serde_json::Value;
use std::path::Path;
use std::process::Stdio;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

const EMAIL: &str = "rules@example.com";
const PASSWORD: &str = "Rules-Secret-5";

async fn fossa(dir: &Path, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("FOSSA_SYNC_NO_KEYRING", "1")
        .env_remove("WORKFOSSA_EMAIL")
        .env_remove("WORKFOSSA_PASSWORD")
        .env_remove("WORKFOSSA_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).await.unwrap();
    }
    drop(input);
    let output = child.wait_with_output().await.unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A handle on `dir` in this process, as the desktop app opens it.
async fn handle(dir: &Path) -> EngineHandle {
    EngineHandle::open(EngineOptions::new(dir)).await.unwrap()
}

/// Auckland, 07:00–17:00: tomorrow's window opens at 07:00 there, not at anyone's midnight.
fn auckland() -> ScheduleConfig {
    ScheduleConfig {
        timezone: "Pacific/Auckland".into(),
        active_hours: ActiveHours::hm(7, 0, 17, 0),
        ..ScheduleConfig::default_for_system()
    }
}

fn paused_until(status_json: &str) -> DateTime<Utc> {
    let status: Value = serde_json::from_str(status_json).unwrap();
    status["paused_until"].as_str().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn pause_until_tomorrow_is_the_same_window_opening_for_the_cli_and_the_handle() {
    let by_cli = tempfile::tempdir().unwrap();
    let set = [
        "schedule",
        "set",
        "--timezone",
        "Pacific/Auckland",
        "--active-hours",
        "07:00-17:00",
    ];
    let (ok, _, err) = fossa(by_cli.path(), &set, None).await;
    assert!(ok, "{err}");
    let (ok, out, err) = fossa(by_cli.path(), &["pause", "--until", "tomorrow"], None).await;
    assert!(ok, "{err}");
    assert!(out.starts_with("Paused until "), "{out}");
    let (_, status, _) = fossa(by_cli.path(), &["status", "--json"], None).await;
    let cli_until = paused_until(&status);

    let by_handle = tempfile::tempdir().unwrap();
    let engine = handle(by_handle.path()).await;
    engine.set_schedule(auckland()).await.unwrap();
    let status = engine
        .pause_with(&PauseRequest::until_tomorrow())
        .await
        .unwrap();
    engine.shutdown().await;
    let handle_until = status.paused_until.unwrap();

    assert_eq!(cli_until, handle_until);
    assert_eq!(cli_until, tomorrow_start(&auckland(), Utc::now()));
    let local = cli_until.with_timezone(&chrono_tz::Pacific::Auckland);
    assert_eq!((local.hour(), local.minute()), (7, 0), "{local}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pause_in_minutes_is_checked_the_same_way_by_both() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, cli_error) = fossa(dir.path(), &["pause", "--for", "400d"], None).await;
    assert!(!ok);
    let engine = handle(dir.path()).await;
    let error = engine
        .pause_with(&PauseRequest::minutes(400 * 24 * 60))
        .await
        .unwrap_err();
    engine.shutdown().await;
    assert!(
        cli_error.contains(&error.to_string()),
        "{cli_error} / {error}"
    );
}

/// The simulated site and an account for it, saved by `fossa-sync account set`.
async fn site_and_account(orders: usize) -> (fossa_sim::SimServer, tempfile::TempDir) {
    let sim = fossa_sim::start(fossa_sim::SimOptions {
        work_orders: orders,
        email: EMAIL.into(),
        password: PASSWORD.into(),
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    set_account(dir.path(), &sim, PASSWORD).await;
    (sim, dir)
}

async fn set_account(dir: &Path, sim: &fossa_sim::SimServer, password: &str) {
    let site = sim.base_url().to_string();
    let args = [
        "account",
        "set",
        "--email",
        EMAIL,
        "--password-stdin",
        "--site",
        &site,
    ];
    let (ok, _, err) = fossa(dir, &args, Some(&format!("{password}\n"))).await;
    assert!(ok, "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn account_test_is_the_engines_login_test() {
    let (sim, dir) = site_and_account(3).await;
    let (ok, out, err) = fossa(dir.path(), &["account", "test"], None).await;
    assert!(ok, "{err}");
    assert_eq!(
        out.trim(),
        format!("Logged in to {} as {EMAIL}.", sim.base_url())
    );
    let engine = handle(dir.path()).await;
    engine.test_login().await.unwrap();
    engine.shutdown().await;

    set_account(dir.path(), &sim, "wrong-password").await;
    let (ok, _, cli_error) = fossa(dir.path(), &["account", "test"], None).await;
    assert!(!ok);
    let engine = handle(dir.path()).await;
    let error = engine.test_login().await.unwrap_err();
    engine.shutdown().await;
    assert_eq!(cli_error.trim(), format!("error: {error}"));
    assert!(!cli_error.contains("wrong-password"), "{cli_error}");
}

#[tokio::test(flavor = "multi_thread")]
async fn work_orders_json_is_the_engines_view_with_its_badge() {
    let (sim, dir) = site_and_account(5).await;
    let (ok, _, err) = fossa(dir.path(), &["sync"], None).await;
    assert!(ok, "{err}");
    let (ok, json, err) = fossa(dir.path(), &["work-orders", "--json"], None).await;
    assert!(ok, "{err}");
    let by_cli: Value = serde_json::from_str(&json).unwrap();

    let engine = handle(dir.path()).await;
    let views = engine
        .work_orders(&WorkOrderQuery::default())
        .await
        .unwrap();
    engine.shutdown().await;
    assert_eq!(by_cli, serde_json::to_value(&views).unwrap());
    let orders = by_cli.as_array().unwrap();
    assert_eq!(orders.len(), sim.state().open_work_orders().len());
    assert!(!orders.is_empty());
    assert!(orders.iter().all(|order| order["badge"] == "new"), "{json}");
}
