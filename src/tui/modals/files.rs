//! Files without the command line: import a base, a roadmap or a
//! questionnaire's answers from CSV (checked first: what would be added, or
//! every bad row; stored only on «yes»), export a base, take a backup. The
//! path is typed with Tab completing file names.

use crate::domain::{Audience, SurveyTemplate};
use crate::exchange::Base;
use crate::i18n::Lang;
use crate::text::sanitize_line;
use crate::tui::command::Command;
use crate::tui::panes::{Effect, Effects};
use crate::tui::shared::Shared;
use crate::tui::view::{centered, Theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;
use std::path::PathBuf;

pub use crate::exchange::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Import(Source),
    /// The questionnaire whose answers come next is to be chosen.
    ImportResponses,
    Export(Base),
    Backup,
}

const BASES: [Base; 6] = [
    Base::Mentors,
    Base::Mentees,
    Base::Partners,
    Base::Documents,
    Base::Pairs,
    Base::Meetings,
];

fn ops() -> Vec<Op> {
    let mut v: Vec<Op> = BASES.iter().map(|b| Op::Import(Source::Base(*b))).collect();
    v.push(Op::Import(Source::Roadmap));
    v.push(Op::ImportResponses);
    v.extend(BASES.iter().map(|b| Op::Export(*b)));
    v.push(Op::Backup);
    v
}

fn base_name(b: Base, lang: Lang) -> &'static str {
    match b {
        Base::Mentors => lang.pick("наставники", "mentors"),
        Base::Mentees => lang.pick("наставляемые", "mentees"),
        Base::Partners => lang.pick("партнёры", "partners"),
        Base::Documents => lang.pick("документы", "documents"),
        Base::Pairs => lang.pick("пары и группы", "pairs and groups"),
        Base::Meetings => lang.pick("встречи", "meetings"),
    }
}

fn file_stem(b: Base) -> &'static str {
    match b {
        Base::Mentors => "mentors",
        Base::Mentees => "mentees",
        Base::Partners => "partners",
        Base::Documents => "documents",
        Base::Pairs => "pairs",
        Base::Meetings => "meetings",
    }
}

/// The questionnaires whose answers can come from a file (the curator's
/// are filled in by the curator).
fn importable(s: &Shared) -> Vec<&SurveyTemplate> {
    s.data
        .templates
        .values()
        .filter(|t| !t.archived && t.audience != Audience::Curator)
        .filter(|t| t.org_id == 0 || s.shows_org(t.org_id))
        .collect()
}

impl Op {
    fn label(self, lang: Lang) -> String {
        match self {
            Op::Import(Source::Base(b)) => crate::tr!(
                lang,
                "Импорт из CSV или книги Excel/LibreOffice: {}",
                "Import from CSV or an Excel/LibreOffice workbook: {}",
                base_name(b, lang)
            ),
            Op::Import(Source::Roadmap) => lang
                .pick(
                    "Импорт из CSV или книги: дорожная карта (заменит текущую)",
                    "Import from CSV or a workbook: the roadmap (replaces the current one)",
                )
                .into(),
            Op::Import(Source::Responses(_)) | Op::ImportResponses => lang
                .pick(
                    "Импорт из CSV или книги: ответы анкеты (выгрузка онлайн-формы)",
                    "Import from CSV or a workbook: a questionnaire's answers (an online form's export)",
                )
                .into(),
            Op::Export(b) => crate::tr!(
                lang,
                "Экспорт в CSV: {}",
                "Export to CSV: {}",
                base_name(b, lang)
            ),
            Op::Backup => lang
                .pick(
                    "Резервная копия базы сейчас",
                    "A backup of the database now",
                )
                .into(),
        }
    }
}

