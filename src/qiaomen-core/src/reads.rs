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

impl Reads for Store {
    fn raw_all(&self, tree: Tree) -> Result<Vec<Vec<u8>>> {
        self.tree(tree)
            .iter()
            .values()
            .map(|v| Ok(v?.to_vec()))
            .collect()
    }

    fn raw_get(&self, tree: Tree, id: Id) -> Result<Option<Vec<u8>>> {
        Ok(self
            .tree(tree)
            .get(crate::store::id_key(id))?
            .map(|v| v.to_vec()))
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
