//! `member_of` (schema 7): which households list each resident as a member, packed by blocks
//! of [`BLOCK`] residents (key: the resident id divided by [`BLOCK`]; value: the block's
//! (resident, household) pairs in order). Before schema 7 it was one empty-valued key per
//! membership: a district's 918,000 keys, a third of the store's, and sled's open reads,
//! rewrites and loads its page table in proportion to the keys (about 9 to a leaf). As blocks
//! they are 16,000 small values.
//!
//! The upkeep still diffs one entry per membership (`entries::household`, a function of the
//! household alone); `membership_writes` turns those into writes of the blocks they fall in.
//! A membership is kept whether its resident exists yet or not, so that saving a resident
//! finds the households listing it, and heading it (`members[0]`): an import may bring a
//! household before its residents.

use std::collections::BTreeMap;

use super::upkeep::Write;
use crate::error::Result;
use crate::model::Id;
use crate::store::codec::{self, decode_body, split_version, unknown_version};
use crate::store::{Store, Tree, id_key};

/// The format version of a block of memberships (golden bytes in `tests/codec_golden.rs`).
pub const MEMBERSHIPS_VERSION: u8 = 1;

/// Residents per block: ids `n * BLOCK .. (n + 1) * BLOCK` share the key `n`.
pub const BLOCK: u64 = 64;

const KIND: &str = "memberships";

/// A membership (resident, household) to keep (`true`) or to remove.
type Change = ((Id, Id), bool);

/// The key of the block holding `resident`'s memberships.
pub fn block_key(resident: Id) -> [u8; 8] {
    id_key(resident / BLOCK)
}

/// A block's value: its (resident, household) pairs, sorted and without repeats.
pub fn encode_block(pairs: &[(Id, Id)]) -> Vec<u8> {
    codec::encode(MEMBERSHIPS_VERSION, &pairs)
}

/// A block read back; a block out of order or with a pair twice is damaged.
pub fn decode_block(bytes: &[u8]) -> Result<Vec<(Id, Id)>> {
    let (version, body) = split_version(KIND, bytes)?;
    if version != MEMBERSHIPS_VERSION {
        return Err(unknown_version(KIND, version));
    }
    let pairs: Vec<(Id, Id)> = decode_body(KIND, body)?;
    if !pairs.is_sorted_by(|a, b| a < b) {
        return Err(crate::error::Error::Corrupt {
            kind: KIND,
            reason: "pairs out of order".into(),
        });
    }
    Ok(pairs)
}

/// The logical key the upkeep diffs a membership under: resident ++ household
/// (`entries::member_key`), read back.
fn pair_of(key: &[u8]) -> Option<(Id, Id)> {
    let resident = super::upkeep::decode_id(key.get(..8)?)?;
    let household = super::upkeep::decode_id(key.get(8..)?)?;
    Some((resident, household))
}

/// Packs pairs given in order into blocks: what the tree should hold, by key.
pub(super) fn blocks(pairs: &[(Id, Id)]) -> Vec<(Vec<u8>, Vec<u8>)> {
    pairs
        .chunk_by(|a, b| a.0 / BLOCK == b.0 / BLOCK)
        .map(|block| (block_key(block[0].0).to_vec(), encode_block(block)))
        .collect()
}

impl Store {
    /// The households that list `resident` as a member, as stored, by household id.
    pub fn households_listing(&self, resident: Id) -> Result<Vec<Id>> {
        Ok(match self.tree(Tree::MemberOf).get(block_key(resident))? {
            Some(v) => decode_block(&v)?
                .into_iter()
                .filter(|&(r, _)| r == resident)
                .map(|(_, h)| h)
                .collect(),
            None => Vec::new(),
        })
    }

    /// Every membership the tree holds, in order (the tests' view of the blocks).
    pub fn memberships(&self) -> Result<Vec<(Id, Id)>> {
        let mut out = Vec::new();
        for v in self.tree(Tree::MemberOf).iter().values() {
            out.extend(decode_block(&v?)?);
        }
        Ok(out)
    }

    /// The upkeep's writes of single memberships (`member_key` → empty, or a deletion) made
    /// into writes of their blocks as stored: a block left empty is deleted, one left as it
    /// was is not written.
    pub(super) fn membership_writes(&self, writes: Vec<Write>) -> Result<Vec<Write>> {
        let mut by_block: BTreeMap<u64, Vec<Change>> = BTreeMap::new();
        for (_, key, value) in writes {
            // Every key comes from `member_key`; one of another shape is not a membership.
            if let Some(pair) = pair_of(&key) {
                by_block
                    .entry(pair.0 / BLOCK)
                    .or_default()
                    .push((pair, value.is_some()));
            }
        }
        let mut out = Vec::new();
        for (block, changes) in by_block {
            let key = id_key(block);
            let mut pairs = match self.tree(Tree::MemberOf).get(key)? {
                Some(v) => decode_block(&v)?,
                None => Vec::new(),
            };
            let mut changed = false;
            for (pair, keep) in changes {
                match (pairs.binary_search(&pair), keep) {
                    (Err(i), true) => pairs.insert(i, pair),
                    (Ok(i), false) => {
                        pairs.remove(i);
                    }
                    _ => continue,
                }
                changed = true;
            }
            if changed {
                let value = (!pairs.is_empty()).then(|| encode_block(&pairs));
                out.push((Tree::MemberOf, key.to_vec(), value));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_round_trips_and_rejects_disorder_and_other_versions() {
        let pairs = [(64, 3), (64, 9), (70, 3), (127, 1)];
        let bytes = encode_block(&pairs);
        assert_eq!(decode_block(&bytes).unwrap(), pairs);
        let unordered = encode_block(&[(70, 3), (64, 9)]);
        assert!(decode_block(&unordered).is_err());
        let twice = encode_block(&[(64, 9), (64, 9)]);
        assert!(decode_block(&twice).is_err());
        let mut newer = bytes.clone();
        newer[0] = MEMBERSHIPS_VERSION + 1;
        assert!(decode_block(&newer).is_err());
        let mut trailing = bytes;
        trailing.push(0);
        assert!(decode_block(&trailing).is_err());
    }

    #[test]
    fn pairs_are_packed_by_block_of_residents() {
        let pairs = [(1, 10), (63, 10), (64, 11), (200, 12), (200, 13)];
        let got = blocks(&pairs);
        let keys: Vec<Vec<u8>> = got.iter().map(|(k, _)| k.clone()).collect();
        assert_eq!(
            keys,
            [id_key(0).to_vec(), id_key(1).to_vec(), id_key(3).to_vec()]
        );
        assert_eq!(decode_block(&got[2].1).unwrap(), [(200, 12), (200, 13)]);
    }
}
