//! `indicators`: the six indicators of seed 002 with this year's value and
//! the targets the curator entered. Shares need the totals from the
//! organisation's settings; a missing total is «нет данных», never 0 %.

use super::coverage::reach;
use super::model::{Cell, Report, Table};
use super::{period_rule, Params};
use crate::domain::*;
use crate::i18n::Lang;
use crate::surveys::analysis::satisfaction;

/// One indicator's value: a share with its numerator and denominator, or a
/// satisfaction level with its number of respondents.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub name_ru: &'static str,
    pub name_en: &'static str,
    pub value: Option<f64>,
    /// «8 из 25», «ответили 12».
    pub basis: String,
    pub targets: Vec<Option<f64>>,
}

fn share(n: usize, total: Option<u32>, lang: Lang) -> (Option<f64>, String) {
    match total {
        Some(t) if t > 0 => (
            Some(n as f64 / f64::from(t) * 100.0),
            format!("{n} {} {t}", lang.pick("из", "of")),
        ),
        _ => (
            None,
            format!(
                "{n} {}",
                lang.pick("из ? (нет общего числа)", "of ? (no total)")
            ),
        ),
    }
}

/// The totals of the organisations in scope; a total is known only when
/// every organisation entered it.
fn totals(ds: &Dataset, p: &Params) -> Totals {
    let orgs: Vec<&Organisation> = ds
        .orgs
        .values()
        .filter(|o| !o.archived && p.in_org(o.id))
        .collect();
    let sum = |f: fn(&Totals) -> Option<u32>| -> Option<u32> {
        if orgs.is_empty() {
            return None;
        }
        orgs.iter().map(|o| f(&o.totals)).sum()
    };
    Totals {
        pupils: sum(|t| t.pupils),
        pupils_10_19: sum(|t| t.pupils_10_19),
        pupils_15_19: sum(|t| t.pupils_15_19),
        young_teachers: sum(|t| t.young_teachers),
        enterprises: sum(|t| t.enterprises),
    }
}

/// The targets shown: the organisation's own, or for all organisations the
/// default one's (the district enters its plan there).
fn targets<'a>(ds: &'a Dataset, p: &Params) -> &'a [YearTargets] {
    let org = match p.org {
        Some(id) => ds.orgs.get(&id),
        None => ds.default_org(),
    };
    org.map(|o| o.targets.as_slice()).unwrap_or(&[])
}

/// Name (ru, en), value and basis, and where the year's target is.
type Row = (
    &'static str,
    &'static str,
    (Option<f64>, String),
    fn(&YearTargets) -> Option<f64>,
);

pub fn compute(ds: &Dataset, p: &Params) -> Vec<Indicator> {
    let r = reach(ds, p, (10, 19), (15, 19));
    let t = totals(ds, p);
    let years = targets(ds, p);
    let lang = p.lang;
    let scope = p.survey_scope();
    let sat = |a| {
        let s = satisfaction(ds, a, &scope, p.satisfaction);
        let basis = crate::tr!(lang, "ответили {}", "{} answered", s.respondents);
        (s.percent, basis)
    };
    let rows: [Row; 6] = [
        (
            "Доля детей в возрасте от 10 до 19 лет, вошедших в программы наставничества в роли наставляемого, %",
            "Share of children aged 10–19 in the programs as mentees, %",
            share(r.pupil_mentees.total.len(), t.pupils_10_19, lang),
            |y| y.mentees_10_19_pct,
        ),
        (
            "Доля детей и подростков в возрасте от 15 до 19 лет, вошедших в программы наставничества в роли наставника, %",
            "Share of children aged 15–19 in the programs as mentors, %",
            share(r.pupil_mentors.total.len(), t.pupils_15_19, lang),
            |y| y.mentors_15_19_pct,
        ),
        (
            "Доля учителей – молодых специалистов, вошедших в программы наставничества в роли наставляемого, %",
            "Share of young teachers in the programs as mentees, %",
            share(r.young_teachers.total.len(), t.young_teachers, lang),
            |y| y.young_teachers_pct,
        ),
        (
            "Доля предприятий (организаций), вошедших в программы наставничества, предоставив своих наставников, %",
            "Share of enterprises that provided mentors, %",
            share(r.enterprises.total.len(), t.enterprises, lang),
            |y| y.enterprises_pct,
        ),
        (
            "Уровень удовлетворённости наставляемых участием в программах наставничества, %",
            "Mentees' satisfaction with the programs, %",
            sat(Audience::Mentee),
            |y| y.mentee_satisfaction_pct,
        ),
        (
            "Уровень удовлетворённости наставников участием в программах наставничества, %",
            "Mentors' satisfaction with the programs, %",
            sat(Audience::Mentor),
            |y| y.mentor_satisfaction_pct,
        ),
    ];
    rows.into_iter()
        .map(|(name_ru, name_en, (value, basis), target)| Indicator {
            name_ru,
            name_en,
            value,
            basis,
            targets: years.iter().map(target).collect(),
        })
        .collect()
}

