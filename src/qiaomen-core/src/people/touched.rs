//! The records one people command touches: read once from the store, changed in memory (a
//! resident's household and the households' member lists together), then checked and staged
//! into the command's one batch.

use std::collections::BTreeMap;

use crate::day::Date;
use crate::error::Result;
use crate::model::{Household, Id, RecordRef, Resident};
use crate::store::{Batch, Store};
use crate::validate;

/// The households a command touches, read once and written once at the end.
pub(super) struct Touched<'a> {
    store: &'a Store,
    pub(super) households: BTreeMap<Id, Household>,
    pub(super) residents: BTreeMap<Id, Resident>,
}

impl<'a> Touched<'a> {
    pub(super) fn new(store: &'a Store) -> Self {
        Touched {
            store,
            households: BTreeMap::new(),
            residents: BTreeMap::new(),
        }
    }

    pub(super) fn household(&mut self, id: Id) -> Result<&mut Household> {
        if !self.households.contains_key(&id) {
            let h = self.store.require::<Household>(id)?;
            self.households.insert(id, h);
        }
        Ok(self.households.get_mut(&id).expect("just inserted"))
    }

    pub(super) fn resident(&mut self, id: Id) -> Result<&mut Resident> {
        if !self.residents.contains_key(&id) {
            let r = self.store.require::<Resident>(id)?;
            self.residents.insert(id, r);
        }
        Ok(self.residents.get_mut(&id).expect("just inserted"))
    }

    /// Takes `resident` out of the household it is in (if any other than `keep`), and points it
    /// at `to` (joining its members at the end when `join`).
    pub(super) fn rehouse(&mut self, resident: Id, to: Option<Id>, join: bool) -> Result<()> {
        let from = self.resident(resident)?.household;
        if let Some(old) = from
            && Some(old) != to
            && let Ok(h) = self.household(old)
        {
            h.members.retain(|&m| m != resident);
        }
        if let Some(new) = to {
            let h = self.household(new)?;
            let grid = h.grid;
            if join && !h.members.contains(&resident) {
                h.members.push(resident);
            }
            self.resident(resident)?.grid = grid;
        }
        self.resident(resident)?.household = to;
        Ok(())
    }

    /// Checks and stages every touched record; returns them as the audit names them.
    pub(super) fn finish(self, today: Date, batch: &mut Batch) -> Result<Vec<RecordRef>> {
        let mut records = Vec::new();
        for (id, mut r) in self.residents {
            validate::resident_on(&mut r, today)?;
            batch.put(&r);
            records.push(rec("resident", id));
        }
        for (id, mut h) in self.households {
            validate::household(&mut h)?;
            batch.put(&h);
            records.push(rec("household", id));
        }
        Ok(records)
    }
}

fn rec(kind: &str, id: Id) -> RecordRef {
    RecordRef {
        kind: kind.to_owned(),
        id,
    }
}
