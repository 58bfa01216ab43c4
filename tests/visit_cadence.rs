//! Visit cadence, campaigns and doorbell presses end to end (issue 14 points 2 and 3), on the
//! demo with the clock fixed on its day (Monday 2026-11-30; the week ends 2026-12-06).

mod common;

use common::{TempDb, ok, qiaomen, run};
use serde_json::Value;
use std::io::Write;
use std::process::Stdio;

fn due_json(db: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["visit", "due", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str(&ok(db, &all)).expect("visit due --json")
}

fn households(v: &Value) -> Vec<&Value> {
    v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["households"].as_array().unwrap())
        .collect()
}

fn find(v: &Value, id: u64) -> Option<&Value> {
    households(v).into_iter().find(|h| h["household"] == id)
}

/// G2 worked out by hand from `data/demo.jsonl`: #6 (in difficulty, needs, claimed: high,
/// never visited), #7 (in difficulty, needs, noticed: high, last 11-13 → due 11-20), #8 (file
/// closed: general, 04-09 → 07-08), #9 (disabled: general, 01-20 → 04-20), #10 (left-behind
/// child: general, 08-27 → 11-25), #34 (单桂兰, level 2: key, never), #35 (冯玉珍, level 3:
/// general, never), #43 (王德厚, level 1: high, never). All overdue.
#[test]
fn the_demo_s_second_grid_is_due_as_worked_out_by_hand() {
    let t = TempDb::demo();
    let v = due_json(&t.db, &["--grid", "G2"]);
    assert_eq!(v["date"], "2026-11-30");
    assert_eq!(v["week_end"], "2026-12-06");
    let mut ids: Vec<u64> = households(&v)
        .iter()
        .map(|h| h["household"].as_u64().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, [6, 7, 8, 9, 10, 34, 35, 43]);
    assert_eq!(v["total"], 8);
    assert_eq!(v["overdue"], 8);
    let expect = [
        (6, "high", None, None),
        (7, "high", Some("2026-11-13"), Some("2026-11-20")),
        (8, "general", Some("2026-04-09"), Some("2026-07-08")),
        (9, "general", Some("2026-01-20"), Some("2026-04-20")),
        (10, "general", Some("2026-08-27"), Some("2026-11-25")),
        (34, "key", None, None),
        (35, "general", None, None),
        (43, "high", None, None),
    ];
    for (id, tier, last, due) in expect {
        let h = find(&v, id).unwrap();
        assert_eq!(h["tier"], tier, "#{id}");
        assert_eq!(h["last_visit"].as_str(), last, "#{id}");
        assert_eq!(h["due"].as_str(), due, "#{id}");
        assert_eq!(h["overdue"], true, "#{id}");
    }
    // Grouped by steward: G2's one steward.
    let groups = v["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0]["stewards"][0]["name"], "吴丽");
    // Never visited first, then by due date.
    assert_eq!(households(&v)[4]["household"], 9);

    // The text names the steward and the households, in both languages.
    let zh = run(&t.db, "zh", &["visit", "due", "--grid", "G2"]);
    assert_eq!(zh.code, 0, "{zh:#?}");
    assert!(zh.stdout.contains("网格管家 吴丽"), "{}", zh.stdout);
    assert!(zh.stdout.contains("逾期 2026-11-20"), "{}", zh.stdout);
    assert!(zh.stdout.contains("从未走访"), "{}", zh.stdout);
    let en = ok(&t.db, &["visit", "due", "--grid", "G2"]);
    assert!(
        en.contains("Steward 吴丽") && en.contains("overdue 2026-11-25"),
        "{en}"
    );
}

/// A visit takes a household off the list until its next date; a campaign puts it back,
/// due by the campaign's last day, until a visit falls within the campaign's dates.
#[test]
fn a_visit_and_a_campaign() {
    let t = TempDb::demo();
    ok(
        &t.db,
        &[
            "visit",
            "add",
            "34",
            "--findings",
            "身体尚可",
            "--date",
            "2026-11-29",
        ],
    );
    let v = due_json(&t.db, &["--grid", "G2"]);
    assert!(find(&v, 34).is_none(), "visited: due 2026-12-29");
    let added = run(
        &t.db,
        "en",
        &[
            "visit",
            "campaign",
            "add",
            "寒潮走访",
            "--from",
            "2026-11-30",
            "--to",
            "2026-12-06",
            "--tier",
            "key",
        ],
    );
    assert_eq!(added.code, 0, "{added:#?}");
    assert!(added.stdout.contains("寒潮走访"), "{}", added.stdout);
    let list = due_json(&t.db, &["--grid", "G2"]);
    let due = find(&list, 34).expect("due by the campaign");
    assert_eq!(due["due"], "2026-12-06");
    assert_eq!(due["overdue"], false);
    assert_eq!(due["reasons"][0]["kind"], "campaign");
    assert_eq!(due["reasons"][0]["name"], "寒潮走访");
    // Only the key tier: the high-risk #7 has no campaign reason.
    assert_eq!(
        find(&list, 7).unwrap()["reasons"].as_array().unwrap().len(),
        1
    );
    ok(&t.db, &["visit", "add", "34", "--findings", "寒潮慰问"]);
    assert!(find(&due_json(&t.db, &["--grid", "G2"]), 34).is_none());
    let list = ok(&t.db, &["visit", "campaign", "list", "--json"]);
    assert!(list.contains("\"key\""), "{list}");
    // A campaign ending before it starts is one clear error.
    let bad = run(
        &t.db,
        "en",
        &[
            "visit",
            "campaign",
            "add",
            "x",
            "--from",
            "2026-12-06",
            "--to",
            "2026-12-01",
        ],
    );
    bad.fails_with(1);
    // The cadence is a setting: weekly for key households puts nothing new on G2's list but
    // shows the new days.
    let c = ok(&t.db, &["visit", "cadence", "--key", "14", "--json"]);
    assert!(c.contains("\"key_days\": 14"), "{c}");
}

fn doorbell_stdin(db: &std::path::Path, lang: &str, input: &str, no_server: bool) -> common::Run {
    let mut cmd = qiaomen(db, lang);
    if no_server {
        cmd.arg("--no-server");
    }
    cmd.args(["doorbell", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("qiaomen runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn elder_state(db: &std::path::Path, name: &str, no_server: bool) -> (String, u64) {
    let args: &[&str] = if no_server {
        &["--no-server", "roll", "--json"]
    } else {
        &["roll", "--json"]
    };
    let roll: Value = serde_json::from_str(&ok(db, args)).expect("roll --json");
    let e = common::elder(&roll, name);
    (
        e["status"].as_str().unwrap_or_default().to_owned(),
        e["attempts"].as_u64().unwrap_or(0),
    )
}

fn doorbells_both_ways(no_server: bool) {
    let t = TempDb::demo();
    let flag: &[&str] = if no_server { &["--no-server"] } else { &[] };
    let with = |args: &[&'static str]| -> Vec<&'static str> { [flag, args].concat() };
    ok(
        &t.db,
        &with(&["care", "set", "王德厚", "--doorbell-device", "DB-0012"]),
    );
    ok(
        &t.db,
        &with(&["care", "set", "鲁桂珍", "--doorbell-device", "DB-0031"]),
    );
    let (_, before) = elder_state(&t.db, "王德厚", no_server);
    // A malformed line names its line, and nothing is recorded (all or nothing).
    let bad = doorbell_stdin(
        &t.db,
        "en",
        "{\"device\":\"DB-0012\",\"at\":\"2026-11-30T08:03:00+08:00\"}\n{\"device\":\"DB-0031\"\n",
        no_server,
    );
    assert!(bad.fails_with(1).contains("Line 2"), "{bad:#?}");
    // An unknown device too.
    let unknown = doorbell_stdin(
        &t.db,
        "zh",
        "{\"device\":\"DB-0012\",\"at\":\"2026-11-30T08:03:00+08:00\"}\n\n{\"device\":\"DB-9999\",\"at\":\"2026-11-30T08:04\"}\n",
        no_server,
    );
    let msg = unknown.fails_with(1);
    assert!(msg.contains("第 3 行") && msg.contains("DB-9999"), "{msg}");
    // A press in the future.
    let future = doorbell_stdin(
        &t.db,
        "en",
        "{\"device\":\"DB-0012\",\"at\":\"2026-11-30T10:30:00+08:00\"}\n",
        no_server,
    );
    assert!(future.fails_with(1).contains("future"), "{future:#?}");
    assert_eq!(
        elder_state(&t.db, "王德厚", no_server).1,
        before,
        "nothing was recorded"
    );
    // A good batch: the same press twice (also as UTC) counts once.
    let good = doorbell_stdin(
        &t.db,
        "en",
        "{\"device\":\"DB-0012\",\"at\":\"2026-11-30T08:03:00+08:00\"}\n\
         {\"device\":\"DB-0012\",\"at\":\"2026-11-30T00:03:00Z\"}\n\
         {\"device\":\"DB-0031\",\"at\":\"2026-11-30T08:10\"}\n",
        no_server,
    );
    assert_eq!(good.code, 0, "{good:#?}");
    assert!(
        good.stdout.contains("Recorded 2") && good.stdout.contains("1 duplicates"),
        "{}",
        good.stdout
    );
    let (state, after) = elder_state(&t.db, "王德厚", no_server);
    assert_eq!(after, before + 1);
    assert_eq!(state, "ok", "a press counts as reached");
    // The relay sends the batch again: nothing new.
    let again = doorbell_stdin(
        &t.db,
        "en",
        "{\"device\":\"DB-0012\",\"at\":\"2026-11-30T08:03:00+08:00\"}\n",
        no_server,
    );
    assert!(again.stdout.contains("Recorded 0"), "{again:#?}");
    assert_eq!(elder_state(&t.db, "王德厚", no_server).1, before + 1);
    // One elder by hand.
    let one = ok(&t.db, &with(&["doorbell", "曾凤仙", "--at", "08:20"]));
    assert!(one.contains("Recorded 1"), "{one}");
}

#[test]
fn doorbell_presses_through_the_server() {
    doorbells_both_ways(false);
}

#[test]
fn doorbell_presses_without_a_server() {
    doorbells_both_ways(true);
}

/// An elder with a doorbell, no press and no contact by the cutoff needs attention as usual.
#[test]
fn a_doorbell_without_a_press_is_flagged_after_the_cutoff() {
    let t = TempDb::demo();
    ok(
        &t.db,
        &["care", "set", "王德厚", "--doorbell-device", "DB-0012"],
    );
    let out = qiaomen(&t.db, "en")
        .env("QIAOMEN_NOW", "2026-11-30T11:30")
        .args(["roll", "--json"])
        .output()
        .unwrap();
    let roll: Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = common::elder(&roll, "王德厚");
    assert_eq!(e["status"], "not_reached", "{e}");
    assert_eq!(e["attention"], "not_reached_after_cutoff", "{e}");
    // Two elders cannot share one doorbell.
    let r = run(
        &t.db,
        "en",
        &["care", "set", "鲁桂珍", "--doorbell-device", "DB-0012"],
    );
    assert!(r.fails_with(1).contains("王德厚"), "{r:#?}");
    let card = ok(&t.db, &["care", "set", "王德厚"]);
    assert!(card.contains("device DB-0012"), "{card}");
}

#[test]
fn a_doorbell_of_someone_who_left_goes_to_the_next_elder_and_presses_follow_it() {
    let t = TempDb::demo();
    ok(
        &t.db,
        &["care", "set", "王德厚", "--doorbell-device", "DB-0077"],
    );
    ok(
        &t.db,
        &[
            "resident",
            "leave",
            "王德厚",
            "--reason",
            "moved",
            "--date",
            "2026-11-29",
        ],
    );
    // The device moved with the vendor's installer to another home: it is free now.
    ok(
        &t.db,
        &["care", "set", "鲁桂珍", "--doorbell-device", "DB-0077"],
    );
    let press = r#"{"device":"DB-0077","at":"2026-11-30T08:03:00+08:00"}"#;
    let r = doorbell_stdin(&t.db, "en", press, false);
    assert_eq!(r.code, 0, "{r:#?}");
    let roll = common::roll_json(&t.db);
    assert_eq!(common::elder(&roll, "鲁桂珍")["status"], "ok", "{roll}");
}
