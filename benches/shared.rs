//! Shared mode (issue 10), in process: what the server answers once a client is connected,
//! and one check-in's latency while 30 clients write at once.
//!
//! - `QIAOMEN_BENCH_DB=DIR` (bench mode): that database, through the server already running
//!   for it (benches/shared.sh starts one and stops it), or one this bench starts. **It writes
//!   check-ins**, so point it at a copy.
//! - otherwise: the subdistrict with 30 days (bench mode) or the community with 7 days (under
//!   `cargo test --benches`), generated and imported with the real binary into a temporary
//!   directory.
//!
//! A server this bench starts is stopped when it ends, also on a panic (`Server`'s drop runs
//! `qiaomen --db DIR serve --stop`, then kills it by its pid file if it is still there).
//!
//! Prints `QM` lines: the percentiles of `Client::connect` (the hello), of one request on an
//! open connection (find, roll, summary, a check-in, one household per elder as the TUI's
//! roll call reads them), and of one check-in among 30 writers,
//! with the server's resident set before and after.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use common::{bench_mode, distribution, now, report};
use qiaomen::backend::Backend;
use qiaomen::service::Client;
use qiaomen_core::model::{CheckIn, Id, Method, Outcome};
use qiaomen_core::query::Query;
use qiaomen_core::store::Tree;
use qiaomen_core::{Actor, Command as Cmd};

const BIN: &str = env!("CARGO_BIN_EXE_qiaomen");
/// Writers at once and check-ins each.
const WRITERS: usize = 30;
const EACH: usize = 100;

/// The clock every process of this bench uses (the same as `common::now`).
const NOW: &str = "2026-11-30T09:40";

fn qiaomen(dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.arg("--db")
        .arg(dir)
        .env("QIAOMEN_NOW", NOW)
        .env("QIAOMEN_OPERATOR", "bench")
        .env("QIAOMEN_LANG", "en")
        .stdin(Stdio::null());
    c
}

