//! `household list` as text is streamed (issue 12): the households and the kept heads read a
//! page at a time side by side, each line written as it is laid out. The same households, in
//! the same order, with the same heads as the JSON list; numbers never cut; filters applied;
//! an empty list is one sentence.

mod common;

use common::{TempDb, ok, run};
use serde_json::Value;

/// The lines of the text list after its header, by number.
fn numbers(text: &str) -> Vec<String> {
    text.lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().expect("a number").to_owned())
        .collect()
}

#[test]
fn the_streamed_list_holds_every_household_of_the_json_list_with_its_head() {
    let t = TempDb::demo();
    let listed: Value =
        serde_json::from_str(&ok(&t.db, &["household", "list", "--json"])).expect("JSON");
    let listed = listed.as_array().expect("an array");
    assert!(listed.len() > 10, "the demo's households");
    for lang in ["zh", "en"] {
        let r = run(&t.db, lang, &["household", "list"]);
        assert_eq!(r.code, 0, "{r:#?}");
        let text = r.stdout;
        let header = text.lines().next().expect("a header");
        assert!(
            header.starts_with(if lang == "zh" { "编号" } else { "No." }),
            "{header}"
        );
        let want: Vec<String> = listed
            .iter()
            .map(|h| format!("#{}", h["id"].as_u64().expect("id")))
            .collect();
        assert_eq!(numbers(&text), want, "{lang}");
        for (line, h) in text.lines().skip(1).zip(listed) {
            if let Some(head) = h["head"].as_str() {
                assert!(line.contains(head), "{line} names {head}");
            }
        }
    }
}

#[test]
fn filters_apply_and_an_empty_list_says_so() {
    let t = TempDb::demo();
    for args in [
        &["--status", "registered"][..],
        &["--grid", "G1", "--status", "registered"][..],
        &["--grid", "G4"][..],
    ] {
        let mut json_args = vec!["household", "list"];
        json_args.extend_from_slice(args);
        let mut text_args = json_args.clone();
        json_args.push("--json");
        let want: Vec<String> = serde_json::from_str::<Value>(&ok(&t.db, &json_args))
            .expect("JSON")
            .as_array()
            .expect("an array")
            .iter()
            .map(|h| format!("#{}", h["id"]))
            .collect();
        text_args.extend_from_slice(&["--lang", "en"]);
        let text = ok(&t.db, &text_args);
        if want.is_empty() {
            assert_eq!(text.lines().count(), 1, "one sentence: {text}");
            assert!(!text.starts_with("No."), "{text}");
        } else {
            assert_eq!(numbers(&text), want, "{args:?}");
        }
    }
}

#[test]
fn a_long_household_number_is_never_cut() {
    let t = TempDb::empty();
    ok(&t.db, &["init", "--empty"]);
    let file = t.file("big.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"type":"community","name":"测试社区"}"#,
            "\n",
            r#"{"type":"grid","id":1,"code":"G1","name":"东园网格"}"#,
            "\n",
            r#"{"type":"household","id":123456789,"grid":1,"address":{"text":"东园小区 1-1-101"},"members":[987654321]}"#,
            "\n",
            r#"{"type":"resident","id":987654321,"name":"张一","grid":1,"household":123456789}"#,
            "\n",
        ),
    )
    .expect("write");
    ok(&t.db, &["import", file.to_str().expect("utf-8")]);
    let text = ok(&t.db, &["household", "list"]);
    assert_eq!(numbers(&text), ["#123456789"], "{text}");
    assert!(text.contains("张一"), "{text}");
}
