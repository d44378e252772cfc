//! What the runtime does against the store on behalf of the interface:
//! plain data, naming no pane or dialog.

use crate::domain::*;
use crate::exchange::Source;
use crate::store::erase::Subject;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Save(Box<Record>),
    /// Take back the newest change (across restarts), or put it again.
    Undo,
    Redo,
    /// Archive (true) or restore a record of any kind.
    SetArchived(crate::store::EntityKind, Id, bool),
    /// Erasure on the subject's request (mentors, mentees, partners).
    Erase(Subject),
    LoadHistory(crate::store::EntityKind, Id),
    LoadDemo,
    /// Open a stored meeting in its form.
    EditMeeting(Id),
    /// Accept proposed pairs: (mentee, mentor, form), saved as формируется.
    CreatePairs(Vec<(Id, Id, Form)>),
    /// Copy the shipped questionnaires into the database (first use).
    AddTemplates(Vec<SurveyTemplate>),
    /// Import a base: check it (nothing stored), or store it; from a
    /// workbook, the sheet chosen (None: ask when there are several).
    CheckImport(Source, std::path::PathBuf, Option<String>),
    Import(Source, std::path::PathBuf, Option<String>),
    /// Write a base as CSV.
    Export(crate::exchange::Base, std::path::PathBuf),
    /// Take a backup into the database directory now.
    BackupNow,
    /// Run the optimiser off the interface's thread (the runtime starts it).
    Propose(Box<ProposeJob>),
    /// Write a finished report to a file.
    SaveReport {
        path: std::path::PathBuf,
        text: String,
    },
}

impl Command {
    /// Whether it only reads, and so need not wait while the worker has
    /// the store (an import must not interleave with a save).
    pub fn reads_only(&self) -> bool {
        matches!(
            self,
            Command::LoadHistory(..) | Command::EditMeeting(_) | Command::SaveReport { .. }
        )
    }
}

/// The optimiser's input, owned, for a worker thread: the data as the pane
/// saw it (its version), the options, the solver's memory of components,
/// and the switch that cancels it.
#[derive(Clone)]
pub struct ProposeJob {
    pub data: Dataset,
    pub opts: crate::matching::Options,
    pub solver: std::sync::Arc<crate::matching::engine::Solver>,
    pub ctl: std::sync::Arc<crate::matching::engine::Control>,
    pub version: u64,
}

/// One job is one run: the same switch, the same job.
impl PartialEq for ProposeJob {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.ctl, &other.ctl)
    }
}

impl std::fmt::Debug for ProposeJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ProposeJob(version {})", self.version)
    }
}
