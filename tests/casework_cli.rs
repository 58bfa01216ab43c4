//! Issue 16 (helper `cases`) from the shell, on the demo: organisations, hand-overs between
//! levels, parties from the register, a petition's pairing, contacts and statement, in both
//! languages and as JSON, each refusal one sentence with its exit code.

mod common;

use common::{TempDb, ok, run};

#[test]
fn organisations_are_added_listed_and_shown_with_their_cases() {
    let t = TempDb::demo();
    let list = ok(&t.db, &["org", "list"]);
    assert!(
        list.contains("顺和物业服务中心") && list.contains("property company"),
        "{list}"
    );
    let zh = run(&t.db, "zh", &["org", "show", "顺和物业"]);
    assert_eq!(zh.code, 0, "{zh:?}");
    assert!(
        zh.stdout.contains("#1 顺和物业服务中心 · 物业公司"),
        "{}",
        zh.stdout
    );
    assert!(zh.stdout.contains("邱建平 073185216630"), "{}", zh.stdout);
    // The wall dispute and the charging request name it.
    assert!(
        zh.stdout.contains("#1 新桥地块A栋施工围墙越过红线一砖纠纷"),
        "{}",
        zh.stdout
    );
    assert!(
        zh.stdout.contains("#9 顺和小区电动车飞线充电"),
        "{}",
        zh.stdout
    );
    let out = ok(
        &t.db,
        &[
            "org",
            "add",
            "--name",
            "湘江律师事务所",
            "--kind",
            "law_firm",
            "--contact",
            "符志远:139 0000 1111",
        ],
    );
    assert_eq!(out.trim(), "Saved organisation #3 \"湘江律师事务所\"");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&t.db, &["org", "show", "3", "--json"])).expect("json");
    assert_eq!(json["org"]["kind"], "law_firm");
    assert_eq!(json["org"]["contacts"][0]["phone"], "13900001111");
    assert_eq!(json["cases"].as_array().map(Vec::len), Some(0));
    // A wrong kind is a usage error in one sentence.
    run(
        &t.db,
        "en",
        &["org", "add", "--name", "x", "--kind", "bank"],
    )
    .fails_with(2);
    // A party chosen from the register by name, shown by name and kind.
    ok(&t.db, &["case", "party", "4", "--org", "湘江律师"]);
    ok(&t.db, &["case", "party", "4", "--resident", "梅秀英"]);
    let show = run(&t.db, "zh", &["case", "show", "4"]);
    assert!(
        show.stdout
            .contains("当事单位：湘江律师事务所（律师事务所）"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("新增当事人：梅秀英"),
        "{}",
        show.stdout
    );
    let twice = run(&t.db, "zh", &["case", "party", "4", "--org", "3"]);
    assert_eq!(
        twice.fails_with(1),
        "qiaomen: 湘江律师事务所 已是案件 #4 的当事人。"
    );
    // Opened with organisations in one go.
    let out = ok(
        &t.db,
        &[
            "case",
            "open",
            "--kind",
            "dispute",
            "--title",
            "物业费纠纷",
            "--grid",
            "G1",
            "--org",
            "顺和物业服务中心",
            "--org",
            "2",
            "--resident",
            "梅秀英",
        ],
    );
    assert!(out.contains("#15"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&t.db, &["case", "show", "15", "--json"])).expect("json");
    assert_eq!(json["orgs"], serde_json::json!([1, 2]));
    assert_eq!(json["level"], "grid");
    // A meeting's attendee from the register.
    let out = ok(&t.db, &["org", "attend", "1", "--org", "3"]);
    assert_eq!(out.trim(), "Added \"湘江律师事务所\" to meeting #1");
}

