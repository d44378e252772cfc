//! One field of a form: a line or a few lines of text, or a choice among
//! options. It takes its own keys and draws itself; the form around it only
//! moves the focus and collects the values.

use crate::domain::Id;
use crate::schema::{Kind, Value};
use crate::text::sanitize_line;
use crate::tui::view::{Theme, MARK};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use tui_textarea::{CursorMove, TextArea};
use unicode_width::UnicodeWidthStr;

/// Width of the label column.
/// The label column: the longest label of the form plus its marks, but
/// never more than this share of the width (a long label is shortened).
pub const LABEL_MAX_PERCENT: u16 = 45;

pub enum Widget {
    Text {
        area: Box<TextArea<'static>>,
        /// Lines shown: 1 for a one-line field.
        rows: u16,
    },
    Choice {
        options: Vec<String>,
        chosen: usize,
        /// For a reference: the record each option is (None: «—»).
        ids: Option<Vec<Option<Id>>>,
    },
}

pub struct Input {
    pub key: crate::domain::FieldKey,
    pub label: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub widget: Widget,
    pub error: Option<String>,
    /// Just focused: the first letter typed replaces the value (a date).
    pub fresh: bool,
}

impl Input {
    pub fn text(
        key: crate::domain::FieldKey,
        label: &'static str,
        kind: Kind,
        value: &str,
    ) -> Input {
        let lines = if value.is_empty() {
            vec![String::new()]
        } else {
            value.lines().map(String::from).collect()
        };
        let mut area = TextArea::new(lines);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        let rows = match kind {
            Kind::Multi(rows) => rows,
            _ => 1,
        };
        Input {
            key,
            label,
            kind,
            required: false,
            widget: Widget::Text {
                area: Box::new(area),
                rows,
            },
            error: None,
            fresh: false,
        }
    }

    pub fn choice(
        key: crate::domain::FieldKey,
        label: &'static str,
        kind: Kind,
        options: Vec<String>,
        chosen: usize,
        ids: Option<Vec<Option<Id>>>,
    ) -> Input {
        Input {
            key,
            label,
            kind,
            required: false,
            widget: Widget::Choice {
                chosen: chosen.min(options.len().saturating_sub(1)),
                options,
                ids,
            },
            error: None,
            fresh: false,
        }
    }

    pub fn is_text(&self) -> bool {
        matches!(self.widget, Widget::Text { .. })
    }

    pub fn is_multi(&self) -> bool {
        matches!(self.kind, Kind::Multi(_))
    }

    pub fn height(&self) -> u16 {
        match &self.widget {
            Widget::Text { rows, .. } => *rows,
            Widget::Choice { .. } => 1,
        }
    }

    /// Lines taken with the error under the field.
    pub fn full_height(&self) -> u16 {
        self.height() + u16::from(self.error.is_some())
    }

    /// The option chosen (0 for text).
    pub fn chosen(&self) -> usize {
        match &self.widget {
            Widget::Choice { chosen, .. } => *chosen,
            Widget::Text { .. } => 0,
        }
    }

    /// The raw text typed (empty for a choice).
    pub fn raw(&self) -> String {
        match &self.widget {
            Widget::Text { area, .. } => area.lines().join("\n"),
            Widget::Choice { .. } => String::new(),
        }
    }

    /// The value for the record: text cleaned by the field's kind.
    pub fn value(&self) -> Value {
        match &self.widget {
            Widget::Text { .. } => Value::Text(self.kind.clean(&self.raw())),
            Widget::Choice {
                chosen, ids: None, ..
            } => Value::Choice(*chosen),
            Widget::Choice {
                chosen,
                ids: Some(ids),
                ..
            } => Value::Ref(ids.get(*chosen).copied().flatten()),
        }
    }

    /// The next or previous option; true when it changed.
    pub fn step(&mut self, forward: bool) -> bool {
        let Widget::Choice {
            options, chosen, ..
        } = &mut self.widget
        else {
            return false;
        };
        let n = options.len().max(1);
        *chosen = if forward {
            (*chosen + 1) % n
        } else {
            (*chosen + n - 1) % n
        };
        true
    }

