//! The kept last contacts against the look-back they replace, over random check-ins, undos
//! and folds; rebuilt to the same bytes; damage reported by `verify_kept_indexes`.

use super::*;
use crate::day::ClockTime;
use crate::model::{Method, Outcome};
use crate::store::Batch;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn start() -> Date {
    Date::parse("2026-09-01").unwrap()
}

fn checkin(rng: &mut Lcg, elder: Id, date: Date, seq: u16) -> CheckIn {
    let outcomes = [
        Outcome::Ok,
        Outcome::NoAnswer,
        Outcome::Away,
        Outcome::Unwell,
    ];
    let outcome = outcomes[rng.next(4) as usize];
    CheckIn {
        elder,
        date,
        seq,
        time: ClockTime::new(7 + rng.next(10) as u8, rng.next(60) as u8).unwrap(),
        by: "刘晓燕".into(),
        method: Method::Phone,
        outcome,
        note: String::new(),
        away_until: (outcome == Outcome::Away).then(|| date.add_days(rng.next(5) as i64)),
        contact: None,
        case: None,
    }
}

fn write(store: &Store, f: impl FnOnce(&Store, &mut Batch)) {
    let mut batch = Batch::default();
    f(store, &mut batch);
    store.commit(&batch, false).unwrap();
}

const ELDERS: u64 = 6;
/// Wider than `checkins::LOOKBACK_DAYS`, so that some answers are out of its reach.
const DAYS: i64 = 120;

/// Every elder's answer for a spread of dates, kept and looked back, must agree.
fn agree(store: &Store, step: usize) {
    let elders: Vec<Id> = (1..=ELDERS + 1).collect();
    for offset in (-2..DAYS + 3)
        .step_by(7)
        .chain([DAYS / 2, DAYS - 1, DAYS, DAYS + 1])
    {
        let date = start().add_days(offset);
        let kept = store.last_checkins(&elders, date).unwrap();
        let computed = store.last_checkins_looked_back(&elders, date).unwrap();
        assert_eq!(kept, computed, "step {step}, date {date}");
        for &e in &elders {
            assert_eq!(
                store.last_checkin(e, date).unwrap(),
                computed.get(&e).cloned(),
                "step {step}, date {date}, elder {e}"
            );
        }
    }
    assert_eq!(store.verify_kept_indexes().unwrap(), None, "step {step}");
}

#[test]
fn the_kept_last_contacts_answer_as_the_look_back_does() {
    let mut rng = Lcg(20_261_202);
    let store = Store::temporary().unwrap();
    let mut made: Vec<CheckIn> = Vec::new();
    for step in 0..400 {
        match rng.next(10) {
            // Mostly new attempts, on any day (late entries, days long past).
            0..=5 => {
                let elder = 1 + rng.next(ELDERS);
                let date = start().add_days(rng.next(DAYS as u64) as i64);
                let seq = made
                    .iter()
                    .filter(|c| c.elder == elder && c.date == date)
                    .map(|c| c.seq + 1)
                    .max()
                    .unwrap_or(0);
                let c = checkin(&mut rng, elder, date, seq);
                write(&store, |s, b| s.put_checkin(b, &c).unwrap());
                made.push(c);
            }
            // An attempt edited in place (a note, or the import of a changed one).
            6 if !made.is_empty() => {
                let i = rng.next(made.len() as u64) as usize;
                let old = made[i].clone();
                let c = checkin(&mut rng, old.elder, old.date, old.seq);
                write(&store, |s, b| s.put_checkin(b, &c).unwrap());
                made[i] = c;
            }
            // Undo: often the latest attempt, so that kept days empty.
            7 | 8 if !made.is_empty() => {
                let i = if rng.next(2) == 0 {
                    made.len() - 1
                } else {
                    rng.next(made.len() as u64) as usize
                };
                let c = made.remove(i);
                let key = crate::model::CheckInKey {
                    elder: c.elder,
                    date: c.date,
                    seq: c.seq,
                };
                write(&store, |s, b| s.delete_checkin(b, &key).unwrap());
            }
            // A batch of several elders and days at once, as an import writes them.
            _ => {
                let mut cs = Vec::new();
                for _ in 0..=rng.next(8) {
                    let elder = 1 + rng.next(ELDERS);
                    let date = start().add_days(rng.next(DAYS as u64) as i64);
                    let seq = made
                        .iter()
                        .chain(&cs)
                        .filter(|c: &&CheckIn| c.elder == elder && c.date == date)
                        .map(|c| c.seq + 1)
                        .max()
                        .unwrap_or(0);
                    cs.push(checkin(&mut rng, elder, date, seq));
                }
                let packed = rng.next(2) == 0;
                write(&store, |s, b| {
                    if packed {
                        b.pack_days();
                    }
                    for c in &cs {
                        s.put_checkin(b, c).unwrap();
                    }
                });
                made.extend(cs);
            }
        }
        if step % 50 == 49 {
            // The fold of closed days rewrites packs, not check-ins.
            store.fold_before(start().add_days(DAYS), 0).unwrap();
        }
        if step % 10 == 0 || step > 380 {
            agree(&store, step);
        }
    }
    assert!(made.len() > 100, "{} check-ins", made.len());
}

