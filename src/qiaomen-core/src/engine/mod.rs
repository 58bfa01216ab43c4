//! The engine: the journal, the store and the one path of a change. A command is checked and
//! planned against the store, appended to the journal, then committed to the store, under one
//! lock; then the journal is fsynced and the store flushed, once for every command that came
//! meanwhile (group commit, see `group`), before the caller is told it is saved. Nothing
//! outside the engine writes to the store.
//!
//! ```text
//! DIR/                  0700, every file 0600
//!   qiaomen.lock        held while the database is open (one process at a time)
//!   store/              sled: the materialised store, rebuildable from the two below
//!   journal/            segments of the hash-chained journal (the source of truth)
//!   snapshots/          compressed snapshots (full, or deltas over a full one), 7 daily and 4 weekly
//!   damaged-<time>/     a store (or journal) found damaged, kept aside for inspection
//! ```

#[cfg(test)]
mod admit_tests;
mod check;
mod compact;
mod copyout;
mod group;
mod links;
mod log;
mod open;
mod replay;
mod snapshots;
mod upkeep;
mod warm;

pub use links::Linked;
pub use warm::{Crew, resident_ids};

use std::fs::File;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

pub use check::{CheckReport, Problem};
pub use compact::{BUILT_FILE, BuildJob, CompactReport, GROWN, MIN_COMPACT_BYTES, build_compacted};
pub use copyout::{BackupReport, RestoreReport};
pub use log::{FieldChange, LogEntry, LogFilter, mask};
pub use open::{Recovery, is_database, retry_busy};
pub use snapshots::SnapshotReport;

use crate::command::{Actor, Applied, Command};
use crate::day::Now;
use crate::error::{Error, Result};
use crate::journal::{Entry, Journal, Op};
use crate::store::{ImportReport, Store};

pub const STORE_DIR: &str = "store";
pub const JOURNAL_DIR: &str = "journal";
pub const SNAPSHOT_DIR: &str = "snapshots";
pub const LOCK_FILE: &str = "qiaomen.lock";

pub struct Engine {
    dir: PathBuf,
    store: Store,
    journal: Mutex<Journal>,
    /// The lock file, held (flock) for as long as the engine lives.
    _lock: File,
    /// The OS user recorded in every journal entry.
    os_user: String,
    /// What opening found and did, for the app to tell the user.
    recovered: Vec<Recovery>,
    snapshotting: AtomicBool,
    /// A write failed after the store took it: refuse more until reopened.
    stopped: AtomicBool,
    /// Opened without counting the store's keys (`open_unverified`): set until
    /// `verify_deferred` has counted them.
    unverified: AtomicBool,
    /// A scratch database (tests, `--demo`): its directory goes when the engine does.
    remove_on_drop: bool,
    /// What answers are built from between changes (search index, roll calls, summaries).
    warm: warm::WarmCell,
    /// Applies waiting for their entries to be durable, and who syncs for them.
    group: group::GroupCommit,
}

