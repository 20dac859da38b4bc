//! Where the list ends, end to end against the simulated site in both paginator shapes the real
//! site shows: `simple` (links disabled at the end, no count, `href="#"`) and `length-aware`
//! (links always enabled, `N matches`); a site that keeps 25 rows a page; and a site that
//! ignores `page` (it must neither loop nor save a partial list).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::site::*;
use fossa_core::error::ErrorClass;
use fossa_core::events::{EngineEvent, Phase};
use fossa_core::model::RunStatus;
use fossa_sim::Paginator;

/// Syncs and checks the stored work orders are exactly the site's; returns the list pages the
/// site served and the largest page total the progress events gave while fetching.
async fn sync_all(site: &Site) -> (u64, Option<u32>) {
    let mut events = site.engine.subscribe();
    let served_before = site.sim.state().stats().list_pages_served;
    let run = site.sync().await;
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    assert_eq!(site.stored().await, site.on_site());
    assert_eq!(run.found, Some(site.on_site().len() as i64));
    let mut total_while_fetching = None;
    while let Ok(event) = events.try_recv() {
        if let EngineEvent::Progress(p) = event {
            if p.phase == Phase::Fetching {
                total_while_fetching = total_while_fetching.max(p.pages_total);
            }
        }
    }
    let served = site.sim.state().stats().list_pages_served - served_before;
    (served, total_while_fetching)
}

#[tokio::test]
async fn simple_paginator_over_several_pages() {
    let site = site(450).await;
    let pages = site.on_site().len().div_ceil(100) as u64;
    assert!(pages >= 3, "needs several pages");
    let (served, total) = sync_all(&site).await;
    // No count on this shape: pages are read in order, a few requested ahead and dropped.
    assert_eq!(total, None);
    assert!(
        served >= pages && served <= pages + 3,
        "{served} pages served for {pages}"
    );
}

#[tokio::test]
async fn length_aware_paginator_over_several_pages() {
    let site = site(450).await;
    site.sim
        .state()
        .update_faults(|f| f.paginator = Paginator::LengthAware);
    let pages = site.on_site().len().div_ceil(100) as u64;
    let (served, total) = sync_all(&site).await;
    // The count says how many pages there are: exactly those are read.
    assert_eq!(total, Some(pages as u32));
    assert_eq!(served, pages);
}

#[tokio::test]
async fn both_shapes_with_25_rows_a_page() {
    for paginator in [Paginator::Simple, Paginator::LengthAware] {
        let site = site(130).await;
        site.sim.state().update_faults(|f| {
            f.paginator = paginator;
            f.ignore_page_size = true;
        });
        let (served, _) = sync_all(&site).await;
        let pages = site.on_site().len().div_ceil(25) as u64;
        assert!(
            served >= pages && served <= pages + 3,
            "{paginator}: {served} for {pages}"
        );
    }
}

#[tokio::test]
async fn a_single_page_ends_in_both_shapes() {
    for paginator in [Paginator::Simple, Paginator::LengthAware] {
        let site = site(40).await;
        site.sim.state().update_faults(|f| f.paginator = paginator);
        assert!(site.on_site().len() < 100);
        let (served, _) = sync_all(&site).await;
        assert_eq!(served, 1, "{paginator}");
    }
}

#[tokio::test]
async fn a_site_that_ignores_page_without_a_count_ends_without_looping() {
    let site = site(450).await;
    site.sim.state().update_faults(|f| f.ignore_page = true);
    let run = site.sync().await;
    // Page 2 brings no new work order: the list ends there, with page 1's rows.
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    assert_eq!(run.found, Some(100));
    assert!(site.sim.state().stats().list_pages_served <= 5);
}

#[tokio::test]
async fn a_site_that_ignores_page_against_its_own_count_fails_and_keeps_the_data() {
    let site = site(450).await;
    site.sim
        .state()
        .update_faults(|f| f.paginator = Paginator::LengthAware);
    let first = site.sync().await;
    assert_eq!(first.status, RunStatus::Success, "{:?}", first.error);
    let before = site.stored().await;
    site.sim.state().update_faults(|f| f.ignore_page = true);
    let run = site.sync().await;
    // The count says more than the pages gave: saving would mark the rest removed.
    assert_eq!(run.status, RunStatus::Failed);
    assert_eq!(run.error_class, Some(ErrorClass::Transient));
    let error = run.error.unwrap_or_default();
    assert!(error.contains("did not add up"), "{error}");
    assert_eq!(site.stored().await, before);
    assert!(site.sim.state().stats().list_pages_served <= 12);
}
