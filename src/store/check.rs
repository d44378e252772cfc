//! `nastavnik check`: the whole database read and cross-checked, every
//! finding a line.

use super::entity::Entity;
use super::error::Result;
use super::history::HistoryEntry;
use super::layout;
use super::Store;
use crate::domain::references::dangling;
use crate::domain::*;
use crate::i18n::Lang;
use crate::tr;
use std::collections::BTreeMap;

/// One thing `check` found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A record or history entry that does not decode, with the error.
    Unreadable(String),
    HistoryKey(Vec<u8>),
    /// Indexes and references are not checked over unreadable records.
    NotChecked,
    /// A reference to a record that is not there, described.
    Dangling(String),
    CounterBehind {
        tree: &'static str,
        counter: u64,
        max: u64,
    },
    /// An index or timeline entry out of step with the records.
    Index(String),
}

impl Finding {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Finding::Unreadable(e) => e.clone(),
            Finding::HistoryKey(k) => tr!(
                lang,
                "{}: ключ {k:?} не читается",
                "{}: the key {k:?} does not read",
                layout::HISTORY_TREE
            ),
            Finding::NotChecked => lang
                .pick(
                    "индексы и ссылки не проверены: есть нечитаемые записи",
                    "indexes and references not checked: some records do not read",
                )
                .into(),
            Finding::Dangling(d) => tr!(
                lang,
                "ссылка на несуществующую запись: {d}",
                "a reference to nothing: {d}"
            ),
            Finding::CounterBehind { tree, counter, max } => tr!(
                lang,
                "{tree}: счётчик id {counter} меньше наибольшего id {max}",
                "{tree}: the id counter {counter} is behind the largest id {max}"
            ),
            Finding::Index(text) => text.clone(),
        }
    }
}

impl Store {
    /// Every record and history entry readable, every index entry pointing
    /// at its record and back, every reference resolving, every unit's
    /// timeline equal to its meetings, the id counters ahead of the ids.
    /// Empty when the database is healthy.
    pub fn check(&self) -> Result<Vec<Finding>> {
        let mut found = Vec::new();
        let before = found.len();
        // Each record decoded once: the cross-checks below use the same.
        let ds = Dataset {
            orgs: self.readable(&mut found)?,
            partners: self.readable(&mut found)?,
            mentors: self.readable(&mut found)?,
            mentees: self.readable(&mut found)?,
            programs: self.readable(&mut found)?,
            units: self.readable(&mut found)?,
            meetings: self.readable(&mut found)?,
            templates: self.readable(&mut found)?,
            responses: self.readable(&mut found)?,
            roadmap: self.readable(&mut found)?,
            documents: self.readable(&mut found)?,
        };
        let unreadable = found.len() > before;
        for kv in self.trees[layout::HISTORY].iter() {
            let (k, v) = kv?;
            match layout::parse_history_key(&k) {
                None => found.push(Finding::HistoryKey(k.to_vec())),
                Some((kind, id, seq)) => {
                    if let Err(e) = serde_json::from_slice::<HistoryEntry>(&v) {
                        found.push(Finding::Unreadable(format!(
                            "{} {} #{id} ({seq}): {e}",
                            layout::HISTORY_TREE,
                            kind.tree()
                        )));
                    }
                }
            }
        }
        if unreadable {
            found.push(Finding::NotChecked);
            return Ok(found);
        }
        found.extend(
            dangling(&ds)
                .iter()
                .map(|d| Finding::Dangling(d.to_string())),
        );
        found.extend(self.verify_indexes_of(&ds)?.into_iter().map(Finding::Index));
        Ok(found)
    }
}

impl Store {
    /// Each record of a kind decodes as its type; the id counter is ahead.
    /// The records that decode, by id.
    fn readable<E: Entity>(&self, found: &mut Vec<Finding>) -> Result<BTreeMap<Id, E>> {
        let kind = E::KIND;
        let mut max = 0;
        let mut records = BTreeMap::new();
        for kv in self.tree(kind).iter() {
            let (k, v) = kv?;
            let id = layout::read_u64(&k);
            max = max.max(id);
            match layout::decode::<E>(&v, id) {
                Ok(record) => {
                    records.insert(id, record);
                }
                Err(e) => found.push(Finding::Unreadable(e.to_string())),
            }
        }
        let counter = self.meta_get(&layout::counter_key(kind))?.unwrap_or(0);
        if counter < max {
            found.push(Finding::CounterBehind {
                tree: kind.tree(),
                counter,
                max,
            });
        }
        Ok(records)
    }
}
