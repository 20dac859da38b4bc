//! "Is an account configured?" honours `WORKFOSSA_EMAIL` on every front: `fossa-sync account
//! show` (what scripts/run.sh asks) and the core's `configured_account` / `demo_wanted` (what the
//! desktop app asks before starting the demo) agree, on a fresh data dir too. One test in this
//! binary, as it sets the process's environment.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use fossa_core::engine::{configured_account, demo_wanted};
use std::path::Path;
use tokio::process::Command;

const EMAIL: &str = "from-env@example.com";

/// `account show --json`'s email, with or without the account in the environment.
async fn cli_email(dir: &Path, with_env: bool) -> serde_json::Value {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fossa-sync"));
    command
        .arg("--data-dir")
        .arg(dir)
        .args(["account", "show", "--json"])
        .env("FOSSA_SYNC_NO_KEYRING", "1")
        .env_remove("WORKFOSSA_URL");
    if with_env {
        command
            .env("WORKFOSSA_EMAIL", EMAIL)
            .env("WORKFOSSA_PASSWORD", "env-secret");
    } else {
        command
            .env_remove("WORKFOSSA_EMAIL")
            .env_remove("WORKFOSSA_PASSWORD");
    }
    let output = command.output().await.unwrap();
    assert!(output.status.success());
    let info: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    info["email"].clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_account_in_the_environment_is_configured_for_the_cli_and_the_desktop() {
    // Fresh data dirs: no database yet (the desktop asks before creating one).
    let without = tempfile::tempdir().unwrap();
    std::env::remove_var("WORKFOSSA_EMAIL");
    std::env::remove_var("WORKFOSSA_PASSWORD");
    assert!(!configured_account(without.path()).await.unwrap());
    assert!(demo_wanted(without.path()).await.unwrap());
    assert_eq!(
        cli_email(without.path(), false).await,
        serde_json::Value::Null
    );

    let with = tempfile::tempdir().unwrap();
    std::env::set_var("WORKFOSSA_EMAIL", EMAIL);
    std::env::set_var("WORKFOSSA_PASSWORD", "env-secret");
    assert!(configured_account(with.path()).await.unwrap());
    assert!(!demo_wanted(with.path()).await.unwrap());
    assert_eq!(cli_email(with.path(), true).await, EMAIL);
    // The CLI's answer on a data dir the core has now opened: still the environment's.
    assert!(configured_account(with.path()).await.unwrap());
    assert_eq!(cli_email(with.path(), true).await, EMAIL);
    std::env::remove_var("WORKFOSSA_EMAIL");
    std::env::remove_var("WORKFOSSA_PASSWORD");
}
