//! Keeping the indexes in step with a batch: the entries of every record the batch writes,
//! before and after, and the difference written into the same batch.

use std::collections::{BTreeMap, BTreeSet};

use super::entries::{self, Entry};
use super::rows::HouseholdRow;
use crate::care::Service;
use crate::error::Result;
use crate::model::{Address, Case, FundEntry, Household, Id, Meeting, Resident, Visit};
use crate::store::{Batch, Entity, Store, Tree, id_key};

/// What a batch does to the kept trees: a new value, or a deletion.
pub(super) type Write = (Tree, Vec<u8>, Option<Vec<u8>>);

/// The writes that turn `old` entries into `new` ones.
fn diff(old: &[Entry], new: &[Entry], out: &mut Vec<Write>) {
    for (t, k, _) in old {
        if !new.iter().any(|(t2, k2, _)| t2 == t && k2 == k) {
            out.push((*t, k.clone(), None));
        }
    }
    for e in new {
        if !old.contains(e) {
            out.push((e.0, e.1.clone(), Some(e.2.clone())));
        }
    }
}

fn service_entries(s: &Service) -> Vec<Entry> {
    vec![super::service_days::service_entry(s)]
}

/// The id of a record's key (`id_key`); `None` for a key of another shape.
pub(super) fn decode_id(key: &[u8]) -> Option<Id> {
    key.try_into().ok().map(u64::from_be_bytes)
}

impl Store {
    /// The stored bytes of the record a batch's key names (`Batch::staged`), wherever the
    /// tree keeps it (`Store::record`); `None` for a key of another shape.
    fn stored_at(&self, tree: Tree, key: &[u8]) -> Result<Option<sled::IVec>> {
        decode_id(key).map_or(Ok(None), |id| self.record(tree, id))
    }
}

impl Store {
    /// Adds to `batch` the kept-index writes its record writes call for. Called once the
    /// batch holds all its records (a command planned, an import chunk read).
    pub(crate) fn keep_indexes(&self, batch: &mut Batch) -> Result<()> {
        let mut writes = Vec::new();
        self.diff_kind::<Meeting>(batch, entries::meeting, &mut writes)?;
        self.diff_kind::<Visit>(batch, entries::visit, &mut writes)?;
        self.diff_kind::<FundEntry>(batch, entries::fund, &mut writes)?;
        self.diff_kind::<Case>(batch, entries::case, &mut writes)?;
        self.diff_kind::<Service>(batch, service_entries, &mut writes)?;
        self.diff_households(batch, &mut writes)?;
        self.diff_elders(batch, &mut writes)?;
        self.diff_visit_homes(batch, &mut writes)?;
        writes.extend(self.column_writes(batch)?);
        // Memberships and services are diffed one by one and stored by blocks of residents
        // (`memberships.rs`) and by days (`service_days.rs`).
        let (single, mut writes): (Vec<Write>, Vec<Write>) =
            writes.into_iter().partition(|w| w.0 == Tree::MemberOf);
        writes.extend(self.membership_writes(single)?);
        let (services, mut writes): (Vec<Write>, Vec<Write>) =
            writes.into_iter().partition(|w| w.0 == Tree::ServiceDays);
        writes.extend(self.service_day_writes(services)?);
        for (t, k, v) in writes {
            match v {
                Some(v) => batch.put_raw(t, &k, v),
                None => batch.delete(t, &k),
            }
        }
        Ok(())
    }

    fn diff_kind<T: Entity>(
        &self,
        batch: &Batch,
        of: fn(&T) -> Vec<Entry>,
        out: &mut Vec<Write>,
    ) -> Result<()> {
        for (k, new) in batch.staged(T::TREE) {
            let old = self.stored_at(T::TREE, &k)?;
            let entries = |bytes: Option<&[u8]>| -> Result<Vec<Entry>> {
                Ok(bytes
                    .map(T::decode)
                    .transpose()?
                    .map_or_else(Vec::new, |r| of(&r)))
            };
            diff(&entries(old.as_deref())?, &entries(new.as_deref())?, out);
        }
        Ok(())
    }

    /// Households written by the batch, and those headed by a resident whose name it changes.
    fn diff_households(&self, batch: &Batch, out: &mut Vec<Write>) -> Result<()> {
        let staged_residents = batch.staged(Tree::Residents);
        let staged_households = batch.staged(Tree::Households);
        let mut after: BTreeMap<Id, Option<String>> = BTreeMap::new();
        let mut affected: BTreeSet<Id> = staged_households
            .keys()
            .filter_map(|k| decode_id(k))
            .collect();
        for (k, new) in &staged_residents {
            let Some(id) = decode_id(k) else { continue };
            let new_name = new
                .as_deref()
                .map(Resident::decode)
                .transpose()?
                .map(|r| r.name);
            if self.head_name(id)? != new_name {
                // The households it heads are among those listing it (`members[0]`).
                affected.extend(self.households_listing(id)?);
            }
            after.insert(id, new_name);
        }
        let name_after = |id: Id| -> Result<Option<String>> {
            match after.get(&id) {
                Some(n) => Ok(n.clone()),
                None => self.head_name(id),
            }
        };
        // The household list's rows of the same households (`rows.rs`), by block below.
        let mut rows: BTreeMap<Id, Option<HouseholdRow>> = BTreeMap::new();
        for h in affected {
            let old = self.get::<Household>(h)?;
            let new = match staged_households.get(id_key(h).as_slice()) {
                Some(bytes) => bytes.as_deref().map(Household::decode).transpose()?,
                None => old.clone(),
            };
            let old_entries = old.as_ref().map_or_else(Vec::new, entries::household);
            let new_entries = if let Some(n) = &new {
                let name = match n.members.first() {
                    Some(&head) => name_after(head)?,
                    None => None,
                };
                rows.insert(h, Some(HouseholdRow::of(n, name.as_deref())));
                entries::household(n)
            } else {
                rows.insert(h, None);
                Vec::new()
            };
            diff(&old_entries, &new_entries, out);
        }
        out.extend(self.row_writes(rows)?);
        Ok(())
    }

