//! Writes: a command is planned into a `Batch` (reads happen while planning), then the batch is
//! committed in one sled transaction over all trees and made durable before returning.

use std::collections::{BTreeMap, HashMap};
use std::sync::MutexGuard;

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::{Entity, Store, Tree, checkins, id_key, meta};
use crate::day::Date;
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
    /// Days of check-ins changed by this batch, as they will be written.
    days: BTreeMap<Date, Vec<CheckIn>>,
    /// The journal entry this batch applies: recorded in the meta tree in the same
    /// transaction, so the store always knows how far into the journal it is.
    seq: Option<u64>,
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

    pub fn set_community(&mut self, c: &Community) {
        self.put_raw(Tree::Meta, meta::COMMUNITY, super::codec::encode(1, c));
    }

    /// Records that this batch applies journal entry `seq`.
    pub fn set_seq(&mut self, seq: u64) {
        self.seq = Some(seq);
    }

    /// The value each key of `tree` is left with by this batch so far (`None`: deleted), by
    /// key: what the kept indexes are updated from.
    pub(crate) fn staged(&self, tree: Tree) -> BTreeMap<Vec<u8>, Option<Vec<u8>>> {
        let mut out = BTreeMap::new();
        for op in &self.ops {
            match op {
                Op::Put(t, k, v) if *t == tree => out.insert(k.clone(), Some(v.clone())),
                Op::Delete(t, k) if *t == tree => out.insert(k.clone(), None),
                _ => None,
            };
        }
        out
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
    /// The day's check-ins as this batch will leave them, read from the store on first use.
    fn staged_day<'b>(&self, batch: &'b mut Batch, date: Date) -> Result<&'b mut Vec<CheckIn>> {
        Ok(match batch.days.entry(date) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => e.insert(self.checkins_on(date)?),
        })
    }

    /// Adds (or replaces) a check-in in its day.
    pub(crate) fn put_checkin(&self, batch: &mut Batch, c: &CheckIn) -> Result<()> {
        let day = self.staged_day(batch, c.date)?;
        checkins::upsert(day, c.clone());
        Ok(())
    }

    /// Takes a check-in out of its day.
    pub(crate) fn delete_checkin(&self, batch: &mut Batch, k: &CheckInKey) -> Result<()> {
        let day = self.staged_day(batch, k.date)?;
        checkins::remove(day, k.elder, k.seq);
        Ok(())
    }

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

    /// Applies a batch in one transaction, keeping the per-tree key counts and the applied
    /// journal sequence in the meta tree; with `durable`, flushes and fsyncs before returning.
    pub(crate) fn commit(&self, batch: &Batch, durable: bool) -> Result<()> {
        let days: Vec<(Vec<u8>, Option<Vec<u8>>)> = batch
            .days
            .iter()
            .map(|(date, day)| {
                let value = (!day.is_empty()).then(|| checkins::encode(day));
                (checkins::day_key(*date).to_vec(), value)
            })
            .collect();
        // A snapshot being copied keeps what these keys held before (see `copy.rs`).
        self.preserve_for_copy(
            days.iter()
                .map(|(k, _)| (Tree::CheckIns, k.as_slice()))
                .chain(batch.ops.iter().map(|op| match op {
                    Op::Put(t, k, _) | Op::Delete(t, k) => (*t, k.as_slice()),
                })),
        )?;
        let result: std::result::Result<(), TransactionError<Error>> =
            self.trees.as_slice().transaction(|txs| {
                let mut delta = [0i64; Tree::ALL.len()];
                let checkin_days = &txs[Tree::CheckIns as usize];
                for (k, v) in &days {
                    let before = match v {
                        Some(v) => checkin_days.insert(k.as_slice(), v.as_slice())?,
                        None => checkin_days.remove(k.as_slice())?,
                    };
                    delta[Tree::CheckIns as usize] +=
                        i64::from(v.is_some()) - i64::from(before.is_some());
                }
                for op in &batch.ops {
                    let (t, before, after) = match op {
                        Op::Put(t, k, v) => (
                            *t,
                            txs[*t as usize].insert(k.as_slice(), v.as_slice())?,
                            true,
                        ),
                        Op::Delete(t, k) => (*t, txs[*t as usize].remove(k.as_slice())?, false),
                    };
                    delta[t as usize] += i64::from(after) - i64::from(before.is_some());
                }
                let meta_tx = &txs[Tree::Meta as usize];
                delta[Tree::Meta as usize] = 0;
                if let Some(raw) = meta_tx.get(meta::COUNTS)? {
                    let mut counts = decode_counts(&raw);
                    for (c, d) in counts.iter_mut().zip(delta) {
                        *c = c.saturating_add_signed(d);
                    }
                    meta_tx.insert(meta::COUNTS, encode_counts(&counts))?;
                }
                if let Some(seq) = batch.seq {
                    meta_tx.insert(meta::APPLIED, &seq.to_be_bytes())?;
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

/// Key counts per tree, in `Tree::ALL` order, as 8-byte big-endian numbers.
pub(crate) fn encode_counts(counts: &[u64]) -> Vec<u8> {
    counts.iter().flat_map(|c| c.to_be_bytes()).collect()
}

pub(crate) fn decode_counts(raw: &[u8]) -> Vec<u64> {
    let mut counts: Vec<u64> = raw
        .chunks_exact(8)
        .map(|c| u64::from_be_bytes(c.try_into().expect("8 bytes")))
        .collect();
    counts.resize(Tree::ALL.len(), 0);
    counts
}
