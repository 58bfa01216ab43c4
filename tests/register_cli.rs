//! The register from the shell, end to end on a demo database with the clock fixed on the
//! demo's day: household file steps and their refusals, public notices that leak nothing and
//! are shown again exactly as published, the fund's arithmetic and statement, pledges due, and
//! `--json` keys that do not change with the language.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{TempDb, ok, run};
use serde_json::Value;

fn json(db: &Path, args: &[&str]) -> Value {
    let out = ok(db, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} is JSON ({e}): {out}"))
}

fn status(db: &Path, household: &str) -> Value {
    json(db, &["household", "show", household, "--json"])["status"].clone()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("an object").keys().cloned().collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

fn balance(db: &Path) -> i64 {
    json(db, &["fund", "list", "--json"])["balance_fen"]
        .as_i64()
        .expect("balance_fen")
}

#[test]
fn a_step_moves_the_file_one_status_forward_and_refusals_exit_1() {
    let t = TempDb::demo();
    let registered = json(
        &t.db,
        &["household", "list", "--status", "registered", "--json"],
    );
    let id = registered[0]["id"]
        .as_u64()
        .expect("a registered household")
        .to_string();

    let out = ok(&t.db, &["household", "step", &id, "--note", "材料齐全"]);
    assert!(out.contains(&format!("#{id}")), "{out}");
    assert_eq!(status(&t.db, &id), "reviewed");
    let file = json(&t.db, &["household", "show", &id, "--json"]);
    let last = file["household"]["file"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["by"], common::OPERATOR);
    assert_eq!(last["date"], common::TODAY);
    assert_eq!(last["note"], "材料齐全");

    // Claimed comes from a pledge, not from a plain step: refused, nothing written.
    let published = json(
        &t.db,
        &["household", "list", "--status", "published", "--json"],
    );
    let p = published[0]["id"].as_u64().unwrap().to_string();
    let r = run(&t.db, "en", &["household", "step", &p]);
    assert!(r.fails_with(1).contains("pledge"), "{}", r.stderr);
    assert_eq!(status(&t.db, &p), "published");
    // Skipping a step is refused too.
    let r = run(
        &t.db,
        "zh",
        &["household", "step", &id, "--to", "published"],
    );
    r.fails_with(1);
    assert_eq!(status(&t.db, &id), "reviewed");
    // A status that does not exist is a usage error; so is an unknown household a plain error.
    run(&t.db, "en", &["household", "step", &id, "--to", "approved"]).fails_with(2);
    run(&t.db, "en", &["household", "step", "999"]).fails_with(1);
}

#[test]
fn a_reopen_goes_back_only_with_a_reason() {
    let t = TempDb::demo();
    let closed = json(
        &t.db,
        &["household", "list", "--status", "closed", "--json"],
    );
    let id = closed[0]["id"].as_u64().unwrap().to_string();
    let r = run(
        &t.db,
        "en",
        &[
            "household",
            "reopen",
            &id,
            "--to",
            "tracking",
            "--reason",
            " ",
        ],
    );
    r.fails_with(1);
    assert_eq!(status(&t.db, &id), "closed");
    ok(
        &t.db,
        &[
            "household",
            "reopen",
            &id,
            "--to",
            "tracking",
            "--reason",
            "家庭又遇困难",
        ],
    );
    assert_eq!(status(&t.db, &id), "tracking");
    let shown = ok(&t.db, &["household", "show", &id]);
    assert!(shown.contains("↩ reopened tracking"), "{shown}");
}

#[test]
fn a_notice_preview_masks_names_and_shows_no_phone_or_id_number() {
    let t = TempDb::demo();
    let reviewed = json(
        &t.db,
        &["household", "list", "--status", "reviewed", "--json"],
    );
    let id = reviewed[0]["id"].as_u64().unwrap().to_string();
    let file = json(&t.db, &["household", "show", &id, "--json"]);
    let members = file["members"].as_array().expect("members");
    assert!(!members.is_empty());

    let preview = ok(&t.db, &["household", "notice", &id]);
    let head = members[0]["name"].as_str().unwrap();
    let masked = qiaomen_core::text::mask_name(head);
    assert!(preview.contains(&format!("{masked}户")), "{preview}");
    for m in members {
        let name = m["name"].as_str().unwrap();
        assert!(!preview.contains(name), "{name} appears in full: {preview}");
        for secret in [&m["phone"], &m["id_number"]] {
            if let Some(s) = secret.as_str().filter(|s| !s.is_empty()) {
                assert!(!preview.contains(s), "{s} leaks: {preview}");
            }
        }
    }
    // A preview publishes nothing.
    assert_eq!(status(&t.db, &id), "reviewed");
    run(&t.db, "en", &["household", "notice", "--show", "1"]).fails_with(1);
}

#[test]
fn a_published_notice_is_shown_again_exactly_as_published() {
    let t = TempDb::demo();
    let reviewed = json(
        &t.db,
        &["household", "list", "--status", "reviewed", "--json"],
    );
    let ids: Vec<String> = reviewed
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_u64().unwrap().to_string())
        .collect();
    assert!(ids.len() >= 2, "the demo has reviewed households: {ids:?}");

    let mut args = vec!["household", "notice", "--period", "5", "--publish"];
    args.extend(ids.iter().map(String::as_str));
    let published = ok(&t.db, &args);
    let shown = ok(&t.db, &["household", "notice", "--show", "1"]);
    assert_eq!(published, shown);
    let stored = json(&t.db, &["household", "notice", "--show", "#1", "--json"]);
    assert_eq!(stored["text"].as_str().unwrap(), published);
    assert_eq!(stored["period_days"], 5);
    assert_eq!(stored["last_day"], "2026-12-04");
    // The Chinese and English outputs print the same stored bytes.
    assert_eq!(
        run(&t.db, "zh", &["household", "notice", "--show", "1"]).stdout,
        shown
    );

    for id in &ids {
        assert_eq!(status(&t.db, id), "noticed");
        let card = ok(&t.db, &["household", "show", id]);
        assert!(
            card.contains("Notice #1: 2026-11-30 to 2026-12-04"),
            "{card}"
        );
    }
    // Listed again, a noticed household is refused.
    let r = run(&t.db, "en", &["household", "notice", &ids[0], "--publish"]);
    assert!(r.fails_with(1).contains("not reviewed"), "{}", r.stderr);
    let r = run(
        &t.db,
        "en",
        &["household", "notice", "--reviewed", "--publish"],
    );
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("No reviewed households"), "{}", r.stdout);
}

