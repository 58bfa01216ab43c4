//! Schema 5 keeps what `household list` shows of each household (`household_rows`, 64
//! households to a value). A database of schema 4 is migrated on open, journalled (and, on
//! the way to schema 7, compacted); the records read as they did. The fixture is a backup made by the release
//! before schema 5 (the demo community, check-ins on two days, the last ones after its
//! snapshot) with that release's export of it.

mod common;

use qiaomen_core::engine::Engine;
use qiaomen_core::model::{Household, Resident};
use qiaomen_core::store::{HouseholdRow, Tree, decode_household_rows};
use qiaomen_core::{Command, Reads};

fn kept_rows(engine: &Engine) -> Vec<HouseholdRow> {
    engine
        .raw_all(Tree::HouseholdRows)
        .expect("read")
        .iter()
        .flat_map(|v| decode_household_rows(v).expect("decode"))
        .collect()
}

fn computed_rows(engine: &Engine) -> Vec<HouseholdRow> {
    engine
        .store()
        .all::<Household>()
        .expect("households")
        .iter()
        .map(|h| {
            let head = h
                .members
                .first()
                .and_then(|&m| engine.store().get::<Resident>(m).expect("read"))
                .map(|r| r.name);
            HouseholdRow::of(h, head.as_deref())
        })
        .collect()
}

#[test]
fn a_schema_4_database_is_migrated_on_open_and_lists_its_households_from_kept_rows() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let now = common::at("2026-12-02", "09:30");
    let (engine, old) = common::restore_migrated("schema4", 4, &dir, now);
    assert_eq!(
        common::export(engine.store(), false),
        old,
        "the same records"
    );

    let rows = kept_rows(&engine);
    assert_eq!(rows.len(), 49, "the demo's households");
    assert_eq!(rows, computed_rows(&engine));
    assert!(
        rows.iter()
            .any(|r| !r.head.is_empty() && r.status.is_some()),
        "heads and files carried"
    );
    let report = engine.check().expect("check");
    assert!(report.healthy(), "{:?}", report.problems);

    // A command after the migration keeps the rows: the head renamed, the needs edited.
    let a = common::actor("柳青禾", now);
    let mut h: Household = engine.store().require(rows[0].id).expect("household");
    h.needs = "迁移后的需求".into();
    engine
        .apply(Command::SaveHousehold(h.clone()), &a)
        .expect("save");
    let mut head: Resident = engine.store().require(h.members[0]).expect("head");
    head.name = "改名后".into();
    engine
        .apply(Command::SaveResident(head), &a)
        .expect("rename");
    let rows = kept_rows(&engine);
    assert_eq!(rows[0].needs, "迁移后的需求");
    assert_eq!(rows[0].head, "改名后");
    assert_eq!(rows, computed_rows(&engine));
    assert!(engine.check().expect("check").healthy());
}
