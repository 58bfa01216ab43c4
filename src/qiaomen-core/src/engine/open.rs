//! Creating and opening a database safely. sled 0.34.7 cannot be trusted to open: a flipped
//! byte makes it zero-fill its file and report an empty database, a kill can leave a
//! `snap.*.generating` file that blocks every later open (sled issues 1527, 1533), and a
//! damaged file can make it spin. So: our own lock first; sled's leftovers removed under it;
//! sled opened under a timeout; its own records and its place in the journal checked (its keys
//! counted against its kept counts at once by `open`, later by `open_unverified`'s callers:
//! see there); and anything wrong rebuilt from a snapshot and the journal, with the damaged
//! copy kept aside.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::{Engine, JOURNAL_DIR, LOCK_FILE, SNAPSHOT_DIR, STORE_DIR, replay};
use crate::damage::Damage;
use crate::day::Now;
use crate::error::{Error, Result};
use crate::fsutil;
use crate::journal::{Hash, Journal, JournalOpen, segment, snapshot};
use crate::store::{CACHE_BYTES, OPEN_TIMEOUT_SECS, Store};

/// What opening found wrong and put right.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Recovery {
    /// The store was rebuilt from the snapshot of entry `snapshot` and `replayed` journal
    /// entries; the damaged store is kept at `kept`.
    Rebuilt {
        why: Damage,
        snapshot: u64,
        replayed: u64,
        kept: PathBuf,
    },
    /// The store was `entries` journal entries behind (a crash between the journal and the
    /// store); they were applied.
    CaughtUp { entries: u64 },
    /// The journal was damaged; the intact store was kept, a snapshot taken and the journal
    /// restarted from it. The old journal is kept at `kept`.
    JournalRestarted { why: Damage, kept: PathBuf },
    /// An import that never finished (the process was stopped) was removed from the journal.
    ImportDropped { entries: u64 },
    /// A database of the first layout (sled files at the top) was moved into `store/` and
    /// given a journal and a snapshot.
    Upgraded,
    /// The store was migrated from schema `from` to `to` (journalled).
    Migrated { from: u32, to: u32 },
}

impl Recovery {
    /// Whether the user should be told (routine crash recovery is not news).
    pub fn worth_telling(&self) -> bool {
        !matches!(self, Recovery::CaughtUp { .. })
    }
}

/// Whether `dir` holds a qiaomen database (of either layout).
#[must_use]
pub fn is_database(dir: &Path) -> bool {
    dir.join(STORE_DIR).is_dir() || dir.join(JOURNAL_DIR).is_dir() || is_first_layout(dir)
}

fn is_first_layout(dir: &Path) -> bool {
    dir.join("db").is_file() && dir.join("conf").is_file()
}

impl Engine {
    /// Creates a new, empty database in `dir`, which must not exist or be empty. Only `init`
    /// (and `restore`) create databases.
    pub fn create(dir: &Path, os_user: &str, now: Now) -> Result<Engine> {
        if dir.exists() {
            let empty = std::fs::read_dir(dir)?.next().is_none();
            if !empty {
                return Err(Error::NotEmpty(dir.to_owned()));
            }
        }
        fsutil::create_private_dir(dir)?;
        secure(dir, false)?;
        let lock = lock(dir)?;
        fsutil::create_private_dir(&dir.join(SNAPSHOT_DIR))?;
        let store = Store::open(&dir.join(STORE_DIR))?;
        store.set_bookkeeping(0)?;
        let journal = Journal::create(&dir.join(JOURNAL_DIR), 0, [0; 32])?;
        let engine = Engine::assemble(dir, store, journal, lock, os_user, Vec::new());
        engine.snapshot(now)?;
        Ok(engine)
    }

    /// Opens the database in `dir`, checking it and repairing what can be repaired from the
    /// journal and the snapshots.
    pub fn open(dir: &Path, os_user: &str, now: Now) -> Result<Engine> {
        Self::open_with_timeout(dir, os_user, now, Duration::from_secs(OPEN_TIMEOUT_SECS))
    }

    pub fn open_with_timeout(
        dir: &Path,
        os_user: &str,
        now: Now,
        timeout: Duration,
    ) -> Result<Engine> {
        Self::open_migrated(dir, os_user, now, timeout, false, CACHE_BYTES)
    }

