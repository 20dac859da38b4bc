//! The WorkFossa sync against the simulated site: exact records, change detection across
//! mutations, session expiry mid-pagination, progress, and a no-change resync that writes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::site::*;
use fossa_core::events::{EngineEvent, Phase};
use fossa_core::model::RunStatus;
use fossa_core::store::WorkOrderQuery;

#[tokio::test]
async fn a_full_sync_stores_exactly_what_the_site_lists() {
    let site = site(230).await;
    let mut events = site.engine.subscribe();
    let run = site.sync().await;
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    let expected = site.on_site();
    assert!(expected.len() > 100, "needs several pages of 100");
    assert_eq!(run.found, Some(expected.len() as i64));
    assert_eq!(run.new, Some(expected.len() as i64));
    assert_eq!(site.stored().await, expected);

    let mut pages_total = None;
    let mut saw_saving = false;
    while let Ok(event) = events.try_recv() {
        if let EngineEvent::Progress(progress) = event {
            pages_total = pages_total.or(progress.pages_total);
            saw_saving |= progress.phase == Phase::Saving;
        }
    }
    assert_eq!(pages_total, Some(expected.len().div_ceil(100) as u32));
    assert!(saw_saving);
}

#[tokio::test]
async fn a_resync_without_changes_writes_no_work_order_rows() {
    let site = site(120).await;
    site.sync().await;
    let second = site.sync().await;
    assert_eq!(second.status, RunStatus::Success);
    assert_eq!(
        (second.new, second.changed, second.removed),
        (Some(0), Some(0), Some(0))
    );
    let touched: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM work_orders WHERE last_change_run = ? OR first_seen_run = ?",
    )
    .bind(second.id)
    .bind(second.id)
    .fetch_one(site.engine.store().pool())
    .await
    .unwrap();
    assert_eq!(touched, 0);
    assert!(site
        .engine
        .store()
        .changes(Some(second.id), None)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn changes_between_syncs_are_recorded_field_by_field() {
    let site = site(60).await;
    site.sync().await;
    let state = site.sim.state();
    let numbers: Vec<i64> = site.on_site().iter().map(|order| order.number).collect();
    let added = state.add_work_orders(3);
    assert!(state.change_work_order(numbers[0], |order| order.status = "Waiting On Parts".into()));
    assert!(
        state.change_work_order(numbers[1], |order| order.address.street =
            Some("9 New Rd.".into()))
    );
    assert!(state.remove_work_order(numbers[2]));

    let run = site.sync().await;
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    let added_open = site
        .on_site()
        .iter()
        .filter(|o| added.contains(&o.number))
        .count() as i64;
    assert_eq!(
        (run.new, run.changed, run.removed),
        (Some(added_open), Some(2), Some(1))
    );
    let changes = site
        .engine
        .store()
        .changes(Some(run.id), None)
        .await
        .unwrap();
    let status_change = changes.iter().find(|c| c.number == numbers[0]).unwrap();
    assert_eq!(status_change.kind, "changed");
    assert_eq!(status_change.field.as_deref(), Some("status"));
    assert_eq!(
        status_change.new_value,
        Some(serde_json::json!("Waiting On Parts"))
    );
    let street = changes.iter().find(|c| c.number == numbers[1]).unwrap();
    assert_eq!(street.field.as_deref(), Some("address.street"));
    assert!(changes
        .iter()
        .any(|c| c.number == numbers[2] && c.kind == "removed"));

    // Removed work orders are kept, flagged, and hidden unless asked for.
    assert_eq!(site.stored().await, site.on_site());
    let all = site
        .engine
        .store()
        .work_orders(&WorkOrderQuery {
            include_removed: true,
            ..Default::default()
        })
        .await
        .unwrap();
    let removed = all.iter().find(|o| o.record.number == numbers[2]).unwrap();
    assert!(removed.removed_at.is_some());
}

#[tokio::test]
async fn a_session_that_expires_every_page_is_renewed_and_the_sync_completes() {
    let site = site(450).await;
    site.sim
        .state()
        .update_faults(|f| f.session_expires_every_pages = Some(1));
    let run = site.sync().await;
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    assert_eq!(site.stored().await, site.on_site());
    assert!(
        site.sim.state().stats().logins_ok >= 4,
        "{:?}",
        site.sim.state().stats()
    );
}

#[tokio::test]
async fn pages_stuck_at_25_rows_are_all_read() {
    let site = site(130).await;
    site.sim
        .state()
        .update_faults(|f| f.ignore_page_size = true);
    let run = site.sync().await;
    assert_eq!(run.status, RunStatus::Success, "{:?}", run.error);
    assert_eq!(site.stored().await, site.on_site());
}

#[tokio::test]
async fn search_finds_text_anywhere_in_the_record() {
    let site = site(40).await;
    site.sync().await;
    let target = site.on_site()[5].clone();
    let city = target.address.city_state_zip.clone().unwrap();
    let found = site
        .engine
        .store()
        .work_orders(&WorkOrderQuery {
            search: Some(city.clone()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(!found.is_empty());
    assert!(found
        .iter()
        .all(
            |o| o.record.address.city_state_zip.as_deref() == Some(city.as_str())
                || serde_json::to_string(&o.record).unwrap().contains(&city)
        ));
    let none = site
        .engine
        .store()
        .work_orders(&WorkOrderQuery {
            search: Some("no such text 123".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(none.is_empty());
}
