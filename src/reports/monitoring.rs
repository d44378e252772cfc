//! `monitoring`: the quarterly note (информационная справка) — pairs by
//! status and form, meetings held, pairs without meetings, feedback
//! completeness, participants by category, questionnaires done and owed
//! (by person and by pair), satisfaction, the influence of § 7.5 (planning to
//! mentor, growth before and after), warnings.

use super::model::{Cell, Report, Table};
use super::Params;
use crate::domain::dates::format_date;
use crate::domain::*;
use crate::status::{self, Target};
use crate::surveys::analysis::{audience_of, growth, owed, plans_to_mentor};
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

/// The participants of the period's pairs by side and category, and how
/// many of them joined in the period.
fn by_category(ds: &Dataset, p: &Params) -> Table {
    let mut t = Table::new(vec![
        p.pick("Участники", "Participants").to_string(),
        p.pick("Категория", "Category").to_string(),
        p.pick("Всего", "Total").to_string(),
        p.pick("Новые", "New").to_string(),
    ]);
    let mut mentors: std::collections::BTreeSet<Id> = Default::default();
    let mut mentees: std::collections::BTreeSet<Id> = Default::default();
    for u in units_in_period(ds, p) {
        mentors.extend(u.mentors.iter().copied());
        mentees.extend(u.mentees.iter().copied());
    }
    let new = |person: &Person| person.joined.is_some_and(|j| j >= p.from && j <= p.to);
    let mut side = |label: &str, rows: Vec<(&str, usize, usize)>| {
        let mut label = Some(label.to_string());
        for (category, total, fresh) in rows.into_iter().filter(|(_, n, _)| *n > 0) {
            t.rows.push(vec![
                Cell::text(label.take().unwrap_or_default()),
                Cell::text(category),
                Cell::Int(total as u64),
                Cell::Int(fresh as u64),
            ]);
        }
    };
    // Per category, in the order of its list: (label, people, new ones).
    fn per_category<C: Copy + PartialEq>(
        all: &[C],
        label: impl Fn(C) -> &'static str,
        people: &[(C, &Person)],
        new: impl Fn(&Person) -> bool,
    ) -> Vec<(&'static str, usize, usize)> {
        all.iter()
            .map(|c| {
                let these: Vec<&Person> = people
                    .iter()
                    .filter(|(k, _)| k == c)
                    .map(|(_, p)| *p)
                    .collect();
                let fresh = these.iter().filter(|p| new(p)).count();
                (label(*c), these.len(), fresh)
            })
            .collect()
    }
    let mentor_people: Vec<(MentorCategory, &Person)> = mentors
        .iter()
        .filter_map(|id| ds.mentors.get(id))
        .map(|m| (m.category, &m.person))
        .collect();
    let mentee_people: Vec<(MenteeCategory, &Person)> = mentees
        .iter()
        .filter_map(|id| ds.mentees.get(id))
        .map(|m| (m.category, &m.person))
        .collect();
    let lang = p.lang;
    side(
        p.pick("наставники", "mentors"),
        per_category(MentorCategory::ALL, |c| c.label(lang), &mentor_people, new),
    );
    side(
        p.pick("наставляемые", "mentees"),
        per_category(MenteeCategory::ALL, |c| c.label(lang), &mentee_people, new),
    );
    t
}

