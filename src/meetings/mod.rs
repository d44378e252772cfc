//! The life of a pair as its meetings tell it: the stage it has reached and
//! the warnings a curator must see. Plain functions over a unit and its
//! timeline of meeting briefs.

use crate::domain::*;
use crate::tr;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a pair is in the sequence the methodology fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    NotMet,
    Introduced,
    Trial,
    Planned,
    Working,
    Finished,
}

impl Stage {
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Stage::NotMet => lang.pick("встреч не было", "no meetings yet"),
            Stage::Introduced => lang.pick("знакомство", "introduced"),
            Stage::Trial => lang.pick("пробная встреча", "trial meeting"),
            Stage::Planned => lang.pick("планирование", "planned"),
            Stage::Working => lang.pick("совместная работа", "working"),
            Stage::Finished => lang.pick("итоговая встреча", "final meeting held"),
        }
    }
}

/// The furthest stage the pair's meetings (archived ones aside) reached.
pub fn stage(timeline: &[MeetingBrief]) -> Stage {
    timeline
        .iter()
        .filter(|b| !b.archived)
        .map(|b| match b.kind {
            MeetingKind::Introduction => Stage::Introduced,
            MeetingKind::Trial => Stage::Trial,
            MeetingKind::Planning => Stage::Planned,
            MeetingKind::Working => Stage::Working,
            MeetingKind::Final => Stage::Finished,
            MeetingKind::Other => Stage::Introduced,
        })
        .max()
        .unwrap_or(Stage::NotMet)
}

/// The next kind of meeting in the sequence, for pre-filling a new one.
pub fn next_kind(timeline: &[MeetingBrief]) -> MeetingKind {
    match stage(timeline) {
        Stage::NotMet => MeetingKind::Introduction,
        Stage::Introduced => MeetingKind::Trial,
        Stage::Trial => MeetingKind::Planning,
        Stage::Planned | Stage::Working => MeetingKind::Working,
        Stage::Finished => MeetingKind::Other,
    }
}

/// The thresholds of the warnings, in `config.toml` under `[meetings]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// An active pair that has not met for this many days.
    pub no_meeting_days: i64,
    /// An active pair with no meeting this many days after its start.
    pub first_meeting_days: i64,
    /// Feedback on a working meeting is overdue after this many days.
    pub feedback_days: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            no_meeting_days: 21,
            first_meeting_days: 14,
            feedback_days: 7,
        }
    }
}

/// What is wrong with a pair's meetings, as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "issue", rename_all = "snake_case")]
pub enum MeetingIssue {
    /// Active, and the last meeting was this many days ago.
    NoMeetingFor { days: i64, last: NaiveDate },
    /// Active since `start`, and no meeting yet.
    NoFirstMeeting { start: NaiveDate },
    /// Working meetings whose mandatory feedback is overdue.
    NoFeedback { meetings: usize },
    /// A meeting dated after the as-of date.
    InFuture { date: NaiveDate },
    /// A meeting dated before the pair started.
    BeforeStart { date: NaiveDate },
    /// Still active after its planned end.
    PastPlannedEnd { planned_end: NaiveDate },
}

impl MeetingIssue {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::domain::dates::format_date as f;
        match self {
            MeetingIssue::NoMeetingFor { days, last } => tr!(
                lang,
                "нет встреч {days} дн. (последняя {})",
                "no meeting for {days} days (last {})",
                f(*last)
            ),
            MeetingIssue::NoFirstMeeting { start } => tr!(
                lang,
                "активна с {}, а встреч ещё не было",
                "active since {}, no meeting yet",
                f(*start)
            ),
            MeetingIssue::NoFeedback { meetings } => tr!(
                lang,
                "рабочих встреч без обратной связи: {meetings}",
                "working meetings without feedback: {meetings}"
            ),
            MeetingIssue::InFuture { date } => tr!(
                lang,
                "встреча с датой в будущем: {}",
                "a meeting dated in the future: {}",
                f(*date)
            ),
            MeetingIssue::BeforeStart { date } => tr!(
                lang,
                "встреча {} раньше начала пары",
                "a meeting on {} before the pair started",
                f(*date)
            ),
            MeetingIssue::PastPlannedEnd { planned_end } => tr!(
                lang,
                "плановое окончание {} прошло, пара ещё активна",
                "planned to end {}, still active",
                f(*planned_end)
            ),
        }
    }
}

/// What is odd about a meeting's date: in the future, or before the pair's
/// start. Asked about when a meeting is entered, warned about afterwards.
pub fn date_doubts(
    date: NaiveDate,
    start: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Vec<MeetingIssue> {
    let mut out = Vec::new();
    if date > as_of {
        out.push(MeetingIssue::InFuture { date });
    }
    if start.is_some_and(|s| date < s) {
        out.push(MeetingIssue::BeforeStart { date });
    }
    out
}

/// Every issue of one unit's meetings on `as_of`.
pub fn issues(
    unit: &Unit,
    timeline: &[MeetingBrief],
    as_of: NaiveDate,
    t: &Thresholds,
) -> Vec<MeetingIssue> {
    let mut out = Vec::new();
    if unit.archived {
        return out;
    }
    let held: Vec<&MeetingBrief> = timeline.iter().filter(|b| !b.archived).collect();
    for b in &held {
        out.extend(date_doubts(b.date, unit.start, as_of));
    }
    let overdue = |b: &&&MeetingBrief| (as_of - b.date).num_days() > t.feedback_days;
    let without_feedback = held
        .iter()
        .filter(|b| b.kind == MeetingKind::Working && !b.feedback_given)
        .filter(overdue)
        .count();
    if without_feedback > 0 {
        out.push(MeetingIssue::NoFeedback {
            meetings: without_feedback,
        });
    }
    if unit.status != UnitStatus::Active {
        return out;
    }
    let last = held
        .iter()
        .filter(|b| b.date <= as_of)
        .map(|b| b.date)
        .max();
    match (last, unit.start) {
        (Some(last), _) if (as_of - last).num_days() > t.no_meeting_days => {
            out.push(MeetingIssue::NoMeetingFor {
                days: (as_of - last).num_days(),
                last,
            });
        }
        (None, Some(start)) if (as_of - start).num_days() > t.first_meeting_days => {
            out.push(MeetingIssue::NoFirstMeeting { start });
        }
        _ => {}
    }
    if let Some(end) = unit.planned_end.filter(|e| *e < as_of) {
        out.push(MeetingIssue::PastPlannedEnd { planned_end: end });
    }
    out
}