#[test]
fn fund_entries_in_yuan_keep_the_balance_and_the_statement_adds_up() {
    let t = TempDb::demo();
    let before = balance(&t.db);
    assert_eq!(before, 2_120_000, "the demo fund holds 21,200.00 yuan");

    let out = ok(
        &t.db,
        &[
            "fund",
            "add",
            "in",
            "--amount",
            "12,345.67",
            "--partner",
            "1",
        ],
    );
    assert!(
        out.contains("12,345.67") && out.contains("33,545.67"),
        "{out}"
    );
    ok(
        &t.db,
        &[
            "fund",
            "add",
            "out",
            "--amount",
            "500",
            "--household",
            "2",
            "--need",
            "medical",
        ],
    );
    assert_eq!(balance(&t.db), before + 1_234_567 - 50_000);

    // More than the fund holds is refused; a malformed amount is a usage error.
    run(
        &t.db,
        "en",
        &["fund", "add", "out", "--amount", "1,000,000"],
    )
    .fails_with(1);
    run(&t.db, "en", &["fund", "add", "in", "--amount", "12.345"]).fails_with(2);
    run(&t.db, "en", &["fund", "add", "sideways", "--amount", "5"]).fails_with(2);
    assert_eq!(balance(&t.db), before + 1_234_567 - 50_000);

    let s = json(
        &t.db,
        &[
            "fund",
            "statement",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--json",
        ],
    );
    let fen = |k: &str| s[k].as_i64().unwrap_or_else(|| panic!("{k}"));
    assert_eq!(fen("opening_fen"), 2_030_000);
    // November: a gift of 1,200.00 and a 300.00 repair in the demo, then the two entries above.
    assert_eq!(fen("income_fen"), 120_000 + 1_234_567);
    assert_eq!(fen("spending_fen"), 30_000 + 50_000);
    assert_eq!(
        fen("closing_fen"),
        fen("opening_fen") + fen("income_fen") - fen("spending_fen")
    );
    assert_eq!(fen("closing_fen"), balance(&t.db));

    let text = ok(
        &t.db,
        &[
            "fund",
            "statement",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
        ],
    );
    assert!(text.contains("期初余额：20,300.00 元"), "{text}");
    assert!(text.contains("本期收入：13,545.67 元"), "{text}");
    assert!(text.contains("期末余额：33,045.67 元"), "{text}");
    // The household is named masked, as in any public notice.
    assert!(
        !text.contains("高建军") && text.contains("高*军户"),
        "{text}"
    );
}

