//! Field-level differences between two versions of a work order. Pure.

use crate::workfossa::WorkOrder;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One field that changed, by its dotted path (`status`, `address.street`, `items`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Value,
    pub new: Value,
}

/// The fields that differ between `old` and `new`, in path order. Objects are compared field by
/// field; arrays (items) as a whole.
pub fn diff_work_orders(old: &WorkOrder, new: &WorkOrder) -> Vec<FieldChange> {
    if old == new {
        return Vec::new();
    }
    let old = serde_json::to_value(old).unwrap_or(Value::Null);
    let new = serde_json::to_value(new).unwrap_or(Value::Null);
    let mut changes = Vec::new();
    diff_values("", &old, &new, &mut changes);
    changes
}

fn diff_values(path: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    match (old, new) {
        (Value::Object(old), Value::Object(new)) => diff_objects(path, old, new, out),
        (Value::Object(old), Value::Null) => diff_objects(path, old, &Map::new(), out),
        (Value::Null, Value::Object(new)) => diff_objects(path, &Map::new(), new, out),
        _ if old != new => out.push(FieldChange {
            field: path.to_string(),
            old: old.clone(),
            new: new.clone(),
        }),
        _ => {}
    }
}

fn diff_objects(
    path: &str,
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    out: &mut Vec<FieldChange>,
) {
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let child = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let old_value = old.get(key).unwrap_or(&Value::Null);
        let new_value = new.get(key).unwrap_or(&Value::Null);
        diff_values(&child, old_value, new_value, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workfossa::record::*;

    pub(crate) fn sample() -> WorkOrder {
        WorkOrder {
            id: "W-1".into(),
            number: 1,
            url: "https://app.workfossa.com/app/work/1/".into(),
            status: "Scheduled".into(),
            reason: Some("AccuMeasure".into()),
            project: None,
            po_number: None,
            categories: Vec::new(),
            contact: None,
            created_by: Some("Jordan Reyes".into()),
            created_at: None,
            customer: Customer {
                name: Some("Wawa".into()),
                url: None,
            },
            location: Location {
                id: Some(5),
                store_number: Some("#5".into()),
                site_name: None,
                url: None,
            },
            address: Address {
                street: Some("1 Main St".into()),
                intersection: None,
                city_state_zip: None,
                county: None,
            },
            items: vec![],
            visits: Visits {
                completed: 0,
                total: 1,
            },
            next_visit: None,
            due_date: None,
            instructions: None,
        }
    }

    #[test]
    fn identical_records_have_no_changes() {
        assert!(diff_work_orders(&sample(), &sample()).is_empty());
    }

    #[test]
    fn nested_fields_are_reported_by_path() {
        let old = sample();
        let mut new = sample();
        new.status = "In Progress".into();
        new.address.street = Some("2 Main St".into());
        new.next_visit = Some(NextVisit {
            id: Some(9),
            date: None,
            window: Some("anytime".into()),
            url: None,
        });
        let changes = diff_work_orders(&old, &new);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "address.street",
                "next_visit.id",
                "next_visit.window",
                "status"
            ]
        );
        assert_eq!(changes[3].old, Value::from("Scheduled"));
        assert_eq!(changes[3].new, Value::from("In Progress"));
    }

    #[test]
    fn items_compare_as_a_whole() {
        let old = sample();
        let mut new = sample();
        new.items.push(Item {
            group: Some("Parts".into()),
            quantity: Some(1),
            description: None,
            code: Some("3002".into()),
        });
        let changes = diff_work_orders(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "items");
    }
}
