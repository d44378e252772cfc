//! The base of mentees (база наставляемых), in the order the form shows it
//! and the export writes it.

use super::person::{self as p, lift};
use super::{FieldSpec, L};
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
    p::wishes(),
    lift(&p::NOTES),
    archived!(),
];
