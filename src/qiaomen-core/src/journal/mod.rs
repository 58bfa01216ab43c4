//! The journal: the source of truth. Every applied command is appended here and fsynced before
//! the store commits it, so the store (sled) can always be rebuilt from the latest snapshot and
//! the entries after it. Segments start at snapshots and past a size, so old ones can be
//! removed once no kept snapshot needs them.

mod entry;
mod legacy;
pub mod segment;
pub mod snapshot;
#[cfg(test)]
mod tests;

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

pub use entry::{ENTRY_VERSION, Entry, MAX_ENTRY, Op};
pub use segment::{End, Hash};

use crate::error::{Error, Result};

/// A segment grows to about this size before the next entry starts a new one.
const SEGMENT_BYTES: u64 = 16 * 1024 * 1024;

/// What opening the journal found and did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct JournalOpen {
    /// A cut-off last write was removed (it had never been acknowledged).
    pub torn_tail: bool,
    /// Entries of an import that never reached its end were removed.
    pub dropped_import_chunks: u64,
    /// A damaged entry before the end: what is wrong. Entries after it are not trusted.
    pub damaged: Option<crate::damage::Damage>,
}

pub struct Journal {
    dir: PathBuf,
    /// The segment being appended to, with its first sequence number and good length.
    file: Option<(File, u64, u64)>,
    last_seq: u64,
    last_hash: Hash,
    /// The next append starts a new segment (after a snapshot).
    rotate: bool,
    /// A write failed and could not be undone: no more appends until the journal is reopened.
    broken: bool,
}

impl Journal {
    /// A new, empty journal continuing from `seq` and `hash` (a new database, a restore, or a
    /// restart after damage).
    pub fn create(dir: &Path, seq: u64, hash: Hash) -> Result<Journal> {
        crate::fsutil::create_private_dir(dir)?;
        let mut journal = Journal {
            dir: dir.to_owned(),
            file: None,
            last_seq: seq,
            last_hash: hash,
            rotate: true,
            broken: false,
        };
        // An empty first segment, so that opening always finds where the journal stands.
        journal.start_segment(seq + 1)?;
        Ok(journal)
    }

