//! Rendering: a pure function of the `App`. The frame (tabs, status bar,
//! the too-small notice) is drawn here; the pane shown and the dialogs over
//! it draw themselves. Selection and focus are marked with a symbol and
//! bold as well as colour, so they survive `NO_COLOR` and 16-colour
//! terminals.

pub mod card;

use super::app::{App, Tab};
use super::keymap::{Action, Context};
use crate::text::sanitize_line;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// The mark in front of the selected line or focused field.
pub const MARK: &str = "▶ ";

#[derive(Clone, Copy)]
pub struct Theme<'a> {
    pub no_color: bool,
    /// In a screen of two lists: whether this one has the keys (its border
    /// is thick and only its selection is bold). None: the only list.
    pub focus: Option<bool>,
    /// Where the lists and buttons were drawn, for a mouse click.
    pub hits: Option<&'a std::cell::RefCell<Vec<Hit>>>,
}

/// What a click can land on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    List(ListHit),
    /// A question's «yes» or «no».
    Button {
        area: Rect,
        yes: bool,
    },
}

/// A list as drawn: its rows on screen, the index of the first and of the
/// selected one, and whether it had the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListHit {
    pub rows: Rect,
    pub first: usize,
    pub selected: usize,
    pub focus: Option<bool>,
}

impl<'a> Theme<'a> {
    fn color(&self, style: Style, color: Color) -> Style {
        if self.no_color {
            style
        } else {
            style.fg(color)
        }
    }
    pub fn selected(&self) -> Style {
        if self.focus == Some(false) {
            return self.color(Style::default(), Color::Cyan);
        }
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.no_color {
            s
        } else {
            s.bg(Color::Blue).fg(Color::White)
        }
    }

    /// The same, for one of two lists side by side.
    pub fn focused(&self, focused: bool) -> Theme<'a> {
        Theme {
            focus: Some(focused),
            ..*self
        }
    }

    /// Notes where a list's rows went (`first` is the index on the top row).
    pub fn hit(&self, rows: Rect, first: usize, selected: usize) {
        if let Some(hits) = self.hits {
            hits.borrow_mut().push(Hit::List(ListHit {
                rows,
                first,
                selected,
                focus: self.focus,
            }));
        }
    }

    /// Notes where a question's «yes» (or «no») button went.
    pub fn button(&self, area: Rect, yes: bool) {
        if let Some(hits) = self.hits {
            hits.borrow_mut().push(Hit::Button { area, yes });
        }
    }

    /// A bordered block that shows whether its list has the keys.
    pub fn block(&self) -> Block<'static> {
        match self.focus {
            Some(true) => Block::bordered()
                .border_type(ratatui::widgets::BorderType::Thick)
                .border_style(self.header()),
            _ => Block::bordered(),
        }
    }
    pub fn header(&self) -> Style {
        self.color(Style::default().add_modifier(Modifier::BOLD), Color::Yellow)
    }
    pub fn error(&self) -> Style {
        self.color(Style::default().add_modifier(Modifier::BOLD), Color::Red)
    }
    pub fn dim(&self) -> Style {
        self.color(Style::default(), Color::DarkGray)
    }
    pub fn ok(&self) -> Style {
        self.color(Style::default(), Color::Green)
    }
}

/// The height of a list below the tab bar, the pane's header and the
/// status bar: what paging moves by.
pub fn list_height(area: Rect) -> usize {
    area.height.saturating_sub(6) as usize
}

/// The first visible line of a list so that `selected` is on screen,
/// moving the window as little as possible from `offset`.
pub fn window(selected: usize, offset: usize, height: usize) -> usize {
    let h = height.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + h {
        selected + 1 - h
    } else {
        offset
    }
}

/// The lines of a list from `offset`, at most `height`, the selected one
/// marked with [`MARK`] and the selection style.
pub fn marked_lines(
    items: impl IntoIterator<Item = String>,
    selected: usize,
    offset: usize,
    height: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    items
        .into_iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, text)| {
            let text = sanitize_line(&text);
            if i == selected {
                Line::styled(format!("{MARK}{text}"), theme.selected())
            } else {
                Line::raw(format!("  {text}"))
            }
        })
        .collect()
}

