//! Writes: a command is planned into a `Batch` (reads happen while planning), then the batch is
//! committed in one sled transaction over all trees and made durable before returning.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::MutexGuard;

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::checkins::StoredDay;
use super::day_figures::DayFigure;
use super::{Entity, Store, Tree, checkins, id_key, meta};
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{CheckIn, CheckInKey, Community, Id};

enum Op {
    Put(Tree, Vec<u8>, Vec<u8>),
    Delete(Tree, Vec<u8>),
}

impl Op {
    fn tree(&self) -> Tree {
        match self {
            Op::Put(t, ..) | Op::Delete(t, _) => *t,
        }
    }
}

/// The writes of one command (or one slice of an import).
#[derive(Default)]
pub struct Batch {
    ops: Vec<Op>,
    /// Ids handed out in this batch but not yet in their tree.
    allocated: HashMap<Tree, u64>,
    /// Days of check-ins changed by this batch.
    days: BTreeMap<Date, StagedDay>,
    /// Write every staged day as one packed value, its loose marks folded in (imports, the
    /// fold of closed days, the schema-2 migration); otherwise each changed check-in is
    /// written as a loose mark of its own.
    pack_days: bool,
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
        self.put_raw(
            Tree::Meta,
            meta::COMMUNITY,
            super::codec::encode(super::COMMUNITY_VERSION, c),
        );
    }

    /// Writes the days this batch touches packed (see `pack_days`).
    pub fn pack_days(&mut self) {
        self.pack_days = true;
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
}

/// A day of check-ins as stored, and as this batch will leave it.
pub(crate) struct StagedDay {
    stored: StoredDay,
    merged: Vec<CheckIn>,
    /// Attempts (elder, seq) this batch put or took out.
    changed: BTreeSet<(Id, u16)>,
    /// How many check-ins the day held when staged (of the staged elders).
    before: usize,
    /// Only these elders' check-ins are staged (a mark reads and writes its elder's part of
    /// the day, not the day's thousands); `None`: the whole day is.
    elders: Option<BTreeSet<Id>>,
}

/// What a batch writes to the check-in tree and its bookkeeping in the meta tree.
#[derive(Default)]
struct DayWrites {
    /// Keys of the check-in tree: a value to put, or `None` to remove.
    keys: Vec<(Vec<u8>, Option<Vec<u8>>)>,
    /// Days gaining loose marks, and days packed (their marks folded in).
    loose_added: Vec<Date>,
    loose_packed: Vec<Date>,
    /// Keys of the day figures (`day_figures.rs`), one per pack written.
    figures: Vec<(Vec<u8>, Option<Vec<u8>>)>,
    /// Change in the number of check-ins.
    records: i64,
}

impl DayWrites {
    fn plan(batch: &Batch) -> DayWrites {
        let mut w = DayWrites::default();
        for (date, day) in &batch.days {
            w.records += day.merged.len() as i64 - day.before as i64;
            if batch.pack_days {
                // A day staged in part written as a pack would drop every other elder's
                // packed check-ins: never in a release build either.
                assert!(day.elders.is_none(), "a day written packed is staged whole");
                let pack = (!day.merged.is_empty()).then(|| checkins::encode(&day.merged));
                w.keys.push((checkins::day_key(*date).to_vec(), pack));
                w.figure(*date, &day.merged);
                for m in &day.stored.marks {
                    w.keys
                        .push((checkins::mark_key(*date, m.elder, m.seq).to_vec(), None));
                }
                w.loose_packed.push(*date);
                continue;
            }
            let find = |list: &[CheckIn], (e, s): (Id, u16)| {
                list.binary_search_by_key(&(e, s), |x| (x.elder, x.seq))
                    .ok()
            };
            // A check-in taken back out of the pack rewrites the pack (rare: an undo after
            // the day was folded); everything else is a loose mark of its own.
            let gone_from_pack: Vec<(Id, u16)> = day
                .changed
                .iter()
                .copied()
                .filter(|&k| find(&day.merged, k).is_none() && day.stored.in_pack(k.0, k.1))
                .collect();
            // Only a removal takes a check-in out of the pack, and a removal stages the
            // whole day (`delete_checkin`): the pack rewritten here is the whole day's.
            assert!(
                gone_from_pack.is_empty() || day.elders.is_none(),
                "a check-in taken out of a pack stages the whole day"
            );
            if !gone_from_pack.is_empty() {
                let pack: Vec<CheckIn> = day
                    .stored
                    .pack
                    .iter()
                    .filter(|c| !gone_from_pack.contains(&(c.elder, c.seq)))
                    .cloned()
                    .collect();
                let value = (!pack.is_empty()).then(|| checkins::encode(&pack));
                w.keys.push((checkins::day_key(*date).to_vec(), value));
                w.figure(*date, &pack);
            }
            let mut marked = false;
            for &(e, s) in &day.changed {
                let key = checkins::mark_key(*date, e, s).to_vec();
                match find(&day.merged, (e, s)) {
                    Some(i) => {
                        w.keys
                            .push((key, Some(checkins::encode_mark(&day.merged[i]))));
                        marked = true;
                    }
                    None if day.stored.in_marks(e, s) => w.keys.push((key, None)),
                    None => {}
                }
            }
            if marked {
                w.loose_added.push(*date);
            }
        }
        w
    }

