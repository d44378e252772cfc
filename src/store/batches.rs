//! Large writes in bounded batches, still all or nothing: before the first
//! batch the id counters and the history sequence are noted in a journal;
//! a process killed in the middle leaves the journal, and the next open
//! takes back every record given an id after it. One sled transaction of
//! half a million inserts held gigabytes; batches of a few thousand hold
//! a few megabytes.

use super::entity::EntityKind;
use super::error::{Result, StoreError};
use super::tx::{Tx, TxResult};
use super::{layout, Deed, Store};
use std::collections::BTreeMap;

const JOURNAL: &str = "batch_journal";
/// In the journal: the last undo group before the write.
const UNDO_AT: &str = "undo_at";
/// Inserts per transaction.
pub const BATCH: usize = 2_000;

/// A write in several transactions that counts as one: dropped without
/// [`Batches::finish`] (an error, a panic), it takes back what it wrote.
pub struct Batches<'a> {
    store: &'a Store,
    finished: bool,
    deed: Deed,
    /// The undo group all the batches go to, once the first has written.
    group: std::cell::Cell<Option<u64>>,
}

impl Batches<'_> {
    /// One transaction of the write. Only inserts: what is taken back is
    /// what got an id after the start.
    pub fn write<T>(&self, f: impl Fn(&Tx) -> TxResult<T>) -> Result<T> {
        let (v, group) = self.store.write_in(self.deed, self.group.get(), f)?;
        if group.is_some() {
            self.group.set(group);
        }
        Ok(v)
    }

    pub fn finish(mut self) -> Result<()> {
        self.store.meta().remove(JOURNAL)?;
        self.store.flush()?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Batches<'_> {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.store.roll_back_batches();
        }
    }
}

impl Store {
    /// Starts a write of many transactions that stands or falls as one,
    /// and that undo takes back as one.
    pub fn batches(&self, deed: Deed) -> Result<Batches<'_>> {
        self.begin_batches()?;
        Ok(Batches {
            store: self,
            finished: false,
            deed,
            group: Default::default(),
        })
    }

    fn begin_batches(&self) -> Result<()> {
        // A counter not yet in meta is 0 at the rollback.
        let mut at = self.counters()?;
        at.insert(UNDO_AT.into(), self.undo_seq()?);
        let bytes = serde_json::to_vec(&at).map_err(|e| StoreError::Rejected(e.to_string()))?;
        self.meta().insert(JOURNAL, bytes)?;
        self.flush()
    }

    /// At open: a batch write that did not finish is taken back.
    pub(crate) fn recover_batches(&self) -> Result<bool> {
        if self.meta().get(JOURNAL)?.is_none() {
            return Ok(false);
        }
        self.roll_back_batches()?;
        Ok(true)
    }

    /// Removes every record with an id given after the journal, and its
    /// history; puts the counters back; rebuilds the derived trees.
    fn roll_back_batches(&self) -> Result<()> {
        let Some(bytes) = self.meta().get(JOURNAL)? else {
            return Ok(());
        };
        let at: BTreeMap<String, u64> =
            serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
                tree: layout::META_TREE,
                id: 0,
                reason: e.to_string(),
            })?;
        for kind in EntityKind::ALL {
            let key = layout::counter_key(kind);
            let start = at.get(&key).copied().unwrap_or(0);
            let now = self.meta_get(&key)?.unwrap_or(0);
            for id in start + 1..=now {
                self.tree(kind).remove(id.to_be_bytes())?;
                let history: Vec<_> = self.trees[layout::HISTORY]
                    .scan_prefix(layout::history_prefix(kind, id))
                    .keys()
                    .collect::<sled::Result<_>>()?;
                for k in history {
                    self.trees[layout::HISTORY].remove(k)?;
                }
            }
            self.meta().insert(key.as_bytes(), &start.to_be_bytes())?;
        }
        // Absent from the journal: there was no history yet.
        let seq = at.get(layout::HISTORY_SEQ).copied().unwrap_or(0);
        self.meta()
            .insert(layout::HISTORY_SEQ, &seq.to_be_bytes())?;
        if let Some(seq) = at.get(UNDO_AT) {
            self.forget_undo_after(*seq)?;
        }
        self.rebuild_indexes()?;
        self.meta().remove(JOURNAL)?;
        self.flush()
    }
}
