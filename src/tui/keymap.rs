//! Key bindings from `keymaps/*.toml`: the shipped map is embedded, a
//! user's file overrides only the actions it names, and letters typed in
//! the Russian layout find the same actions outside text fields.

use crate::i18n::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::fmt;

pub const DEFAULT: &str = include_str!("../../keymaps/default.toml");

/// Where a key is looked up: the global context applies everywhere except
/// in forms and confirmations, which take their keys first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Context {
    Global,
    List,
    Form,
    Confirm,
}

impl Context {
    const ALL: [(Context, &'static str); 4] = [
        (Context::Global, "global"),
        (Context::List, "list"),
        (Context::Form, "form"),
        (Context::Confirm, "confirm"),
    ];

    fn from_name(name: &str) -> Option<Context> {
        Self::ALL.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }
}

macro_rules! actions {
    ($($variant:ident => $name:literal, $ru:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Action { $($variant),* }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];

            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),* }
            }

            pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
                match self { $(Action::$variant => lang.pick($ru, $en)),* }
            }

            fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    Quit => "quit", "выход", "quit";
    Help => "help", "справка", "help";
    NextTab => "next_tab", "след. вкладка", "next tab";
    PrevTab => "prev_tab", "пред. вкладка", "previous tab";
    TabOverview => "tab_overview", "Обзор", "Overview";
    TabBases => "tab_bases", "Базы", "Bases";
    TabMatching => "tab_matching", "Подбор пар", "Matching";
    TabMeetings => "tab_meetings", "Встречи", "Meetings";
    TabSurveys => "tab_surveys", "Анкеты", "Surveys";
    TabReports => "tab_reports", "Отчёты", "Reports";
    TabRoadmap => "tab_roadmap", "Дорожная карта", "Roadmap";
    Undo => "undo", "отменить изменение", "undo a change";
    Redo => "redo", "вернуть отменённое", "redo";
    Files => "files", "импорт и экспорт", "import and export";
    OrgSettings => "org_settings", "организация, цели", "organisation, targets";
    Up => "up", "вверх", "up";
    Down => "down", "вниз", "down";
    PageUp => "page_up", "страница вверх", "page up";
    PageDown => "page_down", "страница вниз", "page down";
    First => "first", "в начало", "first";
    Last => "last", "в конец", "last";
    Open => "open", "открыть", "open";
    Back => "back", "назад", "back";
    NextSection => "next_section", "след. раздел", "next section";
    PrevSection => "prev_section", "пред. раздел", "previous section";
    Search => "search", "поиск", "search";
    Sort => "sort", "сортировка", "sort";
    ReverseSort => "reverse_sort", "обратный порядок", "reverse order";
    Filter => "filter", "фильтр", "filter";
    FilterBack => "filter_back", "фильтр назад", "previous filter";
    ShowArchived => "show_archived", "архив", "archive view";
    New => "new", "добавить", "new";
    Edit => "edit", "изменить", "edit";
    Archive => "archive", "в архив", "archive";
    Restore => "restore", "вернуть из архива", "restore";
    Terminate => "terminate", "прекратить пару", "terminate the pair";
    Erase => "erase", "удалить по запросу", "erase on request";
    Demo => "demo", "демо-данные", "demo data";
    NextCandidate => "next_candidate", "след. кандидат", "next candidate";
    PrevCandidate => "prev_candidate", "пред. кандидат", "previous candidate";
    RunMatching => "run_matching", "подобрать пары", "propose pairs";
    Accept => "accept", "принять пару", "accept the pair";
        AcceptAll => "accept_all", "принять все", "accept all";
    Lock => "lock", "закрепить кандидата", "lock the candidate";
    Reject => "reject", "отклонить кандидата", "reject the candidate";
        ClearDecisions => "clear_decisions", "снять закрепление и отказы", "clear locks and rejections";
    AllMentors => "all_mentors", "все наставники (выбор вручную)", "all mentors (pick by hand)";
    Organisation => "organisation", "выбор организации", "pick organisation";
    Period => "period", "период и параметры", "period and settings";
    SaveReport => "save_report", "сохранить в файл", "save to a file";
    Save => "save", "сохранить", "save";
    Cancel => "cancel", "отмена", "cancel";
    NextField => "next_field", "след. поле", "next field";
    PrevField => "prev_field", "пред. поле", "previous field";
    NextChoice => "next_choice", "след. вариант", "next option";
    PrevChoice => "prev_choice", "пред. вариант", "previous option";
    Yes => "yes", "да", "yes";
    No => "no", "нет", "no";
}

