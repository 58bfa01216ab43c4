//! Group commit: concurrent applies share one journal fsync and one store flush.
//!
//! An apply takes the write lock only to check, plan, append its entry to the journal
//! (written, not yet fsynced) and commit it to the store in memory; the next apply can plan
//! on top of it at once. Then it waits until its entry is durable: the first waiter becomes
//! the group's leader, takes the write lock (so nothing is appended or committed meanwhile),
//! fsyncs the journal up to its last entry, then flushes and fsyncs the store, and wakes
//! everyone whose entry that covered. Those who came while it synced form the next group.
//!
//! The order stays journal first: sled's own background flush is off (`store::open`), so the
//! store reaches the disk only in the leader's flush, after the journal entries it holds.
//!
//! **Acknowledged** means: the command's journal entry is fsynced and the store holding it is
//! flushed and fsynced; only then does `apply` return (and the server reply and tell the other
//! clients). Another client's read may see a change up to one group (a few milliseconds)
//! before it is acknowledged; if the server is killed then, the journal (written, in the
//! kernel's cache) still has it and the next start catches the store up.

use std::sync::atomic::Ordering;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use super::Engine;
use crate::error::{Error, Result};

#[derive(Default)]
pub(super) struct GroupCommit {
    state: Mutex<State>,
    synced: Condvar,
}

#[derive(Default)]
struct State {
    /// Every entry up to this one is durable (journal and store).
    durable: u64,
    /// A leader is syncing now.
    syncing: bool,
    /// A sync failed: nothing after `durable` will be acknowledged.
    failed: bool,
    /// Groups synced, and entries they covered (for the tests and benchmarks).
    groups: u64,
}

impl GroupCommit {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Engine {
    /// Returns once the journal entry `seq` (appended, and committed to the store in memory)
    /// is durable, syncing for the whole group if no one else is.
    pub(super) fn durable(&self, seq: u64) -> Result<()> {
        let group = &self.group;
        let mut state = group.lock();
        loop {
            if state.durable >= seq {
                return Ok(());
            }
            if state.failed {
                return Err(Error::WritesStopped(self.dir.clone()));
            }
            if state.syncing {
                state = group
                    .synced
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            state.syncing = true;
            drop(state);
            let synced = self.sync_group();
            state = group.lock();
            state.syncing = false;
            match synced {
                Ok(last) => {
                    state.durable = state.durable.max(last);
                    state.groups += 1;
                    group.synced.notify_all();
                }
                Err(e) => {
                    // Entries after the durable ones are in the store's memory and the
                    // journal's cache: nothing more is accepted until the database is opened
                    // again (which catches the store up from the journal, or not).
                    state.failed = true;
                    self.stopped.store(true, Ordering::Relaxed);
                    group.synced.notify_all();
                    return Err(e.unwritable(&self.dir, true).unwrap_or(e));
                }
            }
        }
    }

    /// The journal fsynced up to its last entry, then the store flushed: under the write lock,
    /// so the flush holds no entry the journal's fsync did not cover. Returns that entry.
    fn sync_group(&self) -> Result<u64> {
        let _write = self.store.write_guard();
        let last = {
            let mut journal = self.journal();
            journal.sync()?;
            journal.last_seq()
        };
        self.store.sync()?;
        Ok(last)
    }

    /// How many group syncs this engine has made.
    pub fn sync_groups(&self) -> u64 {
        self.group.lock().groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Actor, Command};
    use crate::day::{ClockTime, Date, Now};
    use crate::model::Grid;

    fn actor() -> Actor {
        Actor {
            operator: "test".into(),
            now: Now::local(
                Date::parse("2026-11-30").expect("date"),
                ClockTime::parse("09:40").expect("time"),
                480,
            ),
        }
    }

    fn grid(code: String) -> Command {
        Command::SaveGrid(Grid {
            id: 0,
            code,
            name: "网格".into(),
            description: String::new(),
            stewards: Vec::new(),
        })
    }

    #[test]
    fn applies_that_come_while_a_group_syncs_share_the_next_sync_and_all_are_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("db");
        let engine = Engine::create(&db, "test", actor().now).expect("create");
        engine.apply(grid("G0".into()), &actor()).expect("first");
        let (base, groups) = (engine.last_seq(), engine.sync_groups());
        // A leader is syncing: the applies below plan, journal and commit, then wait.
        engine.group.lock().syncing = true;
        std::thread::scope(|s| {
            let waiting: Vec<_> = (1..=5)
                .map(|i| {
                    let engine = &engine;
                    s.spawn(move || engine.apply(grid(format!("G{i}")), &actor()))
                })
                .collect();
            while engine.last_seq() < base + 5 {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            // Nothing is acknowledged while no sync covers it.
            assert!(waiting.iter().all(|t| !t.is_finished()));
            // The leader finishes without covering them: one of them syncs for all five.
            let mut state = engine.group.lock();
            state.syncing = false;
            engine.group.synced.notify_all();
            drop(state);
            for t in waiting {
                t.join().expect("joins").expect("applied");
            }
        });
        assert_eq!(engine.sync_groups(), groups + 1);
        assert_eq!(engine.group.lock().durable, base + 5);
        // In journal order, and all there after the database is opened again.
        drop(engine);
        let engine = Engine::open(&db, "test", actor().now).expect("opens");
        assert_eq!(engine.last_seq(), base + 5);
        assert_eq!(engine.all::<Grid>().expect("grids").len(), 6);
        assert!(engine.recovered().is_empty(), "{:?}", engine.recovered());
    }
}
