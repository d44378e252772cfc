//! `mentors`, `mentees`: the official bases (domain.md), one row per person
//! and pair; a person not yet in a pair has one row with the pair columns
//! empty. Archived people and pairs are left out.

use super::model::{Cell, Report, Table};
use super::Params;
use crate::domain::dates::{format_date, format_opt_date};
use crate::domain::*;
use crate::i18n::Lang;
use crate::schema::{find, mentee, person, FieldSpec};
use std::collections::BTreeMap;

fn units_by<'a>(
    ds: &'a Dataset,
    p: &Params,
    side: impl Fn(&'a Unit) -> &'a [Id],
) -> BTreeMap<Id, Vec<&'a Unit>> {
    let mut by: BTreeMap<Id, Vec<&Unit>> = BTreeMap::new();
    for u in ds
        .units
        .values()
        .filter(|u| !u.archived && p.in_org(u.org_id))
    {
        for id in side(u) {
            by.entry(*id).or_default().push(u);
        }
    }
    by
}

fn term(u: &Unit) -> String {
    let end = u.end.or(u.planned_end);
    match (u.start, end) {
        (None, None) => String::new(),
        (s, e) => format!("{} – {}", format_opt_date(s), format_opt_date(e)),
    }
}

fn names(ds: &Dataset, ids: &[Id], mentor: bool) -> String {
    ids.iter()
        .map(|id| {
            if mentor {
                ds.mentors.get(id).map(|m| m.person.full_name.clone())
            } else {
                ds.mentees.get(id).map(|m| m.person.full_name.clone())
            }
            .unwrap_or_else(|| format!("#{id}"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A column named as the schema names the field, where the district's
/// form uses the same words.
fn label<R>(p: &Params, field: Option<&FieldSpec<R>>) -> String {
    field.map_or_else(String::new, |f| f.label.get(p.lang).to_string())
}

fn list(v: &[String]) -> String {
    v.join("; ")
}

fn forms(v: &[Form], lang: Lang) -> String {
    v.iter()
        .map(|f| f.label(lang))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The pair's status, the reason when it was terminated, and its result.
fn unit_result(u: &Unit, lang: Lang) -> String {
    let mut status = u.status.label(lang).to_string();
    if u.status == UnitStatus::Terminated && !u.end_reason.trim().is_empty() {
        status = crate::tr!(
            lang,
            "{status} (причина: {})",
            "{status} (reason: {})",
            u.end_reason.trim()
        );
    }
    if u.result.trim().is_empty() {
        status
    } else {
        format!("{status}: {}", u.result)
    }
}

/// The forms a person takes part in: those of their pairs first, then
/// the ones they stated, each once.
fn forms_of(mine: &[&Unit], stated: &[Form], lang: Lang) -> String {
    let mut all: Vec<Form> = Vec::new();
    for f in mine.iter().map(|u| u.form).chain(stated.iter().copied()) {
        if !all.contains(&f) {
            all.push(f);
        }
    }
    forms(&all, lang)
}

/// Who a base lists: the people of the organisation in work, and those in
/// the archive who took part in a pair the reports count for the period
/// (as coverage counts them).
fn listed(
    archived: bool,
    org_id: Id,
    id: Id,
    counted: &std::collections::BTreeSet<Id>,
    p: &Params,
) -> bool {
    p.in_org(org_id) && (!archived || counted.contains(&id))
}

/// What an employees' pair keeps under ТК РФ ст. 351.8, and what it lacks
/// («нет: …»); empty for other forms.
fn labour_terms(u: &Unit, lang: crate::i18n::Lang) -> String {
    use crate::domain::labour;
    if !labour::applies(u.form) {
        return String::new();
    }
    let mut parts = Vec::new();
    if let Some(c) = u.mentor_consent {
        parts.push(crate::tr!(
            lang,
            "согласие {}",
            "consent {}",
            format_date(c)
        ));
    }
    if !u.agreement_no.trim().is_empty() || u.agreement_date.is_some() {
        let kind = u
            .agreement_kind
            .map_or(lang.pick("соглашение", "agreement"), |k| {
                k.label(lang)
            });
        let mut a = format!("{kind} № {}", u.agreement_no.trim());
        if let Some(d) = u.agreement_date {
            a.push_str(&format!(" {} {}", lang.pick("от", "of"), format_date(d)));
        }
        if u.agreement_from.is_some() || u.agreement_to.is_some() {
            a.push_str(&format!(
                ", {}–{}",
                format_opt_date(u.agreement_from),
                format_opt_date(u.agreement_to)
            ));
        }
        parts.push(a);
    }
    if let Some(b) = u.pay_basis {
        parts.push(b.label(lang).to_string());
    }
    if let Some(n) = u.notice_date {
        parts.push(crate::tr!(
            lang,
            "уведомление {}",
            "notice {}",
            format_date(n)
        ));
    }
    let missing: Vec<&str> = labour::missing_terms(u)
        .into_iter()
        .map(|t| t.label(lang))
        .collect();
    if !missing.is_empty() {
        parts.push(format!(
            "{}: {}",
            lang.pick("нет", "missing"),
            missing.join(", ")
        ));
    }
    parts.join("; ")
}

pub fn mentors(ds: &Dataset, p: &Params) -> Report {
    let units = units_by(ds, p, |u| &u.mentors);
    let counted: std::collections::BTreeSet<Id> = super::counted_units(ds, p)
        .flat_map(|u| u.mentors.iter().copied())
        .collect();
    let mut table = Table::new(vec![
        "№".into(),
        p.pick("ФИО наставника", "Mentor").to_string(),
        p.pick("Контактные данные", "Contacts").to_string(),
        p.pick("Место работы/учёбы", "Workplace/school").to_string(),
        p.pick("Должность, класс/группа", "Position, grade")
            .to_string(),
        p.pick("Категория, стаж/курс", "Category, experience")
            .to_string(),
        p.pick("Основные компетенции", "Competencies").to_string(),
        p.pick("Важные достижения", "Achievements").to_string(),
        label(p, Some(&person::INTERESTS)),
        p.pick("Желаемый возраст наставляемых", "Preferred mentee age")
            .to_string(),
        p.pick("Ресурс времени, ч", "Time, h").to_string(),
        p.pick("Форма наставничества", "Forms").to_string(),
        p.pick("Дата вхождения в программу", "Joined").to_string(),
        p.pick("ФИО наставляемого", "Mentee").to_string(),
        p.pick("Срок", "Term").to_string(),
        p.pick("Результаты", "Results").to_string(),
        p.pick("Ссылка на кейс/отзыв", "Case link").to_string(),
        p.pick(
            "Согласие, соглашение, оплата (ТК РФ ст. 351.8)",
            "Consent, agreement, pay (LC art. 351.8)",
        )
        .to_string(),
    ]);
    let mut n = 0;
    for m in ds
        .mentors
        .values()
        .filter(|m| listed(m.archived, m.org_id, m.id, &counted, p))
    {
        let mine = units.get(&m.id).map(Vec::as_slice).unwrap_or(&[]);
        let pr = &m.person;
        let workplace = match m.partner_id.and_then(|id| ds.partners.get(&id)) {
            Some(partner) if pr.workplace.is_empty() => partner.name.clone(),
            _ => pr.workplace.clone(),
        };
        let position = match &pr.grade {
            Some(g) if pr.position.is_empty() => g.to_string(),
            _ => pr.position.clone(),
        };
        let category = match pr.experience_years {
            Some(y) => format!("{}, {y}", m.category.label(p.lang)),
            None => m.category.label(p.lang).to_string(),
        };
        let person_cells = vec![
            Cell::text(pr.full_name.clone()),
            Cell::text(pr.contacts.clone()),
            Cell::text(workplace),
            Cell::text(position),
            Cell::text(category),
            Cell::text(list(&m.competencies)),
            Cell::text(m.achievements.clone()),
            Cell::text(list(&pr.interests)),
            Cell::text(m.preferred_age.map(|a| a.to_string()).unwrap_or_default()),
            Cell::text(m.time_budget.map(|h| h.to_string()).unwrap_or_default()),
            Cell::text(forms_of(mine, &pr.forms, p.lang)),
            Cell::text(format_opt_date(pr.joined)),
        ];
        let pair_rows: Vec<Vec<Cell>> = if mine.is_empty() {
            vec![vec![Cell::text(""); 5]]
        } else {
            mine.iter()
                .map(|u| {
                    vec![
                        Cell::text(names(ds, &u.mentees, false)),
                        Cell::text(term(u)),
                        Cell::text(unit_result(u, p.lang)),
                        Cell::text(u.case_link.clone()),
                        Cell::text(labour_terms(u, p.lang)),
                    ]
                })
                .collect()
        };
        push_rows(&mut table, &mut n, &person_cells, pair_rows);
    }
    base_report(
        p,
        p.pick("База наставников", "Mentors base"),
        table,
        p.pick(
            "Одна строка на наставника и пару (группу); наставник без пары — одна строка без данных пары. Форма наставничества — формы его пар, затем заявленные. Наставник в архиве включён, если участвовал в паре, учтённой за период (как в форме охвата); архивные пары не включены.",
            "One row per mentor and pair (group); a mentor without a pair has one row. Forms: those of the mentor's pairs, then the stated ones. An archived mentor is listed if they took part in a pair counted for the period (as in the coverage form); archived pairs are left out.",
        ),
    )
}

pub fn mentees(ds: &Dataset, p: &Params) -> Report {
    let units = units_by(ds, p, |u| &u.mentees);
    let counted: std::collections::BTreeSet<Id> = super::counted_units(ds, p)
        .flat_map(|u| u.mentees.iter().copied())
        .collect();
    let mut table = Table::new(vec![
        "№".into(),
        p.pick("ФИО наставляемого", "Mentee").to_string(),
        p.pick(
            "Контактные данные (законного представителя)",
            "Contacts (of the guardian)",
        )
        .to_string(),
        p.pick("Дата рождения (возраст)", "Born (age)").to_string(),
        p.pick(
            "Место учёбы/работы, класс/должность, стаж",
            "School/work, grade/position, experience",
        )
        .to_string(),
        label(p, find(mentee::MENTEE, FieldKey::Request)),
        p.pick("Предмет наставничества", "Subjects").to_string(),
        label(p, Some(&person::INTERESTS)),
        p.pick("Дата вхождения в программу", "Joined").to_string(),
        p.pick("ФИО наставника", "Mentor").to_string(),
        p.pick("Место работы наставника", "Mentor's workplace")
            .to_string(),
        p.pick("Форма наставничества", "Form").to_string(),
        p.pick("Место реализации", "Place").to_string(),
        p.pick("Дата завершения", "Ended").to_string(),
        p.pick("Результаты программы", "Results").to_string(),
        p.pick("Ссылка на кейс/отзыв", "Case link").to_string(),
    ]);
    let mut n = 0;
    for m in ds
        .mentees
        .values()
        .filter(|m| listed(m.archived, m.org_id, m.id, &counted, p))
    {
        let pr = &m.person;
        // A minor is reached through the legal representative.
        let contacts = match (pr.is_minor_on(p.as_of), pr.guardian.is_empty()) {
            (true, false) if pr.contacts.is_empty() => pr.guardian.clone(),
            (true, false) => format!("{}: {}", pr.guardian, pr.contacts),
            _ => pr.contacts.clone(),
        };
        let born = match (pr.birth_date, pr.age_on(p.as_of)) {
            (Some(b), Some(age)) => format!("{} ({age})", format_date(b)),
            _ => String::new(),
        };
        let place = [
            pr.workplace.clone(),
            pr.grade
                .as_ref()
                .map(|g| g.to_string())
                .unwrap_or_else(|| pr.position.clone()),
            pr.experience_years
                .map(|y| format!("{} {y}", p.pick("стаж", "experience")))
                .unwrap_or_default(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
        let person_cells = [
            Cell::text(pr.full_name.clone()),
            Cell::text(contacts),
            Cell::text(born),
            Cell::text(place),
            Cell::text(list(&m.request)),
            Cell::text(list(&pr.subjects)),
            Cell::text(list(&pr.interests)),
            Cell::text(format_opt_date(pr.joined)),
        ];
        let mine = units.get(&m.id).map(Vec::as_slice).unwrap_or(&[]);
        let pair_rows: Vec<Vec<Cell>> = if mine.is_empty() {
            vec![vec![Cell::text(""); 7]]
        } else {
            mine.iter()
                .map(|u| {
                    let workplaces = u
                        .mentors
                        .iter()
                        .filter_map(|id| ds.mentors.get(id))
                        .map(|m| match m.partner_id.and_then(|id| ds.partners.get(&id)) {
                            Some(partner) if m.person.workplace.is_empty() => partner.name.clone(),
                            _ => m.person.workplace.clone(),
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    vec![
                        Cell::text(names(ds, &u.mentors, true)),
                        Cell::text(workplaces),
                        Cell::text(u.form.label(p.lang)),
                        Cell::text(u.place.clone()),
                        Cell::text(format_opt_date(u.end)),
                        Cell::text(unit_result(u, p.lang)),
                        Cell::text(u.case_link.clone()),
                    ]
                })
                .collect()
        };
        push_rows(&mut table, &mut n, &person_cells, pair_rows);
    }
    base_report(
        p,
        p.pick("База наставляемых", "Mentees base"),
        table,
        p.pick(
            "Одна строка на наставляемого и пару (группу); без пары — одна строка без данных пары. Для несовершеннолетних — законный представитель и его контакты. Наставляемый в архиве включён, если участвовал в паре, учтённой за период (как в форме охвата); архивные пары не включены.",
            "One row per mentee and pair (group); without a pair, one row. For minors: the legal representative and their contacts. An archived mentee is listed if they took part in a pair counted for the period (as in the coverage form); archived pairs are left out.",
        ),
    )
}

/// One numbered row per pair: the person's cells, then the pair's.
fn push_rows(table: &mut Table, n: &mut u64, person: &[Cell], pairs: Vec<Vec<Cell>>) {
    for pair in pairs {
        *n += 1;
        let mut row = vec![Cell::Int(*n)];
        row.extend(person.iter().cloned());
        row.extend(pair);
        table.rows.push(row);
    }
}

fn base_report(p: &Params, title: &str, table: Table, rule: &str) -> Report {
    let mut report = Report {
        title: title.into(),
        ..Report::default()
    };
    report.table(None, table);
    report.rules = vec![
        rule.into(),
        crate::tr!(
            p.lang,
            "Возраст — полных лет на {}.",
            "Age in full years on {}.",
            format_date(p.as_of)
        ),
    ];
    report
}
