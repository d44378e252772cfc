//! The greeting on an empty database: set up the organisation, or look
//! around in a demo school.

use super::form;
use crate::domain::Organisation;
use crate::tui::command::Command;
use crate::tui::keymap::{Action, Context, Key};
use crate::tui::panes::{Effect, Effects};
use crate::tui::shared::Shared;
use crate::tui::view::{centered, Theme};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

/// The keys the greeting takes, as its hint bar shows them.
pub const KEYS: [(Context, Action); 4] = [
    (Context::List, Action::New),
    (Context::List, Action::Demo),
    (Context::Global, Action::Files),
    (Context::Global, Action::Quit),
];

pub fn key(key: Key, s: &Shared) -> Effects {
    let action = s
        .keymap
        .lookup(Context::List, key, false)
        .or_else(|| s.keymap.lookup(Context::Global, key, false));
    match action {
        Some(Action::New | Action::Open) => {
            let org = Organisation {
                is_default: true,
                academic_year: crate::domain::dates::academic_year_label(s.status_opts.as_of),
                ..Organisation::default()
            };
            vec![form(org, s)]
        }
        Some(Action::Demo) => vec![Effect::Run(Command::LoadDemo)],
        Some(Action::Files) => vec![Effect::Open(super::Modal::Files(Box::default()))],
        Some(Action::Quit) => vec![Effect::Quit],
        _ => Vec::new(),
    }
}

pub fn render(s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = s.lang;
    let k = |a: Action| s.keymap.keys_label(Context::List, a);
    let text = vec![
        Line::styled(
            lang.pick("Добро пожаловать в «Наставник»!", "Welcome to Nastavnik!"),
            theme.header(),
        ),
        Line::raw(""),
        Line::raw(lang.pick(
            "База пуста. С чего начнём?",
            "The database is empty. Where to start?",
        )),
        Line::raw(""),
        Line::raw(format!(
            "  {}  {}",
            k(Action::New),
            lang.pick(
                "указать свою организацию (название, куратор, учебный год)",
                "set up your organisation (name, curator, year)"
            )
        )),
        Line::raw(format!(
            "  {}  {}",
            k(Action::Demo),
            lang.pick(
                "загрузить демо-данные школы, чтобы осмотреться",
                "load a demo school to look around"
            )
        )),
        Line::raw(format!(
            "  {}  {}",
            s.keymap.keys_label(Context::Global, Action::Files),
            lang.pick(
                "загрузить свои базы из CSV-файлов",
                "import your bases from CSV files"
            )
        )),
        Line::raw(format!(
            "  {}  {}",
            s.keymap.keys_label(Context::Global, Action::Quit),
            Action::Quit.label(lang)
        )),
    ];
    // Nothing behind it is of use on an empty database.
    f.render_widget(Clear, area);
    let box_area = centered(area, 74, 10);
    f.render_widget(Paragraph::new(text).block(Block::bordered()), box_area);
}
