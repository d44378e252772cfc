//! The application layer: one function per use case (import a base,
//! erase a person, make a report, run another process's request…), under
//! the command line, the terminal interface and the socket alike. Output
//! goes through an [`Output`] passed in, never a global: the same handler
//! prints to this terminal or into buffers sent back to another process.

macro_rules! out {
    ($o:expr, $($t:tt)*) => { $o.emit(format_args!($($t)*))? };
}

macro_rules! outln {
    ($o:expr, $($t:tt)*) => { $o.emit(format_args!("{}\n", format_args!($($t)*)))? };
}

/// A line on standard error, wherever the command's output goes.
macro_rules! errln {
    ($o:expr, $($t:tt)*) => { $o.err(format_args!("{}\n", format_args!($($t)*))) };
}

pub mod args;
pub mod backup;
mod matching;
mod org;
pub mod output;
mod paper;
pub mod person;
mod progress;
pub mod quick;
mod report;
pub mod request;
mod responses;
mod roadmap;
pub mod status_view;

pub use output::{Output, Question};

use crate::domain::dates::parse_date;
use crate::exchange::import::{import_csv, ImportError, Options};
use crate::exchange::{csv_export, Base};
use crate::i18n::Lang;
use crate::store::{Backup, Store, StoreError};
use anyhow::{anyhow, bail, Context, Result};
use args::{BackupCommand, Cli, Command, ExportCommand, ImportArgs, OrgCommand};
use std::io::Write;
use std::path::Path;

/// A command's exit code: 0 done, 1 refused or found problems, 2 an error.
pub type Code = u8;

pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub(crate) fn parse_date_arg(s: &str, lang: Lang) -> Result<chrono::NaiveDate> {
    parse_date(s).ok_or_else(|| {
        anyhow!(crate::tr!(
            lang,
            "«{s}» — не дата; нужна ДД.ММ.ГГГГ",
            "'{s}' is not a date; use DD.MM.YYYY"
        ))
    })
}

/// An error chain as one line: the context (a file's path) and then the
/// cause, each said once; a storage error says itself whole.
pub fn describe_error(e: &anyhow::Error, lang: Lang, db: &Path) -> String {
    let mut parts = Vec::new();
    for cause in e.chain() {
        if let Some(se) = cause.downcast_ref::<StoreError>() {
            parts.push(se.message_at(lang, db));
            break;
        }
        if let Some(ce) = cause.downcast_ref::<crate::config::ConfigError>() {
            parts.push(ce.message(lang));
            break;
        }
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            parts.push(crate::store::error::io_words(io, lang));
            break;
        }
        parts.push(cause.to_string());
    }
    parts.join(": ")
}

/// Whether a command only reads (or takes back): it needs a database that exists.
pub fn only_reads(cmd: &Command) -> bool {
    match cmd {
        Command::Status { .. } | Command::Report(_) | Command::Export(_) => true,
        Command::Undo | Command::Redo => true,
        Command::Match(m) => !m.apply,
        Command::Paper(p) => p.number.is_none(),
        Command::Org(OrgCommand::List) | Command::Check => true,
        _ => false,
    }
}

/// A command run on behalf of another process (see [`remote`]), with the
/// automatic backup after a change, as a run of its own would end.
fn run_held(store: &Store, cli: Cli, path: &Path, o: &mut Output) -> Result<Code> {
    let lang = cli.lang;
    let writes = !cli.command.as_ref().is_some_and(only_reads);
    let code = run_command(store, cli, path, o)?;
    if writes {
        backup::after_command(store, lang, o);
    }
    Ok(code)
}

