use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // The bases hold minors' personal data: whatever this process creates
    // (database files, exports) is readable by its owner only.
    // SAFETY: umask only sets the process's file-mode mask; no memory is touched.
    unsafe {
        libc::umask(0o077);
    }
    let cli = nastavnik::cli::Cli::parse();
    match nastavnik::cli::run(cli) {
        Ok(code) => code,
        Err(e) if nastavnik::cli::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            nastavnik::tui::restore_terminal();
            eprintln!(
                "nastavnik: {}",
                nastavnik::text::sanitize_line(&format!("{e:#}"))
            );
            ExitCode::from(2)
        }
    }
}
