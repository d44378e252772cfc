//! The base of mentees (база наставляемых), in the order the form shows it
//! and the export writes it.

use super::person::{self as p, lift, parse_wishes, wishes_text};
use super::{Access, FieldKey, FieldSpec, Kind, L};
use crate::domain::{Mentee, MenteeCategory};

/// The record this file declares the fields of (the macros name it `R`).
type R = Mentee;

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
    FieldSpec::<R>::new(
        FieldKey::Wishes,
        p::WISHES,
        &[],
        Kind::Tags,
        Access::Custom(
            |m, ctx| {
                wishes_text(&m.person.wishes, |id| {
                    ctx.ds.mentors.get(&id).map(|e| e.person.full_name.clone())
                })
            },
            |m, v, ctx| {
                let people = ctx
                    .ds
                    .mentors
                    .values()
                    .map(|e| (e.id, &e.person, e.archived));
                m.person.wishes = parse_wishes(&v.into_text(), people)?;
                Ok(())
            },
        ),
    ),
    lift(&p::NOTES),
];
