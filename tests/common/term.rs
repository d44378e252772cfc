//! The real binary in a pseudo-terminal, with a terminal emulator reading
//! what it draws: what a curator sees at 80x24, without tmux or any other
//! program outside the crates.

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(20);

pub struct Term {
    /// Both None once the terminal has been closed ([`Term::hang_up`]).
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// The reader reads the master's own descriptor (a cloned reader would
    /// keep the terminal open after a hang-up) until told to stop.
    reading: Option<std::thread::JoinHandle<()>>,
    stop: Arc<AtomicBool>,
}

/// A key as the terminal sends it.
pub enum Key<'a> {
    Text(&'a str),
    Enter,
    Tab,
    Esc,
    F2,
    PageDown,
    Down,
}

impl Key<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Key::Text(t) => t.as_bytes(),
            Key::Enter => b"\r",
            Key::Tab => b"\t",
            Key::Esc => b"\x1b",
            Key::F2 => b"\x1bOQ",
            Key::PageDown => b"\x1b[6~",
            Key::Down => b"\x1b[B",
        }
    }
}

impl Term {
    /// Starts `nastavnik --db DB ARGS` in `cwd` in an 80x24 terminal.
    pub fn start(db: &Path, args: &[&str], cwd: &Path) -> Term {
        let pty = native_pty_system()
            .openpty(size(24, 80))
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nastavnik"));
        cmd.arg("--db");
        cmd.arg(db);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).expect("the binary starts");
        drop(pty.slave);
        let fd = pty.master.as_raw_fd().expect("the master's descriptor");
        let writer = pty.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nonzero(24), nonzero(80), 0)));
        let sink = Arc::clone(&screen);
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let reading = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stopped.load(Ordering::SeqCst) {
                let mut pfd = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one pollfd on the stack; the master outlives this
                // thread (joined before it is closed).
                if unsafe { libc::poll(&mut pfd, 1, 20) } <= 0 {
                    continue;
                }
                // SAFETY: reads into our buffer, at most its length.
                let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
                if n <= 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n as usize]);
            }
        });
        Term {
            master: Some(pty.master),
            writer: Some(writer),
            child,
            screen,
            reading: Some(reading),
            stop,
        }
    }

    /// Closes the terminal under the program, as a dropped SSH connection
    /// or a killed tmux session does: every descriptor of the master side.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(r) = self.reading.take() {
            let _ = r.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// Whether the program has ended (reaped if so).
    pub fn exited(&mut self) -> Option<u32> {
        self.child.try_wait().unwrap().map(|s| s.exit_code())
    }

    pub fn key(&mut self, key: Key) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(key.bytes()).unwrap();
        writer.flush().unwrap();
        // A key and the next one apart, as typed: an Esc followed at once by
        // a letter would read as Alt+letter.
        std::thread::sleep(Duration::from_millis(30));
    }

    pub fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.key(Key::Text(k));
        }
    }

    /// Types text in one write, as a fast typist or an input method would.
    pub fn type_text(&mut self, text: &str) {
        self.key(Key::Text(text));
    }

    /// A bracketed paste, as a terminal sends one.
    pub fn paste(&mut self, text: &str) {
        self.type_text(&format!("\x1b[200~{text}\x1b[201~"));
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        let master = self.master.as_ref().expect("the terminal is open");
        master.resize(size(rows, cols)).unwrap();
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child")
    }

    pub fn screen(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("«{text}» never appeared; the screen:\n{}", self.screen());
    }

    /// Waits for the program to end; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        panic!("the program did not quit; the screen:\n{}", self.screen());
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.hang_up();
    }
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has rows and columns")
}