pub enum Step {
    Pick(usize),
    /// Which questionnaire the answers are of.
    Template(usize),
    /// The path being typed, and the names Tab found.
    Path {
        op: Op,
        typed: String,
        found: Vec<String>,
        /// Where relative paths start, read once (not on every draw).
        cwd: PathBuf,
    },
    /// A workbook of several sheets: which one holds the base.
    Sheet {
        base: Base,
        path: PathBuf,
        /// Each visible sheet with its filled rows.
        sheets: Vec<(String, usize)>,
        sel: usize,
    },
    /// A checked import: what it would add, or its bad rows.
    Checked {
        source: Source,
        path: PathBuf,
        sheet: Option<String>,
        lines: Vec<String>,
        ok: bool,
        scroll: usize,
    },
}

pub struct Files {
    pub step: Step,
}

impl Default for Files {
    fn default() -> Self {
        Files {
            step: Step::Pick(0),
        }
    }
}

impl Files {
    /// The result of the check of an import, shown for a «yes» or an Esc.
    pub fn checked(
        &mut self,
        source: Source,
        path: PathBuf,
        sheet: Option<String>,
        lines: Vec<String>,
        ok: bool,
    ) {
        self.step = Step::Checked {
            source,
            path,
            sheet,
            lines,
            ok,
            scroll: 0,
        };
    }

    /// The sheets of a workbook to choose from before the check.
    pub fn choose_sheet(&mut self, base: Base, path: PathBuf, sheets: Vec<(String, usize)>) {
        self.step = Step::Sheet {
            base,
            path,
            sheets,
            sel: 0,
        };
    }

    pub fn key(&mut self, ev: KeyEvent, s: &Shared) -> Effects {
        let lang = s.lang;
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match &mut self.step {
            Step::Pick(sel) => match ev.code {
                KeyCode::Esc => return vec![Effect::Close],
                KeyCode::Up => *sel = sel.saturating_sub(1),
                KeyCode::Down => *sel = (*sel + 1).min(ops().len() - 1),
                KeyCode::Enter => {
                    let op = ops()[*sel];
                    match op {
                        Op::Backup => return vec![Effect::Close, Effect::Run(Command::BackupNow)],
                        Op::ImportResponses if importable(s).is_empty() => {
                            return vec![Effect::error(lang.pick(
                                "Нет анкет: сначала откройте Анкеты или добавьте организацию",
                                "No questionnaires: open Surveys or add an organisation first",
                            ))]
                        }
                        Op::ImportResponses => self.step = Step::Template(0),
                        _ => self.step = Step::path(op),
                    }
                }
                _ => {}
            },
            Step::Template(sel) => {
                let templates = importable(s);
                match ev.code {
                    KeyCode::Esc => self.step = Step::Pick(0),
                    KeyCode::Up => *sel = sel.saturating_sub(1),
                    KeyCode::Down => *sel = (*sel + 1).min(templates.len().saturating_sub(1)),
                    KeyCode::Enter => {
                        if let Some(t) = templates.get(*sel) {
                            self.step = Step::path(Op::Import(Source::Responses(t.id)));
                        }
                    }
                    _ => {}
                }
            }
            Step::Path {
                op, typed, found, ..
            } => match ev.code {
                KeyCode::Esc => self.step = Step::Pick(0),
                KeyCode::Tab => {
                    let (completed, names) = crate::fsutil::complete_path(typed, 8);
                    *typed = completed;
                    *found = names;
                }
                KeyCode::Backspace => {
                    typed.pop();
                }
                KeyCode::Char('u') if ctrl => typed.clear(),
                KeyCode::Char(c) if !ctrl => typed.push(c),
                KeyCode::Enter if !typed.trim().is_empty() => {
                    let path = PathBuf::from(expand_home(typed.trim()));
                    return match *op {
                        Op::Import(_) if !path.is_file() => vec![Effect::error(crate::tr!(
                            lang,
                            "Нет такого файла: {}",
                            "No such file: {}",
                            path.display()
                        ))],
                        Op::Import(source) => {
                            vec![Effect::Run(Command::CheckImport(source, path, None))]
                        }
                        Op::Export(base) if path.exists() => {
                            let question = crate::tr!(
                                lang,
                                "Файл {} уже есть. Заменить его? (y — да, n — нет)",
                                "{} exists. Replace it? (y/n)",
                                path.display()
                            );
                            vec![
                                Effect::Close,
                                super::confirm(question, Command::Export(base, path)),
                            ]
                        }
                        Op::Export(base) => {
                            vec![Effect::Close, Effect::Run(Command::Export(base, path))]
                        }
                        Op::Backup | Op::ImportResponses => Vec::new(),
                    };
                }
                _ => {}
            },
            Step::Sheet {
                base,
                path,
                sheets,
                sel,
            } => match ev.code {
                KeyCode::Esc => self.step = Step::Pick(0),
                KeyCode::Up => *sel = sel.saturating_sub(1),
                KeyCode::Down => *sel = (*sel + 1).min(sheets.len().saturating_sub(1)),
                KeyCode::Enter => {
                    if let Some((name, _)) = sheets.get(*sel) {
                        let cmd = Command::CheckImport(
                            Source::Base(*base),
                            path.clone(),
                            Some(name.clone()),
                        );
                        return vec![Effect::Run(cmd)];
                    }
                }
                _ => {}
            },
            Step::Checked {
                source,
                path,
                sheet,
                ok,
                scroll,
                lines,
            } => match ev.code {
                KeyCode::Char('y' | 'н') | KeyCode::Enter if *ok => {
                    return vec![
                        Effect::Close,
                        Effect::Run(Command::Import(*source, path.clone(), sheet.clone())),
                    ]
                }
                KeyCode::Esc | KeyCode::Char('n' | 'т') => return vec![Effect::Close],
                KeyCode::Down | KeyCode::PageDown => {
                    *scroll = (*scroll + 1).min(lines.len().saturating_sub(1))
                }
                KeyCode::Up | KeyCode::PageUp => *scroll = scroll.saturating_sub(1),
                _ => {}
            },
        }
        Vec::new()
    }