/// A list that keeps its selected line in view (it sits on the last line
/// once the list scrolls).
pub fn selectable(
    items: Vec<String>,
    selected: usize,
    height: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    marked_lines(
        items,
        selected,
        first_shown(selected, height),
        height,
        theme,
    )
}

/// The first line a list of `height` lines shows with `selected` in view.
pub fn first_shown(selected: usize, height: usize) -> usize {
    selected.saturating_sub(height.saturating_sub(1))
}

/// The rows of a list `height` high that are on screen with `selected`
/// selected: only they need writing out (a district lists thousands).
pub fn shown_rows(selected: usize, height: usize) -> std::ops::Range<usize> {
    let first = first_shown(selected, height);
    first..first + height
}

/// List lines shortened with «…» to a bordered panel `width` wide, after
/// the selection mark.
pub fn fitted(items: Vec<String>, width: u16) -> Vec<String> {
    let room = usize::from(width.saturating_sub(2)).saturating_sub(MARK.chars().count());
    items
        .into_iter()
        .map(|i| crate::text::ellipsize(&i, room))
        .collect()
}

/// A bordered list panel; `empty` stands in when there is nothing to list.
pub fn list_panel(
    f: &mut Frame,
    area: Rect,
    title: String,
    items: Vec<String>,
    selected: usize,
    empty: &str,
    theme: &Theme,
) {
    let height = area.height.saturating_sub(2) as usize;
    let body = if items.is_empty() {
        vec![Line::styled(empty.to_string(), theme.dim())]
    } else {
        let rows = Rect {
            x: area.x + 1,
            y: area.y + 1,
            width: area.width.saturating_sub(2),
            height: (items.len() as u16).min(height as u16),
        };
        theme.hit(rows, first_shown(selected, height), selected);
        selectable(fitted(items, area.width), selected, height, theme)
    };
    f.render_widget(
        Paragraph::new(body).block(theme.block().title(sanitize_line(&title))),
        area,
    );
}

pub fn render(app: &App, f: &mut Frame) {
    let area = f.area();
    app.hits.borrow_mut().clear();
    let theme = Theme {
        no_color: app.no_color,
        focus: None,
        hits: Some(&app.hits),
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = crate::tr!(app.lang, "Окно {}×{}: нужно не меньше {MIN_WIDTH}×{MIN_HEIGHT}.\nУвеличьте окно терминала.", "The window is {}×{}: it must be at least {MIN_WIDTH}×{MIN_HEIGHT}.\nPlease enlarge it.", area.width, area.height);
        f.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .style(theme.error()),
            area,
        );
        return;
    }
    let [tabs, body, bar] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(area);
    render_tabs(app, f, tabs, &theme);
    app.current().draw(f, body, &app.shared, &theme);
    render_status_bar(app, f, bar, &theme);
    if let Some(m) = app.modal() {
        m.draw(f, body, &app.shared, app.current(), &theme);
    }
}

/// The tab under column `x` of the tab bar (drawn as [`render_tabs`] does).
pub fn tab_at(lang: crate::i18n::Lang, width: u16, x: u16) -> Option<Tab> {
    let labels: Vec<usize> = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| format!(" {}:{} ", i + 1, t.label(lang)).chars().count())
        .collect();
    let name = lang.pick(" Наставник ", " Nastavnik ").chars().count();
    let mut at = match usize::from(width) >= labels.iter().sum::<usize>() + name {
        true => name,
        false => 0,
    };
    for (tab, w) in Tab::ALL.iter().zip(labels) {
        if (at..at + w).contains(&usize::from(x)) {
            return Some(*tab);
        }
        at += w;
    }
    None
}

