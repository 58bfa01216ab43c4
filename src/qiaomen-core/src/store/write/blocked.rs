//! A commit's writes to the trees kept by blocks (`store/blocks.rs`).

use std::collections::{BTreeMap, HashMap};

use sled::transaction::ConflictableTransactionError;

use super::{Batch, Op};
use crate::error::{Error, Result};
use crate::model::Id;
use crate::store::{Store, Tree};

/// What a batch writes to the trees kept by blocks (`blocks.rs`): each block it changes, with
/// its records' puts and removals in the order made, and the keys of its records stored a
/// record to a key (a store not yet migrated), which the write moves into the block.
pub(super) struct BlockedWrites<'b> {
    /// (tree index, block key) → the changes of its records.
    blocks: BTreeMap<(usize, Vec<u8>), BlockChanges<'b>>,
    /// Every key the commit may change, for the copy of a snapshot (`preserve_for_copy`).
    pub(super) keys: Vec<(Tree, Vec<u8>)>,
    /// Loose record keys to take out, by tree.
    loose: Vec<(Tree, Vec<u8>)>,
}

/// A block's records put (`Some`) or taken out (`None`), in the order made.
type BlockChanges<'b> = Vec<(Id, Option<&'b [u8]>)>;

impl<'b> BlockedWrites<'b> {
    pub(super) fn plan(store: &Store, batch: &'b Batch) -> Result<BlockedWrites<'b>> {
        let mut writes = BlockedWrites {
            blocks: BTreeMap::new(),
            keys: Vec::new(),
            loose: Vec::new(),
        };
        let mut loose_trees: HashMap<Tree, bool> = HashMap::new();
        for op in &batch.ops {
            let (tree, key, value) = match op {
                Op::Put(t, k, v) => (*t, k, Some(v.as_slice())),
                Op::Delete(t, k) => (*t, k, None),
            };
            if !tree.blocked() {
                continue;
            }
            let id = crate::store::blocks::record_id(key)?;
            let block = crate::store::block_key(id).to_vec();
            let changes = writes
                .blocks
                .entry((tree as usize, block.clone()))
                .or_default();
            if changes.is_empty() {
                writes.keys.push((tree, block));
            }
            changes.push((id, value));
            let has_loose = if let Some(&b) = loose_trees.get(&tree) {
                b
            } else {
                let b = store.has_loose_records(tree)?;
                loose_trees.insert(tree, b);
                b
            };
            if has_loose {
                writes.keys.push((tree, key.clone()));
                writes.loose.push((tree, key.clone()));
            }
        }
        Ok(writes)
    }

    /// Writes the blocks in the transaction, and counts the keys each tree gains or loses.
    pub(super) fn apply(
        &self,
        txs: &[sled::transaction::TransactionalTree],
        delta: &mut [i64],
    ) -> std::result::Result<(), ConflictableTransactionError<Error>> {
        for (t, k) in &self.loose {
            if txs[*t as usize].remove(k.as_slice())?.is_some() {
                delta[*t as usize] -= 1;
            }
        }
        for ((t, key), changes) in &self.blocks {
            let t = *t;
            let tx = &txs[t];
            let before = tx.get(key.as_slice())?;
            let mut block = crate::store::blocks::Staged::read(key, before.as_deref())
                .map_err(ConflictableTransactionError::Abort)?;
            for (id, v) in changes {
                block.set(*id, *v);
            }
            match block.value() {
                Some(v) => {
                    tx.insert(key.as_slice(), v)?;
                    delta[t] += i64::from(before.is_none());
                }
                None => {
                    if before.is_some() {
                        tx.remove(key.as_slice())?;
                        delta[t] -= 1;
                    }
                }
            }
        }
        Ok(())
    }
}
