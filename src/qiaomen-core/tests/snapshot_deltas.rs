//! Daily snapshots taken as deltas over a full one (`journal/snapshot`): the engine takes
//! two full ones and then deltas, each far smaller than a full one; a store lost is rebuilt
//! from the newest delta and the journal; with the full one under the deltas damaged, from the
//! full one before it; a backup restored from a delta brings its base.

mod common;

use std::path::Path;

use qiaomen_core::damage::Damage;
use qiaomen_core::engine::{Engine, Problem, Recovery};
use qiaomen_core::generate::{GenerateOptions, Scale, generate};
use qiaomen_core::journal::snapshot::{self, Found};
use qiaomen_core::model::Outcome;
use qiaomen_core::{Command, Now, Reads};

fn day(n: u32) -> String {
    format!("2026-12-{n:02}")
}

/// A community imported on December 1st, with `days` more days of check-ins, a snapshot at
/// the end of each (as the server takes them).
fn worked(dir: &Path, days: u32) -> Engine {
    let start = common::at(&day(1), "09:00");
    let opts = GenerateOptions {
        scale: Scale::Community,
        seed: 3,
        days: 3,
        end: start.date,
    };
    let mut jsonl = Vec::new();
    generate(&opts, &mut jsonl).expect("generate");
    let engine = Engine::create(dir, "tester", start).expect("create");
    engine
        .import(|| Ok(&jsonl[..]), false, "tester", start, "tester")
        .expect("import");
    engine.snapshot(start).expect("snapshot");
    let elders: Vec<_> = engine
        .elders()
        .expect("elders")
        .into_iter()
        .map(|e| e.id)
        .collect();
    for d in 2..2 + days {
        for (i, elder) in elders.iter().enumerate() {
            let hhmm = format!("{:02}:{:02}", 9 + i / 60, i % 60);
            let c = common::new_checkin(*elder, &day(d), &hhmm, Outcome::Ok);
            let actor = common::actor("柳青禾", common::at(&day(d), &hhmm));
            engine.apply(Command::CheckIn(c), &actor).expect("check-in");
        }
        engine
            .snapshot_if_due(common::at(&day(d), "20:00"))
            .expect("snapshot");
    }
    engine
}

fn snapshots(dir: &Path) -> Vec<Found> {
    snapshot::list(&dir.join("snapshots")).expect("list").0
}

/// Makes the store unreadable (a schema version of the wrong width): the next open rebuilds it.
fn damage_store(dir: &Path) {
    let db = common::raw_open(dir);
    db.open_tree("meta")
        .expect("meta")
        .insert(b"schema", &[0, 1][..])
        .expect("insert");
    db.flush().expect("flush");
}

fn rebuilt_from(engine: &Engine) -> u64 {
    match engine.recovered() {
        [Recovery::Rebuilt { snapshot, .. }] => *snapshot,
        other => panic!("expected a rebuild, got {other:?}"),
    }
}

fn now() -> Now {
    common::at(&day(9), "21:00")
}

#[test]
fn daily_snapshots_are_small_deltas_that_rebuild_the_store() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = worked(&dir, 8);
    let found = snapshots(&dir);
    // The empty one of `create` and the import's, both full; then the 7 latest days (the
    // 2nd is past them).
    assert_eq!(found.len(), 9, "{found:?}");
    assert!(
        found[0].is_full() && found[1].is_full(),
        "the first two full"
    );
    let base = &found[1];
    for delta in &found[2..] {
        assert_eq!(
            delta.header.base.map(|b| b.seq),
            Some(base.header.seq),
            "{delta:?}"
        );
        assert!(
            delta.bytes * 3 < base.bytes,
            "{} of {}",
            delta.bytes,
            base.bytes
        );
    }
    // The data's size reads from any of them, growing with the days.
    let plain: Vec<u64> = found
        .iter()
        .map(|f| {
            snapshot::plain_bytes(&f.path)
                .expect("read")
                .expect("version 2")
        })
        .collect();
    assert!(plain.windows(2).all(|w| w[0] < w[1]), "{plain:?}");

    let before = common::export(&engine, true);
    drop(engine);
    damage_store(&dir);
    let engine = Engine::open(&dir, "tester", now()).expect("open");
    assert_eq!(
        rebuilt_from(&engine),
        found[8].header.seq,
        "the newest delta"
    );
    assert_eq!(common::export(&engine, true), before);
    assert!(engine.check().expect("check").healthy());
}

#[test]
fn with_the_base_damaged_the_full_snapshot_before_it_and_the_journal_rebuild_the_store() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = worked(&dir, 4);
    let before = common::export(&engine, true);
    drop(engine);
    let found = snapshots(&dir);
    let (first, base) = (&found[0], &found[1]);
    assert!(first.is_full() && base.is_full() && !found[4].is_full());
    let mut bytes = std::fs::read(&base.path).expect("read");
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    std::fs::write(&base.path, bytes).expect("damage");
    damage_store(&dir);

    let engine = Engine::open(&dir, "tester", now()).expect("open");
    assert_eq!(rebuilt_from(&engine), first.header.seq);
    assert_eq!(common::export(&engine, true), before);
    // check names the base, and the 4 deltas over it for their base.
    let report = engine.check().expect("check");
    let named: Vec<&Damage> = report
        .problems
        .iter()
        .filter_map(|p| match p {
            Problem::Snapshot { what, .. } => Some(what),
            _ => None,
        })
        .collect();
    let over_base = Damage::SnapshotBase {
        seq: base.header.seq,
    };
    assert_eq!(
        named,
        [
            &Damage::SnapshotChecksum,
            &over_base,
            &over_base,
            &over_base,
            &over_base
        ],
        "{report:?}"
    );
}

#[test]
fn a_backup_restored_from_a_delta_brings_its_base() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = worked(&dir, 3);
    let before = common::export(&engine, true);
    let backup = tmp.path().join("backup");
    engine.backup(&backup, now()).expect("backup");
    drop(engine);

    let to = tmp.path().join("restored");
    let (restored, report) = Engine::restore(&backup, None, &to, "tester", now()).expect("restore");
    let newest = snapshots(&backup).pop().expect("a snapshot");
    assert!(!newest.is_full());
    assert_eq!(report.snapshot, newest.header.seq);
    assert_eq!(common::export(&restored, true), before);
    let copied = snapshots(&to);
    assert_eq!(copied.len(), 2, "the delta and its base");
    assert!(snapshot::verify(&copied[1].path).is_ok());
}
