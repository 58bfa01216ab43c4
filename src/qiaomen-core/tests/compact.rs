//! The store rebuilt beside the live one and swapped in (`Engine::compact`): it reads the same
//! afterwards, check-ins and reads go on while it is built, it is durable across a reopen,
//! and `compact_if_grown` leaves a store alone that has not grown.

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use qiaomen_core::engine::{BUILT_FILE, Engine};
use qiaomen_core::generate::{GenerateOptions, Scale, generate};
use qiaomen_core::model::{CheckIn, Id, Method, Outcome};
use qiaomen_core::{Actor, Command, Now, Reads};

fn now() -> Now {
    common::at("2026-12-01", "09:40")
}

/// A community (the demo's scale) generated and imported into a new database at `dir`, and
/// its snapshot taken (what a compaction builds from).
fn community(dir: &Path) -> Engine {
    let opts = GenerateOptions {
        scale: Scale::Community,
        seed: 7,
        days: 3,
        end: now().date,
    };
    let mut jsonl = Vec::new();
    generate(&opts, &mut jsonl).expect("generate");
    let engine = Engine::create(dir, "tester", now()).expect("create");
    engine
        .import(|| Ok(&jsonl[..]), false, "tester", now(), "tester")
        .expect("import");
    engine.snapshot(now()).expect("snapshot");
    engine
}

/// The check-ins of `ids` today.
fn marks_today(engine: &Engine, ids: &[Id]) -> usize {
    ids.iter()
        .map(|id| {
            engine
                .checkins_of_on(*id, now().date)
                .expect("checkins")
                .len()
        })
        .sum()
}

fn elders(engine: &Engine) -> Vec<Id> {
    let mut ids: Vec<Id> = engine
        .elders()
        .expect("elders")
        .into_iter()
        .filter(|e| e.care.as_ref().is_some_and(|c| c.active_on(now().date)))
        .map(|e| e.id)
        .collect();
    ids.sort_unstable();
    ids
}

fn check_in(engine: &Engine, elder: Id, minute: u32) {
    let at = common::at(
        "2026-12-01",
        &format!("{:02}:{:02}", 10 + minute / 60, minute % 60),
    );
    let actor = Actor {
        operator: "steward".into(),
        now: at,
    };
    let c = CheckIn {
        elder,
        date: at.date,
        seq: 0,
        time: at.time,
        by: actor.operator.clone(),
        method: Method::Phone,
        outcome: Outcome::Ok,
        note: format!("call {minute}"),
        away_until: None,
        contact: None,
        case: None,
    };
    engine.apply(Command::CheckIn(c), &actor).expect("check-in");
}

#[test]
fn a_compacted_store_reads_the_same_and_takes_writes_after() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = community(&dir);
    let ids = elders(&engine);
    assert!(ids.len() > 20, "a community has elders on the roll");
    // Entries after the snapshot: the build replays them.
    for (i, id) in ids.iter().take(10).enumerate() {
        check_in(&engine, *id, i as u32);
    }
    let before = common::export(&engine, true);
    let last = engine.last_seq();

    let report = engine.compact(now()).expect("compact").expect("done");
    assert_eq!(report.replayed, 10, "the check-ins after the snapshot");
    assert_eq!(report.tail, 0, "nothing came while it was built");
    assert_eq!(
        engine.last_seq(),
        last,
        "a compaction is not a journal entry"
    );
    assert_eq!(common::export(&engine, true), before);
    assert!(engine.check().expect("check").healthy());
    assert!(dir.join("store").join(BUILT_FILE).exists());
    assert!(
        !dir.join("store.compact").exists(),
        "the old store is removed"
    );

    // Writes go to the new store, and survive a reopen.
    check_in(&engine, ids[10], 30);
    let after = common::export(&engine, true);
    assert_ne!(after, before);
    drop(engine);
    let engine = common::reopen(&dir);
    assert_eq!(common::export(&engine, true), after);
    assert!(engine.recovered().is_empty(), "{:?}", engine.recovered());
    assert!(engine.check().expect("check").healthy());
}

