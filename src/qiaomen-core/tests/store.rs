//! The store on disk: what `apply` wrote is there after a reopen, the directory is private,
//! a second opener is told the database is busy, a newer schema is refused, and damaged values
//! written behind the store's back are reported as `Error::Corrupt`.

mod common;

use std::path::Path;

use common::{apply_ok, clerk, new_checkin, new_elder, new_grid, new_member};
use qiaomen_core::model::{AuditEntry, Grid, Member, Outcome, Resident};
use qiaomen_core::rollcall::roll;
use qiaomen_core::store::SCHEMA_VERSION;
use qiaomen_core::{Command, Error, Store};

/// A database with one grid (id 1), one member (id 1), one elder (id 1) and one check-in.
fn populated(dir: &Path) {
    let store = common::reopen(dir);
    let a = clerk();
    let grid = apply_ok(&store, Command::SaveGrid(new_grid("G1", "第一网格")), &a).id;
    apply_ok(
        &store,
        Command::SaveMember(new_member("柳青禾", Some(grid))),
        &a,
    );
    let elder = apply_ok(
        &store,
        Command::SaveResident(new_elder("石秋云", grid, 1, "2026-01-01")),
        &a,
    )
    .id;
    apply_ok(
        &store,
        Command::CheckIn(new_checkin(elder, "2026-03-10", "08:40", Outcome::Ok)),
        &a,
    );
}

fn raw_put(dir: &Path, tree: &str, key: &[u8], value: &[u8]) {
    let db = common::raw_open(dir);
    db.open_tree(tree)
        .expect("tree")
        .insert(key, value)
        .expect("insert");
    db.flush().expect("flush");
}

#[test]
fn applied_commands_survive_a_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    populated(dir.path());
    let store = common::reopen(dir.path());
    assert_eq!(store.require::<Grid>(1).expect("grid").code, "G1");
    assert_eq!(store.require::<Member>(1).expect("member").name, "柳青禾");
    assert_eq!(store.elders().expect("elders").len(), 1);
    let day = common::day("2026-03-10");
    let checkins = store.checkins_on(day).expect("check-ins");
    assert_eq!(checkins.len(), 1);
    assert_eq!(checkins[0].outcome, Outcome::Ok);
    assert_eq!(store.count::<AuditEntry>().unwrap(), 4);
    // Ids continue after the reopen instead of starting over.
    let next = apply_ok(
        &store,
        Command::SaveGrid(new_grid("G2", "第二网格")),
        &clerk(),
    )
    .id;
    assert_eq!(next, 2);
}

#[cfg(unix)]
#[test]
fn a_new_database_directory_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().expect("tempdir");
    let dir = parent.path().join("data").join("qiaomen");
    drop(common::reopen(&dir));
    let mode = std::fs::metadata(&dir)
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "mode {mode:o}");
}

#[test]
fn a_second_opener_is_told_the_database_is_busy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = common::reopen(dir.path());
    // The database's own lock is taken with flock, which is per open file: a second open
    // conflicts even inside one process, as a second process would.
    match qiaomen_core::Engine::open(dir.path(), "tester", common::at("2026-11-30", "09:00")) {
        Err(Error::DatabaseBusy(path)) => assert_eq!(path, dir.path()),
        Err(e) => panic!("expected DatabaseBusy, got {e:?}"),
        Ok(_) => panic!("expected DatabaseBusy, the database opened twice"),
    }
    drop(first);
    common::reopen(dir.path());
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    populated(dir.path());
    let newer = SCHEMA_VERSION + 1;
    raw_put(dir.path(), "meta", b"schema", &newer.to_be_bytes());
    match common::try_reopen(dir.path()) {
        Err(Error::SchemaTooNew { path, found, known }) => {
            assert_eq!(path, dir.path().join("store"));
            assert_eq!(found, newer);
            assert_eq!(known, SCHEMA_VERSION);
        }
        Err(e) => panic!("expected SchemaTooNew, got {e:?}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
    let db = common::raw_open(dir.path());
    let stored = db
        .open_tree("meta")
        .expect("meta")
        .get(b"schema")
        .expect("get");
    assert_eq!(stored.as_deref(), Some(&newer.to_be_bytes()[..]));
}

#[test]
fn a_damaged_schema_version_is_corrupt() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(common::reopen(dir.path()));
    raw_put(dir.path(), "meta", b"schema", &[0, 1]);
    // The store alone refuses it…
    // (sled's threads may hold the lock of the raw handle a moment longer: busy is retried.)
    assert!(matches!(
        qiaomen_core::engine::retry_busy(|| Store::open(&dir.path().join("store"))),
        Err(Error::Corrupt {
            kind: "schema version",
            ..
        })
    ));
    // …and the engine rebuilds it from the snapshot and the journal.
    let engine = common::reopen(dir.path());
    assert!(matches!(
        engine.recovered(),
        [qiaomen_core::engine::Recovery::Rebuilt { .. }]
    ));
}

#[test]
fn a_new_database_records_the_schema_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(common::reopen(dir.path()));
    let db = common::raw_open(dir.path());
    let stored = db
        .open_tree("meta")
        .expect("meta")
        .get(b"schema")
        .expect("get");
    assert_eq!(stored.as_deref(), Some(&SCHEMA_VERSION.to_be_bytes()[..]));
}

