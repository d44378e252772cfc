//! The interface's state and its update: which pane is shown, the dialogs
//! open over it, and the routing of keys to whichever has them. What a key
//! does is the pane's or the dialog's business; the effects they return are
//! applied here, and a command goes to the runtime, which alone touches the
//! store.

pub use super::command::Command;
pub use super::modals::Modal;
pub use super::panes::meetings::PairsFilter;
pub use super::panes::surveys::SurveyItem;
pub use super::panes::Tab;

use super::keymap::{Action, Context, Key, Keymap};
use super::panes::bases::BasesPane;
use super::panes::matching::MatchingPane;
use super::panes::meetings::MeetingsPane;
use super::panes::overview::OverviewPane;
use super::panes::reports::ReportsPane;
use super::panes::roadmap::RoadmapPane;
use super::panes::surveys::SurveysPane;
use super::panes::{Effect, Effects, Pane};
use super::shared::Shared;
use crate::domain::*;
use crate::i18n::Lang;
use crossterm::event::KeyEvent;

pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub shared: Shared,
    pub tab: Tab,
    pub overview: OverviewPane,
    pub bases: BasesPane,
    pub matching: MatchingPane,
    pub meetings: MeetingsPane,
    pub surveys: SurveysPane,
    pub reports: ReportsPane,
    pub roadmap: RoadmapPane,
    /// Dialogs, the top one last.
    modals: Vec<Modal>,
    pub message: Option<Message>,
    pub quit: bool,
    /// The tab a warning was opened from: Esc goes back to it.
    pub came_from: Option<Tab>,
    /// The lists of the last drawn screen, for mouse clicks.
    pub hits: std::cell::RefCell<Vec<super::view::Hit>>,
    /// The store job under way on the worker, if any (the status line).
    pub working: Option<super::background::Working>,
}

/// The app reads as its shared data: `app.lang`, `app.data` ...
impl std::ops::Deref for App {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.shared
    }
}

impl std::ops::DerefMut for App {
    fn deref_mut(&mut self) -> &mut Shared {
        &mut self.shared
    }
}

impl App {
    pub fn new(lang: Lang, keymap: Keymap, data: Dataset, timelines: Timelines) -> App {
        let status_opts = crate::status::Options {
            as_of: chrono::Local::now().date_naive(),
            meetings: Default::default(),
            calendar: Default::default(),
        };
        App::with_options(
            lang,
            keymap,
            data,
            timelines,
            status_opts,
            Default::default(),
        )
    }

    /// With the settings file's thresholds and satisfaction rule, so that
    /// status and the gauges are computed once at start-up.
    pub fn with_options(
        lang: Lang,
        keymap: Keymap,
        data: Dataset,
        timelines: Timelines,
        status_opts: crate::status::Options,
        satisfaction: crate::surveys::analysis::SatisfactionRule,
    ) -> App {
        let status = crate::status::compute(&data, &timelines, &status_opts);
        let greeting = data.orgs.is_empty();
        let mut shared = Shared {
            lang,
            keymap,
            data,
            timelines,
            status,
            match_opts: crate::matching::Options {
                as_of: status_opts.as_of,
                ..Default::default()
            },
            status_opts,
            org_filter: None,
            history: Vec::new(),
            history_of: None,
            page: 10,
            term_width: 80,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            version: 0,
        };
        shared.org_filter = shared.single_org();
        let mut app = App {
            shared,
            tab: Tab::Overview,
            overview: OverviewPane::default(),
            bases: BasesPane::default(),
            matching: MatchingPane::default(),
            meetings: MeetingsPane::default(),
            surveys: SurveysPane::default(),
            reports: ReportsPane {
                satisfaction,
                ..Default::default()
            },
            roadmap: RoadmapPane::default(),
            modals: greeting.then_some(Modal::Greeting).into_iter().collect(),
            message: None,
            quit: false,
            came_from: None,
            hits: Default::default(),
            working: None,
        };
        app.sync_all();
        app
    }

