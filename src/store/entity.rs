//! How each kind of record is kept: its tree, its code in keys, and the
//! index entries it owns.

use crate::domain::*;
use crate::text::fold;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A kind of record. Its number is its code in index and history keys on
/// disk: written out, never the declaration's order, so that a variant
/// moved or added elsewhere cannot make stored keys read as another kind
/// (a test pins them). A new kind takes the next free number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum EntityKind {
    Organisation = 1,
    Partner = 2,
    Mentor = 3,
    Mentee = 4,
    Program = 5,
    Unit = 6,
    Meeting = 7,
    SurveyTemplate = 8,
    SurveyResponse = 9,
    RoadmapItem = 10,
    Document = 11,
}

impl EntityKind {
    pub const ALL: [EntityKind; 11] = [
        EntityKind::Organisation,
        EntityKind::Partner,
        EntityKind::Mentor,
        EntityKind::Mentee,
        EntityKind::Program,
        EntityKind::Unit,
        EntityKind::Meeting,
        EntityKind::SurveyTemplate,
        EntityKind::SurveyResponse,
        EntityKind::RoadmapItem,
        EntityKind::Document,
    ];

    /// The sled tree holding this kind, also its name in backups.
    pub fn tree(self) -> &'static str {
        match self {
            EntityKind::Organisation => "organisations",
            EntityKind::Partner => "partners",
            EntityKind::Mentor => "mentors",
            EntityKind::Mentee => "mentees",
            EntityKind::Program => "programs",
            EntityKind::Unit => "units",
            EntityKind::Meeting => "meetings",
            EntityKind::SurveyTemplate => "survey_templates",
            EntityKind::SurveyResponse => "survey_responses",
            EntityKind::RoadmapItem => "roadmap",
            EntityKind::Document => "documents",
        }
    }

    /// One byte naming the kind inside index and history keys.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The kind's place in [`EntityKind::ALL`], for tables by kind.
    pub fn position(self) -> usize {
        // Codes run 1, 2, … in ALL's order (pinned by a test).
        usize::from(self.code()) - 1
    }

    pub fn from_code(code: u8) -> Option<EntityKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn from_tree(name: &str) -> Option<EntityKind> {
        Self::ALL.into_iter().find(|k| k.tree() == name)
    }
}

/// The index trees. Each holds keys only (empty values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Index {
    /// kind, folded name, 0, id: lookup by name.
    Name,
    /// person kind, person id, unit id: the units a person is in.
    Member,
}

impl Index {
    pub const ALL: [Index; 2] = [Index::Name, Index::Member];

    pub fn tree(self) -> &'static str {
        match self {
            Index::Name => "idx_name",
            Index::Member => "idx_member",
        }
    }
}

pub fn name_key(kind: EntityKind, name: &str, id: Id) -> Vec<u8> {
    let mut k = name_prefix(kind, name);
    k.extend_from_slice(&id.to_be_bytes());
    k
}

/// The prefix under which all records of `kind` with this name sit.
pub fn name_prefix(kind: EntityKind, name: &str) -> Vec<u8> {
    let mut k = vec![kind.code()];
    k.extend_from_slice(fold(name).as_bytes());
    k.push(0);
    k
}

pub fn member_key(kind: EntityKind, person: Id, unit: Id) -> Vec<u8> {
    let mut k = vec![kind.code()];
    k.extend_from_slice(&person.to_be_bytes());
    k.extend_from_slice(&unit.to_be_bytes());
    k
}

/// A record the store can keep.
pub trait Entity: Serialize + DeserializeOwned + Clone {
    const KIND: EntityKind;
    fn id(&self) -> Id;
    fn set_id(&mut self, id: Id);
    fn archived(&self) -> bool;
    fn set_archived(&mut self, archived: bool);
    /// The index entries this record owns in its current state.
    fn index_keys(&self) -> Vec<(Index, Vec<u8>)> {
        Vec::new()
    }
    /// For a meeting: its unit and brief, kept in the unit's timeline.
    fn timeline_entry(&self) -> Option<(Id, MeetingBrief)> {
        None
    }
}

