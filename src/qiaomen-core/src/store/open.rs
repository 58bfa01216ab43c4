//! Opening a database: mode 0700, one process at a time, under a timeout, schema checked.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

use super::{SCHEMA_VERSION, Store, Tree, meta};
use crate::error::{Error, Result};

/// A damaged sled file can make `sled::open` spin forever; give up after this long (and
/// longer for a large store: `timeout_for`).
pub const OPEN_TIMEOUT_SECS: u64 = 10;

/// A data file's bytes per second of extra patience when opening it.
const OPEN_BYTES_PER_SEC: u64 = 16 << 20;

/// The time a store with a data file of `data_len` bytes is given to open before it is taken
/// for damaged (and rebuilt from the snapshot and the journal): `base`, plus a second per
/// 16 MB. sled's open of a district's 700 MB takes a quarter of a second on a quiet machine,
/// but on a loaded one, a cold slow disk or under valgrind it took over ten seconds, and a
/// healthy district store was rebuilt for minutes because its open was slow.
fn timeout_for(base: Duration, data_len: u64) -> Duration {
    base + Duration::from_secs(data_len / OPEN_BYTES_PER_SEC)
}

/// sled's page cache; its default is 1 GiB. sled counts pages as stored: held decoded they
/// take about three times this on the heap (heaptrack of a district server: about 190 MB).
pub const CACHE_BYTES: u64 = 64 * 1024 * 1024;
/// The page cache of the server's store: its answers come from its warm state (the search
/// index, the day's roll call, kept summaries), so after the warm-up it reads a few records
/// per change, and the cache only held pages of the warm-up's scans.
pub const SERVER_CACHE_BYTES: u64 = 16 * 1024 * 1024;

impl Store {
    /// Opens (creating if needed) the database in `dir`.
    pub fn open(dir: &Path) -> Result<Store> {
        Self::open_with_timeout(dir, Duration::from_secs(OPEN_TIMEOUT_SECS))
    }

    pub fn open_with_timeout(dir: &Path, timeout: Duration) -> Result<Store> {
        Self::open_sized(dir, timeout, CACHE_BYTES)
    }

    /// `open_with_timeout` with a page cache of `cache_bytes` (see `SERVER_CACHE_BYTES`).
    pub fn open_sized(dir: &Path, timeout: Duration, cache_bytes: u64) -> Result<Store> {
        let data_len = std::fs::metadata(dir.join("db")).map_or(0, |m| m.len());
        let had_data = data_len > 0;
        let timeout = timeout_for(timeout, data_len);
        crate::fsutil::create_private_dir(dir)?;
        // No background flush: the store reaches the disk only when the engine flushes it,
        // after the journal entries it holds are fsynced (group commit, `engine::group`).
        let config = sled::Config::new()
            .path(dir)
            .cache_capacity(cache_bytes)
            .flush_every_ms(None)
            .mode(sled::Mode::LowSpace);
        let (tx, rx) = mpsc::channel();
        // The thread is abandoned on timeout; the process reports and exits.
        std::thread::Builder::new()
            .name("sled-open".into())
            .spawn(move || {
                let _ = tx.send(config.open());
            })?;
        let db = match rx.recv_timeout(timeout) {
            Ok(Ok(db)) => db,
            Ok(Err(e)) => return Err(open_error(dir, e)),
            Err(_) => {
                return Err(Error::OpenTimeout {
                    path: dir.to_owned(),
                    seconds: timeout.as_secs(),
                });
            }
        };
        let data_file = OpenOptions::new().read(true).open(dir.join("db")).ok();
        let mut store = Self::from_db(db, Some(dir.to_owned()), data_file)?;
        store.cache_bytes = cache_bytes;
        // sled opens a log damaged at its start as an empty database. Every database this
        // program created has its schema record, so a data file that opens to nothing at
        // all is damage, not a new start.
        if had_data && Tree::ALL.iter().all(|t| store.tree(*t).is_empty()) {
            return Err(Error::Corrupt {
                kind: "database",
                reason: format!("{} has a data file but reads as empty", dir.display()),
            });
        }
        store.check_schema()?;
        Ok(store)
    }

    /// An in-memory store that vanishes when dropped (tests, `--demo` fallbacks).
    pub fn temporary() -> Result<Store> {
        let db = sled::Config::new()
            .temporary(true)
            .cache_capacity(CACHE_BYTES)
            .open()?;
        let store = Self::from_db(db, None, None)?;
        store.check_schema()?;
        Ok(store)
    }

