//! `fossa-sync demo off`: leaving the demo removes its data (through the running demo daemon) and
//! says how much; without demo data it changes nothing; `account set` refuses the demo's data dir.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Command;

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

#[tokio::test(flavor = "multi_thread")]
async fn demo_off_removes_the_demo_data_through_the_running_demo() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, out, _) = fossa(dir.path(), &["demo", "off"], None).await;
    assert!(ok);
    assert_eq!(out.trim(), "The demo is not on; nothing was changed.");

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

    let pid = demo.id().unwrap().to_string();
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    tokio::time::timeout(Duration::from_secs(20), demo.wait())
        .await
        .unwrap()
        .unwrap();
}
