//! Import is all or nothing and names the bad line; export then import into an empty database
//! then export gives the same bytes.

mod common;

use std::io::Cursor;

use common::{export, town};
use qiaomen_core::model::{AuditEntry, CaseKind, CheckIn, Grid, Household, Outcome, Resident};
use qiaomen_core::rollcall::roll;
use qiaomen_core::store::{ImportReport, fingerprint};
use qiaomen_core::{Command, Error, NewCase, Result, Store};

/// A small community in canonical form: exactly what `export` writes for it, in its order.
/// The grid names its steward before the member line (a forward reference), and the household
/// and its resident name each other.
const TOWN: &str = r#"{"type":"community","name":"青石社区","utc_offset_minutes":480,"cutoff":"11:00","retries":3,"ladder":{"levels":[{"retries":3,"every":30,"knock_within":60},{"retries":3,"every":60,"knock_within":180},{"retries":3,"every":60,"knock_within":180}]}}
{"type":"grid","id":1,"code":"G1","name":"桂园网格","description":"","stewards":[1]}
{"type":"member","id":1,"name":"柳青禾","phone":"13800000001","roles":["steward"],"grid":1,"login":null,"active":true}
{"type":"household","id":1,"grid":1,"address":{"building":"3","unit":"2","room":"501","text":"桂园小区"},"members":[1],"categories":["elder"],"needs":"","file":[]}
{"type":"resident","id":1,"name":"石秋云","gender":"female","birth":"1940-03-05","phone":"","id_number":null,"household":1,"grid":1,"categories":["elder"],"health":"","contacts":[],"care":{"level":1,"callers":[1],"doorbell":true,"active_from":"2026-01-01","active_to":null,"doorbell_device":null},"left":null}
{"type":"partner","id":1,"name":"桐叶爱心药房","kind":"enterprise","agreement_signed":"2026-02-01","scope":"","contact":"","phone":""}
{"type":"pledge","id":1,"partner":1,"household":1,"made":"2026-02-02","what":{"item":{"description":"轮椅"}},"need":"wheelchair","status":"active","deliveries":[],"note":""}
{"type":"fund","id":1,"date":"2026-02-03","amount_fen":500000,"direction":"in","partner":1,"household":null,"need":"","note":""}
{"type":"case","id":1,"kind":"dispute","title":"围墙越界一砖","grid":1,"parties":["甲方住户","乙方住户"],"residents":[1],"opened":"2026-03-01","status":"open","next_follow_up":null,"events":[],"level":"grid","orgs":[],"paired":null,"since":null}
{"type":"meeting","id":1,"date":"2026-03-02","kind":"joint_meeting","title":"联席会议","attendees":[],"topics":[],"decisions":[]}
{"type":"visit","id":1,"date":"2026-03-03","household":1,"by":"柳青禾","findings":""}
{"type":"checkin","elder":1,"date":"2026-03-04","seq":0,"time":"09:10","by":"柳青禾","method":"phone","outcome":"no-answer","note":"","away_until":null,"contact":null,"case":null}
{"type":"checkin","elder":1,"date":"2026-03-04","seq":1,"time":"09:40","by":"柳青禾","method":"visit","outcome":"ok","note":"","away_until":null,"contact":null,"case":null}
"#;

fn import(store: &Store, text: &str, dry_run: bool) -> Result<ImportReport> {
    let owned = text.to_owned();
    store.import(
        move || Ok(Cursor::new(owned.clone())),
        dry_run,
        "柳青禾",
        1_773_100_800,
        "test.jsonl",
    )
}

fn loaded() -> Store {
    let store = Store::temporary().expect("store");
    import(&store, TOWN, false).expect("the fixture imports");
    store
}

/// `TOWN` with line `n` (from 1) replaced.
fn with_line(n: usize, line: &str) -> String {
    let mut lines: Vec<&str> = TOWN.lines().collect();
    lines[n - 1] = line;
    lines.join("\n") + "\n"
}

