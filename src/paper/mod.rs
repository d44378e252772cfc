//! The curator's paperwork out of the data: the order fixing pairs, the
//! ТК РФ ст. 351.8 agreement, the consents, the mentor's notice and the
//! amending order. Each is composed here as plain blocks of text (no I/O,
//! no clock), then written as .docx ([`docx`]), .pdf ([`pdf`]) or into a
//! school's own .docx template ([`template`]). Official papers are in
//! Russian whatever the interface's language; what they lack is told to
//! the curator in theirs ([`Gap`]).

mod compose;
pub mod docx;
pub mod pdf;
pub mod template;

pub use compose::{compose, Facts, Subject};

use crate::domain::Id;
use crate::i18n::Lang;

/// The kinds of paper, as `nastavnik paper KIND` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperKind {
    /// Приказ о закреплении наставнических пар (групп)
    Order,
    /// Дополнительное соглашение по ТК РФ ст. 351.8
    Agreement,
    /// Согласие: наставника; наставляемого или его законного представителя
    Consent,
    /// Уведомление наставника о досрочном прекращении (ст. 351.8)
    Notice,
    /// Приказ о внесении изменений (пара завершена досрочно)
    Change,
}

impl PaperKind {
    pub const ALL: [PaperKind; 5] = [
        PaperKind::Order,
        PaperKind::Agreement,
        PaperKind::Consent,
        PaperKind::Notice,
        PaperKind::Change,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PaperKind::Order => lang.pick("приказ о закреплении пар", "order fixing pairs"),
            PaperKind::Agreement => lang.pick(
                "дополнительное соглашение (ст. 351.8)",
                "supplementary agreement (art. 351.8)",
            ),
            PaperKind::Consent => lang.pick("согласие", "consent"),
            PaperKind::Notice => {
                lang.pick("уведомление о досрочном прекращении", "notice of early end")
            }
            PaperKind::Change => lang.pick("приказ о внесении изменений", "amending order"),
        }
    }

    /// The word the command line takes.
    pub fn word(self) -> &'static str {
        match self {
            PaperKind::Order => "order",
            PaperKind::Agreement => "agreement",
            PaperKind::Consent => "consent",
            PaperKind::Notice => "notice",
            PaperKind::Change => "change",
        }
    }
}

/// A composed paper: its blocks in reading order, the values a school's
/// template may name, and what had to be left blank.
#[derive(Debug, Clone, PartialEq)]
pub struct Paper {
    pub kind: PaperKind,
    pub blocks: Vec<Block>,
    /// `{name}` → value, for a school's template.
    pub fields: Vec<(&'static str, String)>,
    /// The table `{pairs}` stands for in a template (the order's annex).
    pub table: Option<Grid>,
    pub gaps: Vec<Gap>,
}

impl Paper {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The paper as plain lines, for a test or a look in the terminal.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Title(t) | Block::Center(t) | Block::Right(t) | Block::Para(t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Block::Split(l, r) => out.push_str(&format!("{l}    {r}\n")),
                Block::Table(g) => {
                    out.push_str(&g.head.join(" | "));
                    out.push('\n');
                    for row in &g.rows {
                        out.push_str(&row.join(" | "));
                        out.push('\n');
                    }
                }
                Block::Sign(role, name) => out.push_str(&format!("{role}    ________    {name}\n")),
                Block::Gap => out.push('\n'),
            }
        }
        out
    }
}

/// One piece of an official paper's layout.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Centred, bold: the school's name, the paper's name.
    Title(String),
    /// Centred.
    Center(String),
    /// Pushed to the right half: the addressee, an annex's heading.
    Right(String),
    /// A body paragraph, justified, with a first-line indent.
    Para(String),
    /// Left and right on one line: the date and the number, the place and
    /// the date.
    Split(String, String),
    Table(Grid),
    /// A signature line: the role, a line to sign on, the name.
    Sign(String, String),
    /// An empty line.
    Gap,
}

/// A table with relative column widths.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub widths: Vec<u16>,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What the data lacks for a paper: it is printed as a blank to fill by
/// hand and told to the curator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    Director,
    RegisteredName,
    Inn,
    OrderNumber,
    AgreementNumber,
    Period,
    PayBasis,
    Consent(String),
    Guardian(String),
    Position(String),
    /// The pair's end comes before three working days after the notice.
    EndTooEarly {
        end: String,
        earliest: String,
    },
}

impl Gap {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Gap::Director => lang
                .pick(
                    "не указан руководитель: nastavnik org set --director «ФИО» (или O в интерфейсе)",
                    "no head named: nastavnik org set --director 'NAME' (or O in the interface)",
                )
                .into(),
            Gap::RegisteredName => lang
                .pick(
                    "нет полного наименования организации: nastavnik org set --registered-name …",
                    "no registered name: nastavnik org set --registered-name …",
                )
                .into(),
            Gap::Inn => lang
                .pick(
                    "не указан ИНН организации: nastavnik org set --inn …",
                    "no taxpayer number (INN): nastavnik org set --inn …",
                )
                .into(),
            Gap::OrderNumber => lang
                .pick(
                    "номер и дата приказа оставлены пустыми; --number и --date запишут их в базу документов",
                    "the order's number and date are left blank; --number and --date record them in the documents base",
                )
                .into(),
            Gap::AgreementNumber => lang
                .pick(
                    "у пары нет номера и даты соглашения: оставлены пустыми",
                    "the pair has no agreement number and date: left blank",
                )
                .into(),
            Gap::Period => lang
                .pick(
                    "не указан срок наставничества (с, по): оставлен пустым",
                    "no period of mentoring (from, to): left blank",
                )
                .into(),
            Gap::PayBasis => lang
                .pick(
                    "не указано основание оплаты: оставлено пустым",
                    "no pay basis: left blank",
                )
                .into(),
            Gap::Consent(who) => crate::tr!(
                lang,
                "{who}: нет даты письменного согласия наставника",
                "{who}: no date of the mentor's written consent"
            ),
            Gap::Guardian(who) => crate::tr!(
                lang,
                "{who}: не указан законный представитель, строка оставлена пустой",
                "{who}: no legal representative named, the line is left blank"
            ),
            Gap::Position(who) => crate::tr!(
                lang,
                "{who}: не указана должность",
                "{who}: no position given"
            ),
            Gap::EndTooEarly { end, earliest } => crate::tr!(
                lang,
                "окончание пары {end} раньше трёх рабочих дней после уведомления; в уведомлении — {earliest}",
                "the pair ends on {end}, before three working days after the notice; the notice says {earliest}"
            ),
        }
    }
}

