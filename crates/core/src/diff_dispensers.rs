//! Changes between the stored and the freshly read dispensers of one location, matched by
//! dispenser number (`1/2`): added, removed, and changed with one row per field that differs
//! (`model`, `grades`, `fields.Meter Type`). Pure.
//!
//! A number shown twice on one page is matched by its occurrence: the second `1/2` is keyed
//! `1/2 #2`.

use crate::workfossa::dispenser::Dispenser;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What happened to one dispenser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DispenserChangeKind {
    Added,
    Removed,
    Changed,
}

impl DispenserChangeKind {
    /// The name stored in `dispenser_changes.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            DispenserChangeKind::Added => "added",
            DispenserChangeKind::Removed => "removed",
            DispenserChangeKind::Changed => "changed",
        }
    }
}

/// One change of a location's dispensers. `added` carries the whole new record in `new`,
/// `removed` the whole old record in `old`, `changed` one field's old and new values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DispenserChange {
    /// The dispenser's key: its number, `#n` added for the n-th repeat of a number.
    pub number: String,
    pub kind: DispenserChangeKind,
    pub field: Option<String>,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// The dispensers keyed by number, in the page's order (repeats get ` #2`, ` #3`, …).
pub fn keyed_by_number(dispensers: &[Dispenser]) -> Vec<(String, &Dispenser)> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    dispensers
        .iter()
        .map(|dispenser| {
            let count = seen.entry(dispenser.number.as_str()).or_insert(0);
            *count += 1;
            let key = if *count == 1 {
                dispenser.number.clone()
            } else {
                format!("{} #{count}", dispenser.number)
            };
            (key, dispenser)
        })
        .collect()
}

/// The changes from `old` to `new`: the new list's dispensers in its order (added or changed),
/// then the removed ones in the old order. Equal lists give no change.
pub fn diff_dispensers(old: &[Dispenser], new: &[Dispenser]) -> Vec<DispenserChange> {
    let old_keyed = keyed_by_number(old);
    let new_keyed = keyed_by_number(new);
    let old_by_key: HashMap<&str, &Dispenser> =
        old_keyed.iter().map(|(k, d)| (k.as_str(), *d)).collect();
    let new_keys: HashMap<&str, ()> = new_keyed.iter().map(|(k, _)| (k.as_str(), ())).collect();
    let mut changes = Vec::new();
    for (key, fresh) in &new_keyed {
        match old_by_key.get(key.as_str()) {
            None => changes.push(DispenserChange {
                number: key.clone(),
                kind: DispenserChangeKind::Added,
                field: None,
                old: None,
                new: Some(record_value(fresh)),
            }),
            Some(previous) if *previous == *fresh => {}
            Some(previous) => {
                let mut fields = Vec::new();
                diff_values(
                    "",
                    &record_value(previous),
                    &record_value(fresh),
                    &mut fields,
                );
                changes.extend(fields.into_iter().map(|(field, old, new)| DispenserChange {
                    number: key.clone(),
                    kind: DispenserChangeKind::Changed,
                    field: Some(field),
                    old: Some(old),
                    new: Some(new),
                }));
            }
        }
    }
    for (key, previous) in &old_keyed {
        if !new_keys.contains_key(key.as_str()) {
            changes.push(DispenserChange {
                number: key.clone(),
                kind: DispenserChangeKind::Removed,
                field: None,
                old: Some(record_value(previous)),
                new: None,
            });
        }
    }
    changes
}

/// The record as JSON (`Null` if it cannot be serialised, which a plain struct never fails).
fn record_value(dispenser: &Dispenser) -> Value {
    serde_json::to_value(dispenser).unwrap_or(Value::Null)
}

/// Objects compared key by key (dotted paths), anything else as a whole.
fn diff_values(path: &str, old: &Value, new: &Value, out: &mut Vec<(String, Value, Value)>) {
    let empty = Map::new();
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => diff_objects(path, o, n, out),
        (Value::Object(o), Value::Null) => diff_objects(path, o, &empty, out),
        (Value::Null, Value::Object(n)) => diff_objects(path, &empty, n, out),
        _ if old != new => out.push((path.to_owned(), old.clone(), new.clone())),
        _ => {}
    }
}

