//! Rendering: a pure function of the `App`. Selection and focus are marked
//! with a symbol and bold as well as colour, so they survive `NO_COLOR`
//! and 16-colour terminals.

mod bases;
mod form;
mod matching;
pub mod other;
mod questionnaire;
mod reports;
mod roadmap;
mod surveys;

use super::app::{App, Modal, Tab};
use super::keymap::{Action, Context};
use crate::i18n::Lang;
use crate::text::sanitize_line;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// The mark in front of the selected line or focused field.
pub const MARK: &str = "▶ ";

pub struct Theme {
    pub no_color: bool,
}

impl Theme {
    fn color(&self, style: Style, color: Color) -> Style {
        if self.no_color {
            style
        } else {
            style.fg(color)
        }
    }
    pub fn selected(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.no_color {
            s
        } else {
            s.bg(Color::Blue).fg(Color::White)
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
        selected.saturating_sub(height.saturating_sub(1)),
        height,
        theme,
    )
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
        selectable(items, selected, height, theme)
    };
    f.render_widget(
        Paragraph::new(body).block(Block::bordered().title(sanitize_line(&title))),
        area,
    );
}

pub fn render(app: &App, f: &mut Frame) {
    let area = f.area();
    let theme = Theme {
        no_color: app.no_color,
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = match app.lang {
            Lang::Ru => format!(
                "Окно {}×{}: нужно не меньше {MIN_WIDTH}×{MIN_HEIGHT}.\nУвеличьте окно терминала.",
                area.width, area.height
            ),
            Lang::En => format!(
                "The window is {}×{}: it must be at least {MIN_WIDTH}×{MIN_HEIGHT}.\nPlease enlarge it.",
                area.width, area.height
            ),
        };
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
    match app.tab {
        Tab::Bases => bases::render(app, f, body, &theme),
        Tab::Matching => matching::render(app, f, body, &theme),
        Tab::Reports => reports::render(app, f, body, &theme),
        Tab::Surveys => surveys::render(app, f, body, &theme),
        Tab::Roadmap => roadmap::render(app, f, body, &theme),
        _ => other::render(app, f, body, &theme),
    }
    render_status_bar(app, f, bar, &theme);
    match &app.modal {
        Some(Modal::Form(form)) => form::render(app, form, f, body, &theme),
        Some(Modal::Questionnaire(e)) => questionnaire::render(app, e, f, body, &theme),
        Some(Modal::Help) => render_help(app, f, body, &theme),
        Some(Modal::Confirm { question, .. }) => render_confirm(question, f, body, &theme),
        Some(Modal::Greeting) => render_greeting(app, f, body, &theme),
        None => {}
    }
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
    let actions: &[Action] = match (ctx, app.tab) {
        (Context::Form, _) => &[
            Action::Save,
            Action::Cancel,
            Action::NextField,
            Action::NextChoice,
        ],
        (Context::Confirm, _) => &[Action::Yes, Action::No],
        (_, Tab::Bases) if app.bases.searching => &[],
        (_, Tab::Bases) if app.bases.archived => &[
            Action::Restore,
            Action::ShowArchived,
            Action::NextSection,
            Action::Search,
        ],
        (_, Tab::Bases) => &[
            Action::New,
            Action::Edit,
            Action::Search,
            Action::Archive,
            Action::NextSection,
        ],
        (_, Tab::Overview) => &[Action::Open, Action::NextTab],
        (_, Tab::Reports) if app.reports.preview.is_some() => &[
            Action::PageDown,
            Action::SaveReport,
            Action::Period,
            Action::Back,
        ],
        (_, Tab::Reports) => &[Action::Open, Action::Period, Action::SaveReport],
        (_, Tab::Surveys) => &[Action::Open, Action::Edit, Action::New, Action::Down],
        (_, Tab::Roadmap) => &[Action::Edit, Action::Down, Action::NextTab],
        (_, Tab::Meetings) => &[Action::New, Action::Open, Action::Down, Action::NextTab],
        (_, Tab::Matching) => &[
            Action::RunMatching,
            Action::Accept,
            Action::AcceptAll,
            Action::NextCandidate,
        ],
    };
    // The first key of each action: the help overlay lists them all.
    let first = |ctx: Context, a: Action| app.keymap.keys(ctx, a).first().map(|k| k.to_string());
    let mut out: Vec<(String, &'static str)> = actions
        .iter()
        .filter_map(|a| Some((first(ctx, *a)?, a.label(lang))))
        .collect();
    if ctx == Context::List {
        for a in [Action::Help, Action::Quit] {
            out.extend(first(Context::Global, a).map(|k| (k, a.label(lang))));
        }
    }
    out
}

fn render_status_bar(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let [msg, keys] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    if let Some(m) = &app.message {
        let style = if m.error { theme.error() } else { theme.ok() };
        f.render_widget(Paragraph::new(sanitize_line(&m.text)).style(style), msg);
    }
    let mut spans = Vec::new();
    if app.tab == Tab::Bases && app.bases.searching {
        spans.push(Span::styled(
            app.lang.pick(
                " Поиск: Enter — готово, Esc — сбросить",
                " Search: Enter — done, Esc — clear",
            ),
            theme.dim(),
        ));
    }
    for (k, label) in hints(app) {
        spans.push(Span::styled(
            format!(" {k}"),
            Style::default().add_modifier(Modifier::BOLD),
        ));
        spans.push(Span::raw(format!(" {label} ")));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), keys);
}

/// A box in the middle of `area`.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The list actions that mean something on the current pane.
/// The list keys of most panes: the organisation, and moving through a list.
const NAVIGATE: &[Action] = &[
    Action::Organisation,
    Action::Up,
    Action::Down,
    Action::PageUp,
    Action::PageDown,
    Action::First,
    Action::Last,
];

/// Whether a list key does something in the current pane (the help lists
/// only those).
fn pane_has(app: &App, action: Action) -> bool {
    use Action::*;
    let (navigates, extras): (bool, &[Action]) = match app.tab {
        Tab::Overview => (false, &[Organisation, Up, Down, Open]),
        Tab::Matching => (
            false,
            &[
                Organisation,
                Up,
                Down,
                PageUp,
                PageDown,
                NextCandidate,
                PrevCandidate,
                RunMatching,
                Accept,
                AcceptAll,
                Lock,
                Reject,
                ClearDecisions,
                AllMentors,
            ],
        ),
        Tab::Bases => (
            true,
            &[
                Open,
                Back,
                NextSection,
                PrevSection,
                Search,
                Sort,
                ReverseSort,
                Filter,
                ShowArchived,
                New,
                Edit,
                Archive,
                Restore,
                Erase,
            ],
        ),
        Tab::Meetings => (
            true,
            &[
                New,
                Open,
                Edit,
                Archive,
                Filter,
                NextCandidate,
                PrevCandidate,
            ],
        ),
        Tab::Surveys => (true, &[Open, New, Edit]),
        Tab::Roadmap => (true, &[Open, Edit]),
        Tab::Reports => (true, &[Open, Back, Period, SaveReport]),
    };
    (navigates && NAVIGATE.contains(&action)) || extras.contains(&action)
}

/// Help for the current pane: the keys that work everywhere and those of
/// the current context, as the active key map has them.
fn render_help(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let sections = [
        (Context::Global, lang.pick("Везде", "Everywhere")),
        (app.context(), lang.pick("Здесь", "Here")),
    ];
    let entries: Vec<(Context, Vec<(Action, String)>)> = sections
        .iter()
        .map(|(c, _)| {
            let mut b = app.keymap.bindings_of(*c);
            if *c == Context::List {
                b.retain(|(a, _)| pane_has(app, *a));
            }
            (*c, b)
        })
        .collect();
    let key_width = entries
        .iter()
        .flat_map(|(_, b)| b.iter().map(|(_, k)| k.chars().count()))
        .max()
        .unwrap_or(8)
        + 2;
    let mut lines = Vec::new();
    for ((_, title), (_, bindings)) in sections.iter().zip(&entries) {
        lines.push(Line::styled(*title, theme.header()));
        for (action, keys) in bindings {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(" {keys:<key_width$}"),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(action.label(lang)),
            ]));
        }
    }
    let box_area = area;
    f.render_widget(Clear, box_area);
    let block = Block::bordered().title(lang.pick(
        " Клавиши (любая клавиша — закрыть) ",
        " Keys (any key closes) ",
    ));
    let inner = block.inner(box_area);
    f.render_widget(block, box_area);
    let footer = Line::styled(
        lang.pick(
            "Буквы работают и в русской раскладке.",
            "Letters work in the Russian layout too.",
        ),
        theme.dim(),
    );
    let [list, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    f.render_widget(Paragraph::new(footer), foot);
    let rows = list.height as usize;
    if lines.len() <= rows {
        f.render_widget(Paragraph::new(lines), list);
    } else {
        let [a, b] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(list);
        let rest = lines.split_off(rows.min(lines.len()));
        f.render_widget(Paragraph::new(lines), a);
        f.render_widget(Paragraph::new(rest), b);
    }
}