#[test]
fn a_case_is_handed_up_and_back_and_the_list_filters_by_level() {
    let t = TempDb::demo();
    let out = ok(
        &t.db,
        &[
            "case",
            "escalate",
            "4",
            "--to",
            "community",
            "--reason",
            "渗漏责任需社区协调",
        ],
    );
    assert_eq!(out.trim(), "Case #4 handed over to the community");
    let list = ok(&t.db, &["case", "list", "--level", "community"]);
    assert!(list.contains("#4") && list.contains("#12"), "{list}");
    assert!(!list.contains("#5 "), "{list}");
    let again = run(
        &t.db,
        "zh",
        &[
            "case",
            "escalate",
            "4",
            "--to",
            "community",
            "--reason",
            "再报",
        ],
    );
    assert_eq!(
        again.fails_with(1),
        "qiaomen: 案件 #4 已在社区层级，不能上交到社区。"
    );
    let zh = run(
        &t.db,
        "zh",
        &["case", "return", "4", "--reason", "物业已查明漏点"],
    );
    assert_eq!(zh.stdout.trim(), "案件 #4 已交回网格");
    let show = run(&t.db, "zh", &["case", "show", "4"]);
    assert!(
        show.stdout.contains("由社区交回网格：物业已查明漏点"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout.contains("由网格上交社区：渗漏责任需社区协调"),
        "{}",
        show.stdout
    );
    let en = run(&t.db, "en", &["case", "return", "4"]);
    assert_eq!(
        en.fails_with(1),
        "qiaomen: Case #4 is held by its grid: there is no level below to return it to."
    );
    run(
        &t.db,
        "en",
        &["case", "escalate", "4", "--to", "county", "--reason", "x"],
    )
    .fails_with(2);
    let empty = run(
        &t.db,
        "zh",
        &[
            "case",
            "escalate",
            "5",
            "--to",
            "community",
            "--reason",
            " ",
        ],
    );
    assert_eq!(empty.fails_with(1), "qiaomen: 移交案件 #5 需要写明理由。");
    // The status escalated is no longer set by hand.
    let status = run(
        &t.db,
        "en",
        &["case", "status", "4", "escalated", "--reason", "x"],
    );
    assert_eq!(
        status.fails_with(1),
        "qiaomen: Case #4 cannot be set to escalated by hand: hand it over with case escalate."
    );
    // The summary counts the cases settled at each level.
    let text = run(&t.db, "zh", &["summary", "--date", "2026-11-30"]);
    assert!(
        text.stdout
            .contains("化解案件 9 件：网格 8 件（89%），社区 1 件（11%），街道 0 件"),
        "{}",
        text.stdout
    );
    let md = ok(
        &t.db,
        &["summary", "--date", "2026-11-30", "--format", "md"],
    );
    assert!(
        md.contains("Cases settled: 9; grid 8 (89%), community 1 (11%), subdistrict 0"),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &t.db,
        &["summary", "--date", "2026-11-30", "--format", "json"],
    ))
    .expect("json");
    assert_eq!(
        json["period"]["settled_by_level"],
        serde_json::json!({"grid": 8, "community": 1, "subdistrict": 0})
    );
}

