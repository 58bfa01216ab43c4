//! `qiaomen serve [--foreground] [--stop] [--idle-minutes N]`: runs the server of the
//! database, or stops the one that runs.

use std::time::{Duration, Instant};

use crate::cli::{Cli, ServeArgs};
use crate::context;
use crate::error::AppError;
use crate::i18n::T;
use crate::service::{self, server, socket::PID_FILE};

/// How long `--stop` waits for the server to be gone.
const STOP_WAIT: Duration = Duration::from_secs(15);

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
        if !service::stop(&dir)? {
            return Ok(format!("{}\n", lang.fill(T::ServeNotRunning, &[&shown])));
        }
        // Stopped once its pid file is gone (it removes it last, after the final sync).
        let deadline = Instant::now() + STOP_WAIT;
        while dir.join(PID_FILE).exists() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        return Ok(format!("{}\n", lang.fill(T::ServeStopped, &[&shown])));
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
