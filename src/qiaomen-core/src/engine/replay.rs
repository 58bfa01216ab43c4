//! Replaying journal entries onto a store: the same planning as when they were first
//! applied, with the clock and operator they were applied with, so the result is the same.

use std::path::Path;

use crate::command::Actor;
use crate::error::{Error, Result};
use crate::journal::{Entry, Journal, Op, snapshot};
use crate::store::{Store, checkins};

/// Plans a journalled command again, with the clock and operator it was applied with, its
/// writes numbered as the entry. The caller holds the write lock and commits.
pub(super) fn prepare(
    store: &Store,
    entry: &Entry,
    command: &crate::command::Command,
) -> Result<(crate::store::Batch, crate::command::Applied)> {
    let actor = Actor {
        operator: entry.operator.clone(),
        now: entry.now,
    };
    let (mut batch, applied) = store.prepare(command.clone(), &actor)?;
    batch.set_seq(entry.seq);
    Ok((batch, applied))
}

/// Applies one entry (not durably: the caller syncs at the end of a run).
pub(super) fn apply_entry(store: &Store, entry: &Entry) -> Result<()> {
    let replay_error = |e: Error| Error::Corrupt {
        kind: "journal",
        reason: format!("entry {} does not replay: {e}", entry.seq),
    };
    match &entry.op {
        Op::Command(command) => {
            let _write = store.write_guard();
            let (batch, _) = prepare(store, entry, command).map_err(replay_error)?;
            store.commit(&batch, false)
        }
        Op::ImportChunk { lines } => store
            .apply_import_chunk(lines, entry.now.unix, entry.seq)
            .map_err(replay_error),
        Op::ImportEnd { summary, audit, .. } => {
            store.finish_import(summary, *audit, &entry.operator, entry.now.unix, entry.seq)
        }
        Op::Refused { what } => {
            store.finish_import(what, true, &entry.operator, entry.now.unix, entry.seq)
        }
        Op::Fold { before } => {
            let _write = store.write_guard();
            store.fold_before(*before, entry.seq).map(|_| ())
        }
        Op::Migrate { to } => {
            let _write = store.write_guard();
            store.migrate(*to, entry.seq)
        }
    }
}

/// Applies the journal entries in `journal_dir` after the store's applied sequence, up to and
/// including `until` (all when `None`); returns how many were applied.
pub(super) fn catch_up(store: &Store, journal_dir: &Path, until: Option<u64>) -> Result<u64> {
    let from = store.applied_seq()?.unwrap_or(0);
    let mut n = 0;
    Journal::for_each_after(journal_dir, from, |entry, _| {
        if until.is_some_and(|u| entry.seq > u) {
            return Ok(false);
        }
        apply_entry(store, &entry)?;
        n += 1;
        Ok(true)
    })?;
    store.sync()?;
    Ok(n)
}

/// Builds a store in `target` (a new directory) from a snapshot and the journal after it, up
/// to `until`. Returns the sequence number it reached and the entries replayed.
pub(super) fn build(
    target: &Path,
    snapshot_path: &Path,
    journal_dir: &Path,
    until: Option<u64>,
) -> Result<(u64, u64)> {
    build_sized(
        target,
        snapshot_path,
        journal_dir,
        until,
        crate::store::CACHE_BYTES,
    )
}

/// `build` with a page cache of `cache_bytes`.
pub(super) fn build_sized(
    target: &Path,
    snapshot_path: &Path,
    journal_dir: &Path,
    until: Option<u64>,
    cache_bytes: u64,
) -> Result<(u64, u64)> {
    let timeout = std::time::Duration::from_secs(crate::store::OPEN_TIMEOUT_SECS);
    let store = Store::open_sized(target, timeout, cache_bytes)?;
    let header = load_snapshot(&store, snapshot_path)?;
    store.set_bookkeeping(header.seq)?;
    let replayed = catch_up(&store, journal_dir, until)?;
    let reached = store.applied_seq()?.unwrap_or(header.seq);
    store.set_bookkeeping(reached)?;
    Ok((reached, replayed))
}

/// Loads a snapshot's records into an empty store; returns its header.
pub(super) fn load_snapshot(store: &Store, snapshot_path: &Path) -> Result<snapshot::Header> {
    let mut pending: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    let mut pending_tree = 0u8;
    let header = snapshot::read_records(snapshot_path, |header, tree, k, v| {
        if tree != pending_tree && !pending.is_empty() {
            store.load_raw(pending_tree, &pending)?;
            pending.clear();
        }
        pending_tree = tree;
        let v = match checkins::from_snapshot(header.schema, tree, k, v)? {
            Some(packed) => packed,
            None => v.to_vec(),
        };
        pending.push((k.to_vec(), v));
        if pending.len() == 1000 {
            store.load_raw(pending_tree, &pending)?;
            pending.clear();
        }
        Ok(())
    })?;
    if !pending.is_empty() {
        store.load_raw(pending_tree, &pending)?;
    }
    Ok(header)
}
