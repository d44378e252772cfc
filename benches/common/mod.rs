//! What the benches that run the whole binary share.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Runs the binary; (seconds, peak resident MB, standard output).
pub fn timed(db: &Path, args: &[&str]) -> (f64, f64, String) {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary runs");
    let pid = child.id() as libc::pid_t;
    let out = std::thread::spawn(move || {
        use std::io::Read;
        let mut s = String::new();
        let mut child = child;
        child.stdout.take().map(|mut o| o.read_to_string(&mut s));
        (child, s)
    });
    let mut status = 0;
    // SAFETY: `usage` is a plain struct wait4 fills in; pid is our child's.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = start.elapsed().as_secs_f64();
    let (_child, stdout) = out.join().expect("the reader");
    (secs, usage.ru_maxrss as f64 / 1024.0, stdout)
}
