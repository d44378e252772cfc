//! Files without the command line: import a base from CSV (checked first:
//! what would be added, or every bad row; stored only on «yes»), export a
//! base, take a backup. The path is typed with Tab completing file names.

use crate::exchange::Base;
use crate::i18n::Lang;
use crate::text::sanitize_line;
use crate::tui::command::Command;
use crate::tui::panes::{Effect, Effects};
use crate::tui::view::{centered, Theme};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Import(Base),
    Export(Base),
    Backup,
}

const BASES: [Base; 5] = [
    Base::Mentors,
    Base::Mentees,
    Base::Partners,
    Base::Pairs,
    Base::Meetings,
];

fn ops() -> Vec<Op> {
    let mut v: Vec<Op> = BASES.iter().map(|b| Op::Import(*b)).collect();
    v.extend(BASES.iter().map(|b| Op::Export(*b)));
    v.push(Op::Backup);
    v
}

fn base_name(b: Base, lang: Lang) -> &'static str {
    match b {
        Base::Mentors => lang.pick("наставники", "mentors"),
        Base::Mentees => lang.pick("наставляемые", "mentees"),
        Base::Partners => lang.pick("партнёры", "partners"),
        Base::Pairs => lang.pick("пары и группы", "pairs and groups"),
        Base::Meetings => lang.pick("встречи", "meetings"),
    }
}

fn file_stem(b: Base) -> &'static str {
    match b {
        Base::Mentors => "mentors",
        Base::Mentees => "mentees",
        Base::Partners => "partners",
        Base::Pairs => "pairs",
        Base::Meetings => "meetings",
    }
}

impl Op {
    fn label(self, lang: Lang) -> String {
        match self {
            Op::Import(b) => crate::tr!(
                lang,
                "Импорт из CSV: {}",
                "Import from CSV: {}",
                base_name(b, lang)
            ),
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
    /// The path being typed, and the names Tab found.
    Path {
        op: Op,
        typed: String,
        found: Vec<String>,
        /// Where relative paths start, read once (not on every draw).
        cwd: PathBuf,
    },
    /// A checked import: what it would add, or its bad rows.
    Checked {
        base: Base,
        path: PathBuf,
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
    pub fn checked(&mut self, base: Base, path: PathBuf, lines: Vec<String>, ok: bool) {
        self.step = Step::Checked {
            base,
            path,
            lines,
            ok,
            scroll: 0,
        };
    }

    pub fn key(&mut self, ev: KeyEvent, lang: Lang) -> Effects {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match &mut self.step {
            Step::Pick(sel) => match ev.code {
                KeyCode::Esc => return vec![Effect::Close],
                KeyCode::Up => *sel = sel.saturating_sub(1),
                KeyCode::Down => *sel = (*sel + 1).min(ops().len() - 1),
                KeyCode::Enter => {
                    let op = ops()[*sel];
                    if op == Op::Backup {
                        return vec![Effect::Close, Effect::Run(Command::BackupNow)];
                    }
                    let typed = match op {
                        Op::Export(b) => format!("{}.csv", file_stem(b)),
                        _ => String::new(),
                    };
                    self.step = Step::Path {
                        op,
                        typed,
                        found: Vec::new(),
                        cwd: std::env::current_dir().unwrap_or_default(),
                    };
                }
                _ => {}
            },
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
                        Op::Import(base) => vec![Effect::Run(Command::CheckImport(base, path))],
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
                        Op::Backup => vec![Effect::Close, Effect::Run(Command::BackupNow)],
                    };
                }
                _ => {}
            },
            Step::Checked {
                base,
                path,
                ok,
                scroll,
                lines,
            } => match ev.code {
                KeyCode::Char('y' | 'н') | KeyCode::Enter if *ok => {
                    return vec![
                        Effect::Close,
                        Effect::Run(Command::Import(*base, path.clone())),
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

    pub fn draw(&self, f: &mut Frame, area: Rect, lang: Lang, theme: &Theme) {
        let box_area = centered(
            area,
            area.width.saturating_sub(4),
            area.height.saturating_sub(4),
        );
        f.render_widget(Clear, box_area);
        let width = usize::from(box_area.width.saturating_sub(2));
        let (title, lines): (String, Vec<Line>) = match &self.step {
            Step::Pick(sel) => (
                lang.pick(" Файлы ", " Files ").into(),
                ops()
                    .iter()
                    .enumerate()
                    .map(|(i, op)| {
                        let mark = if i == *sel {
                            crate::tui::view::MARK
                        } else {
                            "  "
                        };
                        let line = Line::raw(format!("{mark}{}", op.label(lang)));
                        match i == *sel {
                            true => line.style(theme.selected()),
                            false => line,
                        }
                    })
                    .chain([
                        Line::raw(""),
                        Line::styled(
                            lang.pick(
                                "↑/↓ — выбрать, Enter — дальше, Esc — закрыть",
                                "↑/↓ pick, Enter goes on, Esc closes",
                            ),
                            theme.dim(),
                        ),
                    ])
                    .collect(),
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
                let mut out: Vec<Line> = lines
                    .iter()
                    .skip(*scroll)
                    .map(|l| Line::raw(crate::text::ellipsize(&sanitize_line(l), width)))
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

fn expand_home(p: &str) -> String {
    match (p.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest).display().to_string(),
        _ => p.to_string(),
    }
}