macro_rules! entity {
    ($ty:ty, $kind:ident
        $(, index: |$s:ident| $index:expr)?
        $(, timeline: |$t:ident| $timeline:expr)?) => {
        impl Entity for $ty {
            const KIND: EntityKind = EntityKind::$kind;
            fn id(&self) -> Id {
                self.id
            }
            fn set_id(&mut self, id: Id) {
                self.id = id;
            }
            fn archived(&self) -> bool {
                self.archived
            }
            fn set_archived(&mut self, archived: bool) {
                self.archived = archived;
            }
            $(fn index_keys(&self) -> Vec<(Index, Vec<u8>)> {
                let $s = self;
                $index
            })?
            $(fn timeline_entry(&self) -> Option<(Id, MeetingBrief)> {
                let $t = self;
                $timeline
            })?
        }
    };
}

entity!(Organisation, Organisation, index: |o| vec![(
    Index::Name,
    name_key(EntityKind::Organisation, &o.name, o.id)
)]);
entity!(Partner, Partner, index: |p| vec![(
    Index::Name,
    name_key(EntityKind::Partner, &p.name, p.id)
)]);
entity!(Mentor, Mentor, index: |m| vec![(
    Index::Name,
    name_key(EntityKind::Mentor, &m.person.full_name, m.id)
)]);
entity!(Mentee, Mentee, index: |m| vec![(
    Index::Name,
    name_key(EntityKind::Mentee, &m.person.full_name, m.id)
)]);
entity!(Program, Program, index: |p| vec![(
    Index::Name,
    name_key(EntityKind::Program, &p.name, p.id)
)]);
entity!(Unit, Unit, index: |u| {
    let mentors = u
        .mentors
        .iter()
        .map(|m| (Index::Member, member_key(EntityKind::Mentor, *m, u.id)));
    let mentees = u
        .mentees
        .iter()
        .map(|m| (Index::Member, member_key(EntityKind::Mentee, *m, u.id)));
    mentors.chain(mentees).collect()
});
entity!(Meeting, Meeting, timeline: |m| Some((m.unit_id, m.brief())));
entity!(SurveyTemplate, SurveyTemplate);
entity!(SurveyResponse, SurveyResponse);
entity!(RoadmapItem, RoadmapItem);
entity!(Document, Document);

#[cfg(test)]
mod tests {
    use super::EntityKind::{self, *};

    /// The codes stored keys were written with: changing one misreads
    /// every database written before.
    #[test]
    fn the_kind_codes_on_disk_are_pinned() {
        let pinned = [
            (Organisation, 1, "organisations"),
            (Partner, 2, "partners"),
            (Mentor, 3, "mentors"),
            (Mentee, 4, "mentees"),
            (Program, 5, "programs"),
            (Unit, 6, "units"),
            (Meeting, 7, "meetings"),
            (SurveyTemplate, 8, "survey_templates"),
            (SurveyResponse, 9, "survey_responses"),
            (RoadmapItem, 10, "roadmap"),
            (Document, 11, "documents"),
        ];
        assert_eq!(pinned.len(), EntityKind::ALL.len(), "a kind is not pinned");
        for (kind, code, tree) in pinned {
            assert_eq!(kind.code(), code, "{kind:?}");
            assert_eq!(EntityKind::from_code(code), Some(kind));
            assert_eq!(kind.tree(), tree);
            assert_eq!(EntityKind::from_tree(tree), Some(kind));
        }
        for (i, kind) in EntityKind::ALL.into_iter().enumerate() {
            assert_eq!(kind.position(), i, "{kind:?}");
        }
        assert_eq!(EntityKind::from_code(0), None);
        assert_eq!(EntityKind::from_code(12), None);
    }
}