/// One key with its modifiers, as written in a key map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub code: KeyCodeOrd,
    pub ctrl: bool,
    pub alt: bool,
}

/// `KeyCode` restricted to what key maps name, ordered for maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(&'static str),
}

const NAMED: [&str; 15] = [
    "Enter",
    "Esc",
    "Tab",
    "BackTab",
    "Backspace",
    "Delete",
    "Insert",
    "Home",
    "End",
    "PageUp",
    "PageDown",
    "Up",
    "Down",
    "Left",
    "Right",
];

impl Key {
    /// "ctrl+s", "F2", "Enter", "й" (one character, counted in chars).
    pub fn parse(text: &str) -> Option<Key> {
        let mut key = Key {
            code: KeyCodeOrd::Char(' '),
            ctrl: false,
            alt: false,
        };
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl+") && rest.chars().count() > 5 {
                key.ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt+") && rest.chars().count() > 4 {
                key.alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        key.code = if rest.chars().count() == 1 {
            KeyCodeOrd::Char(rest.chars().next()?)
        } else if rest.eq_ignore_ascii_case("space") {
            KeyCodeOrd::Char(' ')
        } else if let Some(n) = rest
            .strip_prefix(['F', 'f'])
            .and_then(|n| n.parse::<u8>().ok())
        {
            if !(1..=12).contains(&n) {
                return None;
            }
            KeyCodeOrd::F(n)
        } else {
            KeyCodeOrd::Named(NAMED.iter().find(|n| n.eq_ignore_ascii_case(rest))?)
        };
        Some(key)
    }

    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        let code = match ev.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(c),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            KeyCode::Enter => KeyCodeOrd::Named("Enter"),
            KeyCode::Esc => KeyCodeOrd::Named("Esc"),
            KeyCode::Tab => KeyCodeOrd::Named("Tab"),
            KeyCode::BackTab => KeyCodeOrd::Named("BackTab"),
            KeyCode::Backspace => KeyCodeOrd::Named("Backspace"),
            KeyCode::Delete => KeyCodeOrd::Named("Delete"),
            KeyCode::Insert => KeyCodeOrd::Named("Insert"),
            KeyCode::Home => KeyCodeOrd::Named("Home"),
            KeyCode::End => KeyCodeOrd::Named("End"),
            KeyCode::PageUp => KeyCodeOrd::Named("PageUp"),
            KeyCode::PageDown => KeyCodeOrd::Named("PageDown"),
            KeyCode::Up => KeyCodeOrd::Named("Up"),
            KeyCode::Down => KeyCodeOrd::Named("Down"),
            KeyCode::Left => KeyCodeOrd::Named("Left"),
            KeyCode::Right => KeyCodeOrd::Named("Right"),
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// The character of a plain key, if it types one.
    pub fn char(self) -> Option<char> {
        match self.code {
            KeyCodeOrd::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    /// The same physical key in the QWERTY layout, for a key typed in the
    /// Russian ЙЦУКЕН layout.
    pub fn from_russian_layout(self) -> Option<Key> {
        let KeyCodeOrd::Char(c) = self.code else {
            return None;
        };
        let latin = qwerty_of(c)?;
        Some(Key {
            code: KeyCodeOrd::Char(latin),
            ..self
        })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "Ctrl+")?;
        }
        if self.alt {
            write!(f, "Alt+")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => write!(f, "Space"),
            KeyCodeOrd::Char(c) if self.ctrl || self.alt => write!(f, "{}", c.to_uppercase()),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Named("Up") => write!(f, "↑"),
            KeyCodeOrd::Named("Down") => write!(f, "↓"),
            KeyCodeOrd::Named("Left") => write!(f, "←"),
            KeyCodeOrd::Named("Right") => write!(f, "→"),
            KeyCodeOrd::Named("BackTab") => write!(f, "Shift+Tab"),
            KeyCodeOrd::Named(n) => write!(f, "{n}"),
        }
    }
}

