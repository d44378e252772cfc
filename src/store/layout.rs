//! Where things sit: the order of trees in a transaction, key formats, and
//! the meta keys.

use super::entity::{Entity, EntityKind, Index};
use super::error::{Result, StoreError};
use crate::domain::Id;

pub const META: usize = 0;
pub const HISTORY: usize = 1;
pub const TIMELINE: usize = 2;
pub const UNDO: usize = 3;
const FIRST_INDEX: usize = 4;
const FIRST_ENTITY: usize = FIRST_INDEX + Index::ALL.len();

pub const META_TREE: &str = "meta";
pub const HISTORY_TREE: &str = "history";
pub const TIMELINE_TREE: &str = "unit_timeline";
pub const UNDO_TREE: &str = "undo";
pub const SCHEMA_KEY: &str = "schema_version";
pub const HISTORY_SEQ: &str = "seq:history";
/// Set while a bulk load (demo, restore) is under way; found at open, it
/// means the load was interrupted.
pub const BULK_MARK: &str = "bulk_load_in_progress";

pub fn index_pos(index: Index) -> usize {
    FIRST_INDEX + index as usize
}

pub fn entity_pos(kind: EntityKind) -> usize {
    FIRST_ENTITY + kind.position()
}

/// Tree names in transaction order.
pub fn tree_names() -> Vec<&'static str> {
    let mut names = vec![META_TREE, HISTORY_TREE, TIMELINE_TREE, UNDO_TREE];
    names.extend(Index::ALL.iter().map(|i| i.tree()));
    names.extend(EntityKind::ALL.iter().map(|k| k.tree()));
    names
}

pub fn counter_key(kind: EntityKind) -> String {
    format!("next_id:{}", kind.tree())
}

pub fn history_key(kind: EntityKind, id: Id, seq: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(17);
    k.push(kind.code());
    k.extend_from_slice(&id.to_be_bytes());
    k.extend_from_slice(&seq.to_be_bytes());
    k
}

pub fn history_prefix(kind: EntityKind, id: Id) -> Vec<u8> {
    let mut k = vec![kind.code()];
    k.extend_from_slice(&id.to_be_bytes());
    k
}

/// (kind, id, seq) from a history key.
pub fn parse_history_key(k: &[u8]) -> Option<(EntityKind, Id, u64)> {
    if k.len() != 17 {
        return None;
    }
    Some((
        EntityKind::from_code(k[0])?,
        read_u64(&k[1..9]),
        read_u64(&k[9..17]),
    ))
}

pub fn read_u64(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    let n = b.len().min(8);
    a[8 - n..].copy_from_slice(&b[b.len() - n..]);
    u64::from_be_bytes(a)
}

pub fn decode<E: Entity>(bytes: &[u8], id: Id) -> Result<E> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
        tree: E::KIND.tree(),
        id,
        reason: e.to_string(),
    })
}
