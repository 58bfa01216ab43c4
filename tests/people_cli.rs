//! Keeping the people of the register from the shell (issue 13), end to end on a demo database
//! with the clock fixed on the demo's day (2026-11-30): members, grids, residents, households,
//! care plans and emergency contacts added and changed through the one command API, the
//! refusals as one sentence with their exit codes, and an elder who leaves the roll from a
//! day on while their history stays. Through the server, and once with `--no-server`.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{TempDb, ok, run};
use serde_json::Value;

fn json(db: &Path, args: &[&str]) -> Value {
    let out = ok(db, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} is JSON ({e}): {out}"))
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("an object").keys().cloned().collect()
}

fn find<'a>(rows: &'a Value, name: &str) -> &'a Value {
    rows.as_array()
        .expect("an array")
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("{name} is listed: {rows}"))
}

fn names(rows: &Value) -> Vec<String> {
    rows.as_array()
        .expect("an array")
        .iter()
        .map(|r| r["name"].as_str().expect("name").to_owned())
        .collect()
}

fn on_roll(db: &Path, date: &str, name: &str) -> bool {
    let roll = json(db, &["roll", "--date", date, "--json"]);
    roll["elders"]
        .as_array()
        .expect("elders")
        .iter()
        .any(|e| e["name"] == name)
}

