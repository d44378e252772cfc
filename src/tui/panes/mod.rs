//! The panes, one module each: its state, what its keys do (an action in,
//! effects out), the keys its hint bar and help show, and its view. The app
//! routes keys to the pane shown; it does not know what a pane does.

/// A pane's two accessors of the `/` search line it keeps in `$field`.
macro_rules! search_in {
    ($field:ident) => {
        fn search(&mut self) -> Option<&mut $crate::tui::panes::search::SearchLine> {
            Some(&mut self.$field)
        }

        fn search_line(&self) -> Option<&$crate::tui::panes::search::SearchLine> {
            Some(&self.$field)
        }
    };
}

pub mod bases;
pub mod keys;
pub mod matching;
pub mod meetings;
pub mod overview;
pub mod reports;
pub mod roadmap;
pub mod search;
pub mod surveys;

use super::command::Command;
use super::keymap::Action;
use super::modals::Modal;
use super::shared::Shared;
use super::view::Theme;
use crate::i18n::Lang;
use crate::status::Target;
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Bases,
    Matching,
    Meetings,
    Surveys,
    Reports,
    Roadmap,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Overview,
        Tab::Bases,
        Tab::Matching,
        Tab::Meetings,
        Tab::Surveys,
        Tab::Reports,
        Tab::Roadmap,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Tab::Overview => lang.pick("Обзор", "Overview"),
            Tab::Bases => lang.pick("Базы", "Bases"),
            Tab::Matching => lang.pick("Подбор пар", "Matching"),
            Tab::Meetings => lang.pick("Встречи", "Meetings"),
            Tab::Surveys => lang.pick("Анкеты", "Surveys"),
            Tab::Reports => lang.pick("Отчёты", "Reports"),
            Tab::Roadmap => lang.pick("Дорожная карта", "Roadmap"),
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// What handling a key asks of the app.
pub enum Effect {
    /// Carry out against the store.
    Run(Command),
    /// Open a dialog over what is shown.
    Open(Modal),
    /// Close the dialog on top.
    Close,
    Say(String, bool),
    /// Show another pane, and in it the record a warning is about.
    Reveal(Tab, Target),
    /// The report settings the curator set in their form.
    ReportSettings(reports::ReportSettings),
    Quit,
}

impl Effect {
    pub fn say(text: impl Into<String>) -> Effect {
        Effect::Say(text.into(), false)
    }

    pub fn error(text: impl Into<String>) -> Effect {
        Effect::Say(text.into(), true)
    }
}

pub type Effects = Vec<Effect>;

/// A pane, in the manner of gitui's components: keys in, effects out; the
/// keys it offers; a view of its state.
pub trait Pane {
    /// A key before the key map reads it: typed into the search line while
    /// it is open. None: the pane does not take raw keys now.
    fn raw_key(&mut self, ev: KeyEvent, _s: &Shared) -> Option<Effects> {
        if self.search()?.key(ev)? {
            self.searched();
        }
        Some(Vec::new())
    }

    /// The pane's `/` search line, if it has one: typed keys, a paste and
    /// the status bar's prompt go to it.
    fn search(&mut self) -> Option<&mut search::SearchLine> {
        None
    }

    fn search_line(&self) -> Option<&search::SearchLine> {
        None
    }

    /// The query changed: the list starts again from its top.
    fn searched(&mut self) {}

    /// A list action of the key map.
    fn action(&mut self, action: Action, s: &Shared) -> Effects;

    /// Pasted text, already cleaned of line-break differences.
    fn paste(&mut self, text: &str) {
        if self.search().is_some_and(|line| line.paste(text)) {
            self.searched();
        }
    }

    /// The pane's key table (see [`keys`]): every action it takes, the
    /// hinted ones now marked.
    fn keys(&self) -> Vec<keys::Key>;

    /// The actions the hint bar offers now.
    fn hints(&self) -> Vec<Action> {
        keys::hinted(&self.keys())
    }

    /// Whether a list action does something here (the help lists those).
    fn has(&self, action: Action) -> bool {
        keys::listed(&self.keys(), action)
    }

    fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme);

    /// After the data, the organisation shown or the date changed: caches
    /// follow, selections stay in range.
    fn sync(&mut self, _s: &Shared) {}

    /// Selects what a warning is about, when the pane is shown for it.
    fn reveal(&mut self, _target: Target, _s: &Shared) -> Effects {
        Vec::new()
    }

    /// Shown (a tab switch).
    fn enter(&mut self, _s: &Shared) -> Effects {
        Vec::new()
    }

    /// A line of the status bar that replaces the hints (a search prompt).
    fn prompt(&self, lang: Lang) -> Option<&'static str> {
        self.search_line()?.prompt(lang)
    }
}

/// A selection after a movement key, within `len` lines.
pub fn moved(sel: usize, action: Action, len: usize, page: usize) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (sel + 1).min(last),
        Action::PageUp => sel.saturating_sub(page.max(1)),
        Action::PageDown => (sel + page.max(1)).min(last),
        Action::First => 0,
        Action::Last => last,
        _ => sel,
    }
}

/// The next (or, going back, the previous) of `all` after `current`,
/// round the end: what `f` and `F` do to a filter.
pub fn cycled<T: PartialEq + Copy>(all: &[T], current: T, forward: bool) -> T {
    let n = all.len();
    let at = all.iter().position(|x| *x == current).unwrap_or(0);
    all[(at + if forward { 1 } else { n - 1 }) % n]
}

/// The list keys of most panes: the organisation, and moving through a list.
pub const NAVIGATE: &[Action] = &[
    Action::Organisation,
    Action::Up,
    Action::Down,
    Action::PageUp,
    Action::PageDown,
    Action::First,
    Action::Last,
];

pub fn is_movement(action: Action) -> bool {
    NAVIGATE[1..].contains(&action)
}