#[test]
fn a_petition_is_settled_only_after_the_petitioners_statement() {
    let t = TempDb::demo();
    // #3, the housing-certificate petition of G6, is open.
    ok(
        &t.db,
        &[
            "case",
            "status",
            "3",
            "resolved",
            "--reason",
            "产权证已办理",
        ],
    );
    let refused = run(
        &t.db,
        "zh",
        &[
            "case",
            "status",
            "3",
            "closed",
            "--reason",
            "案结事了",
            "--closure",
            "settled",
        ],
    );
    assert_eq!(
        refused.fails_with(1),
        "qiaomen: 信访案件 #3 尚未记录信访人的表态及日期，不能以“案结事了”结案（先用 case statement 记录）。"
    );
    let en = run(
        &t.db,
        "en",
        &[
            "case",
            "status",
            "3",
            "closed",
            "--reason",
            "settled",
            "--closure",
            "settled",
        ],
    );
    assert!(
        en.fails_with(1).contains("petitioner's statement"),
        "{en:?}"
    );
    let future = run(
        &t.db,
        "en",
        &[
            "case",
            "statement",
            "3",
            "--date",
            "2026-12-05",
            "--text",
            "满意",
        ],
    );
    future.fails_with(1);
    ok(
        &t.db,
        &[
            "case",
            "contact",
            "3",
            "--how",
            "accompany",
            "--note",
            "陪同到区住建局",
            "--date",
            "11-28",
        ],
    );
    ok(
        &t.db,
        &[
            "case",
            "statement",
            "3",
            "--date",
            "2026-11-29",
            "--text",
            "贾志军代表居民表示问题已解决",
        ],
    );
    ok(
        &t.db,
        &[
            "case",
            "status",
            "3",
            "closed",
            "--reason",
            "案结事了",
            "--closure",
            "settled",
        ],
    );
    let show = run(&t.db, "zh", &["case", "show", "3"]);
    assert!(show.stdout.contains("结对帮扶：邹海燕"), "{}", show.stdout);
    assert!(show.stdout.contains("联系记录 2 次"), "{}", show.stdout);
    assert!(
        show.stdout
            .contains("信访人表态：2026-11-29 贾志军代表居民表示问题已解决"),
        "{}",
        show.stdout
    );
    assert!(
        show.stdout
            .contains("联系（2026-11-28，测试员，陪访接待）：陪同到区住建局"),
        "{}",
        show.stdout
    );
    // The demolition petition has run fourteen years.
    let long = run(&t.db, "en", &["case", "show", "2"]);
    assert!(
        long.stdout.contains("Petition running 14 years"),
        "{}",
        long.stdout
    );
    assert!(
        long.stdout.contains("Paired steward: 李志刚"),
        "{}",
        long.stdout
    );
    // Pairing is a petition's; a contact needs a known way.
    let pair = run(&t.db, "en", &["case", "pair", "4", "--steward", "吴丽"]);
    assert!(pair.fails_with(1).contains("is not a petition"), "{pair:?}");
    run(
        &t.db,
        "en",
        &["case", "contact", "2", "--how", "fax", "--note", "x"],
    )
    .fails_with(2);
    let early = run(
        &t.db,
        "zh",
        &[
            "case",
            "contact",
            "3",
            "--how",
            "phone",
            "--note",
            "电话",
            "--date",
            "2026-09-01",
        ],
    );
    assert_eq!(
        early.fails_with(1),
        "qiaomen: 日期 2026-09-01 早于案件 #3 的立案日期 2026-09-15。"
    );
    // Every step is audited.
    let log = ok(&t.db, &["log", "--since", "2026-11-30"]);
    for what in [
        "case contact #3",
        "case statement #3",
        "case status #3 closed",
    ] {
        assert!(log.contains(what), "{what} in {log}");
    }
}

/// An organisation's name is its own: a second one of the same name is refused in one sentence
/// (a review finding: the README's example added a namesake of the demo's property company,
/// after which `org show` could not tell them apart).
#[test]
fn an_organisation_name_is_taken_once() {
    let t = TempDb::demo();
    let r = run(
        &t.db,
        "zh",
        &[
            "org",
            "add",
            "--name",
            "顺和物业服务中心",
            "--kind",
            "property_company",
        ],
    );
    assert_eq!(r.code, 1, "{r:#?}");
    assert!(
        r.stderr
            .contains("已有名为「顺和物业服务中心」的单位（#1）"),
        "{r:#?}"
    );
    ok(
        &t.db,
        &[
            "org",
            "add",
            "--name",
            "岭东建筑工程有限公司",
            "--kind",
            "builder",
        ],
    );
    ok(
        &t.db,
        &[
            "org",
            "add",
            "--name",
            "岭东建筑工程二公司",
            "--kind",
            "builder",
        ],
    );
    let both = run(&t.db, "zh", &["org", "show", "岭东建筑"]);
    assert_eq!(both.code, 1, "{both:#?}");
    assert!(
        both.stderr.contains("单位") && !both.stderr.contains("orgs"),
        "{both:#?}"
    );
}
