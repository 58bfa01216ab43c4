//! Backup and point-in-time restore. A backup is the kept snapshots plus the journal, copied
//! consistently while others write (snapshots never change once written; the journal is copied
//! up to the last entry at the moment of the backup). A restore builds a new database from the
//! newest snapshot before the chosen minute and the journal up to that minute.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::{Engine, JOURNAL_DIR, SNAPSHOT_DIR, STORE_DIR, replay};
use crate::day::{ClockTime, Date, Now};
use crate::error::{Error, Result};
use crate::fsutil;
use crate::journal::{Journal, Op, segment, snapshot};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BackupReport {
    pub dir: PathBuf,
    /// The last journal entry the backup holds.
    pub seq: u64,
    pub snapshots: usize,
    pub segments: usize,
    /// Bytes copied this time (files already there and unchanged are not copied again).
    pub copied_bytes: u64,
    pub total_bytes: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreReport {
    /// The last entry restored, and when it was applied.
    pub seq: u64,
    pub at: Option<Now>,
    /// The snapshot the restore started from, and the entries replayed after it.
    pub snapshot: u64,
    pub replayed: u64,
}

impl Engine {
    /// Copies the kept snapshots and the journal into `to` (created 0700 if needed). A fresh
    /// snapshot is taken first when one is due, so a restore replays little.
    pub fn backup(&self, to: &Path, now: Now) -> Result<BackupReport> {
        self.snapshot_if_due(now)?;
        fsutil::create_private_dir(to)?;
        let snap_to = to.join(SNAPSHOT_DIR);
        let journal_to = to.join(JOURNAL_DIR);
        fsutil::create_private_dir(&snap_to)?;
        fsutil::create_private_dir(&journal_to)?;
        // Where the journal stands now: later appends are not part of this backup.
        let (seq, segments) = {
            let _write = self.store.write_guard();
            let mut journal = self.journal();
            journal.sync()?;
            let segments: Vec<(u64, PathBuf, u64)> = segment::list(&self.dir.join(JOURNAL_DIR))?
                .into_iter()
                .map(|(first, p)| {
                    let len = std::fs::metadata(&p).map_or(0, |m| m.len());
                    (first, p, len)
                })
                .collect();
            (journal.last_seq(), segments)
        };
        let (found, _) = snapshot::list(&self.dir.join(SNAPSHOT_DIR))?;
        let mut copied = 0;
        let mut total = 0;
        let mut names = Vec::new();
        for f in &found {
            let name = f.path.file_name().expect("a file").to_owned();
            let target = snap_to.join(&name);
            // Snapshots are written once under their entry's name: one already there is kept.
            if std::fs::metadata(&target).map(|m| m.len()).ok() != Some(f.bytes) {
                copied += copy_prefix(&f.path, &target, f.bytes)?;
            }
            total += f.bytes;
            names.push(name);
        }
        mirror(&snap_to, &names)?;
        let mut names = Vec::new();
        for (_, path, len) in &segments {
            let name = path.file_name().expect("a file").to_owned();
            let target = journal_to.join(&name);
            if std::fs::metadata(&target).map(|m| m.len()).ok() != Some(*len) {
                copied += copy_prefix(path, &target, *len)?;
            }
            total += len;
            names.push(name);
        }
        mirror(&journal_to, &names)?;
        fsutil::sync_dir(to)?;
        Ok(BackupReport {
            dir: to.to_owned(),
            seq,
            snapshots: found.len(),
            segments: segments.len(),
            copied_bytes: copied,
            total_bytes: total,
        })
    }

    /// Builds a new database in `to` (which must not exist, or be empty) from the backup in
    /// `from`, as it stood at the end of the minute `at` (community time), or at the end of
    /// the backup.
    pub fn restore(
        from: &Path,
        at: Option<(Date, ClockTime)>,
        to: &Path,
        os_user: &str,
        now: Now,
    ) -> Result<(Engine, RestoreReport)> {
        let journal_from = from.join(JOURNAL_DIR);
        let (found, _) = snapshot::list(&from.join(SNAPSHOT_DIR))?;
        let segments = segment::list(&journal_from)?;
        let Some(((first, _), oldest)) = segments.first().zip(found.first()) else {
            return Err(Error::NoDatabase(from.to_owned()));
        };
        let (cut, cut_at) = cut_point(&journal_from, first - 1, at)?;
        if cut < oldest.header.seq {
            let t = oldest.header.taken;
            return Err(Error::invalid(
                "at",
                crate::reason::Reason::BackupReachesBack {
                    date: t.date.to_string(),
                    time: t.time.to_string(),
                },
            ));
        }
        let snap = found
            .iter()
            .rev()
            .filter(|s| s.header.seq <= cut && s.header.seq + 1 >= *first)
            .find(|s| snapshot::verify(&s.path).is_ok())
            .ok_or_else(|| Error::Damaged {
                path: from.to_owned(),
                what: crate::damage::Damage::NoSnapshotCovers,
            })?;
        if to.exists() && std::fs::read_dir(to)?.next().is_some() {
            return Err(Error::NotEmpty(to.to_owned()));
        }
        fsutil::create_private_dir(to)?;
        fsutil::create_private_dir(&to.join(SNAPSHOT_DIR))?;
        // A delta goes with its base (verified with it above).
        for path in std::iter::once(snap.path.clone()).chain(snap.base_path()) {
            let name = path.file_name().expect("a file");
            let bytes = std::fs::metadata(&path)?.len();
            copy_prefix(&path, &to.join(SNAPSHOT_DIR).join(name), bytes)?;
        }
        let (reached, replayed) =
            replay::build(&to.join(STORE_DIR), &snap.path, &journal_from, Some(cut))?;
        // The new database's journal: the same entries, chained from the snapshot.
        let mut journal = Journal::create(
            &to.join(JOURNAL_DIR),
            snap.header.seq,
            snap.header.last_hash,
        )?;
        Journal::for_each_after(&journal_from, snap.header.seq, |entry, _| {
            if entry.seq > reached {
                return Ok(false);
            }
            journal.append(&entry, false)?;
            Ok(true)
        })?;
        journal.sync()?;
        drop(journal);
        let engine = super::open::retry_busy(|| Engine::open(to, os_user, now))?;
        Ok((
            engine,
            RestoreReport {
                seq: reached,
                at: cut_at,
                snapshot: snap.header.seq,
                replayed,
            },
        ))
    }
}

/// The last entry at or before `at` (all entries without it), never inside an import: an
/// import cut in two is left out whole.
fn cut_point(
    journal: &Path,
    after: u64,
    at: Option<(Date, ClockTime)>,
) -> Result<(u64, Option<Now>)> {
    let mut cut = (after, None);
    Journal::for_each_after(journal, after, |entry, _| {
        if at.is_some_and(|t| (entry.now.date, entry.now.time) > t) {
            return Ok(false);
        }
        // An import's chunks count only once its end is reached.
        if !matches!(entry.op, Op::ImportChunk { .. }) {
            cut = (entry.seq, Some(entry.now));
        }
        Ok(true)
    })?;
    Ok(cut)
}

/// Copies the first `len` bytes of `from` to `to` through a temporary file, fsynced and renamed.
fn copy_prefix(from: &Path, to: &Path, len: u64) -> Result<u64> {
    let tmp = to.with_extension("part");
    {
        let mut src = File::open(from)?.take(len);
        let mut dst = File::create(&tmp)?;
        std::io::copy(&mut src, &mut dst)?;
        dst.flush()?;
        dst.sync_all()?;
    }
    std::fs::rename(&tmp, to)?;
    fsutil::sync_dir(to.parent().unwrap_or(Path::new(".")))?;
    Ok(len)
}

/// Removes files in `dir` that are not in `names` (snapshots and segments that retention has
/// since removed at the source).
fn mirror(dir: &Path, names: &[std::ffi::OsString]) -> Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        if !names.contains(&e.file_name()) {
            std::fs::remove_file(e.path())?;
        }
    }
    Ok(())
}
