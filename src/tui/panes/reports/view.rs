//! Отчёты: this year's indicators against the targets as gauges, the list
//! of reports with the settings and the file a report goes to; or one
//! report laid out for reading, scrolled by the keys.

use super::{this_years_targets, Gauge, ReportsPane};
use crate::domain::dates::format_date;
use crate::reports::model::decimal;
use crate::reports::Kind;
use crate::text::sanitize_line;
use crate::tui::keymap::{Action, Context};
use crate::tui::shared::Shared;
use crate::tui::view::{list_panel, Theme};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, LineGauge, Paragraph};
use ratatui::Frame;

const SHORT: [(&str, &str); 6] = [
    ("Наставляемые 10–19", "Mentees 10–19"),
    ("Наставники 15–19", "Mentors 15–19"),
    ("Молодые педагоги", "Young teachers"),
    ("Предприятия", "Enterprises"),
    ("Удовл. наставляемых", "Mentees satisfied"),
    ("Удовл. наставников", "Mentors satisfied"),
];

pub fn render(r: &ReportsPane, s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
    if let Some(p) = &r.preview {
        let height = area.height.saturating_sub(2) as usize;
        let title = format!(
            " {} · {}/{} ",
            p.kind.label(s.lang),
            (p.scroll + height).min(p.lines.len()),
            p.lines.len()
        );
        let lines: Vec<Line> = p
            .lines
            .iter()
            .skip(p.scroll)
            .take(height)
            .map(|l| Line::raw(l.as_str()))
            .collect();
        f.render_widget(
            Paragraph::new(lines).block(Block::bordered().title(sanitize_line(&title))),
            area,
        );
        return;
    }
    let [gauges, rest] = Layout::vertical([Constraint::Length(8), Constraint::Min(5)]).areas(area);
    render_gauges(r, s, f, gauges, theme);
    let [list, info] =
        Layout::horizontal([Constraint::Length(38), Constraint::Min(20)]).areas(rest);
    let items = Kind::ALL
        .iter()
        .map(|k| k.label(s.lang).to_string())
        .collect();
    let selected = r.selected;
    list_panel(
        f,
        list,
        s.lang.pick(" Отчёты ", " Reports ").into(),
        items,
        selected,
        "",
        theme,
    );
    render_info(
        r,
        s,
        Kind::ALL[selected.min(Kind::ALL.len() - 1)],
        f,
        info,
        theme,
    );
}

fn render_gauges(r: &ReportsPane, s: &Shared, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = s.lang;
    let as_of = r.settings.as_of.unwrap_or(s.status_opts.as_of);
    let year = s
        .org_filter
        .and_then(|id| s.data.orgs.get(&id))
        .or_else(|| s.data.default_org())
        .and_then(|o| this_years_targets(&o.targets, as_of))
        .map(|t| t.year.clone());
    let title = match &year {
        Some(y) => format!(
            " {} {y} ",
            lang.pick("Показатели и план на", "Indicators and the target for")
        ),
        None => {
            let k = s.keymap.keys_label(Context::Global, Action::OrgSettings);
            crate::tr!(
                lang,
                " Показатели (план на год не задан: {k}) ",
                " Indicators (no target for this year: {k}) "
            )
        }
    };
    let block = Block::bordered().title(sanitize_line(&title));
    let inner = block.inner(area);
    f.render_widget(block, area);
    for (i, g) in r.gauges.iter().enumerate().take(inner.height as usize) {
        let row = Rect {
            y: inner.y + i as u16,
            height: 1,
            ..inner
        };
        let [name, bar, value] = Layout::horizontal([
            Constraint::Length(21),
            Constraint::Min(10),
            Constraint::Length(26),
        ])
        .areas(row);
        let (ru, en) = SHORT.get(i).copied().unwrap_or(("", ""));
        f.render_widget(Paragraph::new(lang.pick(ru, en)), name);
        render_gauge(g, lang, f, bar, value, theme);
    }
}

fn render_gauge(
    g: &Gauge,
    lang: crate::i18n::Lang,
    f: &mut Frame,
    bar: Rect,
    value: Rect,
    theme: &Theme,
) {
    let pct = |v: f64| format!("{} %", decimal(v, lang));
    let (ratio, reached) = match (g.indicator.value, g.target) {
        (Some(v), Some(t)) if t > 0.0 => ((v / t).clamp(0.0, 1.0), v >= t),
        (Some(v), _) => ((v / 100.0).clamp(0.0, 1.0), false),
        (None, _) => (0.0, false),
    };
    let text = match (g.indicator.value, g.target) {
        (Some(v), Some(t)) => format!(" {} {} {}", pct(v), lang.pick("из", "of"), pct(t)),
        (Some(v), None) => format!(" {}", pct(v)),
        (None, _) => format!(" {}", lang.pick("нет данных", "no data")),
    };
    // The mark says it in words too, for NO_COLOR: ✓ reached.
    let mark = if reached { " ✓" } else { "" };
    let filled = if reached { theme.ok() } else { theme.header() };
    f.render_widget(
        LineGauge::default()
            .ratio(ratio)
            .filled_symbol("█")
            .filled_style(filled.add_modifier(Modifier::BOLD))
            .unfilled_style(theme.dim())
            .label(""),
        bar,
    );
    let style = if g.indicator.value.is_none() {
        theme.dim()
    } else {
        Style::default()
    };
    f.render_widget(Paragraph::new(format!("{text}{mark}")).style(style), value);
}

fn render_info(r: &ReportsPane, sh: &Shared, kind: Kind, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = sh.lang;
    let p = r.params(kind, sh.org_filter, sh.status_opts.as_of, lang);
    let s = &r.settings;
    let key = |a: Action| {
        sh.keymap
            .keys(Context::List, a)
            .first()
            .map(|k| k.to_string())
            .unwrap_or_default()
    };
    let period_note = if s.from.is_some() {
        lang.pick("задан вручную", "set by hand")
    } else if kind == Kind::Monitoring {
        lang.pick("квартал", "the quarter")
    } else {
        lang.pick("учебный год", "the academic year")
    };
    let path = r.file_path(&p);
    let lines = vec![
        Line::styled(sanitize_line(kind.label(lang)), theme.header()),
        Line::raw(format!(
            "{}: {} ({period_note})",
            lang.pick("Период", "Period"),
            p.period_text()
        )),
        Line::raw(format!(
            "{}: {}",
            lang.pick("Возраст на", "Ages on"),
            format_date(p.as_of)
        )),
        Line::raw(format!(
            "{}: {}",
            lang.pick("Организация", "Organisation"),
            p.org
                .and_then(|id| sh.data.orgs.get(&id))
                .map(|o| sanitize_line(&o.name))
                .unwrap_or_default()
        )),
        Line::raw(format!(
            "{}: {}",
            lang.pick("Папка", "Folder"),
            sanitize_line(&s.dir.display().to_string())
        )),
        Line::raw(format!(
            "{}: {}",
            lang.pick("Файл", "File"),
            sanitize_line(
                &path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            )
        )),
        Line::raw(""),
        Line::styled(
            format!(
                "{} {}  {} {}  {} {}",
                key(Action::Open),
                lang.pick("просмотр", "read"),
                key(Action::Period),
                lang.pick("параметры", "settings"),
                key(Action::SaveReport),
                lang.pick("сохранить", "save"),
            ),
            theme.dim(),
        ),
    ];
    f.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(Block::bordered()),
        area,
    );
}
