//! A record's card, as Базы and Встречи show it: its fields beside their
//! labels (long values wrap), groups of lines under headings, and its change
//! history in words. Longer than the window, it scrolls (PageUp/PageDown)
//! and says how much is below.

use super::Theme;
use crate::i18n::Lang;
use crate::store::{Action as HistoryAction, Change, HistoryEntry};
use crate::text::sanitize_line;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// The label column never takes more than this share of the width.
const LABEL_MAX_PERCENT: usize = 40;

/// A heading in `width` columns (shortened with «…» when longer).
pub fn heading(text: &str, width: u16, theme: &Theme) -> Line<'static> {
    let text = crate::text::ellipsize(&sanitize_line(text), usize::from(width));
    Line::styled(text, theme.header())
}

/// Each field as «label  value», the label column as wide as the longest
/// label; a value longer than the line continues under itself.
pub fn fields(fields: &[(&str, String)], width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let label_w = fields
        .iter()
        .map(|(l, _)| l.width() + 2)
        .max()
        .unwrap_or(0)
        .min(width * LABEL_MAX_PERCENT / 100);
    let value_w = width.saturating_sub(label_w).max(10);
    let mut out = Vec::new();
    for (label, value) in fields {
        let label = crate::text::ellipsize(label, label_w.saturating_sub(2));
        let pad = label_w.saturating_sub(label.width());
        let bold = Style::default().add_modifier(Modifier::BOLD);
        for (i, part) in crate::reports::render::wrap(&sanitize_line(value), value_w)
            .into_iter()
            .enumerate()
        {
            let head = match i {
                0 => Span::styled(format!("{label}{}", " ".repeat(pad)), bold),
                _ => Span::raw(" ".repeat(label_w)),
            };
            out.push(Line::from(vec![head, Span::raw(part)]));
        }
    }
    out
}

/// The history, newest first: when, who, what was done, and each change
/// in words (`words` says how a stored change reads).
pub fn history(
    entries: &[HistoryEntry],
    words: &dyn Fn(&Change) -> String,
    lang: Lang,
    width: u16,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for h in entries.iter().rev() {
        let action = match h.action {
            HistoryAction::Created => lang.pick("создано", "created"),
            HistoryAction::Updated => lang.pick("изменено", "changed"),
            HistoryAction::Archived => lang.pick("в архив", "archived"),
            HistoryAction::Restored => lang.pick("из архива", "restored"),
            HistoryAction::Erased => lang.pick("удалено по запросу", "erased on request"),
            HistoryAction::Undone => lang.pick("отменено", "undone"),
            HistoryAction::Redone => lang.pick("повторено", "redone"),
        };
        let when = h.at.with_timezone(&chrono::Local).format("%d.%m.%Y %H:%M");
        out.push(Line::raw(sanitize_line(&format!(
            "  {when} {} — {action}",
            h.who
        ))));
        for c in h.changes.iter().filter(|c| c.field != "archived") {
            let text = crate::text::ellipsize(&words(c), usize::from(width).saturating_sub(6));
            out.push(Line::raw(format!("      {text}")));
        }
    }
    out
}

/// A change of `r` in the words of its schema.
pub fn in_words<'a, R>(
    schema: &'static [crate::schema::FieldSpec<R>],
    r: &'a R,
    ctx: &'a crate::schema::Ctx<'a>,
) -> Box<dyn Fn(&Change) -> String + 'a>
where
    R: serde::Serialize + serde::de::DeserializeOwned,
{
    Box::new(move |c: &Change| {
        crate::schema::words::change_in_words(schema, r, (&c.field, &c.old, &c.new), ctx)
    })
}

/// Draws the card from line `scroll` on; a mark on the bottom border says
/// how many lines are below, one on the top how many are above.
pub fn draw(f: &mut Frame, area: Rect, lines: Vec<Line<'static>>, scroll: u16) {
    let total = lines.len() as u16;
    let height = area.height.saturating_sub(1);
    let scroll = scroll.min(total.saturating_sub(height));
    let below = total.saturating_sub(scroll + height);
    let mut block = Block::default().borders(Borders::BOTTOM);
    if below > 0 {
        block = block.title_bottom(Line::from(format!(" ↓ {below} PgDn ")).right_aligned());
    }
    if scroll > 0 {
        block = block.title_bottom(Line::from(format!(" ↑ {scroll} PgUp ")).left_aligned());
    }
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), area);
}

/// The scroll after PageUp or PageDown, within the card's lines.
pub fn scrolled(scroll: u16, down: bool, page: usize) -> u16 {
    let page = page.max(1) as u16;
    match down {
        true => scroll.saturating_add(page),
        false => scroll.saturating_sub(page),
    }
}
