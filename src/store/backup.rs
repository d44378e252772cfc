//! The full, versioned JSON backup, and bulk loads into an empty database
//! (restore and demo data share the path).

use super::entity::{Entity, EntityKind};
use super::error::{Result, StoreError};
use super::history::{Action, HistoryEntry};
use super::layout::{self, BULK_MARK, HISTORY_SEQ, SCHEMA_KEY};
use super::migrate::{self, CURRENT};
use super::Store;
use crate::domain::meeting::timelines_of;
use crate::domain::*;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

pub const FORMAT: &str = "nastavnik-backup";

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Backup {
    pub format: String,
    pub schema_version: u32,
    /// The last id given out, per tree, and the last history sequence.
    pub counters: BTreeMap<String, u64>,
    pub organisations: Vec<Organisation>,
    pub partners: Vec<Partner>,
    pub mentors: Vec<Mentor>,
    pub mentees: Vec<Mentee>,
    pub programs: Vec<Program>,
    pub units: Vec<Unit>,
    pub meetings: Vec<Meeting>,
    pub survey_templates: Vec<SurveyTemplate>,
    pub survey_responses: Vec<SurveyResponse>,
    pub roadmap: Vec<RoadmapItem>,
    pub documents: Vec<Document>,
    pub history: Vec<HistoryRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRecord {
    pub tree: String,
    pub id: Id,
    pub seq: u64,
    pub entry: HistoryEntry,
}

impl Backup {
    /// A backup of a dataset that has no history yet: every record is
    /// recorded as created by `who` at `at`. Ids are kept as they are.
    pub fn from_dataset(ds: Dataset, who: &str, at: DateTime<Utc>) -> Backup {
        let mut b = Backup {
            format: FORMAT.into(),
            schema_version: CURRENT,
            organisations: ds.orgs.into_values().collect(),
            partners: ds.partners.into_values().collect(),
            mentors: ds.mentors.into_values().collect(),
            mentees: ds.mentees.into_values().collect(),
            programs: ds.programs.into_values().collect(),
            units: ds.units.into_values().collect(),
            meetings: ds.meetings.into_values().collect(),
            survey_templates: ds.templates.into_values().collect(),
            survey_responses: ds.responses.into_values().collect(),
            roadmap: ds.roadmap.into_values().collect(),
            documents: ds.documents.into_values().collect(),
            ..Backup::default()
        };
        let mut seq = 0;
        let mut history = Vec::new();
        b.for_each_kind(|kind, ids| {
            for id in ids {
                seq += 1;
                history.push(HistoryRecord {
                    tree: kind.tree().into(),
                    id,
                    seq,
                    entry: HistoryEntry {
                        at,
                        who: who.into(),
                        action: Action::Created,
                        changes: Vec::new(),
                    },
                });
            }
        });
        b.counters.insert(HISTORY_SEQ.into(), seq);
        b.history = history;
        let mut counters = BTreeMap::new();
        b.for_each_kind(|kind, ids| {
            counters.insert(
                layout::counter_key(kind),
                ids.into_iter().max().unwrap_or(0),
            );
        });
        b.counters.extend(counters);
        b
    }

    /// Parses a backup, upgrading one written by an older schema. A backup
    /// of this schema is read straight into its types (the district's
    /// 120 MB in well under the time a generic JSON tree takes).
    pub fn from_json(bytes: &[u8]) -> Result<Backup> {
        let mut b = Backup::parse(bytes)?;
        // Most files have nothing to clean: told from their bytes at once,
        // not record by record.
        if !crate::text::json_is_clean(bytes) {
            b.clean_text();
        }
        Ok(b)
    }

    /// As [`Backup::from_json`], without cleaning the text: for reading
    /// back a backup this program has just written.
    pub fn parse(bytes: &[u8]) -> Result<Backup> {
        let bad = |m: String| StoreError::BadBackup(m);
        // This schema's file, read once; any other is told by its header.
        if let Ok(b) = serde_json::from_slice::<Backup>(bytes) {
            if b.format == FORMAT && b.schema_version == CURRENT {
                return Ok(b);
            }
        }
        #[derive(Deserialize)]
        struct Header {
            #[serde(default)]
            format: String,
            #[serde(default)]
            schema_version: u32,
        }
        let header: Header = serde_json::from_slice(bytes).map_err(|e| bad(e.to_string()))?;
        if header.format != FORMAT {
            return Err(bad(format!(
                "нет отметки формата «{FORMAT}» / not a Nastavnik backup"
            )));
        }
        let version = header.schema_version;
        if version > CURRENT {
            return Err(StoreError::TooNew {
                found: version,
                known: CURRENT,
            });
        }
        if version == CURRENT {
            return serde_json::from_slice(bytes).map_err(|e| bad(e.to_string()));
        }
        let mut v: Value = serde_json::from_slice(bytes).map_err(|e| bad(e.to_string()))?;
        for kind in EntityKind::ALL {
            if let Some(records) = v.get_mut(kind.tree()).and_then(Value::as_array_mut) {
                records
                    .iter_mut()
                    .for_each(|r| migrate::upgrade_record(kind.tree(), version, r));
            }
        }
        v["schema_version"] = Value::from(CURRENT);
        serde_json::from_value(v).map_err(|e| bad(e.to_string()))
    }

    /// Cleans every string of every record as any other import does (no
    /// escape sequences, controls, bidi overrides or zero-width characters;
    /// line breaks kept): a backup or a school's export is data from outside.
    fn clean_text(&mut self) {
        clean_all(&mut self.organisations);
        clean_all(&mut self.partners);
        clean_all(&mut self.mentors);
        clean_all(&mut self.mentees);
        clean_all(&mut self.programs);
        clean_all(&mut self.units);
        clean_all(&mut self.meetings);
        clean_all(&mut self.survey_templates);
        clean_all(&mut self.survey_responses);
        clean_all(&mut self.roadmap);
        clean_all(&mut self.documents);
        clean_all(&mut self.history);
    }

    pub fn to_json(&self) -> Result<Vec<u8>> {
        let mut out =
            serde_json::to_vec_pretty(self).map_err(|e| StoreError::Rejected(e.to_string()))?;
        out.push(b'\n');
        Ok(out)
    }

    /// Calls `f` with each kind and the ids of its records.
    fn for_each_kind(&self, mut f: impl FnMut(EntityKind, Vec<Id>)) {
        fn ids<E: Entity>(v: &[E]) -> Vec<Id> {
            v.iter().map(Entity::id).collect()
        }
        f(EntityKind::Organisation, ids(&self.organisations));
        f(EntityKind::Partner, ids(&self.partners));
        f(EntityKind::Mentor, ids(&self.mentors));
        f(EntityKind::Mentee, ids(&self.mentees));
        f(EntityKind::Program, ids(&self.programs));
        f(EntityKind::Unit, ids(&self.units));
        f(EntityKind::Meeting, ids(&self.meetings));
        f(EntityKind::SurveyTemplate, ids(&self.survey_templates));
        f(EntityKind::SurveyResponse, ids(&self.survey_responses));
        f(EntityKind::RoadmapItem, ids(&self.roadmap));
        f(EntityKind::Document, ids(&self.documents));
    }

    /// Only one organisation's records and their history (a school's
    /// export for the district). Shared questionnaires (organisation 0)
    /// go along, since its answers point at them.
    pub fn only_org(mut self, org: Id) -> Backup {
        let mine = |o: Id| o == org;
        self.organisations.retain(|o| o.id == org);
        self.partners.retain(|r| mine(r.org_id));
        self.mentors.retain(|r| mine(r.org_id));
        self.mentees.retain(|r| mine(r.org_id));
        self.programs.retain(|r| mine(r.org_id));
        self.units.retain(|r| mine(r.org_id));
        self.meetings.retain(|r| mine(r.org_id));
        self.survey_templates
            .retain(|r| mine(r.org_id) || r.org_id == 0);
        self.survey_responses.retain(|r| mine(r.org_id));
        self.roadmap.retain(|r| mine(r.org_id));
        self.documents.retain(|r| mine(r.org_id));
        let mut kept: std::collections::BTreeSet<(String, Id)> = Default::default();
        self.for_each_kind(|kind, ids| {
            kept.extend(ids.into_iter().map(|id| (kind.tree().to_string(), id)))
        });
        self.history
            .retain(|h| kept.contains(&(h.tree.clone(), h.id)));
        self
    }

    /// The records as a dataset (a copy).
    pub fn to_dataset(&self) -> Dataset {
        fn map<E: Entity + Clone>(v: &[E]) -> BTreeMap<Id, E> {
            v.iter().map(|e| (e.id(), e.clone())).collect()
        }
        Dataset {
            orgs: map(&self.organisations),
            partners: map(&self.partners),
            mentors: map(&self.mentors),
            mentees: map(&self.mentees),
            programs: map(&self.programs),
            units: map(&self.units),
            meetings: map(&self.meetings),
            templates: map(&self.survey_templates),
            responses: map(&self.survey_responses),
            roadmap: map(&self.roadmap),
            documents: map(&self.documents),
        }
    }

    /// References to records the backup does not hold.
    pub fn dangling(&self) -> Vec<crate::domain::references::Dangling> {
        crate::domain::references::dangling(&self.to_dataset())
    }

    /// The records (history entries included) of a backup file of this
    /// schema, read for its shape only: every record well-formed JSON in
    /// its place, none decoded (to verify a file just written).
    pub fn count_in(bytes: &[u8]) -> Result<u64> {
        use serde::de::IgnoredAny;
        #[derive(Deserialize)]
        struct Shape {
            format: String,
            schema_version: u32,
            organisations: Vec<IgnoredAny>,
            partners: Vec<IgnoredAny>,
            mentors: Vec<IgnoredAny>,
            mentees: Vec<IgnoredAny>,
            programs: Vec<IgnoredAny>,
            units: Vec<IgnoredAny>,
            meetings: Vec<IgnoredAny>,
            survey_templates: Vec<IgnoredAny>,
            survey_responses: Vec<IgnoredAny>,
            roadmap: Vec<IgnoredAny>,
            documents: Vec<IgnoredAny>,
            history: Vec<IgnoredAny>,
        }
        let bad = |m: String| StoreError::BadBackup(m);
        let s: Shape = serde_json::from_slice(bytes).map_err(|e| bad(e.to_string()))?;
        if s.format != FORMAT || s.schema_version != CURRENT {
            return Err(bad(format!("{} {}", s.format, s.schema_version)));
        }
        let n = [
            &s.organisations,
            &s.partners,
            &s.mentors,
            &s.mentees,
            &s.programs,
            &s.units,
            &s.meetings,
            &s.survey_templates,
            &s.survey_responses,
            &s.roadmap,
            &s.documents,
            &s.history,
        ]
        .iter()
        .map(|v| v.len() as u64)
        .sum();
        Ok(n)
    }

    pub fn record_count(&self) -> u64 {
        let mut n = self.history.len() as u64;
        self.for_each_kind(|_, ids| n += ids.len() as u64);
        n
    }

    fn check(&self) -> Result<()> {
        let mut problem = None;
        self.for_each_kind(|kind, ids| {
            let max = ids.iter().copied().max().unwrap_or(0);
            let mut sorted = ids.clone();
            sorted.sort_unstable();
            sorted.dedup();
            let counter = self
                .counters
                .get(&layout::counter_key(kind))
                .copied()
                .unwrap_or(0);
            if sorted.len() != ids.len() || sorted.first() == Some(&0) || counter < max {
                problem.get_or_insert(format!(
                    "{}: повторные или нулевые id, или счётчик меньше id",
                    kind.tree()
                ));
            }
        });
        match problem {
            Some(p) => Err(StoreError::BadBackup(p)),
            None => Ok(()),
        }
    }
}

impl Store {
    /// The last id given out per kind, and the last history sequence.
    pub(crate) fn counters(&self) -> Result<BTreeMap<String, u64>> {
        let mut counters = BTreeMap::new();
        for kv in self.meta().iter() {
            let (k, v) = kv?;
            let key = String::from_utf8_lossy(&k).into_owned();
            if key.starts_with("next_id:") || key == HISTORY_SEQ {
                counters.insert(key, layout::read_u64(&v));
            }
        }
        Ok(counters)
    }

    /// History entries as a backup holds them, in key order.
    fn history_records(&self, entries: sled::Iter, into: &mut Vec<HistoryRecord>) -> Result<()> {
        for kv in entries {
            let (k, v) = kv?;
            let Some((kind, id, seq)) = layout::parse_history_key(&k) else {
                continue;
            };
            let entry = serde_json::from_slice(&v).map_err(|e| StoreError::Corrupt {
                tree: layout::HISTORY_TREE,
                id,
                reason: e.to_string(),
            })?;
            into.push(HistoryRecord {
                tree: kind.tree().into(),
                id,
                seq,
                entry,
            });
        }
        Ok(())
    }

    /// The same as `dump()?.only_org(org)`, reading only that school's
    /// meetings (through its pairs' timelines) and history (by record):
    /// on a district of 30 schools, a thirtieth of the log.
    pub fn dump_org(&self, org: Id) -> Result<Backup> {
        let mut b = self.dump_without_log()?;
        for u in b.units.iter().filter(|u| u.org_id == org) {
            for id in self.meetings_of(u.id)? {
                b.meetings.extend(self.get::<crate::domain::Meeting>(id)?);
            }
        }
        b.meetings.sort_by_key(|m| m.id);
        let mut b = b.only_org(org);
        let mut kept = Vec::new();
        b.for_each_kind(|kind, ids| kept.extend(ids.into_iter().map(|id| (kind, id))));
        kept.sort_by_key(|(kind, id)| (kind.code(), *id));
        for (kind, id) in kept {
            let entries = self.trees[layout::HISTORY].scan_prefix(layout::history_prefix(kind, id));
            self.history_records(entries, &mut b.history)?;
        }
        Ok(b)
    }

    /// Everything in the database, in a stable order (by id; history by key).
    pub fn dump(&self) -> Result<Backup> {
        let mut b = self.dump_without_log()?;
        b.meetings = self.list()?;
        self.history_records(self.trees[layout::HISTORY].iter(), &mut b.history)?;
        Ok(b)
    }

    /// Every record but the meetings, without history: the small part.
    fn dump_without_log(&self) -> Result<Backup> {
        Ok(Backup {
            format: FORMAT.into(),
            schema_version: CURRENT,
            counters: self.counters()?,
            organisations: self.list()?,
            partners: self.list()?,
            mentors: self.list()?,
            mentees: self.list()?,
            programs: self.list()?,
            units: self.list()?,
            survey_templates: self.list()?,
            survey_responses: self.list()?,
            roadmap: self.list()?,
            documents: self.list()?,
            ..Backup::default()
        })
    }

    /// Writes the same backup as [`Store::dump`] gives, as compact JSON,
    /// straight from the stored bytes: records are kept as JSON of this
    /// schema already, so nothing is decoded. Returns the records written
    /// (history entries included), to check the file against.
    pub fn write_backup_json(&self, w: &mut dyn std::io::Write) -> Result<u64> {
        let io = |e: std::io::Error| StoreError::io(self.path(), e);
        let counters = self.counters()?;
        let head =
            serde_json::to_string(&counters).map_err(|e| StoreError::Rejected(e.to_string()))?;
        write!(
            w,
            "{{\"format\":\"{FORMAT}\",\"schema_version\":{CURRENT},\"counters\":{head}"
        )
        .map_err(io)?;
        let mut records = 0;
        for kind in EntityKind::ALL {
            write!(w, ",\"{}\":[", kind.tree()).map_err(io)?;
            for (i, kv) in self.tree(kind).iter().enumerate() {
                let (_, v) = kv?;
                if i > 0 {
                    w.write_all(b",").map_err(io)?;
                }
                w.write_all(&v).map_err(io)?;
                records += 1;
            }
            w.write_all(b"]").map_err(io)?;
        }
        w.write_all(b",\"history\":[").map_err(io)?;
        let mut first = true;
        for kv in self.trees[layout::HISTORY].iter() {
            let (k, v) = kv?;
            let Some((kind, id, seq)) = layout::parse_history_key(&k) else {
                continue;
            };
            if !first {
                w.write_all(b",").map_err(io)?;
            }
            first = false;
            write!(
                w,
                "{{\"tree\":\"{}\",\"id\":{id},\"seq\":{seq},\"entry\":",
                kind.tree()
            )
            .map_err(io)?;
            w.write_all(&v).map_err(io)?;
            w.write_all(b"}").map_err(io)?;
            records += 1;
        }
        w.write_all(b"]}\n").map_err(io)?;
        Ok(records)
    }

    /// Loads a complete backup into this database, which must be empty.
    /// A mark in the meta tree stays set until the load has finished and
    /// been flushed, so an interrupted load is detected at the next open.
    pub fn load_backup(&self, b: &Backup, progress: &mut dyn FnMut(u64)) -> Result<()> {
        if !self.is_empty() {
            return Err(StoreError::NotEmpty);
        }
        b.check()?;
        self.touched_everything();
        self.forget_undo()?;
        self.meta().insert(BULK_MARK, &1u64.to_be_bytes())?;
        self.flush()?;
        self.put_all(&b.organisations, progress)?;
        self.put_all(&b.partners, progress)?;
        self.put_all(&b.mentors, progress)?;
        self.put_all(&b.mentees, progress)?;
        self.put_all(&b.programs, progress)?;
        self.put_all(&b.units, progress)?;
        self.put_all(&b.meetings, progress)?;
        self.put_all(&b.survey_templates, progress)?;
        self.put_all(&b.survey_responses, progress)?;
        self.put_all(&b.roadmap, progress)?;
        self.put_all(&b.documents, progress)?;
        for chunk in b.history.chunks(CHUNK) {
            let mut batch = sled::Batch::default();
            for h in chunk {
                let kind = EntityKind::from_tree(&h.tree).ok_or_else(|| {
                    StoreError::BadBackup(format!("неизвестная таблица {}", h.tree))
                })?;
                let bytes = serde_json::to_vec(&h.entry)
                    .map_err(|e| StoreError::Rejected(e.to_string()))?;
                batch.insert(layout::history_key(kind, h.id, h.seq), bytes);
            }
            self.trees[layout::HISTORY].apply_batch(batch)?;
            progress(chunk.len() as u64);
        }
        // From the backup in memory, not read back: a district's records
        // are not held twice.
        let mut keys = vec![Default::default(); super::Index::ALL.len()];
        super::add_index_keys(&mut keys, b.organisations.iter());
        super::add_index_keys(&mut keys, b.partners.iter());
        super::add_index_keys(&mut keys, b.mentors.iter());
        super::add_index_keys(&mut keys, b.mentees.iter());
        super::add_index_keys(&mut keys, b.programs.iter());
        super::add_index_keys(&mut keys, b.units.iter());
        self.write_derived(&keys, timelines_of(b.meetings.iter()))?;
        for (k, v) in &b.counters {
            self.meta().insert(k.as_bytes(), &v.to_be_bytes())?;
        }
        self.meta()
            .insert(SCHEMA_KEY, &u64::from(CURRENT).to_be_bytes())?;
        self.flush()?;
        self.meta().remove(BULK_MARK)?;
        self.flush()
    }

    fn put_all<E: Entity>(&self, records: &[E], progress: &mut dyn FnMut(u64)) -> Result<()> {
        for chunk in records.chunks(CHUNK) {
            let mut batch = sled::Batch::default();
            for e in chunk {
                let bytes =
                    serde_json::to_vec(e).map_err(|err| StoreError::Rejected(err.to_string()))?;
                batch.insert(&e.id().to_be_bytes(), bytes);
            }
            self.tree(E::KIND).apply_batch(batch)?;
            progress(chunk.len() as u64);
        }
        Ok(())
    }
}

const CHUNK: usize = 5_000;

/// Cleans the strings of each record, through its JSON form; a record with
/// nothing to clean is left as it is.
fn clean_all<T: Serialize + serde::de::DeserializeOwned>(records: &mut [T]) {
    for r in records {
        let Ok(mut v) = serde_json::to_value(&*r) else {
            continue;
        };
        if clean_value(&mut v) {
            if let Ok(cleaned) = serde_json::from_value(v) {
                *r = cleaned;
            }
        }
    }
}

/// Whether anything changed.
fn clean_value(v: &mut Value) -> bool {
    match v {
        Value::String(s) => {
            let clean = crate::text::sanitize(s, true);
            let changed = clean != *s;
            *s = clean;
            changed
        }
        Value::Array(a) => a.iter_mut().fold(false, |c, v| clean_value(v) | c),
        Value::Object(o) => o.values_mut().fold(false, |c, v| clean_value(v) | c),
        _ => false,
    }
}
