//! The questionnaire being entered: the current question with how to
//! answer it, and below, every question with its answer so far.

use super::Entry;
use crate::domain::*;
use crate::i18n::Lang;
use crate::text::sanitize_line;
use crate::tui::view::{marked_lines, Theme};
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// An answer as one short line.
pub fn answer_text(q: &Question, a: Option<&AnswerValue>, lang: Lang) -> String {
    match (a, &q.kind) {
        (None, _) => "—".into(),
        (Some(AnswerValue::Scale(v)), _) => v.to_string(),
        (Some(AnswerValue::YesNo(b)), _) => lang
            .pick(if *b { "да" } else { "нет" }, if *b { "yes" } else { "no" })
            .into(),
        (Some(AnswerValue::Choice(i)), QuestionKind::Single { options }) => {
            options.get(*i).cloned().unwrap_or_default()
        }
        (Some(AnswerValue::Choices(v)), QuestionKind::Multi { options }) => v
            .iter()
            .filter_map(|i| options.get(*i).cloned())
            .collect::<Vec<_>>()
            .join(", "),
        (Some(AnswerValue::Text(t)), _) => t.replace('\n', " "),
        (Some(_), _) => "?".into(),
    }
}

/// «1 раз в неделю · 2 раз в месяц».
fn numbered(options: &[String]) -> String {
    options
        .iter()
        .enumerate()
        .map(|(i, o)| format!("{} {o}", i + 1))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn hint(q: &Question, lang: Lang) -> String {
    match &q.kind {
        QuestionKind::Scale {
            min,
            max,
            min_label,
            max_label,
        } => {
            let ends = if min_label.is_empty() && max_label.is_empty() {
                String::new()
            } else {
                format!(" ({min} — {min_label}, {max} — {max_label})")
            };
            crate::tr!(
                lang,
                "Оценка от {min} до {max}{ends}: цифры; Enter, если нужно",
                "A mark from {min} to {max}{ends}: digits, Enter if needed"
            )
        }
        QuestionKind::Single { options } => format!(
            "{}: {}",
            lang.pick("Цифра варианта", "The option's digit"),
            numbered(options)
        ),
        QuestionKind::Multi { options } => format!(
            "{}: {}",
            lang.pick(
                "Цифры вариантов (повтор снимает), Enter — дальше",
                "Digits toggle options, Enter goes on"
            ),
            numbered(options)
        ),
        QuestionKind::YesNo => lang
            .pick("y (н) — да, n (т) — нет", "y — yes, n — no")
            .into(),
        QuestionKind::Text => lang
            .pick(
                "Свободный ответ; Enter — дальше, вставка сохраняет строки",
                "Free text; Enter goes on",
            )
            .into(),
    }
}

pub fn render(e: &Entry, lang: Lang, f: &mut Frame, area: Rect, theme: &Theme) {
    f.render_widget(Clear, area);
    let total = e.template.questions.len();
    let correcting = match e.is_submitted() {
        true => lang.pick(" · исправление", " · correcting"),
        false => "",
    };
    // The count and «исправление» are kept whole; the names give way.
    let tail = format!(" · {}/{}{correcting} ", e.answered(), total);
    let room = usize::from(area.width.saturating_sub(3)).saturating_sub(tail.width());
    let head = crate::text::ellipsize(
        &sanitize_line(&format!("{} · {}", e.template.title, e.respondent)),
        room,
    );
    let title = format!(" {head}{tail}");
    let block = Block::bordered()
        .title(sanitize_line(&title))
        .title_style(theme.header());
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [top, list] = Layout::vertical([Constraint::Length(8), Constraint::Min(3)]).areas(inner);
    let Some(q) = e.question() else {
        f.render_widget(
            Paragraph::new(lang.pick("В анкете нет вопросов.", "No questions.")),
            top,
        );
        return;
    };
    let [question, how, answer, error] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(2),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(top);
    f.render_widget(
        Paragraph::new(sanitize_line(&format!(
            "{} {}/{}: {}",
            lang.pick("Вопрос", "Question"),
            e.current + 1,
            total,
            q.text
        )))
        .style(theme.header())
        .wrap(Wrap { trim: true }),
        question,
    );
    f.render_widget(
        Paragraph::new(sanitize_line(&hint(q, lang)))
            .style(theme.dim())
            .wrap(Wrap { trim: true }),
        how,
    );
    if e.is_text() {
        f.render_widget(&e.text, answer);
        let c = e.text.screen_cursor();
        let (top_row, left) = e.text.scroll_offset();
        let (row, col) = (
            (c.row as u16).saturating_sub(top_row),
            (c.col as u16).saturating_sub(left),
        );
        if row < answer.height && col < answer.width {
            f.set_cursor_position(Position {
                x: answer.x + col,
                y: answer.y + row,
            });
        }
    } else {
        let now = answer_text(q, e.answers[e.current].as_ref(), lang);
        let typed = if e.digits.is_empty() {
            now
        } else {
            format!("{}▏", e.digits)
        };
        f.render_widget(
            Paragraph::new(sanitize_line(&format!(
                "{}: {typed}",
                lang.pick("Ответ", "Answer")
            ))),
            answer,
        );
    }
    if let Some(err) = &e.error {
        f.render_widget(
            Paragraph::new(sanitize_line(&format!("⚠ {err}"))).style(theme.error()),
            error,
        );
    }
    let items = e
        .template
        .questions
        .iter()
        .zip(&e.answers)
        .enumerate()
        .map(|(i, (q, a))| {
            let mark = if a.is_some() { "✓" } else { " " };
            format!(
                "{mark} {:>2}. {} — {}",
                i + 1,
                q.text,
                answer_text(q, a.as_ref(), lang)
            )
        });
    let h = list.height.saturating_sub(1) as usize;
    let mut lines = vec![Line::styled(
        lang.pick(
            "Все вопросы (↑/↓ — перейти):",
            "All questions (↑/↓ to move):",
        ),
        theme.dim(),
    )];
    lines.extend(marked_lines(
        items,
        e.current,
        e.current.saturating_sub(h / 2),
        h,
        theme,
    ));
    f.render_widget(Paragraph::new(lines), list);
}
