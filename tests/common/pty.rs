//! The real binary in a pseudo-terminal, its screen kept by a vt100 parser.
//!
//! Nothing here asserts how fast anything is: every wait polls up to a generous bound and
//! only then fails, so a slow machine passes and a hang fails instead of blocking forever.

use std::io::{Read, Write};
use std::path::Path;
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
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    // Kept open for the child's lifetime: dropping it hangs the terminal up.
    _master: Box<dyn MasterPty + Send>,
}

impl Tui {
    /// Starts `qiaomen --db DB --lang LANG` (the UI) in an 80×24 terminal.
    pub fn start(db: &Path, lang: &str) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(bin());
        cmd.env("QIAOMEN_NOW", NOW);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("QIAOMEN_DB");
        cmd.env_remove("QIAOMEN_LANG");
        cmd.env_remove("QIAOMEN_OPERATOR");
        cmd.args(["--lang", lang, "--as", OPERATOR, "--db"]);
        cmd.arg(db);
        let child = pair.slave.spawn_command(cmd).expect("qiaomen starts");
        // Only the child holds the terminal's slave side, so its exit ends our reads.
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let mut reader = pair.master.try_clone_reader().expect("a pty reader");
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("screen lock").process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("a pty writer");
        Tui {
            screen,
            writer,
            child,
            _master: pair.master,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().expect("screen lock").screen().contents()
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
        self.writer
            .write_all(keys.as_bytes())
            .expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's pid")
    }

    /// Waits for the process to end; fails (and kills it) if it does not.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
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
