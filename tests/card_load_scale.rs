//! How long a resident card takes to read at scale: the card's own records through the
//! engine's links, against reading every visit, case and fund entry as it did before. Not run
//! by `cargo test` (it needs a large database); run by hand on one:
//!
//! ```text
//! qiaomen generate --scale subdistrict --seed 1 --days 30 > /tmp/sub.jsonl
//! qiaomen --db /tmp/subdb init && qiaomen --db /tmp/subdb --no-server import /tmp/sub.jsonl
//! QIAOMEN_SCALE_DB=/tmp/subdb cargo test --test card_load_scale -- --ignored --nocapture
//! ```

use std::sync::Arc;
use std::time::Instant;

use qiaomen::backend::{Backend, Direct};
use qiaomen::popups::card::CardData;
use qiaomen_core::model::{Case, FundEntry, Household, Visit};
use qiaomen_core::{Engine, Reads};

#[test]
#[ignore = "needs a database at scale in QIAOMEN_SCALE_DB"]
fn a_card_reads_only_its_own_records() {
    let Some(dir) = std::env::var_os("QIAOMEN_SCALE_DB") else {
        return;
    };
    let now = qiaomen_core::Now::local(
        qiaomen_core::Date::from_ymd(2026, 12, 1).expect("a day"),
        qiaomen_core::ClockTime::new(9, 40).expect("a time"),
        480,
    );
    let engine = Engine::open(std::path::Path::new(&dir), "tester", now).expect("open");
    let backend: Arc<dyn Backend> = Arc::new(Direct::new(engine));
    // The head of the household of the first visit: a card with something to show.
    let visit = backend.all::<Visit>().expect("visits").remove(0);
    let household = backend
        .require::<Household>(visit.household)
        .expect("household");
    let id = household.members[0];

    let t = Instant::now();
    let visits: Vec<Visit> = backend.all::<Visit>().expect("visits");
    let cases: Vec<Case> = backend.all::<Case>().expect("cases");
    let fund: Vec<FundEntry> = backend.all::<FundEntry>().expect("fund");
    let before = t.elapsed();
    let mine = (
        visits
            .iter()
            .filter(|v| v.household == household.id)
            .count(),
        cases.iter().filter(|c| c.residents.contains(&id)).count(),
        fund.iter()
            .filter(|f| f.household == Some(household.id))
            .count(),
    );

    let t = Instant::now();
    let first = CardData::load(&*backend, id, now.date).expect("the card");
    let first_time = t.elapsed();
    let t = Instant::now();
    let again = CardData::load(&*backend, id, now.date).expect("the card");
    let again_time = t.elapsed();
    assert_eq!(
        (first.visits.len(), first.cases.len(), first.fund.len()),
        mine,
        "the same records as reading everything"
    );
    assert_eq!(again.visits, first.visits);
    let t = Instant::now();
    backend
        .checkins_of(id, now.date.add_days(-29), now.date)
        .expect("check-ins");
    let checkins = t.elapsed();
    let t = Instant::now();
    backend
        .query(qiaomen_core::query::Query::Linked {
            resident: id,
            household: Some(household.id),
        })
        .expect("linked");
    let linked = t.elapsed();
    eprintln!("of which 30 days of check-ins {checkins:?}, the linked records {linked:?}");
    eprintln!(
        "reading every visit, case and fund entry: {before:?}; card: first {first_time:?} \
         (builds the links), then {again_time:?}"
    );
}

#[test]
#[ignore = "needs a database at scale in QIAOMEN_SCALE_DB"]
fn a_name_is_looked_up_through_search() {
    let Some(dir) = std::env::var_os("QIAOMEN_SCALE_DB") else {
        return;
    };
    let now = qiaomen_core::Now::local(
        qiaomen_core::Date::from_ymd(2026, 12, 1).expect("a day"),
        qiaomen_core::ClockTime::new(9, 40).expect("a time"),
        480,
    );
    let engine = Engine::open(std::path::Path::new(&dir), "tester", now).expect("open");
    let backend: Arc<dyn Backend> = Arc::new(Direct::new(engine));
    let someone = backend
        .get::<qiaomen_core::model::Resident>(5_000)
        .expect("read")
        .expect("a resident");
    let t = Instant::now();
    let all = backend.all::<qiaomen_core::model::Resident>().expect("all");
    let same: Vec<_> = all.iter().filter(|r| r.name == someone.name).collect();
    let before = t.elapsed();
    for round in ["first", "second", "with the index warm, as in a server"] {
        if round.starts_with("with") {
            // A first search reads through the matcher, the second builds the index.
            for _ in 0..2 {
                backend.find("x", now.date, 1, false).expect("search");
            }
        }
        let t = Instant::now();
        let found = qiaomen_core::lookup::resident(&*backend, &someone.name);
        let took = t.elapsed();
        match (&found, same.as_slice()) {
            (Ok(r), [one]) => assert_eq!(r.id, one.id),
            (Err(qiaomen_core::Error::Ambiguous { .. }), many) => assert!(many.len() > 1),
            other => panic!("{other:?}"),
        }
        eprintln!(
            "{}: every resident read {before:?}; through search, {round}: {took:?}",
            someone.name
        );
    }
}
