//! The dispenser sync's core (`sync::dispensers::read_locations`) against the simulated site:
//! each location read once, change records only for real changes, and the failure rules (not
//! found keeps the dispensers and marks them stale, no Dispenser group, an unrecognised page
//! fails one location only), with the interval skip driven by a manual clock.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Duration;
use fossa_core::clock::Clock;
use fossa_core::error::SyncError;
use fossa_core::store::{LocationOutcome, WorkOrderQuery};
use fossa_core::sync::dispensers::LocationPages;
use fossa_core::workfossa::dispenser::LocationEquipment;
use fossa_core::workfossa::parser::dispensers::parse_location_equipment;
use fossa_core::workfossa::WorkFossaClient;
use serde_json::json;

#[path = "support/dispenser_site.rs"]
mod dispenser_site;

use dispenser_site::{fixture, start};

#[tokio::test]
async fn each_location_is_read_once_and_stored_as_the_site_shows_it() {
    let site = fixture(30).await;
    let locations = site.stored_locations().await;
    let orders = site
        .store
        .work_orders(&WorkOrderQuery::default())
        .await
        .unwrap();
    assert!(
        orders.len() > locations.len(),
        "several orders per location"
    );
    let (run, summary) = site.run(false).await;
    assert_eq!(summary.total, locations.len() as u64);
    assert_eq!((summary.read, summary.failed), (summary.total, 0));
    assert_eq!(site.pages_served(), locations.len() as u64);
    assert!(summary
        .message()
        .starts_with(&format!("{} locations read", locations.len())));
    let mut added = 0;
    for &location in &locations {
        let LocationEquipment::Dispensers(expected) = site.sim.state().location_equipment(location)
        else {
            panic!("location {location} has dispensers on the site");
        };
        assert_eq!(site.stored(location).await, expected);
        let state = site.state(location).await;
        assert_eq!(state.outcome, LocationOutcome::Read);
        assert_eq!((state.read_at, state.stale), (Some(start()), false));
        added += expected.len() as u64;
    }
    let changes = site.store.dispenser_changes(Some(run), None).await.unwrap();
    assert_eq!(changes.len() as u64, added);
    assert!(changes
        .iter()
        .all(|c| c.kind == "added" && c.new_value.is_some()));
    assert_eq!(summary.changes, added);
}

#[tokio::test]
async fn a_rerun_without_changes_writes_no_change_rows_and_a_change_gives_its_field() {
    let site = fixture(12).await;
    site.run(false).await;
    let (second, summary) = site.run(true).await;
    assert_eq!(summary.changes, 0);
    assert!(site
        .store
        .dispenser_changes(Some(second), None)
        .await
        .unwrap()
        .is_empty());

    // The stored model of one dispenser differs from the site's: the next read reports it.
    let location = site.stored_locations().await[0];
    let actual = site.stored(location).await;
    sqlx::query(
        "UPDATE dispensers SET record = json_set(record, '$.model', 'Old Model')
         WHERE location_id = ? AND position = 0",
    )
    .bind(location)
    .execute(site.store.pool())
    .await
    .unwrap();
    let (third, summary) = site.run(true).await;
    assert_eq!(summary.changes, 1);
    let changes = site
        .store
        .dispenser_changes(Some(third), None)
        .await
        .unwrap();
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(
        (change.location_id, change.kind.as_str()),
        (location, "changed")
    );
    assert_eq!(change.number, actual[0].number);
    assert_eq!(change.field.as_deref(), Some("model"));
    assert_eq!(change.old_value, Some(json!("Old Model")));
    assert_eq!(change.new_value, Some(json!(actual[0].model)));
    assert_eq!(site.stored(location).await, actual);
}

