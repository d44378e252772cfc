//! A record's form: label, input and, under a field with a problem, the
//! message. The focused field is marked; the form scrolls to keep it seen.

use super::{Theme, MARK};
use crate::text::sanitize_line;
use crate::tui::app::App;
use crate::tui::form::{Field, Kind, RecordForm};
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

const LABEL: u16 = 26;

fn field_height(f: &Field) -> u16 {
    f.height() + u16::from(f.error.is_some())
}

/// The first field to draw so that the focused one fits in `height`.
fn first_visible(form: &RecordForm, height: u16) -> usize {
    let mut used = 0;
    let mut first = form.focus;
    for i in (0..=form.focus).rev() {
        used += field_height(&form.fields[i]);
        if used > height {
            break;
        }
        first = i;
    }
    first
}

pub fn render(app: &App, form: &RecordForm, f: &mut Frame, area: Rect, theme: &Theme) {
    f.render_widget(Clear, area);
    let block = Block::bordered()
        .title(sanitize_line(&format!(" {} ", form.title(app.lang))))
        .title_style(theme.header());
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for (i, field) in form
        .fields
        .iter()
        .enumerate()
        .skip(first_visible(form, inner.height))
    {
        if y + field.height() > bottom {
            break;
        }
        let focused = i == form.focus;
        let label_style = if focused {
            theme.selected()
        } else {
            Style::default()
        };
        let star = if field.required { "*" } else { "" };
        let label = format!("{}{}{star}", if focused { MARK } else { "  " }, field.label);
        f.render_widget(
            Paragraph::new(label).style(label_style),
            Rect {
                x: inner.x,
                y,
                width: LABEL,
                height: 1,
            },
        );
        let input = Rect {
            x: inner.x + LABEL,
            y,
            width: inner.width.saturating_sub(LABEL),
            height: field.height(),
        };
        match &field.kind {
            Kind::Choice(options) => {
                let value = options.get(field.choice).map(String::as_str).unwrap_or("");
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
            _ if !focused => {
                let lines: Vec<Line> = field
                    .text
                    .lines()
                    .iter()
                    .map(|l| Line::raw(sanitize_line(l)))
                    .collect();
                f.render_widget(Paragraph::new(lines), input);
            }
            _ => {
                f.render_widget(&field.text, input);
                let c = field.text.screen_cursor();
                let (top, left) = field.text.scroll_offset();
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
        y += field.height();
        if let Some(err) = &field.error {
            if y < bottom {
                let msg = format!(
                    "{:width$}⚠ {}",
                    "",
                    sanitize_line(err),
                    width = LABEL as usize
                );
                f.render_widget(
                    Paragraph::new(msg).style(theme.error()),
                    Rect {
                        x: inner.x,
                        y,
                        width: inner.width,
                        height: 1,
                    },
                );
                y += 1;
            }
        }
    }
}
