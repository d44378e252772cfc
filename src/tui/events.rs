//! One channel that wakes the interface's loop: the terminal's events (a
//! reader thread), the terminal going away (a hangup watcher), signals,
//! background work that ended, and requests from other processes. The
//! loop blocks on it: an idle interface wakes for nothing.

use crossterm::event::Event;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

/// What woke the loop.
#[derive(Debug)]
pub enum Wake {
    Terminal(Event),
    /// The terminal went away (the SSH connection dropped, the tmux
    /// session was killed): nothing can be drawn or typed any more.
    Hangup,
    /// SIGHUP, SIGTERM, SIGINT or SIGQUIT from outside.
    Signal(i32),
    /// A store job or an optimiser run ended.
    WorkEnded,
    /// A request from another process waits in the server's queue.
    Request,
}

/// The exit code after the terminal went away, as a shell shows SIGHUP's.
pub const HANGUP_CODE: u8 = 128 + libc::SIGHUP as u8;

impl Wake {
    /// Why the interface must leave at once, if it must: the exit code a
    /// shell shows for it (128 + the signal; a hangup counts as SIGHUP).
    pub fn leave_code(&self) -> Option<u8> {
        match self {
            Wake::Hangup => Some(HANGUP_CODE),
            Wake::Signal(sig) => Some(128u8.saturating_add(*sig as u8)),
            _ => None,
        }
    }
}

/// The receiving end, and a sender to hand to whatever may wake the loop.
pub struct Events {
    rx: Receiver<Wake>,
    tx: Sender<Wake>,
}

impl Default for Events {
    fn default() -> Self {
        let (tx, rx) = mpsc::channel();
        Events { rx, tx }
    }
}

impl Events {
    pub fn sender(&self) -> Sender<Wake> {
        self.tx.clone()
    }

    /// The next wake-up; with a `tick` (work under way shows its progress)
    /// None once it passes with nothing.
    pub fn next(&self, tick: Option<Duration>) -> Option<Wake> {
        match tick {
            None => self.rx.recv().ok(),
            Some(t) => self.rx.recv_timeout(t).ok(),
        }
    }

    /// A wake-up already waiting, if any (never blocks).
    pub fn ready(&self) -> Option<Wake> {
        self.rx.try_recv().ok()
    }

    /// Starts the threads that feed the channel from the real terminal
    /// and the process's signals.
    pub fn watch_terminal(&self) {
        let keys = self.sender();
        let _ = std::thread::Builder::new()
            .name("nastavnik-keys".into())
            .spawn(move || read_terminal(keys));
        let gone = self.sender();
        let _ = std::thread::Builder::new()
            .name("nastavnik-hangup".into())
            .spawn(move || {
                if wait_for_hangup() {
                    let _ = gone.send(Wake::Hangup);
                }
            });
        watch_signals(self.sender());
    }
}

/// The terminal's events until it fails (EIO once the terminal is gone).
fn read_terminal(tx: Sender<Wake>) {
    loop {
        match crossterm::event::read() {
            Ok(ev) => {
                if tx.send(Wake::Terminal(ev)).is_err() {
                    return;
                }
            }
            Err(_) => {
                let _ = tx.send(Wake::Hangup);
                return;
            }
        }
    }
}

/// Blocks until the terminal hangs up. crossterm reads a hung-up terminal
/// as endless empty reads and never says so; the kernel does, as POLLHUP
/// on the descriptor (asked for nothing else, poll wakes for nothing else).
/// False where there is no terminal to watch.
fn wait_for_hangup() -> bool {
    use std::os::fd::AsRawFd;
    // crossterm reads standard input when it is a terminal, else /dev/tty.
    // SAFETY: isatty only inspects the descriptor.
    let tty;
    let fd = if unsafe { libc::isatty(0) } == 1 {
        0
    } else {
        match std::fs::File::open("/dev/tty") {
            Ok(f) => {
                tty = f;
                tty.as_raw_fd()
            }
            Err(_) => return false,
        }
    };
    loop {
        let mut pfd = libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        };
        // SAFETY: one pollfd on our stack, its count 1; no timeout.
        let rc = unsafe { libc::poll(&mut pfd, 1, -1) };
        if rc < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return false;
        }
        if pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return true;
        }
    }
}

/// How long the loop has to leave on its own after a signal before the
/// process ends anyway (a stuck job must not keep the database).
const SIGNAL_GRACE: Duration = Duration::from_millis(1500);

/// SIGHUP, SIGTERM, SIGINT and SIGQUIT wake the loop, which leaves; if it
/// has not within [`SIGNAL_GRACE`], the process ends here as a kill would
/// end it (what was said saved is on disk already: every save is flushed
/// before the interface says so).
fn watch_signals(tx: Sender<Wake>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT])
    else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("nastavnik-signals".into())
        .spawn(move || {
            let Some(sig) = signals.forever().next() else {
                return;
            };
            let _ = tx.send(Wake::Signal(sig));
            std::thread::sleep(SIGNAL_GRACE);
            super::restore_terminal();
            // SAFETY: _exit ends the process at once; the kernel releases
            // the lock with the descriptors. Nothing is half-written by
            // it that a kill would not leave as well (sled survives kills).
            unsafe { libc::_exit(128 + sig) }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaving_codes_follow_the_shells_convention() {
        assert_eq!(Wake::Hangup.leave_code(), Some(129));
        assert_eq!(Wake::Signal(libc::SIGTERM).leave_code(), Some(143));
        assert_eq!(Wake::WorkEnded.leave_code(), None);
    }

    #[test]
    fn a_tick_passes_and_a_wake_up_arrives() {
        let events = Events::default();
        assert!(events.next(Some(Duration::from_millis(5))).is_none());
        events.sender().send(Wake::Request).unwrap();
        assert!(matches!(events.next(None), Some(Wake::Request)));
        assert!(events.ready().is_none());
    }
}
