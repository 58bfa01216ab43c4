//! Rebuilding the store when sled has let it grow. sled 0.34 cleans its log's segments only in
//! its background flusher, which is off (the store must not reach the disk before its journal
//! entries, `group.rs`), so every old version of a rewritten page stays in the file: a
//! subdistrict's store grew 1.4 MiB a day to 2.8 times a fresh import's size in a year of
//! roll calls, with the same keys and values.
//!
//! A compaction builds a new store from the newest snapshot and the journal beside the live
//! one, without the write lock, so check-ins go on meanwhile; then, under the lock, it
//! replays the entries that came since, waits for the store's readers to finish, swaps the
//! two directories (one atomic exchange) and reopens. Readers wait for the reopen only (a
//! sled open: 27 ms at a subdistrict). A crash before the exchange leaves the old store and
//! a leftover that the next open removes; after it, the new store, up to the journal.
//!
//! When: after the day's snapshot, if the store is more than `GROWN` times what it was when
//! last built, scaled by how much the data grew since (the snapshot's plain size). A store no
//! compaction built (an import, an older release) starts from its size when first seen.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Engine, JOURNAL_DIR, SNAPSHOT_DIR, STORE_DIR, replay};
use crate::day::Now;
use crate::error::{Error, Result};
use crate::fsutil;
use crate::journal::snapshot;
use crate::store::Reopened;

/// Where a compacted store is built before it is swapped in (a leftover is removed on open).
pub(super) const COMPACT_DIR: &str = "store.compact";
/// In `store/`: the store's size when it was built, and the plain size of the snapshot it was
/// built from (see `Built`).
pub const BUILT_FILE: &str = "qiaomen-built";
/// A store this many times its expected size is compacted.
pub const GROWN: f64 = 1.2;
/// Smaller stores are left as they are: a compaction would give back little.
pub const MIN_COMPACT_BYTES: u64 = 64 << 20;
/// How long one try of the swap waits for the store's readers, writes held meanwhile.
const READERS_PATIENCE: Duration = Duration::from_millis(500);
/// How long the swap is tried again (a second apart, writes let through between tries)
/// before the compaction is given up until the next day (an export reads for minutes).
const SWAP_PATIENCE: Duration = Duration::from_secs(15 * 60);

/// What a compaction's build is to make: a new store in `target` from `snapshot` and the
/// journal entries in `journal` up to `until`. The server runs it in a process of its own
/// (`qiaomen serve --build-store`), so that what the build allocates is given back when it
/// ends; `build_compacted` is the build itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildJob {
    pub target: PathBuf,
    pub snapshot: PathBuf,
    pub journal: PathBuf,
    pub until: u64,
}

/// Builds the store of `job`, synced and closed; returns the journal entries replayed.
pub fn build_compacted(job: &BuildJob) -> Result<u64> {
    // A bulk load in key order reads back little: a small cache keeps the memory down.
    let (reached, replayed) = replay::build_sized(
        &job.target,
        &job.snapshot,
        &job.journal,
        Some(job.until),
        crate::store::SERVER_CACHE_BYTES,
    )?;
    if reached != job.until {
        return Err(Error::Storage(format!(
            "the compacted store reached entry {reached}, not {}",
            job.until
        )));
    }
    Ok(replayed)
}

/// What a compaction did.
#[derive(Clone, Debug, PartialEq)]
pub struct CompactReport {
    /// Bytes of the store before and after.
    pub before: u64,
    pub after: u64,
    /// Journal entries replayed onto the new store while it was built, and then under the
    /// write lock.
    pub replayed: u64,
    pub tail: u64,
    pub seconds: f64,
    /// How long writes and reads waited (the tail, the swap and the reopen).
    pub held_seconds: f64,
}

/// The store's size when built and its data's (the plain size of the snapshot it was built
/// from, `snapshot::plain_bytes`), as `BUILT_FILE` holds them. Version 1 held the snapshot's
/// file size, which a delta snapshot no longer measures: it reads as no file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Built {
    store: u64,
    snapshot: u64,
}

impl Built {
    const HEADER: &'static str = "qiaomen store built 2";

    fn read(store_dir: &Path) -> Option<Built> {
        let text = std::fs::read_to_string(store_dir.join(BUILT_FILE)).ok()?;
        let mut lines = text.lines();
        if lines.next()? != Self::HEADER {
            return None;
        }
        let mut numbers = lines.next()?.split(' ').map(str::parse::<u64>);
        let (Some(Ok(store)), Some(Ok(snapshot)), None) =
            (numbers.next(), numbers.next(), numbers.next())
        else {
            return None;
        };
        (snapshot > 0).then_some(Built { store, snapshot })
    }

    fn write(self, store_dir: &Path) -> Result<()> {
        use std::io::Write;
        let path = store_dir.join(BUILT_FILE);
        let mut f = std::fs::File::create(&path)?;
        writeln!(f, "{}\n{} {}", Self::HEADER, self.store, self.snapshot)?;
        f.sync_all()?;
        fsutil::make_private(&path)?;
        Ok(())
    }

