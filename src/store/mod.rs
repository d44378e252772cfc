//! Durable storage on sled 0.34, behind the API the rest of the program
//! uses. Every write that returns Ok has been flushed to disk.

pub mod backup;
pub mod backups;
pub mod batches;
mod check;
pub mod dir;
pub mod entity;
pub mod erase;
pub mod error;
pub mod history;
mod layout;
pub mod lock;
pub mod merge;
pub mod migrate;
mod timeline;
pub mod touched;
pub mod tx;
pub mod undo;

pub use backup::Backup;
pub use entity::{Entity, EntityKind, Index};
pub use error::{Result, StoreError};
pub use history::{Action, Change, HistoryEntry};
pub use touched::Touched;
pub use tx::{abort, Tx, TxResult};
pub use undo::{Deed, Summary as UndoSummary};

use crate::domain::{Dataset, Id, Timelines};
use chrono::Utc;
use entity::{member_key, name_prefix};
use lock::DbLock;
use sled::transaction::TransactionError;
use sled::{Transactional, Tree};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// sled's page cache (its default is 1 GiB). sled 0.34 counts a page by
/// its stored size, far below what it holds in memory: 64 MB "cached" was
/// 400 MB more at a district's restore, while reads, whole-tree scans all,
/// are as fast from the system's file cache.
const CACHE_BYTES: u64 = 1024 * 1024;

/// Who makes changes, for the history: `$USER`, else `$LOGNAME`, else the
/// numeric user id (a service or a bare `su` may set neither).
pub fn current_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| format!("uid {}", crate::fsutil::current_uid()))
}

/// Flushes the database from elsewhere (a signal handler's thread).
/// It lets go of the database when the store closes, so that the files can
/// be opened again in the same process (an erasure rewrites them).
#[derive(Clone)]
pub struct FlushHandle(std::sync::Arc<std::sync::Mutex<Option<sled::Db>>>);

impl FlushHandle {
    pub fn flush(&self) -> Result<()> {
        if let Some(db) = self
            .0
            .lock()
            .map_err(|_| StoreError::Engine("flush".into()))?
            .as_ref()
        {
            db.flush()?;
        }
        Ok(())
    }
}

pub struct Store {
    db: sled::Db,
    /// All trees, in the order [`layout`] fixes.
    trees: Vec<Tree>,
    path: PathBuf,
    actor: String,
    /// Shared with the signal handler's thread; emptied on drop.
    flush_slot: FlushHandle,
    /// What this process's writes touched since the interface last asked.
    touched: std::sync::Mutex<Touched>,
    _lock: DbLock,
}

