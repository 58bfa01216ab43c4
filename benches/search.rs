//! Issue 5, search at 100,000 residents: building the index, one query for each key typed
//! (`w`, `wa`, … `wang 3-2-501`; `1`, `13`, … a whole phone number), and the index's memory.
//!
//! Memory is the growth of the resident set per extra index kept alive: the first build also
//! warms sled's cache and the allocator, so the second and third builds show the index alone.
//!
//! Default database: the subdistrict with 30 days of history; benches/scale.sh sets
//! `QIAOMEN_BENCH_DB` to a copy of the five-year database.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::{Fixture, distribution, now, quantile, report, rss_bytes, timed};
use qiaomen_core::generate::Scale;
use qiaomen_core::search::SearchIndex;

/// Whole queries; every prefix of each is one query, as the search popup sends them.
const TYPED: &[&str] = &[
    "wang 3-2-501",
    "zhang g3",
    "13831990357",
    "王秀芳",
    "顺安小区 3-2",
    "zsr",
    "#138",
    "3 2 501",
    "liu jian",
    "0357",
];

/// What the search popup asks for.
const LIMIT: usize = 50;

fn prefixes(text: &str) -> impl Iterator<Item = &str> {
    text.char_indices()
        .skip(1)
        .map(|(i, _)| &text[..i])
        .chain(std::iter::once(text))
}

fn main() {
    let mut c = common::criterion();
    let fx = Fixture::load(Scale::Subdistrict, 30);
    let store = &fx.store;
    let today = now().date;

    let rss_before = rss_bytes();
    let first = timed(&format!("search.build_first {}", fx.label), || {
        SearchIndex::build(store, today).expect("index")
    });
    let rss_one = rss_bytes();
    let more: Vec<SearchIndex> = (0..2)
        .map(|_| SearchIndex::build(store, today).expect("index"))
        .collect();
    let rss_three = rss_bytes();
    println!("QM search.entries {} {}", fx.label, first.len());
    println!(
        "QM search.index_bytes {} per_extra_index={} first_build_growth={}",
        fx.label,
        rss_three.saturating_sub(rss_one) / 2,
        rss_one.saturating_sub(rss_before)
    );
    drop(more);

    distribution(&format!("search.build {}", fx.label), 5, || {
        black_box(SearchIndex::build(store, today).expect("index"));
    });
    c.bench_function(&format!("search/build/{}", fx.label), |b| {
        b.iter(|| SearchIndex::build(store, today).expect("index"));
    });

    // Every prefix of every typed query, several rounds; the slowest prefixes are named.
    let rounds = if common::bench_mode() { 5 } else { 1 };
    let mut all: Vec<Duration> = Vec::new();
    let mut worst: Vec<(Duration, String, usize)> = Vec::new();
    for typed in TYPED {
        for prefix in prefixes(typed) {
            let mut samples: Vec<Duration> = (0..rounds)
                .map(|_| {
                    let t = Instant::now();
                    black_box(first.query(prefix, LIMIT));
                    t.elapsed()
                })
                .collect();
            samples.sort();
            let hits = first.query(prefix, LIMIT).len();
            worst.push((quantile(&samples, 0.5), prefix.to_owned(), hits));
            all.extend(samples);
        }
    }
    all.sort();
    report(&format!("search.keystroke {}", fx.label), &all);
    worst.sort_by_key(|w| std::cmp::Reverse(w.0));
    for (d, prefix, hits) in worst.iter().take(5) {
        println!(
            "QM search.slowest {:?} median={:.3}ms hits={hits}",
            prefix,
            d.as_secs_f64() * 1000.0
        );
    }
    for q in ["wang", "138", "wang 3-2-501"] {
        c.bench_function(&format!("search/query/{q}/{}", fx.label), |b| {
            b.iter(|| first.query(q, LIMIT));
        });
    }
    c.final_summary();
}
