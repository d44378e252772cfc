//! The meeting log of a pair or group.

use super::vocab::{MeetingFormat, MeetingKind};
use super::Id;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// A person who attended: a mentor or a mentee of the unit. As the
/// respondent of a questionnaire it may also be the curator of an
/// organisation (the id is the organisation's): the curator's SWOT answers
/// are the school's, not a person record's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "role", content = "id", rename_all = "snake_case")]
pub enum PersonRef {
    Mentor(Id),
    Mentee(Id),
    Curator(Id),
}

/// A blank response's respondent, until the form names one.
impl Default for PersonRef {
    fn default() -> Self {
        PersonRef::Mentee(0)
    }
}

/// Обратная связь after a meeting: usefulness marks 1–5 and a comment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Feedback {
    pub mentee_mark: Option<u8>,
    pub mentor_mark: Option<u8>,
    pub comment: String,
}

impl Feedback {
    pub fn is_given(&self) -> bool {
        self.mentee_mark.is_some() || self.mentor_mark.is_some() || !self.comment.trim().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Meeting {
    pub id: Id,
    pub org_id: Id,
    pub archived: bool,
    pub unit_id: Id,
    pub date: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub duration_min: Option<u32>,
    pub kind: MeetingKind,
    pub format: MeetingFormat,
    pub place: String,
    pub topic: String,
    /// What was done (multi-line).
    pub outcome: String,
    pub next_steps: String,
    pub attendees: Vec<PersonRef>,
    pub feedback: Feedback,
}

/// What status and timelines need of a meeting, without its texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingBrief {
    pub id: Id,
    pub date: NaiveDate,
    pub kind: MeetingKind,
    pub feedback_given: bool,
    pub archived: bool,
}

/// Each unit's meetings in brief, ordered by date then id.
pub type Timelines = std::collections::BTreeMap<Id, Vec<MeetingBrief>>;

impl Meeting {
    pub fn brief(&self) -> MeetingBrief {
        MeetingBrief {
            id: self.id,
            date: self.date,
            kind: self.kind,
            feedback_given: self.feedback.is_given(),
            archived: self.archived,
        }
    }
}

/// Puts a brief into its unit's timeline, replacing the one with its id.
pub fn place_brief(timeline: &mut Vec<MeetingBrief>, brief: MeetingBrief) {
    timeline.retain(|b| b.id != brief.id);
    let at = timeline.partition_point(|b| (b.date, b.id) < (brief.date, brief.id));
    timeline.insert(at, brief);
}

/// The timelines of a set of meetings (for data not read from a store).
pub fn timelines_of<'a>(meetings: impl Iterator<Item = &'a Meeting>) -> Timelines {
    let mut t = Timelines::new();
    for m in meetings {
        place_brief(t.entry(m.unit_id).or_default(), m.brief());
    }
    t
}
