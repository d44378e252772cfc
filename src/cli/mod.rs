//! The command line: thin handlers over the store, exchange and status.

macro_rules! out {
    ($($t:tt)*) => { $crate::cli::emit(format_args!($($t)*))? };
}

macro_rules! outln {
    ($($t:tt)*) => { $crate::cli::emit(format_args!("{}\n", format_args!($($t)*)))? };
}

/// A line on standard error, wherever the command's output goes.
macro_rules! errln {
    ($($t:tt)*) => { $crate::cli::sink::err(format_args!("{}\n", format_args!($($t)*))) };
}

pub mod args;
mod backup;
mod matching;
mod org;
mod person;
mod progress;
pub mod quick;
pub mod remote;
mod report;
mod responses;
mod roadmap;
pub mod sink;
pub mod status_view;

pub use args::Cli;
use args::{BackupCommand, Command, ExportCommand, ImportArgs, OrgCommand};

use crate::domain::dates::parse_date;
use crate::exchange::import::{import_csv, ImportError, Options};
use crate::exchange::{csv_export, Base};
use crate::i18n::Lang;
use crate::store::{Backup, Store, StoreError};
use anyhow::{anyhow, bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes to stdout (see [`sink::out`]); a closed pipe (`| head`) comes
/// back as an error that `main` treats as a quiet end, never a panic.
pub fn emit(text: std::fmt::Arguments) -> Result<()> {
    Ok(sink::out(text.to_string().as_bytes())?)
}

/// A command's exit code: 0 done, 1 refused or found problems, 2 an error.
pub type Code = u8;

/// Whether an error is a reader that went away (`nastavnik status | head`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `--db`, else `$NASTAVNIK_DB` (clap reads it), else the XDG data
/// directory.
pub fn db_path(cli: &Cli) -> Result<PathBuf> {
    // An empty `NASTAVNIK_DB=` (or `--db ""`) means not set.
    if let Some(p) = cli.db.as_ref().filter(|p| !p.as_os_str().is_empty()) {
        return Ok(p.clone());
    }
    dirs::data_dir()
        .map(|d| d.join("nastavnik"))
        .ok_or_else(|| {
            anyhow!(crate::tr!(
                cli.lang,
                "не найден каталог данных: задайте --db ПУТЬ",
                "no data directory: pass --db PATH"
            ))
        })
}

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

/// The program: runs the command and turns any error into one sentence
/// in the user's language, with exit code 2.
pub fn main(cli: Cli) -> ExitCode {
    let lang = cli.lang;
    let db = db_path(&cli).ok();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            crate::tui::restore_terminal();
            let db = db.unwrap_or_default();
            let mut text = describe_error(&e, lang, &db);
            // Damage found anywhere (at the open or in a record read later)
            // names the way back, once.
            let damaged = e.chain().any(|c| {
                c.downcast_ref::<StoreError>()
                    .is_some_and(StoreError::is_damage)
            });
            if damaged {
                let hint = backup::restore_hint(&db, lang).unwrap_or_else(|| {
                    lang.pick(
                        "Резервных копий нет: восстановите базу из своей выгрузки (nastavnik --db НОВЫЙ_ПУТЬ import json ФАЙЛ)",
                        "There are no backups: restore the database from an export of yours (nastavnik --db NEW_PATH import json FILE)",
                    )
                    .to_string()
                });
                text = format!("{text}. {hint}");
            }
            errln!("nastavnik: {}", crate::text::sanitize_line(&text));
            ExitCode::from(2)
        }
    }
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
fn only_reads(cmd: &Command) -> bool {
    match cmd {
        Command::Status { .. } | Command::Report(_) | Command::Export(_) => true,
        Command::Undo | Command::Redo => true,
        Command::Match(m) => !m.apply,
        Command::Org(OrgCommand::List) | Command::Check => true,
        _ => false,
    }
}

/// The terminal interface on a path where no database is: the default path
/// is set up silently (the first start); any other is asked about, since a
/// mistyped `--db` would otherwise start an empty database.
fn confirm_new_database(path: &Path, is_default: bool, lang: Lang) -> Result<()> {
    if is_default || crate::store::dir::inspect(path)? == crate::store::dir::Found::Database {
        return Ok(());
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err(StoreError::NoDatabase {
            path: path.to_path_buf(),
        }
        .into());
    }
    ask(
        &format!(
            "{} {} {}",
            lang.pick("Базы по пути", "There is no database at"),
            path.display(),
            lang.pick("нет. Создать новую? [д/Н]", "yet. Create a new one? [y/N]")
        ),
        lang,
    )
}

