//! The base of mentees (база наставляемых), in the order the form shows it
//! and the export writes it.

use super::person::{self as p, lift};
use super::{Access, Ctx, FieldKey, FieldSpec, Kind, L};
use crate::domain::{Id, Person};
use crate::domain::{Mentee, MenteeCategory};

/// The record this file declares the fields of (the macros name it `R`).
type R = Mentee;

/// The mentors a mentee's wishes and the matching decisions name.
fn mentors<'a>(ctx: &Ctx<'a>) -> Vec<(Id, &'a Person, bool)> {
    ctx.ds
        .mentors
        .values()
        .map(|m| (m.id, &m.person, m.archived))
        .collect()
}

pub static MENTEE: &[FieldSpec<Mentee>] = &[
    lift(&p::FULL_NAME),
    choice!(
        Category,
        L("Категория", "Category"),
        ["Категория", "category"],
        MenteeCategory,
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
    tags!(
        Request,
        L("Основной запрос", "Request"),
        ["Основной запрос", "request", "Запрос"],
        request
    )
    .short(L("Запрос", "Request")),
    lift(&p::INTERESTS),
    lift(&p::SUBJECTS),
    lift(&p::FORMS_WISHED),
    lift(&p::CONSENT),
    lift(&p::CONSENT_BY_GUARDIAN),
    lift(&p::JOINED),
    p::wishes(&["Пожелания", "wishes", "Желаемый наставник"]),
    FieldSpec::<R>::new(
        FieldKey::MatchLocked,
        L("Закреплённый наставник", "Locked mentor"),
        &["Закреплённый наставник", "locked_mentor"],
        Kind::Text,
        Access::Custom(
            |m, ctx| p::people_text(&Vec::from_iter(m.matching.locked), &mentors(ctx)),
            |m, v, ctx| {
                let found = p::parse_wishes(&v.into_text(), mentors(ctx).into_iter())?;
                m.matching.locked = found.first().copied();
                Ok(())
            },
        ),
    )
    .shown_only(),
    FieldSpec::<R>::new(
        FieldKey::MatchRejected,
        L("Отклонённые наставники", "Rejected mentors"),
        &["Отклонённые наставники", "rejected_mentors"],
        Kind::Tags,
        Access::Custom(
            |m, ctx| p::people_text(&m.matching.rejected, &mentors(ctx)),
            |m, v, ctx| {
                m.matching.rejected = p::parse_wishes(&v.into_text(), mentors(ctx).into_iter())?;
                Ok(())
            },
        ),
    )
    .shown_only(),
    lift(&p::NOTES),
    archived!(),
];
