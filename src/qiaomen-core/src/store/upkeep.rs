//! The store's own upkeep, journalled like a command so that a store rebuilt from the journal
//! is the same key for key: folding closed days' loose marks into their packs, and migrating
//! an older schema. Neither changes what the store reads as.

use super::{Batch, SCHEMA_VERSION, Store, Tree, checkins, meta};
use crate::day::Date;
use crate::error::{Error, Result};

/// The kept trees each schema after 3 added or reshaped: a store of schema 3 or later rebuilds
/// those of the schemas after its own (each in bounded transactions, writing only what
/// differs).
const KEPT_SINCE: [(u32, &[Tree]); 5] = [
    // Each elder's last contact and the visit cadence's households. (The memberships schema
    // 4 also added are written by schema 7's step, in their blocks.)
    (4, &[Tree::LastContacts, Tree::VisitHomes]),
    // The household list's rows.
    (5, &[Tree::HouseholdRows]),
    // The search column.
    (6, &[Tree::SearchColumn]),
    // The memberships by blocks, and `heads` and `head_of` no more: the rebuild deletes the
    // old keys and writes the blocks.
    (7, &[Tree::Heads, Tree::HeadOf, Tree::MemberOf]),
    // The services by day.
    (8, &[Tree::ServiceDays]),
];

/// Records moved into their blocks per commit by schema 9's step: about a megabyte of values
/// at a time (sled's `apply_batch` of a million keys takes gigabytes).
const MOVE_RECORDS: usize = 4096;

/// Days repacked per commit by the migration: a few hundred kilobytes of values at a time,
/// never one transaction over the whole history.
const MIGRATE_DAYS: usize = 16;

impl Store {
    /// Days with loose marks before `before`: what `fold_before` would fold.
    pub fn foldable(&self, before: Date) -> Result<Vec<Date>> {
        let mut days = self.loose_days()?;
        days.retain(|d| *d < before);
        Ok(days)
    }

    /// Folds the loose marks of every day before `before` into that day's pack, one day per
    /// commit; the last commit records journal entry `seq`. Returns the days folded. The
    /// caller holds the write lock.
    pub(crate) fn fold_before(&self, before: Date, seq: u64) -> Result<usize> {
        let days = self.foldable(before)?;
        for (i, date) in days.iter().enumerate() {
            let mut batch = Batch::default();
            batch.pack_days();
            self.restage_day(&mut batch, *date)?;
            if i + 1 == days.len() {
                batch.set_seq(seq);
            }
            self.commit(&batch, false)?;
        }
        if days.is_empty() {
            let mut batch = Batch::default();
            batch.set_seq(seq);
            self.commit(&batch, false)?;
        }
        self.sync()?;
        Ok(days.len())
    }

    /// The schema this store was written with.
    pub fn schema(&self) -> Result<u32> {
        self.recorded_schema()?.ok_or_else(|| Error::Corrupt {
            kind: "schema version",
            reason: "missing".into(),
        })
    }

    /// Migrates the store to schema `to` (2 to 9), whichever older schema it has: from 1,
    /// every day repacked compressed with its loose marks folded in and the check-ins
    /// counted; then the kept indexes built or completed (`kept/`: schema 2 added the heads
    /// and dated entries, schema 3 the elders' entries and homes, schema 4 the last contacts,
    /// the memberships and the visit homes, the only ones rebuilt from schema 3, schema 5 the
    /// household list's rows, the only ones rebuilt from schema 4, schema 6 the search
    /// column, the only one rebuilt from schema 5, schema 7 the memberships by blocks and
    /// `heads` and `head_of` emptied, schema 8 the services by day; schema 9 moves the
    /// residents and households a record to a key into their blocks, first of all); the schema
    /// recorded, and journal entry `seq` with it. Idempotent: an interrupted migration is run
    /// again from the start. The caller holds the write lock.
    pub(crate) fn migrate(&self, to: u32, seq: u64) -> Result<()> {
        if !(2..=SCHEMA_VERSION).contains(&to) {
            return Err(Error::invalid(
                "schema",
                crate::reason::Reason::NoMigration {
                    to,
                    known: SCHEMA_VERSION,
                },
            ));
        }
        let mut batch = Batch::default();
        if self.schema()? < 2 {
            // One pass over the history: each day read, repacked and counted. A commit
            // rewrites only days the pass has left behind.
            let packing = || {
                let mut batch = Batch::default();
                batch.pack_days();
                batch
            };
            let mut days_batch = packing();
            let (mut days, mut checkins) = (0, 0u64);
            for day in checkins::Days::new(self.tree(Tree::CheckIns).iter()) {
                let (date, stored) = day?;
                checkins += Store::restage_read_day(&mut days_batch, date, stored) as u64;
                days += 1;
                if days % MIGRATE_DAYS == 0 {
                    self.commit(&std::mem::replace(&mut days_batch, packing()), false)?;
                }
            }
            self.commit(&days_batch, false)?;
            batch.put_raw(Tree::Meta, meta::CHECKINS, checkins.to_be_bytes().to_vec());
        }
        // Schema 9 keeps the residents and the households by blocks: what the store still
        // holds a record to a key (all of an older store, or of one rebuilt from an older
        // snapshot) is moved into its block, before anything below reads them.
        for tree in [Tree::Residents, Tree::Households] {
            self.move_into_blocks(tree)?;
        }
        let from = self.schema()?;
        if from < 3 {
            // Schema 2 added the first kept indexes: every one is built.
            self.rebuild_kept_indexes()?;
        } else {
            for (schema, trees) in KEPT_SINCE {
                if from < schema {
                    self.rebuild_kept(trees)?;
                }
            }
        }
        batch.put_raw(Tree::Meta, meta::SCHEMA, to.to_be_bytes().to_vec());
        batch.set_seq(seq);
        self.commit(&batch, false)?;
        self.sync()
    }
}

impl Store {
    /// Moves the records `tree` holds a record to a key into their blocks (`blocks.rs`),
    /// `MOVE_RECORDS` per commit; each commit puts the records in their blocks and takes their
    /// own keys out together, so that an interrupted move goes on from where it stopped.
    pub(crate) fn move_into_blocks(&self, tree: Tree) -> Result<()> {
        debug_assert!(tree.blocked());
        while self.has_loose_records(tree)? {
            let mut batch = Batch::default();
            for kv in self.tree(tree).iter().take(MOVE_RECORDS) {
                let (k, v) = kv?;
                if super::block_of_key(&k).is_some() {
                    break;
                }
                batch.put_raw(tree, &k, v.to_vec());
            }
            self.commit(&batch, false)?;
        }
        Ok(())
    }
}
