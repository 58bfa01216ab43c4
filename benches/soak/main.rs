//! Issue 12's soak: simulated days of a subdistrict's work through the real engine, with the
//! disk taken by `store/`, `snapshots/` and `journal/` and the process's resident set after
//! each day; at the end the database against a fresh export → create + import of the same
//! data. See benches/README.md for how to run it and what it reports.
//!
//! Parameters (environment; under `cargo test --benches`: the community, 3 days, nothing kept):
//! - `SOAK_DAYS` (365), `SOAK_SCALE` (`subdistrict`; or `community`, `district`): the run;
//!   `SOAK_DB=DIR` starts from a copy of that database instead of a generated one (generated:
//!   seed 1 with `SOAK_HISTORY` days of check-ins, default 1);
//! - `SOAK_EDITED` (0.01) and `SOAK_MOVED` (0.001): shares of residents edited and moved out
//!   over 365 days; `SOAK_NO_ANSWER` (0.07), `SOAK_RETRIED` (0.9), `SOAK_AWAY` (0.002): the
//!   roll call; `SOAK_WORK` (1): multiplies the demo's visit, case and fund rates;
//! - `SOAK_OUT` (`$TMPDIR/qiaomen-soak`): where the database (`db/`), the comparison
//!   (`fresh/`) and the series (`soak.csv`) go; `SOAK_KEEP=1` keeps the databases (the CSV
//!   is always kept); `SOAK_EVERY` (1): a table row every N days; `SOAK_MIN_FREE_GB` (5): the
//!   run stops early, and says so, when the disk has less free;
//! - `SOAK_COMPARE=0` skips the fresh export and import at the end;
//! - `SOAK_CACHE` (`server`): the engine opened as the server opens it (`Engine::open_lean`,
//!   sled's cache 16 MiB, and glibc's malloc as the spawned server has it: two arenas, large
//!   blocks mapped apart, each unless set, the soak running itself again with them), or
//!   `command` as a one-shot command does (`Engine::open`, 64 MiB: the runs before
//!   2026-12-03).

#[path = "../common/mod.rs"]
mod common;
mod day;
mod measure;
mod world;

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use qiaomen_core::Engine;
use qiaomen_core::generate::{GenerateOptions, Scale, generate};

use common::{bench_mode, now, rss_bytes};
use measure::{Csv, Disk, Sample, free_bytes, mb};
use world::{Rates, World};

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v} is not a valid value")),
        Err(_) => default,
    }
}

fn import(db: &Path, file: &Path) {
    let engine = Engine::create(db, "soak", now()).expect("create");
    engine
        .import(
            || Ok(BufReader::new(File::open(file)?)),
            false,
            "soak",
            now(),
            "soak",
        )
        .expect("import");
}

/// The starting database: a copy of `SOAK_DB`, or `scale` generated and imported.
fn start(db: &Path, out: &Path, scale: Scale, history: u32) {
    if let Some(src) = std::env::var_os("SOAK_DB").filter(|_| bench_mode()) {
        common::copy_dir(Path::new(&src), db);
        return;
    }
    let file = out.join("start.jsonl");
    let opts = GenerateOptions {
        scale,
        seed: 1,
        days: history,
        end: now().date,
    };
    let mut w = BufWriter::new(File::create(&file).expect("create"));
    generate(&opts, &mut w).expect("generate");
    w.flush().expect("write");
    drop(w);
    import(db, &file);
    std::fs::remove_file(&file).expect("remove start.jsonl");
}

/// Export of `db` (with its audit trail: the same data), created and imported afresh in
/// `fresh`; returns the fresh database's disk.
fn fresh_copy(engine: &Engine, out: &Path, fresh: &Path) -> Disk {
    let file = out.join("export.jsonl");
    let mut w = BufWriter::new(File::create(&file).expect("create"));
    let n = engine.export(&mut w, true).expect("export");
    w.flush().expect("write");
    drop(w);
    let started = Instant::now();
    import(fresh, &file);
    println!(
        "fresh: {n} records exported ({} MiB) and imported in {:.1} s",
        mb(std::fs::metadata(&file).map_or(0, |m| m.len())),
        started.elapsed().as_secs_f64()
    );
    std::fs::remove_file(&file).expect("remove export.jsonl");
    Disk::of(fresh)
}

/// Runs the soak again with glibc's malloc as the spawned server has it (each setting unless
/// set), when it plays the server; returns whether it did.
fn as_the_server_runs() -> bool {
    let server = std::env::var("SOAK_CACHE").map_or(true, |c| c == "server");
    if !server || std::env::var_os("SOAK_AS_SERVER").is_some() {
        return false;
    }
    let exe = std::env::current_exe().expect("the soak's own path");
    let mut command = std::process::Command::new(exe);
    command
        .args(std::env::args_os().skip(1))
        .env("SOAK_AS_SERVER", "1");
    for (name, value) in qiaomen::service::spawn::SERVER_MALLOC {
        if std::env::var_os(name).is_none() {
            command.env(name, value);
        }
    }
    let status = command.status().expect("the soak runs again");
    std::process::exit(status.code().unwrap_or(1));
}