/// Why a paper cannot be made from what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NoPairs,
    NoSuchPair(Id),
    NoSuchPerson(Id),
    /// One pair is asked for, and several were given.
    OnePair,
    /// Ст. 351.8 papers are for an employee mentoring an employee.
    NotEmployees(Id),
    /// An amending order is for a pair that has ended, with its date.
    NotEnded(Id),
    /// The kind needs a subject of another sort (a pair, a person).
    Subject(PaperKind),
    PdfFromTemplate,
}

impl Refusal {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Refusal::NoPairs => lang
                .pick(
                    "нет пар для приказа: назовите их (--pair ID) или возьмите все без приказа (--all-new)",
                    "no pairs for the order: name them (--pair ID) or take all without an order (--all-new)",
                )
                .into(),
            Refusal::NoSuchPair(id) => crate::tr!(lang, "нет пары #{id}", "no pair #{id}"),
            Refusal::NoSuchPerson(id) => crate::tr!(lang, "нет человека #{id}", "no person #{id}"),
            Refusal::OnePair => lang
                .pick("этот документ — для одной пары", "this paper is for one pair")
                .into(),
            Refusal::NotEmployees(id) => crate::tr!(
                lang,
                "пара #{id} — не наставничество работника над работником: ст. 351.8 ТК РФ касается форм «педагог – педагог» и «руководитель – педагог»",
                "pair #{id} is not an employee mentoring an employee: art. 351.8 covers the teacher–teacher and head–teacher forms"
            ),
            Refusal::NotEnded(id) => crate::tr!(
                lang,
                "пара #{id} не завершена: приказ об изменении составляется, когда у пары есть дата окончания",
                "pair #{id} has not ended: an amending order needs the pair's end date"
            ),
            Refusal::Subject(kind) => match kind {
                PaperKind::Consent => lang
                    .pick(
                        "согласие — для человека: --mentor ID или --mentee ID",
                        "a consent is for a person: --mentor ID or --mentee ID",
                    )
                    .into(),
                _ => lang
                    .pick("нужна пара: --pair ID", "a pair is needed: --pair ID")
                    .into(),
            },
            Refusal::PdfFromTemplate => lang
                .pick(
                    "шаблон .docx заполняется в .docx (--out ФАЙЛ.docx); PDF из него сделает Word или LibreOffice",
                    "a .docx template is filled into a .docx (--out FILE.docx); Word or LibreOffice makes a PDF of it",
                )
                .into(),
        }
    }
}

/// What can go wrong making a paper.
#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    #[error("{0:?}")]
    Refused(Refusal),
    #[error("{0}")]
    Template(#[from] template::TemplateError),
    /// The writer library failed (not the data's fault).
    #[error("{0}")]
    Write(String),
}

impl PaperError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PaperError::Refused(r) => r.message(lang),
            PaperError::Template(t) => t.message(lang),
            PaperError::Write(w) => w.clone(),
        }
    }
}

impl From<Refusal> for PaperError {
    fn from(r: Refusal) -> Self {
        PaperError::Refused(r)
    }
}

/// The blank a missing value prints as: long enough to write on by hand.
pub const BLANK: &str = "____________";

/// «Иванова Марина Сергеевна» → «М. С. Иванова», as a signature line and
/// an order's text name a person.
pub fn initials_first(full: &str) -> String {
    // The one rule for initials and erased names: the list's short form,
    // with the surname moved to the end.
    let short = crate::domain::person::short_name(full);
    if short.is_empty() {
        return BLANK.to_string();
    }
    match short.split_once(' ') {
        Some((surname, initials)) if !crate::domain::erasure::is_erased_name(full) => {
            format!("{initials} {surname}")
        }
        _ => short,
    }
}

/// The file format a paper is written in, from the path's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
}

impl Format {
    pub fn of(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}

/// The paper's bytes in `format`, filling `template` (a .docx) when given.
pub fn write(
    paper: &Paper,
    format: Format,
    template: Option<&[u8]>,
) -> Result<Vec<u8>, PaperError> {
    match (format, template) {
        (Format::Docx, Some(t)) => Ok(template::fill(t, paper)?),
        (Format::Docx, None) => docx::write(paper),
        (Format::Pdf, None) => pdf::write(paper),
        (Format::Pdf, Some(_)) => Err(Refusal::PdfFromTemplate.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_names_the_initials_first() {
        assert_eq!(initials_first("Иванова Марина Сергеевна"), "М. С. Иванова");
        assert_eq!(initials_first("Орлов"), "Орлов");
        assert_eq!(initials_first("  "), BLANK);
    }
}
