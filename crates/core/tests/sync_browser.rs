//! The browser path against the simulated site with Debian's Chromium: reading the list, a
//! rejected password, Chromium missing, and the browser and its profile gone after every sync.
//! Browser syncs run one at a time (one lock), so "no browser left" can be checked after each.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::site::*;
use fossa_core::error::ErrorClass;
use fossa_core::model::{RunRecord, RunStatus};
use fossa_core::sync::reader::{PAGE_READER_DETECTED_SETTING, PAGE_READER_SETTING};
use fossa_core::workfossa::browser::Leftovers;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

static ONE_BROWSER_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// Waits up to 2 s for the browser's processes and profile to be gone, and says so.
async fn assert_no_browser_left() {
    let started = Instant::now();
    loop {
        let left = Leftovers::find();
        if left.is_empty() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "left behind: {left:?}"
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

// ---- a site whose list is an application (the simulated site's `spa` mode) ----

async fn spa_site(orders: usize) -> Site {
    spa_site_with(orders, |config| {
        config.request_timeout = Duration::from_secs(10);
    })
    .await
}

#[tokio::test]
async fn auto_switches_to_the_browser_on_an_application_and_remembers_it() {
    let _one = ONE_BROWSER_AT_A_TIME.lock().await;
    let site = spa_site(450).await;
    assert!(site.on_site().len() > 300, "needs several pages");
    let store = site.engine.store();
    let run = sync(&site).await;
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    assert_eq!(site.stored().await, site.on_site());
    assert_eq!(
        store
            .setting(PAGE_READER_DETECTED_SETTING)
            .await
            .unwrap()
            .as_deref(),
        Some("browser")
    );
    // The next sync starts with the browser: one browser login, no HTTP login before it.
    let logins = site.sim.state().stats().logins_ok;
    let run = sync(&site).await;
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    assert_eq!(site.sim.state().stats().logins_ok, logins + 1);
}

#[tokio::test]
async fn http_only_on_an_application_says_what_to_do() {
    let site = spa_site(40).await;
    let store = site.engine.store();
    store
        .set_setting(PAGE_READER_SETTING, "http")
        .await
        .unwrap();
    let run = site.sync().await;
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.error_class, Some(ErrorClass::Permanent));
    let error = run.error.unwrap_or_default();
    assert!(error.contains("only a browser can read"), "{error}");
}

#[tokio::test]
async fn slow_rendering_is_waited_for() {
    let _one = ONE_BROWSER_AT_A_TIME.lock().await;
    let site = spa_site(150).await;
    site.sim
        .state()
        .update_faults(|f| f.spa_render_delay_ms = 1500);
    let run = sync(&site).await;
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    assert_eq!(site.stored().await, site.on_site());
}

#[tokio::test]
async fn rows_that_never_come_are_layout_not_recognised() {
    let _one = ONE_BROWSER_AT_A_TIME.lock().await;
    let site = spa_site_with(40, |config| {
        config.request_timeout = Duration::from_secs(2);
    })
    .await;
    site.sim
        .state()
        .update_faults(|f| f.spa_render_delay_ms = 5000);
    let run = sync(&site).await;
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.error_class, Some(ErrorClass::Permanent));
    let error = run.error.unwrap_or_default();
    assert!(
        error.contains("neither work-order rows nor the empty state"),
        "{error}"
    );
}

#[tokio::test]
async fn the_session_expiring_mid_list_is_renewed_in_the_browser() {
    let _one = ONE_BROWSER_AT_A_TIME.lock().await;
    let site = spa_site(450).await;
    site.sim
        .state()
        .update_faults(|f| f.session_expires_every_pages = Some(2));
    let run = sync(&site).await;
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    assert_eq!(site.stored().await, site.on_site());
    assert!(site.sim.state().stats().logins_ok >= 2);
}

#[tokio::test]
async fn a_layout_change_in_the_application_fails_and_keeps_the_data() {
    let _one = ONE_BROWSER_AT_A_TIME.lock().await;
    let site = spa_site(150).await;
    let first = sync(&site).await;
    assert_eq!(first.status, RunStatus::Success, "{:?}", first.error);
    let before = site.stored().await;
    site.sim.state().update_faults(|f| f.changed_layout = true);
    let run = sync(&site).await;
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.error_class, Some(ErrorClass::Permanent));
    assert_eq!(site.stored().await, before);
    // In auto, the failure forgets what the site needed: the next sync checks again.
    let detected = site
        .engine
        .store()
        .setting(PAGE_READER_DETECTED_SETTING)
        .await
        .unwrap();
    assert!(
        detected.as_deref().unwrap_or_default().is_empty(),
        "{detected:?}"
    );
}

#[tokio::test]
async fn a_rejected_password_on_an_application_fails_at_once() {
    let _one = ONE_BROWSER_AT_A_TIME.lock().await;
    let site = spa_site(40).await;
    site.engine
        .store()
        .set_setting(PAGE_READER_SETTING, "browser")
        .await
        .unwrap();
    site.sim
        .state()
        .update_faults(|f| f.reject_credentials = true);
    let run = sync(&site).await;
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.error_class, Some(ErrorClass::Permanent));
    assert_eq!(site.sim.state().stats().logins_failed, 1);
}

#[tokio::test]
async fn both_paginator_shapes_in_the_application() {
    let _one = ONE_BROWSER_AT_A_TIME.lock().await;
    for paginator in [
        fossa_sim::Paginator::Simple,
        fossa_sim::Paginator::LengthAware,
    ] {
        let site = spa_site(250).await;
        site.sim.state().update_faults(|f| f.paginator = paginator);
        let run = sync(&site).await;
        assert_eq!(
            run.status,
            RunStatus::Success,
            "{paginator}: {:?}",
            run.error
        );
        assert_eq!(site.stored().await, site.on_site(), "{paginator}");
    }
}
