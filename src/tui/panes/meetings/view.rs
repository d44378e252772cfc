//! The Встречи pane's view: the pairs with their meeting counts, and the
//! selected pair's rhythm and latest meetings.

use super::{MeetingsPane, PairsFilter};
use crate::domain::*;
use crate::text::sanitize_line;
use crate::tui::shared::Shared;
use crate::tui::view::{card, fitted, marked_lines, selectable, Theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// The pairs' lines; only those in `shown` are written out (a district
/// has thousands, a screen twenty).
fn pair_lines(p: &MeetingsPane, s: &Shared, shown: std::ops::Range<usize>) -> Vec<String> {
    let d = &s.data;
    p.pair_list(s)
        .into_iter()
        .enumerate()
        .map(|(at, u)| {
            if !shown.contains(&at) {
                return String::new();
            }
            let briefs = s.timelines.get(&u.id).map(Vec::as_slice).unwrap_or(&[]);
            let live: Vec<&MeetingBrief> = briefs.iter().filter(|b| !b.archived).collect();
            let last = live
                .last()
                .map(|b| crate::domain::dates::format_date(b.date))
                .unwrap_or_else(|| "—".into());
            // What a curator scans first (status, count, last date) comes
            // first, so an 80-column line cuts only the names.
            format!(
                "#{:<4} {:<11} {:>3} {} {last:<10} · {} · {}",
                u.id,
                u.status.label(s.lang),
                live.len(),
                s.lang.pick("встр., посл.", "meet., last"),
                d.unit_title(u),
                u.form.label(s.lang),
            )
        })
        .collect()
}

/// Meetings per month for the 12 months up to `as_of`, oldest first.
pub fn per_month(timeline: &[MeetingBrief], as_of: chrono::NaiveDate) -> Vec<u64> {
    use chrono::Datelike;
    let month = |d: chrono::NaiveDate| d.year() * 12 + d.month0() as i32;
    let now = month(as_of);
    let mut counts = vec![0u64; 12];
    for b in timeline.iter().filter(|b| !b.archived) {
        let age = now - month(b.date);
        if (0..12).contains(&age) {
            counts[11 - age as usize] += 1;
        }
    }
    counts
}

/// The selected pair's rhythm and its latest meetings.
fn render_timeline(p: &MeetingsPane, s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = s.lang;
    let unit = p.selected_pair(s);
    let Some(unit) = unit else { return };
    let timeline = s.timelines.get(&unit.id).map(Vec::as_slice).unwrap_or(&[]);
    let stage = crate::meetings::stage(timeline);
    let title = format!(
        " #{} · {} · {} ",
        unit.id,
        stage.label(lang),
        if p.archived {
            lang.pick(
                "архив встреч (r — вернуть)",
                "archived meetings (r restores)",
            )
        } else {
            lang.pick("встреч по месяцам за год", "meetings a month, last 12")
        }
    );
    let theme = &theme.focused(p.meetings_focused);
    let block = theme.block().title(sanitize_line(&title));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [spark, list] = ratatui::layout::Layout::horizontal([
        ratatui::layout::Constraint::Length(14),
        ratatui::layout::Constraint::Min(10),
    ])
    .areas(inner);
    f.render_widget(
        ratatui::widgets::Sparkline::default()
            .data(per_month(timeline, s.status_opts.as_of))
            .style(theme.header()),
        spark,
    );
    // Why the pair needs attention, above its meetings (two lines at most).
    let why: Vec<Line> = s
        .status
        .warnings
        .iter()
        .filter(|w| w.target == crate::status::Target::Unit(unit.id))
        .take(2)
        .map(|w| {
            let text = format!("⚠ {}", sanitize_line(&w.message_beside_pair(lang)));
            Line::styled(
                crate::text::ellipsize(&text, usize::from(list.width)),
                theme.error(),
            )
        })
        .collect();
    let [warned, list] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(why.len() as u16),
        ratatui::layout::Constraint::Min(1),
    ])
    .areas(list);
    f.render_widget(Paragraph::new(why), warned);
    let h = list.height as usize;
    let items = p.selected_meetings(s).into_iter().map(|b| {
        let fb = if b.feedback_given { "✓" } else { "—" };
        format!(
            "{} {} · {} {fb}",
            crate::domain::dates::format_date(b.date),
            b.kind.label(lang),
            lang.pick("отзыв", "feedback")
        )
    });
    let first = crate::tui::view::first_shown(p.meeting_sel, h);
    let lines = marked_lines(items, p.meeting_sel, first, h, theme);
    theme.hit(
        Rect {
            height: lines.len() as u16,
            ..list
        },
        first,
        p.meeting_sel,
    );
    let lines = if lines.is_empty() {
        let empty = if p.archived {
            lang.pick(" в архиве встреч нет", " no archived meetings")
        } else {
            lang.pick(
                " встреч ещё не было — n: записать",
                " no meetings yet — n: log one",
            )
        };
        vec![Line::styled(empty, theme.dim())]
    } else {
        lines
    };
    f.render_widget(Paragraph::new(lines), list);
}

