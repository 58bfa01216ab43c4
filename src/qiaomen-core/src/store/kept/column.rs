//! `search_column` (schema 6): what a search reads of each resident and household (the cells
//! of `search/column.rs`), by blocks of 64 ids of one kind. A cell is a function of its record
//! alone, so the upkeep rewrites the blocks of the residents and households a batch writes,
//! in the same batch; `rebuild_kept_indexes` writes them from the records, and `check`
//! compares them.

use std::collections::BTreeMap;

use super::upkeep::{Write, decode_id};
use crate::error::Result;
use crate::model::{Household, Id, Resident};
use crate::search::column::{
    BLOCK, Blocks, Cell, HOUSEHOLDS, HouseholdCell, RESIDENTS, ResidentCell, block_key,
    decode_cells, encode_cells,
};
use crate::store::{Batch, Entity, Store, Tree};

/// The records of one block a batch writes, by id (`None`: gone).
type Changes<T> = std::vec::IntoIter<(Id, Option<T>)>;

/// A block's value after `changes` (`None`: left empty), from its stored value.
fn merge<'s, C: Cell<'s>>(
    stored: Option<&'s [u8]>,
    changes: impl Iterator<Item = (Id, Option<C>)>,
) -> Result<Option<Vec<u8>>> {
    let mut cells: Vec<C> = match stored {
        Some(v) => decode_cells(v)?,
        None => Vec::new(),
    };
    for (id, cell) in changes {
        match (cells.binary_search_by_key(&id, C::id), cell) {
            (Ok(i), Some(cell)) => cells[i] = cell,
            (Ok(i), None) => {
                cells.remove(i);
            }
            (Err(i), Some(cell)) => cells.insert(i, cell),
            (Err(_), None) => {}
        }
    }
    Ok((!cells.is_empty()).then(|| encode_cells(&cells)))
}

impl Store {
    /// The writes that bring the column's blocks in step with the residents and households
    /// `batch` writes; a block left as it was is not written, one left empty is deleted.
    pub(super) fn column_writes(&self, batch: &Batch) -> Result<Vec<Write>> {
        let mut out = Vec::new();
        self.cell_writes::<Household>(batch, HOUSEHOLDS, &mut out, |stored, changes| {
            let cells = changes.map(|(id, h)| (id, h.map(|h| HouseholdCell::of(&h))));
            merge::<HouseholdCell>(stored, cells)
        })?;
        self.cell_writes::<Resident>(batch, RESIDENTS, &mut out, |stored, changes| {
            let cells = changes.map(|(id, r)| (id, r.map(|r| ResidentCell::of(&r))));
            merge::<ResidentCell>(stored, cells)
        })?;
        Ok(out)
    }

    /// The records of one kind `batch` writes (`None`: gone), by block, each block's new
    /// value given by `merge` from the stored one.
    fn cell_writes<T: Entity>(
        &self,
        batch: &Batch,
        kind: u8,
        out: &mut Vec<Write>,
        merge: impl Fn(Option<&[u8]>, Changes<T>) -> Result<Option<Vec<u8>>>,
    ) -> Result<()> {
        let mut by_block: BTreeMap<u64, Vec<(Id, Option<T>)>> = BTreeMap::new();
        for (k, new) in batch.staged(T::TREE) {
            let Some(id) = decode_id(&k) else { continue };
            let record = new.as_deref().map(T::decode).transpose()?;
            by_block.entry(id / BLOCK).or_default().push((id, record));
        }
        for (block, changes) in by_block {
            let key = block_key(kind, block * BLOCK);
            let stored = self.tree(Tree::SearchColumn).get(key)?;
            let value = merge(stored.as_deref(), changes.into_iter())?;
            if value.as_deref() != stored.as_deref() {
                out.push((Tree::SearchColumn, key.to_vec(), value));
            }
        }
        Ok(())
    }

    /// Every block `search_column` should hold, in key order: households', then residents'.
    pub(super) fn expected_column(&self, push: &mut dyn FnMut(&[u8], &[u8])) -> Result<()> {
        let mut households = Blocks::default();
        for (n, rec) in self.records(Tree::Households)?.enumerate() {
            households.push(HouseholdCell::of(&Household::decode(&rec?.1)?));
            crate::store::after_read(n);
        }
        for (k, v) in households.finish() {
            push(&k, &v);
        }
        let mut residents = Blocks::default();
        for (n, rec) in self.records(Tree::Residents)?.enumerate() {
            residents.push(ResidentCell::of(&Resident::decode(&rec?.1)?));
            crate::store::after_read(n);
        }
        for (k, v) in residents.finish() {
            push(&k, &v);
        }
        Ok(())
    }
}
