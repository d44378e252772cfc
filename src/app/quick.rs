//! `status --short` in a few milliseconds on a district: its counts are
//! kept in a small file in the database directory, written whenever a
//! status is worked out, and removed by the store at every change
//! ([`crate::store::Store::flush`]), so a kept line is never older than
//! the data. A kept line holds for the date and settings it was worked
//! out with only.

use crate::status::{Options, Short};
use crate::store::{dir::SHORT_STATUS_FILE, Store};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Serialize, Deserialize)]
struct Kept {
    /// The program's version and the options, as one comparable text.
    key: String,
    counts: Short,
}

fn key(opts: &Options) -> String {
    format!("{} {opts:?}", env!("CARGO_PKG_VERSION"))
}

/// The kept counts of the database at `db`, if they hold for `opts`.
/// Reads no database: a command that finds them opens nothing.
pub fn kept(db: &Path, opts: &Options) -> Option<Short> {
    let bytes = std::fs::read(db.join(SHORT_STATUS_FILE)).ok()?;
    let kept: Kept = serde_json::from_slice(&bytes).ok()?;
    (kept.key == key(opts)).then_some(kept.counts)
}

/// The counts for the one line: kept, or worked out and kept.
pub fn short(store: &Store, opts: &Options) -> anyhow::Result<Short> {
    if let Some(counts) = kept(store.path(), opts) {
        return Ok(counts);
    }
    let counts = super::status_of(store, opts)?.short();
    keep(store, opts, counts);
    Ok(counts)
}

/// Keeps the counts just worked out; a file that cannot be written only
/// costs the next `--short` its speed.
pub fn keep(store: &Store, opts: &Options, counts: Short) {
    let kept = Kept {
        key: key(opts),
        counts,
    };
    if let Ok(bytes) = serde_json::to_vec(&kept) {
        let _ = crate::fsutil::write_private(
            &store.path().join(SHORT_STATUS_FILE),
            &bytes,
            store.path(),
        );
    }
}
