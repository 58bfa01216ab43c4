//! Issue 2, the store: one durable check-in write (transaction, flush, fsync) and the roll call
//! of one day, in process. Whole-process figures (import, size, `qiaomen roll`) are in
//! benches/scale.sh.
//!
//! Default database: the subdistrict (100,000 residents, 2,000 elders) with 30 days of
//! history; benches/scale.sh sets `QIAOMEN_BENCH_DB` to a copy of the five-year database.

mod common;

use std::hint::black_box;

use common::{Fixture, distribution, now, timed};
use criterion::Criterion;
use qiaomen_core::generate::Scale;
use qiaomen_core::model::{CheckIn, Id, Method, Outcome};
use qiaomen_core::{Actor, Command, Store, rollcall};

/// Elders marked in turn, so writes land all over the day's key range as they do in use.
fn elder_ids(store: &Store) -> Vec<Id> {
    let today = now().date;
    store
        .elders()
        .expect("elders")
        .into_iter()
        .filter(|e| e.care.as_ref().is_some_and(|c| c.active_on(today)))
        .map(|e| e.id)
        .collect()
}

fn check_in(store: &qiaomen_core::Engine, elder: Id, actor: &Actor) {
    let c = CheckIn {
        elder,
        date: actor.now.date,
        seq: 0,
        time: actor.now.time,
        by: actor.operator.clone(),
        method: Method::Phone,
        outcome: Outcome::Ok,
        note: String::new(),
        away_until: None,
        contact: None,
        case: None,
    };
    black_box(store.apply(Command::CheckIn(c), actor).expect("check-in"));
}

fn main() {
    let mut c: Criterion = common::criterion();
    let fx = Fixture::load(Scale::Subdistrict, 30);
    let store = &fx.store;
    let elders = elder_ids(store);
    assert!(!elders.is_empty(), "the fixture has elders due today");
    let actor = Actor {
        operator: "bench".to_owned(),
        now: now(),
    };
    let mut next = 0usize;
    let mut write = || {
        check_in(store, elders[next % elders.len()], &actor);
        next += 1;
    };
    println!(
        "QM store.db_bytes {} {}",
        fx.label,
        store.size_on_disk().unwrap_or(0)
    );
    distribution(
        &format!("store.checkin_write {}", fx.label),
        300,
        &mut write,
    );
    c.bench_function(&format!("store/checkin_write/{}", fx.label), |b| {
        b.iter(&mut write);
    });

    let yesterday = now().date.add_days(-1);
    timed(&format!("store.roll_first {}", fx.label), || {
        rollcall::roll(store, yesterday, now(), None).expect("roll")
    });
    distribution(&format!("store.roll {}", fx.label), 20, || {
        black_box(rollcall::roll(store, yesterday, now(), None).expect("roll"));
    });
    c.bench_function(&format!("store/roll/{}", fx.label), |b| {
        b.iter(|| rollcall::roll(store, yesterday, now(), None).expect("roll"));
    });
    c.final_summary();
}
