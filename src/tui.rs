//! Terminal set-up and restore, and the one loop: draw, read one event, map it to an action,
//! update. The only place that reads terminal events.
//!
//! Over SSH the terminal can vanish at any moment. Every mark is saved durably before its row
//! changes, so a hangup loses nothing; SIGHUP and SIGTERM end the loop within a quarter of a
//! second, and a terminal read or write error is treated as a hangup rather than retried (a
//! vanished terminal must never leave a process spinning).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::app::App;
use crate::error::AppError;

const TICK: Duration = Duration::from_millis(250);

/// Restores the terminal when dropped, also when unwinding from a panic (ratatui's panic hook
/// restores it before the message is printed).
struct RestoreGuard;

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Why the loop ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// SIGHUP, SIGTERM or the terminal went away.
    Hangup,
}

/// Watches for a hangup from outside the loop. When the terminal vanishes, crossterm's reader
/// can keep reading end-of-file inside one `poll` call and never return to the loop (seen
/// here: `read(0) = 0` at full speed after the SSH session's pty closed). The loop ends by
/// itself on a signal when it can; if it has not within three seconds (a slow draw on a busy
/// machine is not a hang), this thread makes sure of
/// the data (every mark was already saved durably) and ends the process.
fn watchdog(
    store: Arc<qiaomen_core::Engine>,
    hangup: Arc<AtomicBool>,
    finished: Arc<AtomicBool>,
    scratch: Option<PathBuf>,
) {
    let _ = std::thread::Builder::new()
        .name("hangup-watchdog".into())
        .spawn(move || {
            let mut since: Option<Instant> = None;
            loop {
                std::thread::sleep(TICK);
                // The loop ended by itself: what remains is an orderly exit, not a hang.
                if finished.load(Ordering::Relaxed) {
                    return;
                }
                // A hung-up terminal answers every request with EIO.
                let gone = rustix::termios::tcgetattr(std::io::stdin()).is_err();
                if gone {
                    hangup.store(true, Ordering::Relaxed);
                }
                if !hangup.load(Ordering::Relaxed) {
                    continue;
                }
                let first = *since.get_or_insert_with(Instant::now);
                if gone || first.elapsed() >= Duration::from_secs(3) {
                    let _ = store.sync();
                    // `--demo`'s temporary database is not left behind.
                    if let Some(dir) = &scratch {
                        let _ = std::fs::remove_dir_all(dir);
                    }
                    if !gone {
                        ratatui::restore();
                    }
                    std::process::exit(129);
                }
            }
        });
}

/// `scratch` is a directory to remove if the process has to be ended from the watchdog
/// (the demo's temporary database).
pub fn run(app: &mut App, scratch: Option<PathBuf>) -> Result<Exit, AppError> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(AppError::NoTerminal);
    }
    let hangup = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGHUP, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&hangup))?;
    }
    let mut terminal = ratatui::try_init()?;
    let _guard = RestoreGuard;
    let finished = Arc::new(AtomicBool::new(false));
    watchdog(
        Arc::clone(&app.store),
        Arc::clone(&hangup),
        Arc::clone(&finished),
        scratch,
    );
    let exit = loop {
        if hangup.load(Ordering::Relaxed) {
            break Exit::Hangup;
        }
        app.search.poll();
        if terminal.draw(|frame| app.render(frame)).is_err() {
            break Exit::Hangup;
        }
        match event::poll(TICK) {
            Ok(true) => match event::read() {
                Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => app.handle_key(key),
                Ok(_) => {}
                Err(_) => break Exit::Hangup,
            },
            Ok(false) => app.tick(),
            Err(_) => break Exit::Hangup,
        }
        if app.quit {
            break Exit::Quit;
        }
    };
    finished.store(true, Ordering::Relaxed);
    // Everything was saved as it was made; this only makes sure of it.
    app.store.sync()?;
    Ok(exit)
}