pub fn run_command(store: &Store, cli: Cli, path: &Path, o: &mut Output) -> Result<Code> {
    let lang = cli.lang;
    match cli.command {
        None => bail!(lang.pick(
            "база уже открыта в интерфейсе: второй интерфейс на ней не запускается",
            "the database is already open in the interface: a second one does not start on it"
        )),
        Some(Command::Status {
            json,
            short,
            check,
            as_of,
        }) => {
            let as_of = as_of
                .as_deref()
                .map(|s| parse_date_arg(s, lang))
                .transpose()?
                .unwrap_or_else(today);
            let opts = status_options(as_of, path)?;
            if short {
                let counts = quick::short(store, &opts)?;
                outln!(o, "{}", status_view::short(&counts, lang));
                return Ok(0);
            }
            let s = status_of(store, &opts)?;
            quick::keep(store, &opts, s.short());
            if check {
                for w in &s.warnings {
                    outln!(o, "{}", crate::text::sanitize_line(&w.message(lang)));
                }
                return Ok(u8::from(!s.warnings.is_empty()));
            }
            let out = if json {
                status_view::json(&s, path)
            } else {
                status_view::text(&s, path, lang)
            };
            out!(o, "{out}");
        }
        Some(Command::Import(args)) => return import(store, args, lang, o),
        Some(Command::Export(cmd)) => export(store, cmd, lang, o)?,
        Some(Command::Demo { scale, seed, as_of }) => {
            let as_of = match as_of {
                Some(s) => parse_date_arg(&s, lang)?,
                None => today(),
            };
            if !store.is_empty() {
                bail!(lang.pick(
                    "база не пуста: демо-данные загружаются только в пустую базу (укажите другую: --db ПУТЬ)",
                    "the database is not empty: demo data goes into an empty one (pass another --db PATH)"
                ));
            }
            let ds = crate::demo::generate(scale, seed, as_of);
            let backup = Backup::from_dataset(ds, "demo", chrono::Utc::now());
            load(store, &backup, lang.pick("демо-данные", "demo data"), o)?;
            out!(
                o,
                "{}",
                status_view::text(
                    &status_of(store, &status_options(as_of, path)?)?,
                    path,
                    lang
                )
            );
        }
        Some(Command::Org(cmd)) => org::run(store, cmd, lang, o)?,
        Some(Command::Match(args)) => {
            let text = matching::run(store, args, lang, o)?;
            out!(o, "{text}")
        }
        Some(Command::Report(args)) => report::run(store, args, lang, o)?,
        Some(Command::Paper(args)) => paper::run(store, args, lang, o)?,
        Some(Command::Merge { file }) => merge(store, &file, lang, o)?,
        Some(Command::Check) => return backup::check(store, lang, o),
        Some(Command::Undo) => {
            let done = store.undo()?;
            outln!(
                o,
                "{}",
                crate::changes::undone(done.as_ref(), "nastavnik redo", lang)
            );
        }
        Some(Command::Redo) => {
            let done = store.redo()?;
            outln!(o, "{}", crate::changes::redone(done.as_ref(), lang));
        }
        // Answered by `run` before anything is opened.
        Some(Command::Completions { .. } | Command::Manpage) => {}
        // Here only on another process's behalf; run by `run` before any
        // store is opened otherwise: backups must work on a database that
        // does not open, and an erasure rewrites the files.
        Some(Command::Erase { kind, id, yes }) => {
            person::erase_held(store, kind, id, yes, lang, o)?
        }
        Some(Command::Backup(BackupCommand::Now)) => backup::now_in(store, lang, o)?,
        Some(Command::Backup(cmd)) => return backup::run(path, cmd, lang, o),
    }
    Ok(0)
}

/// Status on `opts.as_of` without reading the meeting log.
pub fn status_of(store: &Store, opts: &crate::status::Options) -> Result<crate::status::Status> {
    Ok(crate::status::compute(
        &store.load_without_meetings()?,
        &store.timelines()?,
        opts,
    ))
}

/// Status options from the settings file (and the calendar beside the
/// database `db`), as of `as_of`.
pub fn status_options(as_of: chrono::NaiveDate, db: &Path) -> Result<crate::status::Options> {
    let config = crate::config::load()?;
    Ok(crate::status::Options {
        as_of,
        calendar: crate::config::calendar(&config, db)?,
        meetings: config.meetings,
    })
}

pub(crate) fn load(store: &Store, backup: &Backup, what: &str, o: &mut Output) -> Result<()> {
    let pb = progress::bar(backup.record_count(), what, o);
    store.load_backup(backup, &mut |n| pb.inc(n))?;
    pb.finish_and_clear();
    Ok(())
}