#[test]
fn pledges_due_are_what_fell_due_and_was_not_delivered() {
    let t = TempDb::demo();
    let due = json(&t.db, &["pledge", "due", "--json"]);
    let medicine = due
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["pledge"] == 2)
        .expect("pledge 2 (500 yuan a month) is due");
    assert_eq!(medicine["amount_fen"], 50_000);
    assert_eq!(medicine["since"], "2026-11-26");
    // The day before the instalment, nothing was due on it.
    let earlier = json(&t.db, &["pledge", "due", "--date", "2026-11-25", "--json"]);
    assert!(earlier.as_array().unwrap().iter().all(|d| d["pledge"] != 2));

    let out = ok(
        &t.db,
        &[
            "pledge",
            "deliver",
            "2",
            "--amount",
            "500",
            "--reference",
            "YF-11B",
        ],
    );
    assert!(out.contains("#2"), "{out}");
    let after = json(&t.db, &["pledge", "due", "--json"]);
    assert!(after.as_array().unwrap().iter().all(|d| d["pledge"] != 2));
    // A delivery needs its reference.
    run(
        &t.db,
        "en",
        &[
            "pledge",
            "deliver",
            "4",
            "--amount",
            "100",
            "--reference",
            "",
        ],
    )
    .fails_with(1);
}

