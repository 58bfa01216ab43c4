//! `qiaomen serve [--foreground] [--stop] [--idle-minutes N]`: runs the server of the
//! database, or stops the one that runs.

use std::time::Duration;

use crate::cli::{Cli, ServeArgs};
use crate::context;
use crate::error::AppError;
use crate::i18n::T;
use crate::service::{self, server};

/// The idle time: `QIAOMEN_IDLE_SECS` (for tests), else `--idle-minutes`.
fn idle(args: &ServeArgs) -> Duration {
    std::env::var("QIAOMEN_IDLE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(
            Duration::from_secs(args.idle_minutes * 60),
            Duration::from_secs,
        )
}

pub fn run(cli: &Cli, args: &ServeArgs) -> Result<String, AppError> {
    let dir = context::db_dir(cli);
    let lang = context::lang(cli);
    if args.stop {
        let shown = dir.display();
        if !service::stop_and_wait(&dir)? {
            return Ok(format!("{}\n", lang.fill(T::ServeNotRunning, &[&shown])));
        }
        return Ok(format!("{}\n", lang.fill(T::ServeStopped, &[&shown])));
    }
    if let (Some(target), Some(from), Some(until), Some(build_id)) =
        (&args.build_store, &args.from, args.until, &args.build_id)
    {
        return service::build::run(&dir, target, from, until, build_id);
    }
    if args.detached {
        // A session of its own: the terminal of the client that started it can close.
        let _ = rustix::process::setsid();
    }
    server::serve(
        &dir,
        &server::Options {
            foreground: args.foreground,
            idle: idle(args),
        },
    )?;
    Ok(String::new())
}
