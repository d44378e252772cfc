//! The base of programs (база программ наставничества).

use super::{FieldSpec, L};
use crate::domain::{Form, MentoringKind, Program};

/// The record this file declares the fields of (the macros name it `R`).
type R = Program;

pub static PROGRAM: &[FieldSpec<Program>] = &[
    text!(Name, L("Название", "Name"), [], name).required(),
    maybe!(Form, L("Форма", "Form"), [], Form, form),
    maybe!(MentoringKind, L("Вид", "Kind"), [], MentoringKind, kind),
    multi!(Goals, L("Цели", "Goals"), [], goals),
    date!(Start, L("Начало", "Start"), [], start),
    date!(End, L("Окончание", "End"), [], end),
    multi!(
        PlannedResults,
        L("Планируемые результаты", "Planned results"),
        [],
        planned_results
    ),
    flag!(
        Effective,
        L("Лучшая практика", "Best practice"),
        [],
        effective
    ),
];
