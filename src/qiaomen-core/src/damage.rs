//! What is wrong with a database's files, typed: the problems `qiaomen check` reports, what
//! opening found and put right, and the damage it could not. The app words each one
//! (`src/damage_words.rs`); `Display` is the English a developer reads in a server's log.

use std::fmt;
use std::path::PathBuf;

use crate::day::Date;
use crate::store::Tree;

/// One fault in the journal, a snapshot or the store.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Damage {
    /// The database has no journal at all.
    JournalMissing,
    /// The store has applied entries `from..=to` that the journal does not hold.
    EntriesMissing { from: u64, to: u64 },
    /// A frame's length is out of range before the journal's end.
    FrameLength,
    /// Entry `seq` fails its hash before the journal's end.
    EntryHash { seq: u64 },
    /// Entry `seq` is cut off or altered at the journal's end.
    EntryTorn { seq: u64 },
    /// Entry `seq` passes its hash but does not decode.
    EntryUnreadable { seq: u64 },
    /// Entry `seq` says it is entry `found`.
    EntryNumber { seq: u64, found: u64 },
    /// A journal segment does not follow on from the one before it.
    SegmentGap { segment: PathBuf },
    /// A file of the database could not be read (its header is damaged, or it is unreadable).
    FileUnreadable { path: PathBuf },
    /// A snapshot's header does not read.
    SnapshotHeader,
    /// A snapshot is cut off or fails its checksum.
    SnapshotChecksum,
    /// A snapshot does not match the journal entry it says it was taken at.
    SnapshotOffJournal { seq: u64 },
    /// No snapshot is intact, so none can rebuild the store.
    NoIntactSnapshot,
    /// No intact snapshot covers the time asked for (a copy as of a past time).
    NoSnapshotCovers,
    /// The store reads as empty.
    StoreEmpty,
    /// The store's own bookkeeping (schema, applied entry, counts) is missing.
    StoreBookkeeping,
    /// The store's data is damaged: it would not open or read.
    StoreUnreadable,
    /// The store did not open within `seconds`.
    StoreTimeout { seconds: u64 },
    /// `tree` holds `found` records where its kept count says `kept`.
    Count { tree: Tree, found: u64, kept: u64 },
    /// The store holds `found` check-ins where its kept count says `kept`.
    CheckInCount { found: u64, kept: u64 },
    /// The loose check-ins of `day` are neither packed nor listed to be.
    LooseDay { day: Date },
    /// The store has applied entry `applied` of the journal's `last`.
    Behind { applied: u64, last: u64 },
    /// A kept index's entry (`key`, in parts) differs from what the records give.
    Index {
        tree: Tree,
        key: Vec<KeyPart>,
        off: Off,
    },
    /// The store's record under `key` in `tree` differs from what the journal rebuilds.
    Differs { tree: Tree, key: Vec<KeyPart> },
    /// Replaying the journal reached entry `reached` of `last`.
    ReplayStopped { reached: u64, last: u64 },
    /// The journal does not rebuild the store: `cause`.
    NotRebuilt { cause: Box<Damage> },
    /// The store is damaged (`why`) and no snapshot rebuilt it; `tried` holds why each
    /// snapshot tried failed (none tried: there was none).
    RebuildFailed {
        why: Box<Damage>,
        tried: Vec<Damage>,
    },
    /// The journal is damaged and so is the store.
    JournalAndStore {
        journal: Box<Damage>,
        store: Box<Damage>,
    },
    /// A delta snapshot is whole, but the full snapshot of entry `seq` it is read over is
    /// missing or damaged.
    SnapshotBase { seq: u64 },
}

/// Why the database's files may not be written (`Error::Unwritable`): refusal, not damage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NoWrite {
    PermissionDenied,
    ReadOnly,
    DiskFull,
    QuotaUsedUp,
    FileTooLarge,
}

impl fmt::Display for NoWrite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NoWrite::PermissionDenied => "permission denied",
            NoWrite::ReadOnly => "the file system is read-only",
            NoWrite::DiskFull => "the disk is full",
            NoWrite::QuotaUsedUp => "the disk quota is used up",
            NoWrite::FileTooLarge => "a file-size limit was reached",
        })
    }
}

/// How a kept index's entry differs from the records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Off {
    /// The records give an entry the index lacks.
    Missing,
    /// The index holds an entry the records do not give.
    Extra,
    /// The entry holds another value than the records give.
    Value,
}

/// One part of a store key, in the terms of the records it stands for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum KeyPart {
    Resident(u64),
    Household(u64),
    Case(u64),
    Meeting(u64),
    Visit(u64),
    FundEntry(u64),
    HouseholdFile(u64),
    /// A record's number in a tree whose keys are numbers.
    Id(u64),
    Day(Date),
    /// A case not yet closed (where a key holds the day it closed).
    NotClosed,
    /// The households numbered `first..=last` (a block of the household list's rows).
    Households {
        first: u64,
        last: u64,
    },
    /// Bytes with no meaning of their own, escaped.
    Raw(String),
    /// A part that is cut short or malformed.
    Unreadable,
}

