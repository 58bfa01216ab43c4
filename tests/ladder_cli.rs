//! The ladder from the shell: `ladder show/set`, `roll` with each elder's step, and `checkin`
//! recording contact steps and the knock whose failure opens the case.

mod common;

use common::{TempDb, elder, ok, roll_json, run};

#[test]
fn the_ladder_from_the_shell() {
    let t = TempDb::demo();
    let db = &t.db;
    let show: serde_json::Value =
        serde_json::from_str(&ok(db, &["ladder", "show", "--json"])).expect("json");
    assert_eq!(show["levels"][0]["every_minutes"], 30);
    assert_eq!(show["levels"][1]["knock_within_minutes"], 180);
    let zh = run(db, "zh", &["ladder", "show"]);
    assert!(
        zh.stdout.contains("1 级：电话 3 次，每 30 分钟"),
        "{}",
        zh.stdout
    );

    // Level 1 with two calls and 20 minutes between steps.
    let out = ok(
        db,
        &[
            "ladder",
            "set",
            "--level",
            "1",
            "--retries",
            "2",
            "--every",
            "20",
        ],
    );
    assert!(out.contains("level 1: 2 calls, every 20 min"), "{out}");
    run(
        db,
        "en",
        &["ladder", "set", "--level", "4", "--retries", "2"],
    )
    .fails_with(2);
    run(db, "en", &["ladder", "set", "--level", "1"]).fails_with(2);
    run(db, "en", &["ladder", "set", "--level", "1", "--every", "0"]).fails_with(1);

    // 钱福生 (level 1) is not reached: call, call, then his daughter.
    ok(db, &["checkin", "钱福生", "no-answer", "--time", "09:00"]);
    ok(db, &["checkin", "钱福生", "no-answer", "--time", "09:20"]);
    let roll = roll_json(db);
    let qian = &elder(&roll, "钱福生")["ladder"];
    assert_eq!(qian["step"], "contact");
    assert_eq!(qian["contact"]["index"], 1);
    assert_eq!(qian["contact"]["relation"], "女儿");

    // A contact that does not exist, or a contact with another method: refused.
    run(
        db,
        "en",
        &["checkin", "钱福生", "no-answer", "--contact", "9"],
    )
    .fails_with(1);
    run(
        db,
        "en",
        &[
            "checkin",
            "钱福生",
            "ok",
            "--contact",
            "1",
            "--method",
            "phone",
        ],
    )
    .fails_with(2);

    ok(
        db,
        &[
            "checkin",
            "钱福生",
            "no-answer",
            "--contact",
            "1",
            "--time",
            "09:25",
        ],
    );
    ok(
        db,
        &[
            "checkin",
            "钱福生",
            "no-answer",
            "--contact",
            "2",
            "--time",
            "09:30",
        ],
    );
    let roll = roll_json(db);
    assert_eq!(elder(&roll, "钱福生")["ladder"]["step"], "knock");
    let text = ok(db, &["roll"]);
    assert!(text.contains("钱福生: knock on the door"), "{text}");

    // The knock fails: the case opens with the step, and the roll shows its number.
    let out = ok(
        db,
        &[
            "checkin",
            "钱福生",
            "no-answer",
            "--method",
            "visit",
            "--time",
            "09:35",
        ],
    );
    assert!(out.contains("this step opened case #"), "{out}");
    let number = out.rsplit('#').next().expect("a number").trim().to_owned();
    let roll = roll_json(db);
    assert_eq!(
        elder(&roll, "钱福生")["ladder"]["case"],
        format!("#{number}")
    );
    let again = ok(db, &["checkin", "钱福生", "no-answer", "--method", "visit"]);
    assert!(!again.contains("opened case"), "one case: {again}");
    let cases: serde_json::Value =
        serde_json::from_str(&ok(db, &["case", "list", "--json"])).expect("json");
    let his = cases
        .as_array()
        .expect("a list")
        .iter()
        .filter(|c| c["title"].as_str().is_some_and(|t| t.contains("钱福生")))
        .count();
    assert_eq!(his, 1, "one case: {cases}");
    let case = ok(db, &["case", "show", &number]);
    assert!(case.contains("09:25"), "the note lists the steps: {case}");

    // The summary lists him by his step.
    let summary = ok(db, &["summary"]);
    assert!(
        summary.contains(&format!("钱福生 (G3 新桥网格): case #{number} opened")),
        "{summary}"
    );
}
