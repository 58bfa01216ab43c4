//! sled's handles of a store, replaceable while the store is in use: a compaction builds a new
//! sled database beside the live one and puts it in place (`Engine::compact`) without the
//! readers of the store noticing.
//!
//! Every handle a reader gets (`TreeRef`, and the iterators it makes) holds the database it came
//! from, so the old one is closed only once nothing reads it: sled finds its large pages
//! (blob files) by path, and after the swap that path is the new database's.

use std::fs::File;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use super::Tree;
use crate::error::Result;

/// One open sled database and its trees.
pub(crate) struct Sled {
    pub(super) db: sled::Db,
    pub(super) trees: Vec<sled::Tree>,
    /// sled's data file, kept open to fsync it after each flush: sled's own flush uses
    /// `sync_file_range`, which does not survive a power loss.
    pub(super) data_file: Option<File>,
}

/// The live database, replaceable (`Handles::replace`).
pub(crate) struct Handles(RwLock<Arc<Sled>>);

impl Handles {
    pub(super) fn new(sled: Sled) -> Handles {
        Handles(RwLock::new(Arc::new(sled)))
    }

    /// The database of a store no one else reads (one just opened).
    pub(super) fn into_only(self) -> Result<Sled> {
        let arc = self.0.into_inner().unwrap_or_else(PoisonError::into_inner);
        Arc::try_unwrap(arc).map_err(|_| {
            crate::error::Error::Storage("a store just opened is read by someone".into())
        })
    }

