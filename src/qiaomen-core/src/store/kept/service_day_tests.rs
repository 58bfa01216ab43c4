//! The services kept by day (`service_days`, schema 8) as services come, change day and go:
//! the days hold what the records say (`verify_kept_indexes`), and a day left empty goes.

use super::tests::imported;
use crate::care::{Person, Provider, Service, ServiceKind, Whom};
use crate::day::Date;
use crate::model::Id;
use crate::store::{Batch, Tree, id_key};

#[test]
fn services_are_kept_by_day_as_they_come_move_and_go() {
    let store = imported();
    let service = |id: Id, date: &str, minutes: u32| Service {
        id,
        date: Date::parse(date).unwrap(),
        whom: Whom::Resident(10),
        kind: ServiceKind::Company,
        by: Provider::Member(1),
        helpers: vec![Person::Resident(11)],
        minutes,
        note: "陪聊天".into(),
    };
    let write = |put: &[Service], delete: &[Id]| {
        let mut batch = Batch::default();
        for s in put {
            batch.put(s);
        }
        for id in delete {
            batch.delete(Tree::Services, &id_key(*id));
        }
        store.keep_indexes(&mut batch).unwrap();
        store.commit(&batch, false).unwrap();
        assert_eq!(store.verify_kept_indexes().unwrap(), None);
    };
    let kept = |from: &str, to: &str| -> Vec<(Id, String, u32)> {
        store
            .services_between(Date::parse(from).unwrap(), Date::parse(to).unwrap())
            .unwrap()
            .into_iter()
            .map(|s| (s.id, s.date.to_string(), s.minutes))
            .collect()
    };
    write(
        &[
            service(3, "2026-11-02", 30),
            service(1, "2026-11-02", 60),
            service(2, "2026-11-05", 45),
        ],
        &[],
    );
    assert_eq!(
        kept("2026-11-01", "2026-11-30"),
        [
            (1, "2026-11-02".into(), 60),
            (3, "2026-11-02".into(), 30),
            (2, "2026-11-05".into(), 45)
        ]
    );
    assert_eq!(store.tree(Tree::ServiceDays).len(), 2, "a key a day");
    assert_eq!(
        kept("2026-11-03", "2026-11-05"),
        [(2, "2026-11-05".into(), 45)]
    );
    // What the figures read is the service but its note.
    let read = &store
        .services_between(
            Date::parse("2026-11-05").unwrap(),
            Date::parse("2026-11-05").unwrap(),
        )
        .unwrap()[0];
    assert_eq!(
        *read,
        Service {
            note: String::new(),
            ..service(2, "2026-11-05", 45)
        }
    );
    // A service whose date changes leaves its day (the day left empty goes); another
    // changed in place stays.
    write(
        &[service(2, "2026-11-02", 45), service(3, "2026-11-02", 35)],
        &[],
    );
    assert_eq!(
        kept("2026-11-01", "2026-11-30"),
        [
            (1, "2026-11-02".into(), 60),
            (2, "2026-11-02".into(), 45),
            (3, "2026-11-02".into(), 35)
        ]
    );
    assert_eq!(store.tree(Tree::ServiceDays).len(), 1);
    // Services gone go from their day.
    write(&[], &[1, 3]);
    assert_eq!(
        kept("2026-11-01", "2026-11-30"),
        [(2, "2026-11-02".into(), 45)]
    );
    write(&[], &[2]);
    assert!(store.tree(Tree::ServiceDays).is_empty());
}