    /// The figure of a pack being written (none for an empty day: its pack is removed).
    fn figure(&mut self, date: Date, pack: &[CheckIn]) {
        let value = (!pack.is_empty()).then(|| DayFigure::of(pack).encode());
        self.figures.push((checkins::day_key(date).to_vec(), value));
    }

    /// The list of days with loose marks after this batch.
    fn loose_after(&self, raw: Option<&[u8]>) -> Vec<Date> {
        let mut days = raw.map(checkins::decode_loose).unwrap_or_default();
        days.retain(|d| !self.loose_packed.contains(d));
        days.extend(&self.loose_added);
        days.sort_unstable();
        days.dedup();
        days
    }
}

impl Store {
    /// The day's check-ins as this batch will leave them, read from the store on first use;
    /// a day staged in part (`staged_part`) is read whole now, with the batch's changes laid
    /// over it.
    fn staged_day<'b>(&self, batch: &'b mut Batch, date: Date) -> Result<&'b mut StagedDay> {
        let part = match batch.days.get(&date) {
            Some(day) if day.elders.is_some() => batch.days.remove(&date),
            _ => None,
        };
        Ok(match batch.days.entry(date) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                let stored = self.stored_day(date)?;
                let mut merged = stored.merged();
                let before = merged.len();
                let mut changed = BTreeSet::new();
                if let Some(part) = part {
                    for &(elder, seq) in &part.changed {
                        match part
                            .merged
                            .binary_search_by_key(&(elder, seq), |x| (x.elder, x.seq))
                        {
                            Ok(i) => checkins::upsert(&mut merged, part.merged[i].clone()),
                            Err(_) => {
                                checkins::remove(&mut merged, elder, seq);
                            }
                        }
                    }
                    changed = part.changed;
                }
                e.insert(StagedDay {
                    stored,
                    before,
                    merged,
                    changed,
                    elders: None,
                })
            }
        })
    }

    /// `elder`'s part of the day as this batch will leave it: only that part is read (the
    /// whole day when the batch stages whole days, or has this one whole already).
    fn staged_part<'b>(
        &self,
        batch: &'b mut Batch,
        date: Date,
        elder: Id,
    ) -> Result<&'b mut StagedDay> {
        if batch.pack_days {
            return self.staged_day(batch, date);
        }
        let day = batch.days.entry(date).or_insert_with(|| StagedDay {
            stored: StoredDay::default(),
            merged: Vec::new(),
            changed: BTreeSet::new(),
            before: 0,
            elders: Some(BTreeSet::new()),
        });
        if let Some(elders) = &mut day.elders
            && elders.insert(elder)
        {
            // The day's lists stay sorted by elder and attempt: this elder's attempts go
            // where the elder sorts, among the other staged elders' (none are this elder's).
            let part = self.stored_part(date, elder, true)?;
            let mut merged = part.merged();
            day.before += merged.len();
            splice_elder(&mut day.stored.pack, part.pack, elder);
            splice_elder(&mut day.stored.marks, part.marks, elder);
            let at = day.merged.partition_point(|c| c.elder < elder);
            day.merged.splice(at..at, merged.drain(..));
        }
        Ok(day)
    }

    /// Adds (or replaces) a check-in in its day.
    pub(crate) fn put_checkin(&self, batch: &mut Batch, c: &CheckIn) -> Result<()> {
        let day = self.staged_part(batch, c.date, c.elder)?;
        checkins::upsert(&mut day.merged, c.clone());
        day.changed.insert((c.elder, c.seq));
        Ok(())
    }

    /// Takes a check-in out of its day (the whole day is staged: taking one out of the day's
    /// pack rewrites the pack).
    pub(crate) fn delete_checkin(&self, batch: &mut Batch, k: &CheckInKey) -> Result<()> {
        let day = self.staged_day(batch, k.date)?;
        checkins::remove(&mut day.merged, k.elder, k.seq);
        day.changed.insert((k.elder, k.seq));
        Ok(())
    }

    /// Stages a day to be written packed as it stands (the fold and the migration).
    pub(crate) fn restage_day(&self, batch: &mut Batch, date: Date) -> Result<()> {
        self.staged_day(batch, date)?;
        Ok(())
    }

    /// Stages a day already read, to be written packed as it stands (the migration reads each
    /// day once); returns its number of check-ins.
    pub(crate) fn restage_read_day(batch: &mut Batch, date: Date, stored: StoredDay) -> usize {
        let merged = stored.merged();
        let n = merged.len();
        batch.days.insert(
            date,
            StagedDay {
                stored,
                before: n,
                merged,
                changed: BTreeSet::new(),
                elders: None,
            },
        );
        n
    }

    /// Held while a command is planned and committed, so ids and checks stay valid.
    pub(crate) fn write_guard(&self) -> MutexGuard<'_, ()> {
        self.write_lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The next free id of a kind: one past the largest stored or already allocated.
    pub(crate) fn next_id<T: Entity>(&self, batch: &mut Batch) -> Result<u64> {
        let stored = self.last_record_id(T::TREE)?.unwrap_or(0);
        let slot = batch.allocated.entry(T::TREE).or_insert(0);
        let id = stored.max(*slot) + 1;
        *slot = id;
        Ok(id)
    }

    /// The writes to each elder's kept last contact (`last_contact.rs`) of the check-ins the
    /// batch puts or takes out.
    fn last_contacts_after(&self, batch: &Batch) -> Result<super::last_contact::Writes> {
        if batch.days.values().all(|d| d.changed.is_empty()) {
            return Ok(Vec::new());
        }
        let days: Vec<(Date, &[CheckIn], Vec<Id>)> = batch
            .days
            .iter()
            .map(|(date, day)| {
                let mut elders: Vec<Id> = day.changed.iter().map(|&(e, _)| e).collect();
                elders.dedup();
                (*date, day.merged.as_slice(), elders)
            })
            .collect();
        self.plan_last_contacts(days.iter().map(|(d, m, e)| (*d, *m, e.as_slice())))
    }

    /// Applies a batch in one transaction, keeping the per-tree key counts and the applied
    /// journal sequence in the meta tree; with `durable`, flushes and fsyncs before returning.
    pub(crate) fn commit(&self, batch: &Batch, durable: bool) -> Result<()> {
        let days = DayWrites::plan(batch);
        let contacts = self.last_contacts_after(batch)?;
        let blocked = BlockedWrites::plan(self, batch)?;
        let day_meta: &[&[u8]] = if batch.days.is_empty() {
            &[]
        } else {
            &[meta::LOOSE, meta::CHECKINS]
        };
        // A snapshot being copied keeps what these keys held before (see `copy.rs`).
        self.preserve_for_copy(
            days.keys
                .iter()
                .map(|(k, _)| (Tree::CheckIns, k.as_slice()))
                .chain(
                    days.figures
                        .iter()
                        .map(|(k, _)| (Tree::DayFigures, k.as_slice())),
                )
                .chain(
                    contacts
                        .iter()
                        .map(|(k, _)| (Tree::LastContacts, k.as_slice())),
                )
                .chain(day_meta.iter().map(|k| (Tree::Meta, *k)))
                .chain(batch.ops.iter().filter_map(|op| match op {
                    Op::Put(t, k, _) | Op::Delete(t, k) => {
                        (!t.blocked()).then_some((*t, k.as_slice()))
                    }
                }))
                .chain(blocked.keys.iter().map(|(t, k)| (*t, k.as_slice()))),
        )?;
        // Readers of days read a day again that this commit overlapped (`repacks.rs`).
        let repacking = days
            .keys
            .iter()
            .any(|(k, _)| k.len() == checkins::DAY_KEY_LEN)
            .then(|| self.repacks.begin());
        let result: std::result::Result<(), TransactionError<Error>> =
            self.handles.current().trees.as_slice().transaction(|txs| {
                let mut delta = [0i64; Tree::ALL.len()];
                let checkin_tree = &txs[Tree::CheckIns as usize];
                for (k, v) in &days.keys {
                    let before = match v {
                        Some(v) => checkin_tree.insert(k.as_slice(), v.as_slice())?,
                        None => checkin_tree.remove(k.as_slice())?,
                    };
                    delta[Tree::CheckIns as usize] +=
                        i64::from(v.is_some()) - i64::from(before.is_some());
                }
                let figure_tree = &txs[Tree::DayFigures as usize];
                for (k, v) in &days.figures {
                    let before = match v {
                        Some(v) => figure_tree.insert(k.as_slice(), v.as_slice())?,
                        None => figure_tree.remove(k.as_slice())?,
                    };
                    delta[Tree::DayFigures as usize] +=
                        i64::from(v.is_some()) - i64::from(before.is_some());
                }
                let contact_tree = &txs[Tree::LastContacts as usize];
                for (k, v) in &contacts {
                    let before = match v {
                        Some(v) => contact_tree.insert(k.as_slice(), v.as_slice())?,
                        None => contact_tree.remove(k.as_slice())?,
                    };
                    delta[Tree::LastContacts as usize] +=
                        i64::from(v.is_some()) - i64::from(before.is_some());
                }
                blocked.apply(txs, &mut delta)?;
                for op in batch.ops.iter().filter(|op| !op.tree().blocked()) {
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
                if !batch.days.is_empty() {
                    let loose = days.loose_after(meta_tx.get(meta::LOOSE)?.as_deref());
                    if loose.is_empty() {
                        meta_tx.remove(meta::LOOSE)?;
                    } else {
                        meta_tx.insert(meta::LOOSE, checkins::encode_loose(&loose))?;
                    }
                    if let Some(raw) = meta_tx.get(meta::CHECKINS)? {
                        let n = decode_u64(&raw).saturating_add_signed(days.records);
                        meta_tx.insert(meta::CHECKINS, &n.to_be_bytes())?;
                    }
                }
                if let Some(seq) = batch.seq {
                    meta_tx.insert(meta::APPLIED, &seq.to_be_bytes())?;
                }
                Ok::<(), ConflictableTransactionError<Error>>(())
            });
        drop(repacking);
        match result {
            Ok(()) => {}
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => return Err(e.into()),
        }
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        super::reclaim::after_writes(
            batch.ops.len() + days.keys.len() + days.figures.len() + contacts.len(),
        );
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

/// A `u64` kept big-endian in the meta tree (0 when damaged: `check` reports the count).
pub(crate) fn decode_u64(raw: &[u8]) -> u64 {
    <[u8; 8]>::try_from(raw).map_or(0, u64::from_be_bytes)
}

pub(crate) fn decode_counts(raw: &[u8]) -> Vec<u64> {
    let mut counts: Vec<u64> = raw
        .chunks_exact(8)
        .map(|c| u64::from_be_bytes(c.try_into().expect("8 bytes")))
        .collect();
    counts.resize(Tree::ALL.len(), 0);
    counts
}

/// Puts `elder`'s check-ins (sorted by attempt) into a list sorted by elder and attempt that
/// has none of that elder's.
fn splice_elder(list: &mut Vec<CheckIn>, mut part: Vec<CheckIn>, elder: Id) {
    let at = list.partition_point(|c| c.elder < elder);
    list.splice(at..at, part.drain(..));
}

mod blocked;
use blocked::BlockedWrites;

#[cfg(test)]
mod staging_tests;
