//! One journal entry: what was applied, by whom, when. Stored as a format-version byte, a flags
//! byte and bincode 2 (zstd-compressed when large); `decode` refuses trailing bytes and values
//! over the size limit, like the store's codec.

use serde::{Deserialize, Serialize};

use crate::command::Command;
use crate::day::{Date, Now};
use crate::error::{Error, Result};
use crate::model::meetings_with_names;

/// The format version of an encoded entry. A change to `Entry`, `Op` or any type inside a
/// `Command` bumps it, and `decode` learns to read the old one (with a golden test).
///
/// Version 2 added `Op::Fold` and `Op::Migrate` at the end of `Op`: a version-1 entry decodes
/// with the same types. Version 3 added `Resident::left` (inside `Command::SaveResident`) and
/// `Command::People`: versions 1 and 2 decode through `legacy`. Version 4 added the ladder to
/// `Community`, `contact` and `case` to `CheckIn`, `Command::LadderStep`, `Pledge::note`
/// (inside `RegisterCommand::Claim`), the care plan's `doorbell_device` (inside a resident),
/// `Command::Doorbell` and the visit plan's register commands (issue 14): version 3 decodes
/// through `legacy` too, and versions 1–3 with pledges read without a note
/// (`model::pledges_without_note`). Version 5 added `Command::Care`, `Command::CaseWork` and
/// `Command::Outreach` at the end of `Command` (issue 16): a version-4 entry decodes with the
/// same types. Version 6 made a meeting's attendees references (`model::Attendee`, inside
/// `RegisterCommand::SaveMeeting`): every older entry decodes with its meetings' attendee
/// names read as guests (`model::meetings_with_names`).
pub const ENTRY_VERSION: u8 = 6;
const ENTRY_VERSION_5: u8 = 5;
const ENTRY_VERSION_4: u8 = 4;
const ENTRY_VERSION_1: u8 = 1;
const ENTRY_VERSION_2: u8 = 2;
const ENTRY_VERSION_3: u8 = 3;

/// No entry decodes to more than this (an import chunk of 1,000 long records stays far below).
pub const MAX_ENTRY: usize = 64 * 1024 * 1024;

/// Payloads above this many bytes are compressed (import chunks; commands stay plain).
const COMPRESS_ABOVE: usize = 4096;
const FLAG_ZSTD: u8 = 1;
/// Set on import chunks, so that opening the journal finds an unfinished import without
/// decoding (and decompressing) every chunk.
const FLAG_CHUNK: u8 = 2;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    /// The community's clock when the entry was applied; replay uses it, never the real clock.
    pub now: Now,
    /// The member (or name) the command was applied as.
    pub operator: String,
    /// The operating-system user of the process that applied it.
    pub os_user: String,
    pub op: Op,
}

// An entry lives for one apply or one replay step, never in a collection, so the size of the
// resident a command carries (which grew by the care plan's doorbell device) costs nothing;
// boxing it would only add an allocation to every command.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// One command, applied exactly as `Engine::apply` did.
    Command(Command),
    /// A slice of an import: JSON Lines as read (already checked). An import is applied only
    /// once its `ImportEnd` is in the journal; chunks without one are an import that never
    /// finished, and are dropped.
    ImportChunk { lines: Vec<String> },
    /// The end of an import: its audit summary ("import demo: case 3, grid 6, …"), the number
    /// of records, and whether the import adds its own audit entry (not when the file brings
    /// the audit log with it).
    ImportEnd {
        summary: String,
        records: u64,
        audit: bool,
    },
    /// A command the server refused (the author's role does not allow it): kept in the audit
    /// like everything else, changing nothing else.
    Refused { what: String },
    /// Folds the loose check-ins of every day before `before` into their day's packed value
    /// (store upkeep: what the store holds reads the same before and after).
    Fold { before: Date },
    /// Migrates the store to schema `to` (upkeep, as `Fold`).
    Migrate { to: u32 },
}

impl Entry {
    pub fn encode(&self) -> Vec<u8> {
        let body = bincode::serde::encode_to_vec(self, config())
            .expect("in-memory encoding of a journal entry within the size limit cannot fail");
        let chunk = if self.is_import_chunk() {
            FLAG_CHUNK
        } else {
            0
        };
        if body.len() > COMPRESS_ABOVE {
            let mut out = vec![ENTRY_VERSION, FLAG_ZSTD | chunk];
            out.extend(zstd::bulk::compress(&body, 3).expect("compressing in memory"));
            out
        } else {
            let mut out = vec![ENTRY_VERSION, chunk];
            out.extend(body);
            out
        }
    }

    pub fn decode(bytes: &[u8]) -> Result<Entry> {
        let bad = |reason: String| Error::Corrupt {
            kind: "journal entry",
            reason,
        };
        let [version, flags, body @ ..] = bytes else {
            return Err(bad("shorter than its header".into()));
        };
        if ![
            ENTRY_VERSION,
            ENTRY_VERSION_5,
            ENTRY_VERSION_4,
            ENTRY_VERSION_3,
            ENTRY_VERSION_2,
            ENTRY_VERSION_1,
        ]
        .contains(version)
        {
            return Err(bad(format!(
                "unknown format version {version} (written by a newer qiaomen?)"
            )));
        }
        if flags & !(FLAG_ZSTD | FLAG_CHUNK) != 0 {
            return Err(bad(format!("unknown flags {flags}")));
        }
        let inflated;
        let body = if flags & FLAG_ZSTD == 0 {
            body
        } else {
            inflated = crate::store::codec::inflate(body, MAX_ENTRY)
                .map_err(|e| bad(format!("compressed body: {e}")))?;
            &inflated[..]
        };
        let (entry, used) = match *version {
            ENTRY_VERSION => bincode::serde::decode_from_slice(body, config()),
            ENTRY_VERSION_5 | ENTRY_VERSION_4 => {
                meetings_with_names(|| bincode::serde::decode_from_slice(body, config()))
            }
            ENTRY_VERSION_3 => crate::model::pledges_without_note(|| {
                meetings_with_names(|| {
                    bincode::serde::decode_from_slice::<super::legacy::EntryV3, _>(body, config())
                        .map(|(e, used)| (Entry::from(e), used))
                })
            }),
            _ => crate::model::pledges_without_note(|| {
                meetings_with_names(|| {
                    bincode::serde::decode_from_slice::<super::legacy::EntryV1, _>(body, config())
                        .map(|(e, used)| (Entry::from(e), used))
                })
            }),
        }
        .map_err(|e| bad(e.to_string()))?;
        if used != body.len() {
            return Err(bad(format!("{} trailing bytes", body.len() - used)));
        }
        let entry: Entry = entry;
        if entry.is_import_chunk() != (flags & FLAG_CHUNK != 0) {
            return Err(bad("its import flag disagrees with its contents".into()));
        }
        Ok(entry)
    }

    /// Whether an encoded entry is an import chunk, from its flags alone.
    pub fn payload_is_import_chunk(payload: &[u8]) -> bool {
        payload.get(1).is_some_and(|f| f & FLAG_CHUNK != 0)
    }

    /// Whether the entry is part of an import (a chunk or its end).
    pub fn is_import_chunk(&self) -> bool {
        matches!(self.op, Op::ImportChunk { .. })
    }
}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<MAX_ENTRY>()
}
