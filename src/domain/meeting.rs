//! The meeting log of a pair or group.

use super::vocab::{MeetingFormat, MeetingKind};
use super::Id;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// A person who attended: a mentor or a mentee of the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "role", content = "id", rename_all = "snake_case")]
pub enum PersonRef {
    Mentor(Id),
    Mentee(Id),
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

impl Default for Meeting {
    fn default() -> Self {
        Meeting {
            id: 0,
            org_id: 0,
            archived: false,
            unit_id: 0,
            date: NaiveDate::default(),
            start_time: None,
            duration_min: None,
            kind: MeetingKind::Working,
            format: MeetingFormat::InPerson,
            place: String::new(),
            topic: String::new(),
            outcome: String::new(),
            next_steps: String::new(),
            attendees: Vec::new(),
            feedback: Feedback::default(),
        }
    }
}
