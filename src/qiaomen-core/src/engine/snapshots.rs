//! Taking snapshots and keeping the right ones: at least one per community day and one per
//! 10,000 entries; 7 daily and 4 weekly kept; journal segments older than the oldest kept
//! snapshot removed. The copy runs a chunk at a time (see `store/copy.rs`), so check-ins go
//! on while it is written.
//!
//! Most snapshots are deltas over the newest full one (`journal/snapshot`): a subdistrict's
//! year-old store took 12 MiB a snapshot, most of it the audit trail, which only grows. A full
//! one is taken again after `FULL_AFTER_DAYS`, or once a delta reaches a third of its base.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use super::{Engine, JOURNAL_DIR, SNAPSHOT_DIR};
use crate::day::Now;
use crate::error::Result;
use crate::journal::{segment, snapshot};
use crate::store::checkins;

/// Entries after which a snapshot is due whatever the day.
pub const SNAPSHOT_EVERY: u64 = 10_000;
/// Community days after which a snapshot is full again rather than a delta over the last full
/// one: the deltas grow with the days, and the journal is kept back to the base.
const FULL_AFTER_DAYS: i64 = 28;
/// A delta this share of its base or more makes the next snapshot a full one.
const DELTA_MAX_SHARE: u64 = 3;
/// Journal bytes after which a snapshot is due (a large import is few entries but many bytes).
/// Every open reads and hashes the last segment, and a snapshot starts a new one: at 4 MiB an
/// open spends a few milliseconds on it, where a 14 MB import segment cost 60 ms a command.
const SNAPSHOT_JOURNAL_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotReport {
    pub path: PathBuf,
    pub seq: u64,
    pub bytes: u64,
    /// Older snapshots and journal segments removed by the retention rule.
    pub removed_snapshots: usize,
    pub removed_segments: usize,
}

impl Engine {
    /// Whether a snapshot is due: none yet, none today (community day), 10,000 entries since
    /// the last, or a journal grown large since it.
    pub fn snapshot_due(&self, now: Now) -> Result<bool> {
        let last = self.last_seq();
        let Some(latest) = snapshot::latest(&self.dir.join(SNAPSHOT_DIR))? else {
            return Ok(true);
        };
        let since = latest.header.seq;
        if since >= last {
            return Ok(false);
        }
        if latest.header.taken.date < now.date || last - since >= SNAPSHOT_EVERY {
            return Ok(true);
        }
        let bytes: u64 = segment::list(&self.dir.join(JOURNAL_DIR))?
            .iter()
            .filter(|(first, _)| *first > since)
            .filter_map(|(_, p)| std::fs::metadata(p).ok().map(|m| m.len()))
            .sum();
        Ok(bytes >= SNAPSHOT_JOURNAL_BYTES)
    }

    /// Takes a snapshot if one is due, folding closed days first so that it holds them packed.
    pub fn snapshot_if_due(&self, now: Now) -> Result<Option<SnapshotReport>> {
        self.fold_closed_days(now)?;
        if !self.snapshot_due(now)? {
            return Ok(None);
        }
        self.snapshot(now)
    }

    /// Takes a snapshot now (unless one of this entry exists, or another is being taken), then
    /// applies the retention rule.
    pub fn snapshot(&self, now: Now) -> Result<Option<SnapshotReport>> {
        // A store not yet counted (`open_unverified`) is counted before it is copied: a
        // damaged store must never become a snapshot.
        if let Some(what) = self.verify_deferred()? {
            return Err(crate::error::Error::Damaged {
                path: self.dir.clone(),
                what,
            });
        }
        if self.snapshotting.swap(true, Ordering::AcqRel) {
            return Ok(None);
        }
        let result = self.take_snapshot(now);
        self.snapshotting.store(false, Ordering::Release);
        result
    }

