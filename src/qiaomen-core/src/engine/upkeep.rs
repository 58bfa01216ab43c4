//! Journalled upkeep of the store (see `store/upkeep.rs`): closed days folded before each
//! day's snapshot, and an older schema migrated when the database is opened.

use super::{Engine, Recovery};
use crate::command::Actor;
use crate::day::Now;
use crate::error::Result;
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
        let to = SCHEMA_VERSION;
        {
            let _write = self.store.write_guard();
            self.journalled(
                &self.upkeep_actor(now),
                &self.os_user,
                Op::Migrate { to },
                |seq| self.store.migrate(to, seq),
            )?;
        }
        self.recovered.push(Recovery::Migrated { from, to });
        Ok(())
    }

    fn upkeep_actor(&self, now: Now) -> Actor {
        Actor {
            operator: self.os_user.clone(),
            now,
        }
    }
}
