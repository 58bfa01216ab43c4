//! Schema 9 keeps the residents and the households sixteen to a key (`store/blocks.rs`): sled's
//! open costs in proportion to the keys, and these were 1.32 million of a district's 1.56
//! million. A database of schema 8 is migrated on open, journalled, then compacted (the
//! deleted keys' slots let go); the records read as they did. The fixture is a backup made by
//! the release before schema 9 (the demo community, check-ins on two days, and after its last
//! snapshot a resident changed, one added and moved to another household) with that
//! release's export of it: the entries after the snapshot are replayed onto records kept a
//! record to a key, before the migration moves them.

mod common;

use qiaomen_core::Command;
use qiaomen_core::model::{Household, Resident};
use qiaomen_core::store::blocks::BLOCK_IDS;
use qiaomen_core::store::{Entity, Tree};

#[test]
fn a_schema_8_database_is_migrated_on_open_to_records_by_blocks() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let now = common::at("2026-12-03", "09:40");
    let (engine, old) = common::restore_migrated("schema8", 8, &dir, now);
    assert_eq!(
        common::export(engine.store(), false),
        old,
        "the same records"
    );
    let check = engine.check().expect("check");
    assert!(check.healthy(), "{:?}", check.problems);
    // The entries after the snapshot, replayed before the migration, are in: the resident
    // changed, and the one added and moved.
    let store = engine.store();
    let wang = store.require::<Resident>(73).expect("王秀英");
    assert_eq!(wang.phone, "13800001234");
    let added = store.require::<Resident>(91).expect("林晓晨");
    assert_eq!(added.household, Some(3));
    assert!(
        store
            .require::<Household>(3)
            .expect("#3")
            .members
            .contains(&91)
    );
    assert!(
        !store
            .require::<Household>(12)
            .expect("#12")
            .members
            .contains(&91)
    );
    let residents = store.all::<Resident>().expect("residents");
    let households = store.all::<Household>().expect("households");
    // Every key of the two trees is a block's: as many keys as blocks the ids fill.
    let found = store.count_keys().expect("count");
    for (tree, ids) in [
        (
            Tree::Residents,
            residents.iter().map(|r| r.id).collect::<Vec<_>>(),
        ),
        (
            Tree::Households,
            households.iter().map(Household::id).collect(),
        ),
    ] {
        let mut blocks: Vec<u64> = ids.iter().map(|id| id / BLOCK_IDS).collect();
        blocks.dedup();
        assert_eq!(found[tree as usize], blocks.len() as u64, "{tree:?}");
        assert!(blocks.len() * 4 < ids.len(), "{tree:?}: {} ids", ids.len());
    }
    drop(engine);

    // The store was rewritten after the migration (a rewrite takes a snapshot first).
    assert_eq!(
        std::fs::read_dir(dir.join("snapshots"))
            .expect("snapshots")
            .count(),
        2,
        "the restore's snapshot and the rewrite's"
    );

    // It goes on as a store of today: a resident added lands in its block.
    let engine = common::reopen(&dir);
    let mut r = residents[0].clone();
    r.id = 0;
    r.name = "新来的".into();
    common::apply_ok(&engine, Command::SaveResident(r), &common::clerk());
    let id = engine
        .store()
        .all::<Resident>()
        .expect("residents")
        .iter()
        .map(Resident::id)
        .max()
        .expect("an id");
    assert!(id > 91, "a new id: {id}");
    assert_eq!(
        engine.store().require::<Resident>(id).expect("added").name,
        "新来的"
    );
    let check = engine.check().expect("check");
    assert!(check.healthy(), "{:?}", check.problems);
    let found = engine.store().count_keys().expect("count");
    let mut blocks: Vec<u64> = engine
        .store()
        .all::<Resident>()
        .expect("residents")
        .iter()
        .map(|r| r.id / BLOCK_IDS)
        .collect();
    blocks.dedup();
    assert_eq!(found[Tree::Residents as usize], blocks.len() as u64);
}
