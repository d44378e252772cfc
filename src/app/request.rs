//! Another process's command, run by the process that holds the database
//! (see [`crate::serve`]): exactly as the command runs in a process of its
//! own, the same handler, its output kept in buffers and sent back.

use super::args::{BackupCommand, Cli, Command};
use super::Output;
use crate::serve::{Answer, Request};
use crate::store::Store;

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
    let mut o = Output::buffer(request.confirmed);
    let result = crate::config::with_path(request.config.clone(), || {
        super::run_held(store, cli, db, &mut o)
    });
    let captured = o.into_captured();
    let mut answer = Answer {
        code: 0,
        out: captured.out,
        err: String::from_utf8_lossy(&captured.err).into_owned(),
        question: None,
    };
    match result {
        Ok(code) => answer.code = code,
        Err(e) => match e.downcast_ref::<super::Question>() {
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
