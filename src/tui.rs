//! Terminal set-up and restore, and the one loop: draw, read one event, map it to an action,
//! update. The only place that reads terminal events.
//!
//! Over SSH the terminal can vanish at any moment. Every mark is saved durably before its row
//! changes, so a hangup loses nothing; SIGHUP, SIGTERM and SIGINT end the loop within a quarter
//! of a second, and a terminal read or write error is treated as a hangup rather than retried
//! (a vanished terminal must never leave a process spinning).
//!
//! Restoring the terminal never panics. ratatui's `restore` reports a failure with `eprintln!`,
//! and when the terminal has vanished standard error is usually that same dead terminal:
//! `eprintln!` then panics, and inside the panic hook a second panic aborts the process.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::{DefaultTerminal, Terminal, backend::CrosstermBackend};

use crate::app::App;
use crate::error::AppError;

const TICK: Duration = Duration::from_millis(250);
/// How soon the loop looks again while something is read behind the screen.
const LOOK_AGAIN: Duration = Duration::from_millis(15);

/// Leaves raw mode and the alternate screen, ignoring every failure: a vanished terminal has
/// nothing left to restore and nowhere to say so. Both steps are tried, unlike
/// `ratatui::try_restore`, which stops at the first failure and would leave a live terminal in
/// the alternate screen if only leaving raw mode failed.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(std::io::stdout(), DisableMouseCapture, LeaveAlternateScreen);
}

/// Replaces any panic hook (ratatui's included, which restores with `eprintln!`) by one that
/// restores the terminal and then writes the message, ignoring a dead standard error.
fn set_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            restore();
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "qiaomen: {info}");
            // RUST_BACKTRACE is honoured as by the standard hook.
            let trace = std::backtrace::Backtrace::capture();
            if trace.status() == std::backtrace::BacktraceStatus::Captured {
                let _ = writeln!(err, "{trace}");
            }
        }));
    });
}

/// Raw mode, the alternate screen and a terminal on standard output, as `ratatui::try_init`
/// sets them up, but with our panic hook instead of ratatui's.
fn init() -> std::io::Result<DefaultTerminal> {
    set_panic_hook();
    let terminal = enable_raw_mode()
        .and_then(|()| execute!(std::io::stdout(), EnterAlternateScreen, EnableMouseCapture))
        .and_then(|()| Terminal::new(CrosstermBackend::new(std::io::stdout())));
    if terminal.is_err() {
        restore();
    }
    terminal
}

/// Restores the terminal when dropped, also when unwinding from a panic (the panic hook
/// restores it before the message is written).
struct RestoreGuard;

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        restore();
        crate::error::release();
    }
}

/// Why the loop ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// SIGHUP, SIGTERM, SIGINT or the terminal went away.
    Hangup,
}

/// Watches for a hangup from outside the loop. When the terminal vanishes, crossterm's reader
/// can keep reading end-of-file inside one `poll` call and never return to the loop (seen
/// here: `read(0) = 0` at full speed after the SSH session's pty closed). The loop ends by
/// itself on a signal when it can; if it has not within three seconds (a slow draw on a busy
/// machine is not a hang), this thread makes sure of
/// the data (every mark was already saved durably) and ends the process.
fn watchdog(hangup: Arc<AtomicBool>, finished: Arc<AtomicBool>, scratch: Option<PathBuf>) {
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
                    // `--demo`'s temporary database is not left behind.
                    if let Some(dir) = &scratch {
                        let _ = std::fs::remove_dir_all(dir);
                    }
                    if !gone {
                        restore();
                        // What the opening said is not lost with the process.
                        crate::error::release();
                    }
                    std::process::exit(129);
                }
            }
        });
}

/// The terminal while qiaomen owns it: raw mode, the alternate screen, the signals that end a
/// session and the hangup watchdog. It is set up before the database is opened, so the first
/// frame (`opening`) is on the screen at once and the roll call follows when the store or its
/// server answers; dropping it restores the terminal and writes what was said meanwhile.
pub struct Screen {
    terminal: DefaultTerminal,
    hangup: Arc<AtomicBool>,
    finished: Arc<AtomicBool>,
    _guard: RestoreGuard,
}

