//! The command line end to end: the built binary on temporary databases, as scripts use it
//! (SPEC §4: exit codes 0 success, 1 error with one line on stderr, 2 usage, 3 database in
//! use).

mod common;

use std::fs;

use common::{OPERATOR, TODAY, TempDb, attempts_today, elder, ok, roll_json, run};
use serde_json::Value;

#[test]
fn init_demo_loads_the_community_and_the_roll_adds_up() {
    let t = TempDb::demo();
    let roll = roll_json(&t.db);
    assert_eq!(roll["date"], TODAY);
    let elders = roll["elders"].as_array().expect("elders");
    assert_eq!(elders.len(), 18, "the demo has 18 elders living alone");
    let c = &roll["counts"];
    let n = |k: &str| c[k].as_u64().expect(k);
    assert_eq!(n("total"), 18);
    assert_eq!(n("reached") + n("away") + n("not_reached"), n("total"));
    let with = |pred: &dyn Fn(&Value) -> bool| elders.iter().filter(|e| pred(e)).count() as u64;
    assert_eq!(
        n("reached"),
        with(&|e| ["ok", "unwell", "needs-help"].contains(&e["status"].as_str().unwrap_or("")))
    );
    assert_eq!(n("away"), with(&|e| e["status"] == "away"));
    assert_eq!(n("not_reached"), with(&|e| e["status"] == "not_reached"));
    assert_eq!(n("attention"), with(&|e| !e["attention"].is_null()));
    assert_eq!(n("due"), with(&|e| e["due"] == true));
    // The morning of the story: a few calls made, one elder missed two days running.
    assert!(n("reached") > 0 && n("not_reached") > 0, "{c}");
    let qian = elder(&roll, "钱福生");
    assert_eq!(qian["attention"], "missed_two_days");
    assert_eq!(qian["status"], "not_reached");
    // Attention comes first.
    assert!(!elders[0]["attention"].is_null());
    // A second init refuses to touch a database that holds data.
    let again = run(&t.db, "en", &["init", "--demo"]);
    assert!(again.fails_with(1).contains(&t.db.display().to_string()));
}

#[test]
fn json_output_is_the_same_in_every_language() {
    let t = TempDb::demo();
    let zh = run(&t.db, "zh", &["roll", "--json"]);
    let en = run(&t.db, "en", &["roll", "--json"]);
    assert_eq!(zh.code, 0);
    assert_eq!(zh.stdout, en.stdout);
    let zh = run(&t.db, "zh", &["find", "wxy", "--json"]);
    let en = run(&t.db, "en", &["find", "wxy", "--json"]);
    assert_eq!(zh.stdout, en.stdout);
}

#[test]
fn checkins_by_name_and_by_id_show_in_the_roll() {
    let t = TempDb::demo();
    let before = roll_json(&t.db);
    let zeng = elder(&before, "曾凤仙");
    assert_eq!(zeng["attempts"], 0);
    assert_eq!(zeng["status"], "not_reached");

    let out = ok(
        &t.db,
        &[
            "checkin",
            "曾凤仙",
            "ok",
            "--method",
            "visit",
            "--note",
            "上门看过，精神好",
        ],
    );
    assert!(out.contains("曾凤仙"), "{out}");
    let after = roll_json(&t.db);
    let zeng = elder(&after, "曾凤仙");
    assert_eq!(zeng["status"], "ok");
    assert_eq!(zeng["attempts"], 1);
    let last = &zeng["last_contact"];
    assert_eq!(last["date"], TODAY);
    assert_eq!(last["time"], "09:40");
    assert_eq!(last["method"], "visit");
    assert_eq!(last["by"], OPERATOR);
    assert_eq!(last["note"], "上门看过，精神好");
    assert_eq!(
        after["counts"]["reached"].as_u64(),
        before["counts"]["reached"].as_u64().map(|n| n + 1)
    );
    assert_eq!(attempts_today(&after), attempts_today(&before) + 1);

    // By id; the latest check-in of the day decides, and no answer is never counted as safe.
    let wang = elder(&after, "王秀英");
    assert_eq!(wang["status"], "ok");
    let id = wang["id"].to_string();
    ok(&t.db, &["checkin", &id, "no-answer", "--time", "09:35"]);
    let roll = roll_json(&t.db);
    let wang = elder(&roll, "王秀英");
    assert_eq!(wang["attempts"], 2);
    assert_eq!(wang["status"], "not_reached");
    assert_eq!(wang["last_contact"]["time"], "09:35");
    assert_eq!(wang["last_contact"]["outcome"], "no-answer");
    ok(&t.db, &["checkin", &format!("#{id}"), "unwell"]);
    assert_eq!(elder(&roll_json(&t.db), "王秀英")["status"], "unwell");
}