    /// `open_checked`, then an older schema migrated (see `upkeep.rs`). A database that may
    /// not be written (its modes, a read-only mount, a full disk) is said to be so, naming it:
    /// not the OS's bare "Permission denied".
    fn open_migrated(
        dir: &Path,
        os_user: &str,
        now: Now,
        timeout: Duration,
        defer: bool,
        cache: u64,
    ) -> Result<Engine> {
        let open = |now| {
            let mut engine = Self::open_checked(dir, os_user, now, timeout, defer, cache)?;
            engine.migrate_if_old(now)?;
            Ok(engine)
        };
        open(now).map_err(|e: Error| e.unwritable(dir, false).unwrap_or(e))
    }

    /// Opens like `open`, except that a store which closed cleanly (its bookkeeping in place
    /// and up to the journal) is not walked key by key before it is used: at the district that
    /// walk reads every page, seconds before a first answer, and at the subdistrict it was four
    /// fifths of a one-shot `roll`. The count (`verify_deferred`) runs in the server's warm-up,
    /// before any snapshot copies the store, before a migration, and in `check`. Anything else
    /// (a store behind the journal, damage) is handled before returning, as `open` does.
    pub fn open_unverified(dir: &Path, os_user: &str, now: Now) -> Result<Engine> {
        let timeout = Duration::from_secs(OPEN_TIMEOUT_SECS);
        Self::open_migrated(dir, os_user, now, timeout, true, CACHE_BYTES)
    }

    /// `open_unverified` with a small page cache (`store::SERVER_CACHE_BYTES`), for the
    /// server, which answers from its warm state, and for a bulk import, whose writing pass
    /// and closing snapshot touch every page once (at the district the larger cache took its
    /// peak from about 330 to 510 MB). Other one-shot commands keep the larger one.
    pub fn open_lean(dir: &Path, os_user: &str, now: Now) -> Result<Engine> {
        let timeout = Duration::from_secs(OPEN_TIMEOUT_SECS);
        Self::open_migrated(
            dir,
            os_user,
            now,
            timeout,
            true,
            crate::store::SERVER_CACHE_BYTES,
        )
    }

    /// Counts the keys of a store opened by `open_unverified` against its kept counts, with
    /// writes held off meanwhile (reads go on). Returns what is wrong: the caller must stop
    /// using the engine then, and the next `open` rebuilds the store from the journal.
    pub fn verify_deferred(&self) -> Result<Option<Damage>> {
        if !self.unverified.load(Ordering::Acquire) {
            return Ok(None);
        }
        let _write = self.store.write_guard();
        // Counted meanwhile by another thread (the warm-up, or a snapshot).
        if !self.unverified.load(Ordering::Acquire) {
            return Ok(None);
        }
        let trouble = store_trouble(&self.store, true)?;
        if trouble.is_some() {
            self.stopped.store(true, Ordering::Relaxed);
        }
        self.unverified.store(false, Ordering::Release);
        Ok(trouble)
    }

    /// Whether the store's keys are still to be counted (see `open_unverified`).
    pub fn is_unverified(&self) -> bool {
        self.unverified.load(Ordering::Acquire)
    }

