//! Writes: a command is planned into a `Batch` (reads happen while planning), then the batch is
//! committed in one sled transaction over all trees and made durable before returning.

use std::collections::HashMap;
use std::sync::MutexGuard;

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::{Entity, Store, Tree, checkins, id_key, meta};
use crate::error::{Error, Result};
use crate::model::{CheckIn, CheckInKey, Community};

enum Op {
    Put(Tree, Vec<u8>, Vec<u8>),
    Delete(Tree, Vec<u8>),
}

/// The writes of one command (or one slice of an import).
#[derive(Default)]
pub struct Batch {
    ops: Vec<Op>,
    /// Ids handed out in this batch but not yet in their tree.
    allocated: HashMap<Tree, u64>,
}

impl Batch {
    pub fn put<T: Entity>(&mut self, value: &T) {
        self.ops.push(Op::Put(
            T::TREE,
            id_key(value.id()).to_vec(),
            value.encode(),
        ));
    }

    pub fn put_raw(&mut self, tree: Tree, key: &[u8], value: Vec<u8>) {
        self.ops.push(Op::Put(tree, key.to_vec(), value));
    }

    pub fn delete(&mut self, tree: Tree, key: &[u8]) {
        self.ops.push(Op::Delete(tree, key.to_vec()));
    }

    pub fn put_checkin(&mut self, c: &CheckIn) {
        let k = c.key();
        self.put_raw(Tree::CheckIns, &checkins::day_key(&k), checkins::encode(c));
        self.put_raw(Tree::CheckInsByElder, &checkins::elder_key(&k), Vec::new());
    }

    pub fn delete_checkin(&mut self, k: &CheckInKey) {
        self.delete(Tree::CheckIns, &checkins::day_key(k));
        self.delete(Tree::CheckInsByElder, &checkins::elder_key(k));
    }

    pub fn set_community(&mut self, c: &Community) {
        self.put_raw(Tree::Meta, meta::COMMUNITY, super::codec::encode(1, c));
    }

    /// Keeps the elders index in step with a resident's care plan.
    pub fn index_elder(&mut self, id: u64, has_care_plan: bool) {
        if has_care_plan {
            self.put_raw(Tree::Elders, &id_key(id), Vec::new());
        } else {
            self.delete(Tree::Elders, &id_key(id));
        }
    }
}

impl Store {
    /// Held while a command is planned and committed, so ids and checks stay valid.
    pub(crate) fn write_guard(&self) -> MutexGuard<'_, ()> {
        self.write_lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The next free id of a kind: one past the largest stored or already allocated.
    pub(crate) fn next_id<T: Entity>(&self, batch: &mut Batch) -> Result<u64> {
        let stored = match self.tree(T::TREE).last()? {
            Some((k, _)) => {
                u64::from_be_bytes(k.as_ref().try_into().map_err(|_| Error::Corrupt {
                    kind: T::KIND,
                    reason: "bad key".into(),
                })?)
            }
            None => 0,
        };
        let slot = batch.allocated.entry(T::TREE).or_insert(0);
        let id = stored.max(*slot) + 1;
        *slot = id;
        Ok(id)
    }

    /// Applies a batch in one transaction; with `durable`, flushes and fsyncs before returning.
    pub(crate) fn commit(&self, batch: &Batch, durable: bool) -> Result<()> {
        let result: std::result::Result<(), TransactionError<Error>> =
            self.trees.as_slice().transaction(|txs| {
                for op in &batch.ops {
                    match op {
                        Op::Put(t, k, v) => {
                            txs[*t as usize].insert(k.as_slice(), v.as_slice())?;
                        }
                        Op::Delete(t, k) => {
                            txs[*t as usize].remove(k.as_slice())?;
                        }
                    }
                }
                Ok::<(), ConflictableTransactionError<Error>>(())
            });
        match result {
            Ok(()) => {}
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => return Err(e.into()),
        }
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if durable {
            self.sync()?;
        }
        Ok(())
    }
}
