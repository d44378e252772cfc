//! One atomic write across records: ids, values, index entries and history
//! all land together or not at all.

use super::entity::{Entity, EntityKind, Index};
use super::error::StoreError;
use super::history::{diff, Action, Change, HistoryEntry};
use super::layout;
use super::timeline;
use super::touched::Touched;
use super::undo::Step;
use crate::domain::Id;
use chrono::{DateTime, Utc};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};
use std::cell::RefCell;

pub type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

/// Aborts the transaction with a store error.
pub fn abort<T>(e: StoreError) -> TxResult<T> {
    Err(ConflictableTransactionError::Abort(e))
}

pub struct Tx<'a> {
    pub(super) trees: &'a [TransactionalTree],
    pub(super) who: &'a str,
    pub(super) at: DateTime<Utc>,
    /// What this write changed, for undo; none while undoing or redoing.
    steps: Option<RefCell<Vec<Step>>>,
    /// The records and timelines written, for the interface's reread.
    touched: RefCell<Touched>,
}

impl<'a> Tx<'a> {
    pub(super) fn new(trees: &'a [TransactionalTree], who: &'a str, at: DateTime<Utc>) -> Tx<'a> {
        Tx {
            trees,
            who,
            at,
            steps: Some(RefCell::new(Vec::new())),
            touched: Default::default(),
        }
    }

    /// A write that notes nothing for undo: an undo or a redo itself.
    pub(super) fn quiet(trees: &'a [TransactionalTree], who: &'a str, at: DateTime<Utc>) -> Tx<'a> {
        Tx {
            trees,
            who,
            at,
            steps: None,
            touched: Default::default(),
        }
    }

    /// What this transaction wrote, taken out.
    pub(super) fn take_touched(&self) -> Touched {
        self.touched.take()
    }

    /// The steps noted so far, taken out.
    pub(super) fn take_steps(&self) -> Vec<Step> {
        self.steps.as_ref().map(RefCell::take).unwrap_or_default()
    }

    fn note(&self, kind: EntityKind, id: Id, before: Option<serde_json::Value>) {
        if let Some(steps) = &self.steps {
            steps.borrow_mut().push(Step::new(kind, id, before));
        }
    }
    fn entity_tree(&self, kind: EntityKind) -> &TransactionalTree {
        &self.trees[layout::entity_pos(kind)]
    }

    fn index_tree(&self, index: Index) -> &TransactionalTree {
        &self.trees[layout::index_pos(index)]
    }

    fn meta(&self) -> &TransactionalTree {
        &self.trees[layout::META]
    }

    /// Increments a counter in the meta tree and returns the new value.
    pub(super) fn bump(&self, key: &str) -> TxResult<u64> {
        let next = self
            .meta()
            .get(key)?
            .map(|v| layout::read_u64(&v))
            .unwrap_or(0)
            + 1;
        self.meta().insert(key.as_bytes(), &next.to_be_bytes())?;
        Ok(next)
    }

    pub fn get<E: Entity>(&self, id: Id) -> TxResult<Option<E>> {
        match self.entity_tree(E::KIND).get(id.to_be_bytes())? {
            None => Ok(None),
            Some(bytes) => match layout::decode::<E>(&bytes, id) {
                Ok(e) => Ok(Some(e)),
                Err(err) => abort(err),
            },
        }
    }

    /// Gives the record the next id of its kind and stores it.
    pub fn insert<E: Entity>(&self, e: &mut E) -> TxResult<Id> {
        let id = self.bump(&layout::counter_key(E::KIND))?;
        e.set_id(id);
        self.put(e)?;
        self.follow_timeline(None, e)?;
        for (index, key) in e.index_keys() {
            self.index_tree(index).insert(key, &[])?;
        }
        self.record(E::KIND, id, Action::Created, Vec::new())?;
        self.note(E::KIND, id, None);
        Ok(id)
    }

    /// Replaces a stored record, keeping its indexes and history. Writing a
    /// record that did not change records nothing.
    pub fn update<E: Entity>(&self, e: &E) -> TxResult<()> {
        let old: E = match self.get(e.id())? {
            Some(old) => old,
            None => {
                return abort(StoreError::NotFound {
                    tree: E::KIND.tree(),
                    id: e.id(),
                })
            }
        };
        let before = to_value(&old)?;
        let changes = diff(&before, &to_value(e)?);
        if changes.is_empty() {
            return Ok(());
        }
        self.note(E::KIND, e.id(), Some(before));
        let action = match (old.archived(), e.archived()) {
            (false, true) => Action::Archived,
            (true, false) => Action::Restored,
            _ => Action::Updated,
        };
        for (index, key) in old.index_keys() {
            self.index_tree(index).remove(key)?;
        }
        for (index, key) in e.index_keys() {
            self.index_tree(index).insert(key, &[])?;
        }
        self.put(e)?;
        self.follow_timeline(Some(&old), e)?;
        self.record(E::KIND, e.id(), action, changes)
    }

    /// Replaces a stored record and records `action` without the values:
    /// for an erasure, whose history must not hold what it removed.
    pub fn replace_without_values<E: Entity>(&self, e: &E, action: Action) -> TxResult<()> {
        let Some(old) = self.get::<E>(e.id())? else {
            return abort(StoreError::NotFound {
                tree: E::KIND.tree(),
                id: e.id(),
            });
        };
        for (index, key) in old.index_keys() {
            self.index_tree(index).remove(key)?;
        }
        for (index, key) in e.index_keys() {
            self.index_tree(index).insert(key, &[])?;
        }
        self.put(e)?;
        self.follow_timeline(Some(&old), e)?;
        self.record(E::KIND, e.id(), action, Vec::new())
    }

    /// Removes a record and its index entries: only for an erasure (every
    /// other removal is an archive).
    pub fn remove<E: Entity>(&self, id: Id) -> TxResult<()> {
        if let Some(old) = self.get::<E>(id)? {
            for (index, key) in old.index_keys() {
                self.index_tree(index).remove(key)?;
            }
            self.entity_tree(E::KIND).remove(&id.to_be_bytes())?;
            self.touched.borrow_mut().record(E::KIND, id);
        }
        Ok(())
    }

    /// Rewrites or removes one history entry by its key (an erasure).
    pub fn set_history(&self, key: &[u8], entry: Option<&HistoryEntry>) -> TxResult<()> {
        let tree = &self.trees[layout::HISTORY];
        match entry {
            None => {
                tree.remove(key)?;
            }
            Some(e) => {
                let bytes = serde_json::to_vec(e).map_err(|err| {
                    ConflictableTransactionError::Abort(StoreError::Rejected(err.to_string()))
                })?;
                tree.insert(key, bytes)?;
            }
        }
        Ok(())
    }

    fn timeline(&self, unit: Id) -> TxResult<Vec<crate::domain::MeetingBrief>> {
        let t = &self.trees[layout::TIMELINE];
        Ok(t.get(unit.to_be_bytes())?
            .map(|v| timeline::decode(&v))
            .unwrap_or_default())
    }

    /// Keeps a meeting's unit timeline (and the old unit's, if it moved) in step.
    fn follow_timeline<E: Entity>(&self, old: Option<&E>, new: &E) -> TxResult<()> {
        let Some((unit, brief)) = new.timeline_entry() else {
            return Ok(());
        };
        let old_place = match old.and_then(Entity::timeline_entry) {
            Some((old_unit, _)) if old_unit != unit => Some((old_unit, self.timeline(old_unit)?)),
            _ => None,
        };
        let t = &self.trees[layout::TIMELINE];
        for (u, list) in timeline::apply(old_place, unit, self.timeline(unit)?, brief) {
            // A pair whose last meeting moved away has no timeline, as one
            // that never had a meeting (`check` compares them so).
            if list.is_empty() {
                t.remove(&u.to_be_bytes())?;
            } else {
                t.insert(&u.to_be_bytes(), timeline::encode(&list))?;
            }
            self.touched.borrow_mut().timeline(u);
        }
        Ok(())
    }

    /// Puts a record back as `to` was (or takes it out when `to` is none):
    /// an undo or a redo. Returns the record as it was.
    pub(super) fn put_back<E: Entity>(
        &self,
        id: Id,
        to: Option<&serde_json::Value>,
        action: Action,
    ) -> TxResult<Option<serde_json::Value>> {
        let current: Option<E> = self.get(id)?;
        let now = current.as_ref().map(to_value).transpose()?;
        let target: Option<E> = match to {
            None => None,
            Some(v) => match serde_json::from_value(v.clone()) {
                Ok(e) => Some(e),
                Err(err) => {
                    return abort(StoreError::Corrupt {
                        tree: E::KIND.tree(),
                        id,
                        reason: err.to_string(),
                    })
                }
            },
        };
        if let Some(old) = &current {
            for (index, key) in old.index_keys() {
                self.index_tree(index).remove(key)?;
            }
        }
        match &target {
            Some(e) => {
                self.put(e)?;
                for (index, key) in e.index_keys() {
                    self.index_tree(index).insert(key, &[])?;
                }
                self.follow_timeline(current.as_ref(), e)?;
            }
            None => {
                if let Some(old) = &current {
                    self.entity_tree(E::KIND).remove(&id.to_be_bytes())?;
                    self.touched.borrow_mut().record(E::KIND, id);
                    self.leave_timeline(old)?;
                }
            }
        }
        let changes = match (&now, to) {
            (Some(a), Some(b)) => diff(a, b),
            _ => Vec::new(),
        };
        self.record(E::KIND, id, action, changes)?;
        Ok(now)
    }

    /// Takes a meeting out of its unit's timeline.
    fn leave_timeline<E: Entity>(&self, old: &E) -> TxResult<()> {
        let Some((unit, brief)) = old.timeline_entry() else {
            return Ok(());
        };
        let mut list = self.timeline(unit)?;
        list.retain(|b| b.id != brief.id);
        let t = &self.trees[layout::TIMELINE];
        self.touched.borrow_mut().timeline(unit);
        if list.is_empty() {
            t.remove(&unit.to_be_bytes())?;
        } else {
            t.insert(&unit.to_be_bytes(), timeline::encode(&list))?;
        }
        Ok(())
    }

    /// Archives (or restores) a record; nothing is ever deleted.
    pub fn set_archived<E: Entity>(&self, id: Id, archived: bool) -> TxResult<E> {
        let mut e: E = match self.get(id)? {
            Some(e) => e,
            None => {
                return abort(StoreError::NotFound {
                    tree: E::KIND.tree(),
                    id,
                })
            }
        };
        e.set_archived(archived);
        self.update(&e)?;
        Ok(e)
    }

    fn put<E: Entity>(&self, e: &E) -> TxResult<()> {
        let bytes = match serde_json::to_vec(e) {
            Ok(b) => b,
            Err(err) => return abort(StoreError::Rejected(err.to_string())),
        };
        self.entity_tree(E::KIND)
            .insert(&e.id().to_be_bytes(), bytes)?;
        self.touched.borrow_mut().record(E::KIND, e.id());
        Ok(())
    }

    fn record(
        &self,
        kind: EntityKind,
        id: Id,
        action: Action,
        changes: Vec<Change>,
    ) -> TxResult<()> {
        let seq = self.bump(layout::HISTORY_SEQ)?;
        let entry = HistoryEntry {
            at: self.at,
            who: self.who.to_string(),
            action,
            changes,
        };
        let bytes = serde_json::to_vec(&entry).map_err(|e| {
            ConflictableTransactionError::Abort(StoreError::Rejected(e.to_string()))
        })?;
        self.trees[layout::HISTORY].insert(layout::history_key(kind, id, seq), bytes)?;
        Ok(())
    }
}

fn to_value<E: Entity>(e: &E) -> TxResult<serde_json::Value> {
    serde_json::to_value(e)
        .map_err(|err| ConflictableTransactionError::Abort(StoreError::Rejected(err.to_string())))
}
