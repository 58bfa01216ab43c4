//! `household_rows` (schema 5): what `household list` shows of each household, packed by
//! blocks of [`BLOCK`] households (key: the household id divided by [`BLOCK`]), so that the
//! list of a district's 350,000 households reads a few thousand small values in one range
//! scan instead of 350,000 households and their heads. A row is a function of the household
//! and its head's name, exactly as `heads` holds it: both are kept by the same upkeep
//! (`diff_households`), in the same batch, and checked by `qiaomen check`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::upkeep::Write;
use crate::error::Result;
use crate::model::{FileStatus, Household, Id};
use crate::store::codec::{self, decode_body, split_version, unknown_version};
use crate::store::{Entity, Store, Tree, id_key};

/// The format version of a block of rows (golden bytes in `tests/codec_golden.rs`).
pub const ROWS_VERSION: u8 = 1;

/// Households per block: ids `n * BLOCK .. (n + 1) * BLOCK` share the key `n`.
pub const BLOCK: u64 = 64;

/// What the household list shows of one household.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdRow {
    pub id: Id,
    /// The file's status (`Household::file_status`).
    pub status: Option<FileStatus>,
    pub grid: Id,
    /// The head's name (`members[0]`, when that resident exists), else empty.
    pub head: String,
    /// The address as the list shows it (`Address::short`).
    pub address: String,
    pub needs: String,
}

impl HouseholdRow {
    /// The row of a household whose head is named `head` (`None`: no head, or none stored).
    pub fn of(h: &Household, head: Option<&str>) -> HouseholdRow {
        HouseholdRow {
            id: h.id,
            status: h.file_status(),
            grid: h.grid,
            head: head.unwrap_or_default().to_owned(),
            address: h.address.short(),
            needs: h.needs.clone(),
        }
    }
}

/// The key of the block holding household `id`.
pub fn block_key(id: Id) -> [u8; 8] {
    id_key(id / BLOCK)
}

/// A block's value: the rows by id.
pub fn encode_block(rows: &[HouseholdRow]) -> Vec<u8> {
    codec::encode(ROWS_VERSION, &rows)
}

pub fn decode_block(bytes: &[u8]) -> Result<Vec<HouseholdRow>> {
    decode_body("household rows", block_body(bytes)?)
}

/// A block's body after its version byte, which must be `ROWS_VERSION`.
fn block_body(bytes: &[u8]) -> Result<&[u8]> {
    let (version, body) = split_version("household rows", bytes)?;
    if version == ROWS_VERSION {
        Ok(body)
    } else {
        Err(unknown_version("household rows", version))
    }
}

/// A row of a block as `HouseholdRow` reads it, with its text read in place from the block's
/// bytes: what `household list` prints, 350,000 rows at the district, without three strings
/// made and freed per row. The fields are `HouseholdRow`'s, in its order (the same bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct HouseholdRowView<'a> {
    pub id: Id,
    pub status: Option<FileStatus>,
    pub grid: Id,
    pub head: &'a str,
    pub address: &'a str,
    pub needs: &'a str,
}

/// `decode_block`, each row read in place (`HouseholdRowView`).
pub fn decode_block_view(bytes: &[u8]) -> Result<Vec<HouseholdRowView<'_>>> {
    codec::borrow_decode_body("household rows", block_body(bytes)?)
}

/// Packs rows given in id order into blocks, one block at a time: what the tree should hold
/// for them, by key.
#[derive(Default)]
pub(super) struct Blocks {
    out: Vec<(Vec<u8>, Vec<u8>)>,
    block: Vec<HouseholdRow>,
}

impl Blocks {
    pub(super) fn push(&mut self, row: HouseholdRow) {
        if self
            .block
            .first()
            .is_some_and(|f| f.id / BLOCK != row.id / BLOCK)
        {
            self.close();
        }
        self.block.push(row);
    }

    fn close(&mut self) {
        if let Some(f) = self.block.first() {
            let key = block_key(f.id).to_vec();
            self.out.push((key, encode_block(&self.block)));
            self.block.clear();
        }
    }

    pub(super) fn finish(mut self) -> Vec<(Vec<u8>, Vec<u8>)> {
        self.close();
        self.out
    }
}

impl Store {
    /// The writes that put `changed` rows (`None`: the household is gone) into their blocks as
    /// stored; a block left empty is deleted, one left as it was is not written.
    pub(super) fn row_writes(
        &self,
        changed: BTreeMap<Id, Option<HouseholdRow>>,
    ) -> Result<Vec<Write>> {
        let mut by_block: BTreeMap<u64, Vec<(Id, Option<HouseholdRow>)>> = BTreeMap::new();
        for (id, row) in changed {
            by_block.entry(id / BLOCK).or_default().push((id, row));
        }
        let mut out = Vec::new();
        for (block, changes) in by_block {
            let key = id_key(block);
            let stored = self.tree(Tree::HouseholdRows).get(key)?;
            let mut rows = match &stored {
                Some(v) => decode_block(v)?,
                None => Vec::new(),
            };
            let before = rows.clone();
            for (id, row) in changes {
                match (rows.binary_search_by_key(&id, |r| r.id), row) {
                    (Ok(i), Some(row)) => rows[i] = row,
                    (Ok(i), None) => {
                        rows.remove(i);
                    }
                    (Err(i), Some(row)) => rows.insert(i, row),
                    (Err(_), None) => {}
                }
            }
            if rows == before {
                continue;
            }
            let value = (!rows.is_empty()).then(|| encode_block(&rows));
            out.push((Tree::HouseholdRows, key.to_vec(), value));
        }
        Ok(out)
    }

    /// Every block `household_rows` should hold, by key: from the households and their
    /// heads' names as the residents hold them (a read per household with a head).
    pub(super) fn expected_rows(&self) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let mut blocks = Blocks::default();
        for rec in self.records(Tree::Households)? {
            let h = Household::decode(&rec?.1)?;
            let name = self.head_of(&h)?;
            blocks.push(HouseholdRow::of(&h, name.as_deref()));
        }
        Ok(blocks.finish())
    }
}