    fn from_db(db: sled::Db, path: Option<PathBuf>, data_file: Option<File>) -> Result<Store> {
        Ok(Store {
            handles: super::handles::Handles::new(super::handles::Sled::of(db, data_file)?),
            path,
            cache_bytes: CACHE_BYTES,
            write_lock: Mutex::new(()),
            generation: std::sync::atomic::AtomicU64::new(0),
            day_cache: Mutex::new(Vec::new()),
            packs: Mutex::new(Vec::new()),
            copy: Mutex::new(None),
            repacks: super::repacks::Repacks::default(),
        })
    }

    /// The schema recorded in the meta tree, if any.
    pub(super) fn recorded_schema(&self) -> Result<Option<u32>> {
        self.tree(Tree::Meta)
            .get(meta::SCHEMA)?
            .map(|v| {
                <[u8; 4]>::try_from(v.as_ref())
                    .map(u32::from_be_bytes)
                    .map_err(|_| Error::Corrupt {
                        kind: "schema version",
                        reason: format!("{} bytes", v.len()),
                    })
            })
            .transpose()
    }

    fn check_schema(&self) -> Result<()> {
        match self.recorded_schema()? {
            None => {
                let meta_tree = self.tree(Tree::Meta);
                meta_tree.insert(meta::SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
                meta_tree.insert(meta::CHECKINS, &0u64.to_be_bytes())?;
                self.sync()?;
            }
            Some(found) => {
                if found > SCHEMA_VERSION {
                    return Err(Error::SchemaTooNew {
                        path: self.path.clone().unwrap_or_default(),
                        found,
                        known: SCHEMA_VERSION,
                    });
                }
                // An older schema is migrated by the engine, journalled (`Engine::open`).
            }
        }
        Ok(())
    }

    /// Closes this store's database once nothing reads it (waiting up to `patience`), runs
    /// `exchange` (which puts another database at this store's path), and `open`s that
    /// database in its place (with `cache_bytes`, as this one). Should the open fail,
    /// `exchange` runs again to put the old database back, and it is reopened; an error
    /// means neither could be (see `Handles::replace`). The caller holds the write lock, and
    /// has synced this store.
    pub(crate) fn reopen_after(
        &self,
        patience: Duration,
        exchange: impl Fn() -> Result<()>,
        open: impl Fn() -> Result<Store>,
    ) -> Result<super::Reopened> {
        let exchanged = std::cell::Cell::new(false);
        self.handles.replace(
            patience,
            || {
                exchange()?;
                exchanged.set(true);
                open().and_then(Store::into_sled)
            },
            || {
                if exchanged.get() {
                    exchange()?;
                }
                open().and_then(Store::into_sled)
            },
        )
    }

    /// sled's page cache this store was opened with.
    pub(crate) fn cache_bytes(&self) -> u64 {
        self.cache_bytes
    }

    /// This store's database, for another store to take (`reopen_after`).
    fn into_sled(self) -> Result<super::handles::Sled> {
        self.handles.into_only()
    }

    /// Makes everything written so far durable: sled's flush, then fsync of its data file.
    pub fn sync(&self) -> Result<()> {
        let sled = self.handles.current();
        sled.db.flush()?;
        if let Some(f) = &sled.data_file {
            f.sync_data()?;
        }
        Ok(())
    }
}

fn open_error(dir: &Path, e: sled::Error) -> Error {
    match e {
        sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
            Error::DatabaseBusy(dir.to_owned())
        }
        sled::Error::Io(io) if io.kind() == std::io::ErrorKind::WouldBlock => {
            Error::DatabaseBusy(dir.to_owned())
        }
        sled::Error::Corruption { .. }
        | sled::Error::Unsupported(_)
        | sled::Error::ReportableBug(_) => Error::Storage(format!(
            "the database at {} cannot be read: {e}",
            dir.display()
        )),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::{Duration, timeout_for};

    #[test]
    fn a_large_store_is_given_longer_to_open_before_it_is_taken_for_damaged() {
        let base = Duration::from_secs(10);
        // A demo or a test store: the base alone, so a spinning open is caught as quickly.
        assert_eq!(timeout_for(base, 0), base);
        assert_eq!(timeout_for(base, 900_000), base);
        // A subdistrict (185 MB) and a district (728 MB) store.
        assert_eq!(timeout_for(base, 185 << 20), Duration::from_secs(21));
        assert_eq!(timeout_for(base, 728 << 20), Duration::from_secs(55));
    }
}
