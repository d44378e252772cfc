//! An organisation's settings that the reports need: its name, curator,
//! year and the totals the indicators are shares of.

use super::{FieldSpec, L};
use crate::domain::Organisation;

/// The record this file declares the fields of (the macros name it `R`).
type R = Organisation;

pub static ORGANISATION: &[FieldSpec<Organisation>] = &[
    text!(Name, L("Название", "Name"), [], name).required(),
    text!(
        Municipality,
        L("Муниципалитет", "Municipality"),
        [],
        municipality
    ),
    text!(Curator, L("Куратор", "Curator"), [], curator),
    text!(
        CuratorPhone,
        L("Телефон куратора", "Curator's phone"),
        [],
        curator_phone
    ),
    text!(
        AcademicYear,
        L("Учебный год", "Academic year"),
        [],
        academic_year
    )
    .short(L("Уч. год", "Year")),
    number!(Pupils, L("Обучающихся всего", "Pupils"), [], totals.pupils),
    number!(
        Pupils10To19,
        L("…из них 10–19 лет", "…aged 10–19"),
        [],
        totals.pupils_10_19
    ),
    number!(
        Pupils15To19,
        L("…из них 15–19 лет", "…aged 15–19"),
        [],
        totals.pupils_15_19
    ),
    number!(
        YoungTeachers,
        L("Молодых специалистов", "Young teachers"),
        [],
        totals.young_teachers
    ),
    number!(
        Enterprises,
        L("Предприятий в округе", "Enterprises"),
        [],
        totals.enterprises
    ),
];