/// Imports `text` into `store`, expects a refusal at `line`, and checks nothing changed.
#[track_caller]
fn refused(store: &Store, text: &str, line: usize) -> String {
    let before = export(store, true);
    let was_empty = store.is_empty().expect("is_empty");
    match import(store, text, false) {
        Err(Error::Import { line: got, reason }) => {
            assert_eq!(got, line, "{reason}");
            assert_eq!(
                export(store, true),
                before,
                "a refused import wrote something"
            );
            assert_eq!(store.is_empty().expect("is_empty"), was_empty);
            format!("{reason:?}")
        }
        other => panic!("expected a refusal at line {line}, got {other:?}"),
    }
}

#[test]
fn the_fixture_imports_and_exports_exactly_as_written() {
    let store = loaded();
    assert_eq!(export(&store, false), TOWN);
    assert_eq!(store.require::<Grid>(1).expect("grid").stewards, [1]);
    let elder = store.require::<Resident>(1).expect("resident");
    assert_eq!(elder.household, Some(1));
    assert_eq!(store.elders().expect("elders").len(), 1);
    let now = common::at("2026-03-04", "12:00");
    let r = roll(&store, common::day("2026-03-04"), now, None).expect("roll");
    assert!(r.entries[0].is_reached());
    // The import leaves one audit entry of its own.
    let audit = store.all::<AuditEntry>().expect("audit");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].operator, "柳青禾");
    assert!(
        audit[0].command.starts_with("import test.jsonl: "),
        "{}",
        audit[0].command
    );
}

#[test]
fn the_report_counts_records_by_kind() {
    let report = import(&Store::temporary().expect("store"), TOWN, false).expect("import");
    assert_eq!(report.records, 13);
    assert!(!report.dry_run);
    assert_eq!(report.by_kind.get("checkin"), Some(&2));
    assert_eq!(report.by_kind.get("grid"), Some(&1));
    assert_eq!(report.by_kind.values().sum::<usize>(), 13);
}

#[test]
fn export_import_export_gives_the_same_bytes() {
    // A store built by commands (not by import), so ids, defaults and normalisation come
    // from the command path.
    let t = town();
    let a = common::clerk();
    for (hhmm, outcome) in [("08:00", Outcome::NoAnswer), ("08:30", Outcome::Unwell)] {
        let c = common::new_checkin(t.elder, "2026-03-10", hhmm, outcome);
        common::apply_ok(&t.store, Command::CheckIn(c), &a);
    }
    let case = NewCase {
        kind: CaseKind::Petition,
        title: "拆迁补偿".into(),
        grid: t.grid,
        parties: vec!["住户甲".into()],
        residents: vec![t.neighbour],
        opened: common::day("2026-03-10"),
        follow_up: Some(common::day("2026-03-20")),
        note: "首次来访\n第二行".into(),
    };
    common::apply_ok(&t.store, Command::OpenCase(case), &a);
    let first = export(&t.store, false);
    assert_eq!(first.lines().count(), 8);
    let copy = Store::temporary().expect("store");
    import(&copy, &first, false).expect("re-import");
    assert_eq!(export(&copy, false), first);
}

#[test]
fn a_dry_run_checks_everything_and_writes_nothing() {
    let store = Store::temporary().expect("store");
    let report = import(&store, TOWN, true).expect("dry run");
    assert!(report.dry_run);
    assert_eq!(report.records, 13);
    assert!(store.is_empty().expect("is_empty"));
    assert_eq!(export(&store, true), "");
    // A dry run still finds the faults.
    let bad = with_line(
        3,
        r#"{"type":"member","id":1,"name":"","roles":["steward"]}"#,
    );
    assert!(matches!(
        import(&store, &bad, true),
        Err(Error::Import { line: 3, .. })
    ));
}

