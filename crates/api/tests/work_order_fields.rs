//! `GET /api/work-orders` carries the record's `po_number`, `categories` and `contact`, and
//! filters by category (`?category=Meter%20Calibration`, the whole name in any case).
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Utc;
use common::app;
use fossa_core::model::{JobType, Trigger};
use fossa_core::workfossa::WorkOrder;
use serde_json::{json, Value};

fn record(number: i64, categories: &[&str], extra: Value) -> WorkOrder {
    let mut record = json!({
        "id": format!("W-{number}"), "number": number,
        "url": format!("https://app.workfossa.com/app/work/{number}/"),
        "status": "Work Created", "customer": {"name": "Wawa"}, "location": {}, "address": {},
        "items": [], "visits": {"completed": 0, "total": 1}, "categories": categories
    });
    if let (Some(fields), Some(extra)) = (record.as_object_mut(), extra.as_object()) {
        fields.extend(extra.clone());
    }
    serde_json::from_value(record).unwrap()
}

async fn app_with_orders() -> common::App {
    let app = app().await;
    let store = app.engine.store();
    let run = store
        .start_run(JobType::WorkOrders, Trigger::Manual, Utc::now(), 0)
        .await
        .unwrap();
    let records = [
        record(
            101,
            &["Meter Calibration", "Repair"],
            json!({"po_number": "C000020103",
                   "contact": {"name": "Dana Whitfield", "lines": ["7-Eleven Stores, Inc", "Net 30"]}}),
        ),
        record(102, &["Repair"], json!({})),
        record(103, &[], json!({})),
    ];
    store
        .apply_work_orders(run, &records, 1, Utc::now())
        .await
        .unwrap();
    app
}

fn numbers(list: &Value) -> Vec<i64> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|order| order["number"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn work_orders_carry_po_number_categories_and_contact() {
    let app = app_with_orders().await;
    let list = app.get_json("/api/work-orders").await;
    assert_eq!(numbers(&list), [101, 102, 103]);
    assert_eq!(list[0]["po_number"], "C000020103");
    assert_eq!(
        list[0]["categories"],
        json!(["Meter Calibration", "Repair"])
    );
    assert_eq!(
        list[0]["contact"],
        json!({"name": "Dana Whitfield", "lines": ["7-Eleven Stores, Inc", "Net 30"]})
    );
    // Absent values are null and no categories is [], never missing keys.
    assert_eq!(list[2]["po_number"], Value::Null);
    assert_eq!(list[2]["categories"], json!([]));
    assert_eq!(list[2]["contact"], Value::Null);
}

#[tokio::test]
async fn the_list_filters_by_category() {
    let app = app_with_orders().await;
    let by = |query: &'static str| {
        let app = &app;
        async move { numbers(&app.get_json(&format!("/api/work-orders{query}")).await) }
    };
    assert_eq!(by("?category=Meter%20Calibration").await, [101]);
    assert_eq!(by("?category=Meter+Calibration").await, [101]);
    assert_eq!(by("?category=Repair").await, [101, 102]);
    assert!(by("?category=Meter").await.is_empty());
    assert_eq!(by("?category=repair").await, [101, 102]);
    assert_eq!(by("?category=").await, [101, 102, 103]);
    assert_eq!(by("?category=Repair&search=W-102").await, [102]);
}
