//! Which visits, cases and fund entries name a household or a resident: what the resident card
//! shows, found without reading every visit, case and fund entry of the database.
//!
//! Kept in the engine's warm state like the search index, not in a sled tree: it is built from
//! the store in one pass the first time a card asks (a server, or a TUI, asks again and
//! again), kept current as commands are applied (`refresh` of each record a command names),
//! and forgotten with the rest of the warm state on an import or a repair. Being a function of
//! the records alone, it needs no schema migration, and replay and `check` have nothing of it
//! to rebuild or compare: the next build reads the store as it is.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::{Case, FundEntry, Id, Visit};
use crate::reads::Reads;
use crate::store::{Entity, Store, Tree};

/// The records a card shows, as stored (the answer of `Query::Linked`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Linked {
    /// The household's visits.
    pub visits: Vec<Vec<u8>>,
    /// The cases naming the resident as a party.
    pub cases: Vec<Vec<u8>>,
    /// The fund entries for the household.
    pub fund: Vec<Vec<u8>>,
}

/// Owner → record ids, and each record's owners (to move it when it changes).
#[derive(Default)]
struct Map {
    of: HashMap<Id, BTreeSet<Id>>,
    owners: HashMap<Id, Vec<Id>>,
}

impl Map {
    fn set(&mut self, record: Id, owners: Vec<Id>) {
        self.remove(record);
        for &o in &owners {
            self.of.entry(o).or_default().insert(record);
        }
        if !owners.is_empty() {
            self.owners.insert(record, owners);
        }
    }

    fn remove(&mut self, record: Id) {
        for o in self.owners.remove(&record).unwrap_or_default() {
            if let Some(set) = self.of.get_mut(&o) {
                set.remove(&record);
                if set.is_empty() {
                    self.of.remove(&o);
                }
            }
        }
    }

    fn ids(&self, owner: Id) -> Vec<Id> {
        self.of
            .get(&owner)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    }
}

#[derive(Default)]
pub(crate) struct Links {
    /// Household → its visits.
    visits: Map,
    /// Resident → the cases naming them.
    cases: Map,
    /// Household → its fund entries.
    fund: Map,
}

impl Links {
    pub(crate) fn build(store: &Store) -> Result<Links> {
        let mut links = Links::default();
        for v in store.tree(Tree::Visits).iter().values() {
            links.visit(&Visit::decode(&v?)?);
        }
        for v in store.tree(Tree::Cases).iter().values() {
            links.case(&Case::decode(&v?)?);
        }
        for v in store.tree(Tree::Fund).iter().values() {
            links.fund(&FundEntry::decode(&v?)?);
        }
        Ok(links)
    }

    fn visit(&mut self, v: &Visit) {
        self.visits.set(v.id, vec![v.household]);
    }

    fn case(&mut self, c: &Case) {
        let mut residents = c.residents.clone();
        residents.sort_unstable();
        residents.dedup();
        self.cases.set(c.id, residents);
    }

    fn fund(&mut self, f: &FundEntry) {
        self.fund.set(f.id, f.household.into_iter().collect());
    }

    /// Re-reads one record after a change, by the kind names of the audit (`visit`, `case`,
    /// `fund`); other kinds do not change what a card links to.
    pub(crate) fn refresh(&mut self, store: &Store, kind: &str, id: Id) -> Result<()> {
        match kind {
            "visit" => match store.get::<Visit>(id)? {
                Some(v) => self.visit(&v),
                None => self.visits.remove(id),
            },
            "case" => match store.get::<Case>(id)? {
                Some(c) => self.case(&c),
                None => self.cases.remove(id),
            },
            "fund" => match store.get::<FundEntry>(id)? {
                Some(f) => self.fund(&f),
                None => self.fund.remove(id),
            },
            _ => {}
        }
        Ok(())
    }

    /// The ids linked to a resident and their household: (visits, cases, fund entries).
    pub(crate) fn ids(&self, resident: Id, household: Option<Id>) -> [Vec<Id>; 3] {
        let of_household = |m: &Map| household.map(|h| m.ids(h)).unwrap_or_default();
        [
            of_household(&self.visits),
            self.cases.ids(resident),
            of_household(&self.fund),
        ]
    }
}

/// The stored values of `ids` in `tree` (those that exist).
pub(crate) fn values(store: &Store, tree: Tree, ids: &[Id]) -> Result<Vec<Vec<u8>>> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        if let Some(v) = store.raw_get(tree, id)? {
            out.push(v);
        }
    }
    Ok(out)
}
