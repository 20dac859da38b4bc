//! `fossa-sync` end to end against the simulated site: account, sync, work orders (JSON, CSV),
//! changes, history, failures on stderr with an exit code, and the daemon: one per data dir,
//! acting commands carried out by it over its socket, a clean stop, and no password anywhere.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Stdio;
use std::time::Duration;
use tokio::process::Command;

mod common;
use common::{fossa, site_and_account, PASSWORD};

#[tokio::test(flavor = "multi_thread")]
async fn sync_then_read_work_orders_changes_and_history() {
    let (sim, dir) = site_and_account(130).await;
    let (code, out, err) = fossa(dir.path(), &["sync"]).await;
    assert_eq!(code, 0, "{err}");
    let expected = sim.state().open_work_orders();
    assert!(
        out.contains(&format!("{} found, {} new", expected.len(), expected.len())),
        "{out}"
    );

    let (_, json, _) = fossa(dir.path(), &["work-orders", "--json"]).await;
    let mut records: serde_json::Value = serde_json::from_str(&json).unwrap();
    // The engine's view: each record with its badge (new, by the first sync) and removed_at.
    for record in records.as_array_mut().unwrap() {
        let fields = record.as_object_mut().unwrap();
        assert_eq!(fields.remove("badge"), Some("new".into()));
        assert_eq!(fields.remove("removed_at"), Some(serde_json::Value::Null));
    }
    let mut wanted = expected.clone();
    wanted.sort_by_key(|order| order.number);
    assert_eq!(records, serde_json::to_value(&wanted).unwrap());

    let (_, csv, _) = fossa(dir.path(), &["work-orders", "--csv"]).await;
    assert!(
        csv.starts_with(
            "id,number,url,status,reason,project,po_number,categories,contact_name,contact_lines,created_by,"
        )
    );
    assert!(csv.lines().count() > expected.len());

    let (_, history, _) = fossa(dir.path(), &["history", "--job", "work_orders", "--json"]).await;
    let runs: serde_json::Value = serde_json::from_str(&history).unwrap();
    assert_eq!(runs[0]["status"], "success");
    assert_eq!(runs[0]["trigger"], "manual");
    assert_eq!(runs[0]["found"], expected.len());

    let number = wanted[0].number;
    sim.state()
        .change_work_order(number, |order| order.status = "Scheduled Again".into());
    let (code, _, _) = fossa(dir.path(), &["sync"]).await;
    assert_eq!(code, 0);
    // Run 2 read the stations' dispensers after the first sync; this sync is run 3.
    let (_, changes, _) = fossa(dir.path(), &["changes", "--run", "3", "--json"]).await;
    let changes: serde_json::Value = serde_json::from_str(&changes).unwrap();
    assert_eq!(changes[0]["number"], number);
    assert_eq!(changes[0]["field"], "status");
    let (_, status, _) = fossa(dir.path(), &["status", "--json"]).await;
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["state"], "active");
    assert_eq!(status["last_run"]["changed"], 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rejected_password_fails_with_one_sentence_and_never_prints_it() {
    let (sim, dir) = site_and_account(10).await;
    sim.state().update_faults(|f| f.reject_credentials = true);
    let (code, out, err) = fossa(dir.path(), &["sync"]).await;
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "error: WorkFossa rejected the email or password; update them in Settings (or `fossa-sync account set`).");
    let (code, _, test_err) = fossa(dir.path(), &["account", "test"]).await;
    assert_eq!(code, 1);
    assert!(test_err.contains("rejected"));
    let (_, show, _) = fossa(dir.path(), &["account", "show", "--json"]).await;
    for text in [&out, &err, &test_err, &show] {
        assert!(!text.contains(PASSWORD));
    }
    let (_, status, _) = fossa(dir.path(), &["status", "--json"]).await;
    assert!(status.contains("\"state\": \"failed\""), "{status}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_daemon_owns_the_data_dir_and_carries_out_acting_commands() {
    let (_sim, dir) = site_and_account(40).await;
    let mut daemon = Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("daemon")
        .env("FOSSA_SYNC_NO_KEYRING", "1")
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let socket = dir.path().join("control.sock");
    for _ in 0..200 {
        if socket.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert!(socket.exists(), "the daemon did not start");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&socket).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    let (code, _, err) = fossa(dir.path(), &["daemon"]).await;
    assert_eq!(code, 1);
    assert!(err.contains("already running"), "{err}");

    let (code, out, err) = fossa(dir.path(), &["sync"]).await;
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("success"), "{out}");
    let (code, out, _) = fossa(dir.path(), &["pause", "--for", "2h"]).await;
    assert_eq!(code, 0);
    assert!(out.starts_with("Paused until"));
    let (_, status, _) = fossa(dir.path(), &["status", "--json"]).await;
    assert!(status.contains("\"state\": \"paused\""), "{status}");
    let (code, _, err) = fossa(dir.path(), &["schedule", "set", "--interval", "5m"]).await;
    assert_eq!(code, 1);
    assert!(err.contains("interval"), "{err}");
    let (code, out, _) = fossa(dir.path(), &["resume"]).await;
    assert_eq!(code, 0, "{out}");

    // A clean stop on SIGTERM.
    let pid = daemon.id().unwrap().to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    assert!(killed.success());
    let output = tokio::time::timeout(Duration::from_secs(20), daemon.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(output.success());
    let mut stderr = String::new();
    if let Some(mut pipe) = daemon.stderr.take() {
        use tokio::io::AsyncReadExt;
        pipe.read_to_string(&mut stderr).await.unwrap();
    }
    assert!(stderr.contains("Fossa Sync stopped."), "{stderr}");
    assert!(!stderr.contains(PASSWORD));
    let logs: Vec<_> = std::fs::read_dir(dir.path().join("logs"))
        .unwrap()
        .collect();
    assert!(!logs.is_empty());
    for entry in logs {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(text.contains("Fossa Sync daemon started"));
        assert!(!text.contains(PASSWORD));
    }
    // The lock is free again.
    let (code, _, _) = fossa(dir.path(), &["resume"]).await;
    assert_eq!(code, 0);
}
