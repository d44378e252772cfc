//! Help: the keys that work everywhere and those of the pane under it, as
//! the active key map has them. When they do not fit the window, PageDown
//! and PageUp turn pages; any other key closes it.

use crate::tui::keymap::{Action, Context, Key};
use crate::tui::panes::{Effect, Effects, Pane};
use crate::tui::shared::Shared;
use crate::tui::view::Theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

/// The page shown, and how many there were at the last draw (the window
/// decides that).
#[derive(Default)]
pub struct Help {
    page: usize,
    pages: std::cell::Cell<usize>,
}

impl Help {
    pub fn key(&mut self, key: Key, s: &Shared) -> Effects {
        let last = self.pages.get().saturating_sub(1);
        match s.keymap.lookup(Context::List, key, false) {
            Some(Action::PageDown | Action::Down) => self.page = (self.page + 1).min(last),
            Some(Action::PageUp | Action::Up) => self.page = self.page.saturating_sub(1),
            _ => return vec![Effect::Close],
        }
        Vec::new()
    }

    pub fn render(&self, pane: &dyn Pane, s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
        render(self, pane, s, f, area, theme);
    }
}

/// Help for the current pane: the keys that work everywhere and those of
/// the current context, as the active key map has them, in two columns a
/// page.
fn render(help: &Help, pane: &dyn Pane, s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = s.lang;
    let sections = [
        (Context::Global, lang.pick("Везде", "Everywhere")),
        (Context::List, lang.pick("Здесь", "Here")),
    ];
    let entries: Vec<(Context, Vec<(Action, String)>)> = sections
        .iter()
        .map(|(c, _)| {
            let mut b = s.keymap.bindings_of(*c);
            if *c == Context::List {
                b.retain(|(a, _)| pane.has(*a));
            }
            (*c, b)
        })
        .collect();
    let key_width = entries
        .iter()
        .flat_map(|(_, b)| b.iter().map(|(_, k)| k.chars().count()))
        .max()
        .unwrap_or(8)
        + 2;
    let mut lines = Vec::new();
    for ((_, title), (_, bindings)) in sections.iter().zip(&entries) {
        lines.push(Line::styled(*title, theme.header()));
        for (action, keys) in bindings {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(" {keys:<key_width$}"),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(action.label(lang)),
            ]));
        }
    }
    let box_area = area;
    f.render_widget(Clear, box_area);
    let rows = usize::from(area.height.saturating_sub(3)).max(1);
    let pages = lines.len().div_ceil(2 * rows).max(1);
    help.pages.set(pages);
    let page = help.page.min(pages - 1);
    let title = match pages {
        1 => lang
            .pick(
                " Клавиши (любая клавиша — закрыть) ",
                " Keys (any key closes) ",
            )
            .to_string(),
        _ => crate::tr!(
            lang,
            " Клавиши, стр. {}/{} (PgDn/PgUp — листать, другая клавиша — закрыть) ",
            " Keys, page {}/{} (PgDn/PgUp turn, any other key closes) ",
            page + 1,
            pages
        ),
    };
    let block = Block::bordered().title(title);
    let inner = block.inner(box_area);
    f.render_widget(block, box_area);
    let footer = Line::styled(
        lang.pick(
            "Буквы работают и в русской раскладке.",
            "Letters work in the Russian layout too.",
        ),
        theme.dim(),
    );
    let [list, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    f.render_widget(Paragraph::new(footer), foot);
    let mut lines: Vec<Line> = lines.into_iter().skip(page * 2 * rows).collect();
    if lines.len() <= rows && pages == 1 {
        f.render_widget(Paragraph::new(lines), list);
    } else {
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(list);
        let rest = lines.split_off(rows.min(lines.len()));
        f.render_widget(Paragraph::new(lines), a);
        f.render_widget(Paragraph::new(rest), b);
    }
}