impl Screen {
    /// `scratch` is a directory to remove if the process has to be ended from the watchdog
    /// (the demo's temporary database).
    pub fn open(scratch: Option<PathBuf>) -> Result<Screen, AppError> {
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            return Err(AppError::NoTerminal);
        }
        let hangup = Arc::new(AtomicBool::new(false));
        // In raw mode Ctrl-C is a key, so SIGINT comes from `kill`: it ends the session like
        // the others, through the loop, so the terminal is restored and `--demo`'s directory
        // removed.
        for signal in [
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register(signal, Arc::clone(&hangup))?;
        }
        let terminal = init()?;
        let guard = RestoreGuard;
        // What opening says on stderr would be drawn over by the next frame: it waits for
        // the terminal to be restored (`RestoreGuard`).
        crate::error::hold();
        crate::trace::mark("terminal set up");
        let finished = Arc::new(AtomicBool::new(false));
        watchdog(Arc::clone(&hangup), Arc::clone(&finished), scratch);
        Ok(Screen {
            terminal,
            hangup,
            finished,
            _guard: guard,
        })
    }

    /// The frame shown while the database opens (a server may have to be started, a large
    /// store read): the product's name and which database, drawn before anything is read.
    pub fn opening(&mut self, lang: crate::i18n::Lang, dir: &std::path::Path) {
        let plain = !crate::theme::colour_allowed_here();
        let _ = self.terminal.draw(|frame| {
            crate::chrome::render_opening(frame, lang, dir);
            if plain {
                crate::theme::strip_colour(frame.buffer_mut());
            }
        });
        crate::trace::mark("opening drawn");
    }

    /// The one loop, until the user quits or the terminal goes away.
    pub fn run(mut self, app: &mut App) -> Result<Exit, AppError> {
        let terminal = &mut self.terminal;
        let hangup = &self.hangup;
        // Keys typed while the database opened were typed blind: a mark key would record a
        // check-in for whoever the roll call selects first, unseen. They are dropped, except
        // that `q` or Ctrl-C among them (raw mode makes Ctrl-C a key) ends the session.
        if typed_while_opening_quits() {
            return Ok(Exit::Quit);
        }
        // The first frames are traced (`QIAOMEN_TRACE`), not every tick of a long session.
        let mut frames = 0u32;
        let exit = loop {
            if hangup.load(Ordering::Relaxed) {
                break Exit::Hangup;
            }
            app.take_changes();
            if terminal.draw(|frame| app.render(frame)).is_err() {
                break Exit::Hangup;
            }
            if frames < 3 {
                crate::trace::mark("drawn");
            }
            // After the first frame, before the first key: keys typed meanwhile wait in the
            // terminal and are handled with everything read.
            app.load_rest();
            if frames < 3 {
                crate::trace::mark("rest taken");
            }
            frames += 1;
            // While something is read behind the screen, look again soon to show it.
            let wait = if app.loading() { LOOK_AGAIN } else { TICK };
            match event::poll(wait) {
                Ok(true) => match event::read() {
                    Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => app.handle_key(key),
                    Ok(Event::Mouse(m)) => app.handle_mouse(m),
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
        // Nothing to flush: every change was saved (journal and store fsynced) as it was made.
        Ok(exit)
    }
}

/// Reads and drops every event waiting in the terminal; whether one of them asked to quit.
fn typed_while_opening_quits() -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let mut quit = false;
    while event::poll(Duration::ZERO).unwrap_or(false) {
        match event::read() {
            Ok(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                quit |= key.code == KeyCode::Char('q')
                    || (key.code == KeyCode::Char('c')
                        && key.modifiers.contains(KeyModifiers::CONTROL));
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    quit
}

impl Drop for Screen {
    fn drop(&mut self) {
        // The loop (or the opening) ended by itself: an orderly exit, not a hang.
        self.finished.store(true, Ordering::Relaxed);
    }
}
