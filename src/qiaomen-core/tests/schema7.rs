//! Schema 7 keeps the memberships by blocks of 64 residents (`member_of`) and retires `heads`
//! and `head_of`: sled's open reads, rewrites and loads its page table in proportion to the
//! keys, and these were 1.56 million of a district's 3.1 million. A database of schema
//! 6 is migrated on open, journalled, then compacted (the deleted keys' slots let go); the
//! records read as they did. The fixture is a backup made by the release before schema 7 (the
//! demo community, check-ins on two days, the last ones after its snapshot) with that
//! release's export of it.

mod common;

use qiaomen_core::engine::Engine;
use qiaomen_core::model::{Household, Id};
use qiaomen_core::store::{HouseholdRow, Tree, decode_household_rows};
use qiaomen_core::{Command, Reads};

/// Every membership the households list, in order.
fn computed(engine: &Engine) -> Vec<(Id, Id)> {
    let mut pairs: Vec<(Id, Id)> = engine
        .store()
        .all::<Household>()
        .expect("households")
        .iter()
        .flat_map(|h| h.members.iter().map(|&m| (m, h.id)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A household's row in the household list, as kept.
fn row_of(engine: &Engine, id: Id) -> HouseholdRow {
    engine
        .raw_all(Tree::HouseholdRows)
        .expect("read")
        .iter()
        .flat_map(|v| decode_household_rows(v).expect("decode"))
        .find(|r| r.id == id)
        .expect("the household's row")
}

#[test]
fn a_schema_6_database_is_migrated_on_open_to_blocks_of_memberships() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let now = common::at("2026-12-03", "09:40");
    let (engine, old) = common::restore_migrated("schema6", 6, &dir, now);
    assert_eq!(
        common::export(engine.store(), false),
        old,
        "the same records"
    );

    let store = engine.store();
    let pairs = computed(&engine);
    assert_eq!(store.memberships().expect("memberships"), pairs);
    assert_eq!(engine.raw_all(Tree::Households).expect("read").len(), 49);
    assert!(pairs.len() > 80, "the demo's memberships: {}", pairs.len());
    let check = engine.check().expect("check");
    assert!(check.healthy(), "{:?}", check.problems);

    // After the migration a command keeps the blocks: a household's head renamed reaches its
    // row through the memberships, and a member moved reaches the blocks.
    let a = common::actor("柳青禾", now);
    let mut h: Household = store.require(1).expect("household 1");
    let head = h.members[0];
    assert_ne!(row_of(&engine, 1).head, "迁移后名");
    let mut r: qiaomen_core::model::Resident = store.require(head).expect("head");
    r.name = "迁移后名".into();
    engine.apply(Command::SaveResident(r), &a).expect("rename");
    assert_eq!(row_of(&engine, 1).head, "迁移后名");
    let moved = h.members.pop().expect("a member");
    engine
        .apply(Command::SaveHousehold(h), &a)
        .expect("a member leaves the list");
    assert!(!store.households_listing(moved).expect("read").contains(&1));
    assert_eq!(store.memberships().expect("memberships"), computed(&engine));
    assert!(engine.check().expect("check").healthy());
    let pairs = computed(&engine);

    // In sled itself: one key per block of 64 residents, and `head_of` empty.
    drop(engine);
    let db = common::raw_open(&dir);
    let blocks = {
        let mut b: Vec<Id> = pairs.iter().map(|p| p.0 / 64).collect();
        b.dedup();
        b.len()
    };
    let keys = |name: &str| db.open_tree(name).expect("tree").iter().count();
    assert_eq!(keys("member_of"), blocks, "one key per block");
    assert_eq!(keys("head_of"), 0, "retired");
    assert_eq!(keys("heads"), 0, "retired");
}
