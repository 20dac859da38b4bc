//! CSV export of work orders: the SITE.md record flattened (`customer.name` -> `customer_name`,
//! items, categories and contact lines joined by `; `), absent values as empty cells. A cell that a spreadsheet would read as a
//! formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`, so
//! scraped text cannot run as a formula when the file is opened (CSV injection).

use crate::engine::WorkOrderView;
use crate::store::StoredWorkOrder;
use crate::workfossa::WorkOrder;

/// The columns of the work-order CSV, in order (the UI's browser export uses the same, generated into
/// `ui/src/api/operations.ts`).
pub const WORK_ORDER_COLUMNS: [&str; 29] = [
    "id",
    "number",
    "url",
    "status",
    "reason",
    "project",
    "po_number",
    "categories",
    "contact_name",
    "contact_lines",
    "created_by",
    "created_at",
    "customer_name",
    "customer_url",
    "location_id",
    "location_store_number",
    "location_site_name",
    "location_url",
    "address_street",
    "address_intersection",
    "address_city_state_zip",
    "address_county",
    "items",
    "visits_completed",
    "visits_total",
    "next_visit_date",
    "next_visit_window",
    "due_date",
    "instructions",
];

/// The CSV text (header first) of `orders`.
pub fn work_orders_csv(orders: &[StoredWorkOrder]) -> Result<String, csv::Error> {
    records_csv(orders.iter().map(|order| &order.record))
}

/// The CSV text (header first) of the work orders as the engine shows them to every front.
pub fn work_order_views_csv(orders: &[WorkOrderView]) -> Result<String, csv::Error> {
    records_csv(orders.iter().map(|order| &order.record))
}

fn records_csv<'a>(records: impl Iterator<Item = &'a WorkOrder>) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(WORK_ORDER_COLUMNS)?;
    for r in records {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let items = r
            .items
            .iter()
            .map(|item| {
                format!(
                    "{}: {} x {} ({})",
                    item.group.as_deref().unwrap_or("-"),
                    item.quantity.map(|q| q.to_string()).unwrap_or_default(),
                    item.description.as_deref().unwrap_or(""),
                    item.code.as_deref().unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let visit = r.next_visit.as_ref();
        let contact = r.contact.as_ref();
        let cells = [
            r.id.clone(),
            r.number.to_string(),
            r.url.clone(),
            r.status.clone(),
            text(&r.reason),
            text(&r.project),
            text(&r.po_number),
            r.categories.join("; "),
            contact.map(|c| c.name.clone()).unwrap_or_default(),
            contact.map(|c| c.lines.join("; ")).unwrap_or_default(),
            text(&r.created_by),
            r.created_at
                .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
                .unwrap_or_default(),
            text(&r.customer.name),
            text(&r.customer.url),
            r.location.id.map(|id| id.to_string()).unwrap_or_default(),
            text(&r.location.store_number),
            text(&r.location.site_name),
            text(&r.location.url),
            text(&r.address.street),
            text(&r.address.intersection),
            text(&r.address.city_state_zip),
            text(&r.address.county),
            items,
            r.visits.completed.to_string(),
            r.visits.total.to_string(),
            visit
                .and_then(|v| v.date)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            visit.and_then(|v| v.window.clone()).unwrap_or_default(),
            r.due_date.map(|d| d.to_string()).unwrap_or_default(),
            text(&r.instructions),
        ];
        writer.write_record(cells.map(neutralise_formula))?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `cell`, prefixed with `'` when a spreadsheet would take it for a formula.
pub fn neutralise_formula(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::{neutralise_formula, work_orders_csv, WORK_ORDER_COLUMNS};
    use crate::store::StoredWorkOrder;
    use serde_json::json;

    fn stored(record: serde_json::Value) -> StoredWorkOrder {
        StoredWorkOrder {
            record: serde_json::from_value(record).expect("a record"),
            removed_at: None,
            first_seen_run: 1,
            last_change_run: 1,
        }
    }

    fn minimal_record(extra: serde_json::Value) -> serde_json::Value {
        let mut record = json!({
            "id": "W-1", "number": 1, "url": "https://app.workfossa.com/app/work/1/",
            "status": "Work Created", "customer": {}, "location": {}, "address": {},
            "items": [], "visits": {"completed": 0, "total": 1}
        });
        if let (Some(fields), Some(extra)) = (record.as_object_mut(), extra.as_object()) {
            fields.extend(extra.clone());
        }
        record
    }

    fn cells_by_column(csv: &str) -> Vec<std::collections::HashMap<String, String>> {
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_string)
            .collect();
        reader
            .records()
            .map(|row| {
                let row = row.expect("a row");
                header
                    .iter()
                    .cloned()
                    .zip(row.iter().map(str::to_string))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn po_number_categories_and_contact_are_flattened() {
        let filled = stored(minimal_record(json!({
            "po_number": "C000020103",
            "categories": ["Meter Calibration", "Repair"],
            "contact": {"name": "Dana Whitfield", "lines": ["7-Eleven Stores, Inc", "Net 30"]}
        })));
        let empty = stored(minimal_record(json!({})));
        let csv = work_orders_csv(&[filled, empty]).expect("csv");
        assert!(csv.starts_with(
            "id,number,url,status,reason,project,po_number,categories,contact_name,contact_lines,"
        ));
        let rows = cells_by_column(&csv);
        assert_eq!(rows[0].len(), WORK_ORDER_COLUMNS.len());
        assert_eq!(rows[0]["po_number"], "C000020103");
        assert_eq!(rows[0]["categories"], "Meter Calibration; Repair");
        assert_eq!(rows[0]["contact_name"], "Dana Whitfield");
        assert_eq!(rows[0]["contact_lines"], "7-Eleven Stores, Inc; Net 30");
        for column in ["po_number", "categories", "contact_name", "contact_lines"] {
            assert_eq!(rows[1][column], "", "{column}");
        }
    }

    #[test]
    fn the_new_cells_are_guarded_against_formulas() {
        let hostile = stored(minimal_record(json!({
            "po_number": "=1+1",
            "categories": ["@SUM(A1)", "Repair"],
            "contact": {"name": "+Dana", "lines": ["-2+3"]}
        })));
        let rows = cells_by_column(&work_orders_csv(&[hostile]).expect("csv"));
        assert_eq!(rows[0]["po_number"], "'=1+1");
        assert_eq!(rows[0]["categories"], "'@SUM(A1); Repair");
        assert_eq!(rows[0]["contact_name"], "'+Dana");
        assert_eq!(rows[0]["contact_lines"], "'-2+3");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_are_prefixed_and_others_kept() {
        for formula in [
            "=HYPERLINK(\"http://x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralise_formula(formula.into()), format!("'{formula}"));
        }
        for plain in ["W-124767", "Wawa", "", "12", "2026-11-29", "a=b", "'quoted"] {
            assert_eq!(neutralise_formula(plain.into()), plain);
        }
    }
}