#[test]
fn members_are_added_changed_listed_and_deactivated() {
    let t = TempDb::demo();
    let out = ok(
        &t.db,
        &[
            "member",
            "add",
            "石小川",
            "--role",
            "volunteer,caring_neighbour",
            "--grid",
            "G1",
            "--phone",
            "13900000002",
        ],
    );
    assert!(
        out.starts_with("Saved member #") && out.contains("石小川"),
        "{out}"
    );
    ok(
        &t.db,
        &[
            "member",
            "set",
            "石小川",
            "--login",
            "shixc",
            "--role",
            "worker",
        ],
    );
    let listed = json(&t.db, &["member", "list", "--json"]);
    let m = find(&listed, "石小川");
    assert_eq!(
        keys(m),
        ["active", "grid", "id", "login", "name", "phone", "roles"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    );
    assert_eq!(
        (&m["roles"], &m["grid"], &m["login"], &m["phone"]),
        (
            &serde_json::json!(["worker"]),
            &Value::from("G1"),
            &Value::from("shixc"),
            &Value::from("13900000002")
        )
    );
    // The same keys and values in Chinese.
    let zh = run(&t.db, "zh", &["member", "list", "--json"]);
    assert_eq!(
        serde_json::from_str::<Value>(&zh.stdout).expect("json"),
        listed
    );

    let zh = run(&t.db, "zh", &["member", "deactivate", "石小川"]);
    assert_eq!(zh.code, 0, "{zh:?}");
    assert!(zh.stdout.contains("已停用"), "{}", zh.stdout);
    assert!(!names(&json(&t.db, &["member", "list", "--json"])).contains(&"石小川".to_owned()));
    let all = json(&t.db, &["member", "list", "--all", "--json"]);
    assert_eq!(find(&all, "石小川")["active"], false);
    // The change is audited.
    let log = ok(&t.db, &["log", "--since", common::TODAY]);
    assert!(
        log.contains("add member 石小川") && log.contains("edit member 石小川"),
        "{log}"
    );
}

#[test]
fn grids_are_added_and_a_taken_code_is_refused_in_one_sentence() {
    let t = TempDb::demo();
    ok(
        &t.db,
        &[
            "grid",
            "add",
            "G7",
            "江畔网格",
            "--description",
            "江畔小区",
            "--steward",
            "刘晓燕",
        ],
    );
    let grids = json(&t.db, &["grid", "list", "--json"]);
    let g7 = find(&grids, "江畔网格");
    assert_eq!(
        (&g7["code"], &g7["stewards"]),
        (&Value::from("G7"), &serde_json::json!(["刘晓燕"]))
    );
    let r = run(&t.db, "en", &["grid", "add", "g1", "又一个"]);
    assert_eq!(
        r.fails_with(1),
        "qiaomen: Invalid code: grid 顺和网格 already has the code G1"
    );
    ok(
        &t.db,
        &["grid", "set", "G7", "--name", "江畔东网格", "--no-stewards"],
    );
    let grids = json(&t.db, &["grid", "list", "--json"]);
    assert_eq!(
        find(&grids, "江畔东网格")["stewards"],
        serde_json::json!([])
    );
}

#[test]
fn residents_are_added_set_field_by_field_and_listed_by_grid_and_category() {
    let t = TempDb::demo();
    ok(
        &t.db,
        &[
            "resident",
            "add",
            "孟秋雁",
            "--grid",
            "G2",
            "--gender",
            "女",
            "--birth",
            "1944-02-03",
            "--category",
            "elder,in_difficulty",
            "--health",
            "高血压",
        ],
    );
    ok(
        &t.db,
        &["resident", "set", "孟秋雁", "--phone", "13900000021"],
    );
    let listed = json(
        &t.db,
        &[
            "resident",
            "list",
            "--grid",
            "G2",
            "--category",
            "in_difficulty",
            "--json",
        ],
    );
    let r = find(&listed, "孟秋雁");
    // `set` changed the phone and nothing else.
    assert_eq!(
        (&r["phone"], &r["gender"], &r["birth"], &r["grid"]),
        (
            &Value::from("13900000021"),
            &Value::from("female"),
            &Value::from("1944-02-03"),
            &Value::from("G2")
        )
    );
    assert_eq!(
        r["categories"],
        serde_json::json!(["elder", "in_difficulty"])
    );
    assert_eq!(r["left"], Value::Null);
    for row in listed.as_array().expect("rows") {
        assert_eq!(row["grid"], "G2");
        assert!(
            row["categories"]
                .as_array()
                .expect("categories")
                .contains(&Value::from("in_difficulty")),
            "{row}"
        );
    }
    let g1 = json(&t.db, &["resident", "list", "--grid", "G1", "--json"]);
    assert!(!names(&g1).contains(&"孟秋雁".to_owned()));
    // The human list speaks the language asked for.
    let zh = run(&t.db, "zh", &["resident", "list", "--grid", "G2"]);
    assert!(
        zh.stdout.contains("孟秋雁") && zh.stdout.contains("困难群众"),
        "{}",
        zh.stdout
    );
}

#[test]
fn a_bad_id_number_is_one_sentence_and_exit_1_and_nothing_is_saved() {
    let t = TempDb::demo();
    for (lang, sentence) in [
        (
            "en",
            "qiaomen: Invalid ID number: the check digit does not match (GB 11643)",
        ),
        (
            "zh",
            "qiaomen: 输入有误（身份证号）：校验码不符（GB 11643）",
        ),
    ] {
        let r = run(
            &t.db,
            lang,
            &[
                "resident",
                "add",
                "孟秋雁",
                "--grid",
                "G2",
                "--id-number",
                "110105194402030021",
            ],
        );
        assert_eq!(r.fails_with(1), sentence);
    }
    let r = run(
        &t.db,
        "en",
        &["resident", "add", "孟\u{7}秋雁", "--grid", "G2"],
    );
    assert!(r.fails_with(1).contains("name"), "{r:?}");
    let all = json(&t.db, &["resident", "list", "--all", "--json"]);
    assert!(!names(&all).iter().any(|n| n.contains("秋雁")));
    // A malformed date is a usage error.
    let r = run(
        &t.db,
        "en",
        &[
            "resident",
            "add",
            "孟秋雁",
            "--grid",
            "G2",
            "--birth",
            "1944-02-30",
        ],
    );
    r.fails_with(2);
}

#[test]
fn care_set_puts_an_elder_on_the_roll_and_contacts_keep_their_order() {
    let t = TempDb::demo();
    ok(
        &t.db,
        &[
            "resident",
            "add",
            "孟秋雁",
            "--grid",
            "G2",
            "--birth",
            "1944-02-03",
        ],
    );
    assert!(!on_roll(&t.db, common::TODAY, "孟秋雁"));
    let out = ok(
        &t.db,
        &[
            "care",
            "set",
            "孟秋雁",
            "--level",
            "1",
            "--caller",
            "吴丽",
            "--doorbell",
            "yes",
        ],
    );
    assert!(
        out.contains("Care plan of 孟秋雁") && out.contains("吴丽"),
        "{out}"
    );
    assert!(on_roll(&t.db, common::TODAY, "孟秋雁"));
    let add = |name: &str, phone: &str, at: Option<&str>| {
        let mut args = vec!["contact", "add", "孟秋雁", "--name", name, "--phone", phone];
        if let Some(at) = at {
            args.extend(["--at", at]);
        }
        ok(&t.db, &args);
    };
    add("孟小军", "13900000011", None);
    add("孟小红", "13900000012", None);
    add("赵阿姨", "13900000013", Some("1"));
    let order = |db: &Path| -> Vec<String> {
        json(db, &["contact", "list", "孟秋雁", "--json"])["contacts"]
            .as_array()
            .expect("contacts")
            .iter()
            .map(|c| c["name"].as_str().expect("name").to_owned())
            .collect()
    };
    assert_eq!(order(&t.db), ["赵阿姨", "孟小军", "孟小红"]);
    ok(
        &t.db,
        &[
            "contact",
            "set",
            "孟秋雁",
            "赵阿姨",
            "--at",
            "3",
            "--relation",
            "邻居",
        ],
    );
    assert_eq!(order(&t.db), ["孟小军", "孟小红", "赵阿姨"]);
    ok(&t.db, &["contact", "remove", "孟秋雁", "1"]);
    assert_eq!(order(&t.db), ["孟小红", "赵阿姨"]);
    ok(&t.db, &["contact", "remove", "孟秋雁", "赵阿姨"]);
    assert_eq!(order(&t.db), ["孟小红"]);
    let r = run(&t.db, "en", &["contact", "remove", "孟秋雁", "5"]);
    r.fails_with(1);
    // A position past the end is refused; so is a contact without a phone.
    let r = run(
        &t.db,
        "en",
        &[
            "contact",
            "add",
            "孟秋雁",
            "--name",
            "甲",
            "--phone",
            "1390000001",
            "--at",
            "9",
        ],
    );
    assert!(r.fails_with(1).contains("position"), "{r:?}");
    // Stopping: greeted through today, off the roll from tomorrow.
    ok(&t.db, &["care", "set", "孟秋雁", "--stop"]);
    assert!(on_roll(&t.db, common::TODAY, "孟秋雁"));
    assert!(!on_roll(&t.db, "2026-12-01", "孟秋雁"));
}

#[test]
fn an_elder_who_leaves_is_off_the_roll_from_that_day_and_history_stays() {
    let t = TempDb::demo();
    assert!(on_roll(&t.db, "2026-11-29", "王秀英"));
    let out = ok(
        &t.db,
        &[
            "resident",
            "leave",
            "王秀英",
            "--reason",
            "moved",
            "--date",
            "2026-12-01",
            "--note",
            "随女儿迁往外地",
        ],
    );
    assert!(
        out.contains("王秀英 left on 2026-12-01 (moved out)"),
        "{out}"
    );
    // Before the day: still on the roll; from the day on: not.
    assert!(on_roll(&t.db, common::TODAY, "王秀英"));
    assert!(!on_roll(&t.db, "2026-12-01", "王秀英"));
    assert!(!on_roll(&t.db, "2026-12-05", "王秀英"));
    // Her past check-ins stay, in the roll of a past day and in the export.
    let past = json(&t.db, &["roll", "--date", "2026-11-29", "--json"]);
    let her = common::elder(&past, "王秀英");
    assert!(her["attempts"].as_u64().expect("attempts") > 0, "{her}");
    let export = ok(&t.db, &["export"]);
    assert!(
        export.contains(r#""left":{"date":"2026-12-01","reason":"moved","note":"随女儿迁往外地"}"#),
        "the export carries the departure"
    );
    // The list hides her from 2026-12-01 only; --all shows why.
    let all = json(&t.db, &["resident", "list", "--all", "--json"]);
    assert_eq!(find(&all, "王秀英")["left"]["reason"], "moved");
    // Leaving twice is refused.
    let r = run(
        &t.db,
        "en",
        &["resident", "leave", "王秀英", "--reason", "died"],
    );
    assert!(r.fails_with(1).contains("left on 2026-12-01"), "{r:?}");
    let r = run(
        &t.db,
        "en",
        &["resident", "leave", "曾凤仙", "--reason", "gone"],
    );
    r.fails_with(2);
    // A new 王秀英 shares the name: the one who lives here is meant, the one who left stays.
    ok(&t.db, &["resident", "add", "王秀英", "--grid", "G2"]);
    ok(
        &t.db,
        &["resident", "set", "王秀英", "--phone", "13900000031"],
    );
    let all = json(&t.db, &["resident", "list", "--all", "--json"]);
    let both: Vec<(&Value, &Value)> = all
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["name"] == "王秀英")
        .map(|r| (&r["phone"], &r["left"]))
        .collect();
    assert_eq!(both.len(), 2, "{both:?}");
    for (phone, left) in both {
        assert_eq!(phone == "13900000031", left.is_null(), "{phone} {left}");
    }
}

#[test]
fn a_move_and_a_new_head_keep_the_households_right() {
    let t = TempDb::demo();
    let before = json(&t.db, &["resident", "list", "--json"]);
    let wang = find(&before, "王秀英");
    let old = wang["household"].as_u64().expect("a household").to_string();
    let out = ok(
        &t.db,
        &[
            "household",
            "add",
            "--grid",
            "G2",
            "--text",
            "桂园小区",
            "--building",
            "9",
            "--unit",
            "1",
            "--room",
            "101",
            "--member",
            "单桂兰",
        ],
    );
    assert!(out.contains("head 单桂兰"), "{out}");
    let new = out
        .split('#')
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .expect("the new household's id")
        .to_owned();
    ok(&t.db, &["resident", "move", "王秀英", "--household", &new]);
    let members = |h: &str| -> Vec<String> {
        json(&t.db, &["household", "show", h, "--json"])["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|m| m["name"].as_str().expect("name").to_owned())
            .collect()
    };
    assert_eq!(members(&new), ["单桂兰", "王秀英"]);
    assert!(!members(&old).contains(&"王秀英".to_owned()));
    let after = json(&t.db, &["resident", "list", "--json"]);
    // She lives in her new household's grid now.
    assert_eq!(find(&after, "王秀英")["grid"], "G2");
    ok(&t.db, &["household", "set", &new, "--head", "王秀英"]);
    assert_eq!(members(&new), ["王秀英", "单桂兰"]);
    let listed = json(&t.db, &["household", "list", "--json"]);
    let row = listed
        .as_array()
        .expect("rows")
        .iter()
        .find(|h| h["id"] == new.parse::<u64>().expect("an id"))
        .expect("the new household");
    assert_eq!(row["head"], "王秀英");
    let log = ok(&t.db, &["log", "--since", common::TODAY]);
    assert!(
        log.contains(&format!("resident moved 王秀英 #{old} -> #{new}")),
        "{log}"
    );
}

#[test]
fn the_people_commands_work_without_a_server() {
    let t = TempDb::demo();
    common::stop_server(&t.db);
    let direct = |args: &[&str]| ok(&t.db, &[&["--no-server"][..], args].concat());
    direct(&["grid", "add", "G7", "江畔网格"]);
    direct(&[
        "resident",
        "add",
        "孟秋雁",
        "--grid",
        "G7",
        "--birth",
        "1944-02-03",
    ]);
    direct(&["care", "set", "孟秋雁", "--level", "2"]);
    let roll: Value =
        serde_json::from_str(&direct(&["roll", "--grid", "G7", "--json"])).expect("json");
    assert_eq!(names(&roll["elders"]), ["孟秋雁"]);
    direct(&["resident", "leave", "孟秋雁", "--reason", "died"]);
    let roll: Value =
        serde_json::from_str(&direct(&["roll", "--grid", "G7", "--json"])).expect("json");
    assert_eq!(names(&roll["elders"]), Vec::<String>::new());
}
