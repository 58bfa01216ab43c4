//! Helpers shared by the integration tests: running the built binary on a temporary database,
//! the demo app for the UI tests, and the real binary in a pseudo-terminal.
//!
//! Every run fixes the clock with `QIAOMEN_NOW` on the demo's own day, so nothing depends on
//! the day the tests run.

// Each test crate uses its own part of these helpers.
#![allow(dead_code)]

pub mod app;
pub mod card;
pub mod pty;
pub mod served;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The demo community's "today" and a morning time, in community time (+08:00).
pub const NOW: &str = "2026-11-30T09:40";
pub const TODAY: &str = "2026-11-30";
/// The operator every test acts as.
pub const OPERATOR: &str = "测试员";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_qiaomen")
}

/// `qiaomen --db DB --lang LANG --as 测试员` with the fixed clock and nothing inherited from
/// the environment that could change the outcome.
pub fn qiaomen(db: &Path, lang: &str) -> Command {
    with_test_args(Command::new(bin()), db, lang)
}

/// The same command started through `sh -c SCRIPT`, to set the process up as a user's shell
/// might (`umask 022`…); the script ends with `exec "$0" "$@"`.
pub fn qiaomen_after(script: &str, db: &Path, lang: &str) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c").arg(script).arg(bin());
    with_test_args(c, db, lang)
}

fn with_test_args(mut c: Command, db: &Path, lang: &str) -> Command {
    // A server a test forgot to stop goes by itself half a minute after its last client.
    c.env("QIAOMEN_NOW", NOW)
        .env("QIAOMEN_IDLE_SECS", "30")
        .env_remove("QIAOMEN_DB")
        .env_remove("QIAOMEN_LANG")
        .env_remove("QIAOMEN_OPERATOR")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .arg("--db")
        .arg(db)
        .arg("--lang")
        .arg(lang)
        .arg("--as")
        .arg(OPERATOR)
        .stdin(Stdio::null());
    c
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(cmd: &mut Command) -> Run {
        let out = cmd.output().expect("the qiaomen binary runs");
        Run {
            // A signal (a crash) has no code: -1 never passes an assertion on an exit code.
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Asserts the run failed with `code` and said why in exactly one line, without a panic.
    pub fn fails_with(&self, code: i32) -> &str {
        assert_eq!(self.code, code, "unexpected exit code: {self:#?}");
        assert_eq!(
            self.stderr.lines().count(),
            1,
            "an error is one line: {:?}",
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("RUST_BACKTRACE"),
            "a panic: {}",
            self.stderr
        );
        self.stderr.trim_end()
    }
}

/// Runs `qiaomen ARGS` on `db` in `lang`.
pub fn run(db: &Path, lang: &str, args: &[&str]) -> Run {
    Run::of(qiaomen(db, lang).args(args))
}

/// Runs `qiaomen ARGS` in English and returns its output, failing the test on an error.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let r = run(db, "en", args);
    assert_eq!(r.code, 0, "qiaomen {args:?} failed: {r:#?}");
    r.stdout
}

/// A temporary directory holding a database at `db` (a directory the store creates itself).
pub struct TempDb {
    dir: tempfile::TempDir,
    pub db: PathBuf,
}

/// The server a test's commands started for this database stops with the test: a daemon left
/// behind would hold on to a deleted directory (and, were it not detached, CI's output).
impl Drop for TempDb {
    fn drop(&mut self) {
        stop_server(&self.db);
        // Copies and restores made beside it (`copy-…`, `restored`) had servers of their own.
        if let Ok(entries) = std::fs::read_dir(self.dir.path()) {
            for e in entries.flatten() {
                if e.path().join("server.pid").exists() {
                    stop_server(&e.path());
                }
            }
        }
    }
}

/// Stops the server of `db`, if one runs, and waits until its process has ended (its locks go
/// with it): SIGTERM, then SIGKILL if it is still there after ten seconds.
pub fn stop_server(db: &Path) {
    let Some(pid) = std::fs::read_to_string(db.join("server.pid"))
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
    else {
        return;
    };
    let signal = |sig: &str| {
        Command::new("kill")
            .arg(sig)
            .arg(pid.to_string())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    // Gone, or ended and waiting to be reaped.
    let ended = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |s| {
            s.rsplit_once(')')
                .is_some_and(|(_, r)| r.trim_start().starts_with(['Z', 'X']))
        })
    };
    let wait = |limit: std::time::Duration| {
        let start = std::time::Instant::now();
        while !ended() && start.elapsed() < limit {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        ended()
    };
    if signal("-TERM") && !wait(std::time::Duration::from_secs(10)) {
        signal("-KILL");
        wait(std::time::Duration::from_secs(10));
    }
    wait_unlocked(db);
}

/// Waits until no process holds the database's locks. The kernel can let go of an exited
/// process's file locks a moment after it has become a zombie (its last files are closed by
/// delayed work), so "the process ended" is not yet "the database is free".
pub fn wait_unlocked(db: &Path) {
    let start = std::time::Instant::now();
    let free = |path: PathBuf| {
        std::fs::File::open(&path).map_or(true, |f| {
            let got = f.try_lock().is_ok();
            let _ = f.unlock();
            got
        })
    };
    while !(free(db.join("qiaomen.lock")) && free(db.join("store/db")))
        && start.elapsed() < std::time::Duration::from_secs(5)
    {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

impl TempDb {
    /// A new database made by `init` (only `init` creates one), with nothing imported.
    pub fn new_database() -> TempDb {
        let t = TempDb::empty();
        ok(&t.db, &["init"]);
        t
    }

    /// A path where no database exists yet.
    pub fn empty() -> TempDb {
        let dir = tempfile::Builder::new()
            .prefix("qiaomen-test-")
            .tempdir()
            .expect("a temporary directory");
        let db = dir.path().join("db");
        TempDb { dir, db }
    }

    /// A database initialised with `init --demo`.
    pub fn demo() -> TempDb {
        let t = TempDb::empty();
        let out = ok(&t.db, &["init", "--demo"]);
        assert!(out.contains(&t.db.display().to_string()), "{out}");
        t
    }

    /// A sibling path inside the same temporary directory (for files to import or export).
    pub fn file(&self, name: &str) -> PathBuf {
        self.db.with_file_name(name)
    }
}

/// `roll --json` for today, parsed.
pub fn roll_json(db: &Path) -> serde_json::Value {
    serde_json::from_str(&ok(db, &["roll", "--json"])).expect("roll --json is JSON")
}

/// The roll entry of the elder called `name`.
pub fn elder<'a>(roll: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    roll["elders"]
        .as_array()
        .expect("elders")
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{name} is on the roll"))
}

/// The number of check-ins recorded today, over all elders.
pub fn attempts_today(roll: &serde_json::Value) -> u64 {
    roll["elders"]
        .as_array()
        .expect("elders")
        .iter()
        .map(|e| e["attempts"].as_u64().expect("attempts"))
        .sum()
}

/// An export with every meeting's guests written as names, as releases before meeting format 2
/// wrote their attendees (`{"guest":"业委会"}` → `"业委会"`), to compare with their fixtures.
pub fn attendees_as_names(export: &str) -> String {
    const HEAD: &str = r#""attendees":["#;
    let mut out = String::with_capacity(export.len());
    let mut rest = export;
    while let Some(at) = rest.find(HEAD) {
        let start = at + HEAD.len();
        out.push_str(&rest[..start]);
        let end = start + rest[start..].find(']').unwrap_or(rest.len() - start);
        out.push_str(
            &rest[start..end]
                .replace(r#"{"guest":"#, "")
                .replace(r#""}"#, r#"""#),
        );
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
