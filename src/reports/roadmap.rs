//! `roadmap`: the roadmap's items by section with their status on the
//! as-of date (просрочено derived from the deadline) and the evidence.

use super::model::{Cell, Report, Table};
use super::Params;
use crate::domain::dates::format_date;
use crate::domain::*;
use crate::roadmap::{standing, Standing, SOON_DAYS};

pub fn report(ds: &Dataset, p: &Params) -> Report {
    let mut report = Report {
        title: p
            .pick(
                "Выполнение дорожной карты внедрения целевой модели наставничества",
                "Roadmap of the target model of mentoring: progress",
            )
            .to_string(),
        ..Report::default()
    };
    let items: Vec<&RoadmapItem> = ds
        .roadmap
        .values()
        .filter(|i| !i.archived && p.in_org(i.org_id))
        .collect();
    let mut counts = [0u64; 4];
    let mut section: Option<&str> = None;
    let mut table = Table::new(Vec::new());
    let new_table = || {
        Table::new(vec![
            "№".into(),
            p.pick("Мероприятие", "Event").to_string(),
            p.pick("Срок", "Deadline").to_string(),
            p.pick("Ответственный", "Responsible").to_string(),
            p.pick("Статус", "Status").to_string(),
            p.pick("Подтверждение", "Evidence").to_string(),
        ])
    };
    for item in items {
        if section != Some(item.section.as_str()) {
            if let Some(s) = section {
                let done = std::mem::replace(&mut table, new_table());
                report.table((!s.is_empty()).then(|| s.to_string()), done);
            } else {
                table = new_table();
            }
            section = Some(item.section.as_str());
        }
        let (status, i) = match standing(item, p.as_of, SOON_DAYS) {
            Standing::Done => (item.status.label(p.lang).to_string(), 0),
            Standing::Overdue(d) => (
                format!(
                    "{} {}",
                    p.pick("просрочено с", "overdue since"),
                    format_date(d)
                ),
                3,
            ),
            _ if item.status == RoadmapStatus::InProgress => (item.status.label(p.lang).into(), 1),
            _ => (item.status.label(p.lang).into(), 2),
        };
        counts[i] += 1;
        table.rows.push(vec![
            Cell::text(item.number.clone()),
            Cell::text(item.title.clone()),
            Cell::text(item.deadline_text.clone()),
            Cell::text(item.responsible.clone()),
            Cell::text(status),
            Cell::text(item.evidence.clone()),
        ]);
    }
    if let Some(s) = section {
        report.table((!s.is_empty()).then(|| s.to_string()), table);
    }
    let mut summary = Table::new(vec![
        p.pick("Статус", "Status").to_string(),
        p.pick("Пунктов", "Items").to_string(),
    ]);
    for (label, n) in [
        (p.pick("выполнено", "done").to_string(), counts[0]),
        (p.pick("в работе", "in progress").to_string(), counts[1]),
        (p.pick("запланировано", "planned").to_string(), counts[2]),
        (p.pick("просрочено", "overdue").to_string(), counts[3]),
    ] {
        summary.rows.push(vec![Cell::Text(label), Cell::Int(n)]);
    }
    report.blocks.insert(
        0,
        super::model::Block::Table {
            title: Some(p.pick("Итого", "Summary").to_string()),
            table: summary,
        },
    );
    report.rules = vec![crate::tr!(p.lang, "Статус — как отмечен куратором; «просрочено» — пункт не выполнен, а срок из документа прошёл на {} (для ежеквартальных и ежемесячных пунктов срок наступает каждый период, они не просрочиваются). Сроки, не распознанные как даты, приведены как в документе.", "Status as the curator marked it; «overdue»: not done and the document's date has passed on {} (quarterly and monthly items fall due each period and are not overdue). Deadlines that are not dates are quoted as written.", format_date(p.as_of))];
    report
}
