//! The command line, as clap sees it.

use crate::demo::Scale;
use crate::exchange::Base;
use crate::i18n::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "nastavnik",
    version,
    about = "Наставник: базы, пары, встречи, анкеты и отчёты куратора ЦМН / the mentoring curator's tool",
    long_about = None
)]
pub struct Cli {
    /// Database directory [default: $NASTAVNIK_DB, else $XDG_DATA_HOME/nastavnik]
    #[arg(long, global = true, env = "NASTAVNIK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Interface language
    #[arg(long, global = true, value_enum, default_value_t = Lang::Ru)]
    pub lang: Lang,
    /// Key map for the terminal interface; overrides only the keys it names
    /// [default: $XDG_CONFIG_HOME/nastavnik/keymap.toml if present]
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,
    /// Leave the mouse to the terminal (select text as usual); also
    /// `[interface] mouse = false` in the settings file
    #[arg(long, global = true)]
    pub no_mouse: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Counts per base, pairs by status and form, warnings
    Status {
        /// Machine-readable output
        #[arg(long, conflicts_with_all = ["short", "check"])]
        json: bool,
        /// One line, for a login message or a prompt (fast: kept between changes)
        #[arg(long, conflicts_with = "check")]
        short: bool,
        /// For cron and monitoring: the warnings alone, one per line; exit 0
        /// when there are none, 1 when there are, 2 on an error
        #[arg(long)]
        check: bool,
        /// Judge the warnings as of this date [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Import a base from CSV or a workbook (xlsx, xls, ods; all or
    /// nothing), or restore a JSON backup
    Import(ImportArgs),
    /// Export a JSON backup or a base as CSV
    #[command(subcommand)]
    Export(ExportCommand),
    /// Fill an empty database with realistic synthetic data
    Demo {
        #[arg(long, value_enum, default_value_t = Scale::School)]
        scale: Scale,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The data's "today" (ДД.ММ.ГГГГ or ГГГГ-ММ-ДД) [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Propose mentoring pairs: optimal, explained, within capacity
    Match(MatchArgs),
    /// Organisations (schools) and their report settings
    #[command(subcommand)]
    Org(OrgCommand),
    /// A plain-text report in a district's form (txt or tsv)
    Report(ReportArgs),
    /// A document from the data, as .docx or .pdf: the order fixing pairs,
    /// a ст. 351.8 agreement, a consent, a mentor's notice, an amending order
    Paper(PaperArgs),
    /// Merge a school's export (export json --org ID) into this database;
    /// a newer export of the same school replaces its records
    Merge { file: PathBuf },
    /// Automatic backups in the database directory: list, take one, restore
    #[command(subcommand)]
    Backup(BackupCommand),
    /// Verify the database: records, indexes, references, timelines, history
    Check,
    /// Take back the newest change (a save, accepted pairs, an import …);
    /// again for the one before
    Undo,
    /// Make again the newest change undone
    Redo,
    /// Erase a person's personal data everywhere on their request (152-ФЗ):
    /// the record, its history, their answers, their name in meeting notes,
    /// the backups; pairs and counts stay
    Erase {
        #[arg(value_enum)]
        kind: SubjectKind,
        id: u64,
        /// Do not ask (scripts)
        #[arg(long)]
        yes: bool,
    },
    /// Shell completions on stdout: `nastavnik completions bash >
    /// ~/.local/share/bash-completion/completions/nastavnik`
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page (roff) on stdout: `nastavnik manpage > nastavnik.1`
    Manpage,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SubjectKind {
    Mentor,
    Mentee,
    Partner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PersonKind {
    Mentor,
    Mentee,
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// The backups of this database, newest first
    List,
    /// Take a backup now (and rotate the old ones)
    Now,
    /// Restore a backup [default: the newest of this database] into a new or
    /// empty directory (--to), or into this database after a question
    Restore {
        file: Option<PathBuf>,
        /// Restore into this directory instead (new or empty)
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
        /// Do not ask before putting the current database aside
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[arg(value_enum)]
    pub kind: crate::reports::Kind,
    /// Ages are counted and warnings judged on this date; the period is the
    /// academic year (the quarter for monitoring) containing it [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Start of the period (with --to) instead of the default one
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// Organisation id, or «all» to add up across them [default: the default one]
    #[arg(long, value_name = "ID|all")]
    pub org: Option<String>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Txt)]
    pub format: OutputFormat,
    /// Line width of the text report, 40–400
    #[arg(long, default_value_t = crate::reports::render::DEFAULT_WIDTH as u64,
          value_parser = clap::value_parser!(u64).range(crate::reports::render::MIN_WIDTH as u64..=400))]
    pub width: u64,
    /// Write to this file (readable by its owner only) instead of the screen
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PaperArgs {
    #[arg(value_enum)]
    pub kind: crate::paper::PaperKind,
    /// The pair or group (repeat it to list several in one order)
    #[arg(long = "pair", value_name = "ID")]
    pub pairs: Vec<u64>,
    /// For an order: every pair and group in work that has no order yet
    #[arg(long)]
    pub all_new: bool,
    /// For a consent: the mentor
    #[arg(long, value_name = "ID")]
    pub mentor: Option<u64>,
    /// For a consent: the mentee (a minor's is signed by the legal
    /// representative)
    #[arg(long, value_name = "ID")]
    pub mentee: Option<u64>,
    /// The order's number; it is then recorded in the documents base and
    /// the listed pairs without an order are fixed by it
    #[arg(long)]
    pub number: Option<String>,
    /// The order's date (ДД.ММ.ГГГГ) [default: today]
    #[arg(long)]
    pub date: Option<String>,
    /// A school's own .docx with {placeholders}, filled instead of the
    /// shipped layout (its letterhead and styles stay)
    #[arg(long, value_name = "FILE.docx")]
    pub template: Option<PathBuf>,
    /// Where to write it: FILE.docx or FILE.pdf (readable by its owner only)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Organisation id, for --all-new [default: the default one]
    #[arg(long)]
    pub org: Option<u64>,
    /// Ages (a minor's consent) and the notice's working days as of this
    /// date [default: today]
    #[arg(long)]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Txt,
    Tsv,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Propose only candidates with at least this score, 0–100 [default:
    /// from config.toml, else 30]
    #[arg(long, value_parser = clap::value_parser!(u32).range(..=100))]
    pub min_score: Option<u32>,
    /// Include people without written consent (marked)
    #[arg(long)]
    pub include_unconsented: bool,
    /// txt or tsv [default: txt; the candidate list is tsv only]
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// List every admissible candidate (tsv) instead of a proposal
    #[arg(long, conflicts_with = "apply")]
    pub candidates: bool,
    /// Save the proposal as pairs and groups in status формируется
    #[arg(long)]
    pub apply: bool,
    /// Ages and consent as of this date [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportWhat {
    Mentors,
    Mentees,
    Partners,
    /// Documents of the program: orders, the regulation, the roadmap…
    Documents,
    Pairs,
    Meetings,
    /// Questionnaire answers exported from an online form (needs --template)
    Responses,
    /// A roadmap table copied out of a Word or PDF document (text)
    Roadmap,
    /// A full backup made by `export json`, into an empty database
    Json,
}

impl ImportArgs {
    /// The file to import, which every kind but `responses` needs.
    pub fn file(&self, lang: Lang) -> anyhow::Result<&std::path::Path> {
        self.file.as_deref().ok_or_else(|| {
            anyhow::anyhow!(lang.pick(
                "укажите файл: nastavnik import ЧТО ФАЙЛ",
                "give the file: nastavnik import WHAT FILE"
            ))
        })
    }
}

impl ImportWhat {
    pub fn base(self) -> Option<Base> {
        match self {
            ImportWhat::Mentors => Some(Base::Mentors),
            ImportWhat::Mentees => Some(Base::Mentees),
            ImportWhat::Partners => Some(Base::Partners),
            ImportWhat::Documents => Some(Base::Documents),
            ImportWhat::Pairs => Some(Base::Pairs),
            ImportWhat::Meetings => Some(Base::Meetings),
            ImportWhat::Responses | ImportWhat::Roadmap | ImportWhat::Json => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(value_enum)]
    pub what: ImportWhat,
    /// The file (for responses, without it: the templates are listed)
    pub file: Option<PathBuf>,
    /// Check the file and report, store nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Organisation id to import into [default: the default organisation]
    #[arg(long)]
    pub org: Option<u64>,
    /// For responses: the questionnaire template's id (without it, the
    /// templates are listed)
    #[arg(long, value_name = "ID")]
    pub template: Option<u64>,
    /// For responses: import the rows whose names match and ignore columns
    /// that are not questions, instead of refusing the file
    #[arg(long)]
    pub skip_unmatched: bool,
    /// For roadmap: archive the organisation's current roadmap and load this one
    #[arg(long)]
    pub replace: bool,
    /// The sheet of an Excel or LibreOffice workbook [default: the first]
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Full versioned backup of everything
    Json {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Only this organisation's records (a school's export for the district)
        #[arg(long, value_name = "ID")]
        org: Option<u64>,
    },
    /// Everything held about one person (a subject access request), as JSON
    Person {
        #[arg(value_enum)]
        kind: PersonKind,
        id: u64,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// One base as CSV with the columns the import reads
    Csv {
        #[arg(value_enum)]
        base: Base,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// List organisations
    List,
    /// Add an organisation
    Add {
        name: String,
        /// Make it the default organisation
        #[arg(long)]
        default: bool,
    },
    /// Change an organisation's settings
    Set(OrgSet),
    /// Set the indicator targets for a year (percent)
    Target(OrgTarget),
}

#[derive(Debug, Args)]
pub struct OrgSet {
    /// Organisation id [default: the default organisation]
    #[arg(long)]
    pub id: Option<u64>,
    #[arg(long)]
    pub name: Option<String>,
    /// The full name as registered, which the district's forms print
    #[arg(long)]
    pub registered_name: Option<String>,
    #[arg(long)]
    pub municipality: Option<String>,
    /// The head who signs orders and agreements (ФИО)
    #[arg(long)]
    pub director: Option<String>,
    #[arg(long)]
    pub curator: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// ИНН as registered (10 digits); `merge` knows a renamed school by it
    #[arg(long)]
    pub inn: Option<String>,
    /// ОГРН as registered (13 digits)
    #[arg(long)]
    pub ogrn: Option<String>,
    /// Academic year, e.g. 2025/2026
    #[arg(long)]
    pub year: Option<String>,
    /// Make it the default organisation
    #[arg(long)]
    pub default: bool,
    #[arg(long)]
    pub pupils: Option<u32>,
    #[arg(long = "pupils-10-19")]
    pub pupils_10_19: Option<u32>,
    #[arg(long = "pupils-15-19")]
    pub pupils_15_19: Option<u32>,
    #[arg(long)]
    pub young_teachers: Option<u32>,
    /// Enterprises in the municipality
    #[arg(long)]
    pub enterprises: Option<u32>,
}

#[derive(Debug, Args)]
pub struct OrgTarget {
    /// The year as the roadmap writes it: 2025 or 2025/2026
    pub year: String,
    #[arg(long)]
    pub id: Option<u64>,
    #[arg(long = "mentees-10-19")]
    pub mentees_10_19: Option<f64>,
    #[arg(long = "mentors-15-19")]
    pub mentors_15_19: Option<f64>,
    #[arg(long)]
    pub young_teachers: Option<f64>,
    #[arg(long)]
    pub enterprises: Option<f64>,
    #[arg(long)]
    pub mentee_satisfaction: Option<f64>,
    #[arg(long)]
    pub mentor_satisfaction: Option<f64>,
}

impl Cli {
    /// Relative paths made absolute against `cwd`: a command run by the
    /// process holding the database reads and writes where the asking
    /// process would have.
    pub fn resolve_paths(&mut self, cwd: &std::path::Path) {
        let fix = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = cwd.join(&*p);
            }
        };
        let fix_opt = |p: &mut Option<PathBuf>| {
            if let Some(p) = p {
                fix(p)
            }
        };
        fix_opt(&mut self.db);
        fix_opt(&mut self.keymap);
        match &mut self.command {
            Some(Command::Import(a)) => fix_opt(&mut a.file),
            Some(Command::Export(
                ExportCommand::Json { out, .. }
                | ExportCommand::Person { out, .. }
                | ExportCommand::Csv { out, .. },
            )) => fix_opt(out),
            Some(Command::Report(r)) => fix_opt(&mut r.out),
            Some(Command::Paper(p)) => {
                fix(&mut p.out);
                fix_opt(&mut p.template);
            }
            Some(Command::Merge { file }) => fix(file),
            Some(Command::Backup(BackupCommand::Restore { file, to, .. })) => {
                fix_opt(file);
                fix_opt(to);
            }
            Some(
                Command::Status { .. }
                | Command::Demo { .. }
                | Command::Match(_)
                | Command::Org(_)
                | Command::Backup(BackupCommand::List | BackupCommand::Now)
                | Command::Check
                | Command::Undo
                | Command::Redo
                | Command::Erase { .. }
                | Command::Completions { .. }
                | Command::Manpage,
            )
            | None => {}
        }
    }
}
