//! Issue 9's figures: a snapshot written while check-ins go on (how long a check-in waits),
//! opening and verifying, a rebuild from a snapshot and one day of journal, and the disk taken
//! by 7 daily snapshots and the journal. Plain timings (no criterion): each figure is one
//! scenario, not a loop.
//!
//! Needs `QIAOMEN_BENCH_DB` (a database at the scale to measure, e.g. the subdistrict); the
//! bench copies it into a temporary directory (`TMPDIR`) and writes only to the copy. Without
//! it (and under `cargo test --benches`) it generates the community scale with 30 days.

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::{now, quantile};
use qiaomen_core::engine::Recovery;
use qiaomen_core::model::{Case, CheckIn, Id, Method, Outcome};
use qiaomen_core::{Actor, Command, Engine, Now};

fn elders_due(engine: &Engine, day: Now) -> Vec<Id> {
    engine
        .elders()
        .expect("elders")
        .into_iter()
        .filter(|e| e.care.as_ref().is_some_and(|c| c.active_on(day.date)))
        .map(|e| e.id)
        .collect()
}

/// One durable check-in; returns how long `apply` took.
fn check_in(engine: &Engine, elder: Id, actor: &Actor, outcome: Outcome) -> Duration {
    let c = CheckIn {
        elder,
        date: actor.now.date,
        seq: 0,
        time: actor.now.time,
        by: actor.operator.clone(),
        method: Method::Phone,
        outcome,
        note: String::new(),
        away_until: None,
        contact: None,
        case: None,
    };
    let started = Instant::now();
    engine.apply(Command::CheckIn(c), actor).expect("check-in");
    started.elapsed()
}

fn actor(at: Now) -> Actor {
    Actor {
        operator: "bench".to_owned(),
        now: at,
    }
}

