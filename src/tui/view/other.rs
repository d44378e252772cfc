//! The tabs other than Bases: the overview (what `status` says, warnings
//! first) and the read-only lists of pairs, candidates, questionnaires and
//! report settings that their own panes will build on.

use super::{list_height, marked_lines, selectable, Theme};
use crate::domain::*;
use crate::text::sanitize_line;
use crate::tui::app::{App, Tab};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

fn overview(app: &App, height: usize, theme: &Theme) -> Vec<Line<'static>> {
    let lang = app.lang;
    let s = &app.status;
    let mut lines = Vec::new();
    let warnings = app.visible_warnings();
    if warnings.is_empty() {
        lines.push(Line::styled(
            lang.pick("Предупреждений нет.", "No warnings."),
            theme.ok(),
        ));
    } else {
        lines.push(Line::styled(
            format!(
                "{} ({}) — Enter: {}",
                lang.pick("Предупреждения", "Warnings"),
                warnings.len(),
                lang.pick("открыть запись", "open the record")
            ),
            theme.error(),
        ));
        let shown = height.saturating_sub(10).max(3);
        let texts: Vec<String> = warnings.iter().map(|w| w.message(lang)).collect();
        lines.extend(selectable(texts, app.selected[0], shown, theme));
    }
    lines.push(Line::raw(""));
    let org = match app.org_filter.and_then(|id| app.data.orgs.get(&id)) {
        Some(o) => o.name.clone(),
        None if s.organisations > 1 => format!(
            "{} ({}) — o: {}",
            lang.pick("все", "all"),
            s.organisations,
            lang.pick("выбрать одну", "pick one")
        ),
        None => s.default_org.clone().unwrap_or_else(|| "—".into()),
    };
    lines.push(Line::styled(
        sanitize_line(&format!(
            "{}: {org}",
            lang.pick("Организация", "Organisation")
        )),
        theme.header(),
    ));
    let bases: Vec<String> = s
        .bases
        .iter()
        .map(|b| format!("{} {}", crate::status::base_label(b.base, lang), b.active))
        .collect();
    lines.push(Line::raw(bases.join(" · ")));
    let by_status: Vec<String> = s
        .pairs_by_status
        .iter()
        .map(|(k, v)| format!("{} {v}", k.label(lang)))
        .collect();
    if by_status.is_empty() {
        let hint = lang.pick(
            "Пар пока нет: подберите их на вкладке 3 или импортируйте (nastavnik import pairs).",
            "No pairs yet: match them on tab 3 or import them (nastavnik import pairs).",
        );
        lines.push(Line::styled(hint, theme.dim()));
    } else {
        lines.push(Line::raw(format!(
            "{}: {} ({} {})",
            lang.pick("Пары", "Pairs"),
            by_status.join(", "),
            lang.pick("групп", "groups"),
            s.groups
        )));
    }
    for (form, n) in &s.pairs_by_form {
        lines.push(Line::raw(format!("  {:<26}{n:>5}", form.label(lang))));
    }
    lines
}

fn meetings(app: &App) -> Vec<String> {
    let d = &app.data;
    app.pair_list()
        .into_iter()
        .map(|u| {
            let briefs = app.timelines.get(&u.id).map(Vec::as_slice).unwrap_or(&[]);
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
                u.status.label(app.lang),
                live.len(),
                app.lang.pick("встр., посл.", "meet., last"),
                d.unit_title(u),
                u.form.label(app.lang),
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
fn render_timeline(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let unit = app.selected_pair();
    let Some(unit) = unit else { return };
    let timeline = app
        .timelines
        .get(&unit.id)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let stage = crate::meetings::stage(timeline);
    let title = format!(
        " #{} · {} · {} ",
        unit.id,
        stage.label(lang),
        lang.pick("встреч по месяцам за год", "meetings a month, last 12")
    );
    let block = ratatui::widgets::Block::bordered().title(sanitize_line(&title));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [spark, list] = ratatui::layout::Layout::horizontal([
        ratatui::layout::Constraint::Length(14),
        ratatui::layout::Constraint::Min(10),
    ])
    .areas(inner);
    f.render_widget(
        ratatui::widgets::Sparkline::default()
            .data(per_month(timeline, app.status_opts.as_of))
            .style(theme.header()),
        spark,
    );
    let h = list.height as usize;
    let items = app.selected_meetings().into_iter().map(|b| {
        let fb = if b.feedback_given { "✓" } else { "—" };
        format!(
            "{} {} · {} {fb}",
            crate::domain::dates::format_date(b.date),
            b.kind.label(lang),
            lang.pick("отзыв", "feedback")
        )
    });
    let lines = marked_lines(
        items,
        app.meeting_sel,
        app.meeting_sel.saturating_sub(h.saturating_sub(1)),
        h,
        theme,
    );
    let lines = if lines.is_empty() {
        vec![Line::styled(
            lang.pick(
                " встреч ещё не было — n: записать",
                " no meetings yet — n: log one",
            ),
            theme.dim(),
        )]
    } else {
        lines
    };
    f.render_widget(Paragraph::new(lines), list);
}

pub fn render(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let area = if app.tab == Tab::Meetings {
        let [list, timeline] = ratatui::layout::Layout::vertical([
            ratatui::layout::Constraint::Min(5),
            ratatui::layout::Constraint::Length(7),
        ])
        .areas(area);
        render_timeline(app, f, timeline, theme);
        list
    } else {
        area
    };
    let height = if app.tab == Tab::Meetings {
        area.height.saturating_sub(2) as usize
    } else {
        list_height(f.area()) + 2
    };
    let i = Tab::ALL.iter().position(|t| *t == app.tab).unwrap_or(0);
    let (title, lines) = match app.tab {
        Tab::Overview => (
            app.lang.pick(" Обзор ", " Overview "),
            overview(app, height, theme),
        ),
        Tab::Meetings => (
            match app.pairs_filter {
                crate::tui::app::PairsFilter::All => app.lang.pick(
                    " Пары и группы: встречи (f — фильтр) ",
                    " Pairs and groups: meetings (f filters) ",
                ),
                crate::tui::app::PairsFilter::Active => {
                    app.lang.pick(" Активные пары ", " Active pairs ")
                }
                crate::tui::app::PairsFilter::NeedsAttention => app
                    .lang
                    .pick(" Пары, требующие внимания ", " Pairs needing attention "),
            },
            selectable(meetings(app), app.selected[i], height, theme),
        ),

        // Drawn by their own modules.
        Tab::Bases | Tab::Matching | Tab::Surveys | Tab::Reports | Tab::Roadmap => return,
    };
    f.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title)),
        area,
    );
}