fn main() {
    if as_the_server_runs() {
        return;
    }
    let bench = bench_mode();
    let days: u32 = if bench { env("SOAK_DAYS", 365) } else { 3 };
    let scale: Scale = if bench {
        env("SOAK_SCALE", "subdistrict".to_owned())
            .parse()
            .expect("SOAK_SCALE is community, subdistrict or district")
    } else {
        Scale::Community
    };
    let rates = if bench {
        Rates {
            edited_per_year: env("SOAK_EDITED", 0.01),
            moved_per_year: env("SOAK_MOVED", 0.001),
            no_answer: env("SOAK_NO_ANSWER", 0.07),
            retried: env("SOAK_RETRIED", 0.9),
            away: env("SOAK_AWAY", 0.002),
            work: env("SOAK_WORK", 1.0),
        }
    } else {
        // The community is a twentieth of the subdistrict: more of everything, so that three
        // days exercise every kind of command.
        Rates {
            edited_per_year: 0.2,
            moved_per_year: 0.1,
            no_answer: 0.2,
            retried: 0.9,
            away: 0.05,
            work: 20.0,
        }
    };
    let every: u32 = env("SOAK_EVERY", 1).max(1);
    let keep = bench && env("SOAK_KEEP", 0) == 1;
    let compare = !bench || env("SOAK_COMPARE", 1) == 1;
    let min_free = env("SOAK_MIN_FREE_GB", 5.0) * 1e9;
    let tmp;
    let out = if bench {
        PathBuf::from(env(
            "SOAK_OUT",
            std::env::temp_dir()
                .join("qiaomen-soak")
                .display()
                .to_string(),
        ))
    } else {
        tmp = tempfile::Builder::new()
            .prefix("qiaomen-soak-")
            .tempdir()
            .expect("temporary directory");
        tmp.path().to_owned()
    };
    let (db, fresh) = (out.join("db"), out.join("fresh"));
    for d in [&db, &fresh] {
        if d.exists() {
            std::fs::remove_dir_all(d).expect("remove the previous run's database");
        }
    }
    std::fs::create_dir_all(&out).expect("create SOAK_OUT");

    let started = Instant::now();
    start(&db, &out, scale, env("SOAK_HISTORY", 1));
    // The server's engine (its smaller page cache), or a one-shot command's.
    let server = match env("SOAK_CACHE", "server".to_owned()).as_str() {
        "server" => true,
        "command" => false,
        other => panic!("SOAK_CACHE={other} is server or command"),
    };
    let engine = qiaomen_core::engine::retry_busy(|| {
        if server {
            Engine::open_lean(&db, "soak", now())
        } else {
            Engine::open(&db, "soak", now())
        }
    })
    .expect("open");
    let mut world = World::read(&engine);
    println!(
        "soak: {scale}, {} residents, {days} days from {}, {rates:?}; start ready in {:.1} s; out {}",
        world.residents.len(),
        now().date,
        started.elapsed().as_secs_f64(),
        out.display()
    );
    let first = Sample::take(0, now().date, day::DayCount::default(), 0.0, &db);
    let csv_path = out.join("soak.csv");
    let mut csv = Csv::create(&csv_path);
    csv.row(&first);
    measure::table_header();
    measure::table_row(&first);

    let mut series = vec![first];
    let mut stopped = None;
    let mut compactions = 0;
    for n in 1..=days {
        let date = now().date.add_days(i64::from(n) - 1);
        let t = Instant::now();
        // A new day: the app and the server take the day's snapshot before its first write.
        let snapshot = engine
            .snapshot_if_due(day_start(date))
            .expect("snapshot_if_due");
        // And the server then compacts the store if sled has let it grow.
        if snapshot.is_some()
            && let Some(r) = engine
                .compact_if_grown_with(day_start(date), &|job| {
                    // As the server builds it: in a child process of the real program.
                    qiaomen::service::build::in_child(
                        Path::new(env!("CARGO_BIN_EXE_qiaomen")),
                        &db,
                        job,
                    )
                })
                .expect("compact_if_grown")
        {
            println!(
                "QM soak.compaction day {n}: store {} -> {} MiB in {:.1} s, writes held {:.2} s ({} + {} entries replayed)",
                mb(r.before),
                mb(r.after),
                r.seconds,
                r.held_seconds,
                r.replayed,
                r.tail
            );
            compactions += 1;
        }
        let mut count = day::run(&engine, &mut world, &rates, date);
        count.snapshot = snapshot.map_or(0, |r| r.bytes);
        let s = Sample::take(n, date, count, t.elapsed().as_secs_f64(), &db);
        csv.row(&s);
        if n % every == 0 || n == days {
            measure::table_row(&s);
        }
        series.push(s);
        if free_bytes(&out) < min_free as u64 {
            stopped = Some(format!(
                "stopped after day {n}: less than {} GB free on the disk",
                min_free / 1e9
            ));
            break;
        }
    }
    engine.sync().expect("sync");
    let last = *series.last().expect("a day");
    let end = Disk::of(&db);
    summarize(&series, end, stopped.as_deref());
    println!("QM soak.compactions {compactions}");
    if compare {
        let fresh_disk = fresh_copy(&engine, &out, &fresh);
        println!(
            "database after {} days: {} MiB (store {} MiB in {} files, snapshots {} MiB, journal {} MiB)",
            last.day,
            mb(end.total()),
            mb(end.store),
            end.store_files,
            mb(end.snapshots),
            mb(end.journal)
        );
        println!(
            "fresh export → create + import: {} MiB (store {} MiB in {} files, snapshots {} MiB, journal {} MiB)",
            mb(fresh_disk.total()),
            mb(fresh_disk.store),
            fresh_disk.store_files,
            mb(fresh_disk.snapshots),
            mb(fresh_disk.journal)
        );
        println!(
            "QM soak.size_ratio total {:.2} store {:.2} (goal ≤ 1.5)",
            end.total() as f64 / fresh_disk.total().max(1) as f64,
            end.store as f64 / fresh_disk.store.max(1) as f64
        );
    }
    drop(engine);
    if !keep {
        for d in [&db, &fresh] {
            if d.exists() {
                std::fs::remove_dir_all(d).expect("remove the database");
            }
        }
    }
    if bench {
        println!("series: {}", csv_path.display());
    } else {
        assert_eq!(series.len(), days as usize + 1, "every day ran");
        assert!(
            series.iter().skip(1).all(|s| s.count.checkins > 0),
            "every day had a roll call"
        );
        let commands: usize = series.iter().map(|s| s.count.commands).sum();
        let checkins: usize = series.iter().map(|s| s.count.checkins).sum();
        assert!(commands > checkins, "the day's other work ran too");
        assert_eq!(
            series.iter().map(|s| s.count.refused).sum::<usize>(),
            0,
            "the engine refused none of the simulated commands"
        );
    }
}

