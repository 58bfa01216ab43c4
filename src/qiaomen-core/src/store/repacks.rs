//! Reads of a day of check-ins that a repack cannot tear.
//!
//! A day is stored as its pack and its loose marks (`checkins.rs`). A repack (the fold of a
//! closed day, an import's days, a migration, an undo out of a pack) writes the pack and
//! removes the marks in one commit, but sled's reads outside a transaction are not isolated:
//! a reader that read the pack just before the commit and the marks just after found neither
//! copy of the folded check-ins. A server folds yesterday's day before its daily snapshot
//! while it answers queries, and a roll call built across such a fold was kept short.
//!
//! So repacks are counted, seqlock-fashion: odd while one is being committed. A reader notes
//! the count before it reads a day and reads the day again if the count moved meanwhile.
//! Writers never wait for readers; readers wait only while a repack commits.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

#[derive(Debug, Default)]
pub(crate) struct Repacks(AtomicU64);

/// Held while a repack commits; the count is even again when it drops (also on failure).
pub(crate) struct Repacking<'a>(&'a Repacks);

impl Drop for Repacking<'_> {
    fn drop(&mut self) {
        self.0.0.fetch_add(1, Ordering::Release);
    }
}

impl Repacks {
    pub(crate) fn begin(&self) -> Repacking<'_> {
        self.0.fetch_add(1, Ordering::AcqRel);
        Repacking(self)
    }

    /// The count once no repack is being committed: what a read is checked against.
    pub(crate) fn settled(&self) -> u64 {
        loop {
            let n = self.0.load(Ordering::Acquire);
            if n.is_multiple_of(2) {
                return n;
            }
            std::thread::sleep(Duration::from_micros(100));
        }
    }

    /// Whether no repack began since `settled` returned `since`.
    pub(crate) fn unchanged(&self, since: u64) -> bool {
        self.0.load(Ordering::Acquire) == since
    }

    /// `read` again until no repack overlapped it.
    pub(crate) fn read<T>(
        &self,
        mut read: impl FnMut() -> crate::error::Result<T>,
    ) -> crate::error::Result<T> {
        loop {
            let since = self.settled();
            let value = read()?;
            if self.unchanged(since) {
                return Ok(value);
            }
        }
    }
}