    fn open_checked(
        dir: &Path,
        os_user: &str,
        now: Now,
        timeout: Duration,
        defer: bool,
        cache: u64,
    ) -> Result<Engine> {
        if !dir.is_dir() || !is_database(dir) {
            return Err(Error::NoDatabase(dir.to_owned()));
        }
        secure(dir, false)?;
        let lock = lock(dir)?;
        remove_leftovers(dir)?;
        if is_first_layout(dir) && !dir.join(STORE_DIR).exists() {
            return upgrade(dir, lock, os_user, now, timeout);
        }
        let journal_dir = dir.join(JOURNAL_DIR);
        let mut recovered = Vec::new();
        let journal = if segment::list(&journal_dir)?.is_empty() {
            None
        } else {
            Some(Journal::open(&journal_dir)?)
        };
        let store = match Store::open_sized(&dir.join(STORE_DIR), timeout, cache) {
            // A newer program's database is left alone, not rebuilt.
            Err(e @ (Error::SchemaTooNew { .. } | Error::DatabaseBusy(_))) => return Err(e),
            // So is one that may not be written: refused permission is not damage.
            Err(e) if e.unwritable(dir, false).is_some() => return Err(e),
            other => other,
        };
        let Some((journal, report)) = journal else {
            // No journal at all: trust an intact store and start one from it.
            let store = store.map_err(|e| damaged(dir, Damage::of_error(&e)))?;
            return restart_journal(dir, store, lock, os_user, now, Damage::JournalMissing);
        };
        let JournalOpen {
            dropped_import_chunks,
            damaged: journal_damage,
            ..
        } = report;
        if dropped_import_chunks > 0 {
            recovered.push(Recovery::ImportDropped {
                entries: dropped_import_chunks,
            });
        }
        let last = journal.last_seq();
        // Only a store that is up to the journal may be used before its keys are counted.
        let deferred = defer
            && journal_damage.is_none()
            && matches!(&store, Ok(s) if s.applied_seq()? == Some(last));
        let trouble = match &store {
            Ok(s) => store_trouble(s, !deferred)?,
            Err(e) => Some(Damage::of_error(e)),
        };
        match (journal_damage, trouble) {
            (None, None) => {
                let store = store.expect("checked above");
                let applied = store.applied_seq()?.unwrap_or(0);
                if applied > last {
                    let why = Damage::EntriesMissing {
                        from: last + 1,
                        to: applied,
                    };
                    return restart_journal(dir, store, lock, os_user, now, why);
                }
                if applied < last {
                    let entries = replay::catch_up(&store, &journal_dir, None)?;
                    recovered.push(Recovery::CaughtUp { entries });
                }
                let engine = Engine::assemble(dir, store, journal, lock, os_user, recovered);
                engine.unverified.store(deferred, Ordering::Release);
                Ok(engine)
            }
            (None, Some(why)) => {
                drop(store);
                drop(journal);
                let (store, rebuilt) = rebuild(dir, last, why)?;
                recovered.push(rebuilt);
                let (journal, _) = Journal::open(&journal_dir)?;
                Ok(Engine::assemble(
                    dir, store, journal, lock, os_user, recovered,
                ))
            }
            (Some(what), None) => {
                let store = store.expect("checked above");
                // Entries before the damage are good: bring the store up to them first.
                let applied = store.applied_seq()?.unwrap_or(0);
                if applied < last {
                    replay::catch_up(&store, &journal_dir, Some(last))?;
                }
                drop(journal);
                let mut engine = restart_journal(dir, store, lock, os_user, now, what)?;
                recovered.append(&mut engine.recovered);
                engine.recovered = recovered;
                Ok(engine)
            }
            (Some(what), Some(why)) => Err(damaged(
                dir,
                Damage::JournalAndStore {
                    journal: Box::new(what),
                    store: Box::new(why),
                },
            )),
        }
    }

    /// Puts right what `check` found (the database must not be open): damaged snapshots are
    /// set aside; a damaged journal is set aside and restarted from the store; a store that
    /// differs from the journal is rebuilt. Ends with a fresh snapshot.
    pub fn repair(dir: &Path, problems: &[super::Problem], os_user: &str, now: Now) -> Result<()> {
        use super::Problem;
        {
            let _lock = lock(dir)?;
            for p in problems {
                if let Problem::Snapshot { path, .. } = p
                    && path.exists()
                {
                    let aside = keep_aside(dir, "snapshots.damaged")?;
                    let name = path.file_name().unwrap_or_default();
                    std::fs::rename(path, aside.join(name))?;
                }
            }
            if problems.iter().any(|p| matches!(p, Problem::Journal(_))) {
                keep_aside(dir, JOURNAL_DIR)?;
            } else if let Some(Problem::Store(why)) =
                problems.iter().find(|p| matches!(p, Problem::Store(_)))
            {
                let (journal, _) = Journal::open(&dir.join(JOURNAL_DIR))?;
                let last = journal.last_seq();
                drop(journal);
                drop(rebuild(dir, last, why.clone())?);
            }
        }
        let engine = retry_busy(|| Engine::open(dir, os_user, now))?;
        engine.snapshot(now)?;
        Ok(())
    }

    pub(super) fn assemble(
        dir: &Path,
        store: Store,
        journal: Journal,
        lock: File,
        os_user: &str,
        recovered: Vec<Recovery>,
    ) -> Engine {
        Engine {
            dir: dir.to_owned(),
            store,
            journal: Mutex::new(journal),
            _lock: lock,
            os_user: os_user.to_owned(),
            recovered,
            snapshotting: AtomicBool::new(false),
            stopped: AtomicBool::new(false),
            unverified: AtomicBool::new(false),
            remove_on_drop: false,
            warm: super::warm::WarmCell::default(),
            group: super::group::GroupCommit::default(),
        }
    }
}

