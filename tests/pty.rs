//! The real binary in an 80×24 pseudo-terminal on a database made with `init --demo`: marks
//! made with keys are in the database afterwards, whether the session ends with `q` or with
//! a hangup. Every wait is bounded (see common::pty), so a hang fails the test.

mod common;

use common::pty::Tui;
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
