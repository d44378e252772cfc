//! Where a use case's output goes, passed in by whoever runs it: this
//! process's terminal (the command line), or buffers that the process
//! holding the database sends back to the one that asked (`crate::serve`).
//! The use cases write through it and never know which.

use crate::i18n::Lang;
use std::io::Write;

/// A command stopped at a question that the asking process's user answers.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Question(pub String);

/// How a question before an irreversible step is answered.
pub type Asker = fn(&str, Lang) -> anyhow::Result<()>;

enum Sink {
    /// This process's stdout and stderr; questions asked by `ask`.
    Terminal { ask: Asker },
    /// Kept for another process, whose user already answered yes or not.
    Buffer { confirmed: bool },
}

/// One command's output: its text, its notes and errors, its questions.
pub struct Output {
    sink: Sink,
    out: Vec<u8>,
    err: Vec<u8>,
}

/// What a command said into buffers.
#[derive(Debug, Default)]
pub struct Captured {
    pub out: Vec<u8>,
    pub err: Vec<u8>,
}

impl Output {
    /// This process's terminal; `ask` puts a question to its user.
    pub fn terminal(ask: Asker) -> Output {
        Output {
            sink: Sink::Terminal { ask },
            out: Vec::new(),
            err: Vec::new(),
        }
    }

    /// Buffers, for a command run on another process's behalf;
    /// `confirmed`: its user has answered the command's question yes.
    pub fn buffer(confirmed: bool) -> Output {
        Output {
            sink: Sink::Buffer { confirmed },
            out: Vec::new(),
            err: Vec::new(),
        }
    }

    /// What was said, for a buffer (empty for the terminal).
    pub fn into_captured(self) -> Captured {
        Captured {
            out: self.out,
            err: self.err,
        }
    }

    /// Whether the output is this process's own terminal (progress bars
    /// show there only).
    pub fn is_terminal(&self) -> bool {
        matches!(self.sink, Sink::Terminal { .. })
    }

    /// Standard output, flushed: a closed pipe (`| head`) comes back as an
    /// error that `main` treats as a quiet end.
    pub fn out(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self.sink {
            Sink::Buffer { .. } => self.out.extend_from_slice(bytes),
            Sink::Terminal { .. } => {
                let mut out = std::io::stdout().lock();
                out.write_all(bytes)?;
                out.flush()?;
            }
        }
        Ok(())
    }

    /// Formatted standard output (the `out!` and `outln!` macros).
    pub fn emit(&mut self, text: std::fmt::Arguments) -> anyhow::Result<()> {
        Ok(self.out(text.to_string().as_bytes())?)
    }

    /// Standard error: notes, per-row errors, what is going on. A terminal
    /// that is gone is not an error here: nothing is left to tell.
    pub fn err(&mut self, text: std::fmt::Arguments) {
        match self.sink {
            Sink::Buffer { .. } => {
                let _ = self.err.write_fmt(text);
            }
            Sink::Terminal { .. } => {
                let _ = std::io::stderr().lock().write_fmt(text);
            }
        }
    }

    /// A yes/no question before an irreversible step: Ok to go on. On
    /// another process's behalf, a question not yet answered comes back
    /// as [`Question`], for that process to ask and send again.
    pub fn confirm(&mut self, question: &str, lang: Lang) -> anyhow::Result<()> {
        match self.sink {
            Sink::Buffer { confirmed: true } => Ok(()),
            Sink::Buffer { confirmed: false } => Err(Question(question.to_string()).into()),
            Sink::Terminal { ask } => ask(question, lang),
        }
    }
}

/// Standard output as a writer, for output made in pieces (an export).
impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_keeps_what_was_said_and_asks_the_other_process() {
        let mut o = Output::buffer(false);
        o.out(b"status\n").unwrap();
        o.err(format_args!("note {}\n", 1));
        let asked = o.confirm("Удалить?", Lang::Ru).unwrap_err();
        assert_eq!(asked.downcast_ref::<Question>().unwrap().0, "Удалить?");
        assert!(!o.is_terminal());
        let cap = o.into_captured();
        assert_eq!(cap.out, b"status\n");
        assert_eq!(cap.err, b"note 1\n");
        assert!(Output::buffer(true).confirm("Удалить?", Lang::Ru).is_ok());
    }

    #[test]
    fn the_terminal_asks_its_own_user() {
        fn refuse(q: &str, _: Lang) -> anyhow::Result<()> {
            anyhow::bail!("no to {q}")
        }
        let mut o = Output::terminal(refuse);
        assert!(o.is_terminal());
        let e = o.confirm("Удалить?", Lang::Ru).unwrap_err();
        assert_eq!(e.to_string(), "no to Удалить?");
    }
}
