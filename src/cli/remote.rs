//! Commands run by the process that holds the database (see
//! [`crate::serve`]): the asking side, and the one handler the holder runs
//! every request with, the same `run_command` a local run goes through.

use super::args::{BackupCommand, Cli, Command};
use super::{sink, Code};
use crate::i18n::Lang;
use crate::serve::{self, Answer, Outcome, Request};
use crate::store::{lock, Store, StoreError};
use anyhow::{Context, Result};
use std::path::Path;
use std::time::Duration;

/// A command stopped at a question that the asking process's user answers.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Question(pub String);

/// Whether the holder can run the command: all but the interface itself
/// and what works on the files with no store open (the backups' list, a
/// restore, which needs the database closed).
pub fn servable(cmd: &Command) -> bool {
    !matches!(
        cmd,
        Command::Backup(BackupCommand::List | BackupCommand::Restore { .. })
            | Command::Completions { .. }
            | Command::Manpage
    )
}

/// Runs this process's command through the holder of the database at
/// `db`; None when nothing holds it (open it here, as always).
pub fn through_holder(db: &Path, lang: Lang) -> Result<Option<Code>> {
    if !serve::socket_path(db).exists() {
        return Ok(None);
    }
    // Arguments that are not text cannot be sent; the lock then speaks.
    let Some(args) = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string().ok())
        .collect::<Option<Vec<String>>>()
    else {
        return Ok(None);
    };
    let cwd = std::env::current_dir().context("cwd")?;
    let mut request = Request {
        args,
        config: crate::config::located().map(|(p, named)| (cwd.join(p), named)),
        cwd,
        db_shown: db.to_path_buf(),
        confirmed: false,
    };
    let mut told_busy = false;
    loop {
        let socket = serve::socket_path(db);
        let outcome = serve::call(db, &request).with_context(|| socket.display().to_string())?;
        match outcome {
            Outcome::NoHolder | Outcome::Closing => return Ok(None),
            Outcome::Busy { pid } => {
                if !told_busy {
                    errln!(
                        "{}",
                        crate::tr!(
                            lang,
                            "база {} занята командой другого процесса (pid {pid}); ждём её завершения…",
                            "the database {} is busy with another process's command (pid {pid}); waiting for it to end…",
                            db.display()
                        )
                    );
                    told_busy = true;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            Outcome::Silent => {
                return Err(StoreError::NotAnswering {
                    path: db.to_path_buf(),
                    holder: lock::describe(lock::read_holder(db).as_ref()),
                }
                .into())
            }
            Outcome::Refused => {
                return Err(StoreError::OtherUser {
                    path: db.to_path_buf(),
                }
                .into())
            }
            Outcome::Untrusted { uid } => {
                anyhow::bail!(crate::tr!(
                    lang,
                    "{} принадлежит другому пользователю ({}): команда не отправлена и не выполнена. Базу держите в своём каталоге (0700)",
                    "{} belongs to another user ({}): the command was neither sent nor run. Keep the database in a directory of your own (0700)",
                    socket.display(),
                    crate::fsutil::user_name(uid).unwrap_or_else(|| format!("uid {uid}"))
                ))
            }
            Outcome::Done(Answer {
                question: Some(q), ..
            }) if !request.confirmed => {
                super::ask(&q, lang)?;
                request.confirmed = true;
            }
            Outcome::Done(answer) => {
                sink::out(&answer.out)?;
                sink::err(format_args!("{}", answer.err));
                return Ok(Some(answer.code));
            }
        }
    }
}

/// What a request did on the holder's side.
pub struct Handled {
    pub answer: Answer,
    /// The data may have changed: the holder reads it again.
    pub changed: bool,
    /// The command's subcommands («import», «org set»), never its values,
    /// which may name a pupil: for the interface's message.
    pub name: String,
}

/// Runs a request on the holder's open store, exactly as the command runs
/// in a process of its own: the same handler, its output captured.
pub fn handle(store: &Store, request: &Request) -> Handled {
    use clap::{CommandFactory, FromArgMatches};
    let args = std::iter::once("nastavnik".to_string()).chain(request.args.iter().cloned());
    let parsed = Cli::command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, m)));
    let (mut cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let answer = Answer {
                code: 2,
                err: e.render().to_string(),
                ..Answer::default()
            };
            return Handled {
                answer,
                changed: false,
                name: String::new(),
            };
        }
    };
    cli.resolve_paths(&request.cwd);
    let lang = cli.lang;
    // `undo` counts among the commands that only read (it needs a database
    // that exists), yet changes the data: the history's mark tells.
    let writes = !cli.command.as_ref().is_some_and(super::only_reads);
    let mark = store.change_mark().ok();
    let db = &request.db_shown;
    let (result, captured) = crate::config::with_path(request.config.clone(), || {
        sink::capture(request.confirmed, || super::run_held(store, cli, db))
    });
    let mut answer = Answer {
        code: 0,
        out: captured.out,
        err: String::from_utf8_lossy(&captured.err).into_owned(),
        question: None,
    };
    match result {
        Ok(code) => answer.code = code,
        Err(e) => match e.downcast_ref::<Question>() {
            Some(q) => answer.question = Some(q.0.clone()),
            None => {
                answer.code = 2;
                answer.err.push_str(&format!(
                    "nastavnik: {}\n",
                    crate::text::sanitize_line(&super::describe_error(&e, lang, db))
                ));
            }
        },
    }
    Handled {
        answer,
        changed: writes || store.change_mark().ok() != mark,
        name: subcommands(&matches),
    }
}

/// «import», «org set»: the subcommands, never their values.
fn subcommands(matches: &clap::ArgMatches) -> String {
    let mut words = Vec::new();
    let mut m = matches;
    while let Some((name, sub)) = m.subcommand() {
        words.push(name.to_string());
        m = sub;
    }
    words.join(" ")
}

/// What a request asks, named as [`Handled::name`] names it (the values,
/// which may name a pupil, left out): for the interface while it runs.
pub fn name_of(request: &Request) -> String {
    use clap::CommandFactory;
    let args = std::iter::once("nastavnik".to_string()).chain(request.args.iter().cloned());
    Cli::command()
        .try_get_matches_from(args)
        .map(|m| subcommands(&m))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_named_by_its_subcommands_without_its_values() {
        let request = |args: &[&str]| Request {
            args: args.iter().map(|a| a.to_string()).collect(),
            cwd: "/".into(),
            db_shown: "/db".into(),
            config: None,
            confirmed: false,
        };
        let import = request(&["--db", "/db", "import", "mentees", "Иванова Анна.csv"]);
        assert_eq!(name_of(&import), "import");
        assert_eq!(
            name_of(&request(&["org", "set", "--curator", "Петров"])),
            "org set"
        );
        assert_eq!(name_of(&request(&["no-such-command"])), "");
    }
}