#[test]
fn an_ambiguous_or_unknown_elder_is_one_line_naming_the_candidates() {
    let t = TempDb::demo();
    let before = attempts_today(&roll_json(&t.db));

    let r = run(&t.db, "en", &["checkin", "秀英", "ok"]);
    let msg = r.fails_with(1);
    assert!(msg.contains("王秀英") && msg.contains("梅秀英"), "{msg}");
    assert!(
        msg.contains("id "),
        "the candidates come with their ids: {msg}"
    );

    let r = run(&t.db, "zh", &["checkin", "秀英", "ok"]);
    let msg = r.fails_with(1);
    assert!(msg.contains("王秀英") && msg.contains("梅秀英"), "{msg}");

    let r = run(&t.db, "en", &["checkin", "无名氏", "ok"]);
    assert!(r.fails_with(1).contains("无名氏"));
    let r = run(&t.db, "en", &["checkin", "999999", "ok"]);
    r.fails_with(1);

    assert_eq!(
        attempts_today(&roll_json(&t.db)),
        before,
        "nothing was written"
    );
}

#[test]
fn bad_values_are_usage_errors() {
    let t = TempDb::demo();
    let before = attempts_today(&roll_json(&t.db));
    let r = run(&t.db, "en", &["checkin", "王秀英", "fine"]);
    assert!(r.fails_with(2).contains("fine"));
    let r = run(
        &t.db,
        "en",
        &["checkin", "王秀英", "ok", "--method", "pigeon"],
    );
    assert!(r.fails_with(2).contains("pigeon"));
    let r = run(&t.db, "en", &["checkin", "王秀英", "ok", "--time", "25:00"]);
    r.fails_with(2);
    let r = run(&t.db, "en", &["roll", "--date", "2026-13-01"]);
    r.fails_with(2);
    // clap's own usage errors use the same code.
    let r = run(&t.db, "en", &["checkin", "王秀英"]);
    assert_eq!(r.code, 2, "{r:#?}");
    let r = run(&t.db, "en", &["no-such-command"]);
    assert_eq!(r.code, 2, "{r:#?}");
    assert_eq!(
        attempts_today(&roll_json(&t.db)),
        before,
        "nothing was written"
    );
}

