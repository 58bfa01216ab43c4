//! Issue 16's gaps from the shell on the demo, where the register's records are referred to: a
//! meeting's attendees are residents, organisations or members chosen from the register (or
//! guests, when the user says so), kept as references through export and import, named on the
//! meeting's card and counted by the summary, a name that fits several or none one sentence;
//! and `find` finds organisations and volunteer teams, with their kind, and prints their cards.

mod common;

use common::{TODAY, TempDb, ok, run};

fn added_id(out: &str) -> String {
    // "Saved meeting #6: …"
    out.split('#')
        .nth(1)
        .and_then(|s| s.split(':').next())
        .expect("the meeting's number")
        .to_owned()
}

#[test]
fn attendees_are_chosen_from_the_register_or_named_as_guests() {
    let t = TempDb::demo();
    let out = ok(
        &t.db,
        &[
            "meeting",
            "add",
            "--kind",
            "consultation",
            "--title",
            "顺和大厦加装电梯协商",
            "--attendee",
            "顺和物业服务中心",
            "--attendee",
            "陈志强",
            "--attendee",
            "梅秀英",
            "--attendee",
            "org:2",
            "--guest",
            "街道城管办",
        ],
    );
    let id = added_id(&out);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&t.db, &["meeting", "show", &id, "--json"])).expect("json");
    let found: serde_json::Value =
        serde_json::from_str(&ok(&t.db, &["find", "梅秀英", "--json"])).expect("json");
    let resident = found["hits"][0]["id"].as_u64();
    let attendees = &json["attendees"];
    assert_eq!(attendees[0], serde_json::json!({"org": 1}), "{json}");
    assert_eq!(attendees[1], serde_json::json!({"member": 3}), "{json}");
    assert_eq!(attendees[2]["resident"].as_u64(), resident, "{json}");
    assert_eq!(attendees[3], serde_json::json!({"org": 2}), "{json}");
    assert_eq!(
        attendees[4],
        serde_json::json!({"guest": "街道城管办"}),
        "{json}"
    );
    let zh = run(&t.db, "zh", &["meeting", "show", &id]);
    assert!(
        zh.stdout
            .contains("参会：顺和物业服务中心、陈志强、梅秀英、顺和小区业主委员会、街道城管办"),
        "{}",
        zh.stdout
    );

    // The summary still counts them.
    let summary: serde_json::Value = serde_json::from_str(&ok(
        &t.db,
        &["summary", "--date", TODAY, "--format", "json"],
    ))
    .expect("json");
    let counted = summary["meetings"]
        .as_array()
        .and_then(|ms| ms.iter().find(|m| m["title"] == "顺和大厦加装电梯协商"))
        .map(|m| m["attendees"].clone());
    assert_eq!(counted, Some(serde_json::json!(5)), "{summary}");

    // Export and import keep the references.
    let file = t.file("attendees.jsonl");
    ok(&t.db, &["export", "--out", file.to_str().expect("a path")]);
    let copy = TempDb::new_database();
    ok(&copy.db, &["import", file.to_str().expect("a path")]);
    let again: serde_json::Value =
        serde_json::from_str(&ok(&copy.db, &["meeting", "show", &id, "--json"])).expect("json");
    assert_eq!(again["attendees"], json["attendees"]);
    // A demo meeting written with names reads them as guests.
    let old: serde_json::Value =
        serde_json::from_str(&ok(&copy.db, &["meeting", "show", "2", "--json"])).expect("json");
    assert_eq!(
        old["attendees"][0],
        serde_json::json!({"guest": "陈志强"}),
        "{old}"
    );
}

#[test]
fn a_name_that_fits_several_or_none_is_one_sentence() {
    let t = TempDb::demo();
    let meetings = || {
        let list: serde_json::Value =
            serde_json::from_str(&ok(&t.db, &["meeting", "list", "--json"])).expect("json");
        list.as_array().map_or(0, Vec::len)
    };
    let before = meetings();
    let add = |lang: &str, who: &str| {
        run(
            &t.db,
            lang,
            &[
                "meeting",
                "add",
                "--kind",
                "joint_meeting",
                "--title",
                "联席会议",
                "--attendee",
                who,
            ],
        )
    };
    let several = add("zh", "顺和");
    assert_eq!(
        several.fails_with(2),
        "qiaomen: “顺和”匹配到多个：顺和物业服务中心（单位 #1）、顺和小区业主委员会（单位 #2）；请用编号指定，如 --attendee org:1"
    );
    let en = add("en", "顺和");
    assert!(
        en.fails_with(2)
            .contains("顺和物业服务中心 (org #1), 顺和小区业主委员会 (org #2)"),
        "{en:?}"
    );
    let none = add("zh", "住户代表");
    assert_eq!(
        none.fails_with(2),
        "qiaomen: 登记册里没有“住户代表”（居民、单位或成员）；登记册外的人请用 --guest 记下"
    );
    // Nothing was saved.
    assert_eq!(meetings(), before);
}

#[test]
fn find_finds_organisations_and_teams_with_their_kind() {
    let t = TempDb::demo();
    // One hit: its card, as `org show` and `team show` print them.
    let org = run(&t.db, "zh", &["find", "邱建平"]);
    assert_eq!(org.code, 0, "{org:?}");
    assert!(
        org.stdout.starts_with("#1 顺和物业服务中心 · 物业公司"),
        "{}",
        org.stdout
    );
    assert!(org.stdout.contains("作为当事人的案件"), "{}", org.stdout);
    let team = run(&t.db, "zh", &["find", "银杏志愿队"]);
    assert!(
        team.stdout.starts_with("#1 银杏志愿队 · 居民志愿队"),
        "{}",
        team.stdout
    );
    // Several: the kind in the first column, in the reader's language.
    let zh = run(&t.db, "zh", &["find", "顺和小区业主"]);
    assert!(zh.stdout.contains("顺和小区业主委员会"), "{}", zh.stdout);
    let many = run(&t.db, "zh", &["find", "志愿"]);
    assert!(
        many.stdout
            .lines()
            .any(|l| l.starts_with("志愿队") && l.contains("青禾青年志愿者队")),
        "{}",
        many.stdout
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&t.db, &["find", "shunhe", "--json"])).expect("json");
    let kinds: Vec<&str> = json["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"org"), "{json}");
    // A new organisation is found at once, through the server's warm index too.
    ok(
        &t.db,
        &[
            "org",
            "add",
            "--name",
            "湘江律师事务所",
            "--kind",
            "law_firm",
        ],
    );
    let found = run(&t.db, "en", &["find", "xiangjiang"]);
    assert!(
        found.stdout.starts_with("#3 湘江律师事务所 · law firm"),
        "{found:?}"
    );
}
