//! The terminal interface. For now one screen: the database at a glance
//! (what `nastavnik status` says); the panes come with the TUI issue.

use crate::i18n::Lang;
use crate::store::Store;
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;
use std::sync::atomic::{AtomicBool, Ordering};

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back if the TUI holds it (from a signal handler too).
pub fn restore_terminal() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        ratatui::restore();
    }
}

pub fn run(store: &Store, lang: Lang) -> anyhow::Result<()> {
    let status = crate::cli::status_of(store)?;
    let body = crate::cli::status_view::text(&status, store.path(), lang);
    let mut terminal = ratatui::init();
    ACTIVE.store(true, Ordering::SeqCst);
    let result = (|| -> anyhow::Result<()> {
        terminal.draw(|f| draw(f, &body, lang))?;
        loop {
            match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Press => {
                    let quit = matches!(
                        k.code,
                        KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('й')
                    ) || (k.code == KeyCode::Char('c')
                        && k.modifiers.contains(KeyModifiers::CONTROL));
                    if quit {
                        return Ok(());
                    }
                }
                Event::Resize(..) => {
                    terminal.draw(|f| draw(f, &body, lang))?;
                }
                _ => {}
            }
        }
    })();
    restore_terminal();
    result
}

fn draw(f: &mut Frame, body: &str, lang: Lang) {
    let [main, hint] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(f.area());
    let lines: Vec<Line> = body.lines().map(Line::from).collect();
    let title = lang.pick(" Наставник — обзор ", " Nastavnik — overview ");
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title)),
        main,
    );
    f.render_widget(
        Paragraph::new(lang.pick(" q / Esc — выход", " q / Esc — quit"))
            .style(Style::default().add_modifier(Modifier::BOLD)),
        hint,
    );
}