#[test]
fn a_rebuild_writes_the_same_entries_and_check_finds_a_stale_one() {
    let mut rng = Lcg(7);
    let store = Store::temporary().unwrap();
    for n in 0..60 {
        let c = checkin(&mut rng, 1 + n % 4, start().add_days(n as i64 / 3), 0);
        write(&store, |s, b| s.put_checkin(b, &c).unwrap());
    }
    let entries = |s: &Store| -> Vec<(Vec<u8>, Vec<u8>)> {
        s.tree(Tree::LastContacts)
            .iter()
            .map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).unwrap())
            .collect()
    };
    let kept = entries(&store);
    assert_eq!(kept.len(), 4);
    assert_eq!(kept, store.expected_last_contacts().unwrap());
    let last = store.last_contact(2).unwrap().unwrap();
    assert_eq!(last.last.date, start().add_days(19));
    assert_eq!(last.before.as_ref().unwrap().date, start().add_days(17));

    // An entry one check-in behind is stale: `check` names it, the rebuild mends it.
    let stale = LastContact {
        last: last.before.clone().unwrap(),
        before: None,
    };
    store
        .tree(Tree::LastContacts)
        .insert(id_key(2), stale.encode())
        .unwrap();
    let found = store
        .verify_kept_indexes()
        .unwrap()
        .expect("stale")
        .to_string();
    assert!(found.contains("last_contacts"), "{found}");
    assert!(found.contains("resident 2"), "{found}");
    store.rebuild_kept(&[Tree::LastContacts]).unwrap();
    assert_eq!(entries(&store), kept);
    assert_eq!(store.verify_kept_indexes().unwrap(), None);

    // A missing one too.
    store.tree(Tree::LastContacts).remove(id_key(3)).unwrap();
    let found = store
        .verify_kept_indexes()
        .unwrap()
        .expect("missing")
        .to_string();
    assert!(found.contains("is missing"), "{found}");
}

#[test]
fn undoing_a_new_elders_only_mark_leaves_no_entry_and_other_days_as_they_were() {
    let mut rng = Lcg(7);
    let store = Store::temporary().unwrap();
    // Elder 1 has a long history; elder 2 is new, with one mark made by mistake.
    for d in 0..30 {
        let c = checkin(&mut rng, 1, start().add_days(d), 0);
        write(&store, |s, b| s.put_checkin(b, &c).unwrap());
    }
    let only = checkin(&mut rng, 2, start().add_days(29), 0);
    write(&store, |s, b| s.put_checkin(b, &only).unwrap());
    assert!(store.last_contact(2).unwrap().is_some());
    let key = crate::model::CheckInKey {
        elder: 2,
        date: only.date,
        seq: 0,
    };
    write(&store, |s, b| s.delete_checkin(b, &key).unwrap());
    assert_eq!(store.last_contact(2).unwrap(), None);
    agree(&store, 0);
}
