//! A consistent copy of the store while writes go on, for snapshots.
//!
//! sled has no read snapshots, and holding the write lock for the whole copy would stop the
//! roll call for seconds. Instead the copy walks the trees in key order, a chunk at a time
//! under the write lock, and every commit made meanwhile first saves what it overwrites ahead
//! of the copy's cursor (copy-on-write). Each chunk then reads as the store stood when the
//! copy began: keys written since are read from the saved values, keys created since are
//! skipped, and keys deleted since are put back.

use std::collections::BTreeMap;
use std::ops::Bound;

use super::{Store, Tree};
use crate::error::Result;

/// Records read per chunk: small enough that a check-in waits well under a millisecond.
const CHUNK: usize = 512;
/// Bytes read per chunk, whatever the count: a district's packed days and search blocks run
/// to a megabyte each (sled keeps them as blob files), and 512 of them would be held at once.
const CHUNK_BYTES: usize = 4 << 20;

pub(crate) struct Copy {
    /// Index into `Tree::ALL` of the tree being copied; `Tree::ALL.len()` when done.
    tree: usize,
    /// The last key copied in that tree.
    after: Option<Vec<u8>>,
    /// Per tree: what keys ahead of the cursor held when the copy began (`None`: absent).
    saved: Vec<BTreeMap<Vec<u8>, Option<Vec<u8>>>>,
}

impl Copy {
    fn ahead(&self, tree: usize, key: &[u8]) -> bool {
        tree > self.tree || (tree == self.tree && self.after.as_deref().is_none_or(|a| key > a))
    }
}

/// Records of one chunk: (tree index, key, value), in key order within a tree.
pub type CopyChunk = Vec<(u8, Vec<u8>, Vec<u8>)>;

impl Store {
    /// Starts a copy as of now. The caller holds the write lock, so no commit is half done.
    pub(crate) fn begin_copy(&self) {
        *self
            .copy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Copy {
            tree: 0,
            after: None,
            saved: vec![BTreeMap::new(); Tree::ALL.len()],
        });
    }

    pub(crate) fn end_copy(&self) {
        *self
            .copy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }

    /// Called by every commit before it writes: saves the values these keys hold if a copy
    /// has yet to reach them.
    pub(super) fn preserve_for_copy<'k>(
        &self,
        keys: impl Iterator<Item = (Tree, &'k [u8])>,
    ) -> Result<()> {
        let mut guard = self
            .copy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(copy) = guard.as_mut() else {
            return Ok(());
        };
        for (tree, key) in keys {
            let t = tree as usize;
            if copy.ahead(t, key) && !copy.saved[t].contains_key(key) {
                let before = self.tree(tree).get(key)?.map(|v| v.to_vec());
                copy.saved[t].insert(key.to_vec(), before);
            }
        }
        Ok(())
    }

    /// The next chunk of the copy, or `None` when every tree is done. Takes the write lock for
    /// the length of one chunk.
    pub(crate) fn copy_chunk(&self) -> Result<Option<CopyChunk>> {
        let _write = self.write_guard();
        let mut guard = self
            .copy
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let copy = guard.as_mut().expect("a copy was begun");
        if copy.tree >= Tree::ALL.len() {
            return Ok(None);
        }
        let t = copy.tree;
        let sled_tree = self.tree(Tree::ALL[t]);
        let lower = match &copy.after {
            Some(a) => Bound::Excluded(a.clone()),
            None => Bound::Unbounded,
        };
        let mut live: Vec<(Vec<u8>, Vec<u8>)> = Vec::with_capacity(CHUNK);
        let mut bytes = 0;
        let mut tree_done = true;
        for kv in sled_tree.range::<Vec<u8>, _>((lower.clone(), Bound::Unbounded)) {
            let (k, v) = kv?;
            bytes += k.len() + v.len();
            live.push((k.to_vec(), v.to_vec()));
            if live.len() == CHUNK || bytes >= CHUNK_BYTES {
                tree_done = false;
                break;
            }
        }
        super::reclaim::after_reads(live.len());
        let last_live = (!tree_done).then(|| live.last().expect("a full chunk").0.clone());
        let upper = match &last_live {
            None => Bound::Unbounded,
            Some(k) => Bound::Included(k.clone()),
        };
        // What the range held when the copy began: live values not written since, plus the
        // saved values (which also bring back keys deleted since).
        let saved = &mut copy.saved[t];
        let mut merged: BTreeMap<Vec<u8>, Vec<u8>> = live
            .into_iter()
            .filter(|(k, _)| !saved.contains_key(k))
            .collect();
        let in_range: Vec<Vec<u8>> = saved
            .range::<Vec<u8>, _>((lower, upper))
            .map(|(k, _)| k.clone())
            .collect();
        for k in in_range {
            if let Some(Some(v)) = saved.remove(&k) {
                merged.insert(k, v);
            }
        }
        let chunk = merged.into_iter().map(|(k, v)| (t as u8, k, v)).collect();
        if tree_done {
            copy.tree += 1;
            copy.after = None;
        } else {
            copy.after = last_live;
        }
        Ok(Some(chunk))
    }
}

#[cfg(test)]
mod tests;
