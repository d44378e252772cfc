//! Schema versions and the migrations run at open. Each migration works on
//! one record's JSON and is idempotent, so an interrupted run can repeat.

use super::entity::EntityKind;
use super::error::{Result, StoreError};
use super::layout::SCHEMA_KEY;
use super::Store;
use serde_json::{Map, Value};

/// The schema this build writes.
/// 1: people kept their personal fields flat, with consent as
///    `consent_date` + `consent_by_guardian`.
/// 2: personal fields nested under `person`, consent as one object.
/// 3: each unit's meetings kept in brief in `unit_timeline`, replacing the
///    `idx_unit_meeting` index (derived trees are rebuilt after any upgrade).
pub const CURRENT: u32 = 3;

/// Trees that earlier schemas had and this one does not.
const RETIRED_TREES: [&str; 1] = ["idx_unit_meeting"];

const V1_PERSON_FIELDS: [&str; 14] = [
    "full_name",
    "birth_date",
    "grade",
    "experience_years",
    "workplace",
    "position",
    "contacts",
    "guardian",
    "interests",
    "subjects",
    "forms",
    "joined",
    "wishes",
    "notes",
];

/// Brings one record of `tree`, written under schema `from`, to [`CURRENT`].
pub fn upgrade_record(tree: &str, from: u32, record: &mut Value) {
    if from < 2 {
        v1_to_v2(tree, record);
    }
}

fn v1_to_v2(tree: &str, record: &mut Value) {
    let is_person = tree == EntityKind::Mentor.tree() || tree == EntityKind::Mentee.tree();
    let Some(obj) = record.as_object_mut() else {
        return;
    };
    if !is_person || obj.contains_key("person") {
        return;
    }
    let mut person = Map::new();
    for field in V1_PERSON_FIELDS {
        if let Some(v) = obj.remove(field) {
            person.insert(field.into(), v);
        }
    }
    let by_guardian = obj
        .remove("consent_by_guardian")
        .unwrap_or(Value::Bool(false));
    if let Some(date) = obj.remove("consent_date").filter(|d| !d.is_null()) {
        let mut consent = Map::new();
        consent.insert("date".into(), date);
        consent.insert("by_guardian".into(), by_guardian);
        person.insert("consent".into(), Value::Object(consent));
    }
    obj.insert("person".into(), Value::Object(person));
}

/// Runs at open: stamps a new database, upgrades an older one, refuses a
/// newer one.
pub(super) fn run(store: &Store) -> Result<()> {
    let found = store.meta_get(SCHEMA_KEY)?;
    let version = match found {
        Some(v) => v as u32,
        None if store.is_empty() => return stamp(store),
        // Data without a version predates versioning: schema 1.
        None => 1,
    };
    if version > CURRENT {
        return Err(StoreError::TooNew {
            found: version,
            known: CURRENT,
        });
    }
    if version == CURRENT {
        return Ok(());
    }
    for kind in EntityKind::ALL {
        let tree = store.tree(kind);
        let mut batch = sled::Batch::default();
        for kv in tree.iter() {
            let (k, v) = kv?;
            let mut value: Value = serde_json::from_slice(&v).map_err(|e| StoreError::Corrupt {
                tree: kind.tree(),
                id: super::layout::read_u64(&k),
                reason: e.to_string(),
            })?;
            upgrade_record(kind.tree(), version, &mut value);
            let bytes =
                serde_json::to_vec(&value).map_err(|e| StoreError::Rejected(e.to_string()))?;
            batch.insert(k, bytes);
        }
        tree.apply_batch(batch)?;
    }
    store.rebuild_indexes()?;
    // The undo journal holds records in the old shape.
    store.forget_undo()?;
    for name in RETIRED_TREES {
        store.db.drop_tree(name)?;
    }
    stamp(store)
}

fn stamp(store: &Store) -> Result<()> {
    store
        .meta()
        .insert(SCHEMA_KEY, &u64::from(CURRENT).to_be_bytes())?;
    store.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn v1_person_fields_move_under_person_once() {
        let mut r = json!({"id": 3, "full_name": "Петров П.", "consent_date": "2024-09-01",
                           "consent_by_guardian": true, "capacity": 2});
        upgrade_record("mentors", 1, &mut r);
        let again = r.clone();
        upgrade_record("mentors", 1, &mut r);
        assert_eq!(r, again);
        assert_eq!(r["person"]["full_name"], "Петров П.");
        assert_eq!(
            r["person"]["consent"],
            json!({"date": "2024-09-01", "by_guardian": true})
        );
        assert_eq!(r["capacity"], 2);
        assert!(r.get("full_name").is_none());
    }
}
