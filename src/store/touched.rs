//! What the writes of this process have touched since it was last asked:
//! the records and the units whose meeting timelines changed. An interface
//! holding the data in memory reads just those again after its own save,
//! not the whole database.

use super::entity::{Entity, EntityKind};
use super::error::Result;
use super::Store;
use crate::domain::{Dataset, Id, Timelines};
use std::collections::{BTreeMap, BTreeSet};

/// Past this many records the set is let go of and whoever asks reads
/// everything again (an import of thousands is faster read whole, and a
/// long command line run keeps no growing set).
const MOST: usize = 5_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    /// More was touched than is kept: read everything again.
    pub overflow: bool,
    pub records: BTreeSet<(EntityKind, Id)>,
    /// Units whose timeline was written.
    pub timelines: BTreeSet<Id>,
}

impl Touched {
    pub fn is_empty(&self) -> bool {
        !self.overflow && self.records.is_empty() && self.timelines.is_empty()
    }

    pub(super) fn record(&mut self, kind: EntityKind, id: Id) {
        if !self.overflow {
            self.records.insert((kind, id));
            self.trim();
        }
    }

    pub(super) fn timeline(&mut self, unit: Id) {
        if !self.overflow {
            self.timelines.insert(unit);
            self.trim();
        }
    }

    pub(super) fn absorb(&mut self, other: Touched) {
        if other.overflow {
            self.everything();
        }
        if !self.overflow {
            self.records.extend(other.records);
            self.timelines.extend(other.timelines);
            self.trim();
        }
    }

    /// Nothing is known in detail: whoever asks reads everything.
    pub(super) fn everything(&mut self) {
        *self = Touched {
            overflow: true,
            ..Touched::default()
        };
    }

    fn trim(&mut self) {
        if self.records.len() + self.timelines.len() > MOST {
            self.everything();
        }
    }
}

impl Store {
    /// What was touched since the last call, and forgets it.
    pub fn take_touched(&self) -> Touched {
        match self.touched.lock() {
            Ok(mut t) => std::mem::take(&mut *t),
            Err(_) => Touched {
                overflow: true,
                ..Touched::default()
            },
        }
    }

    pub(super) fn note_touched(&self, t: Touched) {
        if let Ok(mut mine) = self.touched.lock() {
            mine.absorb(t);
        }
    }

    /// A write that went around the transactions (a bulk load, an
    /// erasure's rewrite): nothing can be read in part after it.
    pub(super) fn touched_everything(&self) {
        if let Ok(mut mine) = self.touched.lock() {
            mine.everything();
        }
    }

    /// Brings data read without the meeting log (and its timelines) up to
    /// date with what was touched; false when it cannot (`overflow`), and
    /// the caller reads everything.
    pub fn patch(
        &self,
        touched: &Touched,
        data: &mut Dataset,
        timelines: &mut Timelines,
    ) -> Result<bool> {
        if touched.overflow {
            return Ok(false);
        }
        for &(kind, id) in &touched.records {
            match kind {
                EntityKind::Organisation => self.reread(&mut data.orgs, id)?,
                EntityKind::Partner => self.reread(&mut data.partners, id)?,
                EntityKind::Mentor => self.reread(&mut data.mentors, id)?,
                EntityKind::Mentee => self.reread(&mut data.mentees, id)?,
                EntityKind::Program => self.reread(&mut data.programs, id)?,
                EntityKind::Unit => self.reread(&mut data.units, id)?,
                // The log stays on disk; its timelines follow below.
                EntityKind::Meeting => {}
                EntityKind::SurveyTemplate => self.reread(&mut data.templates, id)?,
                EntityKind::SurveyResponse => self.reread(&mut data.responses, id)?,
                EntityKind::RoadmapItem => self.reread(&mut data.roadmap, id)?,
                EntityKind::Document => self.reread(&mut data.documents, id)?,
            }
        }
        for &unit in &touched.timelines {
            match self.timeline_of(unit)? {
                Some(list) => timelines.insert(unit, list),
                None => timelines.remove(&unit),
            };
        }
        Ok(true)
    }

    fn reread<E: Entity>(&self, map: &mut BTreeMap<Id, E>, id: Id) -> Result<()> {
        match self.get::<E>(id)? {
            Some(e) => map.insert(id, e),
            None => map.remove(&id),
        };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn past_the_limit_only_everything_is_known() {
        let mut t = Touched::default();
        assert!(t.is_empty());
        t.record(EntityKind::Mentor, 1);
        t.timeline(7);
        assert_eq!(t.records.len(), 1);
        let mut big = Touched::default();
        for id in 0..=MOST as Id {
            big.record(EntityKind::Mentee, id);
        }
        assert!(big.overflow && big.records.is_empty());
        t.absorb(big);
        assert!(t.overflow && t.records.is_empty() && t.timelines.is_empty());
        t.record(EntityKind::Unit, 3);
        assert!(t.records.is_empty(), "nothing is kept once everything is");
    }
}
