//! What the runtime does against the store on behalf of the interface.

use super::form::Record;
use super::panes::bases::Section;
use crate::domain::*;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Save(Box<Record>),
    /// Take back the newest change (across restarts), or put it again.
    Undo,
    Redo,
    /// Archive (true) or restore a record of any kind.
    SetArchived(crate::store::EntityKind, Id, bool),
    /// Erasure on the subject's request (mentors, mentees, partners).
    Erase(Section, Id),
    LoadHistory(crate::store::EntityKind, Id),
    LoadDemo,
    /// Open a stored meeting in its form.
    EditMeeting(Id),
    /// Accept proposed pairs: (mentee, mentor, form), saved as формируется.
    CreatePairs(Vec<(Id, Id, Form)>),
    /// Copy the shipped questionnaires into the database (first use).
    AddTemplates(Vec<SurveyTemplate>),
    /// Import a base: check it (nothing stored), or store it.
    CheckImport(crate::tui::modals::files::Source, std::path::PathBuf),
    Import(crate::tui::modals::files::Source, std::path::PathBuf),
    /// Write a base as CSV.
    Export(crate::exchange::Base, std::path::PathBuf),
    /// Take a backup into the database directory now.
    BackupNow,
    /// Write a finished report to a file.
    SaveReport {
        path: std::path::PathBuf,
        text: String,
    },
}
