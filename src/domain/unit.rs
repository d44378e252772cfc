//! Mentoring units: a pair, or a group of mentors and mentees.

use super::meeting::PersonRef;
use super::vocab::{AgreementKind, Form, MentoringKind, PayBasis, UnitStatus};
use super::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Наставническая пара или группа.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Unit {
    pub id: Id,
    pub org_id: Id,
    pub archived: bool,
    pub mentors: Vec<Id>,
    pub mentees: Vec<Id>,
    pub form: Form,
    /// Ролевая модель, e.g. «опытный педагог – молодой специалист».
    pub role_model: String,
    pub kind: Option<MentoringKind>,
    pub program_id: Option<Id>,
    pub start: Option<NaiveDate>,
    /// Приказ о закреплении from the base of documents; when named, its
    /// number and date are the pair's order (see `Dataset::order_of`).
    pub order_id: Option<Id>,
    /// Приказ о закреплении not kept in the base: number and date.
    pub order_no: String,
    pub order_date: Option<NaiveDate>,
    pub planned_end: Option<NaiveDate>,
    /// Место реализации.
    pub place: String,
    pub status: UnitStatus,
    pub end: Option<NaiveDate>,
    pub end_reason: String,
    pub result: String,
    /// Ссылка на кейс/отзыв.
    pub case_link: String,
    /// ТК РФ ст. 351.8, for an employee mentoring an employee: the
    /// mentor's written consent, the agreement, its period, the pay basis,
    /// and the date of the mentor's notice when mentoring ends early.
    pub mentor_consent: Option<NaiveDate>,
    pub agreement_kind: Option<AgreementKind>,
    pub agreement_no: String,
    pub agreement_date: Option<NaiveDate>,
    pub agreement_from: Option<NaiveDate>,
    pub agreement_to: Option<NaiveDate>,
    pub pay_basis: Option<PayBasis>,
    pub notice_date: Option<NaiveDate>,
}

impl Unit {
    /// The mentors then the mentees, as references to people.
    pub fn people(&self) -> impl Iterator<Item = PersonRef> + '_ {
        self.mentors
            .iter()
            .map(|m| PersonRef::Mentor(*m))
            .chain(self.mentees.iter().map(|e| PersonRef::Mentee(*e)))
    }

    /// More than one person on either side makes a group.
    pub fn is_group(&self) -> bool {
        self.mentors.len() > 1 || self.mentees.len() > 1
    }

    /// Occupies its mentors' capacity: not archived, формируется or активна.
    pub fn is_live(&self) -> bool {
        !self.archived && self.status.is_live()
    }

    /// Whether the unit's period (start to end, or open) overlaps `from..=to`.
    /// A unit with no start date is taken to run from the beginning.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let starts_in_time = self.start.is_none_or(|s| s <= to);
        let ends_in_time = self.end.is_none_or(|e| e >= from);
        starts_in_time && ends_in_time
    }
}