#[test]
fn a_damaged_record_on_disk_is_reported_not_panicked_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    populated(dir.path());
    raw_put(
        dir.path(),
        "grids",
        &1u64.to_be_bytes(),
        &[1, 7, 0xFD, 0xFF, 0xFF],
    );
    raw_put(dir.path(), "residents", &1u64.to_be_bytes(), b"\x01garbage");
    // The elders index carries its own copy of each elder (schema 3).
    raw_put(dir.path(), "elders", &1u64.to_be_bytes(), b"\x01garbage");
    let store = common::read_store(dir.path());
    assert!(matches!(
        store.get::<Grid>(1),
        Err(Error::Corrupt { kind: "grid", .. })
    ));
    assert!(matches!(
        store.all::<Grid>(),
        Err(Error::Corrupt { kind: "grid", .. })
    ));
    assert!(matches!(
        store.elders(),
        Err(Error::Corrupt {
            kind: "elder index",
            ..
        })
    ));
    assert!(matches!(
        store.export(&mut Vec::new(), false),
        Err(Error::Corrupt { .. })
    ));
    // The member next to the damaged grid still reads.
    assert_eq!(store.require::<Member>(1).expect("member").name, "柳青禾");
}

#[test]
fn a_damaged_checkin_or_community_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    populated(dir.path());
    let day = common::day("2026-03-10");
    let key = day.key().to_vec();
    raw_put(dir.path(), "checkins", &key, &[1, 0x5a]);
    raw_put(dir.path(), "meta", b"community", &[9, 1, 2, 3]);
    let store = common::read_store(dir.path());
    assert!(matches!(
        store.checkins_on(day),
        Err(Error::Corrupt {
            kind: "checkin day",
            ..
        })
    ));
    assert!(matches!(
        store.checkins_of(1, day, day),
        Err(Error::Corrupt {
            kind: "checkin day",
            ..
        })
    ));
    assert!(matches!(
        store.community(),
        Err(Error::Corrupt {
            kind: "community",
            ..
        })
    ));
    assert!(roll(&store, day, common::at("2026-03-10", "12:00"), None).is_err());
    // A check-in value under a key of the wrong length is damage too.
    drop(store);
    raw_put(dir.path(), "meta", b"community", &[]);
    raw_put(dir.path(), "checkins", &key[..3], &[1]);
    let store = common::read_store(dir.path());
    assert!(matches!(store.community(), Err(Error::Corrupt { .. })));
    assert!(
        store
            .all_checkins()
            .any(|c| matches!(c, Err(Error::Corrupt { .. })))
    );
    assert_eq!(
        store
            .require::<Resident>(1)
            .expect("the elder still reads")
            .name,
        "石秋云"
    );
}

#[test]
fn a_day_with_trailing_bytes_is_corrupt_for_history_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    populated(dir.path());
    let day = common::day("2026-03-11");
    let store = common::reopen(dir.path());
    let before = store.checkins_on(day).expect("a readable day");
    drop(store);
    // The day's value with one byte more than its check-ins take.
    let mut bytes = vec![1, 1];
    bytes.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0]);
    raw_put(dir.path(), "checkins", &day.key(), &bytes);
    let store = common::read_store(dir.path());
    assert!(before.len() <= 1);
    // The kept last contact answers `last_checkin` without the day (schema 4); a look-back
    // through the history reads it and refuses.
    assert!(matches!(
        store.last_checkins_looked_back(&[1], day),
        Err(Error::Corrupt {
            kind: "checkin day",
            ..
        })
    ));
    assert!(matches!(
        store.checkins_of(1, day, day),
        Err(Error::Corrupt { .. })
    ));
}

fn open_unverified(dir: &Path) -> qiaomen_core::Engine {
    let now = common::at("2026-11-30", "09:00");
    qiaomen_core::engine::retry_busy(|| qiaomen_core::Engine::open_unverified(dir, "tester", now))
        .expect("open")
}

#[test]
fn a_store_used_before_its_keys_are_counted_is_stopped_when_the_count_finds_one_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    populated(dir.path());
    // A clean store: counted afterwards, nothing found.
    let engine = open_unverified(dir.path());
    assert!(engine.is_unverified());
    assert_eq!(engine.verify_deferred().expect("count"), None);
    assert!(!engine.is_unverified());
    drop(engine);
    // A resident lost behind the store's back (its block: residents are kept sixteen to a
    // key): its bookkeeping is intact, so it opens unverified, and the count finds the loss.
    let db = common::raw_open(dir.path());
    assert!(
        db.open_tree("residents")
            .expect("tree")
            .remove(qiaomen_core::store::blocks::block_key(1))
            .expect("remove")
            .is_some(),
        "resident 1 was in its block"
    );
    db.flush().expect("flush");
    drop(db);
    let engine = open_unverified(dir.path());
    let trouble = engine.verify_deferred().expect("count");
    assert!(
        matches!(
            trouble,
            Some(qiaomen_core::damage::Damage::Count {
                tree: qiaomen_core::store::Tree::Residents,
                ..
            })
        ),
        "{trouble:?}"
    );
    let refused = common::apply_err(
        &engine,
        Command::SaveGrid(new_grid("G2", "第二网格")),
        &clerk(),
    );
    assert!(matches!(refused, Error::WritesStopped(_)), "{refused:?}");
    drop(engine);
    // The next open counts first and rebuilds the store from the journal.
    let engine = common::reopen(dir.path());
    assert!(matches!(
        engine.recovered(),
        [qiaomen_core::engine::Recovery::Rebuilt { .. }]
    ));
    assert_eq!(
        engine.require::<Resident>(1).expect("resident").name,
        "石秋云"
    );
}