/// The year a period's figures are held against: its academic year, or,
/// for a period across academic years within one calendar year (such as
/// 01.01–31.12), that calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TargetYear {
    Academic(i32),
    Calendar(i32),
}

impl TargetYear {
    fn of(from: chrono::NaiveDate, to: chrono::NaiveDate) -> Option<TargetYear> {
        use chrono::Datelike;
        match crate::domain::dates::academic_year_within(from, to) {
            Some(y) => Some(TargetYear::Academic(y)),
            None => (from.year() == to.year()).then_some(TargetYear::Calendar(from.year())),
        }
    }

    /// «2025/2026» or «2026», as the columns and `org target` write it.
    fn label(self) -> String {
        match self {
            TargetYear::Academic(y) => format!("{y}/{}", y + 1),
            TargetYear::Calendar(y) => y.to_string(),
        }
    }

    fn targets(self, years: &[YearTargets]) -> Option<&YearTargets> {
        match self {
            TargetYear::Academic(y) => crate::domain::org::targets_for(years, y),
            TargetYear::Calendar(y) => years.iter().find(|t| t.year.trim() == y.to_string()),
        }
    }
}

/// Which target year the actual figures are held against, and why.
fn target_rule(year: Option<TargetYear>, applies: Option<&YearTargets>, p: &Params) -> String {
    match (year, applies) {
        (Some(TargetYear::Academic(y)), Some(t)) => crate::tr!(
            p.lang,
            "План: факт {y}/{} сравнивается с целями столбца «План {}» (цели на учебный год, а если их нет — на календарный год его начала).",
            "Target: the {y}/{} actual is held against the «Target {}» column (the academic year's targets, else those of the calendar year it starts in).",
            y + 1,
            t.year
        ),
        (Some(TargetYear::Calendar(y)), Some(t)) => crate::tr!(
            p.lang,
            "План: период — календарный год, факт {y} сравнивается с целями столбца «План {}».",
            "Target: the period is a calendar year; the {y} actual is held against the «Target {}» column.",
            t.year
        ),
        (Some(TargetYear::Academic(y)), None) => crate::tr!(
            p.lang,
            "План: целей на {y}/{} (или на {y}) не задано: nastavnik org target {y}/{} …",
            "Target: none set for {y}/{} (nor {y}): nastavnik org target {y}/{} …",
            y + 1,
            y + 1
        ),
        (Some(TargetYear::Calendar(y)), None) => crate::tr!(
            p.lang,
            "План: целей на {y} не задано: nastavnik org target {y} …",
            "Target: none set for {y}: nastavnik org target {y} …"
        ),
        (None, _) => p
            .pick(
                "План: период охватывает несколько учебных лет, цели одного года к нему не применяются.",
                "Target: the period spans several academic years; no single year's targets apply.",
            )
            .into(),
    }
}

pub fn report(ds: &Dataset, p: &Params) -> Report {
    let indicators = compute(ds, p);
    let years = targets(ds, p);
    // The period's academic (or calendar) year names the actual column and
    // picks the target compared; a period across years says so instead.
    let year = TargetYear::of(p.from, p.to);
    let actual = match year {
        Some(y) => format!("{} {}", p.pick("Факт", "Actual"), y.label()),
        None => p.pick("Факт за период", "Actual for the period").into(),
    };
    let applies = year.and_then(|y| y.targets(years));
    let mut columns = vec![
        "№".to_string(),
        p.pick("Наименование показателя", "Indicator").into(),
        p.pick("Расчёт", "Basis").into(),
        actual,
    ];
    columns.extend(
        years
            .iter()
            .map(|y| format!("{} {}", p.pick("План", "Target"), y.year)),
    );
    let mut table = Table::new(columns);
    for (i, ind) in indicators.iter().enumerate() {
        let mut row = vec![
            Cell::Int(i as u64 + 1),
            Cell::text(p.pick(ind.name_ru, ind.name_en)),
            Cell::text(ind.basis.clone()),
            Cell::Pct(ind.value),
        ];
        row.extend(ind.targets.iter().map(|t| Cell::Pct(*t)));
        table.rows.push(row);
    }
    let mut report = Report {
        title: p
            .pick(
                "Показатели реализации целевой модели наставничества",
                "Indicators of the target model of mentoring",
            )
            .into(),
        ..Report::default()
    };
    report.table(None, table);
    report.rules = vec![
        period_rule(p),
        crate::tr!(p.lang, "Доли: число разных людей (организаций) в учтённых парах ÷ общее число из настроек организации × 100; если общего числа нет — «нет данных». Возраст — полных лет на {}, от 10 до 19 и от 15 до 19 лет включительно (в форме охвата — до 18).", "Shares: distinct people (organisations) in counted pairs ÷ the total from the organisation's settings × 100; without a total, «no data». Age in full years on {}, 10–19 and 15–19 inclusive (the coverage form uses 18).", crate::domain::dates::format_date(p.as_of)),
        format!(
            "{}: {}.",
            p.pick("Удовлетворённость", "Satisfaction"),
            p.satisfaction.describe(p.lang)
        ),
        super::surveys::sources_rule(ds, p),
        target_rule(year, applies, p),
    ];
    report
}
