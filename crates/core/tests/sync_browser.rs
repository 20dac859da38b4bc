//! The browser path against the simulated site with Debian's Chromium: reading the list, a
//! rejected password, Chromium missing, and the browser and its profile gone after every sync.
//! Browser syncs run one at a time (one lock), so "no browser left" can be checked after each.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::site::*;
use fossa_core::error::ErrorClass;
use fossa_core::model::{RunRecord, RunStatus};
use fossa_core::sync::reader::{PAGE_READER_DETECTED_SETTING, PAGE_READER_SETTING};
use fossa_core::workfossa::browser::PROFILE_PREFIX;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

static ONE_BROWSER_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// Processes whose command line names a Fossa Sync browser profile.
fn browser_processes() -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        if !entry
            .file_name()
            .to_string_lossy()
            .bytes()
            .all(|b| b.is_ascii_digit())
        {
            continue;
        }
        if let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) {
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            if cmdline.contains(PROFILE_PREFIX) {
                found.push(cmdline);
            }
        }
    }
    found
}

fn profiles_left() -> Vec<std::path::PathBuf> {
    std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(PROFILE_PREFIX))
        .map(|e| e.path())
        .collect()
}

/// Waits up to 2 s for the browser's processes and profile to be gone, and says so.
async fn assert_no_browser_left() {
    let started = Instant::now();
    while !(browser_processes().is_empty() && profiles_left().is_empty()) {
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "left behind: {:?} {:?}",
            browser_processes(),
            profiles_left()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn browser_site(orders: usize) -> Site {
    let site = site_with(orders, |config| {
        config.request_timeout = Duration::from_secs(10);
    })
    .await;
    site.engine
        .store()
        .set_setting(PAGE_READER_SETTING, "browser")
        .await
        .unwrap();
    site
}

async fn sync(site: &Site) -> RunRecord {
    let run = site.sync().await;
    assert_no_browser_left().await;
    run
}

#[tokio::test]
async fn a_server_rendered_list_read_through_the_browser() {
    let _one = ONE_BROWSER_AT_A_TIME.lock().await;
    let site = browser_site(40).await;
    let run = sync(&site).await;
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    assert_eq!(site.stored().await, site.on_site());
    assert_eq!(site.sim.state().stats().logins_ok, 1);
}

#[tokio::test]
async fn a_rejected_password_fails_at_once_in_the_browser() {
    let _one = ONE_BROWSER_AT_A_TIME.lock().await;
    let site = browser_site(40).await;
    site.sim
        .state()
        .update_faults(|f| f.reject_credentials = true);
    let run = sync(&site).await;
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.error_class, Some(ErrorClass::Permanent));
    assert!(run
        .error
        .unwrap_or_default()
        .contains("rejected the email or password"));
    assert_eq!(site.sim.state().stats().logins_failed, 1);
    assert!(site.stored().await.is_empty());
}

#[tokio::test]
async fn chromium_missing_is_one_clear_permanent_failure() {
    let site = site_with(40, |config| {
        config.chromium = Some("/nonexistent/chromium".into());
    })
    .await;
    let store = site.engine.store();
    store
        .set_setting(PAGE_READER_SETTING, "browser")
        .await
        .unwrap();
    let run = site.sync().await;
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.error_class, Some(ErrorClass::Permanent));
    let error = run.error.unwrap_or_default();
    assert!(error.contains("install the `chromium` package"), "{error}");
    assert!(!error.contains('\n'), "{error}");
    // In auto, a site that serves rows never needs the browser.
    store
        .set_setting(PAGE_READER_SETTING, "auto")
        .await
        .unwrap();
    let run = site.sync().await;
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    assert_eq!(
        store
            .setting(PAGE_READER_DETECTED_SETTING)
            .await
            .unwrap()
            .as_deref(),
        Some("http")
    );
}