/// What is wrong with an opened store, if anything: its own records missing, or (when
/// `count`) fewer or more keys than its kept counts say.
fn store_trouble(store: &Store, count: bool) -> Result<Option<Damage>> {
    let health = if count {
        store.health()?
    } else {
        store.bookkeeping()?
    };
    if !health.has_schema || health.applied.is_none() || health.kept.is_none() {
        return Ok(Some(if count && health.records() == 0 {
            Damage::StoreEmpty
        } else {
            Damage::StoreBookkeeping
        }));
    }
    let wrong = health.mismatches();
    if let Some((tree, kept, found)) = wrong.first() {
        return Ok(Some(Damage::Count {
            tree: *tree,
            found: *found,
            kept: *kept,
        }));
    }
    Ok(None)
}

/// Rebuilds the store from the newest snapshot that works and the journal; the damaged store
/// is moved aside.
fn rebuild(dir: &Path, last: u64, why: Damage) -> Result<(Store, Recovery)> {
    let (snaps, _) = snapshot::list(&dir.join(SNAPSHOT_DIR))?;
    let target = dir.join("store.rebuild");
    let mut built = None;
    let mut failures = Vec::new();
    for snap in snaps.iter().rev().filter(|s| s.header.seq <= last) {
        if target.exists() {
            std::fs::remove_dir_all(&target)?;
        }
        match replay::build(&target, &snap.path, &dir.join(JOURNAL_DIR), None) {
            Ok((reached, replayed)) if reached == last => {
                built = Some((snap.header.seq, replayed));
                break;
            }
            Ok((reached, _)) => failures.push(Damage::ReplayStopped { reached, last }),
            Err(e) => failures.push(Damage::of_error(&e)),
        }
    }
    let Some((snapshot, replayed)) = built else {
        let _ = std::fs::remove_dir_all(&target);
        return Err(damaged(
            dir,
            Damage::RebuildFailed {
                why: Box::new(why),
                tried: failures,
            },
        ));
    };
    let kept = keep_aside(dir, STORE_DIR)?;
    std::fs::rename(&target, dir.join(STORE_DIR))?;
    fsutil::sync_dir(dir)?;
    let store = reopen_store(&dir.join(STORE_DIR))?;
    Ok((
        store,
        Recovery::Rebuilt {
            why,
            snapshot,
            replayed,
            kept,
        },
    ))
}

/// Keeps the intact store, moves the journal aside and starts a new one from a new snapshot.
fn restart_journal(
    dir: &Path,
    store: Store,
    lock: File,
    os_user: &str,
    now: Now,
    why: Damage,
) -> Result<Engine> {
    if let Some(trouble) = store_trouble(&store, true)? {
        return Err(damaged(
            dir,
            Damage::JournalAndStore {
                journal: Box::new(why),
                store: Box::new(trouble),
            },
        ));
    }
    let journal_dir = dir.join(JOURNAL_DIR);
    let kept = if journal_dir.exists() {
        keep_aside(dir, JOURNAL_DIR)?
    } else {
        dir.to_owned()
    };
    let seq = store.applied_seq()?.unwrap_or(0);
    let hash = restart_hash(seq, &why.to_string());
    let journal = Journal::create(&journal_dir, seq, hash)?;
    let recovered = vec![Recovery::JournalRestarted { why, kept }];
    let engine = Engine::assemble(dir, store, journal, lock, os_user, recovered);
    engine.snapshot(now)?;
    Ok(engine)
}

/// The hash a restarted journal chains from: new, so it can never pass for the old chain.
fn restart_hash(seq: u64, why: &str) -> Hash {
    let mut h = Sha256::new();
    h.update(b"qiaomen journal restarted");
    h.update(seq.to_be_bytes());
    h.update(why.as_bytes());
    h.finalize().into()
}

