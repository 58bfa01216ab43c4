//! Issue 4, the end-of-day summary: `summarize` for a day early in the history and for its
//! last day. The goal is that a long history does not make a day's summary slower.
//!
//! Default database: the community scale (40 elders) with five years of history, generated
//! here; benches/scale.sh sets `QIAOMEN_BENCH_DB` to a copy of the five-year subdistrict
//! database and also times the whole `qiaomen summary` process.

mod common;

use std::hint::black_box;

use common::{Fixture, distribution, now, timed};
use qiaomen_core::generate::Scale;
use qiaomen_core::summary;

fn main() {
    let mut c = common::criterion();
    let fx = Fixture::load(Scale::Community, 1825);
    let store = &fx.store;
    let (first, last) = store
        .checkin_span()
        .expect("span")
        .expect("the fixture has check-ins");
    // The history's last day: other benches on the same copy may have marked today.
    let last = last.min(now().date.add_days(-1));
    // Half a year in, when there is that much history; otherwise the middle of it.
    let early = first.add_days(180.min(last.days_since(first) / 2));
    for (name, day) in [("early", early), ("last", last)] {
        let label = format!("summary.{name} {} {day}", fx.label);
        timed(&format!("{label} first"), || {
            summary::summarize(store, day, now(), None, None).expect("summary")
        });
        distribution(&label, 20, || {
            black_box(summary::summarize(store, day, now(), None, None).expect("summary"));
        });
        c.bench_function(&format!("summary/{name}/{}", fx.label), |b| {
            b.iter(|| summary::summarize(store, day, now(), None, None).expect("summary"));
        });
    }
    c.final_summary();
}