impl Store {
    /// Opens the database at `path`, creating it if there is none (an
    /// empty or new directory): takes the lock, opens sled, runs migrations.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, true)
    }

    /// Opens a database that exists; where there is none, says so and
    /// creates nothing (the commands that only read).
    pub fn open_existing(path: &Path) -> Result<Store> {
        Store::open_with(path, false)
    }

    fn open_with(path: &Path, create: bool) -> Result<Store> {
        dir::refuse_other_owner(path)?;
        match dir::inspect(path)? {
            dir::Found::Database => {}
            dir::Found::Nothing if create => dir::create(path)?,
            dir::Found::Nothing => {
                return Err(StoreError::NoDatabase {
                    path: path.to_path_buf(),
                })
            }
        }
        let lock = DbLock::acquire(path)?;
        crate::fsutil::clean_partial_writes(path);
        erase::remove_rebuild(path)?;
        let sled_dir = path.join(dir::SLED_DIR);
        dir::remove_stale_snapshots(&sled_dir)?;
        let db = open_sled(&sled_dir).map_err(|e| StoreError::engine(path, e))?;
        dir::restrict(path).map_err(|e| StoreError::io(path, e))?;
        let trees = layout::tree_names()
            .into_iter()
            .map(|n| db.open_tree(n))
            .collect::<sled::Result<Vec<_>>>()
            .map_err(|e| StoreError::engine(path, e))?;
        let store = Store {
            flush_slot: FlushHandle(std::sync::Arc::new(std::sync::Mutex::new(Some(db.clone())))),
            db,
            trees,
            path: path.to_path_buf(),
            actor: current_user(),
            touched: Default::default(),
            _lock: lock,
        };
        if store.meta_get(layout::BULK_MARK)?.is_some() {
            return Err(StoreError::Rejected(format!(
                "загрузка данных в базу {} была прервана, база неполна: удалите каталог и повторите загрузку / \
                 a bulk load into this database was interrupted; delete the directory and load again",
                path.display()
            )));
        }
        migrate::run(&store)?;
        store.recover_batches()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Overrides the name recorded in the history (tests, imports by a service).
    pub fn set_actor(&mut self, who: &str) {
        self.actor = who.to_string();
    }

    /// Writes everything to disk; returns once it is there.
    /// Makes every write so far durable. Every write path ends here, so
    /// it is also where what is worked out from the data is let go of.
    pub fn flush(&self) -> Result<()> {
        self.db.flush()?;
        let _ = std::fs::remove_file(self.path.join(dir::SHORT_STATUS_FILE));
        Ok(())
    }

    /// A handle that can flush from another thread (signal handling).
    pub fn flush_handle(&self) -> FlushHandle {
        self.flush_slot.clone()
    }

    /// Runs `f` as one atomic transaction and flushes before returning;
    /// undo takes it back as one change.
    pub fn write<T>(&self, f: impl Fn(&Tx) -> TxResult<T>) -> Result<T> {
        self.write_as(Deed::Change, f)
    }

    /// [`Store::write`], naming what the person did for undo's message.
    pub fn write_as<T>(&self, deed: Deed, f: impl Fn(&Tx) -> TxResult<T>) -> Result<T> {
        self.write_in(deed, None, f).map(|(v, _)| v)
    }

    /// One transaction of the undo group `open` (a new group if none);
    /// returns the group it went to, if it changed anything.
    pub(crate) fn write_in<T>(
        &self,
        deed: Deed,
        open: Option<u64>,
        f: impl Fn(&Tx) -> TxResult<T>,
    ) -> Result<(T, Option<u64>)> {
        let at = Utc::now();
        let result = self.trees[..].transaction(|trees| {
            let tx = Tx::new(trees, &self.actor, at);
            let v = f(&tx)?;
            let steps = tx.take_steps();
            let group = match steps.is_empty() {
                true => None,
                false => Some(undo::note(&tx, open, deed, steps)?),
            };
            Ok((v, group, tx.take_touched()))
        });
        match result {
            Ok((v, group, touched)) => {
                self.note_touched(touched);
                self.flush()?;
                if group.is_some() && group != open {
                    self.trim_undo()?;
                }
                Ok((v, group))
            }
            Err(TransactionError::Abort(e)) => Err(e),
            Err(TransactionError::Storage(e)) => Err(e.into()),
        }
    }

    pub fn insert<E: Entity>(&self, mut e: E) -> Result<E> {
        let id = self.write(|tx| tx.insert(&mut e.clone()))?;
        e.set_id(id);
        Ok(e)
    }

    pub fn update<E: Entity>(&self, e: &E) -> Result<()> {
        self.write(|tx| tx.update(e))
    }

    pub fn archive<E: Entity>(&self, id: Id) -> Result<E> {
        self.write(|tx| tx.set_archived::<E>(id, true))
    }

    pub fn restore<E: Entity>(&self, id: Id) -> Result<E> {
        self.write(|tx| tx.set_archived::<E>(id, false))
    }

    fn tree(&self, kind: EntityKind) -> &Tree {
        &self.trees[layout::entity_pos(kind)]
    }

    fn index(&self, index: Index) -> &Tree {
        &self.trees[layout::index_pos(index)]
    }

    pub(crate) fn meta(&self) -> &Tree {
        &self.trees[layout::META]
    }

    pub(crate) fn meta_get(&self, key: &str) -> Result<Option<u64>> {
        Ok(self.meta().get(key)?.map(|v| layout::read_u64(&v)))
    }

    pub fn get<E: Entity>(&self, id: Id) -> Result<Option<E>> {
        match self.tree(E::KIND).get(id.to_be_bytes())? {
            Some(bytes) => Ok(Some(layout::decode(&bytes, id)?)),
            None => Ok(None),
        }
    }

    /// Every record of a kind, archived ones too, by id.
    pub fn list<E: Entity>(&self) -> Result<Vec<E>> {
        self.tree(E::KIND)
            .iter()
            .map(|kv| {
                let (k, v) = kv?;
                layout::decode(&v, layout::read_u64(&k))
            })
            .collect()
    }

    pub fn count(&self, kind: EntityKind) -> usize {
        self.tree(kind).len()
    }

    pub fn is_empty(&self) -> bool {
        EntityKind::ALL.iter().all(|k| self.tree(*k).is_empty())
    }

    /// Everything, for status, reports and matching.
    pub fn load(&self) -> Result<Dataset> {
        self.load_parts(true)
    }

    fn load_parts(&self, meetings: bool) -> Result<Dataset> {
        fn map<E: Entity>(s: &Store) -> Result<std::collections::BTreeMap<Id, E>> {
            Ok(s.list::<E>()?.into_iter().map(|e| (e.id(), e)).collect())
        }
        Ok(Dataset {
            orgs: map(self)?,
            partners: map(self)?,
            mentors: map(self)?,
            mentees: map(self)?,
            programs: map(self)?,
            units: map(self)?,
            meetings: if meetings {
                map(self)?
            } else {
                Default::default()
            },
            templates: map(self)?,
            responses: map(self)?,
            roadmap: map(self)?,
            documents: map(self)?,
        })
    }

    /// Ids of the records of a kind whose name folds to the same as `name`
    /// (case and ё/е ignored), through the name index.
    pub fn find_by_name(&self, kind: EntityKind, name: &str) -> Result<Vec<Id>> {
        self.index(Index::Name)
            .scan_prefix(name_prefix(kind, name))
            .keys()
            .map(|k| Ok(layout::read_u64(&k?)))
            .collect()
    }

    /// Ids of the units (pairs, groups) a mentor or mentee is in.
    pub fn units_of(&self, kind: EntityKind, person: Id) -> Result<Vec<Id>> {
        let prefix = &member_key(kind, person, 0)[..9];
        self.index(Index::Member)
            .scan_prefix(prefix)
            .keys()
            .map(|k| Ok(layout::read_u64(&k?)))
            .collect()
    }

    /// Ids of a unit's meetings, by date.
    pub fn meetings_of(&self, unit: Id) -> Result<Vec<Id>> {
        Ok(self
            .timeline_of(unit)?
            .unwrap_or_default()
            .iter()
            .map(|b| b.id)
            .collect())
    }

    /// A unit's meetings in brief, by date; none when it has none.
    pub fn timeline_of(&self, unit: Id) -> Result<Option<Vec<crate::domain::MeetingBrief>>> {
        let t = self.trees[layout::TIMELINE].get(unit.to_be_bytes())?;
        Ok(t.map(|v| timeline::decode(&v)))
    }

    /// Every unit's meetings in brief, without reading the meeting log.
    pub fn timelines(&self) -> Result<Timelines> {
        self.trees[layout::TIMELINE]
            .iter()
            .map(|kv| {
                let (k, v) = kv?;
                Ok((layout::read_u64(&k), timeline::decode(&v)))
            })
            .collect()
    }

    /// Everything but the meeting log (which can be hundreds of thousands
    /// of records): what status and the bases need. Use with [`Store::timelines`].
    pub fn load_without_meetings(&self) -> Result<Dataset> {
        self.load_parts(false)
    }

    /// A record's change history, oldest first.
    pub fn history(&self, kind: EntityKind, id: Id) -> Result<Vec<HistoryEntry>> {
        self.trees[layout::HISTORY]
            .scan_prefix(layout::history_prefix(kind, id))
            .values()
            .map(|v| {
                serde_json::from_slice(&v?).map_err(|e| StoreError::Corrupt {
                    tree: layout::HISTORY_TREE,
                    id,
                    reason: e.to_string(),
                })
            })
            .collect()
    }

    /// The index entries the records call for, per index tree.
    fn expected_index_keys(ds: &Dataset) -> IndexKeys {
        let mut sets = vec![BTreeSet::new(); Index::ALL.len()];
        add_index_keys(&mut sets, ds.orgs.values());
        add_index_keys(&mut sets, ds.partners.values());
        add_index_keys(&mut sets, ds.mentors.values());
        add_index_keys(&mut sets, ds.mentees.values());
        add_index_keys(&mut sets, ds.programs.values());
        add_index_keys(&mut sets, ds.units.values());
        sets
    }

    fn expected_timelines(ds: &Dataset) -> Timelines {
        crate::domain::meeting::timelines_of(ds.meetings.values())
    }

    /// Compares every index tree with what the records call for; returns a
    /// line per difference (empty when consistent).
    pub fn verify_indexes(&self) -> Result<Vec<String>> {
        self.verify_indexes_of(&self.load()?)
    }

    /// [`Store::verify_indexes`] against records already loaded.
    pub(crate) fn verify_indexes_of(&self, ds: &Dataset) -> Result<Vec<String>> {
        let expected = Store::expected_index_keys(ds);
        let mut problems = Vec::new();
        for index in Index::ALL {
            let actual: BTreeSet<Vec<u8>> = self
                .index(index)
                .iter()
                .keys()
                .map(|k| k.map(|k| k.to_vec()))
                .collect::<sled::Result<_>>()?;
            let want = &expected[index as usize];
            for k in want.difference(&actual) {
                problems.push(format!("{}: missing {:?}", index.tree(), k));
            }
            for k in actual.difference(want) {
                problems.push(format!("{}: stale {:?}", index.tree(), k));
            }
        }
        let (want, actual) = (Store::expected_timelines(ds), self.timelines()?);
        for (unit, list) in &want {
            if actual.get(unit) != Some(list) {
                problems.push(format!("{}: unit {unit} differs", layout::TIMELINE_TREE));
            }
        }
        for unit in actual.keys().filter(|u| !want.contains_key(u)) {
            problems.push(format!("{}: stale unit {unit}", layout::TIMELINE_TREE));
        }
        Ok(problems)
    }

    /// Rebuilds every index tree from the records (after a migration).
    pub fn rebuild_indexes(&self) -> Result<()> {
        let ds = self.load()?;
        self.write_derived(
            &Store::expected_index_keys(&ds),
            Store::expected_timelines(&ds),
        )
    }

    /// Replaces the index trees and the timelines with these.
    fn write_derived(&self, expected: &IndexKeys, timelines: Timelines) -> Result<()> {
        self.touched_everything();
        for index in Index::ALL {
            let tree = self.index(index);
            tree.clear()?;
            let mut batch = sled::Batch::default();
            for k in &expected[index as usize] {
                batch.insert(k.as_slice(), &[]);
            }
            tree.apply_batch(batch)?;
        }
        let tree = &self.trees[layout::TIMELINE];
        tree.clear()?;
        let mut batch = sled::Batch::default();
        for (unit, list) in timelines {
            batch.insert(&unit.to_be_bytes(), timeline::encode(&list));
        }
        tree.apply_batch(batch)?;
        self.flush()
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = self.db.flush();
        if let Ok(mut slot) = self.flush_slot.0.lock() {
            slot.take();
        }
    }
}

