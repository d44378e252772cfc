//! Undo and redo, across restarts. Every write transaction notes, beside
//! its history, each record it touched as it was before (nothing for a new
//! record). What a person did at once (a form save, accepting 25 pairs, an
//! import in many batches) is one group. Undo puts the "before" images back
//! (a record that was new is taken out) and keeps the "after" images for
//! redo. The order is linear: a new change after an undo drops what could
//! have been redone. An erasure or a restored backup forgets every group,
//! so nothing erased can come back this way.

use super::entity::EntityKind;
use super::error::{Result, StoreError};
use super::history::Action;
use super::layout;
use super::tx::{abort, Tx, TxResult};
use super::Store;
use crate::domain::*;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sled::transaction::TransactionalTree;
use sled::Transactional;

/// What a person did, so that «Отменено: …» can name it; the interface
/// words it. A plain change is worded from what it touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deed {
    #[default]
    Change,
    AcceptPairs,
    Import,
    Merge,
}

/// What an undo or a redo took back or put again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub deed: Deed,
    /// The kind most of the records were, and how many of them.
    pub kind: EntityKind,
    pub count: usize,
    /// How the change was made: created, updated, archived or restored.
    pub action: Action,
    pub at: DateTime<Utc>,
    pub who: String,
}

/// The groups kept; older ones are forgotten.
const KEEP: usize = 200;
const STACK: &[u8] = b"stack";
const REDO: &[u8] = b"redo";
/// Groups to remove outside a transaction (dropped from redo or the stack).
const DROPPED: &[u8] = b"dropped";
const SEQ: &str = "seq:undo";

#[derive(Serialize, Deserialize, Clone, Debug)]
pub(super) struct Step {
    kind: u8,
    id: Id,
    /// The record before the change; none for a new record.
    before: Option<Value>,
    /// The record after it, noted when the change is undone (for redo).
    #[serde(default)]
    after: Option<Value>,
}

impl Step {
    pub(super) fn new(kind: EntityKind, id: Id, before: Option<Value>) -> Step {
        Step {
            kind: kind.code(),
            id,
            before,
            after: None,
        }
    }
}

#[derive(Serialize, Deserialize, Clone)]
struct Chunk {
    steps: Vec<Step>,
    undone: bool,
}

#[derive(Serialize, Deserialize, Clone)]
struct Header {
    at: DateTime<Utc>,
    who: String,
    deed: Deed,
    chunks: u32,
}

fn header_key(gid: u64) -> Vec<u8> {
    let mut k = vec![b'g'];
    k.extend_from_slice(&gid.to_be_bytes());
    k
}

fn chunk_key(gid: u64, n: u32) -> Vec<u8> {
    let mut k = vec![b'c'];
    k.extend_from_slice(&gid.to_be_bytes());
    k.extend_from_slice(&n.to_be_bytes());
    k
}

fn rejected<T>(e: impl std::fmt::Display) -> TxResult<T> {
    abort(StoreError::Rejected(e.to_string()))
}

fn json<T: Serialize>(v: &T) -> TxResult<Vec<u8>> {
    serde_json::to_vec(v).or_else(rejected)
}

fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> std::result::Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
        tree: layout::UNDO_TREE,
        id: 0,
        reason: e.to_string(),
    })
}

fn list_bytes(list: &[u64]) -> Result<Vec<u8>> {
    serde_json::to_vec(list).map_err(|e| StoreError::Rejected(e.to_string()))
}

fn read_list(t: &TransactionalTree, key: &[u8]) -> TxResult<Vec<u64>> {
    match t.get(key)? {
        None => Ok(Vec::new()),
        Some(v) => parse(&v).or_else(abort),
    }
}

fn write_list(t: &TransactionalTree, key: &[u8], list: &[u64]) -> TxResult<()> {
    t.insert(key, json(&list)?)?;
    Ok(())
}

/// Inside a write: notes its steps in the group `open` (a batch write
/// under way), or in a new group. Returns the group.
pub(super) fn note(tx: &Tx, open: Option<u64>, deed: Deed, steps: Vec<Step>) -> TxResult<u64> {
    let t = &tx.trees[layout::UNDO];
    let found = match open {
        Some(gid) => t.get(header_key(gid))?.map(|v| (gid, v)),
        None => None,
    };
    let (gid, mut header) = match found {
        Some((gid, bytes)) => (gid, parse::<Header>(&bytes).or_else(abort)?),
        None => {
            let gid = tx.bump(SEQ)?;
            let mut stack = read_list(t, STACK)?;
            stack.push(gid);
            write_list(t, STACK, &stack)?;
            // A new change: what was undone can no longer be redone.
            let redo = read_list(t, REDO)?;
            if !redo.is_empty() {
                let mut dropped = read_list(t, DROPPED)?;
                dropped.extend(redo);
                write_list(t, DROPPED, &dropped)?;
                write_list(t, REDO, &[])?;
            }
            let header = Header {
                at: tx.at,
                who: tx.who.to_string(),
                deed,
                chunks: 0,
            };
            (gid, header)
        }
    };
    let chunk = Chunk {
        steps,
        undone: false,
    };
    t.insert(chunk_key(gid, header.chunks), json(&chunk)?)?;
    header.chunks += 1;
    t.insert(header_key(gid), json(&header)?)?;
    Ok(gid)
}

