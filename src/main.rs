use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The bases hold minors' personal data: whatever this process creates
    // (database files, exports) is readable by its owner only.
    // SAFETY: umask only sets the process's file-mode mask; no memory is touched.
    unsafe {
        libc::umask(0o077);
    }
    // An empty `NASTAVNIK_DB=` means not set; clap would take it for a
    // `--db` given no value. Done first, before any other thread exists.
    if std::env::var_os("NASTAVNIK_DB").is_some_and(|v| v.is_empty()) {
        std::env::remove_var("NASTAVNIK_DB");
    }
    nastavnik::cli::main(nastavnik::cli::Cli::parse())
}