    pub(super) fn current(&self) -> Arc<Sled> {
        Arc::clone(&self.0.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Closes the live database once nothing reads it, runs `swap` (which must not read this
    /// store) and puts the database it opens in place. Readers that come meanwhile wait;
    /// readers under way are waited for, up to `patience` (`Reopened::Busy`: nothing done).
    /// Should `swap` fail, `restore` reopens the old database (`Reopened::Kept`); should that
    /// fail too, the error is returned and the store holds an empty in-memory database until
    /// it is opened again.
    pub(super) fn replace(
        &self,
        patience: Duration,
        swap: impl FnOnce() -> Result<Sled>,
        restore: impl FnOnce() -> Result<Sled>,
    ) -> Result<Reopened> {
        let deadline = Instant::now() + patience;
        let mut live = loop {
            // Taken only when no reader holds the database: a reader holding one handle may
            // ask for another, and must not wait on this lock while it holds it.
            if let Ok(guard) = self.0.try_write()
                && Arc::strong_count(&guard) == 1
            {
                break guard;
            }
            if Instant::now() >= deadline {
                return Ok(Reopened::Busy);
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        // Made only now that it is needed (every try would otherwise open one); should it
        // fail, nothing has been closed yet.
        let empty = Sled::none()?;
        // Nothing else holds the old database: this closes it (sled flushes nothing: the
        // caller synced it and holds the write lock).
        drop(std::mem::replace(&mut *live, Arc::new(empty)));
        match swap() {
            Ok(sled) => {
                *live = Arc::new(sled);
                Ok(Reopened::Swapped)
            }
            Err(e) => match restore() {
                Ok(sled) => {
                    *live = Arc::new(sled);
                    Ok(Reopened::Kept(e))
                }
                Err(again) => Err(crate::error::Error::Storage(format!(
                    "{e}; and the store it was to replace could not be reopened: {again}"
                ))),
            },
        }
    }
}

/// What `Handles::replace` did.
#[derive(Debug)]
pub(crate) enum Reopened {
    Swapped,
    /// Readers did not finish in time: nothing was done.
    Busy,
    /// The new database did not open: the old one is open again.
    Kept(crate::error::Error),
}

impl Sled {
    /// An open database and its trees.
    pub(super) fn of(db: sled::Db, data_file: Option<File>) -> Result<Sled> {
        let trees = Tree::ALL
            .iter()
            .map(|t| db.open_tree(t.name()))
            .collect::<sled::Result<Vec<_>>>()?;
        Ok(Sled {
            db,
            trees,
            data_file,
        })
    }

    /// No database: what a store holds between closing its database and opening the next
    /// (and should both fail). sled's in-memory database, empty and never written to.
    fn none() -> Result<Sled> {
        let db = sled::Config::new()
            .temporary(true)
            .cache_capacity(1 << 20)
            .open()?;
        Sled::of(db, None)
    }
}

/// One tree of the store, holding the database it belongs to.
pub struct TreeRef {
    sled: Arc<Sled>,
    tree: usize,
}

impl TreeRef {
    pub(super) fn new(sled: Arc<Sled>, tree: Tree) -> TreeRef {
        TreeRef {
            sled,
            tree: tree as usize,
        }
    }

    pub fn iter(&self) -> Iter {
        self.hold((**self).iter())
    }

    pub fn range<K: AsRef<[u8]>, R: std::ops::RangeBounds<K>>(&self, range: R) -> Iter {
        self.hold((**self).range(range))
    }

    pub fn scan_prefix<P: AsRef<[u8]>>(&self, prefix: P) -> Iter {
        self.hold((**self).scan_prefix(prefix))
    }

    fn hold(&self, inner: sled::Iter) -> Iter {
        Iter {
            inner,
            _sled: Arc::clone(&self.sled),
        }
    }
}

impl std::ops::Deref for TreeRef {
    type Target = sled::Tree;

    fn deref(&self) -> &sled::Tree {
        &self.sled.trees[self.tree]
    }
}

impl IntoIterator for TreeRef {
    type Item = sled::Result<(sled::IVec, sled::IVec)>;
    type IntoIter = Iter;

    fn into_iter(self) -> Iter {
        self.iter()
    }
}

impl IntoIterator for &TreeRef {
    type Item = sled::Result<(sled::IVec, sled::IVec)>;
    type IntoIter = Iter;

    fn into_iter(self) -> Iter {
        self.iter()
    }
}

/// sled's iterator, holding the database it reads.
pub struct Iter {
    inner: sled::Iter,
    _sled: Arc<Sled>,
}

impl Iter {
    pub fn keys(self) -> impl DoubleEndedIterator<Item = sled::Result<sled::IVec>> {
        self.map(|r| r.map(|(k, _)| k))
    }

    pub fn values(self) -> impl DoubleEndedIterator<Item = sled::Result<sled::IVec>> {
        self.map(|r| r.map(|(_, v)| v))
    }
}

impl Iterator for Iter {
    type Item = sled::Result<(sled::IVec, sled::IVec)>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

impl DoubleEndedIterator for Iter {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    /// An in-memory database whose meta tree holds `mark`.
    fn marked(mark: &[u8]) -> Sled {
        let sled = Sled::none().unwrap();
        sled.trees[Tree::Meta as usize]
            .insert("mark", mark)
            .unwrap();
        sled
    }

    fn mark(handles: &Handles) -> Vec<u8> {
        TreeRef::new(handles.current(), Tree::Meta)
            .get("mark")
            .unwrap()
            .map(|v| v.to_vec())
            .unwrap_or_default()
    }

    /// A swap to a database marked "new" that opens, waiting 50 ms for readers.
    fn swap_to_new(handles: &Handles) -> Reopened {
        handles
            .replace(
                Duration::from_millis(50),
                || Ok(marked(b"new")),
                || unreachable!(),
            )
            .unwrap()
    }

    #[test]
    fn a_reader_under_way_holds_the_swap_off_until_it_is_done() {
        let handles = Handles::new(marked(b"old"));
        let reading = TreeRef::new(handles.current(), Tree::Meta).iter();
        let swapped = swap_to_new(&handles);
        assert!(matches!(swapped, Reopened::Busy), "{swapped:?}");
        assert_eq!(mark(&handles), b"old");
        // The iterator still reads its own database.
        assert_eq!(reading.count(), 1);
        let swapped = swap_to_new(&handles);
        assert!(matches!(swapped, Reopened::Swapped), "{swapped:?}");
        assert_eq!(mark(&handles), b"new");
    }

    #[test]
    fn a_swap_that_fails_puts_the_old_database_back_or_says_neither_opened() {
        let handles = Handles::new(marked(b"old"));
        let failed = || Err(Error::Storage("no".into()));
        let kept = handles
            .replace(Duration::from_millis(50), failed, || {
                Ok(marked(b"old again"))
            })
            .unwrap();
        assert!(
            matches!(kept, Reopened::Kept(Error::Storage(_))),
            "{kept:?}"
        );
        assert_eq!(mark(&handles), b"old again");
        let lost = handles.replace(Duration::from_millis(50), failed, failed);
        assert!(lost.is_err());
        // Every read then finds nothing, rather than the closed database.
        assert_eq!(mark(&handles), b"");
    }
}