/// The number of the case an `case open` line announces (`#15`).
fn case_number(out: &str) -> String {
    let at = out.find('#').expect("a case number");
    let digits: String = out[at + 1..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(!digits.is_empty(), "{out}");
    format!("#{digits}")
}

fn case_json(db: &std::path::Path, number: &str) -> Value {
    serde_json::from_str(&ok(db, &["case", "show", number, "--json"])).expect("case JSON")
}

#[test]
fn case_work_from_the_shell_and_a_petition_closes_only_with_a_settlement() {
    let t = TempDb::demo();
    let db = &t.db;
    let out = ok(
        db,
        &[
            "case",
            "open",
            "--kind",
            "petition",
            "--title",
            "测试楼栋拆迁补偿信访",
            "--grid",
            "G1",
            "--party",
            "甲某",
            "--party",
            "街道信访办",
            "--note",
            "初次来访",
        ],
    );
    let n = case_number(&out);
    let c = case_json(db, &n);
    assert_eq!(c["kind"], "petition");
    assert_eq!(c["status"], "open");
    assert_eq!(c["opened"], TODAY);
    assert_eq!(c["parties"], serde_json::json!(["甲某", "街道信访办"]));

    ok(db, &["case", "note", &n, "电话回访，情绪平稳"]);
    ok(
        db,
        &[
            "case",
            "session",
            &n,
            "--participant",
            "甲某",
            "--participant",
            "街道信访办",
            "--outcome",
            "第一次协调：约定补充材料",
        ],
    );
    // The first session starts the mediation.
    assert_eq!(case_json(db, &n)["status"], "mediating");
    let r = run(
        db,
        "en",
        &["case", "status", &n, "mediating", "--reason", "再议"],
    );
    r.fails_with(1);
    ok(
        db,
        &["case", "status", &n, "resolved", "--reason", "补偿到位"],
    );

    // Closing a petition without a recorded settlement is refused, and changes nothing.
    let r = run(
        db,
        "en",
        &["case", "status", &n, "closed", "--reason", "结案"],
    );
    let msg = r.fails_with(1);
    assert!(
        msg.contains("withdrawn") && msg.contains("settled"),
        "{msg}"
    );
    let r = run(
        db,
        "en",
        &[
            "case",
            "status",
            &n,
            "closed",
            "--reason",
            "结案",
            "--closure",
            "agreement",
        ],
    );
    r.fails_with(1);
    let r = run(
        db,
        "en",
        &[
            "case",
            "status",
            &n,
            "closed",
            "--reason",
            "结案",
            "--closure",
            "bogus",
        ],
    );
    r.fails_with(2);
    assert_eq!(case_json(db, &n)["status"], "resolved");

    // Settled (案结事了) needs the petitioner's statement first (issue 16).
    ok(
        db,
        &[
            "case",
            "statement",
            &n,
            "--date",
            "2026-11-30",
            "--text",
            "信访人表示满意",
        ],
    );
    ok(
        db,
        &[
            "case",
            "status",
            &n,
            "closed",
            "--reason",
            "息诉罢访",
            "--closure",
            "settled",
        ],
    );
    let c = case_json(db, &n);
    assert_eq!(c["status"], "closed");
    let events = c["events"].as_array().expect("events");
    let kinds: Vec<&str> = events
        .iter()
        .filter_map(|e| e["kind"].as_object()?.keys().next().map(String::as_str))
        .collect();
    assert!(kinds.contains(&"note"), "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "session").count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == "status").count(), 3);
    let last = &events.last().expect("an event")["kind"]["status"];
    assert_eq!(last["to"], "closed");
    assert_eq!(last["closure"], "settled");
    assert!(events.iter().all(|e| e["by"] == OPERATOR), "{events:?}");

    // Closed cases leave the default list but stay in --all; the card shows the timeline.
    assert!(!ok(db, &["case", "list"]).contains("测试楼栋拆迁补偿信访"));
    assert!(ok(db, &["case", "list", "--all"]).contains("测试楼栋拆迁补偿信访"));
    let card = run(db, "zh", &["case", "show", &n]);
    assert_eq!(card.code, 0);
    assert!(
        card.stdout.contains("电话回访，情绪平稳"),
        "{}",
        card.stdout
    );
    assert!(card.stdout.contains("案结事了"), "{}", card.stdout);
}

#[test]
fn export_then_import_into_an_empty_database_gives_the_same_bytes() {
    let t = TempDb::demo();
    let first = ok(&t.db, &["export"]);
    assert!(first.lines().count() > 100);
    let file = t.file("demo.jsonl");
    let said = ok(&t.db, &["export", "--out", file.to_str().expect("a path")]);
    assert!(said.contains("demo.jsonl"), "{said}");
    assert_eq!(fs::read_to_string(&file).expect("the export"), first);

    let copy = TempDb::new_database();
    ok(&copy.db, &["import", file.to_str().expect("a path")]);
    assert_eq!(ok(&copy.db, &["export"]), first);
    assert_eq!(roll_json(&copy.db), roll_json(&t.db));
}

/// A full backup restores to the same database: `export --with-audit`, `import` into an empty
/// database, `export --with-audit` again gives the same bytes, the whole audit history
/// included (entry 1 is the demo's own import, which the restore must not overwrite).
#[test]
fn a_full_backup_restores_byte_for_byte_with_its_audit_history() {
    let t = TempDb::demo();
    ok(
        &t.db,
        &["checkin", "曾凤仙", "ok", "--note", "电话里声音洪亮"],
    );
    let backup = t.file("backup.jsonl");
    ok(
        &t.db,
        &[
            "export",
            "--with-audit",
            "--out",
            backup.to_str().expect("a path"),
        ],
    );
    let first = fs::read(&backup).expect("the backup");
    let audit: Vec<Value> = first
        .split(|&b| b == b'\n')
        .filter(|l| l.starts_with(br#"{"type":"audit""#))
        .map(|l| serde_json::from_slice(l).expect("an audit line"))
        .collect();
    assert!(audit.len() >= 2, "{audit:?}");
    assert_eq!(audit[0]["id"], 1);
    assert!(
        audit[0]["command"]
            .as_str()
            .is_some_and(|c| c.starts_with("import ")),
        "{audit:?}"
    );

    let copy = TempDb::empty();
    ok(&copy.db, &["init", "--empty"]);
    ok(&copy.db, &["import", backup.to_str().expect("a path")]);
    let again = copy.file("again.jsonl");
    ok(
        &copy.db,
        &[
            "export",
            "--with-audit",
            "--out",
            again.to_str().expect("a path"),
        ],
    );
    let second = fs::read(&again).expect("the second export");
    assert!(
        first == second,
        "the restored database exports different bytes"
    );
}

#[test]
fn import_from_standard_input() {
    let t = TempDb::demo();
    let text = ok(&t.db, &["export"]);
    let copy = TempDb::new_database();
    let mut child = common::qiaomen(&copy.db, "en")
        .args(["import", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("qiaomen import - starts");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(text.as_bytes()).expect("write stdin");
    }
    let out = child.wait_with_output().expect("import ends");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(ok(&copy.db, &["export"]), text);
}

#[test]
fn a_bad_line_leaves_the_database_unchanged_and_is_named() {
    let t = TempDb::demo();
    let before = ok(&t.db, &["export"]);
    let good = [
        r#"{"type":"grid","id":100,"code":"G9","name":"测试网格","description":"","stewards":[]}"#,
        r#"{"type":"grid","id":101,"code":"G10","name":"测试二网格","description":"","stewards":[]}"#,
    ];
    let good_file = t.file("good.jsonl");
    fs::write(&good_file, good.join("\n") + "\n").expect("write");
    let bad_file = t.file("bad.jsonl");
    fs::write(
        &bad_file,
        format!("{}\n{}\n{{\"type\":\"grid\",\"id\":\n", good[0], good[1]),
    )
    .expect("write");

    let r = run(&t.db, "en", &["import", bad_file.to_str().expect("a path")]);
    let msg = r.fails_with(1);
    assert!(msg.contains("Line 3"), "{msg}");
    let r = run(&t.db, "zh", &["import", bad_file.to_str().expect("a path")]);
    assert!(r.fails_with(1).contains("第 3 行"));
    assert_eq!(ok(&t.db, &["export"]), before);

    // The first two lines alone are fine: the refusal was line 3's. A dry run writes nothing.
    let checked = ok(
        &t.db,
        &["import", "--dry-run", good_file.to_str().expect("a path")],
    );
    assert!(checked.contains('2'), "{checked}");
    assert_eq!(ok(&t.db, &["export"]), before);
    ok(&t.db, &["import", good_file.to_str().expect("a path")]);
    assert!(ok(&t.db, &["export"]).contains("测试二网格"));

    // A record that parses but breaks a rule, deep in a large file, into an empty database.
    let lines: Vec<&str> = before.lines().collect();
    let mut broken: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    broken[4] = r#"{"type":"grid","id":5,"code":"G5"}"#.to_owned();
    let file = t.file("broken.jsonl");
    fs::write(&file, broken.join("\n") + "\n").expect("write");
    let empty = TempDb::new_database();
    let before = ok(&empty.db, &["export", "--with-audit"]);
    let r = run(&empty.db, "en", &["import", file.to_str().expect("a path")]);
    assert!(r.fails_with(1).contains("Line 5"));
    assert_eq!(ok(&empty.db, &["export", "--with-audit"]), before);
}

#[test]
fn a_dry_run_writes_nothing() {
    let t = TempDb::demo();
    let file = t.file("demo.jsonl");
    ok(&t.db, &["export", "--out", file.to_str().expect("a path")]);
    let empty = TempDb::new_database();
    let before = ok(&empty.db, &["export", "--with-audit"]);
    let out = ok(
        &empty.db,
        &["import", "--dry-run", file.to_str().expect("a path")],
    );
    assert!(out.contains("--dry-run"), "{out}");
    assert_eq!(ok(&empty.db, &["export", "--with-audit"]), before);
    let roll = roll_json(&empty.db);
    assert_eq!(roll["counts"]["total"], 0);
}

/// The id of 王秀英, read before the database is damaged.
fn wang_id(db: &std::path::Path) -> u64 {
    elder(&roll_json(db), "王秀英")["id"]
        .as_u64()
        .expect("an id")
}

fn overwrite_resident(db: &std::path::Path, id: u64, value: &[u8]) {
    use qiaomen_core::store::blocks;
    // The server the commands started holds the store open: it goes first.
    common::stop_server(db);
    // sled's threads (of an earlier open here, or of the server) can hold its file lock a
    // moment after they are done: try again for a while (no timing is asserted).
    let mut tries = 0;
    let sled = loop {
        match sled::open(db.join("store")) {
            Ok(s) => break s,
            Err(_) if tries < 200 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(25));
            }
            Err(e) => panic!("sled opens the database's store: {e}"),
        }
    };
    // Residents are kept sixteen to a key (schema 9): the record is replaced in its block.
    let residents = sled.open_tree("residents").expect("the residents tree");
    let key = blocks::block_key(id);
    let raw = residents
        .get(key)
        .expect("read")
        .expect("the resident's block");
    let records: Vec<(u64, Vec<u8>)> = blocks::parse(id / blocks::BLOCK_IDS, &raw)
        .expect("a block")
        .into_iter()
        .map(|(i, r)| {
            (
                i,
                if i == id {
                    value.to_vec()
                } else {
                    raw[r].to_vec()
                },
            )
        })
        .collect();
    assert!(
        records.iter().any(|(i, _)| *i == id),
        "the resident was stored in its block"
    );
    let refs: Vec<(u64, &[u8])> = records.iter().map(|(i, v)| (*i, v.as_slice())).collect();
    residents
        .insert(key, blocks::encode(&refs))
        .expect("insert");
    // The elders index carries the elder's record too (schema 3): the same bytes there.
    let elders = sled.open_tree("elders").expect("the elders tree");
    if let Some(entry) = elders.get(id.to_be_bytes()).expect("read") {
        let mut entry = qiaomen_core::store::ElderEntry::decode(&entry).expect("an elder entry");
        entry.resident = value.to_vec();
        elders
            .insert(id.to_be_bytes(), entry.encode())
            .expect("insert");
    }
    sled.flush().expect("flush");
    drop(elders);
    drop(residents);
    drop(sled);
    // sled's threads can hold the file lock a moment after the drop; wait until a qiaomen
    // process no longer finds the database busy (no timing is asserted).
    for _ in 0..100 {
        if run(db, "en", &["roll", "--json"]).code != 3 {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn damaged_stored_values_are_errors_not_panics() {
    let t = TempDb::demo();
    let id = wang_id(&t.db);
    overwrite_resident(&t.db, id, b"\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff");
    for args in [
        &["roll"][..],
        &["roll", "--json"],
        &["checkin", "王秀英", "ok"],
        &["resident", "list"],
    ] {
        let r = run(&t.db, "en", args);
        let msg = r.fails_with(1);
        assert!(msg.contains("resident"), "{args:?}: {msg}");
    }
    // `find` reads the search column (schema 6), not the resident's record: it still
    // answers; `check` names the damage.
    assert!(ok(&t.db, &["find", "wxy"]).contains("王秀英"));
    let r = run(&t.db, "zh", &["roll"]);
    assert!(r.fails_with(1).contains("损坏"));

    // A value written by a newer program says so.
    overwrite_resident(&t.db, id, b"\x09\x00");
    let r = run(&t.db, "en", &["roll"]);
    assert!(r.fails_with(1).contains("version"));
}

#[test]
fn a_damaged_data_file_is_rebuilt_from_the_journal_and_said_so() {
    let t = TempDb::demo();
    let before = ok(&t.db, &["export", "--with-audit"]);
    common::stop_server(&t.db);
    let data = t.db.join("store").join("db");
    let mut bytes = fs::read(&data).expect("sled's data file");
    bytes[..4096].fill(0xA5);
    fs::write(&data, bytes).expect("write");
    let r = run(&t.db, "en", &["roll", "--json"]);
    assert_eq!(r.code, 0, "{r:#?}");
    assert_eq!(r.stderr.lines().count(), 1, "one sentence: {}", r.stderr);
    assert!(r.stderr.contains("rebuilt"), "{}", r.stderr);
    assert!(r.stderr.contains("nothing saved was lost"), "{}", r.stderr);
    assert!(
        r.stderr.contains(&t.db.display().to_string()),
        "{}",
        r.stderr
    );
    let roll: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(roll["counts"]["total"], 18);
    assert_eq!(ok(&t.db, &["export", "--with-audit"]), before);
    let kept = fs::read_dir(&t.db)
        .expect("the database directory")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("damaged-"))
        .count();
    assert_eq!(kept, 1, "the damaged store is kept aside");
}

#[test]
fn the_interface_without_a_terminal_says_so_and_exits_1() {
    let t = TempDb::demo();
    let r = run(&t.db, "en", &[]);
    assert!(r.fails_with(1).contains("terminal"));
    assert!(r.stdout.is_empty());
    let r = run(&t.db, "zh", &[]);
    assert!(r.fails_with(1).contains("终端"));
    let r = run(&t.db, "en", &["--demo"]);
    assert!(r.fails_with(1).contains("terminal"));
}

#[test]
fn human_output_follows_the_language() {
    let t = TempDb::demo();
    let zh = run(&t.db, "zh", &["roll"]).stdout;
    let en = run(&t.db, "en", &["roll"]).stdout;
    assert_ne!(zh, en);
    assert!(zh.contains("每日一问候") && zh.contains("已问候"), "{zh}");
    assert!(zh.contains("连续两天未联系"), "{zh}");
    assert!(en.contains("roll call") && en.contains("reached"), "{en}");
    for text in [&zh, &en] {
        assert!(text.contains("桂花岭社区") && text.contains("钱福生"));
    }
    let zh = run(&t.db, "zh", &["case", "list"]).stdout;
    let en = run(&t.db, "en", &["case", "list"]).stdout;
    assert!(zh.contains("信访") && zh.contains("调解中"), "{zh}");
    assert!(en.contains("petition") && en.contains("mediati"), "{en}");
    let zh = run(&t.db, "zh", &["checkin", "无名氏", "ok"]);
    let en = run(&t.db, "en", &["checkin", "无名氏", "ok"]);
    assert!(zh.fails_with(1).contains("没有"));
    assert!(en.fails_with(1).contains("No elder"));

    // Without --lang, LANG decides.
    let r = common::Run::of(
        std::process::Command::new(common::bin())
            .env("QIAOMEN_NOW", common::NOW)
            .env_remove("QIAOMEN_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "zh_CN.UTF-8")
            .arg("--db")
            .arg(&t.db)
            .arg("roll"),
    );
    assert!(r.stdout.contains("每日一问候"), "{r:#?}");
}

#[test]
fn generate_is_deterministic_and_imports_cleanly() {
    let t = TempDb::empty();
    let args = ["generate", "--scale", "community", "--seed", "1"];
    let a = ok(&t.db, &args);
    let b = ok(&t.db, &args);
    assert!(a.lines().count() > 1000);
    assert_eq!(a, b, "the same seed gives the same bytes");
    let other = ok(&t.db, &["generate", "--scale", "community", "--seed", "2"]);
    assert_ne!(a, other, "the seed matters");
    assert!(!t.db.exists(), "generate does not touch a database");
    ok(&t.db, &["init"]);

    let file = t.file("generated.jsonl");
    fs::write(&file, &a).expect("write");
    let out = ok(&t.db, &["import", file.to_str().expect("a path")]);
    assert!(out.contains(&a.lines().count().to_string()), "{out}");
    assert_eq!(ok(&t.db, &["export"]).lines().count(), a.lines().count());
    let roll = roll_json(&t.db);
    assert!(roll["counts"]["total"].as_u64() > Some(0));

    let r = run(&t.db, "en", &["generate", "--scale", "galaxy"]);
    r.fails_with(2);
}

#[test]
fn find_by_initials_and_by_case_number() {
    let t = TempDb::demo();
    let out = ok(&t.db, &["find", "wxy"]);
    assert!(out.contains("王秀英"), "{out}");
    let hits: Value =
        serde_json::from_str(&ok(&t.db, &["find", "wxy", "--json"])).expect("find --json");
    assert_eq!(hits["hits"][0]["title"], "王秀英");
    assert_eq!(hits["hits"][0]["kind"], "resident");

    let card = run(&t.db, "zh", &["find", "#2"]);
    assert_eq!(card.code, 0, "{card:#?}");
    assert!(
        card.stdout.starts_with("#2 梅秀英拆迁安置补偿信访积案"),
        "{}",
        card.stdout
    );
    assert!(card.stdout.contains("经过"), "{}", card.stdout);
    assert!(card.stdout.lines().count() > 5, "the whole timeline");

    let none = ok(&t.db, &["find", "zzzzqqq"]);
    assert!(none.contains("zzzzqqq"), "{none}");
}

#[test]
fn without_a_server_find_answers_as_the_servers_index_and_writes_outlast_the_quick_exit() {
    let t = TempDb::demo();
    let asks: Vec<Vec<&str>> = [
        "wxy", "王", "秀英", "#2", "3-2", "3 2 501", "1380", "zzzzqqq",
    ]
    .iter()
    .flat_map(|q| {
        ["1", "3", "20"]
            .iter()
            .map(move |l| vec!["find", *q, "--json", "--limit", *l])
    })
    .collect();
    // Through the server (its warm index), then in this process (streamed).
    let served: Vec<String> = asks.iter().map(|a| ok(&t.db, a)).collect();
    common::stop_server(&t.db);
    for (a, served) in asks.iter().zip(&served) {
        let direct = ok(&t.db, &[&["--no-server"][..], a].concat());
        assert_eq!(&direct, served, "{a:?}");
    }
    assert!(served.iter().filter(|s| s.contains("\"title\"")).count() > 15);

    // A process that leaves without freeing the store has saved what it wrote: the next one
    // sees it, and the store checks whole.
    let before = attempts_today(
        &serde_json::from_str(&ok(&t.db, &["--no-server", "roll", "--json"])).expect("json"),
    );
    ok(&t.db, &["--no-server", "checkin", "曾凤仙", "ok"]);
    let after = attempts_today(
        &serde_json::from_str(&ok(&t.db, &["--no-server", "roll", "--json"])).expect("json"),
    );
    assert_eq!(after, before + 1);
    let check = run(&t.db, "en", &["--no-server", "check"]);
    assert_eq!(check.code, 0, "{check:#?}");
}

#[test]
fn the_roll_counts_greeted_and_away_apart_as_the_ui_and_the_summary_do() {
    let t = TempDb::demo();
    let before = run(&t.db, "zh", &["roll"]).stdout;
    assert!(before.contains("已问候 5/18 · 外出 0"), "{before}");
    ok(&t.db, &["checkin", "钱福生", "away", "--time", "09:00"]);
    let after = run(&t.db, "zh", &["roll"]).stdout;
    assert!(
        after.contains("已问候 5/18 · 外出 1"),
        "away is not greeted:\n{after}"
    );
    let summary = run(&t.db, "en", &["summary", "--format", "json"]).stdout;
    let json: Value = serde_json::from_str(&summary).expect("summary json");
    assert_eq!(json["checkins"]["total"]["reached"], 5, "{summary}");
    assert_eq!(json["checkins"]["total"]["away"], 1, "{summary}");
}

/// Issue 15: a table read by a program (standard output not a terminal) keeps every cell
/// whole; only a terminal's columns are cut with `…`.
#[test]
fn piped_tables_write_long_titles_whole() {
    let t = TempDb::demo();
    for args in [&["case", "list"][..], &["household", "list"][..]] {
        let out = ok(&t.db, args);
        assert!(!out.contains('…'), "{args:?}:\n{out}");
    }
    let cases = ok(&t.db, &["case", "list"]);
    assert!(
        cases.contains("纱厂宿舍房改房产权证办理遗留问题"),
        "{cases}"
    );
}
