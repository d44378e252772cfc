//! The base of mentors (база наставников), in the order the form shows it
//! and the export writes it.

use super::access::{opt_value, parsed};
use super::person::{self as p, lift};
use super::{Access, FieldKey, FieldSpec, Kind, RefKind, L};
use crate::domain::{AgeRange, Mentor, MentorCategory};

/// The record this file declares the fields of (the macros name it `R`).
type R = Mentor;

pub static MENTOR: &[FieldSpec<Mentor>] = &[
    lift(&p::FULL_NAME),
    choice!(
        Category,
        L("Категория", "Category"),
        ["Категория", "category"],
        MentorCategory,
        category
    )
    .required(),
    lift(&p::BIRTH_DATE),
    lift(&p::GRADE),
    lift(&p::EXPERIENCE),
    lift(&p::WORKPLACE),
    lift(&p::POSITION),
    lift(&p::CONTACTS),
    lift(&p::GUARDIAN),
    FieldSpec::<R>::new(
        FieldKey::Partner,
        L("Организация-партнёр", "Partner"),
        &["Организация-партнёр", "partner", "Партнёр"],
        Kind::Ref(RefKind::Partner),
        Access::Ref(|m| m.partner_id, |m, id| m.partner_id = id),
    ),
    tags!(
        Competencies,
        L("Компетенции", "Competencies"),
        ["Компетенции", "competencies", "Основные компетенции"],
        competencies
    ),
    lift(&p::INTERESTS),
    lift(&p::SUBJECTS),
    lift(&p::FORMS_OFFERED),
    lift(&p::CONSENT),
    lift(&p::CONSENT_BY_GUARDIAN),
    lift(&p::JOINED),
    // Not in files: a mentor's wishes name mentees, whose base comes in
    // after the mentors'.
    p::wishes(&[]),
    FieldSpec::<R>::new(
        FieldKey::Capacity,
        L("Макс. наставляемых", "Capacity"),
        &[
            "Макс. наставляемых",
            "capacity",
            "Максимальное число наставляемых",
        ],
        Kind::Number,
        Access::Count(|m| &m.capacity, |m| &mut m.capacity, 1),
    ),
    FieldSpec::<R>::new(
        FieldKey::PreferredAge,
        L("Желаемый возраст", "Preferred age"),
        &[
            "Желаемый возраст наставляемых",
            "preferred_age",
            "Желаемый возраст",
        ],
        Kind::Text,
        Access::Custom(
            |m, _| opt_value(m.preferred_age),
            |m, v, _| {
                m.preferred_age = parsed(
                    &v.into_text(),
                    AgeRange::parse,
                    L("диапазон вида 10-14", "a range like 10-14"),
                )?;
                Ok(())
            },
        ),
    ),
    number!(
        TimeBudget,
        L("Ресурс времени, ч/мес", "Time, h/month"),
        ["Ресурс времени", "time_budget"],
        time_budget
    ),
    text!(
        AppointmentOrder,
        L("Приказ о назначении", "Appointment order"),
        [
            "Приказ о назначении",
            "appointment_order",
            "Приказ о назначении наставником"
        ],
        appointment_order
    ),
    multi!(
        Achievements,
        L("Достижения", "Achievements"),
        ["Важные достижения", "achievements", "Достижения"],
        achievements
    ),
    lift(&p::NOTES),
    archived!(),
];
