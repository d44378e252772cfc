//! Дорожная карта: the organisation's roadmap items, what is overdue first;
//! below, the selected item in full. Enter or e edits it (status, evidence,
//! the text), n adds one by hand, d archives, a shows the archive, r restores.

use super::{is_movement, moved, Effect, Effects, Pane};
use crate::domain::dates::format_date;
use crate::domain::*;
use crate::roadmap::{standing, Standing, SOON_DAYS};
use crate::status::Target;
use crate::store::EntityKind;
use crate::text::sanitize_line;
use crate::tui::command::Command;
use crate::tui::keymap::Action;
use crate::tui::modals::{confirm, form};
use crate::tui::panes::keys::Key;
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
/// then the rest in the document's order; or its archived items.
pub fn roadmap_list(s: &Shared, archived: bool) -> Vec<Id> {
    list_of(s, archived, &super::search::SearchLine::default())
}

/// [`roadmap_list`], of the items whose number, title or section contain
/// the search's query.
fn list_of(s: &Shared, archived: bool, search: &super::search::SearchLine) -> Vec<Id> {
    let as_of = s.status_opts.as_of;
    let mut items: Vec<(u8, Option<chrono::NaiveDate>, Id)> = s
        .data
        .roadmap
        .values()
        .filter(|i| i.archived == archived && s.shows_org(i.org_id))
        .filter(|i| search.matches(|| format!("{} {} {}", i.number, i.title, i.section)))
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
    /// Showing the archived items (restored with r).
    pub archive: bool,
    pub search: super::search::SearchLine,
}

impl RoadmapPane {
    fn selected_item<'a>(&self, s: &'a Shared) -> Option<&'a RoadmapItem> {
        list_of(s, self.archive, &self.search)
            .get(self.selected)
            .and_then(|id| s.data.roadmap.get(id))
    }

    /// A new item of the organisation shown, numbered after the last.
    fn new_item(s: &Shared) -> RoadmapItem {
        let org_id = s.org_filter.unwrap_or_else(|| s.default_org_id());
        let last = s
            .data
            .roadmap
            .values()
            .filter(|i| i.org_id == org_id && !i.archived)
            .filter_map(|i| i.number.split('.').next()?.trim().parse::<u32>().ok())
            .max();
        RoadmapItem {
            org_id,
            // The first item of an empty roadmap is 1, not unnumbered.
            number: last.map_or(1, |n| n + 1).to_string(),
            ..RoadmapItem::default()
        }
    }

    fn archive_selected(&self, s: &Shared) -> Effects {
        let Some(item) = self.selected_item(s) else {
            return Vec::new();
        };
        let question = crate::tr!(
            s.lang,
            "Перенести пункт {} «{}» в архив? Его можно будет вернуть (a, r). (y — да, n — нет)",
            "Archive item {} '{}'? It can be restored (a, r). (y/n)",
            item.number,
            crate::text::ellipsize(&item.title, 60)
        );
        vec![confirm(
            question,
            Command::SetArchived(EntityKind::RoadmapItem, item.id, true),
        )]
    }

    fn render(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        let lang = s.lang;
        let ids = list_of(s, self.archive, &self.search);
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
            match self.archive {
                false => format!(
                    " {} · {} {overdue}{} ",
                    lang.pick("Дорожная карта", "Roadmap"),
                    lang.pick("просрочено", "overdue"),
                    self.search.title_part(lang)
                ),
                true => format!(
                    " {} ({}) ",
                    lang.pick("Дорожная карта: архив", "Roadmap: archive"),
                    ids.len()
                ),
            },
            items,
            sel,
            match (self.archive, self.search.query.is_empty()) {
                (_, false) => lang.pick(
                    " ничего не найдено (Esc — весь список)",
                    " nothing found (Esc: the whole list)",
                ),
                (false, true) => lang.pick(
                    " пунктов нет: n — добавить, i — импорт из файла",
                    " no items: n adds one, i imports a file",
                ),
                (true, true) => lang.pick(" архив пуст", " the archive is empty"),
            },
            theme,
        );
        let lines = match ids.get(sel).and_then(|id| s.data.roadmap.get(id)) {
            Some(i) => {
                // The date read out of the text is shown only when the text
                // does not already say it («до 25.12.2026» stays as typed).
                let says = |dates: &[chrono::NaiveDate]| {
                    dates
                        .iter()
                        .all(|d| i.deadline_text.contains(&format_date(*d)))
                };
                let parsed = match &i.deadline {
                    Some(Deadline::By { date }) if says(&[*date]) => String::new(),
                    Some(Deadline::Within { from, to }) if says(&[*from, *to]) => String::new(),
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
                    None if i.deadline_text.trim().is_empty() => String::new(),
                    None => lang.pick(" (не дата)", " (not a date)").into(),
                };
                let or_dash = |t: &str| match t.trim().is_empty() {
                    true => "—".to_string(),
                    false => t.to_string(),
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
                        or_dash(&i.deadline_text),
                        lang.pick("статус", "status"),
                        i.status.label(lang)
                    ))),
                    Line::raw(sanitize_line(&format!(
                        "{}: {}",
                        lang.pick("Ответственный", "Responsible"),
                        or_dash(&i.responsible)
                    ))),
                    Line::raw(sanitize_line(&format!(
                        "{}: {} · {}: {}",
                        lang.pick("Результат", "Result"),
                        or_dash(&i.result),
                        lang.pick("подтверждение", "evidence"),
                        or_dash(&i.evidence)
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
    search_in!(search);

    fn searched(&mut self) {
        self.selected = 0;
    }

    fn action(&mut self, action: Action, s: &Shared) -> Effects {
        match action {
            Action::Search => {
                self.search.start();
                Vec::new()
            }
            Action::Open | Action::Edit if !self.archive => self
                .selected_item(s)
                .map(|item| vec![form(item.clone(), s)])
                .unwrap_or_default(),
            Action::New if !self.archive => vec![form(Self::new_item(s), s)],
            Action::Archive if !self.archive => self.archive_selected(s),
            Action::Restore if self.archive => self
                .selected_item(s)
                .map(|i| {
                    vec![Effect::Run(Command::SetArchived(
                        EntityKind::RoadmapItem,
                        i.id,
                        false,
                    ))]
                })
                .unwrap_or_default(),
            Action::Back if !self.search.query.is_empty() => {
                self.search.query.clear();
                self.selected = 0;
                Vec::new()
            }
            Action::ShowArchived | Action::Back
                if self.archive || action == Action::ShowArchived =>
            {
                self.archive = !self.archive;
                self.selected = 0;
                Vec::new()
            }
            a if is_movement(a) => {
                let len = list_of(s, self.archive, &self.search).len();
                self.selected = moved(self.selected, a, len, s.page);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn keys(&self) -> Vec<Key> {
        let archive = self.archive;
        vec![
            Key::hint(Action::Edit, !archive),
            Key::hint(Action::New, !archive),
            Key::hint(Action::Archive, !archive),
            Key::hint(Action::ShowArchived, !archive),
            Key::hint(Action::Restore, archive),
            Key::hint(Action::Back, archive),
            Key::help(Action::Open),
            Key::help(Action::Search),
        ]
    }

    fn sync(&mut self, s: &Shared) {
        let len = list_of(s, self.archive, &self.search).len();
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    fn reveal(&mut self, target: Target, s: &Shared) -> Effects {
        if let Target::Roadmap(id) = target {
            self.archive = false;
            self.selected = roadmap_list(s, false)
                .iter()
                .position(|i| *i == id)
                .unwrap_or(0);
        }
        Vec::new()
    }

    fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        self.render(f, area, s, theme);
    }
}
