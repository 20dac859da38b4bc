//! `fossa-sync work-orders` shows the record's `po_number`, `categories` and `contact`: in the
//! JSON (SITE.md's record), flattened in the CSV, categories in the table, and `--category`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use fossa_core::model::{JobType, Trigger};
use fossa_core::store::{Store, DATABASE_FILE};
use fossa_core::workfossa::WorkOrder;
use serde_json::{json, Value};
use std::path::Path;
use tokio::process::Command;

async fn fossa(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_fossa-sync"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("FOSSA_SYNC_NO_KEYRING", "1")
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{args:?}: {stderr}");
    String::from_utf8(output.stdout).unwrap()
}

fn record(number: i64, extra: Value) -> WorkOrder {
    let mut record = json!({
        "id": format!("W-{number}"), "number": number,
        "url": format!("https://app.workfossa.com/app/work/{number}/"),
        "status": "Work Created", "customer": {"name": "Wawa"}, "location": {}, "address": {},
        "items": [], "visits": {"completed": 0, "total": 1}
    });
    if let (Some(fields), Some(extra)) = (record.as_object_mut(), extra.as_object()) {
        fields.extend(extra.clone());
    }
    serde_json::from_value(record).unwrap()
}

/// A data dir whose database holds two work orders, one with the three fields filled.
async fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join(DATABASE_FILE)).await.unwrap();
    let run = store
        .start_run(JobType::WorkOrders, Trigger::Manual, Utc::now(), 0)
        .await
        .unwrap();
    let records = [
        record(
            201,
            json!({"po_number": "C000020103", "categories": ["Meter Calibration", "Repair"],
                   "contact": {"name": "Dana Whitfield", "lines": ["7-Eleven Stores, Inc", "Net 30"]}}),
        ),
        record(202, json!({})),
    ];
    store
        .apply_work_orders(run, &records, 1, Utc::now())
        .await
        .unwrap();
    store.close().await;
    dir
}

#[tokio::test(flavor = "multi_thread")]
async fn json_csv_and_table_show_the_new_fields() {
    let dir = data_dir().await;

    let json: Value =
        serde_json::from_str(&fossa(dir.path(), &["work-orders", "--json"]).await).unwrap();
    assert_eq!(json[0]["po_number"], "C000020103");
    assert_eq!(
        json[0]["categories"],
        json!(["Meter Calibration", "Repair"])
    );
    assert_eq!(json[0]["contact"]["name"], "Dana Whitfield");
    assert_eq!(
        json[0]["contact"]["lines"],
        json!(["7-Eleven Stores, Inc", "Net 30"])
    );
    assert_eq!(json[1]["po_number"], Value::Null);
    assert_eq!(json[1]["categories"], json!([]));
    assert_eq!(json[1]["contact"], Value::Null);

    let csv = fossa(dir.path(), &["work-orders", "--csv"]).await;
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with(
        "id,number,url,status,reason,project,po_number,categories,contact_name,contact_lines,"
    ));
    assert!(lines.next().unwrap().contains(
        ",C000020103,Meter Calibration; Repair,Dana Whitfield,\"7-Eleven Stores, Inc; Net 30\","
    ));

    let table = fossa(dir.path(), &["work-orders"]).await;
    let rows: Vec<&str> = table.lines().collect();
    assert!(
        rows[0].starts_with("W-201") && rows[0].ends_with("[Meter Calibration, Repair]"),
        "{table}"
    );
    assert!(
        rows[1].starts_with("W-202") && !rows[1].contains('['),
        "{table}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn category_keeps_the_work_orders_listing_it() {
    let dir = data_dir().await;
    let listed = |output: String| -> Vec<i64> {
        let json: Value = serde_json::from_str(&output).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .map(|order| order["number"].as_i64().unwrap())
            .collect()
    };
    let repair = fossa(
        dir.path(),
        &["work-orders", "--json", "--category", "Repair"],
    )
    .await;
    assert_eq!(listed(repair), [201]);
    let none = fossa(
        dir.path(),
        &["work-orders", "--json", "--category", "Meter"],
    )
    .await;
    assert!(listed(none).is_empty());
}