/// Moves the first layout's sled files into `store/`, and gives the database its journal and
/// a first snapshot.
fn upgrade(dir: &Path, lock: File, os_user: &str, now: Now, timeout: Duration) -> Result<Engine> {
    let store_dir = dir.join(STORE_DIR);
    let moving = dir.join("store.upgrade");
    fsutil::create_private_dir(&moving)?;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "db" || name == "conf" || name == "blobs" || name.starts_with("snap.") {
            std::fs::rename(&path, moving.join(name))?;
        }
    }
    std::fs::rename(&moving, &store_dir)?;
    fsutil::sync_dir(dir)?;
    secure(dir, true)?;
    let store = Store::open_with_timeout(&store_dir, timeout)?;
    let seq = 0;
    store.set_bookkeeping(seq)?;
    fsutil::create_private_dir(&dir.join(SNAPSHOT_DIR))?;
    let journal = Journal::create(&dir.join(JOURNAL_DIR), seq, [0; 32])?;
    let engine = Engine::assemble(dir, store, journal, lock, os_user, vec![Recovery::Upgraded]);
    engine.snapshot(now)?;
    Ok(engine)
}

/// Moves `dir/name` into a new `damaged-<time>` directory; returns where it went.
fn keep_aside(dir: &Path, name: &str) -> Result<PathBuf> {
    let stamp = time::OffsetDateTime::now_utc();
    let base = format!(
        "damaged-{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        stamp.year(),
        u8::from(stamp.month()),
        stamp.day(),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    );
    let mut aside = dir.join(&base);
    let mut n = 2;
    while aside.join(name).exists() {
        aside = dir.join(format!("{base}-{n}"));
        n += 1;
    }
    fsutil::create_private_dir(&aside)?;
    let source = dir.join(name);
    if source.exists() {
        std::fs::rename(&source, aside.join(name))?;
    }
    fsutil::sync_dir(dir)?;
    Ok(aside)
}

/// Takes the database's own lock (before sled opens: sled's own lock is taken too late to
/// protect the clean-up of its files).
fn lock(dir: &Path) -> Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK_FILE))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::DatabaseBusy(dir.to_owned())),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

/// Makes the database directory and everything in it private, or refuses when it belongs to
/// someone else and is open to others. Everything this program writes is private already
/// (umask 077), so the walk over every file runs only where the directory itself was found
/// open to others, or for `all` (a database of the first layout, whose files were 0644): a
/// plain open costs one `stat`.
fn secure(dir: &Path, all: bool) -> Result<()> {
    if !all && !fsutil::open_to_others(dir)? {
        return Ok(());
    }
    match fsutil::make_private(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Err(Error::NotOurs(dir.to_owned()))
        }
        Err(e) => Err(e.into()),
    }
}

/// Files that a killed process leaves behind: sled's `snap.*.generating` (which would make
/// every later open fail), a snapshot half written, a rebuild half done. Removed under the
/// lock, before sled opens.
fn remove_leftovers(dir: &Path) -> Result<()> {
    let store_dir = dir.join(STORE_DIR);
    if let Ok(entries) = std::fs::read_dir(&store_dir) {
        for e in entries {
            let path = e?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with("snap.") && name.ends_with(".generating") {
                std::fs::remove_file(&path)?;
            }
        }
    }
    fsutil::remove_partial(&dir.join(SNAPSHOT_DIR))?;
    fsutil::remove_partial(&dir.join(JOURNAL_DIR))?;
    for name in [
        "store.rebuild",
        "store.upgrade",
        super::compact::COMPACT_DIR,
    ] {
        let path = dir.join(name);
        // A half-done upgrade is left for the user: its files are the only copy.
        if (name != "store.upgrade" || store_dir.exists()) && path.exists() {
            std::fs::remove_dir_all(path)?;
        }
    }
    Ok(())
}

/// Runs `f` again while the database is busy because a process (this one, or a server that
/// just stopped) has only just let go of it: sled's threads can hold its file lock a moment
/// after the handle is dropped. Up to two seconds.
pub fn retry_busy<T>(mut f: impl FnMut() -> Result<T>) -> Result<T> {
    for _ in 0..40 {
        match f() {
            Err(Error::DatabaseBusy(_)) => std::thread::sleep(Duration::from_millis(50)),
            other => return other,
        }
    }
    f()
}

pub(super) fn reopen_store(dir: &Path) -> Result<Store> {
    reopen_store_sized(dir, crate::store::CACHE_BYTES)
}

/// `reopen_store` with a page cache of `cache_bytes`.
pub(super) fn reopen_store_sized(dir: &Path, cache_bytes: u64) -> Result<Store> {
    let timeout = Duration::from_secs(OPEN_TIMEOUT_SECS);
    retry_busy(|| Store::open_sized(dir, timeout, cache_bytes))
}

fn damaged(dir: &Path, what: Damage) -> Error {
    Error::Damaged {
        path: dir.to_owned(),
        what,
    }
}
