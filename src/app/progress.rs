//! Progress bars on stderr, only when it is a terminal of this command's
//! own (not when run on another process's behalf, under its interface).

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

pub fn bar(total: u64, what: &str, o: &super::Output) -> ProgressBar {
    if !std::io::stderr().is_terminal() || !o.is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(total);
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {eta}") {
        pb.set_style(style.progress_chars("=> "));
    }
    pb.set_message(what.to_string());
    pb
}
