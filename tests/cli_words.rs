//! One vocabulary on the command line (issue 15 point 1): clap's usage errors in the user's
//! language, allowed values listed as codes with their words, stored texts and small
//! punctuation in the user's language, the report's words the roll call's.

mod common;

use common::{TempDb, run};

#[test]
fn clap_usage_errors_are_worded_in_both_languages() {
    let t = TempDb::empty();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["roll", "--bogus"],
            "qiaomen: 不认识的选项“--bogus”。用法见 `qiaomen roll --help`。",
            "qiaomen: unknown option \"--bogus\". See `qiaomen roll --help`.",
        ),
        (
            &["case", "lsit"],
            "qiaomen: 没有“lsit”这个命令。是不是要用“list”？用法见 `qiaomen case --help`。",
            "qiaomen: no command \"lsit\". Did you mean \"list\"? See `qiaomen case --help`.",
        ),
        (
            &["roll", "--date"],
            "qiaomen: --date <DATE> 后面缺少值。用法见 `qiaomen roll --help`。",
            "qiaomen: --date <DATE> needs a value. See `qiaomen roll --help`.",
        ),
        (
            &["case", "status", "1", "resolved"],
            "qiaomen: 缺少必填的参数：--reason。用法见 `qiaomen case status --help`。",
            "qiaomen: missing: --reason <REASON>. See `qiaomen case status --help`.",
        ),
        (
            &["checkin"],
            "qiaomen: 缺少必填的参数：老人、结果。用法见 `qiaomen checkin --help`。",
            "qiaomen: missing: <ELDER>, <OUTCOME>. See `qiaomen checkin --help`.",
        ),
    ];
    for (args, zh, en) in cases {
        assert_eq!(run(&t.db, "zh", args).fails_with(2), *zh, "{args:?}");
        assert_eq!(run(&t.db, "en", args).fails_with(2), *en, "{args:?}");
    }
    // A bad value of clap's own choice lists what it takes.
    let r = common::Run::of(
        std::process::Command::new(common::bin())
            .env("QIAOMEN_LANG", "zh")
            .args(["--lang", "fr", "roll"]),
    );
    assert_eq!(
        r.fails_with(2),
        "qiaomen: “fr”不是 --lang <LANG> 可用的值，可选：zh、en。用法见 `qiaomen roll --help`。"
    );
}

#[test]
fn help_and_version_stay_as_clap_prints_them() {
    let t = TempDb::empty();
    let r = run(&t.db, "zh", &["roll", "--help"]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("Usage: qiaomen roll"), "{}", r.stdout);
    let r = run(&t.db, "zh", &["--version"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("qiaomen "), "{}", r.stdout);
}

#[test]
fn allowed_values_are_codes_with_their_words() {
    let t = TempDb::demo();
    let zh = run(&t.db, "zh", &["checkin", "王秀英", "maybe"]);
    assert!(
        zh.fails_with(2).ends_with(
            "可选：ok（平安）、unwell（身体不适）、no-answer（未接通）、needs-help（需要帮助）、away（外出）"
        ),
        "{}",
        zh.stderr
    );
    let en = run(&t.db, "en", &["checkin", "王秀英", "maybe"]);
    assert!(
        en.fails_with(2)
            .ends_with("one of ok, unwell, no-answer, needs-help, away"),
        "{}",
        en.stderr
    );
}

#[test]
fn team_and_org_cards_follow_each_languages_punctuation() {
    let t = TempDb::demo();
    let zh = run(&t.db, "zh", &["team", "show", "1"]).stdout;
    assert!(zh.contains("（队长）"), "{zh}");
    assert!(!zh.contains(" ("), "{zh}");
    let en = run(&t.db, "en", &["team", "show", "1"]).stdout;
    assert!(en.contains(" (Leader)"), "{en}");
    let org = run(&t.db, "en", &["org", "show", "1"]).stdout;
    let contacts = org.lines().find(|l| l.starts_with("Contacts")).expect(&org);
    assert!(contacts.contains(", ") && !contacts.contains('、'), "{org}");
}

#[test]
fn the_report_words_a_session_and_an_outcome_as_the_timeline_does() {
    let t = TempDb::demo();
    let r = run(
        &t.db,
        "zh",
        &[
            "case",
            "session",
            "9",
            "--participant",
            "张三",
            "--outcome",
            "双方同意",
        ],
    );
    assert_eq!(r.code, 0, "{r:?}");
    let show = run(&t.db, "zh", &["case", "show", "9"]).stdout;
    assert!(show.contains("状态 待处理 → 调解中：第 1 次调解"), "{show}");
    let report = run(&t.db, "zh", &["summary"]).stdout;
    assert!(
        report.contains("由待处理转为调解中：第 1 次调解"),
        "{report}"
    );
    assert!(!report.contains("mediation session"), "{report}");
    let en = run(&t.db, "en", &["summary"]).stdout;
    assert!(
        en.contains("open -> mediating: mediation session 1"),
        "{en}"
    );
    // The outcome words of the roll call are the report's.
    for word in ["无人接听", "幸福门铃", "待办", "其中正常"] {
        assert!(!report.contains(word), "{word} in\n{report}");
    }
}
