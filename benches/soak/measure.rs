//! The soak's measurements: bytes of a database's parts on disk (allocated, as `du` counts
//! them), the process's resident set, the per-day CSV and the table on stdout.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use qiaomen_core::Date;
use qiaomen_core::engine::{JOURNAL_DIR, SNAPSHOT_DIR, STORE_DIR};

use super::common::rss_bytes;
use super::day::DayCount;

/// Bytes allocated on disk under `path` and how many files.
pub fn du(path: &Path) -> (u64, u64) {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return (0, 0);
    };
    if meta.is_dir() {
        std::fs::read_dir(path).map_or((0, 0), |r| {
            r.filter_map(Result::ok)
                .map(|e| du(&e.path()))
                .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        })
    } else {
        (meta.blocks() * 512, 1)
    }
}

/// A database's parts on disk.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk {
    pub store: u64,
    pub store_files: u64,
    pub snapshots: u64,
    pub journal: u64,
}

impl Disk {
    pub fn of(db: &Path) -> Disk {
        let (store, store_files) = du(&db.join(STORE_DIR));
        Disk {
            store,
            store_files,
            snapshots: du(&db.join(SNAPSHOT_DIR)).0,
            journal: du(&db.join(JOURNAL_DIR)).0,
        }
    }

    pub fn total(&self) -> u64 {
        self.store + self.snapshots + self.journal
    }
}

/// Free bytes for unprivileged users on the file system holding `path`.
pub fn free_bytes(path: &Path) -> u64 {
    rustix::fs::statvfs(path).map_or(u64::MAX, |s| s.f_bavail * s.f_frsize)
}

pub fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

/// One row of the series.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub day: u32,
    pub date: Date,
    pub count: DayCount,
    pub seconds: f64,
    pub disk: Disk,
    pub rss: u64,
}

impl Sample {
    pub fn take(day: u32, date: Date, count: DayCount, seconds: f64, db: &Path) -> Sample {
        Sample {
            day,
            date,
            count,
            seconds,
            disk: Disk::of(db),
            rss: rss_bytes(),
        }
    }
}

/// The per-day CSV, written as the run goes so a stopped run keeps its series.
pub struct Csv(BufWriter<File>);

impl Csv {
    pub fn create(path: &Path) -> Csv {
        let mut w = BufWriter::new(File::create(path).expect("create the CSV"));
        writeln!(
            w,
            "day,date,commands,checkins,refused,snapshot_bytes,seconds,store_bytes,store_files,snapshots_bytes,journal_bytes,total_bytes,rss_bytes"
        )
        .expect("write the CSV");
        Csv(w)
    }

    pub fn row(&mut self, s: &Sample) {
        writeln!(
            self.0,
            "{},{},{},{},{},{},{:.2},{},{},{},{},{},{}",
            s.day,
            s.date,
            s.count.commands,
            s.count.checkins,
            s.count.refused,
            s.count.snapshot,
            s.seconds,
            s.disk.store,
            s.disk.store_files,
            s.disk.snapshots,
            s.disk.journal,
            s.disk.total(),
            s.rss
        )
        .and_then(|()| self.0.flush())
        .expect("write the CSV");
    }
}

pub fn table_header() {
    println!(
        "{:>4} {:>10} {:>6} {:>6} {:>7} {:>9} {:>6} {:>9} {:>9} {:>8}",
        "day",
        "date",
        "cmds",
        "marks",
        "s/day",
        "store MiB",
        "files",
        "snaps MiB",
        "jrnl MiB",
        "RSS MiB"
    );
}

pub fn table_row(s: &Sample) {
    println!(
        "{:>4} {:>10} {:>6} {:>6} {:>7.1} {:>9} {:>6} {:>9} {:>9} {:>8}",
        s.day,
        s.date.to_string(),
        s.count.commands,
        s.count.checkins,
        s.seconds,
        mb(s.disk.store),
        s.disk.store_files,
        mb(s.disk.snapshots),
        mb(s.disk.journal),
        mb(s.rss)
    );
}
