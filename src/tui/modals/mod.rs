//! Dialogs over the panes, kept as a stack: the top one has the keys, and
//! closing one is returning `Effect::Close`, never putting it back.

pub mod files;
pub mod greeting;
pub mod help;
pub mod questionnaire;

use crate::text::sanitize_line;
use crate::tui::command::Command;
use crate::tui::form::{IntoSaved, RecordForm, Saved};
use crate::tui::keymap::{Action, Context, Key};
use crate::tui::panes::{Effect, Effects, Pane};
use crate::tui::shared::Shared;
use crate::tui::view::{centered, Theme};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub use questionnaire::Entry;

pub enum Modal {
    Help(help::Help),
    Greeting,
    Form(Box<RecordForm>),
    /// Entering one questionnaire.
    Questionnaire(Box<Entry>),
    /// Import, export, backup.
    Files(Box<files::Files>),
    Confirm {
        question: String,
        on_yes: Option<Command>,
        /// «Yes» also closes the dialog under the question (the form it is
        /// about).
        closes_form: bool,
    },
}

/// A form on `record`, to open.
pub fn form<T: IntoSaved>(record: T, s: &Shared) -> Effect {
    Effect::Open(Modal::Form(Box::new(RecordForm::new(
        record, &s.data, s.lang,
    ))))
}

/// A yes/no question whose «yes» runs `cmd`.
pub fn confirm(question: String, cmd: Command) -> Effect {
    Effect::Open(Modal::Confirm {
        question,
        on_yes: Some(cmd),
        closes_form: false,
    })
}

impl Modal {
    /// The key map context of its keys (what the hint bar shows).
    pub fn context(&self) -> Context {
        match self {
            Modal::Form(_) | Modal::Questionnaire(_) => Context::Form,
            Modal::Confirm { .. } => Context::Confirm,
            Modal::Help(_) | Modal::Greeting | Modal::Files(_) => Context::List,
        }
    }

    /// Closed when what it saves is stored.
    pub fn closes_on_save(&self) -> bool {
        matches!(self, Modal::Form(_) | Modal::Questionnaire(_))
    }

    pub fn key(&mut self, ev: KeyEvent, key: Key, s: &Shared) -> Effects {
        match self {
            Modal::Form(form) => form_key(form, ev, key, s),
            Modal::Questionnaire(e) => e.key(ev, key, s),
            Modal::Confirm { .. } => match s.keymap.lookup(Context::Confirm, key, false) {
                Some(Action::Yes) => self.answer(true),
                Some(Action::No) => self.answer(false),
                _ => Vec::new(),
            },
            Modal::Files(files) => files.key(ev, s),
            Modal::Help(h) => h.key(key, s),
            Modal::Greeting => greeting::key(key, s),
        }
    }

    /// A question answered, by key or by its button.
    pub fn answer(&mut self, yes: bool) -> Effects {
        let Modal::Confirm {
            on_yes,
            closes_form,
            ..
        } = self
        else {
            return Vec::new();
        };
        if !yes {
            return vec![Effect::Close];
        }
        let mut fx = vec![Effect::Close];
        if *closes_form {
            fx.push(Effect::Close);
        }
        fx.extend(on_yes.take().map(Effect::Run));
        fx
    }

    pub fn paste(&mut self, text: &str) {
        match self {
            Modal::Questionnaire(e) => e.paste(text),
            Modal::Files(files) => files.paste(text),
            Modal::Form(form) => {
                let pasted = form.focused_mut().paste(text);
                form.dirty |= pasted;
            }
            _ => {}
        }
    }

    /// Draws it over `area`; the help lists the keys of `pane`.
    pub fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, pane: &dyn Pane, theme: &Theme) {
        match self {
            Modal::Form(form) => form.render(f, area, s.lang, theme),
            Modal::Questionnaire(e) => e.draw(f, area, s, theme),
            Modal::Help(h) => h.render(pane, s, f, area, theme),
            Modal::Confirm { question, .. } => render_confirm(question, s.lang, f, area, theme),
            Modal::Greeting => greeting::render(s, f, area, theme),
            Modal::Files(files) => files.draw(f, area, s, theme),
        }
    }
}

/// A form's own keys: save, cancel, move between fields, change a choice;
/// the rest is typed into the focused field.
fn form_key(form: &mut RecordForm, ev: KeyEvent, key: Key, s: &Shared) -> Effects {
    let lang = s.lang;
    let field = form.focused();
    // In notes, the keys that move or break lines belong to the text.
    let typing_in_notes =
        field.is_multi() && matches!(ev.code, KeyCode::Enter | KeyCode::Up | KeyCode::Down);
    let is_text = field.is_text();
    let action = if typing_in_notes {
        None
    } else {
        s.keymap.lookup(Context::Form, key, is_text)
    };
    match action {
        Some(Action::Save) => match form.build_on(&s.data, lang, s.status_opts.as_of) {
            // Report settings live in their pane, not in the store.
            Some((Saved::ReportSettings(settings), _)) => {
                return vec![Effect::Close, Effect::ReportSettings(settings)]
            }
            Some((Saved::Record(record), None)) => return vec![Effect::Run(Command::Save(record))],
            Some((Saved::Record(record), Some(question))) => {
                return vec![confirm(question, Command::Save(record))]
            }
            None => {
                return vec![Effect::error(lang.pick(
                    "Есть ошибки: исправьте отмеченные поля",
                    "Fix the marked fields",
                ))]
            }
        },
        Some(Action::Cancel) if form.dirty => {
            return vec![Effect::Open(Modal::Confirm {
                question: lang
                    .pick(
                        "Отменить изменения? (y — да, n — нет)",
                        "Discard the changes? (y/n)",
                    )
                    .into(),
                on_yes: None,
                closes_form: true,
            })]
        }
        Some(Action::Cancel) => return vec![Effect::Close],
        Some(Action::NextField) => form.next(),
        Some(Action::PrevField) => form.prev(),
        Some(a @ (Action::NextChoice | Action::PrevChoice)) if !is_text => {
            if form.focused_mut().step(a == Action::NextChoice) {
                form.dirty = true;
            }
        }
        _ => {
            if form.focused_mut().type_key(ev) {
                form.dirty = true;
            }
        }
    }
    Vec::new()
}

fn render_confirm(
    question: &str,
    lang: crate::i18n::Lang,
    f: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    use ratatui::layout::{Constraint, Layout};
    // Tall enough for the whole question and its buttons: word wrapping
    // leaves lines short of the box's width, so reckon with some slack.
    let width = unicode_width::UnicodeWidthStr::width(question) as u16;
    let lines = width.div_ceil(62 - 8).max(1);
    let box_area = centered(area, 64, (lines + 3).clamp(5, area.height));
    f.render_widget(Clear, box_area);
    let block = Block::bordered().border_style(theme.header());
    let inner = block.inner(box_area);
    f.render_widget(block, box_area);
    let [text, buttons] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    f.render_widget(
        Paragraph::new(sanitize_line(question)).wrap(Wrap { trim: true }),
        text,
    );
    // Buttons for the mouse; the keys stay y and n.
    let [_, yes, _, no, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(9),
        Constraint::Length(4),
        Constraint::Length(9),
        Constraint::Fill(1),
    ])
    .areas(buttons);
    let yes_label = lang.pick("[ y да ]", "[ y yes ]");
    let no_label = lang.pick("[ n нет ]", "[ n no ]");
    f.render_widget(Paragraph::new(yes_label).style(theme.header()), yes);
    f.render_widget(Paragraph::new(no_label), no);
    theme.button(yes, true);
    theme.button(no, false);
}