    /// The address an elder's entry carries for the household `id` as stored.
    pub(super) fn elder_address(&self, id: Option<Id>) -> Result<Option<Address>> {
        Ok(match id {
            Some(h) => self.get::<Household>(h)?.map(entries::address_of),
            None => None,
        })
    }

    /// The elders' entries of the residents the batch writes, and of the elders living in
    /// households whose address it changes.
    fn diff_elders(&self, batch: &Batch, out: &mut Vec<Write>) -> Result<()> {
        let staged_residents = batch.staged(Tree::Residents);
        let staged_households = batch.staged(Tree::Households);
        // The address of a household after the batch, `None` when it has none then.
        let address_after = |id: Option<Id>| -> Result<Option<Address>> {
            let Some(h) = id else { return Ok(None) };
            match staged_households.get(id_key(h).as_slice()) {
                Some(bytes) => Ok(bytes
                    .as_deref()
                    .map(Household::decode)
                    .transpose()?
                    .map(entries::address_of)),
                None => self.elder_address(Some(h)),
            }
        };
        let elder = |bytes: Option<&[u8]>, after: bool| -> Result<Vec<Entry>> {
            let Some(bytes) = bytes else {
                return Ok(Vec::new());
            };
            let r = Resident::decode(bytes)?;
            if !crate::rollcall::on_the_roll(&r) {
                return Ok(Vec::new());
            }
            let address = if after {
                address_after(r.household)?
            } else {
                self.elder_address(r.household)?
            };
            Ok(entries::elder(&r, bytes, address))
        };
        for (k, new) in &staged_residents {
            let old = self.stored_at(Tree::Residents, k)?;
            diff(
                &elder(old.as_deref(), false)?,
                &elder(new.as_deref(), true)?,
                out,
            );
        }
        // Elders not written themselves whose household's address changes.
        for (k, new) in &staged_households {
            let Some(h) = decode_id(k) else { continue };
            let old = self.record(Tree::Households, h)?;
            let address = |b: Option<&[u8]>| -> Result<Option<Address>> {
                Ok(b.map(Household::decode)
                    .transpose()?
                    .map(entries::address_of))
            };
            if address(old.as_deref())? == address(new.as_deref())? {
                continue;
            }
            for key in self.tree(Tree::ElderHomes).scan_prefix(id_key(h)).keys() {
                let key = key?;
                let Some(resident) = key.get(8..) else {
                    continue;
                };
                if staged_residents.contains_key(resident) {
                    continue;
                }
                let stored = self.stored_at(Tree::Residents, resident)?;
                diff(
                    &elder(stored.as_deref(), false)?,
                    &elder(stored.as_deref(), true)?,
                    out,
                );
            }
        }
        Ok(())
    }

    /// The `visit_homes` entries of the households the batch writes, and of the households
    /// listing a resident the batch puts on the roll or takes off it; each compared with what
    /// the tree holds.
    fn diff_visit_homes(&self, batch: &Batch, out: &mut Vec<Write>) -> Result<()> {
        let staged_residents = batch.staged(Tree::Residents);
        let staged_households = batch.staged(Tree::Households);
        let on_the_roll_after = |id: Id| -> Result<bool> {
            match staged_residents.get(id_key(id).as_slice()) {
                Some(Some(bytes)) => Ok(crate::rollcall::on_the_roll(&Resident::decode(bytes)?)),
                Some(None) => Ok(false),
                None => Ok(self.tree(Tree::Elders).contains_key(id_key(id))?),
            }
        };
        let mut affected: BTreeSet<Id> = staged_households
            .keys()
            .filter_map(|k| decode_id(k))
            .collect();
        for k in staged_residents.keys() {
            let Some(id) = decode_id(k) else { continue };
            let before = self.tree(Tree::Elders).contains_key(k)?;
            if before == on_the_roll_after(id)? {
                continue;
            }
            affected.extend(self.households_listing(id)?);
        }
        for h in affected {
            let household = match staged_households.get(id_key(h).as_slice()) {
                Some(bytes) => bytes.as_deref().map(Household::decode).transpose()?,
                None => self.get::<Household>(h)?,
            };
            let new = match &household {
                Some(hh) => entries::visit_home(hh, on_the_roll_after)?,
                None => Vec::new(),
            };
            let key = id_key(h).to_vec();
            let stored = self.tree(Tree::VisitHomes).get(&key)?;
            match (new.into_iter().next(), stored) {
                (Some((t, k, v)), Some(old)) if old.as_ref() != v.as_slice() => {
                    out.push((t, k, Some(v)));
                }
                (Some((t, k, v)), None) => out.push((t, k, Some(v))),
                (None, Some(_)) => out.push((Tree::VisitHomes, key, None)),
                _ => {}
            }
        }
        Ok(())
    }

    /// The stored name of a resident, if it exists.
    fn head_name(&self, id: Id) -> Result<Option<String>> {
        Ok(self.get::<Resident>(id)?.map(|r| r.name))
    }

    /// The stored name of a household's head, if it has one that exists.
    pub(super) fn head_of(&self, h: &Household) -> Result<Option<String>> {
        match h.members.first() {
            Some(&head) => self.head_name(head),
            None => Ok(None),
        }
    }
}
