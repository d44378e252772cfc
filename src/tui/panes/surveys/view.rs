//! The Анкеты pane's view: who still owes a questionnaire, the drafts to resume, and the
//! templates; beside the list, what the selected line is about (for a
//! template, how its questions were answered).

use super::{respondent_name, SurveyItem, SurveysFilter, SurveysPane};
use crate::domain::dates::format_date;
use crate::domain::*;
use crate::i18n::Lang;
use crate::store::{Change, EntityKind};
use crate::surveys::analysis::{distributions, Distribution, Scope};
use crate::text::sanitize_line;
use crate::tui::modals::questionnaire::answer_text;
use crate::tui::shared::Shared;
use crate::tui::view::card;
use crate::tui::view::{list_panel, Theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

fn stage_label(s: SurveyStage, lang: Lang) -> &'static str {
    s.label(lang)
}

/// The words a line is listed and searched by.
pub(super) fn item_line(s: &Shared, item: &SurveyItem) -> String {
    let lang = s.lang;
    let d = &s.data;
    match item {
        SurveyItem::Owed(o) => format!(
            "{} · #{} {} · {}",
            lang.pick("не заполнена", "owed"),
            o.unit_id,
            d.person_name(o.who),
            stage_label(o.stage, lang)
        ),
        SurveyItem::Curator(org) => format!(
            "{} · {} · {}",
            lang.pick("не заполнена", "owed"),
            lang.pick("куратор (SWOT)", "curator (SWOT)"),
            d.orgs.get(org).map_or("?", |o| o.name.as_str())
        ),
        SurveyItem::Draft(id) => {
            let r = &d.responses[id];
            let total = d
                .templates
                .get(&r.template_id)
                .map_or(0, |t| t.questions.len());
            format!(
                "{} · {} · {}/{total}",
                lang.pick("черновик", "draft"),
                respondent_name(s, r.respondent),
                r.answers.len()
            )
        }
        SurveyItem::Done(id) => {
            let r = &d.responses[id];
            let pair = r.unit_id.map(|u| format!("#{u} ")).unwrap_or_default();
            // The name last: where the line is cut, only the name is.
            format!(
                "{} · {} · {pair}{}",
                format_date(r.date),
                stage_label(r.stage, lang),
                respondent_name(s, r.respondent)
            )
        }
        SurveyItem::Template(id) => {
            let t = &d.templates[id];
            format!("{} · {}", lang.pick("шаблон", "template"), t.title)
        }
    }
}

pub fn render(p: &SurveysPane, s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
    let items = p.items();
    let sel = p.selected.min(items.len().saturating_sub(1));
    let [list, detail] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    let empty = match (p.search.query.is_empty(), p.filter) {
        (false, _) => s.lang.pick(" ничего не найдено", " nothing found"),
        (true, SurveysFilter::ToFill) => s.lang.pick(" всё заполнено", " nothing owed"),
        (true, SurveysFilter::Done) => s.lang.pick(" заполненных анкет нет", " none filled in"),
        (true, SurveysFilter::Templates) => s.lang.pick(
            " нет шаблонов: добавьте организацию (O)",
            " no templates: add an organisation (O)",
        ),
    };
    list_panel(
        f,
        list,
        format!(
            " {} · {} {}{} ",
            s.lang.pick("Анкеты", "Questionnaires"),
            p.filter.label(s.lang),
            items.len(),
            p.search.title_part(s.lang)
        ),
        items.iter().map(|i| item_line(s, i)).collect(),
        sel,
        empty,
        theme,
    );
    let width = detail.width.saturating_sub(2);
    let lines = match items.get(sel) {
        Some(SurveyItem::Template(id)) => template_detail(s, &s.data.templates[id], theme),
        Some(SurveyItem::Owed(o)) => {
            let unit = s.data.units.get(&o.unit_id);
            vec![
                Line::raw(sanitize_line(s.data.person_name(o.who))),
                Line::raw(sanitize_line(&format!(
                    "{} #{} · {}",
                    s.lang.pick("пара", "pair"),
                    o.unit_id,
                    unit.map(|u| u.form.label(s.lang)).unwrap_or_default()
                ))),
                Line::raw(format!(
                    "{}: {}",
                    s.lang.pick("анкета", "questionnaire"),
                    stage_label(o.stage, s.lang)
                )),
                Line::raw(""),
                Line::styled(
                    s.lang
                        .pick("Enter — заполнить с клавиатуры", "Enter: fill it in"),
                    theme.dim(),
                ),
            ]
        }
        Some(SurveyItem::Curator(org)) => vec![
            Line::styled(
                sanitize_line(s.data.orgs.get(org).map_or("?", |o| o.name.as_str())),
                theme.header(),
            ),
            Line::raw(s.lang.pick(
                "Анкета куратора (SWOT) за учебный год: отвечает куратор, ответы — организации.",
                "The curator's questionnaire (SWOT) for the school year: the curator answers for the organisation.",
            )),
            Line::raw(""),
            Line::styled(
                s.lang.pick("Enter — заполнить", "Enter: fill it in"),
                theme.dim(),
            ),
        ],
        Some(SurveyItem::Draft(_)) => vec![Line::styled(
            s.lang.pick(
                "Enter — продолжить заполнение",
                "Enter: go on filling it in",
            ),
            theme.dim(),
        )],
        Some(SurveyItem::Done(id)) => response_detail(s, &s.data.responses[id], width, theme),
        None => Vec::new(),
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered()),
        detail,
    );
}

