//! A database of schema 1 (every day of check-ins one plain value, rewritten by each mark) is
//! migrated when opened: journalled, so that `check`'s rebuild from the old snapshot migrates
//! the same way, and told to the user once. The fixture is a backup made by the release before
//! schema 2 (the demo community, check-ins on two days, the last one after its snapshot) with
//! that release's export of it.

mod common;

use std::path::{Path, PathBuf};

use qiaomen_core::damage::Damage;
use qiaomen_core::engine::{Engine, Problem, Recovery};
use qiaomen_core::model::{CheckIn, Method, Outcome};
use qiaomen_core::store::SCHEMA_VERSION;
use qiaomen_core::{Command, Reads};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema1")
}

fn restored(dir: &Path) -> Engine {
    let now = common::at("2026-12-01", "10:05");
    let (engine, report) =
        Engine::restore(&fixture(), None, dir, "tester", now).expect("restore the old backup");
    assert_eq!(report.seq, 6, "every entry of the backup");
    engine
}

#[test]
fn a_schema_1_database_is_migrated_on_open_and_reads_the_same() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = restored(&dir);

    assert!(
        engine.recovered().contains(&Recovery::Migrated {
            from: 1,
            to: SCHEMA_VERSION
        }),
        "told once: {:?}",
        engine.recovered()
    );
    assert_eq!(engine.schema().expect("schema"), SCHEMA_VERSION);
    assert_eq!(engine.last_seq(), 7, "the migration is one journal entry");
    let old = std::fs::read_to_string(fixture().join("export.jsonl")).expect("fixture export");
    // That release's residents had no `left` (resident format 1): the same records, each
    // now saying it has not left.
    // That release wrote needs as free text; the words it used read as their tags now
    // (`model::Need`): the only difference.
    let old = old
        .replace(r#""need":"medicine""#, r#""need":"medical""#)
        .replace(r#""need":"health""#, r#""need":"medical""#);
    // Nor had its community a ladder (format 1: the default one now), nor its check-ins a
    // contact or a case (check-in format 2: none), nor its pledges a note (pledge format 3:
    // each has an empty one now), nor its residents a doorbell device (resident format 3),
    // nor its cases a level, organisations, a paired steward or a start (case format 2: held
    // by the grid, or by the community when escalated).
    let ladder = r#","ladder":{"levels":[{"retries":3,"every":30,"knock_within":60},{"retries":3,"every":60,"knock_within":180},{"retries":3,"every":60,"knock_within":180}]}}"#;
    // Nor its meetings attendees as references (meeting format 2: names read as guests).
    let now: String = common::attendees_as_names(&common::export(&engine, false))
        .replace(r#","left":null}"#, "}")
        .replace(r#","doorbell_device":null"#, "")
        .replace(
            r#","level":"grid","orgs":[],"paired":null,"since":null}"#,
            "}",
        )
        .replace(
            r#","level":"community","orgs":[],"paired":null,"since":null}"#,
            "}",
        )
        .replace(r#","contact":null,"case":null}"#, "}")
        .replace(ladder, "}")
        .lines()
        .map(|l| match l.strip_suffix(r#","note":""}"#) {
            Some(head) if l.starts_with(r#"{"type":"pledge""#) => format!("{head}}}\n"),
            _ => format!("{l}\n"),
        })
        .collect();
    assert_eq!(now, old, "the same records after");
    let counted = engine.count_checkins().expect("count");
    assert_eq!(engine.checkin_count().expect("kept"), Some(counted));
    assert_eq!(
        counted,
        old.lines()
            .filter(|l| l.contains(r#""type":"checkin""#))
            .count() as u64
    );
    // The rebuild from the old snapshot and the journal gives the same store, key for key.
    let report = engine.check().expect("check");
    assert!(report.healthy(), "{:?}", report.problems);
    drop(engine);

    // Every day is now packed in today's format 3, and nothing is left loose.
    assert_day_values_are_packed(&dir);

    // The store was rebuilt from a snapshot after the migration (sled keeps rewritten values
    // long): nothing is left beside it.
    assert!(!dir.join("store.compact").exists());
    assert!(
        dir.join("snapshots/snap-00000000000000000007.qms").exists(),
        "the snapshot the store was rebuilt from, after the migration"
    );

    // Opening again does not migrate again.
    let engine = common::reopen(&dir);
    assert!(engine.recovered().is_empty(), "{:?}", engine.recovered());
    assert_eq!(engine.last_seq(), 7);
}

fn assert_day_values_are_packed(dir: &Path) {
    let db = common::raw_open(dir);
    let tree = db.open_tree("checkins").expect("tree");
    let mut days = 0;
    for kv in &tree {
        let (k, v) = kv.expect("read");
        assert_eq!(k.len(), 4, "no loose mark after the migration");
        assert_eq!(v[0], 3, "format 3 (the ladder's fields)");
        days += 1;
    }
    assert!(days > 10, "the demo's history: {days} days");
    drop(tree);
    drop(db);
}

#[test]
fn after_the_migration_marks_are_small_keys_and_closed_days_fold() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = restored(&dir);
    let elder = engine.elders().expect("elders")[0].id;
    let day = common::day("2026-12-01");
    let before = engine.checkins_on(day).expect("day");
    let mark = CheckIn {
        elder,
        date: day,
        seq: 0,
        time: common::time("10:04"),
        by: "柳青禾".into(),
        method: Method::Visit,
        outcome: Outcome::Ok,
        note: "上门看过".into(),
        away_until: None,
        contact: None,
        case: None,
    };
    let a = common::actor("柳青禾", common::at("2026-12-01", "10:05"));
    engine.apply(Command::CheckIn(mark), &a).expect("mark");
    assert_eq!(
        engine.checkins_on(day).expect("day").len(),
        before.len() + 1
    );
    assert_eq!(engine.loose_days().expect("loose"), vec![day]);
    // Yesterday stays open; the day after tomorrow it is folded, reading the same.
    let tomorrow = common::at("2026-12-02", "08:00");
    assert_eq!(engine.fold_closed_days(tomorrow).expect("fold"), 0);
    let after = common::at("2026-12-03", "08:00");
    let whole = engine.checkins_on(day).expect("day");
    assert_eq!(engine.fold_closed_days(after).expect("fold"), 1);
    assert_eq!(engine.checkins_on(day).expect("day"), whole);
    assert!(engine.loose_days().expect("loose").is_empty());
    let report = engine.check().expect("check");
    assert!(report.healthy(), "{:?}", report.problems);
    // A snapshot of schema 2 (its packed days held plain inside) rebuilds the same store.
    engine.snapshot(after).expect("snapshot").expect("taken");
    let report = engine.check().expect("check");
    assert!(report.healthy(), "{:?}", report.problems);
}

#[test]
fn check_finds_the_check_in_books_wrong() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = restored(&dir);
    let elder = engine.elders().expect("elders")[0].id;
    let mut c = common::new_checkin(elder, "2026-12-01", "10:04", Outcome::Ok);
    c.method = Method::Visit;
    let a = common::actor("柳青禾", common::at("2026-12-01", "10:05"));
    engine.apply(Command::CheckIn(c), &a).expect("mark");
    assert!(engine.check().expect("check").healthy());
    drop(engine);

    let count_says_5: fn(&Damage) -> bool = |d| matches!(d, Damage::CheckInCount { kept: 5, .. });
    let not_listed: fn(&Damage) -> bool = |d| matches!(d, Damage::LooseDay { .. });
    for (key, value, says) in [
        (&b"checkins"[..], 5u64.to_be_bytes().to_vec(), count_says_5),
        (&b"loose"[..], Vec::new(), not_listed),
    ] {
        let copy = tmp.path().join(format!("copy-{}", key.len()));
        copy_dir(&dir, &copy);
        let db = common::raw_open(&copy);
        db.open_tree("meta")
            .expect("meta")
            .insert(key, value)
            .expect("damage");
        db.flush().expect("flush");
        drop(db);
        let engine = common::reopen(&copy);
        let report = engine.check().expect("check");
        assert!(
            report
                .problems
                .iter()
                .any(|p| matches!(p, Problem::Store(d) if says(d))),
            "{:?}",
            report.problems
        );
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "qiaomen.lock" {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}
