use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The bases hold minors' personal data: whatever this process creates
    // (database files, exports) is readable by its owner only.
    // SAFETY: umask only sets the process's file-mode mask; no memory is touched.
    unsafe {
        libc::umask(0o077);
    }
    nastavnik::cli::main(nastavnik::cli::Cli::parse())
}
