//! The command line: opens the database (or finds the process holding
//! it), runs the use case of [`crate::app`] with this terminal for its
//! output, or starts the terminal interface.

mod remote;
pub use crate::app::args::Cli;

use crate::app::args::Command;
use crate::app::{backup, person, quick, status_view, Code, Output};
use crate::app::{describe_error, parse_date_arg, status_of, status_options, today};
use crate::i18n::Lang;
use crate::store::{Store, StoreError};
use anyhow::{anyhow, bail, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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

/// The program: runs the command and turns any error into one sentence
/// in the user's language, with exit code 2.
pub fn main(cli: Cli) -> ExitCode {
    let lang = cli.lang;
    let db = db_path(&cli).ok();
    let mut o = Output::terminal(ask);
    match run(cli, &mut o) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // The interface has put the terminal back before any error.
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
            o.err(format_args!(
                "nastavnik: {}\n",
                crate::text::sanitize_line(&text)
            ));
            ExitCode::from(2)
        }
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

pub fn run(cli: Cli, o: &mut Output) -> Result<Code> {
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
            o.out(&out)?;
            return Ok(0);
        }
        Some(Command::Manpage) => {
            let mut out = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut out)?;
            o.out(&out)?;
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
        if let Some(counts) = quick::kept(&path, &status_options(as_of, &path)?) {
            o.emit(format_args!("{}\n", status_view::short(&counts, lang)))?;
            return Ok(0);
        }
    }
    if cli
        .command
        .as_ref()
        .is_some_and(crate::app::request::servable)
    {
        if let Some(code) = remote::through_holder(&path, lang, o)? {
            return Ok(code);
        }
    }
    match cli.command {
        Some(Command::Backup(cmd)) => return backup::run(&path, cmd, lang, o),
        Some(Command::Erase { kind, id, yes }) => {
            person::erase(&path, kind, id, yes, lang, o)?;
            return Ok(0);
        }
        _ => {}
    }
    let reads_only = cli.command.as_ref().is_some_and(crate::app::only_reads);
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
        person::finish_erasure(&path, lang, o)?;
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
        Some(_) => crate::app::run_command(&store, cli, &path, o)?,
    };
    if store.compaction_pending()? {
        // An erasure in the terminal interface: finished with the store closed.
        drop(store);
        person::finish_erasure(&path, lang, o)?;
    } else {
        if !reads_only {
            backup::after_command(&store, lang, o);
        }
        if store.change_mark()? != mark {
            // The next `status --short` from a prompt should not pay for it.
            let opts = status_options(today(), store.path())?;
            quick::keep(&store, &opts, status_of(&store, &opts)?.short());
        }
    }
    Ok(code)
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
            std::process::exit(128 + sig);
        }
    });
}
