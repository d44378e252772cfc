//! The Анкеты pane's view: who still owes a questionnaire, the drafts to resume, and the
//! templates; beside the list, what the selected line is about (for a
//! template, how its questions were answered).

use super::{SurveyItem, SurveysPane};
use crate::domain::*;
use crate::i18n::Lang;
use crate::surveys::analysis::{distributions, Distribution, Scope};
use crate::text::sanitize_line;
use crate::tui::shared::Shared;
use crate::tui::view::{list_panel, Theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

fn stage_label(s: SurveyStage, lang: Lang) -> &'static str {
    s.label(lang)
}

fn item_line(s: &Shared, item: &SurveyItem) -> String {
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
        SurveyItem::Draft(id) => {
            let r = &d.responses[id];
            let total = d
                .templates
                .get(&r.template_id)
                .map_or(0, |t| t.questions.len());
            format!(
                "{} · {} · {}/{total}",
                lang.pick("черновик", "draft"),
                d.person_name(r.respondent),
                r.answers.len()
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
    let owed = items
        .iter()
        .filter(|i| matches!(i, SurveyItem::Owed(_)))
        .count();
    list_panel(
        f,
        list,
        format!(
            " {} · {} {owed} ",
            s.lang.pick("Анкеты", "Questionnaires"),
            s.lang.pick("не заполнено", "owed")
        ),
        items.iter().map(|i| item_line(s, i)).collect(),
        sel,
        s.lang.pick(
            " нет анкет: добавьте организацию (Базы)",
            " no questionnaires: add an organisation (Bases)",
        ),
        theme,
    );
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
        Some(SurveyItem::Draft(_)) => vec![Line::styled(
            s.lang.pick(
                "Enter — продолжить заполнение",
                "Enter: go on filling it in",
            ),
            theme.dim(),
        )],
        None => Vec::new(),
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered()),
        detail,
    );
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