#[test]
fn a_bad_field_names_the_line_and_the_field() {
    let store = Store::temporary().expect("store");
    let line =
        r#"{"type":"resident","id":1,"name":"石秋云","phone":"call me","grid":1,"household":1}"#;
    let reason = refused(&store, &with_line(5, line), 5);
    assert!(reason.contains("phone"), "{reason}");
    let line = r#"{"type":"checkin","elder":1,"date":"2026-03-04","seq":1,"time":"25:10","by":"柳青禾","outcome":"ok"}"#;
    refused(&store, &with_line(13, line), 13);
    let line = r#"{"type":"case","id":1,"kind":"dispute","title":"","grid":1,"opened":"2026-03-01","status":"open"}"#;
    let reason = refused(&store, &with_line(9, line), 9);
    assert!(reason.contains("title"), "{reason}");
    let line = r#"{"type":"fund","id":1,"date":"2026-02-03","amount_fen":0,"direction":"in"}"#;
    let reason = refused(&store, &with_line(8, line), 8);
    assert!(reason.contains("amount_fen"), "{reason}");
    let line =
        r#"{"type":"grid","id":1,"code":"G1","name":"桂园网格","description":"","stewards":[1]"#;
    refused(&store, &with_line(2, line), 2);
    refused(&store, &with_line(2, r#"{"type":"street","id":1}"#), 2);
}

#[test]
fn an_unknown_reference_names_the_line_and_the_field() {
    let store = Store::temporary().expect("store");
    let line =
        r#"{"type":"household","id":1,"grid":7,"address":{"text":"桂园小区"},"members":[1]}"#;
    let reason = refused(&store, &with_line(4, line), 4);
    assert!(reason.contains("grid") && reason.contains('7'), "{reason}");
    let line = r#"{"type":"visit","id":1,"date":"2026-03-03","household":4,"by":"柳青禾"}"#;
    let reason = refused(&store, &with_line(11, line), 11);
    assert!(reason.contains("household"), "{reason}");
    let line = r#"{"type":"checkin","elder":2,"date":"2026-03-04","seq":1,"time":"09:40","by":"柳青禾","outcome":"ok"}"#;
    let reason = refused(&store, &with_line(13, line), 13);
    assert!(reason.contains("elder"), "{reason}");
    // A forward reference that is never resolved is reported at the line that made it.
    let line = r#"{"type":"grid","id":1,"code":"G1","name":"桂园网格","stewards":[1,2]}"#;
    let reason = refused(&store, &with_line(2, line), 2);
    assert!(reason.contains("stewards"), "{reason}");
}

#[test]
fn a_duplicate_id_names_the_second_line() {
    let store = Store::temporary().expect("store");
    let text = format!(
        "{TOWN}{}\n",
        r#"{"type":"partner","id":1,"name":"另一家","kind":"unit"}"#
    );
    let reason = refused(&store, &text, 14);
    assert!(reason.starts_with("TwiceInFile"), "{reason}");
    // The same check-in (elder, day and number) twice would overwrite the first.
    let text = format!("{TOWN}{}\n", TOWN.lines().nth(12).expect("line 13"));
    let reason = refused(&store, &text, 14);
    assert!(reason.contains("seq"), "{reason}");
    let line = r#"{"type":"member","id":0,"name":"柳青禾","roles":["steward"]}"#;
    refused(&store, &with_line(3, line), 3);
}

/// A check-in of elder 1 on `date` with number `seq`.
fn checkin_line(date: &str, seq: u16) -> String {
    format!(
        r#"{{"type":"checkin","elder":1,"date":"{date}","seq":{seq},"time":"10:00","by":"柳青禾","outcome":"ok"}}"#
    )
}

#[test]
fn a_check_in_repeated_after_another_day_names_its_line() {
    // Files in day order are checked holding one day's keys; a day that comes back after
    // another is checked again in full.
    let store = Store::temporary().expect("store");
    let repeat = format!(
        "{TOWN}{}\n{}\n",
        checkin_line("2026-03-05", 0),
        checkin_line("2026-03-04", 1)
    );
    let reason = refused(&store, &repeat, 15);
    assert!(reason.contains("Twice"), "{reason}");
    // The earlier line is reported, whichever check finds it.
    let unknown = r#"{"type":"checkin","elder":9,"date":"2026-03-06","seq":0,"time":"10:00","by":"柳青禾","outcome":"ok"}"#;
    refused(&store, &format!("{repeat}{unknown}\n"), 15);
    let line = r#"{"type":"grid","id":1,"code":"G1","name":"桂园网格","stewards":[1,2]}"#;
    refused(&store, &(with_line(2, line) + &repeat[TOWN.len()..]), 2);
    // Out of order but no repeat: all of it is imported.
    let apart = format!(
        "{TOWN}{}\n{}\n",
        checkin_line("2026-03-05", 0),
        checkin_line("2026-03-04", 2)
    );
    import(&store, &apart, false).expect("import");
    let seqs: Vec<u16> = store
        .checkins_on(common::day("2026-03-04"))
        .expect("day")
        .iter()
        .map(|c| c.seq)
        .collect();
    assert_eq!(seqs, [0, 1, 2]);
}

#[test]
fn importing_into_a_database_that_has_the_ids_is_refused_unchanged() {
    let store = loaded();
    let reason = refused(&store, TOWN, 2);
    assert!(reason.contains("AlreadyStored"), "{reason}");
    // Check-ins are keyed by elder, day and number rather than by id.
    let checkin = TOWN.lines().nth(11).expect("line 12");
    let reason = refused(&store, &format!("\n{checkin}\n"), 2);
    assert!(reason.contains("seq"), "{reason}");
}

#[test]
fn a_later_file_may_refer_to_records_already_in_the_database() {
    let store = loaded();
    let more = [
        r#"{"type":"resident","id":2,"name":"贺小满","grid":1,"household":1}"#,
        r#"{"type":"checkin","elder":1,"date":"2026-03-05","seq":0,"time":"08:00","by":"柳青禾","outcome":"unwell"}"#,
    ]
    .join("\n");
    import(&store, &more, false).expect("import");
    assert_eq!(
        store.require::<Resident>(2).expect("resident").name,
        "贺小满"
    );
    let day = common::day("2026-03-05");
    let got: Vec<CheckIn> = store.checkins_on(day).expect("day");
    assert_eq!(got.len(), 1);
    assert_eq!(
        store.require::<Household>(1).expect("household").members,
        [1]
    );
}

/// A line may carry a phone number, an ID number or a note that is wrong, or in the wrong
/// field: the refusal names the line and the field, never the value.
#[test]
fn a_refusal_never_repeats_a_phone_an_id_number_or_a_note() {
    let store = Store::temporary().expect("store");
    let phone = "13912345678";
    let id = "110105194912310021";
    let note = "独居左腿旧伤";
    let resident = |fields: &str| {
        format!(r#"{{"type":"resident","id":1,"name":"石秋云","grid":1,"household":1,{fields}}}"#)
    };
    for (n, line) in [
        (5, resident(&format!(r#""phone":"{phone}x""#))),
        (5, resident(&format!(r#""phone":{phone}"#))),
        (5, resident(&format!(r#""phone":"{phone}{phone}""#))),
        (5, resident(&format!(r#""id_number":"{id}""#))),
        (5, resident(&format!(r#""id_number":{id}"#))),
        (5, resident(&format!(r#""gender":"{phone}""#))),
        (5, resident(&format!(r#""categories":"{phone}""#))),
        (5, resident(&format!(r#""health":"{note}\u001b[2J""#))),
        (5, resident(&format!(r#""health":["{note}"]"#))),
        (
            5,
            resident(&format!(
                r#""contacts":[{{"name":"石明","phone":"{phone}?"}}]"#
            )),
        ),
        (
            13,
            format!(
                r#"{{"type":"checkin","elder":1,"date":"2026-03-04","seq":1,"time":"09:40","by":"柳青禾","outcome":"{note}"}}"#
            ),
        ),
        (
            13,
            format!(
                r#"{{"type":"checkin","elder":1,"date":"2026-03-04","seq":1,"time":"09:40","by":"柳青禾","outcome":"ok","note":{phone}}}"#
            ),
        ),
    ] {
        let reason = refused(&store, &with_line(n, &line), n);
        for value in [phone, id, note] {
            assert!(!reason.contains(value), "{reason:?} repeats {value}");
        }
    }
}

/// Import checks birth dates against its own clock (`now_unix`): nobody is born after the day
/// it runs, by the birth date or by the one inside the ID number.
#[test]
fn nobody_in_an_import_is_born_after_the_day_it_runs() {
    let store = Store::temporary().expect("store");
    // `import` runs at 2026-03-10 00:00 UTC; 03-11 is still the future everywhere.
    for (fields, field) in [
        (r#""birth":"2026-03-11""#, "birth"),
        (r#""id_number":"110105202603110021""#, "id_number"),
    ] {
        let line = format!(
            r#"{{"type":"resident","id":1,"name":"石秋云","grid":1,"household":1,{fields}}}"#
        );
        let reason = refused(&store, &with_line(5, &line), 5);
        assert!(reason.contains(field), "{reason}");
    }
}

/// `TOWN` with its audit history, as `export --with-audit` writes a database built by commands
/// on top of it: several entries, the first one the import's.
fn town_with_history() -> (Store, String) {
    let store = loaded();
    let a = common::clerk();
    for (hhmm, outcome) in [("08:00", Outcome::NoAnswer), ("08:30", Outcome::Ok)] {
        let c = common::new_checkin(1, "2026-03-10", hhmm, outcome);
        common::apply_ok(&store, Command::CheckIn(c), &a);
    }
    let backup = export(&store, true);
    assert_eq!(backup.matches(r#"{"type":"audit""#).count(), 3);
    (store, backup)
}

#[test]
fn a_restored_backup_keeps_its_audit_history_exactly() {
    let (_, backup) = town_with_history();
    let copy = Store::temporary().expect("store");
    import(&copy, &backup, false).expect("the backup imports");
    // Entry 1 is the original import's, not this one's, and nothing is added.
    let audit = copy.all::<AuditEntry>().expect("audit");
    assert_eq!(audit.iter().map(|e| e.id).collect::<Vec<_>>(), [1, 2, 3]);
    assert!(audit[0].command.starts_with("import test.jsonl: "));
    assert_eq!(export(&copy, true), backup);
}

#[test]
fn an_import_without_audit_entries_records_itself_after_the_last_one() {
    let (store, _) = town_with_history();
    let more = r#"{"type":"resident","id":2,"name":"贺小满","grid":1,"household":1}"#;
    import(&store, more, false).expect("import");
    let audit = store.all::<AuditEntry>().expect("audit");
    assert_eq!(audit.iter().map(|e| e.id).collect::<Vec<_>>(), [1, 2, 3, 4]);
    assert_eq!(audit[3].command, "import test.jsonl: resident 1");
}

#[test]
fn an_import_entry_shows_its_file_name_safely() {
    let store = Store::temporary().expect("store");
    let name = format!("evil\u{1b}[2J\nname{}.jsonl", "长".repeat(3000));
    store
        .import(
            || Ok(Cursor::new(TOWN.as_bytes())),
            false,
            "柳青禾",
            1_773_100_800,
            &name,
        )
        .expect("import");
    let entry = &store.all::<AuditEntry>().expect("audit")[0];
    assert!(
        entry.command.starts_with("import evil\u{FFFD}[2J name长"),
        "{}",
        entry.command
    );
    // It passes the checks an import of the backup makes.
    qiaomen_core::validate::audit(entry).expect("a valid audit entry");
    let copy = Store::temporary().expect("store");
    import(&copy, &export(&store, true), false).expect("the backup imports");
}

#[test]
fn audit_entries_in_an_import_are_checked_like_other_text() {
    let store = Store::temporary().expect("store");
    let entry = |operator: &str, command: &str, kind: &str| {
        serde_json::json!({
            "type": "audit", "id": 1, "at": 1_773_100_800, "operator": operator,
            "command": command, "records": [{"kind": kind, "id": 1}],
        })
        .to_string()
    };
    let long_command = "长".repeat(4097);
    for (line, field) in [
        (entry("柳\u{1b}[2J青禾", "checkin", "checkin"), "operator"),
        (entry("柳青禾\n", "checkin", "checkin"), "operator"),
        (entry(&"柳".repeat(65), "checkin", "checkin"), "operator"),
        (entry("柳青禾", "checkin \u{9b}31m", "checkin"), "command"),
        (entry("柳青禾", "checkin \u{202E}", "checkin"), "command"),
        (entry("柳青禾", &long_command, "checkin"), "command"),
        (entry("柳青禾", "checkin", "check\u{1b}in"), "records.kind"),
    ] {
        let text = format!("{TOWN}{line}\n");
        let reason = refused(&store, &text, 14);
        assert!(reason.contains(field), "{reason}");
    }
    // New lines belong in a command (a reason may have several), and the entry is kept
    // exactly as written, spaces and all.
    let kept = r#"{"type":"audit","id":1,"at":1773100800,"operator":" 柳青禾","command":"case.status #1 closed: 调解成功\n双方签字 ","records":[{"kind":"case","id":1}]}"#;
    let text = format!("{TOWN}{kept}\n");
    import(&store, &text, false).expect("import");
    assert_eq!(export(&store, true), text);
}

/// A roster import names the residents and households it matched by their ids: they are
/// replaced, and what is kept beside them (the household heads, the elders, the counts) follows.
#[test]
fn a_resident_or_household_with_a_stored_id_is_replaced_and_the_kept_indexes_follow() {
    let store = loaded();
    let lines = [
        // 石秋云 is renamed and moves to a new household 2; household 1 keeps only 贺小满 (new).
        r#"{"type":"resident","id":1,"name":"石秋月","gender":"female","birth":"1940-03-05","grid":1,"household":2,"categories":["elder"]}"#,
        r#"{"type":"resident","id":2,"name":"贺小满","grid":1,"household":1}"#,
        r#"{"type":"household","id":1,"grid":1,"address":{"building":"3","unit":"2","room":"501","text":"桂园小区"},"members":[2]}"#,
        r#"{"type":"household","id":2,"grid":1,"address":{"building":"4","unit":"1","room":"101","text":"桂园小区"},"members":[1]}"#,
    ];
    // Each line naming a stored record says what it read of it.
    let was = |line: &str, fingerprint: &str| {
        line.replacen('{', &format!(r#"{{"_was":"{fingerprint}","#), 1)
    };
    let resident = fingerprint(&store.require::<Resident>(1).expect("resident"));
    let household = fingerprint(&store.require::<Household>(1).expect("household"));
    let file = |stale: bool| {
        let household = if stale {
            fingerprint(&"someone else's edit")
        } else {
            household.clone()
        };
        [
            was(lines[0], &resident),
            lines[1].to_owned(),
            was(lines[2], &household),
            lines[3].to_owned(),
        ]
        .join("\n")
    };
    // Without what it read, a line naming a stored resident is refused, as any taken id is;
    // with a record that changed since it was read, too; and nothing is written.
    let plain = import(&store, &lines.join("\n"), false).expect_err("a taken id");
    assert!(plain.to_string().contains("AlreadyStored"), "{plain}");
    let stale = import(&store, &file(true), false).expect_err("changed since");
    assert!(stale.to_string().contains("ChangedSince"), "{stale}");
    assert_eq!(
        store.require::<Resident>(1).expect("resident").name,
        "石秋云"
    );
    let more = file(false);
    let report = import(&store, &more, false).expect("import");
    assert_eq!(report.by_kind.get("resident"), Some(&2));
    assert_eq!(store.count::<Resident>().expect("count"), 2);
    assert_eq!(store.count::<Household>().expect("count"), 2);
    assert_eq!(
        store.require::<Resident>(1).expect("resident").name,
        "石秋月"
    );
    assert_eq!(
        store.require::<Household>(1).expect("household").members,
        [2]
    );
    assert_eq!(
        store.require::<Household>(2).expect("household").members,
        [1]
    );
    // The care plan went with the replaced record: no longer an elder on the roll.
    assert!(store.elders().expect("elders").is_empty());
    assert_eq!(store.verify_kept_indexes().expect("verify"), None);
    assert!(store.health().expect("health").mismatches().is_empty());
    let heads: Vec<(u64, String)> = store
        .all::<qiaomen_core::model::Household>()
        .expect("households")
        .iter()
        .map(|h| {
            let head: qiaomen_core::model::Resident =
                store.require(h.members[0]).expect("the head");
            (h.id, head.name)
        })
        .collect();
    assert_eq!(heads, [(1, "贺小满".to_owned()), (2, "石秋月".to_owned())]);
}
