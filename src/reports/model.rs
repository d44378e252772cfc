//! What a report is before it is laid out: a title block, tables and text
//! blocks, the counting rules and a footer. Cells keep their numbers typed
//! so that text and tsv can each write them their own way.

use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(u64),
    /// A percentage; `None` is «нет данных», never 0 %.
    Pct(Option<f64>),
    /// A decimal such as a mean mark or a change (signed when `signed`).
    Dec {
        value: Option<f64>,
        signed: bool,
    },
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn is_numeric(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }

    /// How the cell reads in a text report.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Pct(Some(v)) => format!("{} %", decimal(*v, lang)),
            Cell::Dec {
                value: Some(v),
                signed,
            } => {
                let sign = if *signed && *v > 0.0 { "+" } else { "" };
                format!("{sign}{}", decimal(*v, lang))
            }
            Cell::Pct(None) | Cell::Dec { value: None, .. } => {
                lang.pick("нет данных", "no data").into()
            }
        }
    }

    /// How the cell reads in tsv: numbers without units, missing as empty.
    pub fn tsv(&self, lang: Lang) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Pct(v) | Cell::Dec { value: v, .. } => {
                v.map(|v| decimal(v, lang)).unwrap_or_default()
            }
        }
    }
}

/// One decimal place, with the decimal comma in Russian.
pub fn decimal(v: f64, lang: Lang) -> String {
    // Round half away from zero on the printed digit, and never print -0,0.
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.1}");
    match lang {
        Lang::Ru => s.replace('.', ","),
        Lang::En => s,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    /// The first column's header in tsv, when it differs (`indicator`).
    pub tsv_first_column: Option<String>,
    /// A heading over a run of columns (first, last, inclusive), as a form
    /// writes «Форма наставничества» over its form columns.
    pub group: Option<(String, usize, usize)>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(columns: Vec<String>) -> Table {
        Table {
            columns,
            tsv_first_column: None,
            group: None,
            rows: Vec::new(),
        }
    }
}

/// A space a text report never breaks a line at.
pub const UNBROKEN: char = '\u{a0}';

/// `s` kept on one line in a text report (a phone number, a date with its
/// word): its spaces are written as spaces but never wrapped at.
pub fn unbroken(s: &str) -> String {
    s.replace(' ', &UNBROKEN.to_string())
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Table {
        title: Option<String>,
        table: Table,
    },
    /// Paragraphs of prose (text reports only; tsv leaves them out).
    Text {
        title: Option<String>,
        lines: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub title: String,
    /// «Организация: …», «Период: …» and the like, in order.
    pub meta: Vec<(String, String)>,
    pub blocks: Vec<Block>,
    /// How the figures were counted.
    pub rules: Vec<String>,
    pub footer: Vec<String>,
}

impl Report {
    pub fn table(&mut self, title: Option<String>, table: Table) {
        self.blocks.push(Block::Table { title, table });
    }

    pub fn text(&mut self, title: Option<String>, lines: Vec<String>) {
        self.blocks.push(Block::Text { title, lines });
    }

    /// Every table, in order (what tsv writes and tests read).
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table { table, .. } => Some(table),
            Block::Text { .. } => None,
        })
    }
}
