//! The conventions of a command-line tool (issue 13): completion scripts and a manual page
//! from the clap definitions; progress on standard error only when it is a terminal (nothing
//! at all when piped or redirected, in both modes); `NO_COLOR` for clap's own messages;
//! duplicate partners and need tags from the command line.

mod common;

use common::pty::{Tui, command_after};
use common::{Run, TempDb, ok, qiaomen, run};

#[test]
fn completion_scripts_for_bash_zsh_and_fish_name_the_commands() {
    let t = TempDb::empty();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef qiaomen"),
        ("fish", "complete -c qiaomen"),
    ] {
        let out = ok(&t.db, &["completions", shell]);
        assert!(out.contains(marker), "{shell}: {out:.300}");
        for sub in ["checkin", "summary", "partner", "completions"] {
            assert!(out.contains(sub), "{shell} completes {sub}");
        }
    }
    assert!(!t.db.exists(), "no database is made for a script");
    // clap's own usage message: exit 2, naming the value and the shells it takes.
    let r = run(&t.db, "en", &["completions", "powershell-ish"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("powershell-ish") && r.stderr.contains("fish"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_manual_page_is_roff_on_standard_output() {
    let t = TempDb::empty();
    let r = run(&t.db, "en", &["man"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert!(r.stderr.is_empty());
    assert!(
        r.stdout.starts_with(".ie") || r.stdout.contains(".TH qiaomen"),
        "{:.200}",
        r.stdout
    );
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH SUBCOMMANDS"] {
        assert!(r.stdout.contains(section), "{section}");
    }
    assert!(
        r.stdout.contains("QIAOMEN_DB"),
        "the environment is documented"
    );
    assert!(r.stdout.contains("checkin"));
}

/// Long work run with standard error a pipe, in both modes: its output and nothing else.
#[test]
fn no_progress_on_standard_error_when_it_is_not_a_terminal() {
    let t = TempDb::new_database();
    let data = t.file("community.jsonl");
    let generated =
        Run::of(qiaomen(&t.db, "zh").args(["generate", "--scale", "community", "--days", "3"]));
    assert_eq!(generated.code, 0);
    assert_eq!(generated.stderr, "", "generate");
    assert!(generated.stdout.lines().count() > 1_000);
    std::fs::write(&data, &generated.stdout).unwrap();

    let server = t.file("served");
    ok(&server, &["init", "--empty"]);
    let direct = t.file("direct");
    ok(&direct, &["init", "--empty"]);
    for (db, mode) in [(&server, None), (&direct, Some("--no-server"))] {
        let with_mode = |args: &[&str]| {
            let mut a: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
            a.extend(mode.map(str::to_owned));
            a
        };
        let runs = [
            with_mode(&["import", data.to_str().unwrap()]),
            with_mode(&["export"]),
            with_mode(&["export", "--out", t.file("out.jsonl").to_str().unwrap()]),
            with_mode(&["check"]),
        ];
        for args in &runs {
            let r = Run::of(qiaomen(db, "zh").args(args));
            assert_eq!(r.code, 0, "{args:?}: {r:#?}");
            assert_eq!(r.stderr, "", "{args:?} wrote on standard error");
        }
    }
    // A rebuild from a backup.
    let backup = t.file("backup");
    ok(
        &direct,
        &["backup", "--to", backup.to_str().unwrap(), "--no-server"],
    );
    let restored = t.file("restored");
    let r = run(
        &restored,
        "zh",
        &["restore", "--from", backup.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(r.stderr, "", "restore wrote on standard error");
    common::stop_server(&server);
}

/// In a terminal, with the output sent to a file, `generate` shows its count and leaves one
/// line saying what it did; the file holds only the JSON Lines.
#[test]
fn a_terminal_sees_the_count_and_the_file_gets_only_the_data() {
    let t = TempDb::empty();
    let out = t.file("gen.jsonl");
    let mut cmd = command_after(r#"exec "$0" "$@" > "$QIAOMEN_TEST_OUT""#, "zh");
    cmd.env("QIAOMEN_TEST_OUT", &out);
    cmd.args(["generate", "--scale", "community", "--days", "2"]);
    let mut tui = Tui::spawn(cmd);
    assert!(tui.wait_exit().success());
    let screen = tui.contents();
    assert!(screen.contains("已生成"), "{screen}");
    let lines = std::fs::read_to_string(&out).unwrap().lines().count();
    let shown = format!("{} 行", group(lines));
    assert!(screen.contains(&shown), "{shown} in {screen}");
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .all(|l| l.starts_with('{')),
        "only JSON Lines in the file"
    );
}

/// 12345 as indicatif writes it: 12,345.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn clap_messages_have_no_colour_under_no_color() {
    let t = TempDb::empty();
    let screen_of = |no_color: Option<&str>| {
        // Through a shell that keeps the terminal open a moment after qiaomen exits: a process
        // that exits at once can take its last output with it (the pty's reader sees the
        // hang-up before the bytes).
        let mut cmd = common::pty::command_after(r#""$0" "$@"; s=$?; sleep 2; exit $s"#, "en");
        cmd.arg("--db");
        cmd.arg(&t.db);
        cmd.arg("no-such-command");
        match no_color {
            Some(v) => cmd.env("NO_COLOR", v),
            None => cmd.env_remove("NO_COLOR"),
        }
        let mut tui = Tui::spawn(cmd);
        tui.wait_for("no-such-command");
        let colours = tui.colours().0;
        let status = tui.wait_exit();
        assert_eq!(status.exit_code(), 2);
        colours
    };
    // Usage errors are worded by qiaomen (`cli/usage.rs`) as one plain sentence: no colour
    // on a terminal, and none with NO_COLOR.
    assert_eq!(screen_of(None), 0, "a worded usage error is plain text");
    assert_eq!(screen_of(Some("1")), 0, "and not with NO_COLOR");
}

#[test]
fn partner_add_refuses_a_second_partner_of_the_same_name_and_kind() {
    let t = TempDb::demo();
    let add = |lang: &str, kind: &str| {
        run(
            &t.db,
            lang,
            &[
                "partner",
                "add",
                "--name",
                "青石建材有限公司",
                "--kind",
                kind,
            ],
        )
    };
    assert_eq!(add("en", "enterprise").code, 0);
    let r = add("zh", "enterprise");
    let said = r.fails_with(1);
    assert!(said.contains("青石建材有限公司"), "{said}");
    let r = add("en", "enterprise");
    assert!(r.fails_with(1).contains("already recorded"), "{}", r.stderr);
    assert_eq!(
        add("en", "school").code,
        0,
        "another kind is another partner"
    );
    let listed = ok(&t.db, &["partner", "list"]);
    assert_eq!(listed.matches("青石建材有限公司").count(), 2, "{listed}");
}

#[test]
fn needs_are_tags_translated_in_words_and_codes_in_json() {
    let t = TempDb::demo();
    let r = run(
        &t.db,
        "en",
        &["fund", "add", "out", "--amount", "10", "--need", "临时救助"],
    );
    let said = r.fails_with(2);
    assert!(
        said.contains("临时救助") && said.contains("medical"),
        "{said}"
    );
    // A code, its words in either language, or a former word are all the tag.
    for need in ["medical", "医疗救助", "medicine"] {
        let r = run(
            &t.db,
            "en",
            &["fund", "add", "out", "--amount", "1", "--need", need],
        );
        assert_eq!(r.code, 0, "{need}: {r:#?}");
    }
    let zh = run(&t.db, "zh", &["fund", "list"]).stdout;
    assert!(zh.contains("医疗救助"), "{zh}");
    assert!(!zh.contains("medical"), "a zh screen shows no code: {zh}");
    // English words (in a table column that may cut them short).
    let en = ok(&t.db, &["fund", "list"]);
    assert!(en.contains("medical c"), "{en}");
    let json = ok(&t.db, &["fund", "list", "--json"]);
    assert!(
        json.contains(r#""need": "medical""#) || json.contains(r#""need":"medical""#),
        "{json:.400}"
    );
    let export = ok(&t.db, &["export"]);
    assert!(!export.contains(r#""need":"medicine""#));
    assert!(!export.contains(r#""need":"health""#));
}

/// With neither `$USER` nor `$LOGNAME` (a cron job, `env -i`), the audit still names the OS
/// user the process runs as, from `/etc/passwd`, never a placeholder.
#[test]
fn without_user_variables_the_audit_names_the_os_user() {
    let t = common::TempDb::demo();
    let me = std::process::Command::new("id")
        .arg("-un")
        .output()
        .expect("id -un");
    let me = String::from_utf8_lossy(&me.stdout).trim().to_owned();
    let bare = |args: &[&str]| {
        std::process::Command::new(common::bin())
            .env_remove("USER")
            .env_remove("LOGNAME")
            .env_remove("QIAOMEN_OPERATOR")
            .env_remove("QIAOMEN_DB")
            .env("QIAOMEN_NOW", common::NOW)
            .env("LANG", "C.UTF-8")
            .arg("--db")
            .arg(&t.db)
            .arg("--no-server")
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run qiaomen")
    };
    let out = bare(&["checkin", "王秀英", "ok", "--time", "09:00"]);
    assert!(out.status.success(), "{out:?}");
    let out = bare(&["log", "--json"]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).expect("log --json");
    let last = log.as_array().and_then(|a| a.last()).expect("an entry");
    assert_eq!(last["os_user"], me.as_str(), "{last}");
    assert_ne!(last["operator"], "operator", "{last}");
}

/// Panes and popups never import the App (issue 15 point 6): they get a read-only view and
/// return effects, which the App alone carries out.
#[test]
fn panes_and_popups_do_not_import_the_app() {
    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("a source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    // The word `App` alone (not `Applied`, `AppError`).
    fn names_the_app(text: &str) -> bool {
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        text.match_indices("App").any(|(i, _)| {
            let before = text[..i].chars().next_back().is_none_or(|c| !ident(c));
            let after = text[i + 3..].chars().next().is_none_or(|c| !ident(c));
            before && after
        })
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root.join("panes"), &mut files);
    rust_files(&root.join("popups"), &mut files);
    assert!(files.len() > 20, "{files:?}");
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).expect("a source file");
            text.contains("crate::app") || names_the_app(&text)
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "these import the App: {offenders:?}");
}
