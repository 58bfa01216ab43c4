//! Schema 4 keeps each elder's last contact (`last_contacts`) and the visit cadence's
//! households (`member_of`, `visit_homes`). A database of schema 3 is migrated on open,
//! journalled (and, on the way to schema 7, compacted); the roll, the look-backs and the
//! cadence figures read the same as they did. The fixture is a backup made by the release before schema 4 (the demo
//! community, check-ins on two days, the last ones after its snapshot) with that release's
//! export of it.

mod common;

use qiaomen_core::cadence::{VisitHome, VisitRecords, cadence_figures, stored_cadence};
use qiaomen_core::model::{Household, Outcome, Visit};
use qiaomen_core::{Command, Reads, rollcall};

#[test]
fn a_schema_3_database_is_migrated_on_open_and_reads_as_before() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("db");
    let now = common::at("2026-12-02", "09:10");
    let (engine, old) = common::restore_migrated("schema3", 3, &dir, now);
    // That release's meetings named their attendees; meeting format 2 reads them as guests.
    assert_eq!(
        common::attendees_as_names(&common::export(&engine, false)),
        old,
        "the same records"
    );

    // Every elder's last contact, kept, is what a look-back through the days finds.
    let ids: Vec<u64> = engine
        .elders()
        .expect("elders")
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids.len(), 18, "the demo's elders");
    for d in ["2026-11-28", "2026-11-30", "2026-12-01", "2026-12-02"] {
        let d = common::day(d);
        let kept = engine.last_checkins(&ids, d).expect("kept");
        assert_eq!(
            kept,
            engine
                .last_checkins_looked_back(&ids, d)
                .expect("looked back")
        );
    }
    let with_contact = ids
        .iter()
        .filter(|&&e| engine.last_contact(e).expect("read").is_some())
        .count();
    assert!(
        with_contact >= 2,
        "{with_contact} elders with a kept contact"
    );

    // The cadence figures from the kept homes are those from every household and visit.
    let (from, to) = (common::day("2026-01-01"), common::day("2026-12-02"));
    let elders = engine.elders().expect("elders");
    let cadence = stored_cadence(&engine).expect("cadence");
    let homes = engine.visit_homes().expect("homes");
    let visits = engine.visit_dates(to).expect("visits");
    let kept = cadence_figures(
        &VisitRecords {
            homes: &homes,
            residents: &elders,
            visits: &visits,
            cadence: &cadence,
            campaigns: &[],
        },
        from,
        to,
        |_| true,
    );
    let all_homes: Vec<VisitHome> = engine
        .all::<Household>()
        .expect("households")
        .iter()
        .map(VisitHome::of)
        .collect();
    let all_visits: Vec<_> = engine
        .all::<Visit>()
        .expect("visits")
        .into_iter()
        .map(|v| (v.household, v.date))
        .collect();
    let computed = cadence_figures(
        &VisitRecords {
            homes: &all_homes,
            residents: &elders,
            visits: &all_visits,
            cadence: &cadence,
            campaigns: &[],
        },
        from,
        to,
        |_| true,
    );
    assert_eq!(kept, computed);
    assert!(kept.households > 0 && kept.visits_due > 0, "{kept:?}");

    let report = engine.check().expect("check");
    assert!(report.healthy(), "{:?}", report.problems);

    // A mark after the migration moves the elder's kept contact and the roll shows it.
    let a = common::actor("柳青禾", now);
    let roll = rollcall::roll(&engine, now.date, now, None).expect("roll");
    let quiet = roll
        .entries
        .iter()
        .find(|e| e.attempts.is_empty())
        .expect("someone not yet marked today");
    let c = common::new_checkin(quiet.elder.id, "2026-12-02", "09:05", Outcome::Ok);
    engine.apply(Command::CheckIn(c), &a).expect("mark");
    let last = engine
        .last_contact(quiet.elder.id)
        .expect("read")
        .expect("kept");
    assert_eq!(last.last.date, now.date);
    let roll = rollcall::roll(&engine, now.date, now, None).expect("roll");
    let entry = roll
        .entries
        .iter()
        .find(|e| e.elder.id == quiet.elder.id)
        .expect("on the roll");
    assert!(entry.is_reached());
    drop(engine);

    // Opening again does not migrate again.
    let engine = common::reopen(&dir);
    assert!(engine.recovered().is_empty(), "{:?}", engine.recovered());
    assert!(engine.check().expect("check").healthy());
}