    fn pane(&self, tab: Tab) -> &dyn Pane {
        match tab {
            Tab::Overview => &self.overview,
            Tab::Bases => &self.bases,
            Tab::Matching => &self.matching,
            Tab::Meetings => &self.meetings,
            Tab::Surveys => &self.surveys,
            Tab::Reports => &self.reports,
            Tab::Roadmap => &self.roadmap,
        }
    }

    /// The pane of `tab`, and the shared data beside it.
    fn pane_mut(&mut self, tab: Tab) -> (&mut dyn Pane, &Shared) {
        let s = &self.shared;
        let pane: &mut dyn Pane = match tab {
            Tab::Overview => &mut self.overview,
            Tab::Bases => &mut self.bases,
            Tab::Matching => &mut self.matching,
            Tab::Meetings => &mut self.meetings,
            Tab::Surveys => &mut self.surveys,
            Tab::Reports => &mut self.reports,
            Tab::Roadmap => &mut self.roadmap,
        };
        (pane, s)
    }

    /// The pane shown.
    pub fn current(&self) -> &dyn Pane {
        self.pane(self.tab)
    }

    /// The dialog on top, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modals.last()
    }

    pub fn modal_mut(&mut self) -> Option<&mut Modal> {
        self.modals.last_mut()
    }

    /// The context whose keys the status bar shows.
    pub fn context(&self) -> Context {
        self.modal().map_or(Context::List, Modal::context)
    }

    pub fn say(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
        });
    }

    /// Background work has ended: the pane that asked for it takes the
    /// result (it speaks only when shown); perhaps a command to run again.
    pub fn finished(&mut self, done: super::background::Finished) -> Option<Command> {
        let mut effects = self.matching.finished(done, &self.shared);
        if self.tab != Tab::Matching {
            effects.retain(|e| !matches!(e, Effect::Say(..)));
        }
        let cmd = self.apply(effects);
        self.sync_shown();
        cmd
    }

    /// Handles one key press; returns what the runtime must do, if anything.
    pub fn on_key(&mut self, ev: KeyEvent) -> Option<Command> {
        let key = Key::from_event(&ev)?;
        let effects = if let Some(top) = self.modals.last_mut() {
            top.key(ev, key, &self.shared)
        } else {
            let tab = self.tab;
            let (pane, s) = self.pane_mut(tab);
            match pane.raw_key(ev, s) {
                Some(effects) => effects,
                None => self.list_key(key),
            }
        };
        let cmd = self.apply(effects);
        self.sync_shown();
        cmd
    }

    /// A click or the wheel: a tab clicked is shown, the wheel moves through
    /// the list (or the form's fields). None when it did nothing.
    pub fn on_mouse(
        &mut self,
        m: crossterm::event::MouseEvent,
        width: u16,
    ) -> Option<Option<Command>> {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};
        let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) if m.row == 0 && self.modals.is_empty() => {
                let tab = super::view::tab_at(self.lang, width, m.column)?;
                let fx = self.switch(tab);
                self.came_from = None;
                let cmd = self.apply(fx);
                self.sync_shown();
                Some(cmd)
            }
            MouseEventKind::Down(MouseButton::Left)
                if matches!(self.modal(), Some(Modal::Confirm { .. })) =>
            {
                let at = ratatui::layout::Position {
                    x: m.column,
                    y: m.row,
                };
                let yes = self.hits.borrow().iter().find_map(|h| match h {
                    super::view::Hit::Button { area, yes } if area.contains(at) => Some(*yes),
                    _ => None,
                })?;
                let fx = self.modal_mut()?.answer(yes);
                let cmd = self.apply(fx);
                self.sync_shown();
                Some(cmd)
            }
            MouseEventKind::Down(MouseButton::Left) if self.modals.is_empty() => {
                let fx = self.click_row(m.column, m.row)?;
                let cmd = self.apply(fx);
                self.sync_shown();
                Some(cmd)
            }
            MouseEventKind::ScrollDown => Some(self.on_key(key(KeyCode::Down))),
            MouseEventKind::ScrollUp => Some(self.on_key(key(KeyCode::Up))),
            _ => None,
        }
    }

    /// A click on a list's row selects it (the list takes the keys first,
    /// in a screen of two); a click on the selected row opens it, as Enter.
    /// The pane moves there by its own keys, so what a move does (a pair's
    /// candidates, a record's history) follows as from the keyboard.
    fn click_row(&mut self, x: u16, y: u16) -> Option<Effects> {
        let hits: Vec<super::view::ListHit> = self
            .hits
            .borrow()
            .iter()
            .filter_map(|h| match h {
                super::view::Hit::List(l) => Some(*l),
                _ => None,
            })
            .collect();
        let inside =
            |h: &&super::view::ListHit| h.rows.contains(ratatui::layout::Position { x, y });
        let hit = *hits.iter().find(inside)?;
        let index = hit.first + usize::from(y - hit.rows.y);
        let mut actions = Vec::new();
        if hit.focus == Some(false) {
            let focused = hits.iter().find(|h| h.focus == Some(true));
            let after = focused.is_none_or(|f| hit.rows.x > f.rows.x || hit.rows.y > f.rows.y);
            actions.push(match after {
                true => Action::NextSection,
                false => Action::PrevSection,
            });
        }
        let (step, n) = match index >= hit.selected {
            true => (Action::Down, index - hit.selected),
            false => (Action::Up, hit.selected - index),
        };
        actions.extend(std::iter::repeat_n(step, n));
        if actions.is_empty() {
            actions.push(Action::Open);
        }
        let tab = self.tab;
        let (pane, s) = self.pane_mut(tab);
        Some(
            actions
                .into_iter()
                .flat_map(|a| pane.action(a, s))
                .collect(),
        )
    }

    /// A key outside any dialog: the app's own (tabs, help, quit, the
    /// organisation), else the pane's.
    fn list_key(&mut self, key: Key) -> Effects {
        let km = &self.shared.keymap;
        let Some(action) = km
            .lookup(Context::List, key, false)
            .or_else(|| km.lookup(Context::Global, key, false))
        else {
            return Vec::new();
        };
        let tabs = Tab::ALL.len();
        let to = |tab: Tab| Some(tab);
        let switch = match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Help => return vec![Effect::Open(Modal::Help(Default::default()))],
            Action::Organisation => return self.next_org(),
            Action::Undo => return vec![Effect::Run(Command::Undo)],
            Action::OrgSettings => return self.org_settings(),
            Action::Files => {
                let open = Effect::Open(Modal::Files(Box::default()));
                let wanted = super::panes::surveys::templates_wanted(&self.shared);
                return std::iter::once(open)
                    .chain(wanted.map(Effect::Run))
                    .collect();
            }
            Action::Redo => return vec![Effect::Run(Command::Redo)],
            Action::NextTab => to(Tab::ALL[(self.tab.index() + 1) % tabs]),
            Action::PrevTab => to(Tab::ALL[(self.tab.index() + tabs - 1) % tabs]),
            Action::TabOverview => to(Tab::Overview),
            Action::TabBases => to(Tab::Bases),
            Action::TabMatching => to(Tab::Matching),
            Action::TabMeetings => to(Tab::Meetings),
            Action::TabSurveys => to(Tab::Surveys),
            Action::TabReports => to(Tab::Reports),
            Action::TabRoadmap => to(Tab::Roadmap),
            _ => None,
        };
        // Esc after a warning was opened: the pane lets go, and back.
        if action == Action::Back {
            if let Some(from) = self.came_from.take() {
                let tab = self.tab;
                let (pane, s) = self.pane_mut(tab);
                let mut fx = pane.action(Action::Back, s);
                fx.extend(self.switch(from));
                return fx;
            }
        }
        match switch {
            Some(tab) => {
                self.came_from = None;
                self.switch(tab)
            }
            None => {
                let tab = self.tab;
                let (pane, s) = self.pane_mut(tab);
                pane.action(action, s)
            }
        }
    }

    fn switch(&mut self, tab: Tab) -> Effects {
        // A message belongs to the pane it was said in.
        if tab != self.tab {
            self.message = None;
        }
        self.tab = tab;
        let (pane, s) = self.pane_mut(tab);
        pane.sync(s);
        pane.enter(s)
    }

    /// Applies what a pane or dialog asked for; the command, if any, is the
    /// runtime's.
    fn apply(&mut self, effects: Effects) -> Option<Command> {
        let mut cmd = None;
        for e in effects {
            match e {
                Effect::Run(c) => cmd = Some(c),
                Effect::Open(m) => self.modals.push(m),
                Effect::Close => {
                    self.modals.pop();
                }
                Effect::Say(text, error) => self.say(text, error),
                Effect::Reveal(tab, target) => {
                    self.came_from = Some(self.tab).filter(|from| *from != tab);
                    if tab != self.tab {
                        self.message = None;
                    }
                    self.tab = tab;
                    let (pane, s) = self.pane_mut(tab);
                    pane.sync(s);
                    let more = pane.reveal(target, s);
                    cmd = self.apply(more).or(cmd);
                }
                Effect::ReportSettings(settings) => {
                    let more = self.reports.set_settings(settings, &self.shared);
                    cmd = self.apply(more).or(cmd);
                }
                Effect::Quit => self.quit = true,
            }
        }
        cmd
    }

    pub fn on_paste(&mut self, text: &str) {
        // Terminals send a pasted line break as CR (or CRLF).
        let text = &text.replace("\r\n", "\n").replace('\r', "\n");
        match self.modals.last_mut() {
            Some(top) => top.paste(text),
            None => {
                let tab = self.tab;
                self.pane_mut(tab).0.paste(text);
            }
        }
        self.sync_shown();
    }

    /// The pane shown follows the data and its query.
    fn sync_shown(&mut self) {
        let tab = self.tab;
        let (pane, s) = self.pane_mut(tab);
        pane.sync(s);
    }

    /// After new data, another organisation or date: the pane shown
    /// follows now, the others when they are shown (a switch syncs), so
    /// that a save on the district rebuilds one pane's rows, not all;
    /// Обзор's gauges follow at once.
    fn sync_all(&mut self) {
        self.sync_shown();
        self.reports.refresh(&self.shared);
    }

    /// All organisations, then each one in turn.
    /// The form of the organisation shown (its settings and this year's
    /// targets); with several and none picked, says how to pick one.
    fn org_settings(&self) -> Effects {
        let live: Vec<&Organisation> = self.data.orgs.values().filter(|o| !o.archived).collect();
        let org = match self.org_filter {
            Some(id) => self.data.orgs.get(&id),
            None if live.len() == 1 => live.first().copied(),
            None => None,
        };
        match org {
            Some(o) => vec![super::modals::form(o.clone(), &self.shared)],
            None if live.is_empty() => {
                vec![super::modals::form(Organisation::default(), &self.shared)]
            }
            None => {
                let k = self.keymap.keys_label(Context::List, Action::Organisation);
                vec![Effect::error(crate::tr!(
                    self.lang,
                    "Выберите организацию ({k}) или откройте Базы → Организации",
                    "Pick an organisation ({k}) or open Bases → Organisations"
                ))]
            }
        }
    }

    fn next_org(&mut self) -> Effects {
        let ids: Vec<Id> = self
            .data
            .orgs
            .values()
            .filter(|o| !o.archived)
            .map(|o| o.id)
            .collect();
        self.shared.org_filter = match self.org_filter {
            None => ids.first().copied(),
            Some(cur) => ids.iter().skip_while(|i| **i != cur).nth(1).copied(),
        };
        self.bases.selected = 0;
        self.bases.offset = 0;
        self.overview.selected = 0;
        self.meetings.selected = 0;
        self.surveys.selected = 0;
        self.roadmap.selected = 0;
        self.reports.selected = 0;
        self.sync_all();
        let name = match self.org_filter.and_then(|id| self.data.orgs.get(&id)) {
            Some(o) => o.name.clone(),
            None => self
                .lang
                .pick("все организации", "all organisations")
                .into(),
        };
        vec![Effect::say(format!(
            "{}: {name}",
            self.lang.pick("Организация", "Organisation")
        ))]
    }

    /// New data after a write.
    pub fn reload(&mut self, data: Dataset, timelines: Timelines) {
        self.shared.data = data;
        self.shared.timelines = timelines;
        self.data_changed();
    }

    /// The data changed in place (the records a save touched, read again):
    /// the warnings and every pane follow.
    pub fn data_changed(&mut self) {
        let s = &mut self.shared;
        s.status = crate::status::compute(&s.data, &s.timelines, &s.status_opts);
        s.version += 1;
        // A new first organisation, or the shown one gone: show what there is.
        if s.org_filter
            .is_none_or(|id| s.data.orgs.get(&id).is_none_or(|o| o.archived))
        {
            s.org_filter = s.single_org();
        }
        self.sync_all();
        if !self.data.orgs.is_empty() {
            self.modals.retain(|m| !matches!(m, Modal::Greeting));
        }
    }

    /// After another process changed the data: read again, and an open
    /// form whose record changed says so (its save then asks first); one
    /// whose person was erased closes. Whether it said something.
    pub fn reload_from_outside(&mut self, data: Dataset, timelines: Timelines) -> bool {
        self.shared.data = data;
        self.shared.timelines = timelines;
        self.changed_from_outside()
    }

    /// [`App::reload_from_outside`] for data already changed in place.
    pub fn changed_from_outside(&mut self) -> bool {
        self.data_changed();
        let data = &self.shared.data;
        let before = self.modals.len();
        self.modals
            .retain(|m| !matches!(m, Modal::Form(form) if form.erased_in(data)));
        if self.modals.len() < before {
            let text = self.lang.pick(
                "Данные человека в открытой форме удалены по его запросу в другом процессе: форма закрыта, правки не сохранены.",
                "The person in the open form was erased on their request by another process: the form is closed, the edits unsaved.",
            );
            self.say(text, true);
            return true;
        }
        let mut hit = false;
        for m in &mut self.modals {
            if let Modal::Form(form) = m {
                hit |= form.check_outside(data);
            }
        }
        if hit {
            let text = self.lang.pick(
                "Запись в открытой форме изменили в другом процессе: сохранение спросит, записать ли ваши правки поверх.",
                "Another process changed the record in the open form: saving will ask before writing your edits over it.",
            );
            self.say(text, true);
        }
        hit
    }

    pub fn form_changed_outside(&self) -> bool {
        self.modals
            .iter()
            .any(|m| matches!(m, Modal::Form(f) if f.changed_outside))
    }

    /// After a save is stored: the form or questionnaire it came from closes.
    pub fn saved(&mut self) {
        if self.modal().is_some_and(Modal::closes_on_save) {
            self.modals.pop();
        }
    }

    /// The notes and feedback of the open pair's meetings, read from the store.
    pub fn show_pair_notes(&mut self, notes: Vec<Meeting>) {
        self.meetings.notes = notes;
    }

    /// Opens a meeting read from the store in its form.
    pub fn open_meeting(&mut self, meeting: Meeting) {
        let fx = vec![super::modals::form(meeting, &self.shared)];
        self.apply(fx);
    }

    /// After an итоговая встреча of an active pair: offers to complete it.
    pub fn offer_completion(&mut self, meeting: &Meeting) {
        let fx = MeetingsPane::offer_completion(meeting, &self.shared);
        self.apply(fx);
    }

    /// Judges the warnings by other options (the settings file, a date).
    pub fn set_status_options(&mut self, opts: crate::status::Options) {
        self.shared.status = crate::status::compute(&self.data, &self.timelines, &opts);
        self.shared.status_opts = opts;
        self.sync_all();
    }

    /// The terminal's size at a draw: paging and the report preview follow.
    pub fn resized(&mut self, width: u16, page: usize) {
        self.shared.page = page;
        if self.shared.term_width != width {
            self.shared.term_width = width;
            self.reports.relayout(&self.shared);
        }
    }

    // What the tests and the benchmarks read of the panes.

    /// The Bases rows as the pane's query shows them.
    pub fn rows(&self) -> Vec<&super::panes::bases::RowData> {
        self.bases.rows()
    }

    /// The selected pair's meetings that are not archived, newest first.
    pub fn selected_meetings(&self) -> Vec<&MeetingBrief> {
        self.meetings.selected_meetings(&self.shared)
    }

    pub fn survey_items(&self) -> &[SurveyItem] {
        self.surveys.items()
    }
}