    /// The size a store built now would have, from the data's size now.
    fn expected(self, snapshot_now: u64) -> f64 {
        self.store as f64 * snapshot_now as f64 / self.snapshot as f64
    }
}

/// The bytes of the sled database in `dir`, as sled counts them (`Db::size_on_disk`: its data
/// file and its blob files).
fn stored_bytes(dir: &Path) -> Result<u64> {
    let mut bytes = std::fs::metadata(dir.join("db"))?.len();
    if let Ok(blobs) = std::fs::read_dir(dir.join("blobs")) {
        for blob in blobs {
            bytes += blob?.metadata()?.len();
        }
    }
    Ok(bytes)
}

/// Whether a store of `size` bytes, built as `built` says, is due a compaction now that the
/// newest snapshot's records take `snapshot` bytes uncompressed.
fn due(size: u64, built: Built, snapshot: u64) -> bool {
    size >= MIN_COMPACT_BYTES && size as f64 > GROWN * built.expected(snapshot)
}

impl Engine {
    /// Compacts the store if it has grown past `GROWN` times its expected size (see the
    /// module's note). Run after the day's snapshot.
    pub fn compact_if_grown(&self, now: Now) -> Result<Option<CompactReport>> {
        self.compact_if_grown_with(now, &build_compacted)
    }

    /// `compact_if_grown`, the new store built by `build` (see `BuildJob`).
    pub fn compact_if_grown_with(
        &self,
        now: Now,
        build: &dyn Fn(&BuildJob) -> Result<u64>,
    ) -> Result<Option<CompactReport>> {
        let size = self.store.size_on_disk()?;
        let Some(latest) = snapshot::latest(&self.dir.join(SNAPSHOT_DIR))? else {
            return Ok(None);
        };
        // A snapshot of an older release does not say its data's size: wait for the next.
        let Some(snapshot) = snapshot::plain_bytes(&latest.path)? else {
            return Ok(None);
        };
        let store_dir = self.dir.join(STORE_DIR);
        let Some(built) = Built::read(&store_dir) else {
            // Built by an import or an older release (or the file is damaged): its size now
            // is where it starts from. A store built from a snapshot is larger than one an
            // import wrote (sled packs a bulk load of one tree after another more loosely, by
            // 5 to 20%), so compacting a freshly imported store would only make it larger.
            Built {
                store: size,
                snapshot,
            }
            .write(&store_dir)?;
            return Ok(None);
        };
        if !due(size, built, snapshot) {
            return Ok(None);
        }
        self.compact_with(now, build)
    }

    /// Rebuilds the store from the newest snapshot (taken now if there is none) and the
    /// journal, and swaps it in (see the module's note). `None` when another snapshot or
    /// compaction is under way, or the readers did not finish in time.
    pub fn compact(&self, now: Now) -> Result<Option<CompactReport>> {
        self.compact_with(now, &build_compacted)
    }

    /// `compact`, the new store built by `build` (see `BuildJob`).
    pub fn compact_with(
        &self,
        now: Now,
        build: &dyn Fn(&BuildJob) -> Result<u64>,
    ) -> Result<Option<CompactReport>> {
        self.check_writable()?;
        if snapshot::latest(&self.dir.join(SNAPSHOT_DIR))?.is_none() {
            self.snapshot(now)?;
        }
        if self
            .snapshotting
            .swap(true, std::sync::atomic::Ordering::AcqRel)
        {
            return Ok(None);
        }
        let target = self.dir.join(COMPACT_DIR);
        let result = self.compact_into(&target, build);
        self.snapshotting
            .store(false, std::sync::atomic::Ordering::Release);
        // The old store after a swap, or what a failure left; should sled's winding-down
        // threads still hold it, the next open removes it.
        let _ = std::fs::remove_dir_all(&target);
        result
    }