fn render_tabs(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let tabs_width: usize = Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, t)| format!(" {}:{} ", i + 1, t.label(app.lang)).chars().count())
        .sum();
    // The program's name leads when the window has room for it.
    let name = app.lang.pick(" Наставник ", " Nastavnik ");
    let mut spans = if usize::from(area.width) >= tabs_width + name.chars().count() {
        vec![Span::styled(name, theme.header())]
    } else {
        Vec::new()
    };
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let label = format!(" {}:{} ", i + 1, tab.label(app.lang));
        if *tab == app.tab {
            spans.push(Span::styled(
                format!("[{}]", label.trim()),
                theme.selected(),
            ));
        } else {
            spans.push(Span::raw(label));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The hints of the current context, from the keymap.
fn hints(app: &App) -> Vec<(String, &'static str)> {
    let lang = app.lang;
    let ctx = app.context();
    // The first key of each action: the help overlay lists them all.
    let first = |ctx: Context, a: Action| app.keymap.keys(ctx, a).first().map(|k| k.to_string());
    // The greeting takes only its own keys.
    if matches!(app.modal(), Some(super::modals::Modal::Greeting)) {
        return super::modals::greeting::KEYS
            .iter()
            .filter_map(|(c, a)| Some((first(*c, *a)?, a.label(lang))))
            .collect();
    }
    let actions: Vec<Action> = match ctx {
        Context::Form => vec![
            Action::Save,
            Action::Cancel,
            Action::NextField,
            Action::NextChoice,
        ],
        Context::Confirm => vec![Action::Yes, Action::No],
        // The files dialog says its keys inside.
        _ if matches!(app.modal(), Some(super::modals::Modal::Files(_))) => return Vec::new(),
        _ => app.current().hints(),
    };
    // A pane may hint an action of everywhere (the overview's Tab).
    let mut out: Vec<(String, &'static str)> = actions
        .iter()
        .filter_map(|a| {
            let key = first(ctx, *a).or_else(|| first(Context::Global, *a))?;
            Some((key, a.label(lang)))
        })
        .collect();
    if ctx == Context::List {
        for a in [Action::Help, Action::Quit] {
            out.extend(first(Context::Global, a).map(|k| (k, a.label(lang))));
        }
    }
    out
}

const ROWS: crate::i18n::Plural = crate::i18n::Plural {
    one: "строка",
    few: "строки",
    many: "строк",
    en_one: "row",
    en_many: "rows",
};

/// «Импорт mentees.csv: 3 200 строк…» while a store job runs.
fn working_line(w: &super::background::Working, lang: crate::i18n::Lang) -> String {
    let done = w.done.load(std::sync::atomic::Ordering::Relaxed);
    match done {
        0 => format!("{}…", w.label),
        n => format!("{}: {}…", w.label, crate::i18n::count(n, lang, ROWS)),
    }
}

fn render_status_bar(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    use unicode_width::UnicodeWidthStr;
    let [msg, keys] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let width = usize::from(area.width);
    let work = app.working.as_ref().map(|w| working_line(w, app.lang));
    if work.is_some() || app.message.is_some() {
        let error = app.message.as_ref().is_some_and(|m| m.error);
        let style = if error { theme.error() } else { theme.ok() };
        let said = app.message.as_ref().map(|m| m.text.as_str());
        let text = sanitize_line(&match (work, said) {
            (Some(w), Some(m)) => format!("{w} · {m}"),
            (Some(w), None) => w,
            (None, m) => m.unwrap_or_default().to_string(),
        });
        // A message longer than its line takes the hints' line too, rather
        // than lose its end.
        if text.width() > width {
            let lines: Vec<Line> = crate::reports::render::wrap(&text, width)
                .into_iter()
                .take(2)
                .map(Line::raw)
                .collect();
            f.render_widget(Paragraph::new(lines).style(style), area);
            return;
        }
        f.render_widget(Paragraph::new(text).style(style), msg);
    }
    let mut spans = Vec::new();
    let mut used = 0;
    if let Some(prompt) = app.current().prompt(app.lang) {
        used += prompt.width();
        spans.push(Span::styled(prompt, theme.dim()));
    }
    // Whole hints only, as many as fit; the help's hint (last but one) is
    // kept whatever else must go.
    let all = hints(app);
    let help = all
        .iter()
        .position(|(_, l)| *l == Action::Help.label(app.lang));
    let cost = |(k, l): &(String, &str)| k.width() + l.width() + 3;
    let reserved = help.map(|i| cost(&all[i])).unwrap_or(0);
    for (i, h) in all.iter().enumerate() {
        let still_reserved = match help {
            Some(at) if i < at => reserved,
            _ => 0,
        };
        let room = width.saturating_sub(used + still_reserved);
        // The last hint's trailing space may fall off the edge.
        if cost(h) - 1 > room {
            continue;
        }
        used += cost(h);
        spans.push(Span::styled(
            format!(" {}", h.0),
            Style::default().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::raw(format!(" {} ", h.1)));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), keys);
}

/// A box in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