fn render_confirm(question: &str, f: &mut Frame, area: Rect, theme: &Theme) {
    // Tall enough for the whole question: word wrapping leaves lines short
    // of the box's width, so reckon with some slack per line.
    let width = unicode_width::UnicodeWidthStr::width(question) as u16;
    let lines = width.div_ceil(62 - 8).max(1);
    let box_area = centered(area, 64, (lines + 2).clamp(5, area.height));
    f.render_widget(Clear, box_area);
    f.render_widget(
        Paragraph::new(sanitize_line(question))
            .wrap(Wrap { trim: true })
            .block(Block::bordered().border_style(theme.header())),
        box_area,
    );
}

fn render_greeting(app: &App, f: &mut Frame, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let k = |a: Action| app.keymap.keys_label(Context::List, a);
    let text = vec![
        Line::styled(
            lang.pick("Добро пожаловать в «Наставник»!", "Welcome to Nastavnik!"),
            theme.header(),
        ),
        Line::raw(""),
        Line::raw(lang.pick(
            "База пуста. С чего начнём?",
            "The database is empty. Where to start?",
        )),
        Line::raw(""),
        Line::raw(format!(
            "  {}  {}",
            k(Action::New),
            lang.pick(
                "указать свою организацию (название, куратор, учебный год)",
                "set up your organisation (name, curator, year)"
            )
        )),
        Line::raw(format!(
            "  {}  {}",
            k(Action::Demo),
            lang.pick(
                "загрузить демо-данные школы, чтобы осмотреться",
                "load a demo school to look around"
            )
        )),
        Line::raw(format!(
            "  {}  {}",
            app.keymap.keys_label(Context::Global, Action::Quit),
            Action::Quit.label(lang)
        )),
        Line::raw(""),
        Line::styled(
            lang.pick(
                "Базы можно загрузить из CSV: nastavnik import --help",
                "Bases can be imported from CSV: nastavnik import --help",
            ),
            theme.dim(),
        ),
    ];
    // Nothing behind it is of use on an empty database.
    f.render_widget(Clear, area);
    let box_area = centered(area, 74, 11);
    f.render_widget(Paragraph::new(text).block(Block::bordered()), box_area);
}
