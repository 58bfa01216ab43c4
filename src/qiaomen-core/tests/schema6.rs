//! Schema 6 keeps what a search reads of each resident and household (`search_column`, 64 of
//! one kind to a value), so that `find` without a server reads those cells instead of decoding
//! every record. A database of schema 5 is migrated on open, journalled (and, on the way to
//! schema 7, compacted); the records read as they did. The fixture is a backup made by the release before schema 6
//! (the demo community, check-ins on two days, the last one after its snapshot) with that
//! release's export of it.

mod common;

use qiaomen_core::engine::Engine;
use qiaomen_core::model::{Household, Resident};
use qiaomen_core::search::column::{BLOCK, HouseholdCell, ResidentCell, decode_cells};
use qiaomen_core::search::{SearchIndex, find};
use qiaomen_core::store::Tree;
use qiaomen_core::{Command, Reads};

/// The cells as kept, written out: households' blocks first (as many as the households
/// fill), then residents'.
fn kept_cells(engine: &Engine) -> Vec<String> {
    let mut household_blocks: Vec<u64> = engine
        .store()
        .all::<Household>()
        .expect("households")
        .iter()
        .map(|h| h.id / BLOCK)
        .collect();
    household_blocks.dedup();
    let blocks = engine.raw_all(Tree::SearchColumn).expect("read");
    let (households, residents) = blocks.split_at(household_blocks.len());
    let mut out = Vec::new();
    for v in households {
        let cells: Vec<HouseholdCell> = decode_cells(v).expect("decode");
        out.extend(cells.iter().map(|c| format!("{c:?}")));
    }
    for v in residents {
        let cells: Vec<ResidentCell> = decode_cells(v).expect("decode");
        out.extend(cells.iter().map(|c| format!("{c:?}")));
    }
    out
}

fn computed_cells(engine: &Engine) -> Vec<String> {
    let store = engine.store();
    let households = store.all::<Household>().expect("households");
    let residents = store.all::<Resident>().expect("residents");
    households
        .iter()
        .map(|h| format!("{:?}", HouseholdCell::of(h)))
        .chain(
            residents
                .iter()
                .map(|r| format!("{:?}", ResidentCell::of(r))),
        )
        .collect()
}

#[test]
fn a_schema_5_database_is_migrated_on_open_and_searched_from_its_column() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let now = common::at("2026-12-02", "09:40");
    let (engine, old) = common::restore_migrated("schema5", 5, &dir, now);
    assert_eq!(
        common::export(engine.store(), false),
        old,
        "the same records"
    );

    let cells = kept_cells(&engine);
    assert_eq!(cells.len(), 49 + 90, "the demo's households and residents");
    assert_eq!(cells, computed_cells(&engine));
    let report = engine.check().expect("check");
    assert!(report.healthy(), "{:?}", report.problems);

    // The search without an index answers what the index answers.
    let today = now.date;
    let index = SearchIndex::build(engine.store(), today).expect("index");
    let some: Resident = engine.store().require(80).expect("resident");
    for q in [
        some.name.as_str(),
        "wang",
        "钱",
        "1-3-201",
        &some.phone[7..],
        "G3",
    ] {
        for limit in [1, 5, 50] {
            assert_eq!(
                find(engine.store(), q, today, limit).expect("find"),
                index.query(q, limit),
                "{q:?} limit {limit}"
            );
        }
    }
    assert!(
        !find(engine.store(), &some.name, today, 5)
            .expect("find")
            .is_empty()
    );

    // A command after the migration keeps the column: the resident renamed is found by the
    // new name, not the old.
    let a = common::actor("柳青禾", now);
    let mut r = some.clone();
    r.name = "迁移后名".into();
    engine.apply(Command::SaveResident(r), &a).expect("rename");
    let found = find(engine.store(), "迁移后名", today, 5).expect("find");
    assert_eq!(found.iter().map(|h| h.id).collect::<Vec<_>>(), [80]);
    assert!(
        find(engine.store(), &some.name, today, 5)
            .expect("find")
            .iter()
            .all(|h| h.id != 80)
    );
    assert_eq!(kept_cells(&engine), computed_cells(&engine));
    assert!(engine.check().expect("check").healthy());
}
