//! "Elders greeted daily" read from the kept day figures (`daily.rs`) against the first way,
//! every day's check-ins decoded (`daily_walk.rs`), on a generated community: plans starting
//! and ending inside the periods, aways with and without an end carried over days without a
//! check-in, back-filled marks on folded days, check-ins taken back out of packs, days folded
//! again. After each step the kept figures are what `check` expects.

use crate::day::{ClockTime, Date};
use crate::model::{CheckIn, CheckInKey, Method, Outcome, Resident};
use crate::store::{Batch, Store};

use super::{daily, daily_walk};

/// A small deterministic generator (no dependency, the same community on every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

const ELDERS: u64 = 40;
const FIRST: &str = "2026-09-01";
const DAYS: i64 = 70;

fn base() -> Date {
    Date::parse(FIRST).unwrap()
}

fn checkin(rng: &mut Lcg, elder: u64, date: Date, seq: u16) -> CheckIn {
    let outcome = match rng.below(10) {
        0 => Outcome::NoAnswer,
        1 => Outcome::Away,
        2 => Outcome::Unwell,
        _ => Outcome::Ok,
    };
    let away_until =
        (outcome == Outcome::Away && rng.below(3) > 0).then(|| date.add_days(rng.below(6) as i64));
    CheckIn {
        elder,
        date,
        seq,
        time: ClockTime::new(8 + rng.below(10) as u8, rng.below(60) as u8).unwrap(),
        by: "柳青禾".to_owned(),
        method: Method::Phone,
        outcome,
        note: String::new(),
        away_until,
        contact: None,
        case: None,
    }
}

/// Two grids of elders whose plans start and end at various days, and their check-ins:
/// most days one or more attempts, some days none (skipped days, runs of days).
fn community(rng: &mut Lcg) -> String {
    let mut lines = vec![
        r#"{"type":"community","name":"测试社区"}"#.to_owned(),
        r#"{"type":"grid","id":1,"code":"G1","name":"东园网格"}"#.to_owned(),
        r#"{"type":"grid","id":2,"code":"G2","name":"西园网格"}"#.to_owned(),
    ];
    for e in 1..=ELDERS {
        let from = base().add_days(rng.below(40) as i64 - 10);
        let to = match rng.below(4) {
            0 => format!(
                r#","active_to":"{}""#,
                from.add_days(5 + rng.below(50) as i64)
            ),
            _ => String::new(),
        };
        lines.push(format!(
            r#"{{"type":"resident","id":{e},"name":"老人{e}","grid":{},"care":{{"level":1,"callers":[],"active_from":"{from}"{to}}}}}"#,
            1 + e % 2
        ));
    }
    let quiet = rng.below(ELDERS) + 1;
    for d in 0..DAYS {
        let date = base().add_days(d);
        for e in 1..=ELDERS {
            if e == quiet || rng.below(12) == 0 {
                continue;
            }
            for seq in 0..=(rng.below(3) as u16) {
                let c = checkin(rng, e, date, seq);
                lines.push(serde_json::to_string(&crate::record::Record::Checkin(c)).unwrap());
            }
        }
    }
    lines.join("\n")
}

fn elders(store: &Store) -> Vec<Resident> {
    store
        .elder_entries()
        .unwrap()
        .into_iter()
        .map(|e| e.resident().unwrap())
        .collect()
}

/// Both ways over many periods, for the community and each grid.
fn agree(store: &Store, rng: &mut Lcg, step: &str) {
    assert_eq!(store.verify_kept_indexes().unwrap(), None, "{step}");
    let all = elders(store);
    let first = store.checkin_span().unwrap().map(|(f, _)| f);
    for _ in 0..25 {
        let from = base().add_days(rng.below(DAYS as u64 + 10) as i64 - 5);
        let to = from.add_days(rng.below(40) as i64);
        for grid in [None, Some(1), Some(2)] {
            let mine: Vec<Resident> = all
                .iter()
                .filter(|e| grid.is_none_or(|g| e.grid == g))
                .cloned()
                .collect();
            let kept = daily::greeted_daily(store, &mine, from, to, first).unwrap();
            let walked = daily_walk::greeted_daily(store, &mine, from, to, first).unwrap();
            assert_eq!(kept, walked, "{step}: {from}..{to} grid {grid:?}");
        }
    }
}

fn write(store: &Store, f: impl FnOnce(&Store, &mut Batch)) {
    let mut batch = Batch::default();
    f(store, &mut batch);
    store.commit(&batch, false).unwrap();
}