const RU: &str = "йцукенгшщзхъфывапролджэячсмитьбю.ёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,Ё";
const EN: &str = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?~";

fn qwerty_of(c: char) -> Option<char> {
    RU.chars()
        .position(|r| r == c)
        .and_then(|i| EN.chars().nth(i))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub line: usize,
    pub problem: KeymapProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapProblem {
    /// The file is not TOML; the parser's own words.
    Toml(String),
    UnknownSection(String),
    UnknownAction(String),
    UnknownKey(String),
}

impl KeymapError {
    pub fn describe(&self, lang: Lang) -> String {
        let line = self.line;
        let what = match &self.problem {
            KeymapProblem::Toml(e) => e.clone(),
            KeymapProblem::UnknownSection(s) => {
                crate::tr!(lang, "неизвестный раздел [{s}]", "unknown section [{s}]")
            }
            KeymapProblem::UnknownAction(a) => {
                crate::tr!(lang, "неизвестное действие «{a}»", "unknown action '{a}'")
            }
            KeymapProblem::UnknownKey(k) => {
                crate::tr!(lang, "неизвестная клавиша «{k}»", "unknown key '{k}'")
            }
        };
        crate::tr!(lang, "строка {line}: {what}", "line {line}: {what}")
    }
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::Ru))
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<(Context, Key), Action>,
    /// The keys of each action per context, in the order the file gives.
    keys: BTreeMap<(Context, Action), Vec<Key>>,
}

type RawMap = BTreeMap<String, BTreeMap<String, toml::Spanned<Vec<String>>>>;

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

impl Keymap {
    /// The shipped key map.
    pub fn default_map() -> Keymap {
        let mut map = Keymap {
            bindings: BTreeMap::new(),
            keys: BTreeMap::new(),
        };
        map.apply(DEFAULT).expect("the shipped key map is valid");
        map
    }

    /// The shipped map with a user's file over it. A bad file leaves the
    /// defaults in force and says what is wrong, by line.
    pub fn with_user_file(text: &str) -> (Keymap, Vec<KeymapError>) {
        let map = Keymap::default_map();
        let mut trial = map.clone();
        match trial.apply(text) {
            Ok(()) => (trial, Vec::new()),
            Err(errors) => (map, errors),
        }
    }

