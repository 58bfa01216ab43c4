//! What the bench binaries share: the fixed clock, the databases they measure, percentiles
//! and the process's memory and CPU time.
//!
//! A bench measures either the database named by `QIAOMEN_BENCH_DB` (benches/scale.sh points
//! it at a copy of the five-year subdistrict database; the benches write to it) or one it
//! generates and imports into a temporary directory. Under `cargo test --benches` (no
//! `--bench` argument) everything runs once on the small community scale.

// Each bench binary uses a different part of this module.
#![allow(dead_code)]

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use qiaomen_core::generate::{GenerateOptions, Scale, generate};
use qiaomen_core::{ClockTime, Date, Engine, Now};

/// The community's UTC offset in the generated data (+08:00).
pub const OFFSET_MINUTES: i16 = 480;

/// The fixed "now" of every bench: the day after the generated history ends.
pub fn now() -> Now {
    Now::local(
        Date::from_ymd(2026, 11, 30).expect("a real day"),
        ClockTime::parse("09:40").expect("a real time"),
        OFFSET_MINUTES,
    )
}

/// True under `cargo bench`; false when `cargo test --benches` runs the binary as a test.
pub fn bench_mode() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// A criterion set up for a short run: small samples, short measurement.
pub fn criterion() -> criterion::Criterion {
    criterion::Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .without_plots()
        .configure_from_args()
}

/// A database to measure, and the temporary directory it lives in (if generated).
pub struct Fixture {
    pub store: Arc<Engine>,
    pub label: String,
    _dir: Option<tempfile::TempDir>,
}

impl Fixture {
    /// `QIAOMEN_BENCH_DB` when set (and in bench mode), else `scale` with `days` of history
    /// generated and imported afresh. In test mode: the community scale, a week of history.
    pub fn load(scale: Scale, days: u32) -> Fixture {
        if bench_mode()
            && let Some(dir) = std::env::var_os("QIAOMEN_BENCH_DB")
        {
            let dir = PathBuf::from(dir);
            let started = Instant::now();
            let store = Engine::open(&dir, "bench", now()).expect("open QIAOMEN_BENCH_DB");
            eprintln!(
                "bench db: {} (opened in {:?})",
                dir.display(),
                started.elapsed()
            );
            return Fixture {
                store: Arc::new(store),
                label: "db".to_owned(),
                _dir: None,
            };
        }
        let (scale, days) = if bench_mode() {
            (scale, days)
        } else {
            (Scale::Community, 7)
        };
        Self::generated(scale, days)
    }

    /// `scale` with `days` of check-ins, generated and imported into a temporary directory.
    pub fn generated(scale: Scale, days: u32) -> Fixture {
        let dir = tempfile::Builder::new()
            .prefix("qiaomen-bench-")
            .tempdir()
            .expect("temporary directory");
        let file = dir.path().join("data.jsonl");
        let opts = GenerateOptions {
            scale,
            seed: 1,
            days,
            end: now().date,
        };
        let started = Instant::now();
        let mut out = BufWriter::new(File::create(&file).expect("create data file"));
        generate(&opts, &mut out).expect("generate");
        out.flush().expect("write data file");
        drop(out);
        let store = Engine::create(&dir.path().join("db"), "bench", now()).expect("create");
        store
            .import(
                || Ok(BufReader::new(File::open(&file)?)),
                false,
                "bench",
                now(),
                "bench",
            )
            .expect("import");
        let label = format!("{scale}-{days}d");
        eprintln!(
            "bench db: {label}, generated and imported in {:?}",
            started.elapsed()
        );
        Fixture {
            store: Arc::new(store),
            label,
            _dir: Some(dir),
        }
    }
}

/// Times `f` once per run and prints the distribution; returns the sorted samples.
pub fn distribution(label: &str, runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let runs = if bench_mode() { runs } else { runs.min(3) };
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    samples.sort();
    report(label, &samples);
    samples
}

/// The sample at quantile `q` (0..=1) of sorted samples, nearest rank.
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Prints one line a script can pick up: `QM label n=.. p50=.. p95=.. p99=.. max=..` in ms.
pub fn report(label: &str, sorted: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "QM {label} n={} p50={:.3}ms p95={:.3}ms p99={:.3}ms max={:.3}ms",
        sorted.len(),
        ms(quantile(sorted, 0.50)),
        ms(quantile(sorted, 0.95)),
        ms(quantile(sorted, 0.99)),
        ms(sorted.last().copied().unwrap_or_default()),
    );
}

/// Resident set size of this process in bytes (0 where /proc is missing).
pub fn rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

/// CPU time (user + system, all threads) this process has used, at clock-tick resolution.
pub fn cpu_time() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // Linux reports these in USER_HZ, which is 100 on every mainstream configuration.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

/// Wall and CPU time of one call, printed as `QM label wall=..ms cpu=..ms`.
pub fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let (wall, cpu) = (Instant::now(), cpu_time());
    let out = f();
    println!(
        "QM {label} wall={:.1}ms cpu={:.0}ms",
        wall.elapsed().as_secs_f64() * 1000.0,
        cpu_time().saturating_sub(cpu).as_secs_f64() * 1000.0
    );
    out
}

/// Copies a database directory (`QIAOMEN_BENCH_DB`, `SOAK_DB`) to bench on, without its
/// server's socket and pid file.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let name = e.file_name();
        if name == "qiaomen.sock" || name == "server.pid" {
            continue;
        }
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &to.join(name));
        } else {
            std::fs::copy(e.path(), to.join(name)).expect("copy");
        }
    }
}
