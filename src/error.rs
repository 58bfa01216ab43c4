//! The app's errors and their exit codes: 1 error, 2 usage, 3 database in use.

use qiaomen_core::Error;

use crate::i18n::{self, Lang, T};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Core(#[from] Error),
    /// A command-line value that clap could not check (a date, an outcome…).
    #[error("{0}")]
    Usage(String),
    #[error("no terminal")]
    NoTerminal,
    #[error("the database at {0} already holds data")]
    NotEmpty(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// `check` found problems: one sentence each, already worded.
    #[error("{0}")]
    Unhealthy(String),
    /// Not this OS user's to do (exit 4), already worded.
    #[error("{0}")]
    NotYours(String),
    /// A spreadsheet that cannot be imported (a cell, the header, the file), already worded.
    #[error("{0}")]
    Sheet(String),
}

impl AppError {
    pub fn exit_code(&self) -> u8 {
        match self {
            AppError::Core(Error::DatabaseBusy(_)) => 3,
            AppError::Core(Error::Refused(_)) | AppError::NotYours(_) => 4,
            AppError::Usage(_) => 2,
            _ => 1,
        }
    }

    /// Whether a write to standard output failed because its reader went away. Commands write
    /// files only through temporary files, never to pipes, so standard output is the only
    /// place a broken pipe can come from.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            AppError::Io(e) | AppError::Core(Error::Io(e)) => {
                e.kind() == std::io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Core(e) => i18n::error(lang, e),
            AppError::Usage(m)
            | AppError::Unhealthy(m)
            | AppError::NotYours(m)
            | AppError::Sheet(m) => m.clone(),
            AppError::NoTerminal => lang.t(T::ErrNoTerminal).to_owned(),
            AppError::NotEmpty(p) => lang.fill(T::ErrNotEmpty, &[p]),
            AppError::Io(e) => lang.fill(T::ErrGeneric, &[e]),
        }
    }
}

/// Parses a command-line value with a domain parser, turning its error into a usage error.
pub fn arg<V>(parsed: qiaomen_core::Result<V>, lang: Lang) -> Result<V, AppError> {
    parsed.map_err(|e| AppError::Usage(i18n::error(lang, &e)))
}

/// An optional command-line value (`--kind`, `--status`…) parsed with its domain parser.
pub fn opt_arg<V>(value: Option<&str>, lang: Lang) -> Result<Option<V>, AppError>
where
    V: std::str::FromStr<Err = qiaomen_core::Error>,
{
    value.map(|v| arg(v.parse(), lang)).transpose()
}

/// Writes one line to stderr, prefixed with the program's name. A closed or vanished stderr is
/// ignored: reporting must never be what brings the program down.
pub fn say(line: &str) {
    use std::io::Write;
    let line = format!("qiaomen: {line}");
    if let Some(held) = held_lines().as_mut() {
        held.push(line);
        return;
    }
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Lines `say` keeps while the full-screen UI owns the terminal (written to stderr there, they
/// would be drawn over by the next frame and lost).
static HELD: std::sync::Mutex<Option<Vec<String>>> = std::sync::Mutex::new(None);

fn held_lines() -> std::sync::MutexGuard<'static, Option<Vec<String>>> {
    HELD.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// From now on `say` keeps its lines until `release`.
pub fn hold() {
    *held_lines() = Some(Vec::new());
}

/// Writes the lines kept since `hold`, in order, and lets `say` write at once again.
pub fn release() {
    use std::io::Write;
    let held = held_lines().take();
    let mut err = std::io::stderr().lock();
    for line in held.into_iter().flatten() {
        let _ = writeln!(err, "{line}");
    }
}