#[test]
fn check_ins_and_reads_go_on_while_the_store_is_compacted() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = community(&dir);
    let ids = elders(&engine);
    let done = AtomicBool::new(false);
    let (report, written) = std::thread::scope(|s| {
        let writer = s.spawn(|| {
            let mut n = 0;
            // At least a few during the build, and on until the swap is over.
            while !done.load(Ordering::Acquire) || n < 5 {
                check_in(&engine, ids[n % ids.len()], n as u32 % 600);
                n += 1;
            }
            n
        });
        let reader = s.spawn(|| {
            let mut reads = 0;
            while !done.load(Ordering::Acquire) {
                assert_eq!(elders(&engine), ids, "every read sees every elder");
                reads += 1;
            }
            reads
        });
        let report = engine.compact(now()).expect("compact");
        done.store(true, Ordering::Release);
        let written = writer.join().expect("writer");
        assert!(reader.join().expect("reader") > 0);
        (report, written)
    });
    let report = report.expect("the readers finish in time");
    assert!(report.replayed + report.tail > 0, "{report:?}");
    let marks = marks_today(&engine, &ids);
    assert_eq!(
        marks, written,
        "every acknowledged check-in is in the store"
    );
    assert!(engine.check().expect("check").healthy());
    drop(engine);
    let engine = common::reopen(&dir);
    let again = marks_today(&engine, &ids);
    assert_eq!(again, written, "and on disk");
}

#[test]
fn a_store_first_seen_starts_from_its_size_and_a_small_one_is_left_alone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = community(&dir);
    let built = dir.join("store").join(BUILT_FILE);
    assert!(!built.exists(), "an import writes no baseline");
    // A community's store is far below the size worth compacting.
    assert!(engine.size_on_disk().expect("size") < qiaomen_core::engine::MIN_COMPACT_BYTES);
    let export = common::export(&engine, true);
    assert_eq!(
        engine.compact_if_grown(now()).expect("compact_if_grown"),
        None
    );
    let first = std::fs::read_to_string(&built).expect("the size when first seen");
    assert!(first.starts_with("qiaomen store built 2\n"), "{first:?}");
    assert_eq!(engine.compact_if_grown(now()).expect("again"), None);
    assert_eq!(std::fs::read_to_string(&built).expect("kept"), first);
    assert_eq!(common::export(&engine, true), export);
}

/// A writer that waits at the first resident until it is let go: an export held half way
/// through the residents, the way a slow client's export holds the store's iterators.
struct Held<'a> {
    reading: &'a AtomicBool,
    go: &'a AtomicBool,
}

impl std::io::Write for Held<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !buf.starts_with(br#"{"type":"resident""#) {
            return Ok(buf.len());
        }
        self.reading.store(true, Ordering::Release);
        while !self.go.load(Ordering::Acquire) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Lets the export go however the test ends (a failed assertion must not hang it).
struct LetGo<'a>(&'a AtomicBool);

impl Drop for LetGo<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Release);
    }
}

#[test]
fn a_reader_under_way_delays_the_swap_while_check_ins_go_on() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = community(&dir);
    let ids = elders(&engine);
    let (reading, go) = (AtomicBool::new(false), AtomicBool::new(false));
    let done = std::sync::atomic::AtomicUsize::new(0);
    let report = std::thread::scope(|s| {
        let _let_go = LetGo(&go);
        let export = s.spawn(|| {
            let mut out = Held {
                reading: &reading,
                go: &go,
            };
            engine.export(&mut out, true).expect("export")
        });
        while !reading.load(Ordering::Acquire) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let compaction = s.spawn(|| engine.compact(now()).expect("compact"));
        // Writes get through between the swap's tries, while the export holds the old store
        // (on a thread of their own: held writes fail the test rather than hang it).
        let writer = s.spawn(|| {
            for (i, id) in ids.iter().take(5).enumerate() {
                std::thread::sleep(std::time::Duration::from_millis(300));
                check_in(&engine, *id, i as u32);
                done.fetch_add(1, Ordering::Release);
            }
        });
        let waited = std::time::Instant::now();
        while done.load(Ordering::Acquire) < 5 && waited.elapsed().as_secs() < 60 {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(done.load(Ordering::Acquire), 5, "check-ins were held");
        writer.join().expect("writer");
        assert!(!compaction.is_finished(), "the swap waits for the export");
        go.store(true, Ordering::Release);
        assert!(export.join().expect("export") > 0);
        compaction.join().expect("compaction")
    });
    let report = report.expect("swapped once the export was done");
    assert!(
        report.tail >= 1,
        "check-ins during the wait were replayed: {report:?}"
    );
    let marks = marks_today(&engine, &ids);
    assert_eq!(marks, 5);
    assert!(engine.check().expect("check").healthy());
}
