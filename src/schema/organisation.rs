//! An organisation's settings that the reports need: its name, curator,
//! year and the totals the indicators are shares of.

use super::access::opt_value;
use super::{Access, FieldKey, FieldSpec, Kind, Problem, Value, L};
use crate::domain::{Organisation, YearTargets};

/// The record this file declares the fields of (the macros name it `R`).
type R = Organisation;

pub static ORGANISATION: &[FieldSpec<Organisation>] = &[
    text!(Name, L("Название", "Name"), [], name).required(),
    text!(
        RegisteredName,
        L("Полное наименование", "Registered name"),
        [],
        registered_name
    ),
    text!(Inn, L("ИНН", "Taxpayer no. (INN)"), [], inn),
    text!(Ogrn, L("ОГРН", "Registration no. (OGRN)"), [], ogrn),
    text!(
        Municipality,
        L("Муниципалитет", "Municipality"),
        [],
        municipality
    ),
    text!(Director, L("Руководитель", "Head"), [], director),
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
    target!(
        TargetMentees1019,
        L(
            "Цель: наставляемых 10–19 лет, %",
            "Target: mentees 10–19, %"
        ),
        mentees_10_19_pct
    ),
    target!(
        TargetMentors1519,
        L("Цель: наставников 15–19 лет, %", "Target: mentors 15–19, %"),
        mentors_15_19_pct
    ),
    target!(
        TargetYoungTeachers,
        L("Цель: молодых специалистов, %", "Target: young teachers, %"),
        young_teachers_pct
    ),
    target!(
        TargetEnterprises,
        L("Цель: предприятий, %", "Target: enterprises, %"),
        enterprises_pct
    ),
    target!(
        TargetMenteeSatisfaction,
        L(
            "Цель: удовлетв. наставляемых, %",
            "Target: mentee satisfaction, %"
        ),
        mentee_satisfaction_pct
    ),
    target!(
        TargetMentorSatisfaction,
        L(
            "Цель: удовлетв. наставников, %",
            "Target: mentor satisfaction, %"
        ),
        mentor_satisfaction_pct
    ),
];

/// Which of the targets the form shows: those of the organisation's
/// academic year, by the one rule ([`crate::domain::org::targets_for`]).
fn target_at(o: &Organisation) -> Option<usize> {
    let start = o
        .academic_year
        .trim()
        .split('/')
        .next()?
        .trim()
        .parse::<i32>()
        .ok()?;
    let found = crate::domain::org::targets_for(&o.targets, start)?;
    o.targets.iter().position(|t| std::ptr::eq(t, found))
}

fn targets(o: &Organisation) -> Option<&YearTargets> {
    target_at(o).map(|i| &o.targets[i])
}

/// A percentage as a curator writes it: «30», «12,5», «40 %».
fn percent(t: &str) -> Result<Option<f64>, Problem> {
    let t = t.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.replace(',', ".").parse::<f64>() {
        Ok(v) if (0.0..=100.0).contains(&v) => Ok(Some(v)),
        _ => Err(Problem::Invalid {
            value: t.to_string(),
            expected: L("процент от 0 до 100", "a percentage from 0 to 100"),
        }),
    }
}

/// Writes one target of the academic year, adding the year's entry when
/// the first of its targets is set.
fn set_target(
    o: &mut Organisation,
    v: Value,
    member: fn(&mut YearTargets) -> &mut Option<f64>,
) -> Result<(), Problem> {
    let Value::Text(t) = v else { return Ok(()) };
    let value = percent(&t)?;
    let year = o.academic_year.trim().to_string();
    let at = o
        .targets
        .iter()
        .position(|x| !year.is_empty() && x.year.trim() == year);
    match (at, value) {
        (Some(i), v) => *member(&mut o.targets[i]) = v,
        (None, None) => {}
        (None, Some(_)) if year.is_empty() => {
            return Err(Problem::Say(L(
                "сначала укажите учебный год",
                "fill in the academic year first",
            )))
        }
        (None, v) => {
            let mut entry = YearTargets {
                year,
                ..YearTargets::default()
            };
            *member(&mut entry) = v;
            o.targets.push(entry);
        }
    }
    Ok(())
}

fn shown(v: Option<f64>) -> Value {
    opt_value(v.map(|v| v.to_string().replace('.', ",")))
}