/// Runs a command to its end (its standard output goes where `c` says, else to a pipe).
fn run(c: &mut Command) {
    let out = c.output().expect("run qiaomen");
    assert!(
        out.status.success(),
        "{c:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A server this bench started; stopped on drop.
struct Server {
    dir: PathBuf,
}

impl Server {
    /// Connects to the server of `dir`, starting one (and owning it) when none answers.
    fn ensure(dir: &Path) -> Option<Server> {
        if Client::connect(dir).is_ok() {
            eprintln!("using the server already running for {}", dir.display());
            return None;
        }
        let owned = Server {
            dir: dir.to_owned(),
        };
        // Any command starts the server in the background (autostart), as a user's would.
        run(qiaomen(dir).arg("roll"));
        Some(owned)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let pid = server_pid(&self.dir);
        let _ = qiaomen(&self.dir)
            .args(["serve", "--stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if let Some(pid) = pid
            && Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
    }
}

fn server_pid(dir: &Path) -> Option<u32> {
    std::fs::read_to_string(dir.join(qiaomen::service::socket::PID_FILE))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// The server's resident set in MB, from /proc.
fn server_rss_mb(dir: &Path) -> f64 {
    server_pid(dir)
        .and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A database generated and imported with the real binary, in a temporary directory.
fn generated(scale: &str, days: u32) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::Builder::new()
        .prefix("qiaomen-shared-")
        .tempdir()
        .expect("temporary directory");
    let data = tmp.path().join("data.jsonl");
    let db = tmp.path().join("db");
    let started = Instant::now();
    run(qiaomen(&db)
        .args(["generate", "--scale", scale, "--seed", "1", "--days"])
        .arg(days.to_string())
        .stdout(std::fs::File::create(&data).expect("data file")));
    run(qiaomen(&db).args(["--no-server", "init", "--empty"]));
    run(qiaomen(&db).args(["--no-server", "import"]).arg(&data));
    eprintln!(
        "bench db: {scale}-{days}d, generated and imported in {:?}",
        started.elapsed()
    );
    (tmp, db)
}

fn checkin(elder: Id, by: &str) -> Cmd {
    let now = now();
    Cmd::CheckIn(CheckIn {
        elder,
        date: now.date,
        seq: 0,
        time: now.time,
        by: by.into(),
        method: Method::default(),
        outcome: Outcome::Ok,
        note: String::new(),
        away_until: None,
        contact: None,
        case: None,
    })
}

fn main() {
    let (_tmp, dir) = match std::env::var_os("QIAOMEN_BENCH_DB").filter(|_| bench_mode()) {
        Some(d) => (None, std::path::absolute(PathBuf::from(d)).expect("path")),
        None if bench_mode() => {
            let (t, d) = generated("subdistrict", 30);
            (Some(t), d)
        }
        None => {
            let (t, d) = generated("community", 7);
            (Some(t), d)
        }
    };
    let dir = std::path::absolute(&dir).expect("absolute path");
    let _server = Server::ensure(&dir);
    let client = Client::connect(&dir).expect("connect to the server");
    let actor = Actor {
        operator: "bench".into(),
        now: now(),
    };
    let residents = client
        .query(Query::Elders)
        .and_then(qiaomen_core::query::Answer::elders)
        .expect("elders");
    let households: Vec<Id> = residents.iter().filter_map(|r| r.household).collect();
    let elders: Vec<Id> = residents.into_iter().map(|r| r.id).collect();
    assert!(!elders.is_empty(), "no elders in the database");
    let today = now().date;
    let ask = |q: Query| client.query(q).expect("query");
    let find = || Query::Find {
        text: "王秀芳".into(),
        today,
        limit: 50,
        all: false,
    };
    let roll = || Query::Roll {
        date: today,
        now: now(),
        grid: None,
    };
    let summary = || Query::Summary {
        date: today,
        now: now(),
        grid: None,
        period: None,
    };
    // Warm: the index, today's roll call and its summary.
    for _ in 0..3 {
        ask(find());
        ask(roll());
        ask(summary());
    }
    println!("QM server_rss_warm rss={:.0}MB", server_rss_mb(&dir));

    distribution("connect_hello", 20, || {
        drop(Client::connect(&dir).expect("connect"));
    });
    distribution("request_find_wang_xiufang", 50, || {
        ask(find());
    });
    distribution("request_roll", 50, || {
        ask(roll());
    });
    distribution("request_summary_warm", 50, || {
        ask(summary());
    });
    // What the TUI's roll-call pane does before its first frame (`read_addresses`): one
    // `Get` of a household per elder, each a round trip.
    distribution("request_get_household_per_elder", 10, || {
        for &h in &households {
            ask(Query::Get(Tree::Households, h));
        }
    });
    let mut i = 0;
    distribution("request_checkin", 50, || {
        client
            .apply(checkin(elders[i % elders.len()], "bench"), &actor)
            .expect("check-in");
        i += 1;
    });
    // The summary cache is dropped at every apply: the first summary after a change.
    let mut i = 0;
    let mut first: Vec<Duration> = (0..if bench_mode() { 20 } else { 3 })
        .map(|_| {
            client
                .apply(checkin(elders[i % elders.len()], "bench"), &actor)
                .expect("check-in");
            i += 1;
            let t = Instant::now();
            ask(summary());
            t.elapsed()
        })
        .collect();
    first.sort();
    report("request_summary_after_change", &first);

    // 30 writers at once, each with its own connection.
    let (writers, each) = if bench_mode() {
        (WRITERS, EACH)
    } else {
        (WRITERS, 3)
    };
    let elders = Arc::new(elders);
    let start = Arc::new(Barrier::new(writers + 1));
    let threads: Vec<_> = (0..writers)
        .map(|w| {
            let (dir, elders, start) = (dir.clone(), Arc::clone(&elders), Arc::clone(&start));
            std::thread::spawn(move || {
                let c = Client::connect(&dir).expect("connect");
                let actor = Actor {
                    operator: format!("writer-{w}"),
                    now: now(),
                };
                start.wait();
                (0..each)
                    .map(|k| {
                        // Writers spread over all elders, each on elders of its own.
                        let elder = elders[(w + k * writers) * 7 % elders.len()];
                        let t = Instant::now();
                        c.apply(checkin(elder, &actor.operator), &actor)
                            .expect("check-in");
                        t.elapsed()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    start.wait();
    let began = Instant::now();
    let mut all: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("writer"))
        .collect();
    let wall = began.elapsed();
    all.sort();
    report(&format!("checkin_{writers}_writers"), &all);
    println!(
        "QM checkin_{writers}_writers_throughput n={} wall={:.0}ms rate={:.0}/s",
        all.len(),
        wall.as_secs_f64() * 1000.0,
        all.len() as f64 / wall.as_secs_f64()
    );
    println!("QM server_rss_after rss={:.0}MB", server_rss_mb(&dir));
}
