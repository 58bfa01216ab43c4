//! Partners' activities, goods and agreement duties from the shell (issue 16 point 3), end to
//! end on a demo database with the clock on the demo's day: add and list, `--json` keys that do
//! not change with the language, bad input (exit 2 for a malformed value, 1 for a refusal, with
//! nothing written), goods kept out of the fund's balance, duties done and overdue.

mod common;

use std::path::Path;

use common::{TempDb, ok, run};
use serde_json::Value;

fn json(db: &Path, args: &[&str]) -> Value {
    let out = ok(db, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} is JSON ({e}): {out}"))
}

fn count(db: &Path, what: &str) -> u64 {
    json(db, &[what, "list", "--json"])["count"]
        .as_u64()
        .expect("count")
}

#[test]
fn activities_are_added_listed_and_refused_in_both_languages() {
    let t = TempDb::demo();
    let db = &t.db;
    let all = json(db, &["activity", "list", "--json"]);
    assert_eq!(all["count"], 7);
    assert_eq!(all["people_reached"], 130);
    let first = &all["activities"][0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["date", "grid", "id", "kind", "note", "partner", "people"]
    );
    assert_eq!(first["date"], "2026-11-27", "newest first");

    let out = ok(
        db,
        &[
            "activity",
            "add",
            "--partner",
            "芙岭银行",
            "--kind",
            "lecture",
            "--date",
            "11-29",
            "--people",
            "30",
            "--grid",
            "G2",
            "--note",
            "养老金融讲座",
        ],
    );
    assert!(
        out.contains("Recorded activity #8: 芙岭银行桂花岭支行 lecture (2026-11-29)"),
        "{out}"
    );
    let lectures = json(db, &["activity", "list", "--kind", "lecture", "--json"]);
    assert_eq!(lectures["count"], 2);
    assert_eq!(lectures["activities"][0]["grid"], 2);
    let zh = run(db, "zh", &["activity", "list", "--partner", "芙岭银行"]);
    assert_eq!(zh.code, 0, "{zh:?}");
    assert!(
        zh.stdout.contains("讲座") && zh.stdout.contains("养老金融讲座"),
        "{}",
        zh.stdout
    );
    assert!(
        zh.stdout.contains("共 2 场活动，惠及 75 人次"),
        "{}",
        zh.stdout
    );
    let november = json(
        db,
        &[
            "activity",
            "list",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--json",
        ],
    );
    assert_eq!(november["count"], 7);

    // A kind that does not exist: usage (2). A day not come, an unknown partner: refused (1),
    // in the user's language; nothing written.
    run(
        db,
        "en",
        &[
            "activity",
            "add",
            "--partner",
            "10",
            "--kind",
            "party",
            "--date",
            "11-29",
        ],
    )
    .fails_with(2);
    let r = run(
        db,
        "zh",
        &[
            "activity",
            "add",
            "--partner",
            "岭东医院",
            "--kind",
            "health_check",
            "--date",
            "2026-12-01",
        ],
    );
    assert!(r.fails_with(1).contains("还没到"), "{}", r.stderr);
    let r = run(
        db,
        "en",
        &[
            "activity",
            "add",
            "--partner",
            "没有这家",
            "--kind",
            "other",
            "--date",
            "11-29",
        ],
    );
    r.fails_with(1);
    let r = run(
        db,
        "en",
        &[
            "activity",
            "add",
            "--partner",
            "10",
            "--kind",
            "other",
            "--date",
            "11-29",
            "--people",
            "100001",
        ],
    );
    assert!(
        r.fails_with(1).contains("at most 100000 people"),
        "{}",
        r.stderr
    );
    assert_eq!(count(db, "activity"), 8);
}