/// Puts a record of any kind to `to` (or takes it out), returning it as it was.
fn put_back(
    tx: &Tx,
    kind: EntityKind,
    id: Id,
    to: Option<&Value>,
    action: Action,
) -> TxResult<Option<Value>> {
    match kind {
        EntityKind::Organisation => tx.put_back::<Organisation>(id, to, action),
        EntityKind::Partner => tx.put_back::<Partner>(id, to, action),
        EntityKind::Mentor => tx.put_back::<Mentor>(id, to, action),
        EntityKind::Mentee => tx.put_back::<Mentee>(id, to, action),
        EntityKind::Program => tx.put_back::<Program>(id, to, action),
        EntityKind::Unit => tx.put_back::<Unit>(id, to, action),
        EntityKind::Meeting => tx.put_back::<Meeting>(id, to, action),
        EntityKind::SurveyTemplate => tx.put_back::<SurveyTemplate>(id, to, action),
        EntityKind::SurveyResponse => tx.put_back::<SurveyResponse>(id, to, action),
        EntityKind::RoadmapItem => tx.put_back::<RoadmapItem>(id, to, action),
        EntityKind::Document => tx.put_back::<Document>(id, to, action),
    }
}

impl Store {
    fn undo_tree(&self) -> &sled::Tree {
        &self.trees[layout::UNDO]
    }

    fn list_of(&self, key: &[u8]) -> Result<Vec<u64>> {
        match self.undo_tree().get(key)? {
            None => Ok(Vec::new()),
            Some(v) => parse(&v),
        }
    }

    fn header(&self, gid: u64) -> Result<Header> {
        match self.undo_tree().get(header_key(gid))? {
            Some(v) => parse(&v),
            None => Err(StoreError::Corrupt {
                tree: layout::UNDO_TREE,
                id: gid,
                reason: "no header".into(),
            }),
        }
    }

    /// What `u` would take back, without doing it.
    pub fn undo_top(&self) -> Result<Option<Summary>> {
        match self.list_of(STACK)?.last() {
            None => Ok(None),
            Some(&gid) => self.summary(gid).map(Some),
        }
    }

    /// What redo would put back, without doing it.
    pub fn redo_top(&self) -> Result<Option<Summary>> {
        match self.list_of(REDO)?.last() {
            None => Ok(None),
            Some(&gid) => self.summary(gid).map(Some),
        }
    }

    /// Takes back the newest change not yet undone.
    pub fn undo(&self) -> Result<Option<Summary>> {
        let Some(&gid) = self.list_of(STACK)?.last() else {
            return Ok(None);
        };
        self.replay(gid, true)
    }

    /// Puts back the newest change undone.
    pub fn redo(&self) -> Result<Option<Summary>> {
        let Some(&gid) = self.list_of(REDO)?.last() else {
            return Ok(None);
        };
        self.replay(gid, false)
    }

    /// Undoes (backwards) or redoes (forwards) a group one chunk per
    /// transaction. A chunk marks itself done in its own transaction, so a
    /// kill in the middle leaves the group half done, and the same key
    /// finishes it.
    fn replay(&self, gid: u64, undo: bool) -> Result<Option<Summary>> {
        let header = self.header(gid)?;
        let order: Vec<u32> = if undo {
            (0..header.chunks).rev().collect()
        } else {
            (0..header.chunks).collect()
        };
        for n in order {
            let Some(bytes) = self.undo_tree().get(chunk_key(gid, n))? else {
                continue;
            };
            let chunk: Chunk = parse(&bytes)?;
            if chunk.undone == undo {
                continue;
            }
            self.replay_chunk(gid, n, chunk, undo)?;
        }
        self.move_group(gid, undo)?;
        self.flush()?;
        self.summary(gid).map(Some)
    }

    fn replay_chunk(&self, gid: u64, n: u32, chunk: Chunk, undo: bool) -> Result<()> {
        let at = Utc::now();
        let result = self.trees[..].transaction(|trees| {
            let tx = Tx::quiet(trees, &self.actor, at);
            let mut steps = chunk.steps.clone();
            let apply = |s: &mut Step| -> TxResult<()> {
                let Some(kind) = EntityKind::from_code(s.kind) else {
                    return rejected("unknown kind in the undo journal");
                };
                if undo {
                    s.after = put_back(&tx, kind, s.id, s.before.as_ref(), Action::Undone)?;
                } else {
                    put_back(&tx, kind, s.id, s.after.as_ref(), Action::Redone)?;
                }
                Ok(())
            };
            if undo {
                steps.iter_mut().rev().try_for_each(apply)?;
            } else {
                steps.iter_mut().try_for_each(apply)?;
            }
            let done = Chunk {
                steps,
                undone: undo,
            };
            trees[layout::UNDO].insert(chunk_key(gid, n), json(&done)?)?;
            Ok(tx.take_touched())
        });
        self.note_touched(result.map_err(StoreError::from_tx)?);
        Ok(())
    }

