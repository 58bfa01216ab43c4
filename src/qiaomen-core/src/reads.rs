//! What the domain's views read: records by kind and id, the community and the elders. The
//! store answers these directly; the app's backend answers them from the server, so the same
//! view (a household's file, the pledges due, a name typed on the command line) works on
//! either side of the socket.

use crate::error::{Error, Result};
use crate::model::{Community, Id, Resident};
use crate::store::{Entity, Store, Tree};

pub trait Reads {
    /// The stored bytes of every record in an entity tree, by id.
    fn raw_all(&self, tree: Tree) -> Result<Vec<Vec<u8>>>;
    /// The stored bytes of one record.
    fn raw_get(&self, tree: Tree, id: Id) -> Result<Option<Vec<u8>>>;
    fn community(&self) -> Result<Community>;
    /// Residents with a care plan (the elders' index).
    fn elders(&self) -> Result<Vec<Resident>>;

    /// The ids of the residents whose search entry matches `text` (their name, or anything
    /// else search matches; those who left too), best first, at most `limit`: a reader with a
    /// search index answers without reading every resident (`lookup::resident`). `None`: this
    /// reader has no search, and the caller reads them all.
    fn search_residents(&self, text: &str, limit: usize) -> Result<Option<Vec<Id>>> {
        let _ = (text, limit);
        Ok(None)
    }

    /// Every record of a kind, by id.
    fn all<T: Entity>(&self) -> Result<Vec<T>> {
        self.raw_all(T::TREE)?
            .iter()
            .map(|b| T::decode(b))
            .collect()
    }

    fn get<T: Entity>(&self, id: Id) -> Result<Option<T>> {
        self.raw_get(T::TREE, id)?
            .map(|b| T::decode(&b))
            .transpose()
    }

    fn require<T: Entity>(&self, id: Id) -> Result<T> {
        self.get(id)?.ok_or(Error::NotFound { kind: T::KIND, id })
    }
}

impl Store {
    /// The stored bytes of the records of `tree` after id `after`, by id, until about
    /// `max_bytes` (at least one record); with the last id read and whether the tree ended.
    pub fn raw_page(
        &self,
        tree: Tree,
        after: Option<Id>,
        max_bytes: u32,
    ) -> Result<(Vec<Vec<u8>>, Option<Id>, bool)> {
        let iter = match after.and_then(|a| a.checked_add(1)) {
            Some(from) => self.records_from(tree, from)?,
            None if after.is_some() => return Ok((Vec::new(), after, true)),
            None => self.records(tree)?,
        };
        let (mut values, mut bytes, mut last) = (Vec::new(), 0usize, after);
        for r in iter {
            let (id, v) = r?;
            last = Some(id);
            bytes += v.len();
            values.push(v.to_vec());
            if bytes >= max_bytes as usize {
                return Ok((values, last, false));
            }
        }
        Ok((values, last, true))
    }
}

impl Reads for Store {
    fn raw_all(&self, tree: Tree) -> Result<Vec<Vec<u8>>> {
        if tree.blocked() {
            return self.records(tree)?.map(|r| Ok(r?.1.to_vec())).collect();
        }
        // Any tree, the kept indexes too (keys of every shape): its values in key order.
        self.tree(tree)
            .iter()
            .values()
            .map(|v| Ok(v?.to_vec()))
            .collect()
    }

    fn raw_get(&self, tree: Tree, id: Id) -> Result<Option<Vec<u8>>> {
        Ok(self.record(tree, id)?.map(|v| v.to_vec()))
    }

    fn community(&self) -> Result<Community> {
        Store::community(self)
    }

    fn elders(&self) -> Result<Vec<Resident>> {
        Store::elders(self)
    }

    fn all<T: Entity>(&self) -> Result<Vec<T>> {
        Store::all(self)
    }

    fn get<T: Entity>(&self, id: Id) -> Result<Option<T>> {
        Store::get(self, id)
    }
}
