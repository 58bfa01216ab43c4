//! Records kept by blocks of ids (schema 9): the residents and the households, the two kinds
//! a district holds by the hundred thousand, are stored sixteen to a key.
//!
//! sled's every open loads a slot per page of the store, and its leaves split at sixteen keys,
//! so the cost of an open follows the number of keys, not their bytes: a district's copy with
//! its 1.32 million resident and household keys in blocks of sixteen opened in 24 ms where
//! the same data a record to a key took 86 (benches/README.md). A block stays well under the
//! size at which sled writes a page as a blob file of its own (about 128 KB for a leaf of
//! sixteen blocks).
//!
//! Key: `0xFF` ++ block number (id / 16, u64 big-endian): nine bytes, so that they sort after
//! every record key of an older store (eight bytes, an id), which a restored snapshot or a
//! store not yet migrated may still hold; readers take both until the migration has moved
//! the last, and every write of a record moves it into its block.
//!
//! Value, format 1: version byte; the number of records (1 to 16); per record, ascending and
//! inside the block: id (u64 big-endian), length (u32 big-endian), the record's own stored
//! bytes (with its own format version). Trailing bytes, a record out of its block or out of
//! order, and a record over `MAX_RECORD` bytes are refused as damage.

use std::ops::Range;

use sled::IVec;

use super::{Store, Tree, id_key};
use crate::error::{Error, Result};
use crate::model::Id;

/// Ids per block.
pub const BLOCK_IDS: u64 = 16;
/// The first byte of a block's key.
const TAG: u8 = 0xFF;
pub(crate) const BLOCK_KEY_LEN: usize = 9;
pub const BLOCK_VERSION: u8 = 1;
/// A record's most bytes in a block (a resident with a long history of notes is a few KB).
const MAX_RECORD: usize = 1 << 20;
const KIND: &str = "record block";

impl Tree {
    /// Whether this tree's records are kept by blocks (`blocks.rs`).
    pub fn blocked(self) -> bool {
        matches!(self, Tree::Residents | Tree::Households)
    }
}

/// The key of the block holding `id`.
pub fn block_key(id: Id) -> [u8; BLOCK_KEY_LEN] {
    let mut k = [TAG; BLOCK_KEY_LEN];
    k[1..].copy_from_slice(&(id / BLOCK_IDS).to_be_bytes());
    k
}

/// The block number a key names, if it is a block's key.
pub fn block_of_key(key: &[u8]) -> Option<u64> {
    match key.split_first() {
        Some((&TAG, rest)) => <[u8; 8]>::try_from(rest).ok().map(u64::from_be_bytes),
        _ => None,
    }
}

fn bad(reason: String) -> Error {
    Error::Corrupt { kind: KIND, reason }
}

/// The block number of a block's key, or damage.
fn block_number(key: &[u8]) -> Result<u64> {
    block_of_key(key).ok_or_else(|| bad(format!("a key of {} bytes", key.len())))
}

/// The id of a record's own key (`id_key`), or damage.
pub(crate) fn record_id(key: &[u8]) -> Result<Id> {
    <[u8; 8]>::try_from(key)
        .map(u64::from_be_bytes)
        .map_err(|_| bad(format!("a record key of {} bytes", key.len())))
}

/// The records of block `block` as stored in `raw`: each id and where its bytes are.
pub fn parse(block: u64, raw: &[u8]) -> Result<Vec<(Id, Range<usize>)>> {
    let (&version, rest) = raw.split_first().ok_or_else(|| bad("empty".into()))?;
    if version != BLOCK_VERSION {
        return Err(bad(format!("unknown format version {version}")));
    }
    let (&count, _) = rest.split_first().ok_or_else(|| bad("no count".into()))?;
    if count == 0 || u64::from(count) > BLOCK_IDS {
        return Err(bad(format!("{count} records")));
    }
    let first = block.saturating_mul(BLOCK_IDS);
    let mut out = Vec::with_capacity(usize::from(count));
    let mut at = 2;
    for _ in 0..count {
        let head = raw
            .get(at..at + 12)
            .ok_or_else(|| bad("cut short".into()))?;
        let id = u64::from_be_bytes(head[..8].try_into().expect("8 bytes"));
        let len = u32::from_be_bytes(head[8..].try_into().expect("4 bytes")) as usize;
        if id < first || id - first >= BLOCK_IDS {
            return Err(bad(format!("record {id} in block {block}")));
        }
        if out.last().is_some_and(|(prev, _)| *prev >= id) {
            return Err(bad(format!("record {id} out of order")));
        }
        if len > MAX_RECORD {
            return Err(bad(format!("a record of {len} bytes")));
        }
        at += 12;
        let end = at + len;
        if end > raw.len() {
            return Err(bad("cut short".into()));
        }
        out.push((id, at..end));
        at = end;
    }
    if at != raw.len() {
        return Err(bad(format!("{} trailing bytes", raw.len() - at)));
    }
    Ok(out)
}

