//! `pairs`: the draft order fixing the mentoring pairs and groups (приказ о
//! закреплении наставнических пар) — the pairs being formed or active in the
//! period, numbered, with form, program and dates.

use super::model::{Cell, Report, Table};
use super::Params;
use crate::domain::dates::format_opt_date;
use crate::domain::*;

fn people(ds: &Dataset, u: &Unit, mentors: bool) -> String {
    let ids = if mentors { &u.mentors } else { &u.mentees };
    ids.iter()
        .map(|id| {
            let p = if mentors {
                ds.mentors.get(id).map(|m| &m.person)
            } else {
                ds.mentees.get(id).map(|m| &m.person)
            };
            match p {
                Some(p) => match (&p.grade, p.position.is_empty()) {
                    (Some(g), _) => format!("{} ({g})", p.full_name),
                    (None, false) => format!("{} ({})", p.full_name, p.position),
                    _ => p.full_name.clone(),
                },
                None => format!("#{id}"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The units the order fixes.
pub fn listed<'a>(ds: &'a Dataset, p: &'a Params) -> impl Iterator<Item = &'a Unit> + 'a {
    ds.units.values().filter(move |u| {
        !u.archived && p.in_org(u.org_id) && u.status.is_live() && u.overlaps(p.from, p.to)
    })
}

pub fn report(ds: &Dataset, p: &Params) -> Report {
    let mut table = Table::new(vec![
        "№".into(),
        p.pick("Наставник", "Mentor").to_string(),
        p.pick("Наставляемый (группа)", "Mentee(s)").to_string(),
        p.pick("Форма наставничества", "Form").to_string(),
        p.pick("Программа", "Program").to_string(),
        p.pick("Срок: с", "From").to_string(),
        p.pick("по", "To").to_string(),
    ]);
    for (i, u) in listed(ds, p).enumerate() {
        let program = u
            .program_id
            .and_then(|id| ds.programs.get(&id))
            .map(|pr| pr.name.clone())
            .unwrap_or_default();
        table.rows.push(vec![
            Cell::Int(i as u64 + 1),
            Cell::text(people(ds, u, true)),
            Cell::text(people(ds, u, false)),
            Cell::text(u.form.label(p.lang)),
            Cell::text(program),
            Cell::text(format_opt_date(u.start)),
            Cell::text(format_opt_date(u.end.or(u.planned_end))),
        ]);
    }
    let mut report = Report {
        title: p
            .pick(
                "Приказ (проект) о закреплении наставнических пар (групп)",
                "Order (draft) fixing the mentoring pairs (groups)",
            )
            .to_string(),
        ..Report::default()
    };
    report.text(
        None,
        vec![
            p.pick(
                "В соответствии с Положением о программе наставничества и дорожной картой внедрения целевой модели наставничества ПРИКАЗЫВАЮ:",
                "In accordance with the mentoring program regulation and the roadmap, I ORDER:",
            ).to_string(),
            p.pick(
                "1. Закрепить наставнические пары (группы) согласно списку:",
                "1. To fix the mentoring pairs (groups) as listed:",
            ).to_string(),
        ],
    );
    report.table(None, table);
    report.text(
        None,
        vec![
            p.pick(
                "2. Наставникам организовать работу с наставляемыми по индивидуальным планам.",
                "2. Mentors are to work with their mentees by individual plans.",
            )
            .to_string(),
            p.pick(
                "3. Контроль за исполнением приказа оставляю за собой.",
                "3. I keep the supervision of this order.",
            )
            .to_string(),
            String::new(),
            p.pick(
                "Руководитель ______________ /______________/",
                "Head ______________ /______________/",
            )
            .to_string(),
        ],
    );
    report.rules = vec![crate::tr!(p.lang, "Включены пары и группы со статусом «формируется» или «активна», чей срок пересекается с периодом {}; срок «по» — дата окончания, а если её нет — плановая.", "Pairs and groups being formed or active whose term overlaps {}; «to» is the end date, else the planned end.", p.period_text())];
    report
}
