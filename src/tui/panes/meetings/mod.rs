//! Встречи: the pairs and groups with their meetings. n logs a meeting,
//! J/K move through the pair's meetings, e edits one, d archives it, a
//! shows the pair's archived meetings and r restores one, f filters the
//! pairs (all, active, needing attention, archived). Enter opens the pair's
//! card (people, dates, order, result, history): there e edits the pair
//! and who is in it, t terminates it with a reason, d archives it.

mod view;

pub use view::per_month;

use super::{is_movement, moved, Effect, Effects, Pane};
use crate::domain::*;
use crate::status::Target;
use crate::store::EntityKind;
use crate::tui::command::Command;
use crate::tui::form::RecordForm;
use crate::tui::keymap::Action;
use crate::tui::modals::{confirm, form, Modal};
use crate::tui::panes::keys::Key;
use crate::tui::shared::Shared;
use crate::tui::view::Theme;
use ratatui::layout::Rect;
use ratatui::Frame;
use std::collections::BTreeMap;

/// Which pairs the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PairsFilter {
    #[default]
    All,
    Active,
    NeedsAttention,
    Archived,
}

impl PairsFilter {
    const ALL: [PairsFilter; 4] = [
        PairsFilter::All,
        PairsFilter::Active,
        PairsFilter::NeedsAttention,
        PairsFilter::Archived,
    ];

    fn stepped(self, forward: bool) -> PairsFilter {
        super::cycled(&Self::ALL, self, forward)
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            PairsFilter::All => lang.pick("все", "all"),
            PairsFilter::Active => lang.pick("активные", "active"),
            PairsFilter::NeedsAttention => lang.pick("требуют внимания", "need attention"),
            PairsFilter::Archived => lang.pick("в архиве (r — вернуть)", "archived (r restores)"),
        }
    }
}

/// What the pairs' list depends on.
#[derive(Debug, Clone, PartialEq)]
struct ListKey {
    version: u64,
    filter: PairsFilter,
    query: String,
    org: Option<Id>,
    lang: crate::i18n::Lang,
    status: (chrono::NaiveDate, usize),
}

/// The data version and language the search words were made in.
type WordsKey = (u64, crate::i18n::Lang);

#[derive(Default)]
pub struct MeetingsPane {
    /// The pairs' list last worked out, by what it depends on.
    listed: std::cell::RefCell<Option<(ListKey, Vec<Id>)>>,
    /// Each pair's words as the search reads them, folded, per data and
    /// language: a keystroke then only looks (a district has thousands).
    words: std::cell::RefCell<Option<(WordsKey, BTreeMap<Id, String>)>>,
    pub selected: usize,
    /// The selected meeting in the selected pair's timeline (newest first).
    pub meeting_sel: usize,
    pub filter: PairsFilter,
    /// The timeline shows the pair's archived meetings (to restore one).
    pub archived: bool,
    /// The selected pair's card is open, scrolled this far.
    pub card: bool,
    /// The pair whose card is open: the card follows it in the list, and
    /// closes when it leaves the list (archived, or filtered out).
    card_pair: Option<Id>,
    pub card_scroll: u16,
    /// `/`: pairs whose people, number or status contain the query.
    pub search: super::search::SearchLine,
    /// The open pair's meetings in full (notes and feedback), loaded with it.
    pub notes: Vec<Meeting>,
    /// The pair's meetings have the movement keys (→), not the pairs.
    pub meetings_focused: bool,
}

