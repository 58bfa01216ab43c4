//! A compaction's new store built in a process of its own (`Engine::compact_with`): the build
//! loads a whole snapshot, and the memory it takes stays with a process after it is freed
//! (glibc keeps it, and the workspace forbids the `unsafe` of `malloc_trim`). In a child it is
//! given back when the child exits, so a server up for months keeps its size; the server then
//! replays what came meanwhile and swaps the store in.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use qiaomen_core::Error;
use qiaomen_core::engine::{BuildJob, JOURNAL_DIR, build_compacted};

use super::protocol;
use crate::error::AppError;

/// The line the child prints when it is done: the entries it replayed.
const DONE: &str = "built, entries replayed:";

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
    let mut out = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout.read_to_string(&mut out)?;
    }
    let status = child.wait()?;
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