/// A filled-in questionnaire: who and when, each answer, and its
/// corrections.
fn response_detail(
    s: &Shared,
    r: &SurveyResponse,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let lang = s.lang;
    let Some(t) = s.data.templates.get(&r.template_id) else {
        return vec![Line::raw(lang.pick("Шаблон не найден", "No template"))];
    };
    let mut lines = vec![
        Line::styled(sanitize_line(&t.title), theme.header()),
        Line::raw(sanitize_line(&format!(
            "{} · {}",
            respondent_name(s, r.respondent),
            format_date(r.date)
        ))),
        Line::styled(
            lang.pick("Enter — открыть и исправить", "Enter: open and correct"),
            theme.dim(),
        ),
    ];
    for (i, q) in t.questions.iter().enumerate() {
        let a = r.answers.iter().find(|a| a.question == i).map(|a| &a.value);
        lines.push(Line::raw(sanitize_line(&format!(
            "{}. {} — {}",
            i + 1,
            q.text,
            answer_text(q, a, lang)
        ))));
    }
    if s.history_of == Some((EntityKind::SurveyResponse, r.id)) && s.history.len() > 1 {
        lines.push(Line::styled(
            lang.pick("История", "History"),
            theme.header(),
        ));
        let words = |c: &Change| response_change_in_words(t, c, lang);
        lines.extend(card::history(&s.history, &words, lang, width));
    }
    lines
}

/// A stored change of a response in words: which answers changed, from
/// what to what.
fn response_change_in_words(t: &SurveyTemplate, c: &Change, lang: Lang) -> String {
    match c.field.as_str() {
        "answers" => {
            let parse = |raw: &str| serde_json::from_str::<Vec<Answer>>(raw).unwrap_or_default();
            let (old, new) = (parse(&c.old), parse(&c.new));
            let of = |list: &[Answer], i: usize| {
                list.iter()
                    .find(|a| a.question == i)
                    .map(|a| a.value.clone())
            };
            let changed: Vec<String> = t
                .questions
                .iter()
                .enumerate()
                .filter_map(|(i, q)| {
                    let (a, b) = (of(&old, i), of(&new, i));
                    (a != b).then(|| {
                        format!(
                            "{}: {} → {}",
                            i + 1,
                            answer_text(q, a.as_ref(), lang),
                            answer_text(q, b.as_ref(), lang)
                        )
                    })
                })
                .collect();
            format!("{} {}", lang.pick("Ответ", "Answer"), changed.join("; "))
        }
        "draft" if c.new.is_empty() => lang
            .pick("черновик → заполнена", "draft → filled in")
            .into(),
        "date" => {
            let day = |raw: &str| {
                raw.parse::<chrono::NaiveDate>()
                    .map(format_date)
                    .unwrap_or_else(|_| raw.to_string())
            };
            format!(
                "{}: {} → {}",
                lang.pick("Дата", "Date"),
                day(&c.old),
                day(&c.new)
            )
        }
        other => other.to_string(),
    }
}

/// A template's questions with a one-line summary of their answers.
fn template_detail(s: &Shared, t: &SurveyTemplate, theme: &Theme) -> Vec<Line<'static>> {
    let lang = s.lang;
    let scope = Scope {
        from: chrono::NaiveDate::MIN,
        to: chrono::NaiveDate::MAX,
        org: None,
    };
    let n = s
        .data
        .responses
        .values()
        .filter(|r| r.template_id == t.id && scope.admits(r))
        .count();
    let mut lines = vec![
        Line::styled(sanitize_line(&t.title), theme.header()),
        Line::raw(format!(
            "{} · {} · {} {} · {} {n}",
            t.audience.label(lang),
            stage_label(t.stage, lang),
            lang.pick("вопросов", "questions"),
            t.questions.len(),
            lang.pick("ответов", "answers")
        )),
    ];
    lines.push(Line::styled(
        lang.pick(
            "Enter или e — открыть и изменить шаблон",
            "Enter or e: open and edit the template",
        ),
        theme.dim(),
    ));
    if !t.note.is_empty() {
        lines.push(Line::styled(sanitize_line(&t.note), theme.dim()));
    }
    for (i, (q, d)) in t
        .questions
        .iter()
        .zip(distributions(&s.data, t, &scope))
        .enumerate()
    {
        let summary = match d {
            Distribution::Scale { mean: Some(m), .. } => {
                format!(
                    "{} {}",
                    lang.pick("ср.", "mean"),
                    crate::reports::model::decimal(m, lang)
                )
            }
            Distribution::YesNo { yes, no } if yes + no > 0 => {
                format!(
                    "{} {yes} / {} {no}",
                    lang.pick("да", "yes"),
                    lang.pick("нет", "no")
                )
            }
            Distribution::Options { options, counts } => options
                .iter()
                .zip(counts)
                .filter(|(_, c)| *c > 0)
                .map(|(o, c)| format!("{o} {c}"))
                .collect::<Vec<_>>()
                .join(", "),
            Distribution::Text(list) if !list.is_empty() => {
                format!("{} {}", list.len(), lang.pick("отв.", "answers"))
            }
            _ => "—".into(),
        };
        lines.push(Line::raw(sanitize_line(&format!(
            "{}. {} — {summary}",
            i + 1,
            q.text
        ))));
    }
    lines
}
