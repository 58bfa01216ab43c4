//! Values crossing the socket. Reading back values that the domain keeps as `&'static str` codes (a search hit's tags, an
//! attention reason) when they arrive over the socket as strings. Codes come from a small fixed
//! set, so each distinct one is interned once for the life of the process.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Deserializer};

use crate::error::Error;

/// A code field. The alias keeps serde's derive from borrowing the field from its input (it
/// would for a written-out `&'static str`); `code` reads it instead.
pub type Code = &'static str;

/// The longest code accepted; a longer string is not a code and is refused, so that a
/// misbehaving peer cannot make the process keep arbitrary text.
const MAX_CODE: usize = 64;
/// How many distinct codes a process keeps at most.
const MAX_CODES: usize = 512;

fn intern(code: String) -> Option<&'static str> {
    static CODES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut codes = CODES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(&c) = codes.get(code.as_str()) {
        return Some(c);
    }
    if code.len() > MAX_CODE || codes.len() >= MAX_CODES {
        return None;
    }
    let c: &'static str = Box::leak(code.into_boxed_str());
    codes.insert(c);
    Some(c)
}

pub(crate) fn code<'de, D: Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
    let s = String::deserialize(d)?;
    intern(s).ok_or_else(|| serde::de::Error::custom("not a code"))
}

pub(crate) fn codes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
    Vec::<String>::deserialize(d)?
        .into_iter()
        .map(|s| intern(s).ok_or_else(|| serde::de::Error::custom("not a code")))
        .collect()
}

pub(crate) fn code_counts<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<Code, usize>, D::Error> {
    std::collections::BTreeMap::<String, usize>::deserialize(d)?
        .into_iter()
        .map(|(k, n)| {
            intern(k)
                .map(|k| (k, n))
                .ok_or_else(|| serde::de::Error::custom("not a code"))
        })
        .collect()
}

/// An `Error` as it crosses the socket: the same variants, with owned kinds. The client turns
/// it back into the `Error` the command would have met in-process, so its sentence is the same.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, Deserialize)]
pub enum WireError {
    Invalid {
        field: String,
        reason: crate::reason::Reason,
    },
    NotFound {
        kind: String,
        id: u64,
    },
    NoMatch {
        kind: String,
        query: String,
    },
    Ambiguous {
        kind: String,
        query: String,
        candidates: String,
    },
    InvalidTransition {
        from: String,
        to: String,
        reason: crate::reason::Move,
    },
    Duplicate {
        kind: String,
        id: u64,
    },
    Corrupt {
        kind: String,
        reason: String,
    },
    Import {
        line: usize,
        reason: crate::reason::ImportFault,
    },
    Damaged {
        path: PathBuf,
        what: crate::damage::Damage,
    },
    WritesStopped(PathBuf),
    NoDatabase(PathBuf),
    Refused(crate::access::Refusal),
    /// Everything else (storage and I/O failures on the server), as its sentence.
    Other(String),
    /// After `Other`, so the bytes of the variants before it are unchanged.
    Unwritable {
        path: PathBuf,
        why: crate::damage::NoWrite,
        kept: bool,
    },
    /// After `Unwritable`, for the same reason (protocol 3).
    Date(crate::dates::DateRule),
    /// At the end, for the same reason (protocol 4, issue 16).
    Care(crate::care::CareRule),
    /// Case-work rules of issue 16 (protocol 4).
    Case(crate::cases::CaseRule),
    /// After `Date` (protocol 4).
    Outreach(crate::outreach::OutreachRule),
}

fn kind(k: &str) -> &'static str {
    intern(k.to_owned()).unwrap_or("record")
}

impl From<&Error> for WireError {
    fn from(e: &Error) -> Self {
        match e {
            Error::Invalid { field, reason } => WireError::Invalid {
                field: field.clone(),
                reason: reason.clone(),
            },
            Error::NotFound { kind, id } => WireError::NotFound {
                kind: (*kind).to_owned(),
                id: *id,
            },
            Error::NoMatch { kind, query } => WireError::NoMatch {
                kind: (*kind).to_owned(),
                query: query.clone(),
            },
            Error::Ambiguous {
                kind,
                query,
                candidates,
            } => WireError::Ambiguous {
                kind: (*kind).to_owned(),
                query: query.clone(),
                candidates: candidates.clone(),
            },
            Error::InvalidTransition { from, to, reason } => WireError::InvalidTransition {
                from: from.clone(),
                to: to.clone(),
                reason: reason.clone(),
            },
            Error::Duplicate { kind, id } => WireError::Duplicate {
                kind: (*kind).to_owned(),
                id: *id,
            },
            Error::Corrupt { kind, reason } => WireError::Corrupt {
                kind: (*kind).to_owned(),
                reason: reason.clone(),
            },
            Error::Import { line, reason } => WireError::Import {
                line: *line,
                reason: reason.clone(),
            },
            Error::Damaged { path, what } => WireError::Damaged {
                path: path.clone(),
                what: what.clone(),
            },
            Error::WritesStopped(p) => WireError::WritesStopped(p.clone()),
            Error::NoDatabase(p) => WireError::NoDatabase(p.clone()),
            Error::Refused(r) => WireError::Refused(r.clone()),
            Error::Unwritable { path, why, kept } => WireError::Unwritable {
                path: path.clone(),
                why: *why,
                kept: *kept,
            },
            Error::Date(rule) => WireError::Date(*rule),
            Error::Care(rule) => WireError::Care(rule.clone()),
            Error::Case(rule) => WireError::Case(rule.clone()),
            Error::Outreach(rule) => WireError::Outreach(*rule),
            // Its own text, not "database error: …", which the client would prefix again.
            Error::Storage(s) => WireError::Other(s.clone()),
            other => WireError::Other(other.to_string()),
        }
    }
}

impl From<WireError> for Error {
    fn from(e: WireError) -> Self {
        match e {
            WireError::Invalid { field, reason } => Error::Invalid { field, reason },
            WireError::NotFound { kind: k, id } => Error::NotFound { kind: kind(&k), id },
            WireError::NoMatch { kind: k, query } => Error::NoMatch {
                kind: kind(&k),
                query,
            },
            WireError::Ambiguous {
                kind: k,
                query,
                candidates,
            } => Error::Ambiguous {
                kind: kind(&k),
                query,
                candidates,
            },
            WireError::InvalidTransition { from, to, reason } => {
                Error::InvalidTransition { from, to, reason }
            }
            WireError::Duplicate { kind: k, id } => Error::Duplicate { kind: kind(&k), id },
            WireError::Corrupt { kind: k, reason } => Error::Corrupt {
                kind: kind(&k),
                reason,
            },
            WireError::Import { line, reason } => Error::Import { line, reason },
            WireError::Damaged { path, what } => Error::Damaged { path, what },
            WireError::WritesStopped(p) => Error::WritesStopped(p),
            WireError::NoDatabase(p) => Error::NoDatabase(p),
            WireError::Refused(r) => Error::Refused(r),
            WireError::Other(s) => Error::Storage(s),
            WireError::Unwritable { path, why, kept } => Error::Unwritable { path, why, kept },
            WireError::Date(rule) => Error::Date(rule),
            WireError::Care(rule) => Error::Care(rule),
            WireError::Case(rule) => Error::Case(rule),
            WireError::Outreach(rule) => Error::Outreach(rule),
        }
    }
}
