//! Upgrading a database written before the record had `po_number`, `categories` and `contact`:
//! the old rows are read back intact, the first sync that fills the new fields reports no change,
//! later changes of those fields are reported, and the category filter reads the new field.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeZone, Utc};
use fossa_core::model::{JobType, Trigger};
use fossa_core::store::{Store, WorkOrderQuery};
use fossa_core::workfossa::record::Contact;
use fossa_core::workfossa::WorkOrder;
use serde_json::json;
use std::path::Path;

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, hour, 0, 0).unwrap()
}

/// A record as the previous version stored it: the SITE.md record without the three new keys.
fn old_record_json(number: i64, status: &str) -> String {
    json!({
        "id": format!("W-{number}"),
        "number": number,
        "url": format!("https://app.workfossa.com/app/work/{number}/"),
        "status": status,
        "reason": "AccuMeasure",
        "project": "7-11 Calibrations 2025",
        "created_by": "Jordan Reyes",
        "created_at": "2025-04-08T09:41:00",
        "customer": { "name": "7-Eleven Stores, Inc",
                      "url": "https://app.workfossa.com/app/customers/11811/" },
        "location": { "id": 46769, "store_number": "#38437", "site_name": "7-Eleven",
                      "url": "https://app.workfossa.com/app/customers/locations/46769/" },
        "address": { "street": "802 East Palm Boulevard", "intersection": null,
                     "city_state_zip": "Tampa FL 33603", "county": "Hillsborough County" },
        "items": [ { "group": "Meter Calibration", "quantity": 6,
                     "description": "All Dispensers", "code": "2861" } ],
        "visits": { "completed": 0, "total": 1 },
        "next_visit": { "id": 131650, "date": "2025-08-29", "window": "anytime",
                        "url": format!("https://app.workfossa.com/app/work/{number}/visits/131650/") },
        "due_date": "2025-06-14",
        "instructions": "Calibrate all meters.\nCall the store manager on arrival."
    })
    .to_string()
}

/// Writes a database the way the previous version did: its schema (the same migrations), one
/// successful run, and work orders inserted through SQL with old-format record JSON.
async fn previous_version_database(path: &Path, numbers: &[i64]) -> i64 {
    let store = Store::open(path).await.unwrap();
    let run_id = store
        .start_run(JobType::WorkOrders, Trigger::Manual, at(8), 0)
        .await
        .unwrap();
    sqlx::query("UPDATE runs SET status = 'success', finished_at_ms = started_at_ms WHERE id = ?")
        .bind(run_id)
        .execute(store.pool())
        .await
        .unwrap();
    for &number in numbers {
        sqlx::query(
            "INSERT INTO work_orders (number, record, first_seen_run, last_change_run, first_seen_ms, updated_ms)
             VALUES (?, ?, ?, ?, 0, 0)",
        )
        .bind(number)
        .bind(old_record_json(number, "Work Created"))
        .bind(run_id)
        .bind(run_id)
        .execute(store.pool())
        .await
        .unwrap();
    }
    store.close().await;
    run_id
}

async fn stored_json(store: &Store, number: i64) -> serde_json::Value {
    let text: String = sqlx::query_scalar("SELECT record FROM work_orders WHERE number = ?")
        .bind(number)
        .fetch_one(store.pool())
        .await
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn with_new_fields(mut record: WorkOrder) -> WorkOrder {
    record.po_number = Some("C000020103".into());
    record.categories = vec!["Meter Calibration".into()];
    record.contact = Some(Contact {
        name: "Dana Whitfield".into(),
        lines: vec![
            "7-Eleven Stores, Inc".into(),
            "7-E012".into(),
            "Net 30".into(),
        ],
    });
    record
}

#[tokio::test]
async fn a_database_from_the_previous_version_is_read_back_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fossa-sync.db");
    previous_version_database(&path, &[129651, 129652]).await;

    let store = Store::open(&path).await.unwrap();
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
    let orders = store.work_orders(&WorkOrderQuery::default()).await.unwrap();
    assert_eq!(orders.len(), 2);
    for (order, number) in orders.iter().zip([129651, 129652]) {
        let record = &order.record;
        assert_eq!(record.number, number);
        assert_eq!(record.po_number, None);
        assert!(record.categories.is_empty());
        assert_eq!(record.contact, None);
        // Everything else is as stored: the record re-serialised is the old JSON plus the
        // three new keys at their defaults.
        let mut expected: serde_json::Value =
            serde_json::from_str(&old_record_json(number, "Work Created")).unwrap();
        expected["po_number"] = json!(null);
        expected["categories"] = json!([]);
        expected["contact"] = json!(null);
        assert_eq!(serde_json::to_value(record).unwrap(), expected);
    }
    // Reading changed nothing on disk.
    assert!(stored_json(&store, 129651).await.get("po_number").is_none());
}

