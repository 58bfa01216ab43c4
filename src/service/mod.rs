//! Shared mode: one process (`qiaomen serve`) owns the database; the TUI and every command are
//! its clients over a Unix socket in the database directory.
//!
//! - `protocol`: versioned frames and their limits;
//! - `socket`: where the socket lives (also for paths longer than a socket's 107 bytes);
//! - `server`: the accept loop, one thread per client, changes pushed to subscribers;
//! - `client`: `Client`, the server behind the `Backend` trait;
//! - `spawn`: starting a server when none answers.

pub mod client;
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

/// The backend of this invocation: the running server (started if need be), or with
/// `--no-server` the database opened here, exclusively.
pub fn connect(cli: &Cli) -> Result<Arc<dyn Backend>, AppError> {
    if cli.no_server {
        return Ok(Arc::new(Direct::new(context::open_engine(cli)?)));
    }
    let given = context::db_dir(cli);
    // A mistyped --db must not start a server (it would not create a database, but it would
    // leave a log behind where there was nothing).
    if !given.is_dir() || !qiaomen_core::engine::is_database(&given) {
        return Err(Error::NoDatabase(given).into());
    }
    let dir = std::path::absolute(&given)?;
    Ok(Arc::new(spawn::connect_or_start(&dir, context::lang(cli))?))
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
