//! `nastavnik check`: the whole database read and cross-checked, every
//! finding a line.

use super::entity::Entity;
use super::error::Result;
use super::history::HistoryEntry;
use super::layout;
use super::Store;
use crate::domain::references::dangling;
use crate::domain::*;

impl Store {
    /// Every record and history entry readable, every index entry pointing
    /// at its record and back, every reference resolving, every unit's
    /// timeline equal to its meetings, the id counters ahead of the ids.
    /// Empty when the database is healthy.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut found = Vec::new();
        let before = found.len();
        self.readable::<Organisation>(&mut found)?;
        self.readable::<Partner>(&mut found)?;
        self.readable::<Mentor>(&mut found)?;
        self.readable::<Mentee>(&mut found)?;
        self.readable::<Program>(&mut found)?;
        self.readable::<Unit>(&mut found)?;
        self.readable::<Meeting>(&mut found)?;
        self.readable::<SurveyTemplate>(&mut found)?;
        self.readable::<SurveyResponse>(&mut found)?;
        self.readable::<RoadmapItem>(&mut found)?;
        let unreadable = found.len() > before;
        for kv in self.trees[layout::HISTORY].iter() {
            let (k, v) = kv?;
            match layout::parse_history_key(&k) {
                None => found.push(format!("{}: ключ {k:?} не читается", layout::HISTORY_TREE)),
                Some((kind, id, seq)) => {
                    if let Err(e) = serde_json::from_slice::<HistoryEntry>(&v) {
                        found.push(format!(
                            "{} {} #{id} ({seq}): {e}",
                            layout::HISTORY_TREE,
                            kind.tree()
                        ));
                    }
                }
            }
        }
        if unreadable {
            found.push(
                "индексы и ссылки не проверены: есть нечитаемые записи / indexes and references not checked"
                    .into(),
            );
            return Ok(found);
        }
        let ds = self.load()?;
        found.extend(
            dangling(&ds)
                .iter()
                .map(|d| format!("ссылка на несуществующую запись / a reference to nothing: {d}")),
        );
        found.extend(self.verify_indexes_of(&ds)?);
        Ok(found)
    }
}

impl Store {
    /// Each record of a kind decodes as its type; the id counter is ahead.
    fn readable<E: Entity>(&self, found: &mut Vec<String>) -> Result<()> {
        let kind = E::KIND;
        let mut max = 0;
        for kv in self.tree(kind).iter() {
            let (k, v) = kv?;
            let id = layout::read_u64(&k);
            max = max.max(id);
            if let Err(e) = layout::decode::<E>(&v, id) {
                found.push(e.to_string());
            }
        }
        let counter = self.meta_get(&layout::counter_key(kind))?.unwrap_or(0);
        if counter < max {
            found.push(format!(
                "{}: счётчик id {counter} меньше наибольшего id {max} / the id counter is behind",
                kind.tree()
            ));
        }
        Ok(())
    }
}