    fn apply(&mut self, text: &str) -> Result<(), Vec<KeymapError>> {
        let raw: RawMap = toml::from_str(text).map_err(|e| {
            vec![KeymapError {
                line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
                problem: KeymapProblem::Toml(e.message().to_string()),
            }]
        })?;
        let mut errors = Vec::new();
        for (section, actions) in raw {
            let Some(ctx) = Context::from_name(&section) else {
                let at = text.find(&format!("[{section}]")).unwrap_or(0);
                errors.push(KeymapError {
                    line: line_of(text, at),
                    problem: KeymapProblem::UnknownSection(section.clone()),
                });
                continue;
            };
            for (name, keys) in actions {
                let line = line_of(text, keys.span().start);
                let Some(action) = Action::from_name(&name) else {
                    errors.push(KeymapError {
                        line,
                        problem: KeymapProblem::UnknownAction(name.clone()),
                    });
                    continue;
                };
                let mut parsed = Vec::new();
                for k in keys.get_ref() {
                    match Key::parse(k) {
                        Some(key) => parsed.push(key),
                        None => errors.push(KeymapError {
                            line,
                            problem: KeymapProblem::UnknownKey(k.clone()),
                        }),
                    }
                }
                if let Some(old) = self.keys.insert((ctx, action), parsed.clone()) {
                    for k in old {
                        self.bindings.remove(&(ctx, k));
                    }
                }
                for k in parsed {
                    self.bindings.insert((ctx, k), action);
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The action of a key in `ctx`. Outside text fields a letter typed in
    /// the Russian layout counts as its QWERTY twin; ctrl/alt combinations
    /// are translated everywhere since they never type text.
    pub fn lookup(&self, ctx: Context, key: Key, in_text_field: bool) -> Option<Action> {
        if let Some(a) = self.bindings.get(&(ctx, key)) {
            return Some(*a);
        }
        if in_text_field && !key.ctrl && !key.alt {
            return None;
        }
        key.from_russian_layout()
            .and_then(|k| self.bindings.get(&(ctx, k)).copied())
    }

    pub fn keys(&self, ctx: Context, action: Action) -> &[Key] {
        self.keys
            .get(&(ctx, action))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// «Ctrl+S/F2» for hints.
    pub fn keys_label(&self, ctx: Context, action: Action) -> String {
        self.keys(ctx, action)
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Every binding of a context, for the help overlay.
    pub fn bindings_of(&self, ctx: Context) -> Vec<(Action, String)> {
        Action::ALL
            .iter()
            .filter(|a| !self.keys(ctx, **a).is_empty())
            .map(|a| (*a, self.keys_label(ctx, *a)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn keys_parse_by_chars_not_bytes() {
        assert_eq!(key("й").code, KeyCodeOrd::Char('й'));
        assert!(key("ctrl+s").ctrl);
        assert_eq!(key("F2").code, KeyCodeOrd::F(2));
        assert_eq!(key("pageup").code, KeyCodeOrd::Named("PageUp"));
        assert_eq!(Key::parse("F13"), None);
        assert_eq!(Key::parse("Hyper"), None);
    }

    #[test]
    fn russian_layout_finds_the_same_action_outside_text_fields() {
        let m = Keymap::default_map();
        assert_eq!(m.lookup(Context::List, key("о"), false), Some(Action::Down));
        assert_eq!(
            m.lookup(Context::Global, key("й"), false),
            Some(Action::Quit)
        );
        assert_eq!(
            m.lookup(Context::List, key("."), false),
            Some(Action::Search),
            "the / key types . in ЙЦУКЕН"
        );
        assert_eq!(
            m.lookup(Context::List, key("о"), true),
            None,
            "typing in a field stays typing"
        );
        assert_eq!(
            m.lookup(Context::Form, key("ctrl+ы"), true),
            Some(Action::Save)
        );
    }

    #[test]
    fn a_user_file_overrides_only_what_it_names() {
        let (m, errs) = Keymap::with_user_file("[list]\ndown = [\"x\", \"ctrl+n\"]\n");
        assert!(errs.is_empty());
        assert_eq!(m.lookup(Context::List, key("x"), false), Some(Action::Down));
        assert_eq!(m.lookup(Context::List, key("j"), false), None, "replaced");
        assert_eq!(
            m.lookup(Context::List, key("k"), false),
            Some(Action::Up),
            "kept"
        );
    }

    #[test]
    fn a_bad_user_file_is_reported_by_line_and_defaults_stay() {
        let (m, errs) =
            Keymap::with_user_file("[list]\ndown = [\"x\"]\nfly = [\"z\"]\nup = [\"Hyper\"]\n");
        assert_eq!(errs.iter().map(|e| e.line).collect::<Vec<_>>(), vec![3, 4]);
        assert_eq!(
            m.lookup(Context::List, key("j"), false),
            Some(Action::Down),
            "defaults in force"
        );
        let (_, errs) = Keymap::with_user_file("[list\n");
        assert_eq!(errs[0].line, 1);
    }
}
