//! `monitoring`: the quarterly note (информационная справка) — pairs by
//! status and form, meetings held, pairs without meetings, feedback
//! completeness, questionnaires done and owed, satisfaction, warnings.

use super::model::{Cell, Report, Table};
use super::Params;
use crate::domain::dates::format_date;
use crate::domain::*;
use crate::status::{self, Target};
use crate::surveys::analysis::{audience_of, owed};
use std::collections::BTreeMap;

/// The units of the organisation that exist at some time in the period
/// (any status, not archived).
fn units_in_period<'a>(ds: &'a Dataset, p: &'a Params) -> impl Iterator<Item = &'a Unit> + 'a {
    ds.units
        .values()
        .filter(move |u| !u.archived && p.in_org(u.org_id) && u.overlaps(p.from, p.to))
}

fn by_status_and_form(ds: &Dataset, p: &Params) -> Table {
    let mut columns = vec![p.pick("Форма наставничества", "Form").to_string()];
    columns.extend(UnitStatus::ALL.iter().map(|s| s.label(p.lang).to_string()));
    columns.push(p.pick("Всего", "Total").into());
    let mut counts: BTreeMap<Form, [u64; 4]> = BTreeMap::new();
    for u in units_in_period(ds, p) {
        let i = UnitStatus::ALL
            .iter()
            .position(|s| *s == u.status)
            .unwrap_or(0);
        counts.entry(u.form).or_default()[i] += 1;
    }
    let mut table = Table::new(columns);
    let mut sum = [0u64; 4];
    for (form, c) in &counts {
        let mut row = vec![Cell::text(form.label(p.lang))];
        row.extend(c.iter().map(|n| Cell::Int(*n)));
        row.push(Cell::Int(c.iter().sum()));
        table.rows.push(row);
        for (s, n) in sum.iter_mut().zip(c) {
            *s += n;
        }
    }
    let mut total = vec![Cell::text(p.pick("Итого", "Total"))];
    total.extend(sum.iter().map(|n| Cell::Int(*n)));
    total.push(Cell::Int(sum.iter().sum()));
    table.rows.push(total);
    table
}