/// A block's stored value; `records` ascending by id, all in one block, 1 to 16 of them.
pub fn encode(records: &[(Id, &[u8])]) -> Vec<u8> {
    debug_assert!(!records.is_empty() && records.len() as u64 <= BLOCK_IDS);
    let len: usize = records.iter().map(|(_, r)| 12 + r.len()).sum();
    let mut out = Vec::with_capacity(2 + len);
    out.push(BLOCK_VERSION);
    out.push(records.len() as u8);
    for (id, r) in records {
        out.extend_from_slice(&id.to_be_bytes());
        out.extend_from_slice(&(r.len() as u32).to_be_bytes());
        out.extend_from_slice(r);
    }
    out
}

/// The records of a stored block, each as a slice of the stored value (nothing copied).
fn records_of(key: &[u8], raw: &IVec) -> Result<Vec<(Id, IVec)>> {
    Ok(parse(block_number(key)?, raw)?
        .into_iter()
        .map(|(id, r)| (id, raw.subslice(r.start, r.len())))
        .collect())
}

/// A block as a commit changes it: its records by id, owned.
pub(crate) struct Staged {
    records: Vec<(Id, Vec<u8>)>,
}

impl Staged {
    pub(crate) fn read(key: &[u8], raw: Option<&[u8]>) -> Result<Staged> {
        let records = match raw {
            None => Vec::new(),
            Some(raw) => parse(block_number(key)?, raw)?
                .into_iter()
                .map(|(id, r)| (id, raw[r].to_vec()))
                .collect(),
        };
        Ok(Staged { records })
    }

    /// Puts (`Some`) or takes out (`None`) record `id`.
    pub(crate) fn set(&mut self, id: Id, value: Option<&[u8]>) {
        let at = self.records.binary_search_by_key(&id, |(i, _)| *i);
        match (at, value) {
            (Ok(i), Some(v)) => self.records[i].1 = v.to_vec(),
            (Err(i), Some(v)) => self.records.insert(i, (id, v.to_vec())),
            (Ok(i), None) => {
                self.records.remove(i);
            }
            (Err(_), None) => {}
        }
    }

    /// The block's new value; `None` when it holds no record (its key is removed).
    pub(crate) fn value(&self) -> Option<Vec<u8>> {
        (!self.records.is_empty()).then(|| {
            let refs: Vec<(Id, &[u8])> = self
                .records
                .iter()
                .map(|(id, r)| (*id, r.as_slice()))
                .collect();
            encode(&refs)
        })
    }
}

/// The records of a tree by id, from its blocks and, in a store not yet migrated, its record
/// keys (merged in id order; a tree a record to a key has only the latter).
pub struct Records {
    blocks: Option<super::Iter>,
    pending: std::vec::IntoIter<(Id, IVec)>,
    loose: Option<super::Iter>,
    from: Id,
    /// The next record of each source, read ahead to merge them.
    head_block: Option<(Id, IVec)>,
    head_loose: Option<(Id, IVec)>,
    started: bool,
    done: bool,
}

impl Records {
    fn new(blocks: Option<super::Iter>, loose: Option<super::Iter>, from: Id) -> Records {
        Records {
            blocks,
            pending: Vec::new().into_iter(),
            loose,
            from,
            head_block: None,
            head_loose: None,
            started: false,
            done: false,
        }
    }

    fn next_of_blocks(&mut self) -> Result<Option<(Id, IVec)>> {
        loop {
            if let Some(r) = self.pending.next() {
                if r.0 >= self.from {
                    return Ok(Some(r));
                }
                continue;
            }
            let Some(kv) = self.blocks.as_mut().and_then(Iterator::next) else {
                return Ok(None);
            };
            let (k, v) = kv?;
            self.pending = records_of(&k, &v)?.into_iter();
        }
    }

