//! One database, many processes: the process that holds a database (the
//! terminal interface, or a long command) listens on a Unix socket inside
//! the database directory, and a second `nastavnik` on that database sends
//! it its command instead of waiting for the lock. This module is only the
//! transport (framing, the socket, who may connect); what a request means
//! is the command line's (`cli::remote`); the holder runs requests with
//! `app::request::handle`.
//!
//! On the wire, newline-ended JSON: the client sends a [`Request`]; the
//! holder answers at once with a [`Hello`], then, once the command has run,
//! a [`Reply`] followed by the command's standard output as raw bytes.

mod client;
mod server;

pub use client::{call, Outcome};
pub use server::{Job, Server};

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The socket's name in the database directory (0700, so the socket is
/// reachable by its owner only; the holder checks the peer's uid too).
pub const SOCKET_FILE: &str = "nastavnik.sock";

pub fn socket_path(db: &Path) -> PathBuf {
    db.join(SOCKET_FILE)
}

/// A command line to run, as the asking process sees its world.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The arguments after the program's name.
    pub args: Vec<String>,
    /// Where relative paths in the arguments start.
    pub cwd: PathBuf,
    /// The database as the asking process names it (its messages say so).
    pub db_shown: PathBuf,
    /// The settings file the asking process would read, and whether it
    /// was named on purpose (`$NASTAVNIK_CONFIG`).
    pub config: Option<(PathBuf, bool)>,
    /// The asking process's user already said yes to the command's question.
    pub confirmed: bool,
}

/// The holder's first word, sent before the command runs: a client that
/// hears nothing within a second knows the holder is not answering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Hello {
    Accepted {
        pid: u32,
    },
    /// The holder runs a command of its own; the lock is free when it ends.
    Busy {
        pid: u32,
    },
    /// Another user's process.
    Refused,
}

/// What a command did, on behalf of the client.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub code: u8,
    #[serde(skip)]
    pub out: Vec<u8>,
    pub err: String,
    /// The command stopped at a question for the client's user; asked
    /// again with `confirmed` once they say yes.
    pub question: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
enum Reply {
    /// Followed by `out_len` bytes of standard output.
    Done { answer: Answer, out_len: u64 },
    /// The holder is closing the database: take it over.
    Closing,
}
