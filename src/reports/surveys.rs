//! `surveys`: satisfaction of mentors and mentees and the growth before and
//! after on every compared item, each with its number of respondents.

use super::model::{Cell, Report, Table};
use super::Params;
use crate::domain::*;
use crate::surveys::analysis::{
    distributions, growth, is_ten_point, satisfaction, satisfaction_sources, scale_means_by_form,
    Distribution, GrowthItem,
};

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

/// The growth before and after on every compared item (also a block of
/// the monitoring note).
pub fn growth_table(items: &[GrowthItem], p: &Params) -> Table {
    let mut g = Table::new(vec![
        p.pick("Участники", "Participants").to_string(),
        p.pick("Вопрос", "Item").to_string(),
        p.pick("До", "Before").to_string(),
        p.pick("После", "After").to_string(),
        p.pick("Изменение", "Change").to_string(),
        p.pick("Ответили оба раза", "Answered both").to_string(),
    ]);
    for item in items {
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
    g
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

    let items = growth(ds, &scope);
    let g = growth_table(&items, p);
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
    report.table(
        Some(
            p.pick(
                "4. Распределение ответов на закрытые вопросы",
                "4. Answers to the closed questions",
            )
            .to_string(),
        ),
        distribution_table(ds, p),
    );
    report.table(
        Some(
            p.pick(
                "5. Средний балл по вопросам со шкалой 1–10 по формам наставничества",
                "5. Mean of the 1–10 items per form of mentoring",
            )
            .to_string(),
        ),
        means_table(ds, p),
    );
    // The open answers under their question, the same answer once with its
    // count.
    let mut open = Table::new(vec![
        p.pick("Вопрос", "Question").to_string(),
        p.pick("Ответ", "Answer").to_string(),
    ]);
    for t in ds.templates.values().filter(|t| !t.archived) {
        for (q, d) in t.questions.iter().zip(distributions(ds, t, &scope)) {
            if let Distribution::Text(list) = d {
                for (answer, n) in crate::surveys::analysis::merge_answers(&list) {
                    let answer = match n {
                        1 => answer,
                        n => format!("{answer} — {n}"),
                    };
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
        Some(p.pick("6. Открытые ответы", "6. Open answers").to_string()),
        open,
    );
    report.rules = vec![
        format!(
            "{}: {}.",
            p.pick("Удовлетворённость", "Satisfaction"),
            p.satisfaction.describe(p.lang)
        ),
        p.pick(
            "Открытые ответы: одинаковые с точностью до регистра, ё/е, пробелов и знаков препинания в конце учтены один раз; число после тире — сколько раз так ответили.",
            "Open answers: the same answer up to case, spaces, final punctuation and yo written as ye is listed once; the number after the dash is how many gave it.",
        )
        .into(),
        p.pick(
            "Динамика: вопросы, отмеченные для сравнения, сопоставлены по тексту во входных и итоговых анкетах; средние «до» и «после» — только по тем, кто ответил оба раза (первая входная и последняя итоговая анкета человека), в баллах шкалы.",
            "Growth: the items marked for comparison, matched by text between entry and exit questionnaires; the means before and after only over people who answered both (a person's first entry and last exit answer), in scale points.",
        ).to_string(),
        crate::tr!(p.lang, "Учтены законченные анкеты с датой в периоде {} (черновики не считаются).", "Finished questionnaires dated within {} (drafts do not count).", p.period_text()),
        sources_rule(ds, p),
        p.pick(
            "Распределение: доля — от числа ответивших на вопрос; в вопросе с несколькими вариантами один человек может выбрать несколько, и сумма долей больше 100 %. Средний балл по формам — по форме пары, о которой анкета, с одним знаком после запятой.",
            "Distributions: shares of those who answered the item; where several options may be chosen the shares add up to more than 100 %. The means per form: by the form of the pair the questionnaire is about, to one decimal.",
        )
        .to_string(),
    ];
    report
}

/// «Удовлетворённость посчитана по анкетам: …» with each template's stage.
pub fn sources_rule(ds: &Dataset, p: &Params) -> String {
    let sources: Vec<String> = satisfaction_sources(ds, &p.survey_scope())
        .iter()
        .map(|t| match t.title.trim() {
            "" => format!(
                "{} #{} ({}, {})",
                p.pick("анкета", "questionnaire"),
                t.id,
                t.audience.label(p.lang),
                t.stage.label(p.lang)
            ),
            title => format!("«{title}» ({})", t.stage.label(p.lang)),
        })
        .collect();
    match sources.is_empty() {
        true => p
            .pick(
                "Удовлетворённость: в периоде нет анкет с вопросами об удовлетворённости.",
                "Satisfaction: no questionnaire with satisfaction items in the period.",
            )
            .into(),
        false => crate::tr!(
            p.lang,
            "Удовлетворённость посчитана по вопросам, отмеченным как удовлетворённость, в анкетах: {}; законченных, с датой в периоде {}.",
            "Satisfaction is counted from the items marked as satisfaction in: {}; finished and dated within {}.",
            sources.join(", "),
            p.period_text()
        ),
    }
}

/// The title a question is shown under: «анкета: вопрос».
fn titled(t: &SurveyTemplate, q: &Question) -> String {
    match t.title.trim().is_empty() {
        true => q.text.clone(),
        false => format!("{}: {}", t.title, q.text),
    }
}

/// Every closed question's answers: count and share per option, per value
/// of a scale (the values given), yes and no.
fn distribution_table(ds: &Dataset, p: &Params) -> Table {
    let mut t = Table::new(vec![
        p.pick("Вопрос", "Question").to_string(),
        p.pick("Ответ", "Answer").to_string(),
        p.pick("Ответов", "Answers").to_string(),
        p.pick("Доля", "Share").to_string(),
    ]);
    let scope = p.survey_scope();
    let share = |n: usize, of: usize| Cell::Pct((of > 0).then(|| n as f64 / of as f64 * 100.0));
    for tpl in ds.templates.values().filter(|t| !t.archived) {
        let answered_by = |question: usize| {
            ds.responses
                .values()
                .filter(|r| r.template_id == tpl.id && scope.admits(r))
                .filter(|r| r.answers.iter().any(|a| a.question == question))
                .count()
        };
        for (i, (q, d)) in tpl
            .questions
            .iter()
            .zip(distributions(ds, tpl, &scope))
            .enumerate()
        {
            let title = titled(tpl, q);
            let rows: Vec<(String, usize)> = match &d {
                Distribution::Options { options, counts } => options
                    .iter()
                    .cloned()
                    .zip(counts.iter().copied())
                    .collect(),
                Distribution::YesNo { yes, no } => vec![
                    (p.pick("да", "yes").to_string(), *yes),
                    (p.pick("нет", "no").to_string(), *no),
                ],
                Distribution::Scale { min, counts, .. } => counts
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c > 0)
                    .map(|(v, c)| ((v + usize::from(*min)).to_string(), *c))
                    .collect(),
                Distribution::Text(_) => continue,
            };
            let of = answered_by(i);
            if of == 0 {
                continue;
            }
            // The question heads its answers once, as a printed form has it.
            let mut title = Some(title);
            for (answer, n) in rows {
                t.rows.push(vec![
                    Cell::text(title.take().unwrap_or_default()),
                    Cell::Text(answer),
                    Cell::Int(n as u64),
                    share(n, of),
                ]);
            }
            if let Distribution::Scale { mean, .. } = d {
                t.rows.push(vec![
                    Cell::text(title.take().unwrap_or_default()),
                    Cell::text(p.pick("средний балл", "mean")),
                    Cell::Int(of as u64),
                    Cell::Dec {
                        value: mean,
                        signed: false,
                    },
                ]);
            }
        }
    }
    t
}

/// The mean of each 1–10 item per form of mentoring, to one decimal.
fn means_table(ds: &Dataset, p: &Params) -> Table {
    let mut t = Table::new(vec![
        p.pick("Вопрос", "Question").to_string(),
        p.pick("Форма наставничества", "Form").to_string(),
        p.pick("Средний балл", "Mean").to_string(),
        p.pick("Ответов", "Answers").to_string(),
    ]);
    let scope = p.survey_scope();
    for tpl in ds.templates.values().filter(|t| !t.archived) {
        for (i, q) in tpl
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| is_ten_point(q))
        {
            let mut title = Some(titled(tpl, q));
            for (form, mean, n) in scale_means_by_form(ds, tpl, i, &scope) {
                t.rows.push(vec![
                    Cell::text(title.take().unwrap_or_default()),
                    Cell::text(form.label(p.lang)),
                    Cell::Dec {
                        value: Some(mean),
                        signed: false,
                    },
                    Cell::Int(n as u64),
                ]);
            }
        }
    }
    t
}
