//! Дорожная карта: the organisation's roadmap items, what is overdue first;
//! below, the selected item in full. Enter or e edits its status and evidence.

use super::{is_movement, moved, Effects, Pane};
use crate::domain::dates::format_date;
use crate::domain::*;
use crate::roadmap::{standing, Standing, SOON_DAYS};
use crate::status::Target;
use crate::text::sanitize_line;
use crate::tui::keymap::Action;
use crate::tui::modals::form;
use crate::tui::shared::Shared;
use crate::tui::view::{list_panel, Theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

fn when(s: &Shared, item: &RoadmapItem) -> String {
    let lang = s.lang;
    match standing(item, s.status_opts.as_of, SOON_DAYS) {
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

/// The roadmap of the organisation shown: what is overdue first (by date),
/// then the rest in the document's order.
pub fn roadmap_list(s: &Shared) -> Vec<Id> {
    let as_of = s.status_opts.as_of;
    let mut items: Vec<(u8, Option<chrono::NaiveDate>, Id)> = s
        .data
        .roadmap
        .values()
        .filter(|i| !i.archived && s.shows_org(i.org_id))
        .map(|i| match standing(i, as_of, SOON_DAYS) {
            Standing::Overdue(d) => (0, Some(d), i.id),
            _ => (1, None, i.id),
        })
        .collect();
    items.sort();
    items.into_iter().map(|(_, _, id)| id).collect()
}

#[derive(Default)]
pub struct RoadmapPane {
    pub selected: usize,
}

impl RoadmapPane {
    fn render(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        let lang = s.lang;
        let ids = roadmap_list(s);
        let sel = self.selected.min(ids.len().saturating_sub(1));
        let [list, detail] =
            Layout::vertical([Constraint::Min(5), Constraint::Length(8)]).areas(area);
        let overdue = ids
            .iter()
            .filter(|id| {
                matches!(
                    standing(&s.data.roadmap[id], s.status_opts.as_of, SOON_DAYS),
                    Standing::Overdue(_)
                )
            })
            .count();
        let items: Vec<String> = ids
            .iter()
            .map(|id| {
                let i = &s.data.roadmap[id];
                format!("{:<6} {:<24} {}", i.number, when(s, i), i.title)
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
        let lines = match ids.get(sel).and_then(|id| s.data.roadmap.get(id)) {
            Some(i) => {
                let parsed = match &i.deadline {
                    Some(Deadline::By { date }) => {
                        crate::tr!(lang, " (до {})", " (by {})", format_date(*date))
                    }
                    Some(Deadline::Within { from, to }) => {
                        format!(" ({} – {})", format_date(*from), format_date(*to))
                    }
                    Some(Deadline::Quarterly { .. }) => {
                        lang.pick(" (ежеквартально)", " (quarterly)").into()
                    }
                    Some(Deadline::Monthly { .. }) => {
                        lang.pick(" (ежемесячно)", " (monthly)").into()
                    }
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
}

impl Pane for RoadmapPane {
    fn action(&mut self, action: Action, s: &Shared) -> Effects {
        match action {
            Action::Open | Action::Edit => roadmap_list(s)
                .get(self.selected)
                .and_then(|id| s.data.roadmap.get(id))
                .map(|item| vec![form(item.clone(), s)])
                .unwrap_or_default(),
            a if is_movement(a) => {
                self.selected = moved(self.selected, a, roadmap_list(s).len(), s.page);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn hints(&self) -> &'static [Action] {
        &[Action::Edit, Action::Down, Action::NextTab]
    }

    fn has(&self, action: Action) -> bool {
        super::NAVIGATE.contains(&action) || matches!(action, Action::Open | Action::Edit)
    }

    fn reveal(&mut self, target: Target, s: &Shared) -> Effects {
        if let Target::Roadmap(id) = target {
            self.selected = roadmap_list(s).iter().position(|i| *i == id).unwrap_or(0);
        }
        Vec::new()
    }

    fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        self.render(f, area, s, theme);
    }
}
