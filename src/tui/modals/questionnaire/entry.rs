//! Entering one questionnaire from the keyboard: digits for a scale or an
//! option, y/n for yes/no, a text area for open answers. Each answer is
//! checked against its question; an unfinished entry is kept as a draft.

use crate::domain::*;
use crate::i18n::Lang;
use crate::surveys::analysis::validate_answer;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_textarea::TextArea;

pub struct Entry {
    pub template: SurveyTemplate,
    /// The response being made (its id is 0 until first saved).
    pub base: SurveyResponse,
    pub respondent: String,
    pub answers: Vec<Option<AnswerValue>>,
    pub current: usize,
    /// Digits typed for a scale question, not yet taken.
    pub digits: String,
    /// The open answer of the current question.
    pub text: TextArea<'static>,
    pub error: Option<String>,
    pub dirty: bool,
}

impl Entry {
    pub fn new(template: SurveyTemplate, base: SurveyResponse, respondent: String) -> Entry {
        let mut answers = vec![None; template.questions.len()];
        for a in &base.answers {
            if let Some(slot) = answers.get_mut(a.question) {
                *slot = Some(a.value.clone());
            }
        }
        // Resume at the first question without an answer.
        let current = answers.iter().position(Option::is_none).unwrap_or(0);
        let mut e = Entry {
            template,
            base,
            respondent,
            answers,
            current,
            digits: String::new(),
            text: TextArea::default(),
            error: None,
            dirty: false,
        };
        e.load_text();
        e
    }

    pub fn question(&self) -> Option<&Question> {
        self.template.questions.get(self.current)
    }

    pub fn is_text(&self) -> bool {
        matches!(self.question().map(|q| &q.kind), Some(QuestionKind::Text))
    }

    /// A stored questionnaire that is no draft: corrected, not resumed.
    pub fn is_submitted(&self) -> bool {
        self.base.id != 0 && !self.base.draft
    }

