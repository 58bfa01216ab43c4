//! Schema 8 keeps each day's services as the care figures read them (`service_days`), so that
//! a period's figures read its days instead of every service of the history (a five-year
//! subdistrict has 18,000). A database of schema 7 is migrated on open, journalled, without a
//! rewrite of the store (the migration only adds keys); the records read as they did. The fixture is
//! a backup made by the release before schema 8 (the demo community, check-ins on two days,
//! and a service recorded after its last snapshot) with that release's export of it.

mod common;

use common::day;
use qiaomen_core::Command;
use qiaomen_core::care::{Provider, Service, ServiceKind, figures, figures_between};
use qiaomen_core::model::{Id, Member, Resident};
use qiaomen_core::store::Store;

/// The ids of the services kept for the days `from..=to`.
fn kept_services(store: &Store, from: &str, to: &str) -> Vec<Id> {
    store
        .services_between(day(from), day(to))
        .expect("read")
        .into_iter()
        .map(|s| s.id)
        .collect()
}

/// The figures as every service of the store says they are (what the summary computed before
/// schema 8).
fn from_every_service(store: &Store, from: &str, to: &str) -> qiaomen_core::care::CareFigures {
    let name_of = |kind: &str, id: Id| match kind {
        "member" => store.require::<Member>(id).expect("member").name,
        "resident" => store.require::<Resident>(id).expect("resident").name,
        _ => {
            store
                .require::<qiaomen_core::care::Team>(id)
                .expect("team")
                .name
        }
    };
    figures_between(
        &store.all::<Service>().expect("services"),
        &store
            .all::<qiaomen_core::care::Support>()
            .expect("supports"),
        day(from),
        day(to),
        &|_| true,
        &name_of,
    )
}

#[test]
fn a_schema_7_database_is_migrated_on_open_to_services_by_day() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let now = common::at("2026-12-03", "09:40");
    let (engine, old) = common::restore_migrated("schema7", 7, &dir, now);
    assert_eq!(
        common::export(engine.store(), false),
        old,
        "the same records"
    );
    let check = engine.check().expect("check");
    assert!(check.healthy(), "{:?}", check.problems);
    // Schema 8's step lets go of nothing; schema 9's, which the migration goes on to, moves
    // every resident and household into a block, and the store is rewritten (a rewrite
    // takes a snapshot first).
    assert_eq!(
        std::fs::read_dir(dir.join("snapshots"))
            .expect("snapshots")
            .count(),
        2,
        "the restore's snapshot and the rewrite's"
    );

    let store = engine.store();
    let services = store.all::<Service>().expect("services");
    assert_eq!(
        services.len(),
        13,
        "the demo's twelve and the fixture's own"
    );
    let mut every: Vec<Id> = kept_services(store, "2000-01-01", "2026-12-31");
    every.sort_unstable();
    let mut ids: Vec<Id> = services.iter().map(|s| s.id).collect();
    ids.sort_unstable();
    assert_eq!(every, ids, "every service, once");
    assert_eq!(
        kept_services(store, "2026-12-02", "2026-12-02"),
        [13],
        "on its own date"
    );
    for (from, to) in [
        ("2026-11-01", "2026-11-30"),
        ("2026-12-02", "2026-12-02"),
        ("2026-01-01", "2026-12-03"),
    ] {
        assert_eq!(
            figures(store, day(from), day(to), None).expect("figures"),
            from_every_service(store, from, to),
            "{from}..{to}"
        );
    }

    // After the migration a command keeps the entries: a service recorded today is in
    // today's figures, and only today's service is read for them.
    let a = common::actor("柳青禾", now);
    let (member, whom) = services
        .iter()
        .find_map(|s| match s.by {
            Provider::Member(m) => Some((m, s.whom)),
            _ => None,
        })
        .expect("a service by a member");
    engine
        .apply(
            Command::Care(qiaomen_core::care::CareCommand::AddService(Service {
                id: 0,
                date: day("2026-12-03"),
                whom,
                kind: ServiceKind::HealthCheck,
                by: Provider::Member(member),
                helpers: Vec::new(),
                minutes: 25,
                note: String::new(),
            })),
            &a,
        )
        .expect("a service today");
    let today = figures(store, day("2026-12-03"), day("2026-12-03"), None).expect("figures");
    assert_eq!((today.services, today.minutes), (1, 25));
    assert_eq!(today, from_every_service(store, "2026-12-03", "2026-12-03"));
    assert!(engine.check().expect("check").healthy());

    // In sled itself: one key per day with a service.
    let mut days: Vec<_> = store
        .all::<Service>()
        .expect("services")
        .iter()
        .map(|s| s.date)
        .collect();
    days.sort_unstable();
    days.dedup();
    drop(engine);
    let db = common::raw_open(&dir);
    let keys = db.open_tree("service_days").expect("tree").iter().count();
    assert_eq!(keys, days.len(), "a key a day");
}
