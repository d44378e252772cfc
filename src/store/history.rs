//! The change history of every record: who, when, what changed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Created,
    Updated,
    Archived,
    Restored,
    /// Personal data removed on the subject's request; the entry holds no values.
    Erased,
    /// Put back as it was before a change (a record that was new is taken out).
    Undone,
    /// A change undone, made again.
    Redone,
}

/// One field's change, both sides rendered as short text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub who: String,
    pub action: Action,
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// The fields that differ between two serialised records, by dotted path
/// (`person.full_name`). The id is never a change.
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
    flatten("", old, &mut a);
    flatten("", new, &mut b);
    let mut fields: Vec<&String> = a.keys().chain(b.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .filter(|f| f.as_str() != "id")
        .filter_map(|f| {
            let (o, n) = (
                a.get(f).cloned().unwrap_or_default(),
                b.get(f).cloned().unwrap_or_default(),
            );
            (o != n).then(|| Change {
                field: f.clone(),
                old: o,
                new: n,
            })
        })
        .collect()
}

fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&path, v, out);
            }
        }
        Value::Null => {}
        Value::String(s) => {
            if !s.is_empty() {
                out.insert(prefix.to_string(), s.clone());
            }
        }
        Value::Array(a) if a.is_empty() => {}
        Value::Bool(false) => {}
        other => {
            out.insert(prefix.to_string(), other.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_reports_nested_fields_and_skips_id() {
        let a = json!({"id": 1, "person": {"full_name": "Иванов", "grade": "9А"}, "tags": []});
        let b = json!({"id": 2, "person": {"full_name": "Иванова", "grade": "9А"}, "tags": ["x"]});
        let d = diff(&a, &b);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].field, "person.full_name");
        assert_eq!(
            (d[0].old.as_str(), d[0].new.as_str()),
            ("Иванов", "Иванова")
        );
        assert_eq!(d[1].field, "tags");
    }
}
