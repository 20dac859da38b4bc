//! `fossa-sync demo`: a newcomer with no account sees syncing work at once; `fossa-sync demo off`
//! leaves the demo (through the running demo daemon), removing its data and saying how much;
//! without demo data it changes nothing; `account set` refuses the demo's data dir.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

async fn fossa(dir: &Path, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("FOSSA_SYNC_NO_KEYRING", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(text) = stdin {
        use tokio::io::AsyncWriteExt;
        let mut input = child.stdin.take().unwrap();
        input.write_all(text.as_bytes()).await.unwrap();
    }
    drop(child.stdin.take());
    let output = child.wait_with_output().await.unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Starts `fossa-sync demo` on `dir` and waits for its "First sync:" line, which it returns.
async fn start_demo(dir: &Path) -> (Child, String) {
    let mut demo = Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir)
        .arg("demo")
        .env("FOSSA_SYNC_NO_KEYRING", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(demo.stdout.take().unwrap()).lines();
    let first_sync = tokio::time::timeout(Duration::from_secs(30), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if line.starts_with("First sync:") {
                return line;
            }
        }
        String::new()
    })
    .await
    .unwrap();
    (demo, first_sync)
}

/// SIGTERM, then whether the demo exited successfully.
async fn stop_demo(mut demo: Child) -> bool {
    let pid = demo.id().unwrap().to_string();
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(20), demo.wait())
        .await
        .unwrap()
        .unwrap()
        .success()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_syncs_the_simulated_site_into_its_own_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let (demo, first_sync) = start_demo(dir.path()).await;
    assert!(first_sync.contains("success"), "{first_sync}");
    assert!(first_sync.contains(" new"), "{first_sync}");

    let (ok, status, _) = fossa(&dir.path().join("demo"), &["status", "--json"], None).await;
    assert!(ok);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["state"], "active");
    assert!(status["last_run"]["found"].as_i64().unwrap() > 0);
    // The real data dir was not touched by the demo's data.
    assert!(!dir.path().join("fossa-sync.db").exists());
    // The demo's site and account are the core's, the same as the desktop app's demo.
    let (ok, account, _) = fossa(
        &dir.path().join("demo"),
        &["account", "show", "--json"],
        None,
    )
    .await;
    assert!(ok);
    let account: serde_json::Value = serde_json::from_str(&account).unwrap();
    assert_eq!(account["email"], fossa_core::engine::DEMO_SITE.email);

    assert!(stop_demo(demo).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_off_removes_the_demo_data_through_the_running_demo() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, _) = fossa(dir.path(), &["demo", "off"], None).await;
    assert!(ok);
    assert_eq!(out.trim(), "The demo is not on; nothing was changed.");

    let (demo, first_sync) = start_demo(dir.path()).await;
    assert!(first_sync.contains("success"), "{first_sync}");

    // An account is not saved into the demo's data.
    let demo_dir = dir.path().join("demo");
    let (ok, _, err) = fossa(
        &demo_dir,
        &[
            "account",
            "set",
            "--email",
            "me@example.com",
            "--password-stdin",
        ],
        Some("pw\n"),
    )
    .await;
    assert!(!ok);
    assert!(err.contains("holds the demo"), "{err}");

    let (ok, out, err) = fossa(dir.path(), &["demo", "off"], None).await;
    assert!(ok, "{err}");
    assert!(out.starts_with("Left the demo: removed its "), "{out}");
    assert!(out.contains("stop it (Ctrl-C)"), "{out}");
    let (_, status, _) = fossa(&demo_dir, &["status", "--json"], None).await;
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["last_run"], serde_json::Value::Null);
    let (_, orders, _) = fossa(&demo_dir, &["work-orders", "--json"], None).await;
    assert_eq!(orders.trim(), "[]");

    stop_demo(demo).await;
}
