//! The hard rules a candidate pair must satisfy, each with its reason, so
//! that a mentor picked by hand can be warned about exactly what breaks.

use crate::domain::*;
use crate::i18n::Lang;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// No form of mentoring admits these two categories.
    NoForm,
    NoConsent,
    NoPlacesLeft,
    MentorNotOlder,
    GradeNotHigher,
    OutsidePreferredAge,
    Archived,
    Rejected,
}

impl Reason {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Reason::NoForm => lang.pick(
                "ни одна форма наставничества не подходит к их категориям",
                "no form of mentoring fits their categories",
            ),
            Reason::NoConsent => {
                lang.pick("нет письменного согласия", "no written consent on file")
            }
            Reason::NoPlacesLeft => lang.pick(
                "у наставника нет свободных мест",
                "the mentor has no places left",
            ),
            Reason::MentorNotOlder => lang.pick(
                "наставник-обучающийся не старше наставляемого",
                "the pupil mentor is not older",
            ),
            Reason::GradeNotHigher => lang.pick(
                "наставник-обучающийся учится не в старшем классе",
                "the pupil mentor is not in a higher grade",
            ),
            Reason::OutsidePreferredAge => lang.pick(
                "возраст вне желаемого наставником",
                "outside the mentor's preferred age",
            ),
            Reason::Archived => lang.pick("запись в архиве", "an archived record"),
            Reason::Rejected => lang.pick(
                "куратор отклонил эту пару",
                "the curator rejected this pair",
            ),
        }
    }
}

/// What the rules need beyond the two people.
pub struct RuleContext {
    /// Places each mentor has left (capacity minus mentees in live units).
    pub places_left: BTreeMap<Id, u32>,
    /// (mentee, mentor) pairs the curator rejected.
    pub rejected: HashSet<(Id, Id)>,
    /// Ages are computed as of this date.
    pub as_of: NaiveDate,
}

impl RuleContext {
    pub fn places(&self, mentor: Id) -> u32 {
        self.places_left.get(&mentor).copied().unwrap_or(0)
    }
}

/// The rules about the two people themselves (ages, grades, the mentor's
/// wish), which a pair formed anyway goes on breaking until the data changes.
pub fn standing(mentor: &Mentor, mentee: &Mentee, as_of: NaiveDate) -> Vec<Reason> {
    let mut broken = Vec::new();
    if mentor.category == MentorCategory::Pupil && mentee.category == MenteeCategory::Pupil {
        if let (Some(a), Some(b)) = (mentor.person.birth_date, mentee.person.birth_date) {
            if a >= b {
                broken.push(Reason::MentorNotOlder);
            }
        }
        if let (Some(a), Some(b)) = (&mentor.person.grade, &mentee.person.grade) {
            if a.year <= b.year {
                broken.push(Reason::GradeNotHigher);
            }
        }
    }
    if let (Some(range), Some(age)) = (mentor.preferred_age, mentee.person.age_on(as_of)) {
        if !range.contains(age) {
            broken.push(Reason::OutsidePreferredAge);
        }
    }
    broken
}

/// Every rule the pair breaks (empty: admissible), and the form they would
/// have.
pub fn check(mentor: &Mentor, mentee: &Mentee, ctx: &RuleContext) -> (Option<Form>, Vec<Reason>) {
    let mut broken = Vec::new();
    let form = Form::for_pair(mentor.category, mentee.category);
    if form.is_none() {
        broken.push(Reason::NoForm);
    }
    if mentor.archived || mentee.archived {
        broken.push(Reason::Archived);
    }
    let consent = |p: &Person| p.has_valid_consent_on(ctx.as_of);
    if !consent(&mentor.person) || !consent(&mentee.person) {
        broken.push(Reason::NoConsent);
    }
    if ctx.places(mentor.id) == 0 {
        broken.push(Reason::NoPlacesLeft);
    }
    broken.extend(standing(mentor, mentee, ctx.as_of));
    if ctx.rejected.contains(&(mentee.id, mentor.id)) {
        broken.push(Reason::Rejected);
    }
    (form, broken)
}