/// An interface left holding the database without its terminal (a build
/// that did not leave when the connection dropped, or a hung one): the
/// curator who reconnects is asked, and it is ended (≤ 3 s) instead of
/// being told to find its pid.
fn take_over_orphan(path: &Path, lang: Lang) -> Result<()> {
    use crate::store::lock;
    let Some(holder) = lock::orphaned_interface(path) else {
        return Ok(());
    };
    ask(
        &crate::tr!(
            lang,
            "Базу {} держит интерфейс без терминала ({}): соединение, в котором он был открыт, прервалось. Закрыть его и открыть базу здесь? [д/Н]",
            "The database {} is held by an interface with no terminal ({}): the connection it was opened in has dropped. Close it and open the database here? [y/N]",
            path.display(),
            lock::describe(Some(&holder))
        ),
        lang,
    )?;
    if !lock::end_orphan(&holder) {
        bail!(crate::tr!(
            lang,
            "процесс {} не завершился; база не открыта",
            "process {} did not end; the database is not opened",
            holder.pid
        ));
    }
    Ok(())
}

/// Asks a yes/no question on the terminal; anything but a yes is an error
/// saying that nothing was done. Without a terminal it is an error too.
fn ask(question: &str, lang: Lang) -> Result<()> {
    use std::io::IsTerminal;
    // On another process's behalf: that process asks its user, then again.
    match sink::remote_confirmed() {
        Some(true) => return Ok(()),
        Some(false) => return Err(remote::Question(question.to_string()).into()),
        None => {}
    }
    if !std::io::stdin().is_terminal() {
        bail!(lang.pick(
            "нужно подтверждение: запустите в терминале или добавьте --yes",
            "this needs a confirmation: run it in a terminal or add --yes"
        ));
    }
    eprint!("{question} ");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    if !is_yes(&answer) {
        bail!(lang.pick("ничего не сделано", "nothing was done"));
    }
    Ok(())
}

/// A yes to a question on the terminal, in either layout (д is the l key).
fn is_yes(answer: &str) -> bool {
    matches!(
        answer.trim().to_lowercase().as_str(),
        "д" | "да" | "y" | "yes" | "l"
    )
}