    /// How many questions have an answer.
    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }

    /// Every question but the open ones needs an answer to finish.
    pub fn complete(&self) -> bool {
        self.template
            .questions
            .iter()
            .zip(&self.answers)
            .all(|(q, a)| a.is_some() || q.kind == QuestionKind::Text)
    }

    fn load_text(&mut self) {
        let value = match self.answers.get(self.current) {
            Some(Some(AnswerValue::Text(t))) => t.clone(),
            _ => String::new(),
        };
        let lines: Vec<String> = if value.is_empty() {
            vec![String::new()]
        } else {
            value.lines().map(String::from).collect()
        };
        self.text = TextArea::new(lines);
        self.text.move_cursor(tui_textarea::CursorMove::Bottom);
        self.text.move_cursor(tui_textarea::CursorMove::End);
    }

    /// Keeps what was typed into the open answer.
    /// Keeps the open answer being typed, so that counts and saves see it.
    pub(super) fn store_text(&mut self) {
        if !self.is_text() {
            return;
        }
        let t = crate::text::sanitize(&self.text.lines().join("\n"), true);
        let t = t.trim().to_string();
        self.answers[self.current] = (!t.is_empty()).then_some(AnswerValue::Text(t));
    }

    pub fn go(&mut self, to: usize) {
        self.store_text();
        self.digits.clear();
        self.error = None;
        self.current = to.min(self.template.questions.len().saturating_sub(1));
        self.load_text();
    }

    pub fn next(&mut self) {
        self.go(self.current + 1);
    }

    pub fn prev(&mut self) {
        self.go(self.current.saturating_sub(1));
    }

    fn set(&mut self, value: AnswerValue, lang: Lang, advance: bool) {
        let Some(q) = self.question() else { return };
        match validate_answer(q, &value) {
            Ok(()) => {
                self.answers[self.current] = Some(value);
                self.dirty = true;
                self.error = None;
                self.digits.clear();
                if advance && self.current + 1 < self.template.questions.len() {
                    self.next();
                }
            }
            Err(e) => {
                self.digits.clear();
                self.error = Some(e.message(lang));
            }
        }
    }

    /// A key that is an answer (not a hotkey). `layout_key` is the key as
    /// the Latin layout has it, so y/n work from the Russian layout too.
    pub fn answer_key(&mut self, ev: KeyEvent, layout_key: Option<char>, lang: Lang) {
        let Some(q) = self.question().cloned() else {
            return;
        };
        if let QuestionKind::Text = q.kind {
            // Enter moves on; line breaks come in by paste.
            if ev.code == KeyCode::Enter {
                self.next();
            } else if self.text.input(ev) {
                self.dirty = true;
            }
            return;
        }
        if ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return;
        }
        match (&q.kind, ev.code) {
            (QuestionKind::Scale { max, .. }, KeyCode::Char(c)) if c.is_ascii_digit() => {
                self.digits.push(c);
                let typed: u32 = self.digits.parse().unwrap_or(0);
                // Taken as soon as no further digit could make a mark on the
                // scale: on 1–10, «1» waits (it may become 10), «2» is taken.
                if typed == 0 || typed * 10 > u32::from(*max) {
                    self.set(AnswerValue::Scale(typed.min(255) as u8), lang, true);
                }
            }
            (QuestionKind::Scale { .. }, KeyCode::Enter) if !self.digits.is_empty() => {
                let typed: u32 = self.digits.parse().unwrap_or(0);
                self.set(AnswerValue::Scale(typed.min(255) as u8), lang, true);
            }
            (QuestionKind::Scale { .. }, KeyCode::Backspace) => {
                self.digits.pop();
            }
            (QuestionKind::Single { .. }, KeyCode::Char(c)) if c.is_ascii_digit() => {
                // Options are numbered from 1; «0» names none of them.
                match (c.to_digit(10).unwrap_or(0) as usize).checked_sub(1) {
                    Some(i) => self.set(AnswerValue::Choice(i), lang, true),
                    None => self.error = Some(lang.pick("нет варианта № 0", "no option 0").into()),
                }
            }
            (QuestionKind::Multi { options }, KeyCode::Char(c)) if c.is_ascii_digit() => {
                let i = (c.to_digit(10).unwrap_or(0) as usize).checked_sub(1);
                let Some(i) = i.filter(|i| *i < options.len()) else {
                    self.error = Some(lang.pick("нет такого варианта", "no such option").into());
                    return;
                };
                let mut chosen = match &self.answers[self.current] {
                    Some(AnswerValue::Choices(v)) => v.clone(),
                    _ => Vec::new(),
                };
                if let Some(at) = chosen.iter().position(|x| *x == i) {
                    chosen.remove(at);
                } else {
                    chosen.push(i);
                    chosen.sort_unstable();
                }
                self.set(AnswerValue::Choices(chosen), lang, false);
            }
            (QuestionKind::Multi { .. }, KeyCode::Enter) => self.next(),
            (QuestionKind::YesNo, _) => match layout_key {
                Some('y') => self.set(AnswerValue::YesNo(true), lang, true),
                Some('n') => self.set(AnswerValue::YesNo(false), lang, true),
                _ => {}
            },
            (_, KeyCode::Delete) => {
                self.dirty |= self.answers[self.current].take().is_some();
                self.digits.clear();
            }
            _ => {}
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.is_text() {
            self.text.insert_str(crate::text::sanitize(text, true));
            self.dirty = true;
        }
    }

    /// The response with the answers so far.
    pub fn to_response(&mut self, draft: bool) -> SurveyResponse {
        self.store_text();
        let answers = self
            .answers
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                Some(Answer {
                    question: i,
                    value: a.clone()?,
                })
            })
            .collect();
        SurveyResponse {
            answers,
            draft,
            ..self.base.clone()
        }
    }
}

/// The template for a participant of a pair at a stage: of their side and
/// that stage, preferring one made for the pair's form.
pub fn template_for(
    ds: &Dataset,
    who: PersonRef,
    stage: SurveyStage,
    form: Option<Form>,
) -> Option<&SurveyTemplate> {
    let audience = crate::surveys::analysis::audience_of(who);
    let fits = |t: &&SurveyTemplate| !t.archived && t.audience == audience && t.stage == stage;
    let mut all = ds.templates.values().filter(fits);
    let specific = ds
        .templates
        .values()
        .filter(fits)
        .find(|t| form.is_some_and(|f| t.forms.contains(&f)));
    specific
        .or_else(|| all.find(|t| t.forms.is_empty()))
        .or_else(|| ds.templates.values().find(fits))
}