/// § 7.5: how many plan to become (or stay) mentors, from the exit
/// questionnaires.
fn influence(ds: &Dataset, p: &Params) -> Table {
    let mut t = Table::new(vec![
        p.pick("Показатель", "Item").to_string(),
        p.pick("Ответили «да»", "Yes").to_string(),
        p.pick("Ответили", "Answered").to_string(),
        p.pick("Доля", "Share").to_string(),
    ]);
    let scope = p.survey_scope();
    for (a, ru, en) in [
        (
            Audience::Mentee,
            "наставляемые, планирующие стать наставниками",
            "mentees planning to become mentors",
        ),
        (
            Audience::Mentor,
            "наставники, готовые продолжить работу наставником",
            "mentors ready to go on mentoring",
        ),
    ] {
        let c = plans_to_mentor(ds, &scope, a);
        t.rows.push(vec![
            Cell::text(p.pick(ru, en)),
            Cell::Int(c.yes as u64),
            Cell::Int(c.answered as u64),
            Cell::Pct((c.answered > 0).then(|| c.yes as f64 / c.answered as f64 * 100.0)),
        ]);
    }
    t
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
    report.table(
        Some(
            p.pick(
                "2. Участники по категориям (новые — вошедшие в программу в периоде)",
                "2. Participants by category (new: joined in the period)",
            )
            .to_string(),
        ),
        by_category(ds, p),
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
            p.pick("3. Встречи за период", "3. Meetings in the period")
                .to_string(),
        ),
        meetings,
    );
    report.table(
        Some(
            p.pick(
                "4. Обратная связь после рабочих встреч",
                "4. Feedback after working meetings",
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
                "5. Активные пары без встреч за период:",
                "5. Active pairs without meetings in the period:"
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
    // Owed by person (a mentor of three pairs owes one questionnaire a
    // stage in the count of people) and, beside it, by pair.
    let mut owing: BTreeMap<(SurveyStage, Audience), u64> = BTreeMap::new();
    let mut owing_people: BTreeMap<(SurveyStage, Audience), std::collections::BTreeSet<PersonRef>> =
        BTreeMap::new();
    for o in &owed_list {
        *owing.entry((o.stage, audience_of(o.who))).or_default() += 1;
        owing_people
            .entry((o.stage, audience_of(o.who)))
            .or_default()
            .insert(o.who);
    }
    let mut surveys = Table::new(vec![
        p.pick("Анкеты", "Questionnaires").to_string(),
        p.pick("Наставники: заполнено", "Mentors: done").to_string(),
        p.pick("Наставники: не заполнено, человек", "Mentors: owed, people")
            .to_string(),
        p.pick("…по парам", "…by pair").to_string(),
        p.pick("Наставляемые: заполнено", "Mentees: done")
            .to_string(),
        p.pick(
            "Наставляемые: не заполнено, человек",
            "Mentees: owed, people",
        )
        .to_string(),
        p.pick("…по парам", "…by pair").to_string(),
    ]);
    for (stage, ru, en) in [
        (SurveyStage::Entry, "входные", "entry"),
        (SurveyStage::Exit, "итоговые", "exit"),
    ] {
        let get = |m: &BTreeMap<(SurveyStage, Audience), u64>, a| {
            Cell::Int(m.get(&(stage, a)).copied().unwrap_or(0))
        };
        let people = |a| Cell::Int(owing_people.get(&(stage, a)).map_or(0, |s| s.len() as u64));
        surveys.rows.push(vec![
            Cell::text(p.pick(ru, en)),
            get(&done, Audience::Mentor),
            people(Audience::Mentor),
            get(&owing, Audience::Mentor),
            get(&done, Audience::Mentee),
            people(Audience::Mentee),
            get(&owing, Audience::Mentee),
        ]);
    }
    report.table(
        Some(p.pick("6. Анкетирование", "6. Questionnaires").to_string()),
        surveys,
    );

    report.table(
        Some(
            p.pick("7. Удовлетворённость", "7. Satisfaction")
                .to_string(),
        ),
        super::surveys::satisfaction_table(ds, p),
    );
    report.table(
        Some(
            p.pick(
                "8. Влияние программы на участников (п. 7.5 положения): планируют стать наставниками",
                "8. The program's influence (§ 7.5 of the regulation): planning to mentor",
            )
            .to_string(),
        ),
        influence(ds, p),
    );
    report.table(
        Some(
            p.pick(
                "9. Динамика: входное и итоговое анкетирование",
                "9. Growth: entry and exit questionnaires",
            )
            .to_string(),
        ),
        super::surveys::growth_table(&growth(ds, &scope), p),
    );

    // Warnings as of the date, for the organisation's pairs and mentors.
    let st = status::compute(
        ds,
        timelines,
        &status::Options {
            as_of: p.as_of,
            meetings: p.meetings.clone(),
            calendar: p.calendar.clone(),
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
            "10. Предупреждения на {}",
            "10. Warnings as of {}",
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
        p.pick(
            "Не заполнено, человек — каждый участник один раз, сколько бы пар у него ни было; по парам — анкета каждого участника каждой пары.",
            "Owed, people: each participant once however many pairs they are in; by pair: one questionnaire per participant per pair.",
        ).to_string(),
        format!(
            "{}: {}.",
            p.pick("Удовлетворённость", "Satisfaction"),
            p.satisfaction.describe(p.lang)
        ),
        super::surveys::sources_rule(ds, p),
        p.pick(
            "Категории — участники пар и групп периода; новые — с датой вхождения в программу в периоде. Планируют стать наставниками — ответившие «да» в итоговой анкете наставляемого («Хотели бы вы сами стать наставником?»), готовы продолжить — наставники, ответившие «да» на «Хотели бы вы продолжить работу наставником?»; каждый по последнему ответу в периоде.",
            "Categories: the participants of the period's pairs and groups; new: joined in the period. Planning to mentor: mentees answering yes in the exit questionnaire («Would you like to become a mentor yourself?»); ready to continue: mentors answering yes to «Would you like to go on mentoring?»; each by their latest answer in the period.",
        ).to_string(),
        crate::tr!(p.lang, "Предупреждения: нет встреч {} дн., нет первой встречи через {} дн. после начала, нет обратной связи через {} дн. после рабочей встречи, даты вне срока пары, нет согласия, превышен лимит наставника.", "Warnings: no meeting for {} days, no first meeting {} days after the start, no feedback {} days after a working meeting, dates outside the pair's term, no consent, mentor over capacity.", p.meetings.no_meeting_days, p.meetings.first_meeting_days, p.meetings.feedback_days),
    ];
    report
}
