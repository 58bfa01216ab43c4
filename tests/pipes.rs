//! A reader that stops early (`qiaomen export | head -1`) closes the pipe on standard output:
//! every command then ends quietly, exit 0 and nothing on standard error.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{TempDb, ok, qiaomen};

/// More than a pipe's buffer (64 KiB on Linux) and the program's own output buffer together,
/// so the program is still writing when the reader goes away.
const MORE_THAN_A_PIPE_HOLDS: usize = 2 * 65_536;

/// Reads one line of `cmd`'s standard output, closes the pipe, and waits (at most 20 s) for
/// the process: the line, its exit code and standard error.
fn read_one_line_then_close(cmd: &mut Command) -> (String, i32, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("qiaomen starts");
    let mut stderr = child.stderr.take().expect("stderr");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("a first line");
    drop(out);

    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child's status") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("qiaomen still ran 20 s after its reader went away");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    // A signal (SIGPIPE, a crash) has no code: -1 fails the assertions.
    let code = status.code().unwrap_or(-1);
    (line, code, errors.join().expect("the stderr reader"))
}

#[test]
fn export_into_a_closed_pipe_ends_quietly() {
    let t = TempDb::demo();
    for args in [&["export"][..], &["export", "--with-audit"]] {
        let full = ok(&t.db, args);
        assert!(
            full.len() > MORE_THAN_A_PIPE_HOLDS,
            "{args:?}: {}",
            full.len()
        );

        let (line, code, stderr) = read_one_line_then_close(qiaomen(&t.db, "en").args(args));
        assert_eq!(Some(line.as_str()), full.split_inclusive('\n').next());
        assert_eq!((code, stderr.as_str()), (0, ""), "{args:?}");
    }
}

#[test]
fn generate_into_a_closed_pipe_ends_quietly() {
    let t = TempDb::empty();
    let args = ["generate", "--scale", "community", "--days", "30"];
    let (line, code, stderr) = read_one_line_then_close(qiaomen(&t.db, "zh").args(args));
    assert!(line.starts_with('{'), "{line}");
    assert_eq!((code, stderr.as_str()), (0, ""));
}
