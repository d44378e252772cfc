//! Where a command's output goes: this process's terminal, or a buffer the
//! process holding the database sends back to the one that asked
//! (`crate::serve`). The handlers write through here and never know which:
//! one command handler, two transports.

use std::cell::RefCell;
use std::io::Write;

/// What a command said while captured, and whether its question was
/// already answered yes by the asking process.
#[derive(Debug, Default)]
pub struct Captured {
    pub out: Vec<u8>,
    pub err: Vec<u8>,
    confirmed: bool,
}

thread_local! {
    static CAPTURE: RefCell<Option<Captured>> = const { RefCell::new(None) };
}

/// Runs `f` with its output captured instead of written to the terminal.
pub fn capture<R>(confirmed: bool, f: impl FnOnce() -> R) -> (R, Captured) {
    // Cleared also if `f` panics, so the next command is not captured.
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            CAPTURE.with(|c| c.borrow_mut().take());
        }
    }
    CAPTURE.with(|c| {
        *c.borrow_mut() = Some(Captured {
            confirmed,
            ..Captured::default()
        })
    });
    let reset = Reset;
    let result = f();
    let captured = CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default();
    drop(reset);
    (result, captured)
}

/// Whether output is being captured (progress bars stay hidden then).
pub fn captured() -> bool {
    CAPTURE.with(|c| c.borrow().is_some())
}

/// Some(answered yes) for a command run on another process's behalf.
pub fn remote_confirmed() -> Option<bool> {
    CAPTURE.with(|c| c.borrow().as_ref().map(|c| c.confirmed))
}

/// Standard output, flushed: a closed pipe (`| head`) comes back as an
/// error that `main` treats as a quiet end.
pub fn out(bytes: &[u8]) -> std::io::Result<()> {
    let local = CAPTURE.with(|c| match c.borrow_mut().as_mut() {
        Some(cap) => {
            cap.out.extend_from_slice(bytes);
            false
        }
        None => true,
    });
    if local {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        out.flush()?;
    }
    Ok(())
}

/// Standard error: notes, per-row errors, what is going on.
pub fn err(text: std::fmt::Arguments) {
    let local = CAPTURE.with(|c| match c.borrow_mut().as_mut() {
        Some(cap) => {
            let _ = cap.err.write_fmt(text);
            false
        }
        None => true,
    });
    if local {
        let _ = std::io::stderr().lock().write_fmt(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captured_output_stays_out_of_the_terminal_and_the_capture_ends() {
        let ((), cap) = capture(true, || {
            out(b"status\n").unwrap();
            err(format_args!("note {}\n", 1));
            assert_eq!(remote_confirmed(), Some(true));
        });
        assert_eq!(cap.out, b"status\n");
        assert_eq!(cap.err, b"note 1\n");
        assert!(!captured());
        assert_eq!(remote_confirmed(), None);
    }

    #[test]
    fn a_panic_inside_ends_the_capture_too() {
        let r = std::panic::catch_unwind(|| capture(false, || panic!("boom")));
        assert!(r.is_err());
        assert!(!captured());
    }
}
