//! Базы: the sections (mentors, mentees, programs, partners, organisations),
//! each a table with search, sort and filter, and the card of one record
//! with its pairs and history. n adds, e edits, d archives, r restores,
//! X erases a person's data on their request.

mod model;
mod view;

pub use model::{all_rows, columns, filters, fit, visible_rows, Query, RowData, Section};
pub use view::fit_cell;

use super::{moved, Effect, Effects, Pane};
use crate::domain::*;
use crate::status::Target;
use crate::tui::command::Command;
use crate::tui::keymap::Action;
use crate::tui::modals::{confirm, form};
use crate::tui::panes::keys::Key;
use crate::tui::shared::Shared;
use crate::tui::view::{window, Theme};
use ratatui::layout::Rect;
use ratatui::Frame;

#[derive(Default)]
pub struct BasesPane {
    pub section_index: usize,
    pub sort_column: usize,
    pub reverse: bool,
    pub search: crate::tui::panes::search::SearchLine,
    /// 0 = no filter, else the n-th value of the section's filter list.
    pub filter: usize,
    pub archived: bool,
    pub selected: usize,
    pub offset: usize,
    /// The record whose card is open, and how far it is scrolled.
    pub detail: Option<Id>,
    pub card_scroll: u16,
    /// The sections shown (Организации only when there are several).
    sections: Vec<Section>,
    /// Every row of the current section, built once per data version.
    all_rows: (Option<(u64, Section)>, Vec<RowData>),
    /// Which of them the query shows, in order.
    rows: (Option<Query>, Vec<usize>),
}

impl BasesPane {
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    pub fn section(&self) -> Section {
        let s = &self.sections;
        s.get(self.section_index.min(s.len().saturating_sub(1)))
            .copied()
            .unwrap_or(Section::Mentors)
    }

    /// The rows as the query shows them (kept between keys).
    pub fn rows(&self) -> Vec<&RowData> {
        self.rows.1.iter().map(|i| &self.all_rows.1[*i]).collect()
    }

    /// The n-th visible row, without collecting them all.
    pub fn row(&self, n: usize) -> Option<&RowData> {
        self.rows.1.get(n).map(|i| &self.all_rows.1[*i])
    }

    pub fn row_count(&self) -> usize {
        self.rows.1.len()
    }

    fn selected_id(&self) -> Option<Id> {
        self.row(self.selected).map(|r| r.id)
    }

    /// The record the keys act on: the open card's, or the selected row's.
    fn target(&self) -> Option<Id> {
        self.detail.or_else(|| self.selected_id())
    }

    /// The name shown in the row of record `id` (for questions).
    fn row_name(&self, id: Id) -> String {
        self.rows()
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.cells[1].clone())
            .unwrap_or_default()
    }

    fn reset(&mut self) {
        self.selected = 0;
        self.offset = 0;
        self.detail = None;
    }

    fn new_record(&self, s: &Shared) -> Effect {
        let org_id = s.default_org_id();
        match self.section() {
            Section::Mentors => form(
                Mentor {
                    org_id,
                    ..Mentor::default()
                },
                s,
            ),
            Section::Mentees => form(
                Mentee {
                    org_id,
                    ..Mentee::default()
                },
                s,
            ),
            Section::Programs => form(
                Program {
                    org_id,
                    ..Program::default()
                },
                s,
            ),
            Section::Partners => form(
                Partner {
                    org_id,
                    ..Partner::default()
                },
                s,
            ),
            Section::Documents => form(
                Document {
                    org_id,
                    ..Document::default()
                },
                s,
            ),
            Section::Organisations => form(Organisation::default(), s),
        }
    }

    fn edit_record(&self, id: Id, s: &Shared) -> Option<Effect> {
        let d = &s.data;
        Some(match self.section() {
            Section::Mentors => form(d.mentors.get(&id)?.clone(), s),
            Section::Mentees => form(d.mentees.get(&id)?.clone(), s),
            Section::Programs => form(d.programs.get(&id)?.clone(), s),
            Section::Partners => form(d.partners.get(&id)?.clone(), s),
            Section::Documents => form(d.documents.get(&id)?.clone(), s),
            Section::Organisations => form(d.orgs.get(&id)?.clone(), s),
        })
    }

    fn ask_archive(&self, id: Id, s: &Shared) -> Effect {
        let question = format!(
            "{} «{}» (#{id})? {}",
            s.lang.pick("Перенести в архив", "Archive"),
            crate::text::sanitize_line(&self.row_name(id)),
            s.lang.pick(
                "Запись можно будет вернуть. (y — да, n — нет)",
                "It can be restored. (y/n)"
            )
        );
        confirm(
            question,
            Command::SetArchived(self.section().kind(), id, true),
        )
    }

    fn ask_erase(&self, subject: crate::store::erase::Subject, s: &Shared) -> Effect {
        let id = subject.id();
        let question = format!(
            "{} «{}» (#{id})? {}",
            s.lang.pick(
                "Удалить по запросу все персональные данные",
                "Erase on request all personal data of"
            ),
            crate::text::sanitize_line(&self.row_name(id)),
            s.lang.pick(
                "Запись, её история, анкеты, имя в заметках встреч и резервные копии будут удалены; пары останутся. Это нельзя отменить. (y — да, n — нет)",
                "The record, its history, questionnaires, the name in meeting notes and the backups go; pairs stay. This cannot be undone. (y/n)"
            )
        );
        confirm(question, Command::Erase(subject))
    }

    /// The rows follow the data and the query.
    fn sync_rows(&mut self, s: &Shared) {
        let query = Query {
            version: s.version,
            section: self.section(),
            search: self.search.query.clone(),
            filter: self.filter,
            archived: self.archived,
            sort: (self.sort_column, self.reverse),
            org: s.org_filter,
        };
        let whole = (s.version, query.section);
        if self.all_rows.0 != Some(whole) {
            self.all_rows = (Some(whole), all_rows(&s.data, query.section, s.lang));
        }
        if self.rows.0.as_ref() != Some(&query) {
            let rows = visible_rows(&self.all_rows.1, &query);
            self.rows = (Some(query), rows);
        }
    }
}

