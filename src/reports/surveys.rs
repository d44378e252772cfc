//! `surveys`: satisfaction of mentors and mentees and the growth before and
//! after on every compared item, each with its number of respondents.

use super::model::{Cell, Report, Table};
use super::Params;
use crate::domain::*;
use crate::surveys::analysis::{distributions, growth, satisfaction, Distribution};

/// Satisfaction of mentors and of mentees, with the number of respondents
/// (also a block of the monitoring note).
pub fn satisfaction_table(ds: &Dataset, p: &Params) -> Table {
    let scope = p.survey_scope();
    let mut sat = Table::new(vec![
        p.pick("Участники", "Participants").to_string(),
        p.pick("Уровень удовлетворённости", "Satisfaction")
            .to_string(),
        p.pick("Респондентов", "Respondents").to_string(),
    ]);
    for (a, ru, en) in [
        (Audience::Mentor, "наставники", "mentors"),
        (Audience::Mentee, "наставляемые", "mentees"),
    ] {
        let s = satisfaction(ds, a, &scope, p.satisfaction);
        sat.rows.push(vec![
            Cell::text(p.pick(ru, en)),
            Cell::Pct(s.percent),
            Cell::Int(s.respondents as u64),
        ]);
    }
    sat
}

pub fn report(ds: &Dataset, p: &Params) -> Report {
    let scope = p.survey_scope();
    let mut report = Report {
        title: p
            .pick(
                "Результаты анкетирования участников программы наставничества",
                "Questionnaire results of the mentoring program",
            )
            .to_string(),
        ..Report::default()
    };
    report.table(
        Some(
            p.pick("1. Удовлетворённость", "1. Satisfaction")
                .to_string(),
        ),
        satisfaction_table(ds, p),
    );

    let mut g = Table::new(vec![
        p.pick("Участники", "Participants").to_string(),
        p.pick("Вопрос", "Item").to_string(),
        p.pick("До", "Before").to_string(),
        p.pick("После", "After").to_string(),
        p.pick("Изменение", "Change").to_string(),
        p.pick("Ответили оба раза", "Answered both").to_string(),
    ]);
    let items = growth(ds, &scope);
    for item in &items {
        let who = match item.audience {
            Audience::Mentor => p.pick("наставники", "mentors").to_string(),
            _ => p.pick("наставляемые", "mentees").to_string(),
        };
        g.rows.push(vec![
            Cell::text(who),
            Cell::text(item.text.clone()),
            Cell::Dec {
                value: item.before,
                signed: false,
            },
            Cell::Dec {
                value: item.after,
                signed: false,
            },
            Cell::Dec {
                value: item.change(),
                signed: true,
            },
            Cell::Int(item.both as u64),
        ]);
    }
    report.table(
        Some(
            p.pick(
                "2. Динамика: входное и итоговое анкетирование",
                "2. Growth: entry and exit questionnaires",
            )
            .to_string(),
        ),
        g,
    );
    // Per participant: each person's before and after on each item.
    let mut per = Table::new(vec![
        p.pick("Участник", "Participant").to_string(),
        p.pick("Вопрос", "Item").to_string(),
        p.pick("До", "Before").to_string(),
        p.pick("После", "After").to_string(),
        p.pick("Изменение", "Change").to_string(),
    ]);
    for item in &items {
        for (who, before, after) in &item.people {
            per.rows.push(vec![
                Cell::text(ds.person_name(*who)),
                Cell::text(item.text.clone()),
                Cell::Int(u64::from(*before)),
                Cell::Int(u64::from(*after)),
                Cell::Dec {
                    value: Some(f64::from(*after) - f64::from(*before)),
                    signed: true,
                },
            ]);
        }
    }
    report.table(
        Some(
            p.pick("3. Динамика по участникам", "3. Growth per participant")
                .to_string(),
        ),
        per,
    );
    // The open answers, as written, under their question.
    let mut open = Table::new(vec![
        p.pick("Вопрос", "Question").to_string(),
        p.pick("Ответ", "Answer").to_string(),
    ]);
    for t in ds.templates.values().filter(|t| !t.archived) {
        for (q, d) in t.questions.iter().zip(distributions(ds, t, &scope)) {
            if let Distribution::Text(list) = d {
                for answer in list {
                    open.rows.push(vec![
                        Cell::text(if t.title.is_empty() {
                            q.text.clone()
                        } else {
                            format!("{}: {}", t.title, q.text)
                        }),
                        Cell::text(answer),
                    ]);
                }
            }
        }
    }
    report.table(
        Some(p.pick("4. Открытые ответы", "4. Open answers").to_string()),
        open,
    );
    report.rules = vec![
        format!(
            "{}: {}.",
            p.pick("Удовлетворённость", "Satisfaction"),
            p.satisfaction.describe(p.lang)
        ),
        p.pick(
            "Динамика: вопросы, отмеченные для сравнения, сопоставлены по тексту во входных и итоговых анкетах; средние «до» и «после» — только по тем, кто ответил оба раза (первая входная и последняя итоговая анкета человека), в баллах шкалы.",
            "Growth: the items marked for comparison, matched by text between entry and exit questionnaires; the means before and after only over people who answered both (a person's first entry and last exit answer), in scale points.",
        ).to_string(),
        crate::tr!(p.lang, "Учтены законченные анкеты с датой в периоде {} (черновики не считаются).", "Finished questionnaires dated within {} (drafts do not count).", p.period_text()),
    ];
    report
}
