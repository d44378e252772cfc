//! The base of partner organisations (база организаций-партнёров).

use super::{FieldSpec, L};
use crate::domain::{Partner, PartnerKind};

/// The record this file declares the fields of (the macros name it `R`).
type R = Partner;

pub static PARTNER: &[FieldSpec<Partner>] = &[
    text!(
        Name,
        L("Название", "Name"),
        ["Название", "name", "Наименование"],
        name
    )
    .required(),
    choice!(
        PartnerKind,
        L("Тип", "Kind"),
        ["Тип", "kind", "Тип организации"],
        PartnerKind,
        kind
    ),
    text!(
        Contacts,
        L("Контакты", "Contacts"),
        ["Контакты", "contacts", "Контактные данные"],
        contacts
    ),
    archived!(),
];