    fn move_group(&self, gid: u64, undo: bool) -> Result<()> {
        let (from, to) = if undo { (STACK, REDO) } else { (REDO, STACK) };
        let t = self.undo_tree();
        let result = t.transaction(|t| {
            let mut a = read_list(t, from)?;
            a.retain(|g| *g != gid);
            let mut b = read_list(t, to)?;
            b.push(gid);
            write_list(t, from, &a)?;
            write_list(t, to, &b)
        });
        result.map_err(StoreError::from_tx)
    }

    fn summary(&self, gid: u64) -> Result<Summary> {
        let header = self.header(gid)?;
        let mut counts: std::collections::BTreeMap<EntityKind, usize> = Default::default();
        let (mut created, mut archived, mut restored, mut total) = (0, 0, 0, 0);
        for kv in self.undo_tree().scan_prefix(&chunk_key(gid, 0)[..9]) {
            let (_, v) = kv?;
            let chunk: Chunk = parse(&v)?;
            for s in &chunk.steps {
                let Some(kind) = EntityKind::from_code(s.kind) else {
                    continue;
                };
                *counts.entry(kind).or_default() += 1;
                total += 1;
                let flag = |v: &Option<Value>| {
                    v.as_ref()
                        .and_then(|v| v.get("archived"))
                        .and_then(Value::as_bool)
                };
                match (flag(&s.before), flag(&s.after)) {
                    (None, _) => created += 1,
                    (Some(false), Some(true)) => archived += 1,
                    (Some(true), Some(false)) => restored += 1,
                    _ => {}
                }
            }
        }
        let (kind, count) = counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .unwrap_or((EntityKind::Mentor, 0));
        // The "after" images are known once a group has been undone; before
        // that an archive shows as a plain update.
        let action = match () {
            _ if created == total => Action::Created,
            _ if archived == total => Action::Archived,
            _ if restored == total => Action::Restored,
            _ => Action::Updated,
        };
        Ok(Summary {
            deed: header.deed,
            kind,
            count,
            action,
            at: header.at,
            who: header.who,
        })
    }

    /// Removes what no list names any more and keeps the newest [`KEEP`].
    pub(super) fn trim_undo(&self) -> Result<()> {
        let mut stack = self.list_of(STACK)?;
        let mut gone = self.list_of(DROPPED)?;
        if stack.len() > KEEP {
            gone.extend(stack.drain(..stack.len() - KEEP));
        }
        if gone.is_empty() {
            return Ok(());
        }
        for gid in &gone {
            self.forget_group(*gid)?;
        }
        let t = self.undo_tree();
        t.insert(STACK, list_bytes(&stack)?)?;
        t.remove(DROPPED)?;
        Ok(())
    }

    fn forget_group(&self, gid: u64) -> Result<()> {
        let t = self.undo_tree();
        t.remove(header_key(gid))?;
        let keys: Vec<_> = t
            .scan_prefix(&chunk_key(gid, 0)[..9])
            .keys()
            .collect::<sled::Result<_>>()?;
        for k in keys {
            t.remove(k)?;
        }
        Ok(())
    }

    /// The last group number given out (for a batch write's journal).
    pub(super) fn undo_seq(&self) -> Result<u64> {
        Ok(self.meta_get(SEQ)?.unwrap_or(0))
    }

    /// Forgets the groups started after `seq` (a batch write taken back).
    pub(super) fn forget_undo_after(&self, seq: u64) -> Result<()> {
        let stack = self.list_of(STACK)?;
        let (keep, gone): (Vec<u64>, Vec<u64>) = stack.into_iter().partition(|g| *g <= seq);
        for gid in gone {
            self.forget_group(gid)?;
        }
        self.undo_tree().insert(STACK, list_bytes(&keep)?)?;
        self.meta().insert(SEQ, &seq.to_be_bytes())?;
        Ok(())
    }

    /// Forgets every change (an erasure, a backup loaded in).
    pub(super) fn forget_undo(&self) -> Result<()> {
        self.undo_tree().clear()?;
        Ok(())
    }
}

impl StoreError {
    fn from_tx(e: sled::transaction::TransactionError<StoreError>) -> StoreError {
        match e {
            sled::transaction::TransactionError::Abort(e) => e,
            sled::transaction::TransactionError::Storage(e) => e.into(),
        }
    }
}