fn day(n: i64) -> Now {
    let base = now();
    Now::local(base.date.add_days(n), base.time, 480)
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn du(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if meta.is_dir() {
        std::fs::read_dir(path).map_or(0, |r| r.filter_map(Result::ok).map(|e| du(&e.path())).sum())
    } else {
        meta.len()
    }
}

fn open(dir: &Path, at: Now) -> Engine {
    qiaomen_core::engine::retry_busy(|| Engine::open(dir, "bench", at)).expect("open")
}

fn main() {
    let bench = common::bench_mode();
    let tmp = tempfile::Builder::new()
        .prefix("qiaomen-durbench-")
        .tempdir()
        .expect("temporary directory");
    let dir = tmp.path().join("db");
    let source = std::env::var_os("QIAOMEN_BENCH_DB").filter(|_| bench);
    if let Some(src) = source {
        common::copy_dir(Path::new(&src), &dir);
    } else {
        // The community with 30 days, generated and imported into the copy's place.
        let file = tmp.path().join("data.jsonl");
        let opts = qiaomen_core::generate::GenerateOptions {
            scale: qiaomen_core::generate::Scale::Community,
            seed: 1,
            days: 30,
            end: now().date.add_days(-1),
        };
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).expect("create"));
        qiaomen_core::generate::generate(&opts, &mut out).expect("generate");
        std::io::Write::flush(&mut out).expect("write");
        drop(out);
        let engine = Engine::create(&dir, "bench", day(-1)).expect("create");
        engine
            .import(
                || Ok(std::io::BufReader::new(std::fs::File::open(&file)?)),
                false,
                "bench",
                day(-1),
                "bench",
            )
            .expect("import");
    }
    let reps = if bench { 3 } else { 1 };
    let writes = if bench { 300 } else { 20 };

    // b. Opening and verifying, in process (the whole process: benches/durability.sh).
    let mut opens = Vec::new();
    for _ in 0..if bench { 5 } else { 1 } {
        let started = Instant::now();
        let engine = open(&dir, day(0));
        opens.push(started.elapsed());
        assert!(engine.recovered().is_empty(), "{:?}", engine.recovered());
        drop(engine);
    }
    opens.sort();
    println!(
        "QM dur.open ms: min {} median {} max {} (n={})",
        ms(opens[0]),
        ms(opens[opens.len() / 2]),
        ms(opens[opens.len() - 1]),
        opens.len()
    );

    let engine = open(&dir, day(0));
    let elders = elders_due(&engine, day(0));
    println!(
        "QM dur.scale elders due {} store {} B snapshots {} B journal {} B",
        elders.len(),
        du(&dir.join("store")),
        du(&dir.join("snapshots")),
        du(&dir.join("journal"))
    );

    // a. Check-ins back to back, without a snapshot and while one is written.
    let a = actor(day(0));
    let mut next = 0usize;
    for rep in 0..reps {
        let mut alone: Vec<Duration> = (0..writes)
            .map(|_| {
                next += 1;
                check_in(&engine, elders[next % elders.len()], &a, Outcome::Ok)
            })
            .collect();
        alone.sort();
        let done = AtomicBool::new(false);
        let mut during = Vec::new();
        let mut snap_time = Duration::ZERO;
        let mut snap_bytes = 0;
        std::thread::scope(|s| {
            let snapper = s.spawn(|| {
                let started = Instant::now();
                let r = engine.snapshot(day(0)).expect("snapshot");
                let took = started.elapsed();
                done.store(true, Ordering::Release);
                (took, r.map_or(0, |r| r.bytes))
            });
            while !done.load(Ordering::Acquire) {
                next += 1;
                during.push(check_in(
                    &engine,
                    elders[next % elders.len()],
                    &a,
                    Outcome::Ok,
                ));
            }
            (snap_time, snap_bytes) = snapper.join().expect("snapshot thread");
        });
        during.sort();
        println!(
            "QM dur.snapshot_blocking rep {rep}: alone n={} p50 {} p99 {} max {} ms | during a snapshot of {} ms ({snap_bytes} B): n={} p50 {} p99 {} max {} ms",
            alone.len(),
            ms(quantile(&alone, 0.5)),
            ms(quantile(&alone, 0.99)),
            ms(alone[alone.len() - 1]),
            ms(snap_time),
            during.len(),
            ms(quantile(&during, 0.5)),
            ms(quantile(&during, 0.99)),
            ms(*during.last().unwrap_or(&Duration::ZERO)),
        );
    }

    // c. A snapshot, then one day of work (every elder 1–2 check-ins, some case notes), then
    // the store deleted: the next open rebuilds from the snapshot and that day's journal.
    engine.snapshot(day(0)).expect("snapshot");
    let first = engine.last_seq();
    let work_day = |engine: &Engine, at: Now, second_every: usize| {
        let a = actor(at);
        for (i, e) in elders.iter().enumerate() {
            check_in(engine, *e, &a, Outcome::Ok);
            if second_every > 0 && i % second_every == 0 {
                check_in(engine, *e, &a, Outcome::NoAnswer);
            }
        }
    };
    let started = Instant::now();
    work_day(&engine, day(1), 2);
    let cases: Vec<Case> = engine.all().expect("cases");
    let mut notes = 0;
    for c in cases.iter().take(if bench { 100 } else { 5 }) {
        let cmd = Command::CaseNote {
            case: c.id,
            text: "上门了解情况，已记录".to_owned(),
        };
        if engine.apply(cmd, &actor(day(1))).is_ok() {
            notes += 1;
        }
    }
    let day_entries = engine.last_seq() - first;
    println!(
        "QM dur.day_of_work {day_entries} entries ({notes} case notes) applied in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    drop(engine);
    std::thread::sleep(Duration::from_millis(200));
    std::fs::remove_dir_all(dir.join("store")).expect("delete store/");
    let started = Instant::now();
    let engine = open(&dir, day(1));
    let rebuild = started.elapsed();
    let replayed = engine.recovered().iter().find_map(|r| match r {
        Recovery::Rebuilt { replayed, .. } => Some(*replayed),
        _ => None,
    });
    println!(
        "QM dur.rebuild {} ms, journal entries replayed {replayed:?}",
        ms(rebuild)
    );
    assert_eq!(replayed, Some(day_entries), "{:?}", engine.recovered());
    for entry in std::fs::read_dir(&dir).expect("dir").filter_map(Result::ok) {
        if entry.file_name().to_string_lossy().starts_with("damaged-") {
            std::fs::remove_dir_all(entry.path()).expect("rm damaged-");
        }
    }

    // d. Seven more community days, each with a check-in for every elder (one in three
    // twice); the new day makes a snapshot due, as the server's first write of a day does.
    for n in 2..=8 {
        engine.snapshot_if_due(day(n)).expect("snapshot");
        work_day(&engine, day(n), 3);
    }
    engine.snapshot_if_due(day(9)).expect("snapshot");
    engine.sync().expect("sync");
    let snaps: Vec<_> = std::fs::read_dir(dir.join("snapshots"))
        .expect("snapshots")
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), du(&e.path())))
        .collect();
    let (store, snapshots, journal) = (
        du(&dir.join("store")),
        du(&dir.join("snapshots")),
        du(&dir.join("journal")),
    );
    println!(
        "QM dur.disk after 7 days: store {store} B; snapshots {snapshots} B in {} files; journal {journal} B; backup set / store = {:.2}",
        snaps.len(),
        (snapshots + journal) as f64 / store as f64
    );
    for (name, bytes) in snaps {
        println!("QM dur.disk   {name} {bytes} B");
    }
}
