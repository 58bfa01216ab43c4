//! The real binary in an 80×24 pseudo-terminal on a database made with `init --demo`: marks
//! made with keys are in the database afterwards, whether the session ends with `q` or with
//! a hangup. Every wait is bounded (see common::pty), so a hang fails the test.

mod common;

use common::pty::{Tui, command};
use common::{TempDb, attempts_today, roll_json};

/// The roll call's progress line after `reached` of the 18 elders are accounted for.
fn progress(reached: u64) -> String {
    format!("已问候 {reached}/18")
}

fn reached(db: &std::path::Path) -> u64 {
    roll_json(db)["counts"]["reached"]
        .as_u64()
        .expect("a count")
}

#[test]
fn three_marks_then_q_leave_three_check_ins() {
    let t = TempDb::demo();
    let before = roll_json(&t.db);
    let start = reached(&t.db);

    let mut tui = Tui::start(&t.db, "zh");
    let first = tui.wait_for("桂花岭社区");
    assert!(first.contains(&progress(start)), "{first}");
    for n in 1..=3 {
        tui.press("o");
        tui.wait_for(&progress(start + n));
    }
    tui.press("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");

    let after = roll_json(&t.db);
    assert_eq!(attempts_today(&after), attempts_today(&before) + 3);
    assert_eq!(after["counts"]["reached"].as_u64(), Some(start + 3));
}

/// Two marks, then the signal: the process ends by itself and the marks are saved.
fn marks_survive(signal: &str) {
    let t = TempDb::demo();
    let before = attempts_today(&roll_json(&t.db));
    let start = reached(&t.db);

    let mut tui = Tui::start(&t.db, "zh");
    tui.wait_for("桂花岭社区");
    tui.press("o");
    tui.wait_for(&progress(start + 1));
    tui.press("v");
    tui.wait_for(&progress(start + 2));
    tui.signal(signal);
    // Handled, not killed by it: the loop ends, the terminal is restored, exit code 0.
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(
        !tui.contents().contains("桂花岭社区"),
        "the main screen is back"
    );

    let after = roll_json(&t.db);
    assert_eq!(attempts_today(&after), before + 2);
    assert_eq!(reached(&t.db), start + 2);
}

#[test]
fn a_hangup_ends_the_session_and_keeps_the_marks() {
    marks_survive("HUP");
}

#[test]
fn sigterm_ends_the_session_and_keeps_the_marks() {
    marks_survive("TERM");
}

#[test]
fn sigint_ends_the_session_and_keeps_the_marks() {
    marks_survive("INT");
}

/// `qiaomen --demo` keeps its database in a temporary directory; however the session is ended
/// by a signal, the terminal is restored and the directory removed.
#[test]
fn every_signal_removes_the_demo_directory() {
    for signal in ["INT", "TERM", "HUP"] {
        let tmp = tempfile::tempdir().expect("a temporary directory");
        let mut cmd = command("zh");
        cmd.arg("--demo");
        cmd.env("TMPDIR", tmp.path());
        let mut tui = Tui::spawn(cmd);
        tui.wait_for("桂花岭社区");
        let entries = || {
            std::fs::read_dir(tmp.path())
                .expect("the directory")
                .count()
        };
        assert_eq!(entries(), 1, "the demo's directory is there while it runs");

        tui.signal(signal);
        let status = tui.wait_exit();
        assert!(status.success(), "SIG{signal}: {status:?}");
        assert!(
            !tui.contents().contains("桂花岭社区"),
            "SIG{signal}: the main screen is back"
        );
        assert_eq!(entries(), 0, "SIG{signal} left the demo's directory behind");
    }
}

/// The terminal vanishes while the UI runs, as when an SSH connection drops. Standard error is
/// that same dead terminal, so restoring the terminal fails and the failure cannot even be
/// reported: the process must still end by itself, not by an abort (SIGABRT from a panic
/// inside the panic hook), with the mark saved.
#[test]
fn a_vanished_terminal_ends_the_session_without_an_abort() {
    let t = TempDb::demo();
    let before = attempts_today(&roll_json(&t.db));
    let start = reached(&t.db);

    let mut tui = Tui::start(&t.db, "zh");
    tui.wait_for("桂花岭社区");
    tui.press("o");
    tui.wait_for(&progress(start + 1));
    tui.vanish("?");
    let status = tui.wait_exit();
    assert_eq!(status.signal(), None, "ended by a signal: {status:?}");

    assert_eq!(attempts_today(&roll_json(&t.db)), before + 1);
}

/// The UI draws its first frame before the database is opened, so what opening says on
/// standard error (here: a database of the previous format, migrated) would be drawn over in
/// the alternate screen. It is written once the terminal is restored, where the user reads it.
#[test]
fn what_opening_said_is_on_the_screen_after_the_session() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/qiaomen-core/tests/fixtures/schema5");
    let t = TempDb::empty();
    for part in ["journal", "snapshots"] {
        std::fs::create_dir_all(t.db.join(part)).expect("mkdir");
        for f in std::fs::read_dir(fixture.join(part)).expect("the fixture") {
            let f = f.expect("an entry");
            std::fs::copy(f.path(), t.db.join(part).join(f.file_name())).expect("copy");
        }
    }
    let mut cmd = command("zh");
    cmd.args(["--no-server", "--db"]);
    cmd.arg(&t.db);
    let mut tui = Tui::spawn(cmd);
    tui.wait_for("已问候");
    tui.press("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    let screen = tui.contents();
    assert!(
        screen.contains(&format!(
            "已从第 5 版格式升级到第 {} 版",
            qiaomen_core::store::SCHEMA_VERSION
        )),
        "the migration is told on the main screen:\n{screen}"
    );
    assert!(
        !screen.contains("已问候"),
        "the main screen is back:\n{screen}"
    );
}

/// Keys typed before the roll call is on the screen were typed blind (over SSH the database can
/// take a second to open): a mark key then would record a check-in for whoever the roll
/// selects first. They are dropped; `q` among them ends the session.
#[test]
fn keys_typed_while_the_database_opens_mark_nobody() {
    let t = TempDb::demo();
    let before = attempts_today(&roll_json(&t.db));
    let start = reached(&t.db);

    // The process waits half a second before it starts, and the keys are typed meanwhile.
    let mut cmd = common::pty::command_after(r#"sleep 0.5; exec "$0" "$@""#, "zh");
    cmd.arg("--db");
    cmd.arg(&t.db);
    let mut tui = Tui::spawn(cmd);
    tui.press("oooo");
    let first = tui.wait_for("桂花岭社区");
    assert!(first.contains(&progress(start)), "{first}");
    // The roll answers keys typed once it is on the screen.
    tui.press("o");
    tui.wait_for(&progress(start + 1));
    tui.press("q");
    assert!(tui.wait_exit().success());
    assert_eq!(attempts_today(&roll_json(&t.db)), before + 1);

    // `q` typed blind ends the session before anything is drawn of the roll.
    let mut cmd = common::pty::command_after(r#"sleep 0.5; exec "$0" "$@""#, "zh");
    cmd.arg("--db");
    cmd.arg(&t.db);
    let mut tui = Tui::spawn(cmd);
    tui.press("oq");
    assert!(tui.wait_exit().success());
    assert_eq!(attempts_today(&roll_json(&t.db)), before + 1);
}