#[test]
fn the_kept_figures_give_what_every_day_decoded_gives() {
    let mut rng = Lcg(20_261_202);
    let store = Store::temporary().unwrap();
    let text = community(&mut rng);
    store
        .import(
            || Ok(std::io::Cursor::new(text.as_bytes())),
            false,
            "test",
            0,
            "generated",
        )
        .unwrap();
    agree(&store, &mut rng, "imported");
    let mut greeted = 0;
    for round in 0..4 {
        // Back-filled marks on closed days (new attempts and notes over packed ones), and
        // check-ins taken back out of packs and out of loose marks.
        for _ in 0..25 {
            let date = base().add_days(rng.below(DAYS as u64) as i64);
            let elder = 1 + rng.below(ELDERS);
            let seq = rng.below(4) as u16;
            let c = checkin(&mut rng, elder, date, seq);
            write(&store, |s, b| s.put_checkin(b, &c).unwrap());
        }
        agree(&store, &mut rng, &format!("round {round}: back-filled"));
        for _ in 0..25 {
            let date = base().add_days(rng.below(DAYS as u64) as i64);
            let day = store.checkins_on(date).unwrap();
            if day.is_empty() {
                continue;
            }
            let c = &day[rng.below(day.len() as u64) as usize];
            let key = CheckInKey {
                elder: c.elder,
                date,
                seq: c.seq,
            };
            write(&store, |s, b| s.delete_checkin(b, &key).unwrap());
        }
        agree(&store, &mut rng, &format!("round {round}: taken back"));
        // Fold all but the last few days (they stay loose, like today and yesterday).
        store
            .fold_before(base().add_days(DAYS - 3 - round), 1 + round as u64)
            .unwrap();
        agree(&store, &mut rng, &format!("round {round}: folded"));
        let to = base().add_days(DAYS - 1);
        greeted += daily::greeted_daily(&store, &elders(&store), to, to, None)
            .unwrap()
            .on_roll;
    }
    assert!(
        greeted > 0,
        "the generated community has elders on the roll"
    );
}

#[test]
fn a_day_figure_round_trips_and_damage_is_refused() {
    let mut rng = Lcg(7);
    let date = base();
    let mut day: Vec<CheckIn> = Vec::new();
    for e in 1..=30 {
        for s in 0..=(rng.below(3) as u16) {
            day.push(checkin(&mut rng, e * 1_000, date, s));
        }
    }
    day.sort_by_key(|c| (c.elder, c.seq));
    let f = crate::store::day_figures::DayFigure::of(&day);
    assert!(!f.plain.is_empty() && !f.other.is_empty());
    let bytes = f.encode();
    assert_eq!(
        crate::store::day_figures::DayFigure::decode(&bytes).unwrap(),
        f
    );
    assert!(crate::store::day_figures::DayFigure::decode(&bytes[..bytes.len() - 1]).is_err());
    let mut other = bytes.clone();
    other[0] = 9;
    assert!(crate::store::day_figures::DayFigure::decode(&other).is_err());
}

#[test]
fn a_day_figure_is_read_in_place_as_it_decodes() {
    use crate::store::day_figures::{Carry, DayFigure, Reader, Status};
    let f = DayFigure {
        plain: vec![3, 200, 201],
        other: vec![
            (5, Status::NotReached, Carry::NotAway),
            (
                7,
                Status::Away,
                Carry::Away(Some(Date::parse("2026-09-03").unwrap())),
            ),
        ],
    };
    let bytes = f.encode();
    // Golden bytes: version; 3 ids as deltas (197 takes two varint bytes); 2 others, each
    // id delta, status, carry (2: until the date's key, its Julian day 2461287 big-endian).
    assert_eq!(
        bytes,
        [
            1, 3, 3, 0xc5, 0x01, 1, 2, 5, 2, 0, 2, 3, 2, 0x00, 0x25, 0x8e, 0x67
        ]
    );
    let mut reader = Reader::new(&bytes).unwrap();
    let mut plain = Vec::new();
    while let Some(id) = reader.next_plain().unwrap() {
        plain.push(id);
    }
    assert_eq!(plain, f.plain);
    assert_eq!(reader.others().unwrap(), f.other);
    // The others after a first list read in part: the rest of it is read through.
    let mut reader = Reader::new(&bytes).unwrap();
    assert_eq!(reader.next_plain().unwrap(), Some(3));
    assert_eq!(reader.others().unwrap(), f.other);
    // Damage in the first list, in the others and after them is refused.
    let mut reader = Reader::new(&bytes[..4]).unwrap();
    assert_eq!(reader.next_plain().unwrap(), Some(3));
    assert!(reader.next_plain().is_err());
    assert!(Reader::new(&bytes[..4]).unwrap().others().is_err());
    assert!(
        Reader::new(&bytes[..bytes.len() - 1])
            .unwrap()
            .others()
            .is_err()
    );
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(Reader::new(&longer).unwrap().others().is_err());
    assert!(Reader::new(&[2, 0, 0]).is_err());
    assert!(Reader::new(&[]).is_err());
}
