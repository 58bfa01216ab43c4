//! A compaction's new store built in a process of its own (`Engine::compact_with`): the build
//! loads a whole snapshot, and the memory it takes stays with a process after it is freed
//! (glibc keeps it, and the workspace forbids the `unsafe` of `malloc_trim`). In a child it is
//! given back when the child exits, so a server up for months keeps its size; the server then
//! replays what came meanwhile and swaps the store in.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use qiaomen_core::Error;
use qiaomen_core::engine::{BuildJob, JOURNAL_DIR, build_compacted};

use super::protocol;
use crate::error::AppError;

/// The line the child prints when it is done: the entries it replayed.
const DONE: &str = "built, entries replayed:";
/// A build that takes longer is stopped (a district's takes about a minute and a half): the
/// server's snapshots wait for it.
const BUILD_LIMIT: Duration = Duration::from_secs(60 * 60);

/// Runs `job` in a child process of `exe` (this program), for the database at `dir`.
pub fn in_child(exe: &Path, dir: &Path, job: &BuildJob) -> Result<u64, Error> {
    let mut child = Command::new(exe)
        .arg("--db")
        .arg(dir)
        .arg("serve")
        .arg("--build-store")
        .arg(&job.target)
        .arg("--from")
        .arg(&job.snapshot)
        .arg("--until")
        .arg(job.until.to_string())
        .arg("--build-id")
        .arg(protocol::build_id_of(Some(exe)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        // Its complaints go where the server's go (`server.log`).
        .stderr(Stdio::inherit())
        .spawn()?;
    // Read beside the wait, so that a child that hangs can be stopped.
    let reader = child.stdout.take().map(|mut stdout| {
        std::thread::spawn(move || {
            let mut out = String::new();
            let _ = stdout.read_to_string(&mut out);
            out
        })
    });
    let deadline = Instant::now() + BUILD_LIMIT;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::Storage(format!(
                "building the compacted store took more than {} minutes: stopped",
                BUILD_LIMIT.as_secs() / 60
            )));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = reader.and_then(|r| r.join().ok()).unwrap_or_default();
    let replayed = out
        .trim()
        .strip_prefix(DONE)
        .and_then(|n| n.trim().parse().ok());
    match replayed {
        Some(n) if status.success() => Ok(n),
        _ => Err(Error::Storage(format!(
            "building the compacted store failed ({status})"
        ))),
    }
}

/// The child: `qiaomen serve --build-store TARGET --from SNAPSHOT --until SEQ --build-id ID`.
pub fn run(
    dir: &Path,
    target: &Path,
    from: &Path,
    until: u64,
    build_id: &str,
) -> Result<String, AppError> {
    // Ends with the server that asked: a server that stops (idle, or killed) leaves no build
    // behind. (Should it stop before this, the build's leftover is removed by the next open.)
    let _ = rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL));
    // Another build of qiaomen (an upgrade under way) may write another schema: refused, and
    // the server compacts another day.
    if build_id != protocol::build_id() {
        return Err(Error::Storage(
            "the server that asked for this build is another build of qiaomen".into(),
        )
        .into());
    }
    let replayed = build_compacted(&BuildJob {
        target: target.to_owned(),
        snapshot: from.to_owned(),
        journal: dir.join(JOURNAL_DIR),
        until,
    })?;
    Ok(format!("{DONE} {replayed}\n"))
}