fn import(store: &Store, args: ImportArgs, lang: Lang, o: &mut Output) -> Result<Code> {
    if args.what == args::ImportWhat::Responses {
        return responses::import(store, &args, lang, o);
    }
    if args.what == args::ImportWhat::Roadmap {
        return roadmap::import(store, &args, lang, o);
    }
    let file = args.file(lang)?;
    let bytes = std::fs::read(file).with_context(|| format!("{}", file.display()))?;
    let Some(base) = args.what.base() else {
        let backup = Backup::from_json(&bytes)?;
        // The file's bytes go before the load: a district's are 200 MB.
        drop(bytes);
        backup::refuse_dangling(&backup, lang)?;
        load(store, &backup, lang.pick("восстановление", "restoring"), o)?;
        outln!(
            o,
            "{}",
            lang.pick("Восстановлено из копии.", "Restored from the backup.")
        );
        return Ok(0);
    };
    let opts = Options {
        org: args.org,
        dry_run: args.dry_run,
        sheet: args.sheet.clone(),
        today: today(),
        lang,
    };
    let pb = progress::bar(100, lang.pick("импорт", "import"), o);
    let result = import_csv(store, base, &bytes, &opts, &|done| {
        pb.set_position(done.min(100))
    });
    pb.finish_and_clear();
    match result {
        Ok(outcome) => {
            for note in &outcome.notes {
                outln!(o, "{} {note}", lang.pick("Примечание:", "Note:"));
            }
            if let Some(name) = &outcome.new_org {
                outln!(o, "{}", new_org_note(name, lang));
            }
            let head = if args.dry_run {
                lang.pick(
                    "Проверка прошла, ничего не записано. Было бы добавлено:",
                    "Check passed, nothing stored. Would add:",
                )
            } else {
                lang.pick("Импортировано и сохранено:", "Imported and saved:")
            };
            outln!(
                o,
                "{head} {} ({}: {})",
                crate::changes::created(&outcome.created, lang),
                file.display(),
                outcome.encoding
            );
            Ok(0)
        }
        Err(ImportError::Rows(errors)) => {
            errln!(
                o,
                "{} {} ({}):",
                file.display(),
                lang.pick(
                    "не импортирован, ничего не сохранено. Ошибки",
                    "not imported, nothing stored. Errors"
                ),
                errors.len()
            );
            for e in errors.iter().take(MAX_ERRORS_SHOWN) {
                errln!(o, "  {}", e.describe(lang));
            }
            if errors.len() > MAX_ERRORS_SHOWN {
                errln!(
                    o,
                    "  {}",
                    backup::more_errors(errors.len() - MAX_ERRORS_SHOWN, lang)
                );
            }
            Ok(1)
        }
        Err(ImportError::Store(e)) => Err(e.into()),
    }
}

/// A file of a million bad rows must not print a million lines.
const MAX_ERRORS_SHOWN: usize = 100;

fn export(store: &Store, cmd: ExportCommand, lang: Lang, o: &mut Output) -> Result<()> {
    let (bytes, out) = match cmd {
        // The whole database: written as the backups are, straight from
        // the stored bytes (a district's 200 MB never decoded).
        ExportCommand::Json {
            out: Some(path),
            org: None,
        } => {
            store.write_json_file(&path, &mut |_| {})?;
            return Ok(());
        }
        ExportCommand::Json {
            out: None,
            org: None,
        } => {
            let mut w = std::io::BufWriter::with_capacity(1 << 20, &mut *o);
            store.write_backup_json(&mut w)?;
            return Ok(w.flush()?);
        }
        ExportCommand::Json { out, org: Some(id) } => {
            if store.get::<crate::domain::Organisation>(id)?.is_none() {
                bail!("--org: нет организации #{id} (список: nastavnik org list)");
            }
            (store.dump_org(id)?.to_json()?, out)
        }
        ExportCommand::Csv { base, out } => (export_csv(store, base)?, out),
        ExportCommand::Person { kind, id, out } => (person::export(store, kind, id, lang)?, out),
    };
    match out {
        Some(path) => write_file(store, &path, &bytes),
        None => {
            o.out(&bytes)?;
            Ok(())
        }
    }
}

fn merge(store: &Store, file: &Path, lang: Lang, o: &mut Output) -> Result<()> {
    let bytes = std::fs::read(file).with_context(|| file.display().to_string())?;
    let backup = Backup::from_json(&bytes)?;
    let out = store.merge(&backup)?;
    for c in &out.conflicts {
        outln!(
            o,
            "{} {}",
            lang.pick("Конфликт:", "Conflict:"),
            crate::text::sanitize_line(c)
        );
    }
    let what = if out.replaced {
        lang.pick("обновлена", "updated")
    } else {
        lang.pick("добавлена", "added")
    };
    outln!(
        o,
        "{} «{}» (#{}) {what}: {} {}, {} {}, {} {}, {} {}",
        lang.pick("Организация", "Organisation"),
        crate::text::sanitize_line(&out.org_name),
        out.org_id,
        lang.pick("новых записей", "new records"),
        out.added,
        lang.pick("изменено", "changed"),
        out.updated,
        lang.pick("без изменений", "unchanged"),
        out.unchanged,
        lang.pick("в архив", "archived"),
        out.archived
    );
    Ok(())
}

fn export_csv(store: &Store, base: Base) -> Result<Vec<u8>> {
    Ok(csv_export::to_csv(&store.load()?, base))
}

/// Writes a private file whole (see [`crate::fsutil::write_private`]).
fn write_file(store: &Store, path: &Path, bytes: &[u8]) -> Result<()> {
    crate::fsutil::write_private(path, bytes, store.path())
        .with_context(|| path.display().to_string())
}

/// The note after an import that made the organisation its records needed.
pub(crate) fn new_org_note(name: &str, lang: Lang) -> String {
    crate::tr!(
        lang,
        "Примечание: создана организация «{}»; задайте её данные: nastavnik org set",
        "Note: an organisation '{}' was created; set its details: nastavnik org set",
        name
    )
}
