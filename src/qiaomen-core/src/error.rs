//! The domain's errors. Each variant is one clear sentence; the app adds the language.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value given by a person or a file is not acceptable.
    #[error("{field}: {reason}")]
    Invalid {
        field: String,
        reason: crate::reason::Reason,
    },

    #[error("no {kind} with id {id}")]
    NotFound { kind: &'static str, id: u64 },

    #[error("no {kind} matches \"{query}\"")]
    NoMatch { kind: &'static str, query: String },

    #[error("\"{query}\" matches several {kind}: {candidates}")]
    Ambiguous {
        kind: &'static str,
        query: String,
        candidates: String,
    },

    #[error("cannot go from {from} to {to}: {reason}")]
    InvalidTransition {
        from: String,
        to: String,
        reason: crate::reason::Move,
    },

    #[error("{kind} {id} already exists")]
    Duplicate { kind: &'static str, id: u64 },

    #[error("the database at {} is in use by another qiaomen process", .0.display())]
    DatabaseBusy(PathBuf),

    #[error("the database at {} did not open within {seconds} seconds; it may be damaged (restore a backup or export from a copy)", .path.display())]
    OpenTimeout { path: PathBuf, seconds: u64 },

    #[error("the database at {} was written by a newer qiaomen (schema {found}, this program knows {known}); upgrade qiaomen", .path.display())]
    SchemaTooNew {
        path: PathBuf,
        found: u32,
        known: u32,
    },

    #[error("a stored {kind} record is damaged: {reason}")]
    Corrupt { kind: &'static str, reason: String },

    #[error("line {line}: {reason}")]
    Import {
        line: usize,
        reason: crate::reason::ImportFault,
    },

    #[error("database error: {0}")]
    Storage(String),

    /// A command other than `init` named a directory that holds no database.
    #[error("no qiaomen database at {}; create one with `qiaomen init`", .0.display())]
    NoDatabase(PathBuf),

    /// `init` or `restore` was pointed at a directory that already holds something.
    #[error("{} is not empty; choose a new directory", .0.display())]
    NotEmpty(PathBuf),

    /// The database directory belongs to another user, so it cannot be made private.
    #[error("{} belongs to another user and is readable by others; run qiaomen as its owner", .0.display())]
    NotOurs(PathBuf),

    /// Damage that could not be repaired automatically.
    #[error("the database at {} is damaged and could not be rebuilt ({what}); restore it from a backup with `qiaomen restore`", .path.display())]
    Damaged {
        path: PathBuf,
        what: crate::damage::Damage,
    },

    /// An earlier write failed half way; the process must reopen the database.
    #[error("an earlier write to the database at {} failed; nothing more is written until it is reopened", .0.display())]
    WritesStopped(PathBuf),

    /// The database's files could not be written: permissions, a read-only file system, a full
    /// disk. `why` is typed (never the OS's own text, which sled fills with debug output). `kept`: the change reached the journal (fsynced) but not the store, so it is
    /// applied when the database is next opened and must not be entered again.
    #[error("the database at {} cannot be written ({why}); {}", .path.display(), if *.kept { "the change is in its journal and is applied when the database is next opened; nothing more is written until then" } else { "nothing was saved" })]
    Unwritable {
        path: PathBuf,
        why: crate::damage::NoWrite,
        kept: bool,
    },

    /// The server of a shared database stopped answering mid-request (shared mode).
    #[error("the qiaomen server of the database at {} stopped answering; nothing half-done was kept, and the next command starts a new server", .0.display())]
    ServerGone(PathBuf),

    /// The server runs another version of qiaomen.
    #[error("the qiaomen server of the database at {} runs another version (protocol {theirs}, this program speaks {ours}); it restarts by itself once its clients have left", .path.display())]
    ServerVersion {
        path: PathBuf,
        theirs: u32,
        ours: u32,
    },

    /// The author's role does not allow it (exit 4); the app words the reason.
    #[error("refused: {0:?}")]
    Refused(crate::access::Refusal),

    #[error("{0}")]
    Io(#[from] std::io::Error),

    /// A date or time refused by the date rules (`dates`); the app words the rule.
    #[error("date refused: {0:?}")]
    Date(crate::dates::DateRule),

    /// A team, service, plan or support record refused by its rules; the app words the rule.
    #[error("refused by the care rules: {0:?}")]
    Care(crate::care::CareRule),
    /// A case-work rule (levels, parties, petitions; issue 16); the app words the rule.
    #[error("case rule: {0:?}")]
    Case(crate::cases::CaseRule),
    /// A rule of partners' activities, goods and duties (issue 16 point 3).
    #[error("refused: {0:?}")]
    Outreach(crate::outreach::OutreachRule),
}

impl Error {
    /// This error as `Unwritable` for the database at `dir`, when it is a refusal to write
    /// (permissions, a read-only file system, a full disk or a file-size limit) rather than
    /// damage; `None` for anything else.
    pub fn unwritable(&self, dir: &std::path::Path, kept: bool) -> Option<Error> {
        use std::io::ErrorKind as K;
        let Error::Io(io) = self else { return None };
        let why = match io.kind() {
            K::PermissionDenied => crate::damage::NoWrite::PermissionDenied,
            K::ReadOnlyFilesystem => crate::damage::NoWrite::ReadOnly,
            K::StorageFull => crate::damage::NoWrite::DiskFull,
            K::QuotaExceeded => crate::damage::NoWrite::QuotaUsedUp,
            K::FileTooLarge => crate::damage::NoWrite::FileTooLarge,
            _ => return None,
        };
        Some(Error::Unwritable {
            path: dir.to_owned(),
            why,
            kept,
        })
    }

    pub fn invalid(field: impl Into<String>, reason: crate::reason::Reason) -> Self {
        Error::Invalid {
            field: field.into(),
            reason,
        }
    }

    /// `from` and `to` are status codes (or the code of an act: `session`, `delivery`…).
    pub fn transition(
        from: impl std::fmt::Display,
        to: impl std::fmt::Display,
        reason: crate::reason::Move,
    ) -> Self {
        Error::InvalidTransition {
            from: from.to_string(),
            to: to.to_string(),
            reason,
        }
    }
}

impl From<sled::Error> for Error {
    fn from(e: sled::Error) -> Self {
        match e {
            sled::Error::Io(io) => Error::Io(io),
            other => Error::Storage(other.to_string()),
        }
    }
}
