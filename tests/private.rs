//! The process keeps what it holds to its own user: files and directories it creates are
//! private whatever umask it was started with, and it never writes a core file.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::pty::{Tui, command_after};
use common::{Run, TempDb, qiaomen_after};

/// Every directory under `dir` (itself included) and every file, with its permission bits.
fn modes(dir: &Path, out: &mut Vec<(String, bool, u32)>) {
    let meta = std::fs::metadata(dir).expect("metadata");
    out.push((
        dir.display().to_string(),
        true,
        meta.permissions().mode() & 0o777,
    ));
    for entry in std::fs::read_dir(dir).expect("a directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            modes(&path, out);
        } else {
            let meta = std::fs::metadata(&path).expect("metadata");
            out.push((
                path.display().to_string(),
                false,
                meta.permissions().mode() & 0o777,
            ));
        }
    }
}

#[test]
fn a_database_made_under_umask_022_is_private() {
    let t = TempDb::empty();
    let run = Run::of(
        qiaomen_after("umask 022 && exec \"$0\" \"$@\"", &t.db, "en").args(["init", "--demo"]),
    );
    assert_eq!(run.code, 0, "{run:#?}");

    let mut found = Vec::new();
    modes(&t.db, &mut found);
    assert!(
        found.iter().filter(|(_, dir, _)| !dir).count() >= 2,
        "{found:?}"
    );
    for (path, dir, mode) in &found {
        let want = if *dir { 0o700 } else { 0o600 };
        assert_eq!(*mode, want, "{path} is {mode:o}, not {want:o}");
    }
}

/// The value of a line of /proc/PID/limits or /proc/PID/status, as whitespace-split words.
fn proc_line(pid: u32, file: &str, label: &str) -> Vec<String> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).expect("/proc is readable");
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix(label))
        .unwrap_or_else(|| panic!("no {label:?} in /proc/{pid}/{file}:\n{text}"));
    line.split_whitespace().map(str::to_owned).collect()
}

/// Started by a shell that allows core files and has umask 022, the running UI has neither.
#[test]
fn the_running_ui_writes_no_core_file_and_has_umask_077() {
    let t = TempDb::demo();
    // The soft limit is raised as far as the hard one allows, so a program that did not lower
    // it would show a non-zero limit here.
    let mut cmd = command_after(
        "ulimit -S -c \"$(ulimit -H -c)\" && exec \"$0\" \"$@\"",
        "zh",
    );
    cmd.umask(Some(0o022));
    cmd.arg("--db");
    cmd.arg(&t.db);
    let mut tui = Tui::spawn(cmd);
    tui.wait_for("桂花岭社区");

    let core = proc_line(tui.pid(), "limits", "Max core file size");
    assert_eq!(core[..2], ["0", "0"], "soft and hard core limits: {core:?}");
    let umask = proc_line(tui.pid(), "status", "Umask:");
    assert_eq!(umask, ["0077"]);

    tui.press("q");
    assert!(tui.wait_exit().success());
}

/// An error says what is wrong with a phone, an ID number or a note, in either language, and
/// never repeats the value: error text ends up in scrollback, logs and screenshots.
#[test]
fn errors_never_repeat_a_phone_an_id_number_or_a_note() {
    let t = TempDb::demo();
    let phone = "13912345678";
    let id = "110105194912310021";
    let note = "独居左腿旧伤";
    let file = t.file("bad.jsonl");
    for lang in ["zh", "en"] {
        let bad_phone = format!("{phone}{phone}");
        let run = common::run(
            &t.db,
            lang,
            &[
                "partner",
                "add",
                "--name",
                "桐叶药房",
                "--kind",
                "enterprise",
                "--phone",
                &bad_phone,
            ],
        );
        let said = run.fails_with(1);
        assert!(!said.contains(phone), "{said}");

        for line in [
            format!(
                r#"{{"type":"resident","id":900,"name":"石秋云","grid":1,"phone":"{phone}x"}}"#
            ),
            format!(
                r#"{{"type":"resident","id":900,"name":"石秋云","grid":1,"id_number":"{id}"}}"#
            ),
            format!(r#"{{"type":"resident","id":900,"name":"石秋云","grid":1,"id_number":{id}}}"#),
            format!(
                r#"{{"type":"resident","id":900,"name":"石秋云","grid":1,"health":"{note}\u009b2J"}}"#
            ),
            format!(r#"{{"type":"resident","id":900,"name":"石秋云","grid":1,"gender":"{note}"}}"#),
        ] {
            std::fs::write(&file, format!("{line}\n")).expect("the file");
            let run = common::run(&t.db, lang, &["import", file.to_str().expect("a path")]);
            let said = run.fails_with(1);
            for value in [phone, id, note] {
                assert!(!said.contains(value), "{lang}: {said} repeats {value}");
            }
        }
    }
}
