//! What the store says about itself, and whether it holds what it says: the applied journal
//! sequence and the key counts kept by every commit, against the keys actually there. sled
//! can lose pages and still open (it zero-fills a damaged file), so this is checked on every
//! open, not assumed.

use super::write::{decode_counts, encode_counts};
use super::{SCHEMA_VERSION, Store, Tree, meta};
use crate::error::Result;

/// The store's own account of itself, checked against its contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Health {
    /// The last journal entry applied; `None` when the meta record is missing.
    pub applied: Option<u64>,
    /// Kept counts (per tree, `Tree::ALL` order); `None` when missing.
    pub kept: Option<Vec<u64>>,
    /// Keys found per tree.
    pub found: Vec<u64>,
    pub has_schema: bool,
}

impl Health {
    /// The trees whose key count differs from the kept count.
    pub fn mismatches(&self) -> Vec<(Tree, u64, u64)> {
        let Some(kept) = &self.kept else {
            return Vec::new();
        };
        Tree::ALL
            .iter()
            .zip(kept.iter().zip(&self.found))
            .filter(|(t, (k, f))| **t != Tree::Meta && k != f)
            .map(|(t, (k, f))| (*t, *k, *f))
            .collect()
    }

    /// Keys of the trees of records (the meta tree and the kept indexes aside).
    pub fn records(&self) -> u64 {
        Tree::ALL
            .iter()
            .zip(&self.found)
            .filter(|(t, _)| **t != Tree::Meta && !Tree::KEPT.contains(t))
            .map(|(_, n)| n)
            .sum()
    }
}

impl Store {
    pub fn applied_seq(&self) -> Result<Option<u64>> {
        Ok(self
            .tree(Tree::Meta)
            .get(meta::APPLIED)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map(u64::from_be_bytes))
    }

    pub fn kept_counts(&self) -> Result<Option<Vec<u64>>> {
        Ok(self
            .tree(Tree::Meta)
            .get(meta::COUNTS)?
            .map(|v| decode_counts(&v)))
    }

    /// Counts the keys of every tree (a walk over the keys; values are not decoded).
    pub fn count_keys(&self) -> Result<Vec<u64>> {
        Tree::ALL
            .iter()
            .map(|t| {
                let mut n = 0u64;
                for k in self.tree(*t).iter().keys() {
                    k?;
                    n += 1;
                }
                Ok(n)
            })
            .collect()
    }

    pub fn health(&self) -> Result<Health> {
        Ok(Health {
            found: self.count_keys()?,
            ..self.bookkeeping()?
        })
    }

    /// The store's own records without counting its keys (`found` empty, so nothing
    /// mismatches): what can be checked without reading every page.
    pub fn bookkeeping(&self) -> Result<Health> {
        Ok(Health {
            applied: self.applied_seq()?,
            kept: self.kept_counts()?,
            found: Vec::new(),
            has_schema: self.tree(Tree::Meta).get(meta::SCHEMA)?.is_some(),
        })
    }

    /// Records the counts found as the kept counts and `seq` as applied (a store built from a
    /// snapshot, or one made before counts were kept), durably.
    pub(crate) fn set_bookkeeping(&self, seq: u64) -> Result<()> {
        let meta_tree = self.tree(Tree::Meta);
        if meta_tree.get(meta::SCHEMA)?.is_none() {
            meta_tree.insert(meta::SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
            meta_tree.insert(meta::CHECKINS, &self.count_checkins()?.to_be_bytes())?;
        }
        meta_tree.insert(meta::APPLIED, &seq.to_be_bytes())?;
        let mut counts = self.count_keys()?;
        counts[Tree::Meta as usize] = 0;
        meta_tree.insert(meta::COUNTS, encode_counts(&counts))?;
        self.sync()
    }

    /// Writes raw records (from a snapshot) in batches, without journal or counts; the caller
    /// finishes with `set_bookkeeping`.
    pub(crate) fn load_raw(&self, tree: u8, records: &[(Vec<u8>, Vec<u8>)]) -> Result<()> {
        let Some(t) = Tree::ALL.get(tree as usize) else {
            return Err(crate::error::Error::Corrupt {
                kind: "snapshot",
                reason: format!("unknown tree {tree}"),
            });
        };
        let mut batch = sled::Batch::default();
        for (k, v) in records {
            batch.insert(k.as_slice(), v.as_slice());
        }
        self.tree(*t).apply_batch(batch)?;
        super::reclaim::after_writes(records.len());
        Ok(())
    }
}

impl Store {
    /// What is wrong with the check-ins' own bookkeeping, if anything: the kept number of
    /// check-ins against a count of every day, and the list of days with loose marks against
    /// the marks there; `counted` is `count_checkins`, which reads the whole history (`check`
    /// counts once for its report and for this).
    pub fn checkin_books_problem(&self, counted: u64) -> Result<Option<crate::damage::Damage>> {
        if let Some(kept) = self.checkin_count()?
            && kept != counted
        {
            return Ok(Some(crate::damage::Damage::CheckInCount {
                found: counted,
                kept,
            }));
        }
        let listed = self.loose_days()?;
        let mut found = Vec::new();
        for key in self.tree(Tree::CheckIns).iter().keys() {
            if let super::checkins::Key::Mark(date, ..) = super::checkins::parse_key(&key?)?
                && found.last() != Some(&date)
            {
                found.push(date);
            }
        }
        if let Some(day) = found.iter().find(|d| !listed.contains(d)) {
            return Ok(Some(crate::damage::Damage::LooseDay { day: *day }));
        }
        Ok(None)
    }
}
