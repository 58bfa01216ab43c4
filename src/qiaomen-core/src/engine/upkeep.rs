//! Journalled upkeep of the store (see `store/upkeep.rs`): closed days folded before each
//! day's snapshot, and an older schema migrated when the database is opened.

use super::{Engine, Recovery};
use crate::command::Actor;
use crate::day::Now;
use crate::error::{Error, Result};
use crate::journal::Op;
use crate::store::SCHEMA_VERSION;

impl Engine {
    /// Folds the loose check-ins of days before yesterday into their days' packs (yesterday
    /// stays open for late entries). Returns the days folded; nothing is journalled when there
    /// is nothing to fold.
    pub fn fold_closed_days(&self, now: Now) -> Result<usize> {
        let before = now.date.add_days(-1);
        if self.store.foldable(before)?.is_empty() {
            return Ok(0);
        }
        self.check_writable()?;
        let _write = self.store.write_guard();
        let mut folded = 0;
        self.journalled(
            &self.upkeep_actor(now),
            &self.os_user,
            Op::Fold { before },
            true,
            |seq| {
                folded = self.store.fold_before(before, seq)?;
                self.store.sync()
            },
        )?;
        Ok(folded)
    }

    /// Migrates a store of an older schema, journalled so that a rebuild from an older
    /// snapshot migrates the same way. Told to the user once.
    pub(super) fn migrate_if_old(&mut self, now: Now) -> Result<()> {
        let from = self.store.schema()?;
        if from >= SCHEMA_VERSION {
            return Ok(());
        }
        // A store rewritten whole is counted first (see `Engine::open_unverified`).
        if let Some(what) = self.verify_deferred()? {
            return Err(Error::Damaged {
                path: self.dir.clone(),
                what,
            });
        }
        let to = SCHEMA_VERSION;
        {
            let _write = self.store.write_guard();
            self.journalled(
                &self.upkeep_actor(now),
                &self.os_user,
                Op::Migrate { to },
                true,
                |seq| self.store.migrate(to, seq),
            )?;
        }
        self.recovered.push(Recovery::Migrated { from, to });
        // Schema 2 repacks every day; schema 7 deletes a key per membership (a million at a
        // district). sled keeps old values, and the slots of deleted pages, until the store
        // is rewritten, and its every open reads, rewrites and loads each slot. Schema 8 only
        // adds a value a day of services (`service_days`); schema 9 moves every resident and
        // household into a block and deletes its own key (1.32 million at a district). A
        // district's rewrite takes a minute and a half.
        if from < 9 {
            // From a snapshot of the migrated store: the build need not migrate again.
            self.snapshot(now)?;
            self.compact(now)?;
        }
        Ok(())
    }

    fn upkeep_actor(&self, now: Now) -> Actor {
        Actor {
            operator: self.os_user.clone(),
            now,
        }
    }
}