fn diff_objects(
    path: &str,
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    out: &mut Vec<(String, Value, Value)>,
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
    use serde_json::json;
    use std::collections::BTreeMap;

    fn dispenser(number: &str, model: &str) -> Dispenser {
        Dispenser {
            location_id: 7,
            number: number.into(),
            title: format!("{number} - Regular, Plus - Gilbarco"),
            make: Some("Gilbarco".into()),
            model: Some(model.into()),
            serial: Some(format!("SN-{number}")),
            grades: vec!["Regular".into(), "Plus".into()],
            stand_alone_code: None,
            nozzles_per_side: Some(2),
            meter_type: Some("Electronic".into()),
            fields: BTreeMap::from([("Meter Type".to_owned(), "Electronic".to_owned())]),
        }
    }

    #[test]
    fn equal_lists_give_no_change() {
        let list = vec![dispenser("1/2", "NL3"), dispenser("3/4", "NL3")];
        assert!(diff_dispensers(&list, &list.clone()).is_empty());
        assert!(diff_dispensers(&[], &[]).is_empty());
    }

    #[test]
    fn added_and_removed_carry_the_whole_record() {
        let old = vec![dispenser("1/2", "NL3"), dispenser("3/4", "NL3")];
        let new = vec![dispenser("1/2", "NL3"), dispenser("5/6", "NL2")];
        let changes = diff_dispensers(&old, &new);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].kind, DispenserChangeKind::Added);
        assert_eq!(changes[0].number, "5/6");
        assert_eq!(changes[0].old, None);
        assert_eq!(changes[0].new.as_ref().unwrap()["model"], json!("NL2"));
        assert_eq!(changes[1].kind, DispenserChangeKind::Removed);
        assert_eq!(changes[1].number, "3/4");
        assert_eq!(changes[1].old.as_ref().unwrap()["serial"], json!("SN-3/4"));
        assert_eq!(changes[1].new, None);
    }

    #[test]
    fn a_changed_dispenser_gives_one_row_per_field() {
        let old = vec![dispenser("1/2", "NL3")];
        let mut changed = dispenser("1/2", "Encore 700 S");
        changed.meter_type = Some("Mechanical".into());
        changed
            .fields
            .insert("Meter Type".into(), "Mechanical".into());
        let changes = diff_dispensers(&old, &[changed]);
        let fields: Vec<(&str, Value, Value)> = changes
            .iter()
            .map(|c| {
                assert_eq!(c.kind, DispenserChangeKind::Changed);
                assert_eq!(c.number, "1/2");
                (
                    c.field.as_deref().unwrap(),
                    c.old.clone().unwrap(),
                    c.new.clone().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            fields,
            vec![
                (
                    "fields.Meter Type",
                    json!("Electronic"),
                    json!("Mechanical")
                ),
                ("meter_type", json!("Electronic"), json!("Mechanical")),
                ("model", json!("NL3"), json!("Encore 700 S")),
            ]
        );
    }

    #[test]
    fn a_field_that_appears_or_goes_is_a_change_from_or_to_null() {
        let old = vec![dispenser("1/2", "NL3")];
        let mut new = dispenser("1/2", "NL3");
        new.model = None;
        new.fields.insert("Stand Alone Code".into(), "0126".into());
        let changes = diff_dispensers(&old, &[new]);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].field.as_deref(), Some("fields.Stand Alone Code"));
        assert_eq!(changes[0].old, Some(Value::Null));
        assert_eq!(changes[0].new, Some(json!("0126")));
        assert_eq!(changes[1].field.as_deref(), Some("model"));
        assert_eq!(changes[1].new, Some(Value::Null));
    }

    #[test]
    fn repeated_numbers_are_matched_by_occurrence() {
        let old = vec![dispenser("1/2", "NL3"), dispenser("1/2", "NL2")];
        let new = vec![dispenser("1/2", "NL3"), dispenser("1/2", "Helix")];
        let keys: Vec<String> = keyed_by_number(&new).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, vec!["1/2", "1/2 #2"]);
        let changes = diff_dispensers(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].number, "1/2 #2");
        assert_eq!(changes[0].field.as_deref(), Some("model"));
        let fewer = diff_dispensers(&old, &new[..1]);
        assert_eq!(fewer.len(), 1);
        assert_eq!(fewer[0].kind, DispenserChangeKind::Removed);
        assert_eq!(fewer[0].number, "1/2 #2");
    }

    #[test]
    fn kinds_have_their_stored_names() {
        assert_eq!(DispenserChangeKind::Added.as_str(), "added");
        assert_eq!(DispenserChangeKind::Removed.as_str(), "removed");
        assert_eq!(DispenserChangeKind::Changed.as_str(), "changed");
    }
}