pub fn run(cli: Cli) -> Result<Code> {
    // Generated from the command line's own definition; no database.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            let mut out = Vec::new();
            clap_complete::generate(
                *shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "nastavnik",
                &mut out,
            );
            sink::out(&out)?;
            return Ok(0);
        }
        Some(Command::Manpage) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)?;
            sink::out(&out)?;
            return Ok(0);
        }
        _ => {}
    }
    let path = db_path(&cli)?;
    let lang = cli.lang;
    if let Some(Command::Status {
        short: true, as_of, ..
    }) = &cli.command
    {
        // The kept line needs no database open, nor its holder.
        let as_of = match as_of {
            Some(s) => parse_date_arg(s, lang)?,
            None => today(),
        };
        if let Some(counts) = quick::kept(&path, &status_options(as_of)?) {
            outln!("{}", status_view::short(&counts, lang));
            return Ok(0);
        }
    }
    if cli.command.as_ref().is_some_and(remote::servable) {
        if let Some(code) = remote::through_holder(&path, lang)? {
            return Ok(code);
        }
    }
    match cli.command {
        Some(Command::Backup(cmd)) => return backup::run(&path, cmd, lang),
        Some(Command::Erase { kind, id, yes }) => {
            person::erase(&path, kind, id, yes, lang)?;
            return Ok(0);
        }
        _ => {}
    }
    let reads_only = cli.command.as_ref().is_some_and(only_reads);
    if cli.command.is_none() {
        take_over_orphan(&path, lang)?;
        confirm_new_database(
            &path,
            cli.db.as_ref().is_none_or(|p| p.as_os_str().is_empty()),
            lang,
        )?;
    }
    let open = || match &cli.command {
        Some(_) if reads_only => Store::open_existing(&path),
        _ => Store::open(&path),
    };
    let mut opened = open();
    if opened
        .as_ref()
        .is_ok_and(|s| s.compaction_pending().unwrap_or(false))
    {
        // An erasure that a kill or a closed terminal left unfinished is
        // finished before anything else reads the database.
        drop(opened);
        person::finish_erasure(&path, lang)?;
        opened = open();
    }
    // Damage is told with the way back by `main`, wherever it is found.
    let store = opened?;
    // The interface watches signals itself, to leave in order.
    if cli.command.is_some() {
        flush_on_signals(&store);
    }
    let mark = store.change_mark()?;
    // Another process asking meanwhile waits for this command to end, its
    // backup and the erasure's rewrite included.
    let mut _busy = cli
        .command
        .is_some()
        .then(|| crate::serve::Server::busy(&path))
        .flatten();
    let code = match cli.command {
        None => {
            // Best effort: unsaid, the interface is only not offered for
            // taking over should its terminal go.
            let _ = crate::store::lock::note_interface(&path);
            let server = crate::serve::Server::serving(&path);
            match crate::tui::run(&store, server, lang, cli.keymap.as_deref(), !cli.no_mouse)? {
                // The interface has closed; an erasure's rewrite may follow.
                crate::tui::Ended::Quit => _busy = crate::serve::Server::busy(&path),
                // Its terminal is gone: the lock goes now; an erasure's
                // rewrite and the day's backup fall to the next open.
                crate::tui::Ended::Left(code) => return Ok(code),
            }
            0
        }
        Some(_) => run_command(&store, cli, &path)?,
    };
    if store.compaction_pending()? {
        // An erasure in the terminal interface: finished with the store closed.
        drop(store);
        person::finish_erasure(&path, lang)?;
    } else {
        if !reads_only {
            backup::after_command(&store, lang);
        }
        if store.change_mark()? != mark {
            // The next `status --short` from a prompt should not pay for it.
            let opts = status_options(today())?;
            quick::keep(&store, &opts, status_of(&store, &opts)?.short());
        }
    }
    Ok(code)
}

/// A command run on behalf of another process (see [`remote`]), with the
/// automatic backup after a change, as a run of its own would end.
fn run_held(store: &Store, cli: Cli, path: &Path) -> Result<Code> {
    let lang = cli.lang;
    let writes = !cli.command.as_ref().is_some_and(only_reads);
    let code = run_command(store, cli, path)?;
    if writes {
        backup::after_command(store, lang);
    }
    Ok(code)
}

fn run_command(store: &Store, cli: Cli, path: &Path) -> Result<Code> {
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
            let opts = status_options(as_of)?;
            if short {
                let counts = quick::short(store, &opts)?;
                outln!("{}", status_view::short(&counts, lang));
                return Ok(0);
            }
            let s = status_of(store, &opts)?;
            quick::keep(store, &opts, s.short());
            if check {
                for w in &s.warnings {
                    outln!("{}", crate::text::sanitize_line(&w.message(lang)));
                }
                return Ok(u8::from(!s.warnings.is_empty()));
            }
            let out = if json {
                status_view::json(&s, path)
            } else {
                status_view::text(&s, path, lang)
            };
            out!("{out}");
        }
        Some(Command::Import(args)) => return import(store, args, lang),
        Some(Command::Export(cmd)) => export(store, cmd, lang)?,
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
            load(store, &backup, lang.pick("демо-данные", "demo data"))?;
            out!(
                "{}",
                status_view::text(&status_of(store, &status_options(as_of)?)?, path, lang)
            );
        }
        Some(Command::Org(cmd)) => org::run(store, cmd, lang)?,
        Some(Command::Match(args)) => out!("{}", matching::run(store, args, lang)?),
        Some(Command::Report(args)) => report::run(store, args, lang)?,
        Some(Command::Merge { file }) => merge(store, &file, lang)?,
        Some(Command::Check) => return backup::check(store, lang),
        Some(Command::Undo) => {
            let done = store.undo()?;
            outln!(
                "{}",
                crate::changes::undone(done.as_ref(), "nastavnik redo", lang)
            );
        }
        Some(Command::Redo) => {
            let done = store.redo()?;
            outln!("{}", crate::changes::redone(done.as_ref(), lang));
        }
        // Answered by `run` before anything is opened.
        Some(Command::Completions { .. } | Command::Manpage) => {}
        // Here only on another process's behalf; run by `run` before any
        // store is opened otherwise: backups must work on a database that
        // does not open, and an erasure rewrites the files.
        Some(Command::Erase { kind, id, yes }) => person::erase_held(store, kind, id, yes, lang)?,
        Some(Command::Backup(BackupCommand::Now)) => backup::now_in(store, lang)?,
        Some(Command::Backup(cmd)) => return backup::run(path, cmd, lang),
    }
    Ok(0)
}