/// The selected pair's card: its people and course as the schema lists
/// them, its meetings in brief, and its history in words.
fn render_card(p: &MeetingsPane, s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = s.lang;
    let Some(unit) = p.selected_pair(s) else {
        return;
    };
    let ctx = crate::schema::Ctx { ds: &s.data, lang };
    let timeline = s.timelines.get(&unit.id).map(Vec::as_slice).unwrap_or(&[]);
    let live: Vec<&MeetingBrief> = timeline.iter().filter(|b| !b.archived).collect();
    let mut fields = crate::schema::card(crate::schema::unit::UNIT, unit, &ctx, &[]);
    let meetings = match live.last() {
        Some(b) => crate::tr!(
            lang,
            "{}, последняя {} ({}); этап: {}",
            "{}, the last on {} ({}); stage: {}",
            live.len(),
            crate::domain::dates::format_date(b.date),
            b.kind.label(lang),
            crate::meetings::stage(timeline).label(lang)
        ),
        None => lang.pick("ещё не было", "none yet").to_string(),
    };
    fields.push((lang.pick("Встречи", "Meetings"), meetings));
    let title = match unit.is_group() {
        true => lang.pick("Группа", "Group"),
        false => lang.pick("Пара", "Pair"),
    };
    let mut lines = vec![card::heading(
        &format!("{title} #{} · {}", unit.id, s.data.unit_title(unit)),
        area.width,
        theme,
    )];
    lines.extend(card::fields(&fields, area.width));
    lines.push(card::heading(
        lang.pick("История изменений", "Change history"),
        area.width,
        theme,
    ));
    let words = card::in_words(crate::schema::unit::UNIT, unit, &ctx);
    lines.extend(card::history(&s.history, &*words, lang, area.width));
    for m in p.notes.iter().rev() {
        lines.push(card::heading(
            &format!(
                "{} · {}",
                crate::domain::dates::format_date(m.date),
                m.kind.label(lang)
            ),
            area.width,
            theme,
        ));
        let skip = [FieldKey::Pair, FieldKey::Date, FieldKey::MeetingKind];
        let meeting = crate::schema::card(crate::schema::meeting::MEETING, m, &ctx, &skip);
        lines.extend(card::fields(&meeting, area.width));
    }
    card::draw(f, area, lines, p.card_scroll);
}

pub fn render(p: &MeetingsPane, s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
    if p.card {
        return render_card(p, s, f, area, theme);
    }
    let [list, timeline] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(7)]).areas(area);
    render_timeline(p, s, f, timeline, theme);
    let theme = &theme.focused(!p.meetings_focused);
    let height = list.height.saturating_sub(2) as usize;
    let title = match p.filter {
        PairsFilter::All => s.lang.pick(
            " Пары и группы: встречи (f — фильтр) ",
            " Pairs and groups: meetings (f filters) ",
        ),
        PairsFilter::Active => s.lang.pick(" Активные пары ", " Active pairs "),
        PairsFilter::NeedsAttention => s
            .lang
            .pick(" Пары, требующие внимания ", " Pairs needing attention "),
        PairsFilter::Archived => s.lang.pick(
            " Пары в архиве (r — вернуть) ",
            " Archived pairs (r restores) ",
        ),
    };
    let lines = selectable(
        fitted(
            pair_lines(p, s, crate::tui::view::shown_rows(p.selected, height)),
            list.width,
        ),
        p.selected,
        height,
        theme,
    );
    theme.hit(
        Rect {
            x: list.x + 1,
            y: list.y + 1,
            width: list.width.saturating_sub(2),
            height: lines.len() as u16,
        },
        crate::tui::view::first_shown(p.selected, height),
        p.selected,
    );
    let title = format!("{}{} ", title.trim_end(), p.search.title_part(s.lang));
    f.render_widget(
        Paragraph::new(lines).block(theme.block().title(sanitize_line(&title))),
        list,
    );
}