    fn compact_into(
        &self,
        target: &Path,
        build: &dyn Fn(&BuildJob) -> Result<u64>,
    ) -> Result<Option<CompactReport>> {
        let started = Instant::now();
        let before = self.store.size_on_disk()?;
        let Some(latest) = snapshot::latest(&self.dir.join(SNAPSHOT_DIR))? else {
            return Ok(None);
        };
        // 0 (an older release's snapshot) writes a `BUILT_FILE` that reads as none.
        let snapshot_bytes = snapshot::plain_bytes(&latest.path)?.unwrap_or(0);
        if target.exists() {
            std::fs::remove_dir_all(target)?;
        }
        let journal_dir = self.dir.join(JOURNAL_DIR);
        // The build reads the journal up to where it stands now. An entry is taken back (a
        // commit that failed) only while the write lock is held, so those up to here are
        // final; the ones after are read under the lock.
        let until = {
            let _write = self.store.write_guard();
            self.last_seq()
        };
        let replayed = build(&BuildJob {
            target: target.to_owned(),
            snapshot: latest.path.clone(),
            journal: journal_dir.clone(),
            until,
        })?;
        let live = self.dir.join(STORE_DIR);
        let exchange = || -> Result<()> {
            rustix::fs::renameat_with(
                rustix::fs::CWD,
                target,
                rustix::fs::CWD,
                &live,
                rustix::fs::RenameFlags::EXCHANGE,
            )
            .map_err(std::io::Error::from)?;
            fsutil::sync_dir(&self.dir)?;
            Ok(())
        };
        // Tried again while readers hold the store (an export reads for minutes), letting
        // writes go between tries.
        let (mut applied, mut tail) = (until, 0);
        let mut after;
        let mut held_seconds: f64 = 0.0;
        let waiting = Instant::now();
        let swapped = loop {
            let write = self.store.write_guard();
            let held = Instant::now();
            self.check_writable()?;
            // The entries the new store takes must be durable before it is: it is synced below.
            self.journal().sync()?;
            let last = self.last_seq();
            if last > applied {
                tail += self.replay_tail(target, applied, last)?;
                applied = last;
            }
            after = stored_bytes(target)?;
            Built {
                store: after,
                snapshot: snapshot_bytes,
            }
            .write(target)?;
            fsutil::sync_dir(target)?;
            let cache = self.store.cache_bytes();
            let reopened = self.store.reopen_after(READERS_PATIENCE, exchange, || {
                super::open::reopen_store_sized(&live, cache)
            });
            held_seconds = held_seconds.max(held.elapsed().as_secs_f64());
            drop(write);
            match reopened {
                Ok(Reopened::Swapped) => break true,
                Ok(Reopened::Busy) if waiting.elapsed() < SWAP_PATIENCE => {
                    std::thread::sleep(Duration::from_secs(1));
                }
                Ok(Reopened::Busy) => break false,
                Ok(Reopened::Kept(e)) => return Err(e),
                Err(e) => {
                    // Neither store could be reopened: the store reads as empty until the
                    // engine is opened again, so writes stop here.
                    self.stopped
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                    return Err(e);
                }
            }
        };
        Ok(swapped.then(|| CompactReport {
            before,
            after,
            replayed,
            tail,
            seconds: started.elapsed().as_secs_f64(),
            held_seconds,
        }))
    }

    /// Replays the entries after `from` up to `to` onto the store built in `target` (the
    /// caller holds the write lock); returns how many.
    fn replay_tail(&self, target: &Path, from: u64, to: u64) -> Result<u64> {
        let built = super::open::reopen_store_sized(target, crate::store::SERVER_CACHE_BYTES)?;
        if built.applied_seq()? != Some(from) {
            return Err(Error::Storage(format!(
                "the compacted store stands at entry {:?}, not {from}",
                built.applied_seq()?
            )));
        }
        let n = replay::catch_up(&built, &self.dir.join(JOURNAL_DIR), None)?;
        if built.applied_seq()? != Some(to) {
            return Err(Error::Storage(format!(
                "the compacted store reached entry {:?}, not {to}",
                built.applied_seq()?
            )));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;

    #[test]
    fn a_store_is_due_when_it_grew_past_its_built_size_beyond_its_data() {
        let built = Built {
            store: 200 * MIB,
            snapshot: 20 * MIB,
        };
        // As built, and grown with its data (the snapshot grew as much): not due.
        assert!(!due(200 * MIB, built, 20 * MIB));
        assert!(!due(300 * MIB, built, 30 * MIB));
        // Grown past 1.2 times what its data explains: due.
        assert!(!due(240 * MIB, built, 20 * MIB));
        assert!(due(241 * MIB, built, 20 * MIB));
        assert!(due(370 * MIB, built, 30 * MIB));
        // A small store never is.
        let small = Built {
            store: MIB,
            snapshot: MIB,
        };
        assert!(!due(MIN_COMPACT_BYTES - 1, small, MIB));
        assert!(due(MIN_COMPACT_BYTES, small, MIB));
    }

    #[test]
    fn the_built_file_reads_back_and_anything_else_reads_as_none() {
        let dir = std::env::temp_dir().join(format!("qiaomen-built-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(Built::read(&dir), None);
        let b = Built {
            store: 123_456_789,
            snapshot: 9_876_543,
        };
        b.write(&dir).unwrap();
        assert_eq!(Built::read(&dir), Some(b));
        for bad in [
            "",
            "qiaomen store built 2\n",
            // Version 1: the snapshot's file size, not its data's.
            "qiaomen store built 1\n1 2\n",
            "qiaomen store built 3\n1 2\n",
            "qiaomen store built 2\n1\n",
            "qiaomen store built 2\n1 2 3\n",
            "qiaomen store built 2\n1 x\n",
            "qiaomen store built 2\n1 0\n",
        ] {
            std::fs::write(dir.join(BUILT_FILE), bad).unwrap();
            assert_eq!(Built::read(&dir), None, "{bad:?}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