    /// A key typed into the text; true when the text changed. Enter breaks
    /// the line only in a multi-line field.
    /// Ctrl+U clears to the line's start, Ctrl+W the word before the
    /// cursor, Ctrl+K to the line's end.
    pub fn type_key(&mut self, ev: KeyEvent) -> bool {
        use crossterm::event::KeyModifiers;
        let multi = self.is_multi();
        let fresh = std::mem::take(&mut self.fresh);
        let Widget::Text { area, .. } = &mut self.widget else {
            return false;
        };
        let plain = !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match ev.code {
            KeyCode::Char('u') if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                area.delete_line_by_head()
            }
            KeyCode::Char(_) if fresh && plain => {
                area.move_cursor(CursorMove::End);
                area.delete_line_by_head();
                area.input(ev)
            }
            KeyCode::Enter if !multi => false,
            _ => area.input(ev),
        }
    }

    /// Pasted text, cleaned for the field; true when it went in.
    pub fn paste(&mut self, text: &str) -> bool {
        let clean = if self.is_multi() {
            crate::text::sanitize(text, true)
        } else {
            sanitize_line(text)
        };
        match &mut self.widget {
            Widget::Text { area, .. } => area.insert_str(clean),
            Widget::Choice { .. } => false,
        }
    }

    /// Draws the label, the input and any error from `y` down; returns the
    /// lines used.
    /// The columns the label needs with its marks («▶ », «*», a space).
    pub fn label_width(&self) -> u16 {
        self.label.width() as u16 + 4
    }

    /// Draws the field with its label in a column `label` wide.
    pub fn render(
        &self,
        f: &mut Frame,
        area: Rect,
        label_w: u16,
        focused: bool,
        theme: &Theme,
    ) -> u16 {
        let label_style = if focused {
            theme.selected()
        } else {
            Style::default()
        };
        let star = if self.required { "*" } else { "" };
        let room = usize::from(label_w.saturating_sub(4));
        let label = format!(
            "{}{}{star}",
            if focused { MARK } else { "  " },
            crate::text::ellipsize(self.label, room)
        );
        f.render_widget(
            Paragraph::new(label).style(label_style),
            Rect {
                width: label_w.min(area.width),
                height: 1,
                ..area
            },
        );
        let input = Rect {
            x: area.x + label_w,
            y: area.y,
            width: area.width.saturating_sub(label_w),
            height: self.height(),
        };
        match &self.widget {
            Widget::Choice {
                options, chosen, ..
            } => {
                let value = options.get(*chosen).map(String::as_str).unwrap_or("");
                let style = if focused {
                    Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                } else {
                    Style::default()
                };
                f.render_widget(
                    Paragraph::new(Line::from(vec![
                        Span::raw("◂ "),
                        Span::styled(sanitize_line(value), style),
                        Span::raw(" ▸"),
                    ])),
                    input,
                );
            }
            // Unfocused text shows from its start: the textarea keeps the
            // viewport of its cursor, which sits at the end of long values.
            Widget::Text { area: text, .. } if !focused => {
                let lines: Vec<Line> = text
                    .lines()
                    .iter()
                    .map(|l| {
                        let width = usize::from(input.width);
                        Line::raw(crate::text::ellipsize(&sanitize_line(l), width))
                    })
                    .collect();
                f.render_widget(Paragraph::new(lines), input);
            }
            Widget::Text { area: text, .. } => {
                f.render_widget(text.as_ref(), input);
                let c = text.screen_cursor();
                let (top, left) = text.scroll_offset();
                let row = (c.row as u16).saturating_sub(top);
                let col = (c.col as u16).saturating_sub(left);
                if row < input.height && col < input.width {
                    f.set_cursor_position(Position {
                        x: input.x + col,
                        y: input.y + row,
                    });
                }
            }
        }
        let mut used = self.height();
        if let Some(err) = &self.error {
            if used < area.height {
                // Under the value; under the label when it would not fit there.
                let text = format!("⚠ {}", sanitize_line(err));
                let room = usize::from(area.width);
                let indent = match usize::from(label_w) + text.width() <= room {
                    true => usize::from(label_w),
                    false => 2,
                };
                let msg = format!(
                    "{:indent$}{}",
                    "",
                    crate::text::ellipsize(&text, room.saturating_sub(indent))
                );
                f.render_widget(
                    Paragraph::new(msg).style(theme.error()),
                    Rect {
                        y: area.y + used,
                        height: 1,
                        ..area
                    },
                );
                used += 1;
            }
        }
        used
    }
}
