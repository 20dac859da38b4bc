//! CSV export of work orders: the SITE.md record flattened (`customer.name` -> `customer_name`,
//! items joined by `; `), absent values as empty cells.

use crate::store::StoredWorkOrder;

const HEADER: [&str; 25] = [
    "id",
    "number",
    "url",
    "status",
    "reason",
    "project",
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
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER)?;
    for order in orders {
        let r = &order.record;
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
        writer.write_record([
            r.id.clone(),
            r.number.to_string(),
            r.url.clone(),
            r.status.clone(),
            text(&r.reason),
            text(&r.project),
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
        ])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