impl Pane for BasesPane {
    search_in!(search);

    fn searched(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    fn action(&mut self, action: Action, s: &Shared) -> Effects {
        let section = self.section();
        let n_sections = self.sections.len().max(1);
        match action {
            Action::NextSection | Action::PrevSection => {
                let step = if action == Action::NextSection {
                    1
                } else {
                    n_sections - 1
                };
                self.section_index = (self.section_index + step) % n_sections;
                self.sort_column = 0;
                self.filter = 0;
                self.reset();
            }
            Action::Search => {
                self.search.start();
                self.detail = None;
            }
            Action::Sort => {
                let n = columns(section, s.lang).len();
                self.sort_column = (self.sort_column + 1) % n;
            }
            Action::ReverseSort => self.reverse = !self.reverse,
            Action::Filter | Action::FilterBack => {
                let n = filters(section, s.lang).len().max(1);
                let step = if action == Action::Filter { 1 } else { n - 1 };
                self.filter = (self.filter + step) % n;
                self.reset();
            }
            Action::ShowArchived => {
                self.archived = !self.archived;
                self.reset();
            }
            Action::Open => {
                let Some(id) = self.selected_id() else {
                    return Vec::new();
                };
                self.detail = Some(id);
                self.card_scroll = 0;
                return vec![Effect::Run(Command::LoadHistory(section.kind(), id))];
            }
            Action::Back => {
                if self.detail.is_some() {
                    self.detail = None;
                } else {
                    self.search.query.clear();
                    self.reset();
                }
            }
            Action::New => return vec![self.new_record(s)],
            Action::Edit => {
                return self
                    .target()
                    .and_then(|id| self.edit_record(id, s))
                    .into_iter()
                    .collect()
            }
            Action::Archive if !self.archived => {
                return self
                    .target()
                    .map(|id| self.ask_archive(id, s))
                    .into_iter()
                    .collect()
            }
            Action::Erase => {
                return self
                    .target()
                    .and_then(|id| Some(self.ask_erase(section.subject(id)?, s)))
                    .into_iter()
                    .collect()
            }
            Action::Restore if self.archived => {
                return self
                    .selected_id()
                    .map(|id| vec![Effect::Run(Command::SetArchived(section.kind(), id, false))])
                    .unwrap_or_default()
            }
            Action::PageDown | Action::PageUp if self.detail.is_some() => {
                let down = action == Action::PageDown;
                self.card_scroll = crate::tui::view::card::scrolled(self.card_scroll, down, s.page);
            }
            a => {
                self.selected = moved(self.selected, a, self.row_count(), s.page);
                self.card_scroll = 0;
                if self.detail.is_some() {
                    self.detail = self.selected_id();
                    return self
                        .detail
                        .map(|id| vec![Effect::Run(Command::LoadHistory(section.kind(), id))])
                        .unwrap_or_default();
                }
            }
        }
        Vec::new()
    }

    fn keys(&self) -> Vec<Key> {
        let bar = !self.search.active;
        let card = bar && self.detail.is_some();
        let archived = bar && !card && self.archived;
        let list = bar && !card && !self.archived;
        vec![
            Key::hint(Action::New, list),
            Key::hint(Action::Restore, archived),
            Key::hint(Action::ShowArchived, archived),
            Key::hint(Action::Edit, card || list),
            Key::hint(Action::Search, archived || list),
            Key::hint(Action::Archive, card || list),
            Key::hint(Action::NextSection, archived || list),
            Key::hint(Action::PageDown, card),
            Key::hint(Action::Back, card),
            Key::help(Action::Open),
            Key::help(Action::PrevSection),
            Key::help(Action::Sort),
            Key::help(Action::ReverseSort),
            Key::help(Action::Filter),
            Key::help(Action::FilterBack),
            Key::help(Action::Erase),
        ]
    }

    fn sync(&mut self, s: &Shared) {
        self.sections = Section::visible(&s.data);
        self.sync_rows(s);
        self.offset = window(self.selected, self.offset, s.page);
    }

    fn reveal(&mut self, target: Target, s: &Shared) -> Effects {
        let Target::Mentor(id) = target else {
            return Vec::new();
        };
        *self = BasesPane {
            detail: Some(id),
            ..BasesPane::default()
        };
        self.sync(s);
        self.selected = (0..self.row_count())
            .position(|n| self.row(n).is_some_and(|r| r.id == id))
            .unwrap_or(0);
        vec![Effect::Run(Command::LoadHistory(
            Section::Mentors.kind(),
            id,
        ))]
    }

    fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        view::render(self, s, f, area, theme);
    }
}