impl MeetingsPane {
    /// The pairs the list shows, by the filter: all, active, or needing
    /// attention (any warning).
    /// The pairs shown, worked out once per data, filter, query and
    /// organisation (a key on the district asks for them several times).
    pub fn pair_list<'a>(&self, s: &'a Shared) -> Vec<&'a Unit> {
        let key = ListKey {
            version: s.version,
            filter: self.filter,
            query: self.search.query.clone(),
            org: s.org_filter,
            lang: s.lang,
            // Status is worked out again on new settings too, not only on
            // new data: «требуют внимания» follows it.
            status: (s.status_opts.as_of, s.status.warnings.len()),
        };
        let mut cache = self.listed.borrow_mut();
        if cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let ids = self.list_pairs(s).iter().map(|u| u.id).collect();
            *cache = Some((key, ids));
        }
        let ids = cache.as_ref().map(|(_, ids)| ids.as_slice()).unwrap_or(&[]);
        ids.iter().filter_map(|id| s.data.units.get(id)).collect()
    }

    /// Whether the pair's words hold the (folded) query.
    fn found(&self, s: &Shared, unit: &Unit, query: &str) -> bool {
        let mut words = self.words.borrow_mut();
        let key = (s.version, s.lang);
        if words.as_ref().is_none_or(|(k, _)| *k != key) {
            let all = s
                .data
                .units
                .values()
                .map(|u| {
                    let text = format!(
                        "#{} {} {}",
                        u.id,
                        s.data.unit_title(u),
                        u.status.label(s.lang)
                    );
                    (u.id, crate::text::fold(&text))
                })
                .collect();
            *words = Some((key, all));
        }
        words
            .as_ref()
            .and_then(|(_, all)| all.get(&unit.id))
            .is_some_and(|w| w.contains(query))
    }

    fn list_pairs<'a>(&self, s: &'a Shared) -> Vec<&'a Unit> {
        let query = crate::text::fold(&self.search.query);
        let flagged: std::collections::BTreeSet<Id> = s
            .status
            .warnings
            .iter()
            .filter_map(|w| match w.target {
                Target::Unit(id) => Some(id),
                _ => None,
            })
            .collect();
        s.data
            .units
            .values()
            .filter(|u| u.archived == (self.filter == PairsFilter::Archived))
            .filter(|u| s.shows_org(u.org_id))
            .filter(|u| query.is_empty() || self.found(s, u, &query))
            .filter(|u| match self.filter {
                PairsFilter::All | PairsFilter::Archived => true,
                PairsFilter::Active => u.status == UnitStatus::Active,
                PairsFilter::NeedsAttention => flagged.contains(&u.id),
            })
            .collect()
    }

    pub fn selected_pair<'a>(&self, s: &'a Shared) -> Option<&'a Unit> {
        self.pair_list(s).into_iter().nth(self.selected)
    }

    /// The selected pair's meetings, newest first: the live ones, or in
    /// the archive view the archived ones.
    pub fn selected_meetings<'a>(&self, s: &'a Shared) -> Vec<&'a MeetingBrief> {
        let Some(unit) = self.selected_pair(s) else {
            return Vec::new();
        };
        s.timelines
            .get(&unit.id)
            .map(|t| {
                t.iter()
                    .rev()
                    .filter(|b| b.archived == self.archived)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// After an итоговая встреча of an active pair: its form, ready to be
    /// completed on that date (F2 saves, Esc leaves the pair as it is).
    pub fn offer_completion(meeting: &Meeting, s: &Shared) -> Effects {
        let Some(unit) = s.data.units.get(&meeting.unit_id) else {
            return Vec::new();
        };
        if meeting.kind != MeetingKind::Final || unit.status != UnitStatus::Active {
            return Vec::new();
        }
        let done = Unit {
            status: UnitStatus::Completed,
            end: Some(meeting.date),
            ..unit.clone()
        };
        let mut form = RecordForm::new(done, &s.data, s.lang);
        form.dirty = true;
        vec![
            Effect::Open(Modal::Form(Box::new(form))),
            Effect::say(s.lang.pick(
                "Итоговая встреча записана. Завершить пару? Допишите результат и сохраните (F2) или Esc.",
                "Final meeting logged. Complete the pair? Add the result and save (F2), or Esc.",
            )),
        ]
    }

    fn new_meeting(&self, s: &Shared) -> Option<Effect> {
        let unit = self.selected_pair(s)?;
        let timeline = s.timelines.get(&unit.id).map(Vec::as_slice).unwrap_or(&[]);
        let meeting = Meeting {
            org_id: unit.org_id,
            unit_id: unit.id,
            date: s.status_opts.as_of,
            kind: crate::meetings::next_kind(timeline),
            attendees: unit.people().collect(),
            ..Meeting::default()
        };
        Some(form(meeting, s))
    }

    fn open_card(&mut self, s: &Shared) -> Effects {
        let Some(unit) = self.selected_pair(s) else {
            return Vec::new();
        };
        self.card = true;
        self.card_pair = Some(unit.id);
        self.card_scroll = 0;
        self.notes.clear();
        vec![Effect::Run(Command::LoadHistory(EntityKind::Unit, unit.id))]
    }

    /// The pair's form, set to прекращена today, waiting for the reason.
    fn terminate(&self, s: &Shared) -> Effects {
        let Some(unit) = self.selected_pair(s) else {
            return Vec::new();
        };
        if !unit.is_live() {
            return vec![Effect::error(s.lang.pick(
                "Пара уже завершена или прекращена.",
                "The pair has already ended.",
            ))];
        }
        let ended = Unit {
            status: UnitStatus::Terminated,
            end: Some(s.status_opts.as_of),
            ..unit.clone()
        };
        let employees = crate::domain::labour::applies(ended.form);
        let mut form = RecordForm::new(ended, &s.data, s.lang);
        form.dirty = true;
        form.focus_on(FieldKey::EndReason);
        let say = match employees {
            false => s.lang.pick(
                "Прекращение пары: укажите причину и сохраните (F2), Esc — оставить как есть.",
                "Terminating the pair: give the reason and save (F2), or Esc.",
            ),
            // ТК РФ ст. 351.8: the mentor gives notice three working days ahead.
            true => s.lang.pick(
                "Причина и дата уведомления наставника (ТК 351.8: за 3 раб. дня), F2 — сохранить",
                "The reason and the mentor's notice date (LC 351.8: 3 working days), F2 saves",
            ),
        };
        vec![Effect::Open(Modal::Form(Box::new(form))), Effect::say(say)]
    }

    fn archive_pair(&self, s: &Shared) -> Effects {
        let Some(unit) = self.selected_pair(s) else {
            return Vec::new();
        };
        let question = crate::tr!(
            s.lang,
            "Перенести пару #{} «{}» в архив? Её можно будет вернуть (f — «в архиве», r). (y — да, n — нет)",
            "Archive pair #{} '{}'? It can be restored (f to archived, r). (y/n)",
            unit.id,
            crate::text::ellipsize(&s.data.unit_title(unit), 50)
        );
        vec![confirm(
            question,
            Command::SetArchived(EntityKind::Unit, unit.id, true),
        )]
    }

    fn restore_pair(&self, s: &Shared) -> Effects {
        self.selected_pair(s)
            .map(|u| {
                vec![Effect::Run(Command::SetArchived(
                    EntityKind::Unit,
                    u.id,
                    false,
                ))]
            })
            .unwrap_or_default()
    }

    /// The keys of the open card.
    fn card_action(&mut self, action: Action, s: &Shared) -> Effects {
        match action {
            Action::Back | Action::Open => {
                self.card = false;
                Vec::new()
            }
            Action::Edit => self
                .selected_pair(s)
                .map(|u| vec![form(u.clone(), s)])
                .unwrap_or_default(),
            Action::Terminate => self.terminate(s),
            Action::Archive if self.filter != PairsFilter::Archived => self.archive_pair(s),
            Action::Restore if self.filter == PairsFilter::Archived => self.restore_pair(s),
            Action::PageDown | Action::PageUp => {
                let down = action == Action::PageDown;
                self.card_scroll = crate::tui::view::card::scrolled(self.card_scroll, down, s.page);
                Vec::new()
            }
            Action::New => self.new_meeting(s).into_iter().collect(),
            _ => Vec::new(),
        }
    }

    fn archive_meeting(&self, s: &Shared) -> Option<Effect> {
        let b = *self.selected_meetings(s).get(self.meeting_sel)?;
        let question = format!(
            "{} {} ({})? {}",
            s.lang
                .pick("Перенести в архив встречу", "Archive the meeting of"),
            crate::domain::dates::format_date(b.date),
            b.kind.label(s.lang),
            s.lang.pick(
                "Её можно будет вернуть. (y — да, n — нет)",
                "It can be restored. (y/n)"
            )
        );
        Some(confirm(
            question,
            Command::SetArchived(EntityKind::Meeting, b.id, true),
        ))
    }
}

impl Pane for MeetingsPane {
    search_in!(search);

    fn searched(&mut self) {
        self.selected = 0;
        self.meeting_sel = 0;
    }

    fn action(&mut self, action: Action, s: &Shared) -> Effects {
        if self.card {
            return self.card_action(action, s);
        }
        match action {
            Action::Search => {
                self.search.start();
                Vec::new()
            }
            Action::Back if !self.search.query.is_empty() => {
                self.search.query.clear();
                Vec::new()
            }
            Action::New if self.filter != PairsFilter::Archived => {
                self.new_meeting(s).into_iter().collect()
            }
            Action::Filter | Action::FilterBack => {
                self.filter = self.filter.stepped(action == Action::Filter);
                self.selected = 0;
                self.meeting_sel = 0;
                vec![Effect::say(format!(
                    "{}: {}",
                    s.lang.pick("Пары", "Pairs"),
                    self.filter.label(s.lang)
                ))]
            }
            Action::NextCandidate | Action::PrevCandidate => {
                let step = if action == Action::NextCandidate {
                    Action::Down
                } else {
                    Action::Up
                };
                let n = self.selected_meetings(s).len();
                self.meeting_sel = moved(self.meeting_sel, step, n, 1);
                Vec::new()
            }
            Action::Edit if !self.archived && !self.selected_meetings(s).is_empty() => self
                .selected_meetings(s)
                .get(self.meeting_sel)
                .map(|b| vec![Effect::Run(Command::EditMeeting(b.id))])
                .unwrap_or_default(),
            Action::Archive if !self.archived => self.archive_meeting(s).into_iter().collect(),
            Action::ShowArchived => {
                self.archived = !self.archived;
                self.meeting_sel = 0;
                let text = if self.archived {
                    s.lang.pick(
                        "Архив встреч пары: r — вернуть выбранную, a — назад.",
                        "The pair's archived meetings: r restores the selected one, a goes back.",
                    )
                } else {
                    s.lang.pick("Встречи пары.", "The pair's meetings.")
                };
                vec![Effect::say(text)]
            }
            Action::Restore if self.archived => self
                .selected_meetings(s)
                .get(self.meeting_sel)
                .map(|b| {
                    vec![Effect::Run(Command::SetArchived(
                        EntityKind::Meeting,
                        b.id,
                        false,
                    ))]
                })
                .unwrap_or_default(),
            Action::Restore if self.filter == PairsFilter::Archived => self.restore_pair(s),
            Action::Open | Action::Edit => self.open_card(s),
            Action::Terminate => self.terminate(s),
            Action::NextSection | Action::PrevSection if !self.card => {
                self.meetings_focused = action == Action::NextSection;
                Vec::new()
            }
            a if is_movement(a) && self.meetings_focused && !self.card => {
                let n = self.selected_meetings(s).len();
                self.meeting_sel = moved(self.meeting_sel, a, n, s.page);
                Vec::new()
            }
            a if is_movement(a) => {
                let before = self.selected;
                self.selected = moved(self.selected, a, self.pair_list(s).len(), s.page);
                if self.selected != before {
                    self.meeting_sel = 0;
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn keys(&self) -> Vec<Key> {
        let (card, archived) = (self.card, self.filter == PairsFilter::Archived);
        vec![
            Key::hint(Action::Restore, archived),
            Key::hint(Action::Edit, card && !archived),
            Key::hint(Action::Terminate, card && !archived),
            Key::hint(Action::Archive, card && !archived),
            Key::hint(Action::New, !archived),
            Key::hint(Action::Open, !card),
            Key::hint(Action::Filter, !card),
            Key::hint(Action::ShowArchived, !card && !archived),
            Key::hint(Action::PageDown, card && archived),
            Key::hint(Action::Back, card),
            Key::help(Action::FilterBack),
            Key::help(Action::NextSection),
            Key::help(Action::PrevSection),
            Key::help(Action::NextCandidate),
            Key::help(Action::PrevCandidate),
            Key::help(Action::Search),
        ]
    }

    fn sync(&mut self, s: &Shared) {
        let pairs = self.pair_list(s);
        if let (true, Some(id)) = (self.card, self.card_pair) {
            match pairs.iter().position(|u| u.id == id) {
                Some(at) => self.selected = at,
                None => self.card = false,
            }
        }
        self.selected = self.selected.min(pairs.len().saturating_sub(1));
        self.meeting_sel = self
            .meeting_sel
            .min(self.selected_meetings(s).len().saturating_sub(1));
    }

    fn reveal(&mut self, target: Target, s: &Shared) -> Effects {
        if let Target::Unit(id) = target {
            self.filter = PairsFilter::All;
            self.card = false;
            self.selected = self
                .pair_list(s)
                .iter()
                .position(|u| u.id == id)
                .unwrap_or(0);
            self.meeting_sel = 0;
        }
        Vec::new()
    }

    fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        view::render(self, s, f, area, theme);
    }
}
