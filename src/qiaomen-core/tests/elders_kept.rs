//! Schema 3 keeps each elder's roll-call entry (the resident and its household's address) in
//! the elders index. A database of schema 2 (whose elders index held only ids) is migrated on
//! open, journalled (and, on the way to schema 7, compacted); the roll reads the
//! same, with every elder's address. The fixture is a backup made by the release before schema
//! 3 (the demo community, check-ins on two days, the last one after its snapshot) with that
//! release's export of it.

mod common;

use std::path::{Path, PathBuf};

use qiaomen_core::engine::{Engine, Recovery};
use qiaomen_core::model::{Address, Household, Outcome};
use qiaomen_core::people::PeopleCommand;
use qiaomen_core::store::SCHEMA_VERSION;
use qiaomen_core::{Command, Reads, rollcall};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema2")
}

fn restored(dir: &Path) -> Engine {
    let now = common::at("2026-12-02", "08:10");
    let (engine, report) =
        Engine::restore(&fixture(), None, dir, "tester", now).expect("restore the old backup");
    assert_eq!(report.seq, 5, "every entry of the backup");
    engine
}

fn address_of(engine: &Engine, household: Option<u64>) -> Address {
    household
        .and_then(|h| engine.get::<Household>(h).expect("read"))
        .map(|h| h.address)
        .unwrap_or_default()
}

#[test]
fn a_schema_2_database_is_migrated_on_open_and_its_roll_carries_the_addresses() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = restored(&dir);
    assert!(
        engine.recovered().contains(&Recovery::Migrated {
            from: 2,
            to: SCHEMA_VERSION
        }),
        "told once: {:?}",
        engine.recovered()
    );
    assert_eq!(engine.schema().expect("schema"), SCHEMA_VERSION);
    assert_eq!(engine.last_seq(), 6, "the migration is one journal entry");
    // Nothing else changed: the same records as that release exported.
    // That release had no case work of issue 16: its cases read as held by the grid (or the
    // community when escalated), with no organisations, paired steward or start.
    let old = std::fs::read_to_string(fixture().join("export.jsonl")).expect("fixture export");
    // Nor had its meetings attendees as references (meeting format 2: names read as guests).
    let now = common::attendees_as_names(&common::export(&engine, false))
        .replace(
            r#","level":"grid","orgs":[],"paired":null,"since":null}"#,
            "}",
        )
        .replace(
            r#","level":"community","orgs":[],"paired":null,"since":null}"#,
            "}",
        );
    assert_eq!(now, old);
    // The migration goes on to schema 7, which compacts the store: from a snapshot taken
    // right after it.
    assert!(dir.join("snapshots/snap-00000000000000000006.qms").exists());

    // Every elder of the roll, with the address of the household it points to.
    let day = common::day("2026-12-02");
    let now = common::at("2026-12-02", "08:10");
    let roll = rollcall::roll(&engine, day, now, None).expect("roll");
    assert_eq!(roll.entries.len(), 18, "the demo's elders");
    for e in &roll.entries {
        assert_eq!(
            e.address,
            address_of(&engine, e.elder.household),
            "{}",
            e.elder.name
        );
        assert!(
            !e.address.text.is_empty(),
            "{} has an address",
            e.elder.name
        );
    }
    let reached = roll
        .entries
        .iter()
        .find(|e| e.elder.name == "钱福生")
        .expect("钱福生");
    assert!(
        reached.is_reached(),
        "the mark after the snapshot is replayed"
    );
    assert_eq!(reached.address.short(), "新桥安置小区 1-3-201");
    let elders: Vec<_> = engine.elders().expect("elders");
    assert_eq!(elders.len(), 18);

    let report = engine.check().expect("check");
    assert!(report.healthy(), "{:?}", report.problems);
    drop(engine);

    // Opening again does not migrate again.
    let engine = common::reopen(&dir);
    assert!(engine.recovered().is_empty(), "{:?}", engine.recovered());
    assert_eq!(engine.last_seq(), 6);
}

#[test]
fn a_households_new_address_and_a_residents_edit_reach_the_elders_entry() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let engine = restored(&dir);
    let a = common::actor("柳青禾", common::at("2026-12-02", "08:20"));
    let day = common::day("2026-12-02");
    let now = common::at("2026-12-02", "08:20");
    let entry = |engine: &Engine, name: &str| {
        rollcall::roll(engine, day, now, None)
            .expect("roll")
            .entries
            .into_iter()
            .find(|e| e.elder.name == name)
    };
    let before = entry(&engine, "曾凤仙").expect("on the roll");
    let home = before.elder.household.expect("a household");

    // The household moves to another address: the elder's entry follows.
    let mut h: Household = engine.require(home).expect("household");
    h.address.room = "402".into();
    engine
        .apply(Command::People(PeopleCommand::SaveHousehold(h.clone())), &a)
        .expect("save household");
    assert_eq!(entry(&engine, "曾凤仙").expect("still").address, h.address);

    // The elder's phone changes: the roll shows the new one.
    let mut r = before.elder.clone();
    r.phone = "13800001111".into();
    engine
        .apply(Command::SaveResident(r.clone()), &a)
        .expect("save resident");
    assert_eq!(
        entry(&engine, "曾凤仙").expect("still").elder.phone,
        "13800001111"
    );

    // Without a care plan the elder leaves the roll and the index.
    r.care = None;
    engine
        .apply(Command::SaveResident(r.clone()), &a)
        .expect("save resident");
    assert!(entry(&engine, "曾凤仙").is_none());
    assert!(
        engine
            .elders()
            .expect("elders")
            .iter()
            .all(|e| e.id != r.id)
    );
    let report = engine.check().expect("check");
    assert!(report.healthy(), "{:?}", report.problems);

    // A check-in still finds everyone else.
    let other = entry(&engine, "王德厚").expect("on the roll");
    let c = common::new_checkin(other.elder.id, "2026-12-02", "08:19", Outcome::Ok);
    engine.apply(Command::CheckIn(c), &a).expect("mark");
    assert!(entry(&engine, "王德厚").expect("still").is_reached());
}