pub fn report(ds: &Dataset, timelines: &Timelines, p: &Params) -> Report {
    let mut report = Report {
        title: p
            .pick(
                "Информационная справка о реализации целевой модели наставничества (мониторинг)",
                "Monitoring note on the target model of mentoring",
            )
            .to_string(),
        ..Report::default()
    };
    report.table(
        Some(
            p.pick(
                "1. Пары и группы по статусу и форме",
                "1. Pairs and groups by status and form",
            )
            .to_string(),
        ),
        by_status_and_form(ds, p),
    );

    // Meetings held in the period, from the pairs' timelines.
    let in_period = |b: &&MeetingBrief| !b.archived && b.date >= p.from && b.date <= p.to;
    let mut by_kind: BTreeMap<MeetingKind, u64> = BTreeMap::new();
    let (mut working, mut with_feedback) = (0u64, 0u64);
    let mut silent: Vec<(&Unit, Option<chrono::NaiveDate>)> = Vec::new();
    for u in units_in_period(ds, p) {
        let briefs = timelines.get(&u.id).map(Vec::as_slice).unwrap_or(&[]);
        let mut held = 0;
        for b in briefs.iter().filter(in_period) {
            held += 1;
            *by_kind.entry(b.kind).or_default() += 1;
            if b.kind == MeetingKind::Working {
                working += 1;
                with_feedback += u64::from(b.feedback_given);
            }
        }
        if held == 0 && u.status == UnitStatus::Active {
            let last = briefs.iter().rev().find(|b| !b.archived).map(|b| b.date);
            silent.push((u, last));
        }
    }
    let mut meetings = Table::new(vec![
        p.pick("Вид встречи", "Kind").to_string(),
        p.pick("Проведено", "Held").to_string(),
    ]);
    for kind in MeetingKind::ALL {
        meetings.rows.push(vec![
            Cell::text(kind.label(p.lang)),
            Cell::Int(by_kind.get(kind).copied().unwrap_or(0)),
        ]);
    }
    meetings.rows.push(vec![
        Cell::text(p.pick("Итого", "Total").to_string()),
        Cell::Int(by_kind.values().sum()),
    ]);
    let mut feedback = Table::new(vec![
        p.pick("Рабочих встреч", "Working meetings").to_string(),
        p.pick("С обратной связью", "With feedback").to_string(),
        p.pick("Доля", "Share").to_string(),
    ]);
    feedback.rows.push(vec![
        Cell::Int(working),
        Cell::Int(with_feedback),
        Cell::Pct((working > 0).then(|| with_feedback as f64 / working as f64 * 100.0)),
    ]);
    report.table(
        Some(
            p.pick("2. Встречи за период", "2. Meetings in the period")
                .to_string(),
        ),
        meetings,
    );
    report.table(
        Some(
            p.pick(
                "3. Обратная связь после рабочих встреч",
                "3. Feedback after working meetings",
            )
            .to_string(),
        ),
        feedback,
    );

    let mut silent_table = Table::new(vec![
        p.pick("Пара", "Pair").to_string(),
        p.pick("Наставник → наставляемый", "Mentor → mentee")
            .to_string(),
        p.pick("Последняя встреча", "Last meeting").to_string(),
    ]);
    for (u, last) in &silent {
        silent_table.rows.push(vec![
            Cell::text(format!("#{}", u.id)),
            Cell::text(ds.unit_title(u)),
            Cell::text(last.map(format_date).unwrap_or_else(|| "—".into())),
        ]);
    }
    report.table(
        Some(format!(
            "{} {}",
            p.pick(
                "4. Активные пары без встреч за период:",
                "4. Active pairs without meetings in the period:"
            ),
            silent.len()
        )),
        silent_table,
    );

    // Questionnaires done in the period and owed as of the date.
    let scope = p.survey_scope();
    let mut done: BTreeMap<(SurveyStage, Audience), u64> = BTreeMap::new();
    for r in ds.responses.values().filter(|r| scope.admits(r)) {
        *done
            .entry((r.stage, audience_of(r.respondent)))
            .or_default() += 1;
    }
    // Owed by the pairs of this period; older debts belong to older notes.
    let period_units: std::collections::BTreeSet<Id> =
        units_in_period(ds, p).map(|u| u.id).collect();
    let owed_list: Vec<_> = owed(ds, p.as_of, p.org)
        .into_iter()
        .filter(|o| period_units.contains(&o.unit_id))
        .collect();
    let mut owing: BTreeMap<(SurveyStage, Audience), u64> = BTreeMap::new();
    for o in &owed_list {
        *owing.entry((o.stage, audience_of(o.who))).or_default() += 1;
    }
    let mut surveys = Table::new(vec![
        p.pick("Анкеты", "Questionnaires").to_string(),
        p.pick("Наставники: заполнено", "Mentors: done").to_string(),
        p.pick("Наставники: не заполнено", "Mentors: owed")
            .to_string(),
        p.pick("Наставляемые: заполнено", "Mentees: done")
            .to_string(),
        p.pick("Наставляемые: не заполнено", "Mentees: owed")
            .to_string(),
    ]);
    for (stage, ru, en) in [
        (SurveyStage::Entry, "входные", "entry"),
        (SurveyStage::Exit, "итоговые", "exit"),
    ] {
        let get = |m: &BTreeMap<(SurveyStage, Audience), u64>, a| {
            Cell::Int(m.get(&(stage, a)).copied().unwrap_or(0))
        };
        surveys.rows.push(vec![
            Cell::text(p.pick(ru, en)),
            get(&done, Audience::Mentor),
            get(&owing, Audience::Mentor),
            get(&done, Audience::Mentee),
            get(&owing, Audience::Mentee),
        ]);
    }
    report.table(
        Some(p.pick("5. Анкетирование", "5. Questionnaires").to_string()),
        surveys,
    );

    report.table(
        Some(
            p.pick("6. Удовлетворённость", "6. Satisfaction")
                .to_string(),
        ),
        super::surveys::satisfaction_table(ds, p),
    );

    // Warnings as of the date, for the organisation's pairs and mentors.
    let st = status::compute(
        ds,
        timelines,
        &status::Options {
            as_of: p.as_of,
            meetings: p.meetings.clone(),
        },
    );
    let mut warnings = Table::new(vec![
        "№".into(),
        p.pick("Предупреждение", "Warning").to_string(),
    ]);
    let mine = st.warnings.iter().filter(|w| match w.target {
        Target::Unit(id) => ds.units.get(&id).is_some_and(|u| p.in_org(u.org_id)),
        Target::Mentor(id) => ds.mentors.get(&id).is_some_and(|m| p.in_org(m.org_id)),
        Target::Roadmap(id) => ds.roadmap.get(&id).is_some_and(|r| p.in_org(r.org_id)),
    });
    for (i, w) in mine.enumerate() {
        warnings
            .rows
            .push(vec![Cell::Int(i as u64 + 1), Cell::text(w.message(p.lang))]);
    }
    report.table(
        Some(crate::tr!(
            p.lang,
            "7. Предупреждения на {}",
            "7. Warnings as of {}",
            format_date(p.as_of)
        )),
        warnings,
    );

    report.rules = vec![
        crate::tr!(p.lang, "Пары и группы — все, кроме архивных, чей срок пересекается с периодом {}; встречи и анкеты — с датой в этом периоде (черновики анкет не считаются).", "Pairs and groups: all but archived whose term overlaps {}; meetings and questionnaires dated in the period (drafts do not count).", p.period_text()),
        p.pick(
            "Не заполнено: входная анкета каждого участника начатой пары периода (активна или завершена) и итоговая — каждого участника завершённой, на дату справки.",
            "Owed: an entry questionnaire from everyone in a started pair of the period (active or completed), an exit one from everyone in a completed pair, as of the note's date.",
        ).to_string(),
        format!(
            "{}: {}.",
            p.pick("Удовлетворённость", "Satisfaction"),
            p.satisfaction.describe(p.lang)
        ),
        crate::tr!(p.lang, "Предупреждения: нет встреч {} дн., нет первой встречи через {} дн. после начала, нет обратной связи через {} дн. после рабочей встречи, даты вне срока пары, нет согласия, превышен лимит наставника.", "Warnings: no meeting for {} days, no first meeting {} days after the start, no feedback {} days after a working meeting, dates outside the pair's term, no consent, mentor over capacity.", p.meetings.no_meeting_days, p.meetings.first_meeting_days, p.meetings.feedback_days),
    ];
    report
}