    pub fn paste(&mut self, text: &str) {
        if let Step::Path { typed, .. } = &mut self.step {
            typed.push_str(&sanitize_line(text));
        }
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, s: &Shared, theme: &Theme) {
        let lang = s.lang;
        let box_area = centered(
            area,
            area.width.saturating_sub(4),
            area.height.saturating_sub(4),
        );
        f.render_widget(Clear, box_area);
        let width = usize::from(box_area.width.saturating_sub(2));
        let room = box_area.height.saturating_sub(2);
        let (title, lines): (String, Vec<Line>) = match &self.step {
            Step::Pick(sel) => (
                lang.pick(" Файлы ", " Files ").into(),
                choice(
                    ops().iter().map(|op| op.label(lang)),
                    *sel,
                    lang.pick(
                        "↑/↓ — выбрать, Enter — дальше, Esc — закрыть",
                        "↑/↓ pick, Enter goes on, Esc closes",
                    ),
                    room,
                    theme,
                ),
            ),
            Step::Template(sel) => (
                lang.pick(
                    " Ответы какой анкеты? ",
                    " Answers to which questionnaire? ",
                )
                .into(),
                choice(
                    importable(s).iter().map(|t| {
                        format!(
                            "{} ({}, {})",
                            t.title,
                            t.audience.label(lang),
                            t.stage.label(lang)
                        )
                    }),
                    *sel,
                    lang.pick(
                        "Столбцы файла — тексты вопросов и «ФИО». Enter — дальше, Esc — назад",
                        "Columns: the questions' texts and «ФИО». Enter goes on, Esc back",
                    ),
                    room,
                    theme,
                ),
            ),
            Step::Sheet { sheets, sel, .. } => (
                lang.pick(" Какой лист книги? ", " Which sheet of the workbook? ")
                    .into(),
                choice(
                    sheets.iter().map(|(name, rows)| {
                        crate::tr!(lang, "{name} — строк: {rows}", "{name} — rows: {rows}")
                    }),
                    *sel,
                    lang.pick(
                        "↑/↓ — выбрать лист, Enter — проверить, Esc — назад",
                        "↑/↓ pick the sheet, Enter checks it, Esc back",
                    ),
                    room,
                    theme,
                ),
            ),
            Step::Path {
                op,
                typed,
                found,
                cwd,
            } => {
                let mut lines = vec![
                    Line::raw(op.label(lang)),
                    Line::styled(
                        crate::tr!(
                            lang,
                            "Путь к файлу (от {}; Tab дополняет имя):",
                            "The file's path (from {}; Tab completes):",
                            cwd.display()
                        ),
                        theme.dim(),
                    ),
                    Line::raw(format!("> {}▏", sanitize_line(typed))),
                ];
                lines.extend(
                    found
                        .iter()
                        .map(|n| Line::raw(format!("    {}", sanitize_line(n)))),
                );
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    lang.pick(
                        "Enter — проверить (импорт) или записать (экспорт), Esc — назад",
                        "Enter checks (import) or writes (export), Esc goes back",
                    ),
                    theme.dim(),
                ));
                (lang.pick(" Файлы ", " Files ").into(), lines)
            }
            Step::Checked {
                ok, lines, scroll, ..
            } => {
                // Wrapped, not cut: an error is read whole (continuation
                // lines indented); ↑/↓ scroll by the check's own lines.
                let mut out: Vec<Line> = lines
                    .iter()
                    .skip(*scroll)
                    .flat_map(|l| {
                        let wrapped = crate::reports::render::wrap(
                            &sanitize_line(l),
                            width.saturating_sub(2),
                        );
                        wrapped
                            .into_iter()
                            .enumerate()
                            .map(|(i, part)| match i {
                                0 => Line::raw(part),
                                _ => Line::raw(format!("  {part}")),
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect();
                out.truncate(usize::from(box_area.height.saturating_sub(4)));
                out.push(Line::raw(""));
                out.push(Line::styled(
                    match ok {
                        true => lang.pick("Сохранить в базу? (y — да, n — нет)", "Store it? (y/n)"),
                        false => lang.pick(
                            "Ничего не сохранено. ↑/↓ — листать, Esc — закрыть",
                            "Nothing stored. ↑/↓ scroll, Esc closes",
                        ),
                    },
                    theme.header(),
                ));
                (
                    lang.pick(" Проверка импорта ", " Import check ").into(),
                    out,
                )
            }
        };
        f.render_widget(
            Paragraph::new(lines).block(Block::bordered().title(title)),
            box_area,
        );
    }
}

impl Step {
    /// The path prompt for `op`; an export starts from its file's usual name.
    fn path(op: Op) -> Step {
        let typed = match op {
            Op::Export(b) => format!("{}.csv", file_stem(b)),
            _ => String::new(),
        };
        Step::Path {
            op,
            typed,
            found: Vec::new(),
            cwd: std::env::current_dir().unwrap_or_default(),
        }
    }
}

/// A list to pick from, the selected line marked, with how to pick below.
/// A list of `room` lines or fewer with its hint below: the list scrolls
/// so that the chosen line and the hint both stay on a short terminal.
fn choice(
    items: impl Iterator<Item = String>,
    sel: usize,
    how: &str,
    room: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let items: Vec<String> = items.collect();
    let fits = items.len() + 2 <= usize::from(room);
    let height = match fits {
        true => items.len(),
        false => usize::from(room).saturating_sub(1).max(1),
    };
    let offset = sel.saturating_sub(height - 1);
    let mut lines = crate::tui::view::marked_lines(items, sel, offset, height, theme);
    if fits {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(how.to_string(), theme.dim()));
    lines
}

fn expand_home(p: &str) -> String {
    match (p.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest).display().to_string(),
        _ => p.to_string(),
    }
}
