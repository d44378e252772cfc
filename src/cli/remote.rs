//! The asking side of a command run by the process that holds the
//! database (see [`crate::serve`]); the holder runs it with
//! [`crate::app::request::handle`].

use crate::app::{Code, Output};
use crate::i18n::Lang;
use crate::serve::{self, Answer, Outcome, Request};
use crate::store::{lock, StoreError};
use anyhow::{Context, Result};
use std::path::Path;
use std::time::Duration;

/// Runs this process's command through the holder of the database at
/// `db`; None when nothing holds it (open it here, as always).
pub fn through_holder(db: &Path, lang: Lang, o: &mut Output) -> Result<Option<Code>> {
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
                    o.err(format_args!(
                        "{}\n",
                        crate::tr!(
                            lang,
                            "база {} занята командой другого процесса (pid {pid}); ждём её завершения…",
                            "the database {} is busy with another process's command (pid {pid}); waiting for it to end…",
                            db.display()
                        )
                    ));
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
                o.out(&answer.out)?;
                o.err(format_args!("{}", answer.err));
                return Ok(Some(answer.code));
            }
        }
    }
}