impl Drop for Engine {
    fn drop(&mut self) {
        if self.remove_on_drop {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

impl std::ops::Deref for Engine {
    type Target = Store;

    /// Reads go straight to the store; writes only through `apply` and `import`.
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl Engine {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A new database in a private scratch directory that is removed when the engine is
    /// dropped (tests, and `--demo`).
    pub fn temporary(os_user: &str, now: Now) -> Result<Engine> {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "qiaomen-{}-{nanos}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let mut engine = Engine::create(&dir, os_user, now)?;
        engine.remove_on_drop = true;
        Ok(engine)
    }

    /// A scratch database, removed when the engine is dropped (see `temporary`).
    pub fn removes_itself(&self) -> bool {
        self.remove_on_drop
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// What opening the database found and repaired (empty when all was well).
    pub fn recovered(&self) -> &[Recovery] {
        &self.recovered
    }

    /// The last journal entry.
    pub fn last_seq(&self) -> u64 {
        self.journal().last_seq()
    }

    fn journal(&self) -> std::sync::MutexGuard<'_, Journal> {
        self.journal
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether a failed write (or a compaction that could not reopen the store) stopped the
    /// engine: it takes no more writes until it is opened again.
    pub fn writes_stopped(&self) -> bool {
        self.stopped.load(Ordering::Relaxed)
    }

    fn check_writable(&self) -> Result<()> {
        if self.stopped.load(Ordering::Relaxed) {
            return Err(Error::WritesStopped(self.dir.clone()));
        }
        Ok(())
    }

    /// Applies one command: checked, journalled, committed, then made durable with whatever
    /// other commands came meanwhile (see `group`).
    pub fn apply(&self, command: Command, actor: &Actor) -> Result<Applied> {
        self.apply_by(command, actor, &self.os_user.clone())
    }

    /// `apply` for a client of the server: `os_user` is who sent it (from the socket's peer
    /// credentials), recorded in the journal with the operator.
    pub fn apply_by(&self, command: Command, actor: &Actor, os_user: &str) -> Result<Applied> {
        self.check_writable()?;
        let seq = {
            let _write = self.store.write_guard();
            let touches = warm::Touches::of(&command);
            self.store.admit(&command, actor.now)?;
            let (mut batch, applied) = self.store.prepare(command.clone(), actor)?;
            let seq = self.journalled(actor, os_user, Op::Command(command), false, |seq| {
                batch.set_seq(seq);
                self.store.commit(&batch, false)
            })?;
            self.after_apply(touches, &applied);
            (seq, applied)
        };
        let (seq, applied) = seq;
        self.durable(seq)?;
        Ok(applied)
    }

    /// Records a refused command (journal and audit, durably): who tried what, and why not.
    pub fn refuse(&self, actor: &Actor, os_user: &str, what: &str) -> Result<()> {
        self.check_writable()?;
        let _write = self.store.write_guard();
        let op = Op::Refused {
            what: what.to_owned(),
        };
        self.journalled(actor, os_user, op, true, |seq| {
            self.store
                .finish_import(what, true, &actor.operator, actor.now.unix, seq)
        })
        .map(drop)
    }

    /// One change, in the order that makes it safe: its entry appended to the journal (and
    /// fsynced when `sync`, else by the group: see `durable`), then `commit` (given the
    /// entry's number) writes it to the store. A commit that fails takes the entry back out,
    /// unless the store already has it. The caller holds the write lock. Returns the entry's
    /// number.
    fn journalled(
        &self,
        actor: &Actor,
        os_user: &str,
        op: Op,
        sync: bool,
        commit: impl FnOnce(u64) -> Result<()>,
    ) -> Result<u64> {
        let mut journal = self.journal();
        let seq = journal.last_seq() + 1;
        let entry = Entry {
            seq,
            now: actor.now,
            operator: actor.operator.clone(),
            os_user: os_user.to_owned(),
            op,
        };
        let mark = journal
            .append(&entry, sync)
            .map_err(|e| e.unwritable(&self.dir, false).unwrap_or(e))?;
        if let Err(e) = commit(seq) {
            let kept = self.after_failed_commit(&mut journal, mark, seq);
            return Err(e.unwritable(&self.dir, kept).unwrap_or(e));
        }
        Ok(seq)
    }

    /// A commit failed: if the store did not take the entry, take it back out of the journal;
    /// if it did (only its fsync failed), the two agree and only further writes are stopped.
    /// Returns whether the entry stays in the journal (so it is applied at the next open).
    fn after_failed_commit(
        &self,
        journal: &mut Journal,
        mark: crate::journal::Mark,
        seq: u64,
    ) -> bool {
        match self.store.applied_seq() {
            Ok(Some(applied)) if applied >= seq => {
                self.stopped.store(true, Ordering::Relaxed);
                true
            }
            Ok(_) => {
                journal.undo(mark);
                false
            }
            Err(_) => {
                self.stopped.store(true, Ordering::Relaxed);
                true
            }
        }
    }

    /// Imports JSON Lines, all or nothing: checked first, then journalled in chunks with an end
    /// entry (fsynced), then applied to the store from the journal. `open` is called twice.
    pub fn import<R: BufRead>(
        &self,
        mut open: impl FnMut() -> std::io::Result<R>,
        dry_run: bool,
        operator: &str,
        now: Now,
        source: &str,
    ) -> Result<ImportReport> {
        self.check_writable()?;
        let _write = self.store.write_guard();
        let mut report = self.store.check_import(&mut open, now.unix)?;
        report.dry_run = dry_run;
        if dry_run {
            return Ok(report);
        }
        let audit = !report.by_kind.contains_key("audit");
        let mut journal = self.journal();
        let mark = journal.mark();
        let first = journal.last_seq() + 1;
        let entry = |seq: u64, op: Op| Entry {
            seq,
            now,
            operator: operator.to_owned(),
            os_user: self.os_user.clone(),
            op,
        };
        let journalled = (|| -> Result<()> {
            for chunk in crate::store::import_chunks(open()?) {
                let seq = journal.last_seq() + 1;
                journal.append(&entry(seq, Op::ImportChunk { lines: chunk? }), false)?;
            }
            let seq = journal.last_seq() + 1;
            let end = Op::ImportEnd {
                summary: crate::store::import_summary(&report, source),
                records: report.records as u64,
                audit,
            };
            journal.append(&entry(seq, end), true)?;
            Ok(())
        })();
        if let Err(e) = journalled {
            journal.undo(mark);
            return Err(e.unwritable(&self.dir, false).unwrap_or(e));
        }
        let last = journal.last_seq();
        drop(journal);
        self.forget_warm();
        // The journal now holds the import: apply it from there, exactly as a rebuild would.
        let applied = Journal::for_each_after(&self.dir.join(JOURNAL_DIR), first - 1, |e, _| {
            replay::apply_entry(&self.store, &e)?;
            Ok(e.seq < last)
        });
        // What was read while the import was applied (a roll call, who someone is) read a
        // store half way: forgotten again.
        self.forget_warm();
        if let Err(e) = applied {
            // Journalled but not all applied: the next open catches the store up.
            self.stopped.store(true, Ordering::Relaxed);
            return Err(e);
        }
        Ok(report)
    }

    /// Makes sure everything is on disk (the TUI at exit; every write already did).
    pub fn sync(&self) -> Result<()> {
        self.journal().sync()?;
        self.store.sync()
    }
}
