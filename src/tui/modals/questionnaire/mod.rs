//! Entering one questionnaire at the keyboard: a question at a time, the
//! answer typed or chosen by its number; F2 saves it whole or as a draft.

mod entry;
mod view;

pub use entry::{template_for, Entry};
pub use view::answer_text;

use super::Modal;
use crate::tui::command::Command;
use crate::tui::form::Record;
use crate::tui::keymap::{Action, Context, Key};
use crate::tui::panes::{Effect, Effects};
use crate::tui::shared::Shared;
use crate::tui::view::Theme;
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;

impl Entry {
    pub fn key(&mut self, ev: KeyEvent, key: Key, s: &Shared) -> Effects {
        let lang = s.lang;
        let action = s.keymap.lookup(Context::Form, key, self.is_text());
        // The answer being typed counts as the saved draft will count it.
        if action == Some(Action::Save) {
            self.store_text();
        }
        match action {
            Some(Action::Save) if self.complete() => {
                let r = self.to_response(false);
                return vec![Effect::Run(Command::Save(Box::new(Record::Response(r))))];
            }
            // A filled-in questionnaire being corrected stays filled in.
            Some(Action::Save) if self.is_submitted() => {
                return vec![Effect::error(lang.pick(
                    "Анкета заполнена: ответьте на все вопросы, чтобы сохранить исправление",
                    "This questionnaire is filled in: answer every question to save the correction",
                ))];
            }
            Some(Action::Save) => {
                let question = format!(
                    "{} {}/{}. {}",
                    lang.pick("Отвечено", "Answered"),
                    self.answered(),
                    self.template.questions.len(),
                    lang.pick(
                        "Сохранить как черновик? (y — да, n — вернуться)",
                        "Save as a draft? (y/n: back)"
                    )
                );
                return vec![self.ask_draft(question)];
            }
            Some(Action::Cancel) if self.dirty && self.is_submitted() => {
                return vec![Effect::Open(Modal::Confirm {
                    question: lang
                        .pick(
                            "Отменить исправления? (y — да, n — вернуться к анкете)",
                            "Discard the corrections? (y/n: back to the questionnaire)",
                        )
                        .into(),
                    on_yes: None,
                    closes_form: true,
                })];
            }
            Some(Action::Cancel) if self.dirty => {
                let question = lang.pick(
                    "Выйти, сохранив черновик? (y — да, n — вернуться к анкете)",
                    "Leave and keep a draft? (y/n: back to the questionnaire)",
                );
                return vec![self.ask_draft(question.into())];
            }
            Some(Action::Cancel) => return vec![Effect::Close],
            Some(Action::NextField) => self.next(),
            Some(Action::PrevField) => self.prev(),
            Some(Action::NextChoice) if !self.is_text() => self.next(),
            Some(Action::PrevChoice) if !self.is_text() => self.prev(),
            _ => {
                // y/n are read by the key's place, so the Russian layout works.
                let latin = key
                    .from_russian_layout()
                    .unwrap_or(key)
                    .char()
                    .map(|c| c.to_ascii_lowercase());
                self.answer_key(ev, latin, lang);
            }
        }
        Vec::new()
    }

    /// A question over the questionnaire whose «yes» saves a draft and
    /// closes both.
    fn ask_draft(&mut self, question: String) -> Effect {
        let draft = self.to_response(true);
        Effect::Open(Modal::Confirm {
            question,
            on_yes: Some(Command::Save(Box::new(Record::Response(draft)))),
            closes_form: true,
        })
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        view::render(self, s.lang, f, area, theme);
    }
}
