//! Starting a server when none answers, as tmux does: the client runs
//! `qiaomen --db DIR serve --detached` in a session of its own, with nothing of the client's
//! terminal or pipes (standard error goes to `DIR/server.log`), and waits for its socket.
//!
//! Two clients starting at once both start a server; the engine's lock lets one of them open
//! the database and the other exits (code 3); both clients connect to the one that won. A
//! server that exited 3 may also have met the lock of a server killed a moment before (the
//! kernel lets go of a large process's files only once it is torn down): when no server
//! answers after that, the client starts another, waiting longer each time.

use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use qiaomen_core::Error;

use super::client::{Client, ConnectError};
use super::socket::LOG_FILE;
use crate::error::AppError;
use crate::i18n::{Lang, T};

/// How long a client waits for a server it started (opening a large damaged database that
/// must be rebuilt can take a while).
pub const START_TIMEOUT: Duration = Duration::from_secs(10);
/// How often it tries to connect meanwhile.
pub const START_POLL: Duration = Duration::from_millis(15);
/// The log is emptied when a server starts and finds it larger than this: 1 MiB.
pub const MAX_LOG: u64 = 1 << 20;
/// How long after its server lost the race for the lock (exit 3) with none answering a client
/// starts another; doubled each time.
pub const RESTART_AFTER: Duration = Duration::from_millis(100);
/// How long a client waits for a server of another protocol to leave (it does once its own
/// clients have).
pub const VERSION_WAIT: Duration = Duration::from_secs(2);

static PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// The program to start as the server; by default this one. Tests, whose own executable is a
/// test harness, name the `qiaomen` binary here.
pub fn set_server_program(path: PathBuf) {
    let _ = PROGRAM.set(path);
}

fn program() -> std::io::Result<PathBuf> {
    match PROGRAM.get() {
        Some(p) => Ok(p.clone()),
        None => std::env::current_exe(),
    }
}

/// Connects to the server of `dir` (an absolute path), starting one if none answers.
/// `may_start`: false for a user who does not own the database (their server could not open
/// it); they get `ServerGone` when none runs.
pub fn connect_or_start(dir: &Path, lang: Lang, may_start: bool) -> Result<Client, AppError> {
    let started = Instant::now();
    let mut starting: Option<Starting> = None;
    let mut restart_after = RESTART_AFTER;
    loop {
        match Client::connect(dir) {
            // What the server found when it opened the database is told once, by the client
            // that started it, not by every client of a server that has run for days.
            Ok(c) if starting.is_some() => return Ok(c),
            Ok(c) => return Ok(c.without_recoveries()),
            Err(ConnectError::NoServer | ConnectError::Refused(Error::ServerGone(_))) => {
                // No server, or one that was leaving as we came.
                if !may_start {
                    return Err(Error::ServerGone(dir.to_owned()).into());
                }
                if starting.is_none() {
                    starting = Some(start(dir, lang)?);
                } else if starting
                    .as_ref()
                    .is_some_and(|s| s.lost_race_for(restart_after))
                {
                    // No winner answers: the lock it met was a dead server's.
                    starting = Some(start(dir, lang)?);
                    restart_after = restart_after.saturating_mul(2);
                }
            }
            Err(ConnectError::Refused(e @ Error::ServerVersion { .. })) => {
                if started.elapsed() >= VERSION_WAIT {
                    return Err(e.into());
                }
            }
            Err(ConnectError::Refused(e)) => return Err(e.into()),
        }
        if let Some(s) = &mut starting {
            s.check(lang)?;
        }
        if started.elapsed() >= START_TIMEOUT {
            return Err(match starting.and_then(|s| s.exited) {
                Some(3) => Error::DatabaseBusy(dir.to_owned()).into(),
                _ => AppError::Unhealthy(lang.fill(
                    T::ErrServerSlow,
                    &[
                        &dir.display(),
                        &START_TIMEOUT.as_secs(),
                        &dir.join(LOG_FILE).display(),
                    ],
                )),
            });
        }
        std::thread::sleep(START_POLL);
    }
}

/// glibc's malloc as the long-running server wants it (a value set by the user wins):
/// - two arenas, not one per thread of a client: memory a request freed is used again by the
///   next instead of staying in a thread's arena (a district's server: 921 MB after a round
///   of requests, 796 MB with two);
/// - blocks of 128 KiB and more mapped apart and given back when freed, and the heap's free
///   top given back past 128 KiB. Left to itself glibc raises that threshold after the first
///   large block is freed, and what sled allocates anew at each reopen (after a compaction)
///   stayed in the heap: a subdistrict soak's resident set rose 13.9% over its last half
///   year, on compaction days (benches/README.md, the soak).
pub const SERVER_MALLOC: [(&str, &str); 2] = [
    ("MALLOC_ARENA_MAX", "2"),
    (
        "GLIBC_TUNABLES",
        "glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=131072",
    ),
];

/// A server this client started, until it answers.
struct Starting {
    log: PathBuf,
    log_start: u64,
    done: mpsc::Receiver<Option<i32>>,
    exited: Option<i32>,
    /// When `exited` was seen.
    exited_at: Option<Instant>,
}

impl Starting {
    /// Fails when the server exited for a reason of its own (it wrote it to the log); one that
    /// lost the race to another server (code 3) is not a failure: the winner answers soon.
    fn check(&mut self, lang: Lang) -> Result<(), AppError> {
        if self.exited.is_none()
            && let Ok(code) = self.done.try_recv()
        {
            self.exited = Some(code.unwrap_or(-1));
            self.exited_at = Some(Instant::now());
        }
        match self.exited {
            None | Some(3 | 0) => Ok(()),
            Some(_) => {
                let mut said = String::new();
                if let Ok(mut f) = std::fs::File::open(&self.log) {
                    let _ = f.seek(SeekFrom::Start(self.log_start));
                    let _ = f.take(64 << 10).read_to_string(&mut said);
                }
                let reason = said
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .map(|l| l.strip_prefix("qiaomen: ").unwrap_or(l).to_owned());
                Err(AppError::Unhealthy(reason.unwrap_or_else(|| {
                    lang.fill(T::ErrServerFailed, &[&self.log.display()])
                })))
            }
        }
    }
}

impl Starting {
    /// Whether the server exited 3 (the database was locked) at least `wait` ago.
    fn lost_race_for(&self, wait: Duration) -> bool {
        self.exited == Some(3) && self.exited_at.is_some_and(|at| at.elapsed() >= wait)
    }
}

fn start(dir: &Path, lang: Lang) -> Result<Starting, AppError> {
    let log_path = dir.join(LOG_FILE);
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(&log_path)?;
    if log.metadata()?.len() > MAX_LOG {
        log.set_len(0)?;
    }
    let log_start = log.metadata()?.len();
    let mut command = Command::new(program()?);
    for (name, value) in SERVER_MALLOC {
        if std::env::var_os(name).is_none() {
            command.env(name, value);
        }
    }
    let mut child = command
        .arg("--db")
        .arg(dir)
        .arg("--lang")
        .arg(match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        })
        .arg("serve")
        .arg("--detached")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .current_dir("/")
        .spawn()?;
    let (tx, done) = mpsc::channel();
    // Reaped whenever it ends, so that a long-lived client leaves no zombie behind.
    std::thread::Builder::new()
        .name("server-reaper".into())
        .spawn(move || {
            let _ = tx.send(child.wait().ok().and_then(|s| s.code()));
        })?;
    Ok(Starting {
        log: log_path,
        log_start,
        done,
        exited: None,
        exited_at: None,
    })
}