/// The first moment of a simulated day, when the app or the server sees the new day.
fn day_start(date: qiaomen_core::Date) -> qiaomen_core::Now {
    qiaomen_core::Now::local(
        date,
        qiaomen_core::ClockTime::new(7, 30).expect("a time"),
        common::OFFSET_MINUTES,
    )
}

/// The figures of the run: time per day (and a projection to 365), disk growth, and the
/// resident set over the run and over its last half.
fn summarize(series: &[Sample], end: Disk, stopped: Option<&str>) {
    let days = &series[1..];
    if days.is_empty() {
        return;
    }
    let mut secs: Vec<f64> = days.iter().map(|s| s.seconds).collect();
    secs.sort_by(f64::total_cmp);
    let total: f64 = secs.iter().sum();
    let commands: usize = days.iter().map(|s| s.count.commands).sum();
    let refused: usize = days.iter().map(|s| s.count.refused).sum();
    println!(
        "QM soak.day_seconds n={} min {:.1} median {:.1} max {:.1}; total {:.0} s, projected 365 days {:.0} min; {commands} commands ({:.0} a day), {refused} refused",
        days.len(),
        secs[0],
        secs[secs.len() / 2],
        secs[secs.len() - 1],
        total,
        total / days.len() as f64 * 365.0 / 60.0,
        commands as f64 / days.len() as f64
    );
    let start = series[0].disk;
    let growth = (end.total() as f64 - start.total() as f64) / days.len() as f64;
    println!(
        "QM soak.disk start {} MiB end {} MiB (store {} → {} MiB, files {} → {}); {:.2} MiB a day",
        mb(start.total()),
        mb(end.total()),
        mb(start.store),
        mb(end.store),
        start.store_files,
        end.store_files,
        growth / 1_048_576.0
    );
    let mid = series[series.len() / 2].rss;
    let last = series[series.len() - 1].rss;
    let peak = series.iter().map(|s| s.rss).max().unwrap_or(0);
    println!(
        "QM soak.rss start {} MiB mid (day {}) {} MiB end {} MiB peak {} MiB; last half {:+.1}% (goal < 10%); now {} MiB",
        mb(series[0].rss),
        series[series.len() / 2].day,
        mb(mid),
        mb(last),
        mb(peak),
        (last as f64 - mid as f64) / mid.max(1) as f64 * 100.0,
        mb(rss_bytes())
    );
    if let Some(why) = stopped {
        println!("QM soak.stopped {why}");
    }
}
