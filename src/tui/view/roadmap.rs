//! Дорожная карта: the organisation's roadmap items, what is overdue first;
//! below, the selected item in full.

use super::{list_panel, Theme};
use crate::domain::dates::format_date;
use crate::domain::*;
use crate::roadmap::{standing, Standing, SOON_DAYS};
use crate::text::sanitize_line;
use crate::tui::app::{App, Tab};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

fn when(app: &App, item: &RoadmapItem) -> String {
    let lang = app.lang;
    match standing(item, app.status_opts.as_of, SOON_DAYS) {
        Standing::Overdue(d) => format!(
            "! {} {}",
            lang.pick("просрочено", "overdue"),
            format_date(d)
        ),
        Standing::DueSoon(d) => format!("{} {}", lang.pick("срок", "due"), format_date(d)),
        Standing::Done => lang.pick("выполнено", "done").into(),
        Standing::Later(_) => item.deadline_text.clone(),
    }
}

pub fn render(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let ids = app.roadmap_list();
    let sel = app.selected[Tab::ALL
        .iter()
        .position(|t| *t == Tab::Roadmap)
        .unwrap_or(0)]
    .min(ids.len().saturating_sub(1));
    let [list, detail] = Layout::vertical([Constraint::Min(5), Constraint::Length(8)]).areas(area);
    let overdue = ids
        .iter()
        .filter(|id| {
            matches!(
                standing(&app.data.roadmap[id], app.status_opts.as_of, SOON_DAYS),
                Standing::Overdue(_)
            )
        })
        .count();
    let items: Vec<String> = ids
        .iter()
        .map(|id| {
            let i = &app.data.roadmap[id];
            format!("{:<6} {:<24} {}", i.number, when(app, i), i.title)
        })
        .collect();
    list_panel(
        f,
        list,
        format!(
            " {} · {} {overdue} ",
            lang.pick("Дорожная карта", "Roadmap"),
            lang.pick("просрочено", "overdue")
        ),
        items,
        sel,
        lang.pick(
            " пунктов нет: nastavnik import roadmap ФАЙЛ (таблица из документа)",
            " no items: nastavnik import roadmap FILE (the document's table)",
        ),
        theme,
    );
    let lines = match ids.get(sel).and_then(|id| app.data.roadmap.get(id)) {
        Some(i) => {
            let parsed = match &i.deadline {
                Some(Deadline::By { date }) => format!(" (до {})", format_date(*date)),
                Some(Deadline::Within { from, to }) => {
                    format!(" ({} – {})", format_date(*from), format_date(*to))
                }
                Some(Deadline::Quarterly { .. }) => {
                    lang.pick(" (ежеквартально)", " (quarterly)").into()
                }
                Some(Deadline::Monthly { .. }) => lang.pick(" (ежемесячно)", " (monthly)").into(),
                Some(Deadline::Ongoing) => lang.pick(" (постоянно)", " (ongoing)").into(),
                None => lang.pick(" (не дата)", " (not a date)").into(),
            };
            vec![
                Line::styled(sanitize_line(&i.section), theme.dim()),
                Line::styled(
                    sanitize_line(&format!("{} {}", i.number, i.title)),
                    theme.header(),
                ),
                Line::raw(sanitize_line(&format!(
                    "{}: {}{parsed} · {}: {}",
                    lang.pick("Срок", "Deadline"),
                    i.deadline_text,
                    lang.pick("статус", "status"),
                    i.status.label(lang)
                ))),
                Line::raw(sanitize_line(&format!(
                    "{}: {}",
                    lang.pick("Ответственный", "Responsible"),
                    i.responsible
                ))),
                Line::raw(sanitize_line(&format!(
                    "{}: {} · {}: {}",
                    lang.pick("Результат", "Result"),
                    i.result,
                    lang.pick("подтверждение", "evidence"),
                    if i.evidence.is_empty() {
                        "—"
                    } else {
                        &i.evidence
                    }
                ))),
            ]
        }
        None => Vec::new(),
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered()),
        detail,
    );
}
