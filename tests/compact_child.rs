//! The server's compaction builds the new store in a child process of the real program
//! (`service::build`): the store swapped in reads the same, and a child of another build of
//! qiaomen refuses in one sentence and writes nothing.

mod common;

use std::path::Path;

use common::{TempDb, ok};
use qiaomen::service::build::in_child;
use qiaomen_core::engine::{BuildJob, Engine};
use qiaomen_core::{Now, Reads};

fn now() -> Now {
    Now::local(
        qiaomen_core::day::Date::parse(common::TODAY).expect("date"),
        qiaomen_core::day::ClockTime::parse("10:00").expect("time"),
        480,
    )
}

fn exe() -> &'static Path {
    Path::new(common::bin())
}

#[test]
fn a_store_built_by_a_child_process_is_swapped_in_and_reads_the_same() {
    let t = TempDb::demo();
    let before = ok(&t.db, &["--no-server", "export", "--with-audit"]);
    common::stop_server(&t.db);
    {
        let engine = Engine::open(&t.db, "tester", now()).expect("open");
        engine.snapshot(now()).expect("snapshot");
        let elders = engine.elders().expect("elders").len();
        let report = engine
            .compact_with(now(), &|job| in_child(exe(), &t.db, job))
            .expect("compact")
            .expect("done");
        assert!(report.after > 0, "{report:?}");
        assert_eq!(engine.elders().expect("elders").len(), elders);
        assert!(engine.check().expect("check").healthy());
    }
    assert_eq!(
        ok(&t.db, &["--no-server", "export", "--with-audit"]),
        before
    );
    assert!(
        !t.db.join("store.compact").exists(),
        "the old store is gone"
    );
}

#[test]
fn a_child_of_another_build_refuses_and_builds_nothing() {
    let t = TempDb::demo();
    common::stop_server(&t.db);
    let snapshot = {
        let engine = Engine::open(&t.db, "tester", now()).expect("open");
        engine
            .snapshot(now())
            .expect("snapshot")
            .expect("taken")
            .path
    };
    let target = t.file("built");
    let job = BuildJob {
        target: target.clone(),
        snapshot: snapshot.clone(),
        journal: t.db.join("journal"),
        until: 1,
    };
    // The real program, asked by a server of another build.
    let r = common::run(
        &t.db,
        "en",
        &[
            "serve",
            "--build-store",
            &target.display().to_string(),
            "--from",
            &snapshot.display().to_string(),
            "--until",
            "1",
            "--build-id",
            "0.0.0 another",
        ],
    );
    let said = r.fails_with(1);
    assert!(said.contains("another build"), "{said}");
    assert!(!target.exists(), "nothing built");
    // A build that cannot be made (no such snapshot) is an error, not a store.
    let missing = BuildJob {
        snapshot: t.file("no-such-snapshot"),
        ..job
    };
    assert!(in_child(exe(), &t.db, &missing).is_err());
}
