//! Mentoring between employees under ТК РФ ст. 351.8 (in force since
//! 01.03.2025): the mentor's written consent, the agreement (an additional
//! agreement or the contract) with its number, date and period, the pay
//! basis; and the mentor's written notice at least three working days
//! before mentoring ends early.

use super::calendar::Calendar;
use super::vocab::{Form, UnitStatus};
use super::Unit;
use crate::i18n::Lang;
use chrono::NaiveDate;

/// The forms in which an employee mentors another employee.
pub fn applies(form: Form) -> bool {
    matches!(form, Form::TeacherTeacher | Form::HeadTeacher)
}

/// What the article asks the school to keep for such a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    Consent,
    Agreement,
    Period,
    PayBasis,
}

impl Term {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Term::Consent => lang.pick("согласие наставника", "the mentor's consent"),
            Term::Agreement => lang.pick(
                "соглашение (номер и дата)",
                "the agreement (number and date)",
            ),
            Term::Period => lang.pick("срок наставничества", "the period of mentoring"),
            Term::PayBasis => lang.pick("основание оплаты", "the pay basis"),
        }
    }
}

/// The terms an employees' pair lacks (none for other forms).
pub fn missing_terms(u: &Unit) -> Vec<Term> {
    if !applies(u.form) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if u.mentor_consent.is_none() {
        out.push(Term::Consent);
    }
    if u.agreement_no.trim().is_empty() || u.agreement_date.is_none() {
        out.push(Term::Agreement);
    }
    if u.agreement_from.is_none() || u.agreement_to.is_none() {
        out.push(Term::Period);
    }
    if u.pay_basis.is_none() {
        out.push(Term::PayBasis);
    }
    out
}

/// The end of an active employees' pair's agreement period, when it is
/// before `on`: the pair goes on past what was agreed.
pub fn agreement_ended(u: &Unit, on: NaiveDate) -> Option<NaiveDate> {
    let to = u.agreement_to?;
    (applies(u.form) && u.status == UnitStatus::Active && to < on).then_some(to)
}

/// Three working days' written notice.
pub const NOTICE_DAYS: u32 = 3;

/// What is wrong with how an employees' pair ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "gap", rename_all = "snake_case")]
pub enum NoticeGap {
    /// No date of the mentor's written notice.
    NoNotice,
    /// Ended before three working days passed after the notice.
    TooShort {
        notice: NaiveDate,
        earliest: NaiveDate,
    },
}

/// For a terminated employees' pair with its end date: whether the notice
/// is missing or too short, working days counted on `cal`.
pub fn notice_gap(u: &Unit, cal: &Calendar) -> Option<NoticeGap> {
    if !applies(u.form) || u.status != UnitStatus::Terminated {
        return None;
    }
    let end = u.end?;
    match u.notice_date {
        None => Some(NoticeGap::NoNotice),
        Some(notice) => {
            let earliest = cal.working_days_after(notice, NOTICE_DAYS);
            (end < earliest).then_some(NoticeGap::TooShort { notice, earliest })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_employees_pair_lacks_its_terms_and_its_notice() {
        let cal = Calendar::default();
        let mut u = Unit {
            form: Form::TeacherTeacher,
            status: UnitStatus::Active,
            ..Unit::default()
        };
        assert_eq!(missing_terms(&u).len(), 4);
        u.mentor_consent = Some(d(2026, 2, 20));
        u.agreement_no = "7".into();
        u.agreement_date = Some(d(2026, 2, 25));
        u.agreement_from = Some(d(2026, 3, 1));
        u.agreement_to = Some(d(2027, 2, 28));
        u.pay_basis = Some(super::super::PayBasis::Allowance);
        assert!(missing_terms(&u).is_empty());
        // The agreement runs to 28.02.2027: on its last day the pair is in
        // time, the day after it is not.
        assert_eq!(agreement_ended(&u, d(2027, 2, 28)), None);
        assert_eq!(agreement_ended(&u, d(2027, 3, 1)), Some(d(2027, 2, 28)));
        u.status = UnitStatus::Terminated;
        u.end = Some(d(2026, 3, 4));
        assert_eq!(notice_gap(&u, &cal), Some(NoticeGap::NoNotice));
        u.notice_date = Some(d(2026, 3, 2));
        assert_eq!(
            notice_gap(&u, &cal),
            Some(NoticeGap::TooShort {
                notice: d(2026, 3, 2),
                earliest: d(2026, 3, 5)
            })
        );
        u.end = Some(d(2026, 3, 5));
        assert_eq!(notice_gap(&u, &cal), None);
        let pupils = Unit {
            form: Form::PupilPupil,
            ..u
        };
        assert!(missing_terms(&pupils).is_empty() && notice_gap(&pupils, &cal).is_none());
    }
}