#[tokio::test]
async fn new_fields_filled_after_the_upgrade_are_not_changes_until_known() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fossa-sync.db");
    let first_run = previous_version_database(&path, &[129651, 129652]).await;
    let store = Store::open(&path).await.unwrap();
    let old: Vec<WorkOrder> = store
        .work_orders(&WorkOrderQuery::default())
        .await
        .unwrap()
        .into_iter()
        .map(|order| order.record)
        .collect();

    // The first sync after the upgrade reads the new fields: nothing is reported.
    let filled: Vec<WorkOrder> = old.iter().cloned().map(with_new_fields).collect();
    let run = store
        .start_run(JobType::WorkOrders, Trigger::Manual, at(9), 0)
        .await
        .unwrap();
    let stats = store
        .apply_work_orders(run, &filled, 1, at(9))
        .await
        .unwrap();
    assert_eq!(stats.change_rows_written, 0);
    assert_eq!((stats.summary.new, stats.summary.changed), (0, 0));
    assert!(store.changes(Some(run), None).await.unwrap().is_empty());
    let stored = store.work_orders(&WorkOrderQuery::default()).await.unwrap();
    for order in &stored {
        assert_eq!(order.record.po_number.as_deref(), Some("C000020103"));
        assert_eq!(order.record.categories, ["Meter Calibration"]);
        // Rewritten silently: not marked as changed by this run.
        assert_eq!(order.last_change_run, first_run);
    }
    assert_eq!(stored_json(&store, 129651).await["po_number"], "C000020103");

    // A resync with the same values writes nothing.
    let run = store
        .start_run(JobType::WorkOrders, Trigger::Manual, at(10), 0)
        .await
        .unwrap();
    let stats = store
        .apply_work_orders(run, &filled, 1, at(10))
        .await
        .unwrap();
    assert_eq!(stats.work_order_rows_written, 0);

    // Now known: a change of a new field is reported like any other.
    let mut moved = filled.clone();
    moved[0].po_number = Some("C000020104".into());
    moved[0].contact = None;
    moved[1].categories.push("Repair".into());
    let run = store
        .start_run(JobType::WorkOrders, Trigger::Manual, at(11), 0)
        .await
        .unwrap();
    let stats = store
        .apply_work_orders(run, &moved, 1, at(11))
        .await
        .unwrap();
    assert_eq!(stats.summary.changed, 2);
    let changes = store.changes(Some(run), None).await.unwrap();
    let fields: Vec<(i64, &str)> = changes
        .iter()
        .map(|c| (c.number, c.field.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        fields,
        [
            (129651, "contact.lines"),
            (129651, "contact.name"),
            (129651, "po_number"),
            (129652, "categories"),
        ]
    );
    let po = &changes[2];
    assert_eq!(po.old_value, Some(json!("C000020103")));
    assert_eq!(po.new_value, Some(json!("C000020104")));
}

#[tokio::test]
async fn a_real_change_in_the_upgrade_sync_is_reported_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fossa-sync.db");
    previous_version_database(&path, &[129651]).await;
    let store = Store::open(&path).await.unwrap();
    let old = store.work_orders(&WorkOrderQuery::default()).await.unwrap();
    let mut record = with_new_fields(old[0].record.clone());
    record.status = "Scheduled".into();
    let run = store
        .start_run(JobType::WorkOrders, Trigger::Manual, at(9), 0)
        .await
        .unwrap();
    store
        .apply_work_orders(run, &[record], 1, at(9))
        .await
        .unwrap();
    let changes = store.changes(Some(run), None).await.unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].field.as_deref(), Some("status"));
    let stored = stored_json(&store, 129651).await;
    assert_eq!(stored["status"], "Scheduled");
    assert_eq!(stored["categories"], json!(["Meter Calibration"]));
}

#[tokio::test]
async fn the_category_filter_matches_whole_category_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fossa-sync.db");
    previous_version_database(&path, &[1, 2, 3]).await;
    let store = Store::open(&path).await.unwrap();
    let mut records: Vec<WorkOrder> = store
        .work_orders(&WorkOrderQuery::default())
        .await
        .unwrap()
        .into_iter()
        .map(|order| order.record)
        .collect();
    records[0].categories = vec!["Meter Calibration".into(), "Repair".into()];
    records[1].categories = vec!["Repair".into()];
    // records[2] keeps its old JSON (no categories key).
    let run = store
        .start_run(JobType::WorkOrders, Trigger::Manual, at(9), 0)
        .await
        .unwrap();
    store
        .apply_work_orders(run, &records, 1, at(9))
        .await
        .unwrap();

    let numbers = |category: &str| {
        let store = store.clone();
        let query = WorkOrderQuery {
            category: Some(category.to_string()),
            ..Default::default()
        };
        async move {
            let orders = store.work_orders(&query).await.unwrap();
            orders.iter().map(|o| o.record.number).collect::<Vec<_>>()
        }
    };
    assert_eq!(numbers("Repair").await, [1, 2]);
    assert_eq!(numbers("Meter Calibration").await, [1]);
    assert_eq!(numbers(" Meter Calibration ").await, [1]);
    assert_eq!(numbers("meter calibration").await, [1]);
    assert!(numbers("Meter").await.is_empty());
    assert_eq!(numbers("").await, [1, 2, 3]);
    // Combined with the text search.
    let both = store
        .work_orders(&WorkOrderQuery {
            search: Some("W-2\"".into()),
            category: Some("Repair".into()),
            include_removed: false,
        })
        .await
        .unwrap();
    assert_eq!(both.len(), 1);
    assert_eq!(both[0].record.number, 2);
}
