//! Data in and out: CSV imports of the bases (all or nothing, with per-row
//! errors), CSV exports that a spreadsheet round-trips, JSON backups.

pub mod cells;
pub mod columns;
pub mod csv_export;
pub mod import;
pub mod layout;
pub mod meetings;
pub mod pairs;
pub mod people;
pub mod records;
pub mod responses;
pub mod roadmap;
pub mod sheet;
pub mod table;

use std::fmt;

/// A problem with one line of an imported file (line 1 is the header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

impl RowError {
    pub fn at(line: u64, message: impl Into<String>) -> Self {
        RowError {
            line,
            message: message.into(),
        }
    }

    /// A problem with the file as a whole.
    pub fn file(message: impl Into<String>) -> Self {
        RowError::at(1, message)
    }
}

impl RowError {
    /// «строка 3: …» / «line 3: …», the message cleaned for a terminal.
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        let message = crate::text::sanitize_line(&self.message);
        crate::tr!(
            lang,
            "строка {}: {message}",
            "line {}: {message}",
            self.line
        )
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(crate::i18n::Lang::Ru))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Base {
    Mentors,
    Mentees,
    Partners,
    Documents,
    Pairs,
    Meetings,
}

/// What a file is imported into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Base(Base),
    Roadmap,
    /// The answers of an online form to the questionnaire of this template.
    Responses(crate::domain::Id),
}

impl Base {
    /// The base's columns, from its record's schema.
    pub fn specs(self) -> Vec<columns::Spec> {
        use crate::schema::*;
        match self {
            Base::Mentors => columns::of(mentor::MENTOR),
            Base::Mentees => columns::of(mentee::MENTEE),
            Base::Partners => columns::of(partner::PARTNER),
            Base::Documents => columns::of(document::DOCUMENT),
            Base::Pairs => columns::of(unit::UNIT),
            Base::Meetings => columns::of(meeting::MEETING),
        }
    }
}
