//! Mentoring between employees under ТК РФ ст. 351.8 (in force since
//! 01.03.2025): the mentor's written consent, the agreement (an additional
//! agreement or the contract) with its number, date and period, the pay
//! basis; and the mentor's written notice at least three working days
//! before mentoring ends early.

use super::vocab::{Form, UnitStatus};
use super::Unit;
use crate::i18n::Lang;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

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

/// Non-working public holidays fixed by ТК РФ ст. 112. The government's
/// yearly transfers of days off are not known here.
fn is_holiday(d: NaiveDate) -> bool {
    matches!(
        (d.month(), d.day()),
        (1, 1..=8) | (2, 23) | (3, 8) | (5, 1) | (5, 9) | (6, 12) | (11, 4)
    )
}

pub fn is_working_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !is_holiday(d)
}

/// The day `n` working days after `d` (not counting `d`).
pub fn working_days_after(d: NaiveDate, n: u32) -> NaiveDate {
    let mut day = d;
    let mut left = n;
    while left > 0 {
        day += Duration::days(1);
        if is_working_day(day) {
            left -= 1;
        }
    }
    day
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
/// is missing or too short.
pub fn notice_gap(u: &Unit) -> Option<NoticeGap> {
    if !applies(u.form) || u.status != UnitStatus::Terminated {
        return None;
    }
    let end = u.end?;
    match u.notice_date {
        None => Some(NoticeGap::NoNotice),
        Some(notice) => {
            let earliest = working_days_after(notice, NOTICE_DAYS);
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
    fn three_working_days_skip_weekends_and_holidays() {
        // Monday 2 March 2026 → Thursday 5 March.
        assert_eq!(working_days_after(d(2026, 3, 2), 3), d(2026, 3, 5));
        // Thursday 5 March: Friday 6, then 8 March is a Sunday, Monday 9, Tuesday 10.
        assert_eq!(working_days_after(d(2026, 3, 5), 3), d(2026, 3, 10));
        // Friday 1 May 2026 is a holiday; from Thursday 30 April: Monday 4, Tuesday 5, Wednesday 6.
        assert_eq!(working_days_after(d(2026, 4, 30), 3), d(2026, 5, 6));
        // New year: from 30 December 2026 (Wednesday): 31 December, then 11 and 12 January.
        assert_eq!(working_days_after(d(2026, 12, 30), 3), d(2027, 1, 12));
    }

    #[test]
    fn an_employees_pair_lacks_its_terms_and_its_notice() {
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
        u.status = UnitStatus::Terminated;
        u.end = Some(d(2026, 3, 4));
        assert_eq!(notice_gap(&u), Some(NoticeGap::NoNotice));
        u.notice_date = Some(d(2026, 3, 2));
        assert_eq!(
            notice_gap(&u),
            Some(NoticeGap::TooShort {
                notice: d(2026, 3, 2),
                earliest: d(2026, 3, 5)
            })
        );
        u.end = Some(d(2026, 3, 5));
        assert_eq!(notice_gap(&u), None);
        let pupils = Unit {
            form: Form::PupilPupil,
            ..u
        };
        assert!(missing_terms(&pupils).is_empty() && notice_gap(&pupils).is_none());
    }
}