#[test]
fn goods_are_listed_with_their_value_and_never_change_the_fund_balance() {
    let t = TempDb::demo();
    let db = &t.db;
    let balance = |db: &Path| json(db, &["fund", "list", "--json"])["balance_fen"].clone();
    let before = balance(db);
    let goods = json(db, &["goods", "list", "--json"]);
    assert_eq!(
        (goods["count"].clone(), goods["value_fen"].clone()),
        (3.into(), 310_000.into())
    );
    let out = ok(
        db,
        &[
            "goods",
            "add",
            "--partner",
            "知行书店",
            "--what",
            "文具",
            "--quantity",
            "30",
            "--unit",
            "套",
            "--value",
            "450",
            "--household",
            "5",
        ],
    );
    assert!(out.contains("worth 450.00 yuan (not in the fund)"), "{out}");
    assert_eq!(balance(db), before, "goods are not money");
    // The household's file shows what it was given.
    let file = json(db, &["household", "show", "5", "--json"]);
    assert_eq!(file["goods"].as_array().unwrap().len(), 2);
    let card = run(db, "zh", &["household", "show", "5"]);
    assert!(
        card.stdout
            .contains("知行书店 · 2026-11-30 文具 30套，价值 450.00 元"),
        "{}",
        card.stdout
    );
    let fund = json(db, &["fund", "list", "--json"]);
    assert_eq!(
        (fund["goods"].clone(), fund["goods_value_fen"].clone()),
        (4.into(), 355_000.into())
    );
    let statement = json(db, &["fund", "statement", "--json"]);
    assert_eq!(statement["goods_value_fen"], 355_000);
    assert_eq!(statement["goods"].as_array().unwrap().len(), 4);
    let text = run(db, "zh", &["fund", "statement"]);
    assert!(
        text.stdout
            .contains("物资（不计入基金余额）：共 4 批，价值 3,550.00 元"),
        "{}",
        text.stdout
    );
    let zh = run(db, "zh", &["goods", "list"]);
    assert!(
        zh.stdout.contains("物资 4 批，价值 3,550.00 元"),
        "{}",
        zh.stdout
    );

    let r = run(
        db,
        "zh",
        &[
            "goods",
            "add",
            "--partner",
            "知行书店",
            "--what",
            "文具",
            "--quantity",
            "0",
            "--value",
            "1",
        ],
    );
    assert!(r.fails_with(1).contains("物资数量须大于 0"), "{}", r.stderr);
    run(
        db,
        "en",
        &[
            "goods",
            "add",
            "--partner",
            "知行书店",
            "--what",
            "文具",
            "--quantity",
            "1",
            "--value",
            "abc",
        ],
    )
    .fails_with(2);
    assert_eq!(count(db, "goods"), 4);
}

#[test]
fn duties_are_added_done_and_listed_overdue() {
    let t = TempDb::demo();
    let db = &t.db;
    let duties = json(db, &["partner", "duty", "list", "岭东医院", "--json"]);
    let states: Vec<(u64, &str)> = duties["duties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_u64().unwrap(), d["state"].as_str().unwrap()))
        .collect();
    assert_eq!(
        states,
        [(1, "open"), (2, "open"), (3, "done"), (4, "overdue")]
    );
    assert_eq!(duties["duties"][0]["next_due"], "2026-12-05");
    let overdue = json(db, &["partner", "duty", "list", "--overdue", "--json"]);
    assert_eq!(overdue["duties"].as_array().unwrap().len(), 1);
    let zh = run(db, "zh", &["partner", "duty", "list", "--overdue"]);
    assert!(
        zh.stdout.contains("逾期（应于 2026-11-20）"),
        "{}",
        zh.stdout
    );

    let out = ok(
        db,
        &[
            "partner",
            "duty",
            "add",
            "芙岭银行",
            "--side",
            "partner",
            "--what",
            "每季度一次金融知识讲座",
            "--due",
            "2026-12-31",
            "--every",
            "quarter",
        ],
    );
    assert!(out.contains("Added agreement duty #6"), "{out}");
    let out = ok(db, &["partner", "duty", "done", "4", "--date", "11-28"]);
    assert!(
        out.contains("Duty #4 recorded as done on 2026-11-28"),
        "{out}"
    );
    let r = run(db, "zh", &["partner", "duty", "done", "4"]);
    assert!(
        r.fails_with(1)
            .contains("这项一次性责任已于 2026-11-28 完成"),
        "{}",
        r.stderr
    );
    run(db, "en", &["partner", "duty", "done", "x"]).fails_with(2);
    run(
        db,
        "en",
        &[
            "partner", "duty", "add", "10", "--side", "both", "--what", "x",
        ],
    )
    .fails_with(2);
    let none = json(db, &["partner", "duty", "list", "--overdue", "--json"]);
    assert!(none["duties"].as_array().unwrap().is_empty());

    // The partner card shows the duties, activities and goods; its JSON holds them.
    let card = run(db, "zh", &["partner", "show", "岭东医院"]);
    for text in [
        "协议责任：",
        "已于 2026-11-28 完成",
        "共建活动：",
        "健康体检 18 人次",
    ] {
        assert!(card.stdout.contains(text), "{text}: {}", card.stdout);
    }
    let v = json(db, &["partner", "show", "10", "--json"]);
    assert_eq!(v["duties"].as_array().unwrap().len(), 4);
    assert_eq!(v["activities"].as_array().unwrap().len(), 2);
    // The audit names what was done.
    let log = ok(db, &["log", "--json"]);
    assert!(log.contains("duty.done #4 2026-11-28"), "{log}");
}
