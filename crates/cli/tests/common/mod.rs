//! Shared by the CLI's end-to-end tests: run `fossa-sync` on a data dir, and a simulated site
//! with an account set up through `account set --password-stdin`.
#![allow(clippy::unwrap_used, clippy::expect_used)]
#![allow(dead_code)]

use std::path::Path;
use std::process::Stdio;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

/// The simulated site's password (tests check it never appears in any output).
pub const PASSWORD: &str = "Cli-Secret-77";

/// Runs `fossa-sync --data-dir DIR ARGS…` (no keyring): exit code, stdout, stderr.
pub async fn fossa(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("FOSSA_SYNC_NO_KEYRING", "1")
        .output()
        .await
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A simulated site with `orders` work orders and a data dir whose account points at it.
pub async fn site_and_account(orders: usize) -> (fossa_sim::SimServer, tempfile::TempDir) {
    let sim = fossa_sim::start(fossa_sim::SimOptions {
        work_orders: orders,
        email: "tech@example.com".into(),
        password: PASSWORD.into(),
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "account",
            "set",
            "--email",
            "tech@example.com",
            "--password-stdin",
            "--site",
            sim.base_url().as_str(),
        ])
        .env("FOSSA_SYNC_NO_KEYRING", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .await
        .unwrap();
    let output = child.wait_with_output().await.unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("a file readable only by you"), "{text}");
    (sim, dir)
}