    fn take_snapshot(&self, now: Now) -> Result<Option<SnapshotReport>> {
        let dir = self.dir.join(SNAPSHOT_DIR);
        crate::fsutil::create_private_dir(&dir)?;
        let base = delta_base(&dir, now)?;
        let header = {
            let _write = self.store.write_guard();
            let journal = self.journal();
            let seq = journal.last_seq();
            if dir.join(snapshot::file_name(seq)).exists() {
                return Ok(None);
            }
            self.store.begin_copy();
            snapshot::Header {
                seq,
                last_hash: journal.last_hash(),
                taken: now,
                schema: self.store.schema()?,
                counts: self.store.kept_counts()?.unwrap_or_default(),
                base,
            }
        };
        let written = (|| -> Result<(PathBuf, u64)> {
            let mut w = snapshot::Writer::create(&dir, &header)?;
            let copied = (|| -> Result<()> {
                while let Some(chunk) = self.store.copy_chunk()? {
                    for (tree, k, v) in chunk {
                        match checkins::for_snapshot(header.schema, tree, &k, &v)? {
                            Some(plain) => w.record(tree, &k, &plain)?,
                            None => w.record(tree, &k, &v)?,
                        }
                    }
                }
                Ok(())
            })();
            match copied {
                Ok(()) => w.finish(),
                Err(e) => {
                    w.abandon();
                    Err(e)
                }
            }
        })();
        self.store.end_copy();
        let (path, bytes) = written?;
        // Entries after the snapshot start a new segment, so whole segments can be removed.
        self.journal().rotate()?;
        let (removed_snapshots, removed_segments) = self.apply_retention()?;
        Ok(Some(SnapshotReport {
            path,
            seq: header.seq,
            bytes,
            removed_snapshots,
            removed_segments,
        }))
    }

    /// Keeps 7 daily and 4 weekly snapshots (and the newest); removes the journal segments
    /// that no kept snapshot needs.
    fn apply_retention(&self) -> Result<(usize, usize)> {
        let dir = self.dir.join(SNAPSHOT_DIR);
        let (found, _) = snapshot::list(&dir)?;
        let keep = snapshot::keep(&found);
        let mut removed = 0;
        for (f, k) in found.iter().zip(&keep) {
            if !k {
                std::fs::remove_file(&f.path)?;
                removed += 1;
            }
        }
        if removed > 0 {
            crate::fsutil::sync_dir(&dir)?;
        }
        let oldest = found
            .iter()
            .zip(&keep)
            .find(|(_, k)| **k)
            .map(|(f, _)| f.header.seq);
        let segments = match oldest {
            Some(seq) => self.journal().prune(seq)?,
            None => 0,
        };
        Ok((removed, segments))
    }
}

/// The full snapshot the next one can be a delta over: the newest full one, taken less than
/// `FULL_AFTER_DAYS` community days ago, whose deltas have stayed under a third of its size,
/// and whole. `None`: the next one is full, as are the first two (a damaged base takes its
/// deltas with it; the full one before it is what is left, see `snapshot::keep`).
fn delta_base(dir: &Path, now: Now) -> Result<Option<snapshot::Base>> {
    let (found, _) = snapshot::list(dir)?;
    if found.iter().filter(|f| f.is_full()).count() < 2 {
        return Ok(None);
    }
    let Some(full) = found.iter().rev().find(|f| f.is_full()) else {
        return Ok(None);
    };
    if now.date.days_since(full.header.taken.date) >= FULL_AFTER_DAYS {
        return Ok(None);
    }
    let newest_delta = found
        .iter()
        .rev()
        .find(|f| f.header.base.is_some_and(|b| b.seq == full.header.seq));
    if newest_delta.is_some_and(|d| d.bytes.saturating_mul(DELTA_MAX_SHARE) >= full.bytes) {
        return Ok(None);
    }
    Ok(snapshot::verify_file(&full.path)
        .ok()
        .map(|(_, sum)| snapshot::Base {
            seq: full.header.seq,
            sum,
        }))
}