impl Damage {
    /// The damage an error stands for when it stopped a store from opening or a rebuild.
    pub fn of_error(e: &crate::Error) -> Damage {
        match e {
            crate::Error::OpenTimeout { seconds, .. } => Damage::StoreTimeout { seconds: *seconds },
            crate::Error::Damaged { what, .. } => what.clone(),
            _ => Damage::StoreUnreadable,
        }
    }
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Damage::JournalMissing => write!(f, "the journal is missing"),
            Damage::EntriesMissing { from, to } => {
                write!(f, "journal entries {from} to {to} are missing")
            }
            Damage::FrameLength => write!(f, "a frame length is out of range"),
            Damage::EntryHash { seq } => write!(f, "entry {seq} fails its hash"),
            Damage::EntryTorn { seq } => write!(f, "entry {seq} is cut off or altered"),
            Damage::EntryUnreadable { seq } => write!(f, "entry {seq} does not decode"),
            Damage::EntryNumber { seq, found } => {
                write!(f, "entry {seq} is numbered {found} instead")
            }
            Damage::SegmentGap { segment } => write!(
                f,
                "segment {} does not follow on from the one before it",
                segment.display()
            ),
            Damage::FileUnreadable { path } => write!(f, "{} does not read", path.display()),
            Damage::SnapshotHeader => write!(f, "its header does not read"),
            Damage::SnapshotChecksum => write!(f, "it is cut off or fails its checksum"),
            Damage::SnapshotBase { seq } => write!(
                f,
                "it holds only changes since snapshot {seq}, which is missing or damaged"
            ),
            Damage::SnapshotOffJournal { seq } => {
                write!(f, "it does not match journal entry {seq}")
            }
            Damage::NoIntactSnapshot => write!(f, "no intact snapshot to rebuild the store from"),
            Damage::NoSnapshotCovers => write!(f, "no intact snapshot covers that time"),
            Damage::StoreEmpty => write!(f, "it reads as empty"),
            Damage::StoreBookkeeping => write!(f, "its own bookkeeping is missing"),
            Damage::StoreUnreadable => write!(f, "its data is damaged"),
            Damage::StoreTimeout { seconds } => write!(f, "it did not open within {seconds} s"),
            Damage::Count { tree, found, kept } => write!(
                f,
                "{} holds {found} records where its count says {kept}",
                tree.name()
            ),
            Damage::CheckInCount { found, kept } => {
                write!(f, "it holds {found} check-ins where its count says {kept}")
            }
            Damage::LooseDay { day } => {
                write!(f, "check-ins of {day} are not packed and not listed to be")
            }
            Damage::Behind { applied, last } => {
                write!(f, "it has applied entry {applied} of {last}")
            }
            Damage::Index { tree, key, off } => {
                let off = match off {
                    Off::Missing => "is missing",
                    Off::Extra => "is not in the records",
                    Off::Value => "holds another value than the records give",
                };
                write!(f, "its {} index entry for {} {off}", tree.name(), Key(key))
            }
            Damage::Differs { tree, key } => write!(
                f,
                "its {} record {} differs from the journal's",
                tree.name(),
                Key(key)
            ),
            Damage::ReplayStopped { reached, last } => {
                write!(f, "replay reached entry {reached} of {last}")
            }
            Damage::NotRebuilt { cause } => write!(f, "the journal does not rebuild it: {cause}"),
            Damage::RebuildFailed { why, tried } if tried.is_empty() => {
                write!(f, "{why}; no snapshot to rebuild it from")
            }
            Damage::RebuildFailed { why, tried } => {
                write!(f, "{why}; rebuilding failed:")?;
                for (i, t) in tried.iter().enumerate() {
                    write!(f, "{}{t}", if i == 0 { " " } else { "; " })?;
                }
                Ok(())
            }
            Damage::JournalAndStore { journal, store } => write!(
                f,
                "the journal is damaged ({journal}) and so is the store ({store})"
            ),
        }
    }
}

/// A key's parts in English, space-separated.
struct Key<'a>(&'a [KeyPart]);

impl fmt::Display for Key<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, part) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            match part {
                KeyPart::Resident(id) => write!(f, "resident {id}")?,
                KeyPart::Household(id) => write!(f, "household {id}")?,
                KeyPart::Case(id) => write!(f, "case {id}")?,
                KeyPart::Meeting(id) => write!(f, "meeting {id}")?,
                KeyPart::Visit(id) => write!(f, "visit {id}")?,
                KeyPart::FundEntry(id) => write!(f, "fund entry {id}")?,
                KeyPart::HouseholdFile(id) => write!(f, "household file {id}")?,
                KeyPart::Id(id) => write!(f, "{id}")?,
                KeyPart::Day(d) => write!(f, "{d}")?,
                KeyPart::NotClosed => f.write_str("not closed")?,
                KeyPart::Households { first, last } => write!(f, "households {first}–{last}")?,
                KeyPart::Raw(s) => f.write_str(s)?,
                KeyPart::Unreadable => f.write_str("?")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damage_reads_in_english_for_the_server_log() {
        let day = Date::parse("2026-11-30").expect("date");
        assert_eq!(
            Damage::Index {
                tree: Tree::Dated,
                key: vec![KeyPart::Day(day), KeyPart::Visit(7)],
                off: Off::Missing
            }
            .to_string(),
            "its dated index entry for 2026-11-30 visit 7 is missing"
        );
        assert_eq!(
            Damage::RebuildFailed {
                why: Box::new(Damage::StoreEmpty),
                tried: vec![
                    Damage::ReplayStopped {
                        reached: 3,
                        last: 9
                    },
                    Damage::StoreUnreadable
                ]
            }
            .to_string(),
            "it reads as empty; rebuilding failed: replay reached entry 3 of 9; its data is damaged"
        );
    }
}
