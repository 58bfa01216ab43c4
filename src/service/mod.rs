//! Shared mode: one process (`qiaomen serve`) owns the database; the TUI and every command are
//! its clients over a Unix socket in the database directory.
//!
//! - `protocol`: versioned frames and their limits;
//! - `socket`: where the socket lives (also for paths longer than a socket's 107 bytes);
//! - `server`: the accept loop, one thread per client, changes pushed to subscribers;
//! - `answers`: encoded answers kept until the next change (summaries, the printed roll);
//! - `client`: `Client`, the server behind the `Backend` trait;
//! - `spawn`: starting a server when none answers;
//! - `build`: a compaction's new store built in a process of its own.

pub mod answers;
pub mod build;
pub mod client;
pub mod peer;
pub mod protocol;
pub mod server;
pub mod socket;
pub mod spawn;

use std::sync::Arc;

use qiaomen_core::Error;

pub use client::Client;

use crate::backend::{Backend, Direct};
use crate::cli::Cli;
use crate::context;
use crate::error::AppError;
use crate::i18n::T;

/// The backend of this invocation: the running server (started if need be), or with
/// `--no-server` the database opened here, exclusively.
pub fn connect(cli: &Cli) -> Result<Arc<dyn Backend>, AppError> {
    let given = context::db_dir(cli);
    let lang = context::lang(cli);
    if cli.no_server {
        // Straight to the files: their owner's (or root's) alone; everyone else goes through
        // the server, where the roles are enforced.
        if !owns(&given) {
            return Err(AppError::NotYours(
                lang.fill(T::ErrNotOwner, &[&given.display()]),
            ));
        }
        return Ok(Arc::new(Direct::new(context::open_engine(cli)?)));
    }
    // A mistyped --db must not start a server (it would not create a database, but it would
    // leave a log behind where there was nothing).
    if !given.is_dir() || !qiaomen_core::engine::is_database(&given) {
        return Err(Error::NoDatabase(given).into());
    }
    let dir = std::path::absolute(&given)?;
    let client = match spawn::connect_or_start(&dir, lang, owns(&dir)) {
        Err(AppError::Core(Error::ServerGone(_))) if !owns(&dir) => {
            return Err(AppError::Unhealthy(
                lang.fill(T::ErrNoServerForYou, &[&given.display()]),
            ));
        }
        other => other?,
    };
    client.identify(cli.operator.as_deref())?;
    for r in client.recovered().iter().filter(|r| r.worth_telling()) {
        crate::error::say(&crate::i18n::recovery(lang, &given, r));
    }
    Ok(Arc::new(client))
}

/// How long `stop_and_wait` waits for the server to be gone.
const STOP_WAIT: std::time::Duration = std::time::Duration::from_secs(15);

/// Asks the server of `dir` to stop and waits until its process has ended, so the database
/// is free (its lock goes with the process); `false` when none runs.
pub fn stop_and_wait(dir: &std::path::Path) -> Result<bool, AppError> {
    let pid = std::fs::read_to_string(dir.join(socket::PID_FILE))
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok());
    if !stop(dir)? {
        return Ok(false);
    }
    let deadline = std::time::Instant::now() + STOP_WAIT;
    let running = || match pid {
        Some(pid) => process_runs(pid),
        None => dir.join(socket::PID_FILE).exists(),
    };
    while running() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The kernel can release an exited process's file locks a moment after it has become a
    // zombie: wait for the database's own lock too.
    let lock = dir.join(qiaomen_core::engine::LOCK_FILE);
    while std::time::Instant::now() < deadline
        && std::fs::File::open(&lock).is_ok_and(|f| {
            let busy = f.try_lock().is_err();
            let _ = f.unlock();
            busy
        })
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    Ok(true)
}

/// Whether a process still runs (one that has exited but not been reaped does not).
fn process_runs(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(')')
            .is_some_and(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X']))
    })
}

/// Whether this process's user owns the database directory (or is root). A directory that
/// cannot be read counts as someone else's.
pub fn owns(dir: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let uid = rustix::process::getuid().as_raw();
    uid == 0 || std::fs::metadata(dir).is_ok_and(|m| m.uid() == uid)
}

/// `qiaomen serve --stop`: asks the server of `dir` to stop; `false` when none runs.
pub fn stop(dir: &std::path::Path) -> Result<bool, AppError> {
    let dir = std::path::absolute(dir)?;
    match Client::connect(&dir) {
        Ok(c) => {
            c.shutdown()?;
            Ok(true)
        }
        Err(client::ConnectError::NoServer) => Ok(false),
        Err(client::ConnectError::Refused(e)) => Err(e.into()),
    }
}