    /// Opens the journal in `dir`: reads the last segment, removes a cut-off last write and an
    /// import that never finished, and reports damage. A last segment whose creation an older
    /// release cut off (`segment::cut_off_at_creation`) is removed when a segment comes before
    /// it; a lone first segment so cut (a kill inside `create`, in `init`, `restore` or a
    /// journal's restart) is still an error: what it would chain from is not known here.
    pub fn open(dir: &Path) -> Result<(Journal, JournalOpen)> {
        let mut segments = segment::list(dir)?;
        let mut report = JournalOpen::default();
        if let [.., (_, before), (first, last)] = segments.as_slice()
            && segment::cut_off_at_creation(before, last, *first)?
        {
            std::fs::remove_file(last)?;
            crate::fsutil::sync_dir(dir)?;
            segments.pop();
            report.torn_tail = true;
        }
        let Some((_, last_path)) = segments.last() else {
            return Err(Error::Corrupt {
                kind: "journal",
                reason: format!("{} has no segments", dir.display()),
            });
        };
        // An import is applied only once its end is journalled: a run of chunks at the end
        // is an import that never finished, and is cut off with the torn tail.
        let mut open_import: Option<(u64, u64, Hash, u64)> = None;
        let scan = segment::scan(last_path, |r| {
            if r.is_import_chunk() {
                open_import.get_or_insert((r.start, r.seq, *r.prev, 0)).3 += 1;
            } else {
                open_import = None;
            }
            Ok(true)
        })?;
        let mut good_len = scan.good_len;
        let mut next_seq = scan.next_seq;
        let mut last_hash = scan.last_hash;
        match &scan.end {
            End::Clean => {}
            End::Torn => report.torn_tail = true,
            End::Damaged(why) => report.damaged = Some(why.clone()),
        }
        if let Some((start, seq, prev, n)) = open_import
            && report.damaged.is_none()
        {
            report.dropped_import_chunks = n;
            good_len = start;
            next_seq = seq;
            last_hash = prev;
        }
        let file = OpenOptions::new().read(true).append(true).open(last_path)?;
        if report.damaged.is_none() && file.metadata()?.len() != good_len {
            file.set_len(good_len)?;
            file.sync_all()?;
        }
        let journal = Journal {
            dir: dir.to_owned(),
            file: Some((file, scan.first_seq, good_len)),
            last_seq: next_seq - 1,
            last_hash,
            rotate: false,
            broken: false,
        };
        Ok((journal, report))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The sequence number of the last entry (0 for none).
    pub fn last_seq(&self) -> u64 {
        self.last_seq
    }

    pub fn last_hash(&self) -> Hash {
        self.last_hash
    }

    /// Starts a new segment now (unless the current one is still empty), so that the one
    /// before can be removed as soon as a snapshot covers it and opening reads only what came
    /// after the snapshot.
    pub fn rotate(&mut self) -> Result<()> {
        if self
            .file
            .as_ref()
            .is_some_and(|(_, _, len)| *len > segment::HEADER_LEN)
        {
            self.start_segment(self.last_seq + 1)?;
        }
        Ok(())
    }

    /// Appends an entry (its `seq` must be `last_seq() + 1`); with `sync`, the entry is on disk
    /// when this returns. A failed write is undone, so a refused entry is never half there.
    pub fn append(&mut self, entry: &Entry, sync: bool) -> Result<Mark> {
        if self.broken {
            // The journal lives in `DIR/journal`: the sentence names the database.
            let db = self.dir.parent().unwrap_or(&self.dir);
            return Err(Error::WritesStopped(db.to_owned()));
        }
        assert_eq!(
            entry.seq,
            self.last_seq + 1,
            "journal entries are numbered in order"
        );
        let payload = entry.encode();
        let hash = segment::chain(&self.last_hash, &payload);
        let frame = segment::frame(&hash, &payload);
        let mark = self.mark();
        let needs_new = self.rotate
            || self
                .file
                .as_ref()
                .is_none_or(|(_, _, len)| *len > SEGMENT_BYTES && !entry.is_import_chunk());
        if needs_new {
            self.start_segment(entry.seq)?;
        }
        let (file, _, len) = self.file.as_mut().expect("a segment is open");
        let written = file
            .write_all(&frame)
            .and_then(|()| if sync { file.sync_data() } else { Ok(()) });
        if let Err(e) = written {
            self.undo(mark);
            return Err(e.into());
        }
        *len += frame.len() as u64;
        self.last_seq = entry.seq;
        self.last_hash = hash;
        Ok(mark)
    }

    /// Makes every appended entry durable.
    pub fn sync(&mut self) -> Result<()> {
        if let Some((file, _, _)) = &self.file {
            file.sync_data()?;
        }
        Ok(())
    }

    /// Where the journal stands now, to undo appends made after it.
    pub fn mark(&self) -> Mark {
        Mark {
            seq: self.last_seq,
            hash: self.last_hash,
            segment: self.file.as_ref().map(|(_, first, len)| (*first, *len)),
        }
    }

    /// Takes back everything appended after `mark` (a command whose store commit failed, an
    /// import that failed half way). If that fails too, the journal refuses further writes.
    pub fn undo(&mut self, mark: Mark) {
        let ok = match (&self.file, mark.segment) {
            (Some((file, first, _)), Some((mfirst, mlen))) if *first == mfirst => {
                file.set_len(mlen).and_then(|()| file.sync_all()).is_ok()
            }
            (Some((_, first, _)), _) => {
                // Appends after the mark started a new segment: remove it whole.
                let path = self.dir.join(segment::file_name(*first));
                let removed = std::fs::remove_file(path).is_ok();
                self.file = None;
                self.rotate = true;
                if let Some((mfirst, mlen)) = mark.segment {
                    self.reopen_segment(mfirst, mlen).is_ok() && removed
                } else {
                    removed
                }
            }
            (None, _) => true,
        };
        if let (Some((_, _, len)), Some((_, mlen))) = (self.file.as_mut(), mark.segment) {
            *len = mlen;
        }
        self.last_seq = mark.seq;
        self.last_hash = mark.hash;
        if !ok {
            self.broken = true;
        }
    }

    fn reopen_segment(&mut self, first: u64, len: u64) -> Result<()> {
        let path = self.dir.join(segment::file_name(first));
        let file = OpenOptions::new().read(true).append(true).open(path)?;
        file.set_len(len)?;
        file.sync_all()?;
        self.file = Some((file, first, len));
        self.rotate = false;
        Ok(())
    }

    fn start_segment(&mut self, first_seq: u64) -> Result<()> {
        // Entries appended without a sync (group commit) are made durable before any entry
        // goes to the next segment.
        if let Some((file, _, _)) = &self.file {
            file.sync_data()?;
        }
        let file = segment::create(&self.dir, first_seq, &self.last_hash)?;
        self.file = Some((file, first_seq, segment::HEADER_LEN));
        self.rotate = false;
        Ok(())
    }

    /// Removes the segments that hold only entries up to `seq` (covered by a kept snapshot).
    pub fn prune(&self, seq: u64) -> Result<usize> {
        let segments = segment::list(&self.dir)?;
        let current = self.file.as_ref().map(|(_, first, _)| *first);
        let mut removed = 0;
        for pair in segments.windows(2) {
            let ((first, path), (next_first, _)) = (&pair[0], &pair[1]);
            if *next_first <= seq + 1 && Some(*first) != current {
                std::fs::remove_file(path)?;
                removed += 1;
            }
        }
        if removed > 0 {
            crate::fsutil::sync_dir(&self.dir)?;
        }
        Ok(removed)
    }

    /// Calls `f` with every entry after `after`, in order, until it returns `false`; stops with
    /// an error at the first damaged entry. Entries are streamed, one in memory at a time.
    pub fn for_each_after(
        dir: &Path,
        after: u64,
        mut f: impl FnMut(Entry, Hash) -> Result<bool>,
    ) -> Result<()> {
        let segments = segment::list(dir)?;
        let mut expect = after + 1;
        for (i, (first, path)) in segments.iter().enumerate() {
            let next_first = segments.get(i + 1).map(|(n, _)| *n);
            if next_first.is_some_and(|n| n <= after + 1) {
                continue;
            }
            if *first > expect {
                return Err(Error::Corrupt {
                    kind: "journal",
                    reason: format!("entries {expect} to {} are missing", first - 1),
                });
            }
            let mut stop = false;
            let mut failed = None;
            let scan = segment::scan(path, |r| {
                if r.seq < expect {
                    return Ok(true);
                }
                let entry = match r.entry() {
                    Ok(e) => e,
                    Err(e) => {
                        failed = Some(e);
                        return Ok(false);
                    }
                };
                expect = entry.seq + 1;
                match f(entry, *r.hash) {
                    Ok(true) => Ok(true),
                    Ok(false) => {
                        stop = true;
                        Ok(false)
                    }
                    Err(e) => {
                        failed = Some(e);
                        Ok(false)
                    }
                }
            })?;
            if let Some(e) = failed {
                return Err(e);
            }
            if stop {
                return Ok(());
            }
            if let End::Damaged(why) = &scan.end {
                return Err(Error::Corrupt {
                    kind: "journal",
                    reason: why.to_string(),
                });
            }
        }
        Ok(())
    }
}

/// A position in the journal to go back to.
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    seq: u64,
    hash: Hash,
    segment: Option<(u64, u64)>,
}
