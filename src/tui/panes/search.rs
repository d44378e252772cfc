//! The `/` search line the list panes share: typed while active, Enter
//! keeps it, Esc clears it; a row matches when its words contain the query
//! (case and ё/е ignored).

use crate::i18n::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct SearchLine {
    pub active: bool,
    pub query: String,
}

impl SearchLine {
    /// Takes a key while the line is being typed; `Some(true)` when the
    /// query changed (the list starts again from its top).
    pub fn key(&mut self, ev: KeyEvent) -> Option<bool> {
        if !self.active {
            return None;
        }
        match ev.code {
            KeyCode::Enter => self.active = false,
            KeyCode::Esc => {
                self.active = false;
                self.query.clear();
            }
            KeyCode::Backspace => {
                self.query.pop();
            }
            // A chord (Alt+3 is what a quick Esc, 3 can arrive as) types nothing.
            KeyCode::Char(c)
                if !c.is_control()
                    && !ev
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.query.push(c)
            }
            _ => return Some(false),
        }
        Some(true)
    }

    pub fn paste(&mut self, text: &str) -> bool {
        if self.active {
            self.query.push_str(&crate::text::sanitize_line(text));
        }
        self.active
    }

    pub fn start(&mut self) {
        self.active = true;
    }

    /// Whether a row whose words `text` makes is shown under the query; the
    /// words are made only while there is a query (a list is asked for many
    /// times a key, on a district's thousands of rows).
    pub fn matches(&self, text: impl FnOnce() -> String) -> bool {
        self.query.is_empty()
            || crate::text::fold(&text()).contains(&crate::text::fold(&self.query))
    }

    /// The status line while typing, and the query kept after.
    pub fn prompt(&self, lang: Lang) -> Option<&'static str> {
        self.active.then(|| {
            lang.pick(
                " Поиск: Enter — готово, Esc — сбросить",
                " Search: Enter — done, Esc — clear",
            )
        })
    }

    /// « · поиск: query» for a list's title.
    pub fn title_part(&self, lang: Lang) -> String {
        match (self.query.is_empty(), self.active) {
            (true, false) => String::new(),
            _ => format!(
                " · {}: {}{}",
                lang.pick("поиск", "search"),
                crate::text::sanitize_line(&self.query),
                if self.active { "▏" } else { "" }
            ),
        }
    }
}