#[tokio::test]
async fn a_deleted_location_is_not_found_and_keeps_its_dispensers_marked_stale() {
    let site = fixture(12).await;
    site.run(false).await;
    let location = site.stored_locations().await[1];
    let before = site.stored(location).await;
    assert!(!before.is_empty());
    site.sim
        .state()
        .update_faults(|f| f.deleted_locations = vec![location]);
    site.clock.advance(Duration::minutes(5));
    let (run, summary) = site.run(true).await;
    assert_eq!((summary.not_found, summary.failed), (1, 0));
    assert!(summary.message().contains("1 not found on WorkFossa"));
    assert_eq!(site.stored(location).await, before);
    let state = site.state(location).await;
    assert_eq!(
        (state.outcome, state.stale),
        (LocationOutcome::NotFound, true)
    );
    let stored = site.store.dispensers(Some(location)).await.unwrap();
    assert!(stored.iter().all(|d| d.stale));
    assert!(site
        .store
        .dispenser_changes(Some(run), Some(location))
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_location_without_a_dispenser_group_stores_no_dispensers() {
    let site = fixture(12).await;
    let location = site.stored_locations().await[0];
    site.sim
        .state()
        .update_faults(|f| f.locations_without_dispensers = vec![location]);
    let (_, summary) = site.run(false).await;
    assert_eq!((summary.no_dispensers, summary.failed), (1, 0));
    assert!(summary.message().contains("1 with no dispensers"));
    assert_eq!(
        site.state(location).await.outcome,
        LocationOutcome::NoDispensers
    );
    assert!(site.stored(location).await.is_empty());
}

#[tokio::test]
async fn dispensers_gone_from_a_recognised_tab_are_recorded_removed() {
    let site = fixture(12).await;
    site.run(false).await;
    let location = site.stored_locations().await[0];
    let before = site.stored(location).await;
    site.sim
        .state()
        .update_faults(|f| f.locations_without_dispensers = vec![location]);
    let (run, summary) = site.run(true).await;
    assert_eq!(summary.changes, before.len() as u64);
    let changes = site.store.dispenser_changes(Some(run), None).await.unwrap();
    let removed: Vec<(String, serde_json::Value)> = changes
        .into_iter()
        .map(|c| {
            assert_eq!((c.location_id, c.kind.as_str()), (location, "removed"));
            (c.number, c.old_value.unwrap())
        })
        .collect();
    let expected: Vec<(String, serde_json::Value)> = before
        .iter()
        .map(|d| (d.number.clone(), serde_json::to_value(d).unwrap()))
        .collect();
    assert_eq!(
        removed, expected,
        "the removed records are kept in the changes"
    );
    assert!(site.stored(location).await.is_empty());
}

#[tokio::test]
async fn locations_of_removed_work_orders_are_not_read() {
    let site = fixture(12).await;
    let locations = site.stored_locations().await;
    let gone = locations[0];
    let open = site.sim.state().open_work_orders();
    let kept: Vec<_> = open
        .into_iter()
        .filter(|o| o.location.id != Some(gone))
        .collect();
    site.store_work_orders(&kept).await;
    let (_, summary) = site.run(false).await;
    assert_eq!(summary.total, locations.len() as u64 - 1);
    assert_eq!(site.pages_served(), locations.len() as u64 - 1);
    assert!(site
        .store
        .dispenser_locations()
        .await
        .unwrap()
        .iter()
        .all(|s| s.location_id != gone));
}

/// The client's pages, except one location whose page is not a location page.
struct OneUnrecognised<'a> {
    client: &'a WorkFossaClient,
    broken: i64,
}

#[async_trait::async_trait]
impl LocationPages for OneUnrecognised<'_> {
    async fn location_equipment(&self, location_id: i64) -> Result<LocationEquipment, SyncError> {
        if location_id != self.broken {
            return self.client.location_page(location_id).await;
        }
        let html = "<html><body><div class=\"new-layout\">Equipment moved</div></body></html>";
        parse_location_equipment(html, location_id)
            .map_err(|e| SyncError::LayoutNotRecognised(e.to_string()))
    }
}

#[tokio::test]
async fn an_unrecognised_page_fails_only_its_location_and_the_run_is_partial() {
    let site = fixture(15).await;
    site.run(false).await;
    let locations = site.stored_locations().await;
    let broken = locations[2];
    let before = site.stored(broken).await;
    site.clock.advance(Duration::minutes(10));
    let pages = OneUnrecognised {
        client: &site.client,
        broken,
    };
    let (_, summary) = site.run_with(&pages, true).await;
    let total = locations.len() as u64;
    assert_eq!(
        (summary.total, summary.read, summary.failed),
        (total, total - 1, 1)
    );
    assert!(summary.is_partial());
    assert!(
        summary
            .message()
            .starts_with(&format!("partial: {} of {total} locations read", total - 1)),
        "{}",
        summary.message()
    );
    assert_eq!(summary.failures[0].location_id, broken);
    assert_eq!(
        site.stored(broken).await,
        before,
        "nothing deleted by a failure"
    );
    let state = site.state(broken).await;
    assert_eq!(state.outcome, LocationOutcome::Failed);
    assert_eq!(state.read_at, Some(start()), "the last good read is kept");
    assert!(state.last_error.unwrap().contains("not recognised"));
    assert_eq!(
        site.state(locations[0]).await.read_at,
        Some(site.clock.now())
    );

    // Within the interval, only the failed location is read again.
    let (_, summary) = site.run(false).await;
    assert_eq!((summary.total, summary.skipped), (1, total - 1));
    assert_eq!(site.state(broken).await.outcome, LocationOutcome::Read);
}

#[tokio::test]
async fn locations_read_within_the_interval_are_skipped_unless_forced() {
    let site = fixture(12).await;
    let locations = site.stored_locations().await.len() as u64;
    site.run(false).await;
    let served = site.pages_served();

    site.clock.advance(Duration::hours(1));
    let (_, summary) = site.run(false).await;
    assert_eq!((summary.total, summary.skipped), (0, locations));
    assert_eq!(site.pages_served(), served, "no page read");

    let (_, forced) = site.run(true).await;
    assert_eq!((forced.total, forced.skipped), (locations, 0));
    assert_eq!(site.pages_served(), served + locations);

    site.clock.advance(Duration::hours(4));
    let (_, later) = site.run(false).await;
    assert_eq!((later.total, later.skipped), (locations, 0));
}

#[tokio::test]
async fn locations_first_seen_in_a_work_order_sync_are_read_by_the_next_run() {
    let site = fixture(12).await;
    site.run(false).await;
    let known = site.stored_locations().await;
    site.sim.state().add_work_orders(3);
    let open = site.sim.state().open_work_orders();
    site.store_work_orders(&open).await;
    let now_known = site.stored_locations().await;
    let new: Vec<i64> = now_known
        .iter()
        .copied()
        .filter(|id| !known.contains(id))
        .collect();
    assert!(!new.is_empty(), "the added orders bring new locations");
    site.clock.advance(Duration::minutes(30));
    let (_, summary) = site.run(false).await;
    assert_eq!(summary.total, new.len() as u64);
    assert_eq!(summary.skipped, known.len() as u64);
    for id in new {
        assert_eq!(site.state(id).await.read_at, Some(site.clock.now()));
    }
}
