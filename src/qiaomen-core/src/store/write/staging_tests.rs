//! A mark stages only its elder's part of the day; a removal stages the whole day, with the
//! parts already staged laid over it. Either way the day left behind, its count and the
//! kept decoded pack agree with the day worked out by hand.

use super::*;
use crate::day::ClockTime;
use crate::model::{CheckInKey, Method, Outcome};

fn date() -> Date {
    Date::parse("2026-11-30").unwrap()
}

fn c(elder: Id, seq: u16, note: &str) -> CheckIn {
    CheckIn {
        elder,
        date: date(),
        seq,
        time: ClockTime::new(8, 0).unwrap(),
        by: "刘晓燕".into(),
        method: Method::Phone,
        outcome: Outcome::Ok,
        note: note.into(),
        away_until: None,
        contact: None,
        case: None,
    }
}

fn write(store: &Store, f: impl FnOnce(&Store, &mut Batch)) {
    let mut batch = Batch::default();
    f(store, &mut batch);
    store.commit(&batch, false).unwrap();
}

/// The day as stored, each elder's part as read alone, and the kept count all equal `day`.
fn agrees(store: &Store, day: &[CheckIn]) {
    assert_eq!(store.stored_day(date()).unwrap().merged(), day);
    for elder in 1..=6 {
        assert_eq!(
            store.checkins_of_on(elder, date()).unwrap(),
            checkins::of_elder(day, elder),
            "elder {elder}"
        );
    }
    assert_eq!(store.checkin_count().unwrap(), Some(day.len() as u64));
    assert_eq!(store.count_checkins().unwrap(), day.len() as u64);
}

#[test]
fn marks_stage_their_elders_part_and_a_removal_the_whole_day() {
    let store = Store::temporary().unwrap();
    // A packed day of five elders, as an import writes it.
    let mut day: Vec<CheckIn> = (1..=5).map(|e| c(e, 0, "")).collect();
    write(&store, |s, b| {
        b.pack_days();
        for x in &day {
            s.put_checkin(b, x).unwrap();
        }
    });
    agrees(&store, &day);

    // Marks of two elders, one replacing a packed attempt: staged in part.
    write(&store, |s, b| {
        s.put_checkin(b, &c(3, 1, "")).unwrap();
        s.put_checkin(b, &c(1, 0, "noted")).unwrap();
        s.put_checkin(b, &c(3, 2, "")).unwrap();
        assert!(b.days[&date()].elders.is_some());
        assert_eq!(b.days[&date()].merged.len(), 4, "elders 1 and 3 only");
    });
    checkins::upsert(&mut day, c(3, 1, ""));
    checkins::upsert(&mut day, c(1, 0, "noted"));
    checkins::upsert(&mut day, c(3, 2, ""));
    agrees(&store, &day);

    // A mark, then a packed attempt taken back (the whole day, the mark laid over it), then
    // a mark of a new elder and a loose mark taken back.
    write(&store, |s, b| {
        s.put_checkin(b, &c(2, 1, "")).unwrap();
        s.delete_checkin(
            b,
            &CheckInKey {
                elder: 4,
                date: date(),
                seq: 0,
            },
        )
        .unwrap();
        assert!(b.days[&date()].elders.is_none());
        s.put_checkin(b, &c(6, 0, "")).unwrap();
        s.delete_checkin(
            b,
            &CheckInKey {
                elder: 3,
                date: date(),
                seq: 2,
            },
        )
        .unwrap();
    });
    checkins::upsert(&mut day, c(2, 1, ""));
    assert!(checkins::remove(&mut day, 4, 0));
    checkins::upsert(&mut day, c(6, 0, ""));
    assert!(checkins::remove(&mut day, 3, 2));
    // The pack was rewritten without elder 4: the decoded copy kept of the old pack is not
    // what is read.
    agrees(&store, &day);
}

#[test]
fn a_kept_pack_is_read_only_while_its_bytes_are_stored() {
    let store = Store::temporary().unwrap();
    write(&store, |s, b| {
        b.pack_days();
        s.put_checkin(b, &c(1, 0, "first")).unwrap();
    });
    // A mark keeps the day's pack decoded.
    write(&store, |s, b| s.put_checkin(b, &c(2, 0, "")).unwrap());
    assert_eq!(store.packs.lock().unwrap().len(), 1);
    // The day packed again with another note: the new bytes are read, not the kept copy.
    write(&store, |s, b| {
        b.pack_days();
        s.put_checkin(b, &c(1, 0, "second")).unwrap();
    });
    assert_eq!(store.checkins_of_on(1, date()).unwrap()[0].note, "second");
    assert_eq!(store.checkins_of_on(2, date()).unwrap().len(), 1);
}