/// SIGHUP (a dropped SSH session) and SIGTERM: flush and leave. Writes that
/// returned were already flushed; this covers anything sled still holds.
fn flush_on_signals(store: &Store) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT]) else {
        return;
    };
    let handle = store.flush_handle();
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = handle.flush();
            crate::tui::restore_terminal();
            std::process::exit(128 + sig);
        }
    });
}

/// Status on `opts.as_of` without reading the meeting log.
pub fn status_of(store: &Store, opts: &crate::status::Options) -> Result<crate::status::Status> {
    Ok(crate::status::compute(
        &store.load_without_meetings()?,
        &store.timelines()?,
        opts,
    ))
}

/// Status options from the settings file, as of `as_of`.
pub fn status_options(as_of: chrono::NaiveDate) -> Result<crate::status::Options> {
    Ok(crate::status::Options {
        as_of,
        meetings: crate::config::load()?.meetings,
    })
}

fn load(store: &Store, backup: &Backup, what: &str) -> Result<()> {
    let pb = progress::bar(backup.record_count(), what);
    store.load_backup(backup, &mut |n| pb.inc(n))?;
    pb.finish_and_clear();
    Ok(())
}

fn import(store: &Store, args: ImportArgs, lang: Lang) -> Result<Code> {
    if args.what == args::ImportWhat::Responses {
        return responses::import(store, &args, lang);
    }
    if args.what == args::ImportWhat::Roadmap {
        return roadmap::import(store, &args, lang);
    }
    let file = args.file(lang)?;
    let bytes = std::fs::read(file).with_context(|| format!("{}", file.display()))?;
    let Some(base) = args.what.base() else {
        let backup = Backup::from_json(&bytes)?;
        // The file's bytes go before the load: a district's are 200 MB.
        drop(bytes);
        backup::refuse_dangling(&backup, lang)?;
        load(store, &backup, lang.pick("восстановление", "restoring"))?;
        outln!(
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
    let pb = progress::bar(100, lang.pick("импорт", "import"));
    let result = import_csv(store, base, &bytes, &opts, &|done| {
        pb.set_position(done.min(100))
    });
    pb.finish_and_clear();
    match result {
        Ok(outcome) => {
            for note in &outcome.notes {
                outln!("{} {note}", lang.pick("Примечание:", "Note:"));
            }
            let counts: Vec<String> = outcome
                .created
                .iter()
                .map(|(what, n)| format!("{what} {n}"))
                .collect();
            let head = if args.dry_run {
                lang.pick(
                    "Проверка прошла, ничего не записано. Было бы добавлено:",
                    "Check passed, nothing stored. Would add:",
                )
            } else {
                lang.pick("Импортировано и сохранено:", "Imported and saved:")
            };
            outln!(
                "{head} {} ({}: {})",
                counts.join(", "),
                file.display(),
                outcome.encoding
            );
            Ok(0)
        }
        Err(ImportError::Rows(errors)) => {
            errln!(
                "{} {} ({}):",
                file.display(),
                lang.pick(
                    "не импортирован, ничего не сохранено. Ошибки",
                    "not imported, nothing stored. Errors"
                ),
                errors.len()
            );
            for e in errors.iter().take(MAX_ERRORS_SHOWN) {
                errln!("  {}", e.describe(lang));
            }
            if errors.len() > MAX_ERRORS_SHOWN {
                errln!(
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

fn export(store: &Store, cmd: ExportCommand, lang: Lang) -> Result<()> {
    let (bytes, out) = match cmd {
        ExportCommand::Json { out, org: None } => (store.dump()?.to_json()?, out),
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
            sink::out(&bytes)?;
            Ok(())
        }
    }
}

fn merge(store: &Store, file: &Path, lang: Lang) -> Result<()> {
    let bytes = std::fs::read(file).with_context(|| file.display().to_string())?;
    let backup = Backup::from_json(&bytes)?;
    let out = store.merge(&backup)?;
    for c in &out.conflicts {
        outln!(
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
