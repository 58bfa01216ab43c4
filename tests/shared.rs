//! Shared mode end to end: two terminal UIs and the command line on one database at once, all
//! clients of the one server the first of them started.

mod common;

use common::pty::Tui;
use common::{TempDb, attempts_today, roll_json, run};

#[test]
fn two_uis_and_the_command_line_work_on_one_database_at_once() {
    let t = TempDb::demo();
    let mut a = Tui::start(&t.db, "zh");
    let mut b = Tui::start(&t.db, "en");
    a.wait_for("已问候 5/18");
    b.wait_for("reached 5/18");

    // A mark in one UI appears in the other: the server pushes it, nobody polls.
    a.press("o");
    a.wait_for("已问候 6/18 · 外出 0 · 需关注 0");
    b.wait_for("reached 6/18 · away 0 · attention 0");

    // The command line is served meanwhile: it reads and writes, and both UIs see its write.
    let before = attempts_today(&roll_json(&t.db));
    let r = run(&t.db, "en", &["checkin", "王秀英", "unwell"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(attempts_today(&roll_json(&t.db)), before + 1);
    a.wait_for("已问候 6/18 · 外出 0 · 需关注 1");
    b.wait_for("reached 6/18 · away 0 · attention 1");

    // `--no-server` still wants the database to itself: exit 3, one sentence, in both
    // languages, naming the database and how to stop the server.
    for lang in ["en", "zh"] {
        let mut cmd = common::qiaomen(&t.db, lang);
        cmd.args(["--no-server", "roll"]);
        let r = common::Run::of(&mut cmd);
        let msg = r.fails_with(3);
        assert!(msg.contains(&t.db.display().to_string()), "{msg}");
        assert!(msg.contains("qiaomen serve --stop"), "{msg}");
    }

    a.press("q");
    b.press("q");
    assert!(a.wait_exit().success());
    assert!(b.wait_exit().success());
    // What the UIs and the command line saved is there for the next client.
    assert_eq!(attempts_today(&roll_json(&t.db)), before + 1);
}

#[test]
fn a_ui_whose_server_is_killed_connects_to_a_new_one_and_loses_nothing() {
    let t = TempDb::demo();
    let mut ui = Tui::start(&t.db, "en");
    ui.wait_for("reached 5/18");
    ui.press("o");
    ui.wait_for("reached 6/18");
    // kill -9 of the server under an open UI: the UI notices, starts a new server (which
    // recovers from the journal) and says so in one line.
    let pid = std::fs::read_to_string(t.db.join("server.pid")).expect("the server's pid");
    let killed = std::process::Command::new("kill")
        .args(["-9", pid.trim()])
        .status()
        .expect("kill");
    assert!(killed.success());
    ui.wait_for("Server restarted");
    let new_pid = std::fs::read_to_string(t.db.join("server.pid")).expect("a new server");
    assert_ne!(new_pid, pid, "a new server");
    // The mark made before the kill is there, and marking goes on.
    ui.wait_for("reached 6/18");
    ui.press("o");
    ui.wait_for("reached 7/18");
    ui.press("q");
    assert!(ui.wait_exit().success());
    assert_eq!(
        roll_json(&t.db)["counts"]["reached"],
        7,
        "{}",
        roll_json(&t.db)
    );
}