#[test]
fn a_claim_of_a_published_household_moves_it_to_claimed() {
    let t = TempDb::demo();
    let published = json(
        &t.db,
        &["household", "list", "--status", "published", "--json"],
    );
    let id = published[0]["id"].as_u64().unwrap().to_string();
    let out = ok(
        &t.db,
        &[
            "pledge",
            "claim",
            "--partner",
            "芙岭银行",
            "--household",
            &id,
            "--amount",
            "300",
            "--period",
            "month",
            "--until",
            "2027-06-30",
            "--need",
            "medical",
        ],
    );
    assert!(out.contains("芙岭银行桂花岭支行"), "{out}");
    assert_eq!(status(&t.db, &id), "claimed");
    let pledges = json(&t.db, &["pledge", "list", "--household", &id, "--json"]);
    let p = &pledges[0];
    assert_eq!(p["what"]["money"]["amount_fen"], 30_000);
    assert_eq!(p["status"], "active");
    let list = json(&t.db, &["household", "list", "--json"]);
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"].as_u64() == id.parse().ok())
        .unwrap();
    assert_eq!(row["claimed_by"][0], "芙岭银行桂花岭支行");
    // Neither an item nor an amount: clap's usage error, which names --item.
    let r = run(
        &t.db,
        "en",
        &["pledge", "claim", "--partner", "1", "--household", &id],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--item"), "{}", r.stderr);
}

#[test]
fn json_keys_are_english_and_the_same_in_both_languages() {
    let t = TempDb::demo();
    for args in [
        &["household", "list", "--json"][..],
        &["household", "show", "17", "--json"],
        &["partner", "list", "--json"],
        &["pledge", "due", "--json"],
        &["fund", "warnings", "--json"],
        &["fund", "statement", "--json"],
        &["visit", "list", "--json"],
        &["meeting", "list", "--open", "--json"],
    ] {
        let zh = run(&t.db, "zh", args);
        assert_eq!(zh.code, 0, "{args:?}: {}", zh.stderr);
        assert_eq!(zh.stdout, ok(&t.db, args), "{args:?} differs by language");
    }
    let households = json(&t.db, &["household", "list", "--json"]);
    assert_eq!(
        keys(&households[0]),
        set(&[
            "id",
            "grid",
            "address",
            "head",
            "members",
            "categories",
            "needs",
            "status",
            "next",
            "claimed_by"
        ])
    );
    let file = json(&t.db, &["household", "show", "17", "--json"]);
    assert_eq!(
        keys(&file),
        set(&[
            "household",
            "status",
            "next",
            "members",
            "pledges",
            "partners",
            "fund",
            "visits",
            "notices",
            "goods"
        ])
    );
    let partners = json(&t.db, &["partner", "list", "--json"]);
    assert!(keys(&partners[0]).is_superset(&set(&[
        "partner",
        "name",
        "kind",
        "agreement_signed",
        "households",
        "delivered_fen",
        "fund_in_fen"
    ])));
    let warnings = json(&t.db, &["fund", "warnings", "--json"]);
    let w = warnings.as_array().expect("warnings");
    assert!(
        !w.is_empty(),
        "the demo has a household helped twice for one need"
    );
    assert_eq!(keys(&w[0]), set(&["household", "need", "sources"]));
    let entries = json(&t.db, &["fund", "list", "--json"]);
    assert!(keys(&entries["entries"][0]).contains("balance_fen"));
}

#[test]
fn visits_and_meeting_decisions_are_recorded() {
    let t = TempDb::demo();
    let out = ok(
        &t.db,
        &["visit", "add", "17", "--findings", "父子身体状况稳定"],
    );
    assert!(out.contains("#17"), "{out}");
    let visits = json(&t.db, &["visit", "list", "--household", "17", "--json"]);
    assert_eq!(visits[0]["findings"], "父子身体状况稳定");
    assert_eq!(visits[0]["by"], common::OPERATOR);
    assert_eq!(visits[0]["date"], common::TODAY);

    ok(
        &t.db,
        &[
            "meeting",
            "add",
            "--kind",
            "consultation",
            "--title",
            "楼道照明协商",
            "--attendee",
            "物业",
            "--decision",
            "更换楼道灯|周建华|2026-12-15",
        ],
    );
    let meetings = json(&t.db, &["meeting", "list", "--json"]);
    let m = &meetings[0];
    assert_eq!(m["title"], "楼道照明协商");
    let id = m["id"].to_string();
    ok(&t.db, &["meeting", "done", &id, "1"]);
    let shown = json(&t.db, &["meeting", "show", &id, "--json"]);
    assert_eq!(shown["decisions"][0]["done"], common::TODAY);
    // Done twice, or a decision that does not exist, is refused.
    run(&t.db, "en", &["meeting", "done", &id, "1"]).fails_with(1);
    run(&t.db, "en", &["meeting", "done", &id, "2"]).fails_with(1);
    run(
        &t.db,
        "en",
        &[
            "meeting",
            "add",
            "--kind",
            "consultation",
            "--title",
            "x",
            "--decision",
            "no owner",
        ],
    )
    .fails_with(2);
}

/// The list's heads come from the kept index, not from reading the residents: each is the
/// name of the household's first member as its file shows it, and `check` finds the index
/// whole after the demo's import and a file step.
#[test]
fn the_household_list_names_each_head_as_the_file_does() {
    let t = TempDb::demo();
    let registered = json(
        &t.db,
        &["household", "list", "--status", "registered", "--json"],
    );
    let id = registered[0]["id"]
        .as_u64()
        .expect("a household")
        .to_string();
    ok(&t.db, &["household", "step", &id, "--note", "材料齐全"]);
    let list = json(&t.db, &["household", "list", "--json"]);
    let rows = list.as_array().expect("rows");
    assert!(rows.len() > 5, "the demo has households");
    for row in rows.iter().take(12) {
        let id = row["id"].as_u64().expect("id").to_string();
        let file = json(&t.db, &["household", "show", &id, "--json"]);
        let head = &file["members"][0]["name"];
        if head.is_null() {
            assert!(row["head"].is_null(), "household {id}: {row}");
        } else {
            assert_eq!(&row["head"], head, "household {id}");
        }
    }
    let check = common::run(&t.db, "en", &["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}
