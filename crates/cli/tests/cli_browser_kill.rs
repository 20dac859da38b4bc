//! The browser path when Fossa Sync is killed mid-sync: `fossa-sync sync` reading an
//! application site through Chromium is SIGKILLed while it turns pages; within a few seconds no
//! browser process and no browser profile may remain, and the stored data is untouched.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use fossa_core::workfossa::browser::Leftovers;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::Command;

const PASSWORD: &str = "browser-kill-pw";

fn cli(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fossa-sync"));
    command
        .arg("--data-dir")
        .arg(dir)
        .env("FOSSA_SYNC_NO_KEYRING", "1");
    command
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_killed_mid_list_leaves_no_browser_and_no_profile() {
    if fossa_core::workfossa::browser::find_chromium(None).is_err() {
        panic!("Chromium is needed for this test: scripts/setup.sh test installs it");
    }
    let sim = fossa_sim::start(fossa_sim::SimOptions {
        seed: 9,
        work_orders: 900,
        email: "tech@example.com".into(),
        password: PASSWORD.into(),
        spa: true,
        ..Default::default()
    })
    .await
    .unwrap();
    // Slow pages: the sync is still turning pages when it is killed.
    sim.state().update_faults(|f| f.spa_render_delay_ms = 700);
    let dir = tempfile::tempdir().unwrap();
    let mut account = cli(dir.path())
        .args([
            "account",
            "set",
            "--email",
            "tech@example.com",
            "--password-stdin",
        ])
        .args(["--site", sim.base_url().as_str()])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    {
        use tokio::io::AsyncWriteExt;
        let mut stdin = account.stdin.take().unwrap();
        stdin.write_all(PASSWORD.as_bytes()).await.unwrap();
    }
    assert!(account.wait().await.unwrap().success());
    assert!(
        Leftovers::find().processes.is_empty(),
        "a browser was running before the test"
    );

    let mut sync = cli(dir.path())
        .arg("sync")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    // Wait until the browser runs and has read at least one page.
    let started = Instant::now();
    while sim.state().stats().list_pages_served < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the browser never read a page"
        );
        assert!(
            sync.try_wait().unwrap().is_none(),
            "the sync ended before it was killed"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let running = Leftovers::find();
    assert!(
        !running.processes.is_empty(),
        "no browser process seen mid-sync"
    );
    assert_eq!(running.profiles.len(), 1);

    sync.start_kill().unwrap();
    sync.wait().await.unwrap();
    let killed = Instant::now();
    loop {
        let left = Leftovers::find();
        if left.is_empty() {
            break;
        }
        assert!(
            killed.elapsed() < Duration::from_secs(5),
            "left behind after the kill: {left:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "browser and profile gone {:?} after the kill",
        killed.elapsed()
    );
}