/// The entries of each index tree, in [`Index::ALL`]'s order.
type IndexKeys = Vec<BTreeSet<Vec<u8>>>;

fn add_index_keys<'a, E: Entity + 'a>(sets: &mut IndexKeys, records: impl Iterator<Item = &'a E>) {
    for e in records {
        for (i, k) in e.index_keys() {
            sets[i as usize].insert(k);
        }
    }
}

/// Opens sled. We hold our own lock already, so sled's lock can only be
/// held by a handle of this process that is still shutting down (sled's
/// flusher thread outlives a dropped `Db` briefly): wait for it, bounded.
fn open_sled(path: &Path) -> sled::Result<sled::Db> {
    // Every write is flushed before it is said to be saved (and on drop):
    // sled's own timer would only wake an idle interface every 500 ms to
    // sync nothing, on a server shared by every curator's session.
    let config = sled::Config::new()
        .path(path)
        .cache_capacity(CACHE_BYTES)
        .flush_every_ms(None);
    let mut waited = std::time::Duration::ZERO;
    loop {
        match config.open() {
            Err(sled::Error::Io(e))
                if e.to_string().contains("could not acquire lock") && waited.as_secs() < 2 =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
                waited += std::time::Duration::from_millis(20);
            }
            other => return other,
        }
    }
}
