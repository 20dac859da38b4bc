//! `fossa-sync demo`: a newcomer with no account sees syncing work at once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_syncs_the_simulated_site_into_its_own_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let mut demo = Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir.path())
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
    assert!(first_sync.contains("success"), "{first_sync}");
    assert!(first_sync.contains(" new"), "{first_sync}");

    let output = Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir.path().join("demo"))
        .args(["status", "--json"])
        .output()
        .await
        .unwrap();
    let status: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(status["state"], "active");
    assert!(status["last_run"]["found"].as_i64().unwrap() > 0);
    // The real data dir was not touched by the demo's data.
    assert!(!dir.path().join("fossa-sync.db").exists());

    let pid = demo.id().unwrap().to_string();
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    let exit = tokio::time::timeout(Duration::from_secs(20), demo.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(exit.success());
}
