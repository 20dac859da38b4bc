//! Field-level differences between two versions of a work order. Pure.
//!
//! A record stored by an older version may lack fields added to the record since (`po_number`,
//! `categories`, `contact`): such a field was not known then, so its first value is adopted
//! silently instead of being reported as a change ([`diff_against_stored`]).

use crate::workfossa::WorkOrder;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

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

/// The top-level keys of a stored record's JSON text (the fields it knew when it was written).
pub fn stored_record_keys(json: &str) -> Result<HashSet<String>, serde_json::Error> {
    let keys: HashMap<String, IgnoredAny> = serde_json::from_str(json)?;
    Ok(keys.into_keys().collect())
}

/// Like [`diff_work_orders`], for a stored `old` whose JSON had only the top-level `stored_keys`:
/// a field missing from it was not known when it was stored, so whatever value it has now is not
/// a change (and is not reported). Fields the stored JSON had are compared as usual.
pub fn diff_against_stored(
    old: &WorkOrder,
    stored_keys: &HashSet<String>,
    new: &WorkOrder,
) -> Vec<FieldChange> {
    if old == new {
        return Vec::new();
    }
    let mut old = serde_json::to_value(old).unwrap_or(Value::Null);
    let new = serde_json::to_value(new).unwrap_or(Value::Null);
    if let (Value::Object(old_fields), Value::Object(new_fields)) = (&mut old, &new) {
        for (key, value) in new_fields {
            if !stored_keys.contains(key) {
                old_fields.insert(key.clone(), value.clone());
            }
        }
    }
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

    /// The top-level keys a record stored before `po_number`, `categories` and `contact` existed.
    fn keys_before_the_new_fields() -> HashSet<String> {
        let mut json = serde_json::to_value(sample()).unwrap_or(Value::Null);
        if let Value::Object(fields) = &mut json {
            for key in ["po_number", "categories", "contact"] {
                fields.remove(key);
            }
        }
        stored_record_keys(&json.to_string()).unwrap_or_default()
    }

    fn with_new_fields(mut record: WorkOrder) -> WorkOrder {
        record.po_number = Some("C000020103".into());
        record.categories = vec!["Meter Calibration".into(), "Repair".into()];
        record.contact = Some(Contact {
            name: "Dana Whitfield".into(),
            lines: vec!["7-Eleven Stores, Inc".into(), "Net 30".into()],
        });
        record
    }

    #[test]
    fn stored_record_keys_are_the_top_level_keys() {
        let keys = stored_record_keys(r#"{"id": "W-1", "customer": {"name": null}, "items": []}"#)
            .unwrap_or_default();
        let mut keys: Vec<String> = keys.into_iter().collect();
        keys.sort();
        assert_eq!(keys, ["customer", "id", "items"]);
        assert!(stored_record_keys("[1, 2]").is_err());
    }

    #[test]
    fn fields_unknown_to_the_stored_record_get_values_without_a_change() {
        let keys = keys_before_the_new_fields();
        let old = sample();
        let new = with_new_fields(sample());
        assert!(diff_against_stored(&old, &keys, &new).is_empty());
        // Other fields are still compared while the new ones are adopted.
        let mut moved = with_new_fields(sample());
        moved.status = "In Progress".into();
        let changes = diff_against_stored(&old, &keys, &moved);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["status"]);
    }

    #[test]
    fn fields_the_stored_record_knew_are_compared_as_usual() {
        let all_keys = stored_record_keys(&serde_json::to_string(&sample()).unwrap_or_default())
            .unwrap_or_default();
        assert!(all_keys.contains("po_number") && all_keys.contains("contact"));
        let old = with_new_fields(sample());
        let mut new = with_new_fields(sample());
        new.po_number = Some("C000020104".into());
        new.categories = vec!["Meter Calibration".into()];
        new.contact = None;
        let changes = diff_against_stored(&old, &all_keys, &new);
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            ["categories", "contact.lines", "contact.name", "po_number"]
        );
        assert_eq!(changes[3].old, Value::from("C000020103"));
        assert_eq!(changes[3].new, Value::from("C000020104"));
        // A known field that was empty and now has a value is a change too.
        let empty = sample();
        let filled = with_new_fields(sample());
        assert_eq!(diff_against_stored(&empty, &all_keys, &filled).len(), 4);
        assert_eq!(
            diff_against_stored(&empty, &all_keys, &filled),
            diff_work_orders(&empty, &filled)
        );
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