    fn next_loose(&mut self) -> Result<Option<(Id, IVec)>> {
        let Some(kv) = self.loose.as_mut().and_then(Iterator::next) else {
            return Ok(None);
        };
        let (k, v) = kv?;
        Ok(Some((record_id(&k)?, v)))
    }

    fn step(&mut self) -> Result<Option<(Id, IVec)>> {
        if !self.started {
            self.started = true;
            self.head_block = self.next_of_blocks()?;
            self.head_loose = self.next_loose()?;
        }
        let ids = (
            self.head_block.as_ref().map(|r| r.0),
            self.head_loose.as_ref().map(|r| r.0),
        );
        Ok(match ids {
            (None, None) => None,
            (Some(b), Some(l)) if l < b => {
                let next = self.next_loose()?;
                std::mem::replace(&mut self.head_loose, next)
            }
            (Some(_), _) => {
                let next = self.next_of_blocks()?;
                std::mem::replace(&mut self.head_block, next)
            }
            (None, Some(_)) => {
                let next = self.next_loose()?;
                std::mem::replace(&mut self.head_loose, next)
            }
        })
    }
}

impl Iterator for Records {
    type Item = Result<(Id, IVec)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let r = self.step().transpose();
        if matches!(r, None | Some(Err(_))) {
            self.done = true;
        }
        r
    }
}

impl Store {
    /// Whether a blocked tree still holds record keys of its own (a store not yet migrated to
    /// schema 9, or one rebuilt from an older snapshot): one look at its first key.
    pub(crate) fn has_loose_records(&self, tree: Tree) -> Result<bool> {
        Ok(match self.tree(tree).first()? {
            Some((k, _)) => block_of_key(&k).is_none(),
            None => false,
        })
    }

    /// The stored bytes of record `id` of `tree`.
    pub(crate) fn record(&self, tree: Tree, id: Id) -> Result<Option<IVec>> {
        let t = self.tree(tree);
        if !tree.blocked() {
            return Ok(t.get(id_key(id))?);
        }
        let key = block_key(id);
        if let Some(raw) = t.get(key)? {
            let found = records_of(&key, &raw)?.into_iter().find(|(i, _)| *i == id);
            if let Some((_, v)) = found {
                return Ok(Some(v));
            }
        }
        if self.has_loose_records(tree)? {
            return Ok(t.get(id_key(id))?);
        }
        Ok(None)
    }

    /// The records of `tree` from id `from` on, by id, as stored.
    pub(crate) fn records_from(&self, tree: Tree, from: Id) -> Result<Records> {
        let t = self.tree(tree);
        if !tree.blocked() {
            return Ok(Records::new(None, Some(t.range(id_key(from)..)), from));
        }
        let loose = self
            .has_loose_records(tree)?
            .then(|| t.range(id_key(from).to_vec()..vec![TAG]));
        Ok(Records::new(Some(t.range(block_key(from)..)), loose, from))
    }

    /// Every record of `tree`, by id, as stored.
    pub(crate) fn records(&self, tree: Tree) -> Result<Records> {
        self.records_from(tree, 0)
    }

    /// The largest id stored in `tree`.
    pub(crate) fn last_record_id(&self, tree: Tree) -> Result<Option<Id>> {
        let t = self.tree(tree);
        if !tree.blocked() {
            return t.last()?.map(|(k, _)| record_id(&k)).transpose();
        }
        let in_blocks = match t.last()? {
            Some((k, v)) if block_of_key(&k).is_some() => {
                records_of(&k, &v)?.last().map(|(id, _)| *id)
            }
            _ => None,
        };
        let loose = match t.range(..vec![TAG]).next_back() {
            Some(kv) => Some(record_id(&kv?.0)?),
            None => None,
        };
        Ok(in_blocks.max(loose))
    }

    /// How many records `tree` holds (a walk of its blocks' counts, for a blocked tree).
    pub(crate) fn count_records(&self, tree: Tree) -> Result<u64> {
        let mut n = 0u64;
        for kv in &self.tree(tree) {
            let (k, v) = kv?;
            n += match block_of_key(&k) {
                Some(block) => parse(block, &v)?.len() as u64,
                None => 1,
            };
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests;
