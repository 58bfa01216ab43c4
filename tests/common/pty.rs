//! The real binary in a pseudo-terminal, its screen kept by a vt100 parser.
//!
//! Nothing here asserts how fast anything is: every wait polls up to a generous bound and
//! only then fails, so a slow machine passes and a hang fails instead of blocking forever.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::{NOW, OPERATOR, bin};

/// How long any wait may last before the test fails.
pub const WAIT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(25);

pub const ROWS: u16 = 24;
pub const COLS: u16 = 80;

pub struct Tui {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    // Kept open for the child's lifetime: closing it (and the reader's copy) hangs the
    // terminal up.
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to drop its copy of the master side after its next read.
    stop_reading: Arc<AtomicBool>,
    /// Set by the reader thread when it has read (and drawn) all the child wrote.
    read_all: Arc<AtomicBool>,
}

/// `qiaomen --lang LANG --as 测试员` with the fixed clock and nothing inherited that could
/// change the outcome; add `--db DB` or `--demo`.
pub fn command(lang: &str) -> CommandBuilder {
    with_test_args(CommandBuilder::new(bin()), lang)
}

/// The same command started through `sh -c SCRIPT`, to set the process up as a user's shell
/// might; the script ends with `exec "$0" "$@"`, so the process keeps the shell's id.
pub fn command_after(script: &str, lang: &str) -> CommandBuilder {
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", script, bin()]);
    with_test_args(cmd, lang)
}

fn with_test_args(mut cmd: CommandBuilder, lang: &str) -> CommandBuilder {
    cmd.env("QIAOMEN_NOW", NOW);
    // A server the UI started goes by itself half a minute after its last client.
    cmd.env("QIAOMEN_IDLE_SECS", "30");
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.env_remove("QIAOMEN_DB");
    cmd.env_remove("QIAOMEN_LANG");
    cmd.env_remove("QIAOMEN_OPERATOR");
    cmd.args(["--lang", lang, "--as", OPERATOR]);
    cmd
}

impl Tui {
    /// Starts `qiaomen --db DB --lang LANG` (the UI) in an 80×24 terminal.
    pub fn start(db: &Path, lang: &str) -> Tui {
        let mut cmd = command(lang);
        cmd.arg("--db");
        cmd.arg(db);
        Tui::spawn(cmd)
    }

    /// Starts any command in an 80×24 terminal.
    pub fn spawn(cmd: CommandBuilder) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let child = pair.slave.spawn_command(cmd).expect("qiaomen starts");
        // Only the child holds the terminal's slave side, so its exit ends our reads.
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let mut reader = pair.master.try_clone_reader().expect("a pty reader");
        let sink = Arc::clone(&screen);
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let read_all = Arc::new(AtomicBool::new(false));
        let done = Arc::clone(&read_all);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || stop.load(Ordering::SeqCst) {
                    break;
                }
                sink.lock().expect("screen lock").process(&buf[..n]);
            }
            done.store(true, Ordering::SeqCst);
        });
        let writer = pair.master.take_writer().expect("a pty writer");
        Tui {
            screen,
            writer: Some(writer),
            child,
            master: Some(pair.master),
            stop_reading,
            read_all,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().expect("screen lock").screen().contents()
    }

    /// How many cells of the screen have a colour of their own (foreground or background),
    /// and how many are shown reversed.
    pub fn colours(&self) -> (usize, usize) {
        let parser = self.screen.lock().expect("screen lock");
        let screen = parser.screen();
        let (mut coloured, mut reversed) = (0, 0);
        for row in 0..ROWS {
            for col in 0..COLS {
                if let Some(cell) = screen.cell(row, col) {
                    if cell.fgcolor() != vt100::Color::Default
                        || cell.bgcolor() != vt100::Color::Default
                    {
                        coloured += 1;
                    }
                    if cell.inverse() {
                        reversed += 1;
                    }
                }
            }
        }
        (coloured, reversed)
    }

    /// Waits until the screen shows `text`; returns the screen.
    pub fn wait_for(&mut self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let now = self.contents();
            if now.contains(text) {
                return now;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("qiaomen exited ({status:?}) before showing {text:?}; screen:\n{now}");
            }
            assert!(
                start.elapsed() < WAIT,
                "no {text:?} on the screen after {WAIT:?}; screen:\n{now}"
            );
            std::thread::sleep(POLL);
        }
    }

    /// Types keys as a terminal would send them.
    pub fn press(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is still there");
        writer.write_all(keys.as_bytes()).expect("write to the pty");
        writer.flush().expect("flush the pty");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's pid")
    }

    /// Waits for the process to end; fails (and kills it) if it does not.
    /// Waits for the child to exit and for what it wrote last (leaving the alternate screen,
    /// the lines held until then) to be read: on a loaded machine the reader thread can be
    /// behind when the child is reaped.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                while !self.read_all.load(Ordering::SeqCst) && start.elapsed() < WAIT {
                    std::thread::sleep(POLL);
                }
                return status;
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!(
                    "qiaomen did not exit within {WAIT:?}; screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Makes the terminal vanish, as when an SSH connection drops: every handle on the master
    /// side is closed, so the kernel hangs the terminal up (SIGHUP, and EIO on every later
    /// write to it, the child's standard error included). `wake` is a key that changes the
    /// screen: the reader thread holds a copy of the master side and only lets it go after
    /// its next read, which the redraw provides.
    pub fn vanish(&mut self, wake: &str) {
        self.stop_reading.store(true, Ordering::SeqCst);
        self.press(wake);
        self.writer = None;
        self.master = None;
    }

    /// Sends a signal by name (`HUP`, `TERM`) with the system's `kill`.
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{name} failed");
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // A failed test must not leave a UI running on its database.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
