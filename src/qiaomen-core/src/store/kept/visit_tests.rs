//! The kept visit homes and memberships (schema 4) against the households and visits they
//! stand for, over random commands: the summary's cadence figures read from them are the
//! figures read from every household and visit.

use super::tests::{actor, imported};
use crate::cadence::{CadenceFigures, VisitHome, VisitRecords, cadence_figures, stored_cadence};
use crate::command::Command;
use crate::day::Date;
use crate::model::{Category, Household, Id, Resident, Visit};
use crate::register::RegisterCommand as R;
use crate::store::Store;

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

fn figures(store: &Store, from: Date, to: Date, kept: bool) -> CadenceFigures {
    let (homes, visits) = if kept {
        (store.visit_homes().unwrap(), store.visit_dates(to).unwrap())
    } else {
        let homes = store
            .all::<Household>()
            .unwrap()
            .iter()
            .map(VisitHome::of)
            .collect();
        let visits = store
            .all::<Visit>()
            .unwrap()
            .into_iter()
            .map(|v| (v.household, v.date))
            .collect();
        (homes, visits)
    };
    let records = VisitRecords {
        homes: &homes,
        residents: &store.elders().unwrap(),
        visits: &visits,
        cadence: &stored_cadence(store).unwrap(),
        campaigns: &[],
    };
    cadence_figures(&records, from, to, |_| true)
}

#[test]
fn the_kept_visit_homes_give_the_figures_every_household_gives() {
    let mut rng = Lcg(1202);
    let store = imported();
    let care = store.require::<Resident>(10).unwrap().care;
    let residents: [Id; 4] = [10, 11, 12, 13];
    let mut applied = 0;
    for step in 0..120 {
        let date = Date::parse("2026-10-01")
            .unwrap()
            .add_days(rng.next(60) as i64);
        let day = date.to_string();
        let command = match rng.next(3) {
            0 => {
                let mut r: Resident = store.require(residents[rng.next(4) as usize]).unwrap();
                r.care = if rng.next(2) == 0 { care.clone() } else { None };
                if let Some(c) = r.care.as_mut() {
                    c.level = 1 + rng.next(3) as u8;
                }
                Command::SaveResident(r)
            }
            1 => {
                let mut h: Household = store.require(1 + rng.next(3)).unwrap();
                h.members = residents
                    .iter()
                    .copied()
                    .filter(|_| rng.next(3) == 0)
                    .collect();
                h.categories = match rng.next(3) {
                    0 => Vec::new(),
                    1 => vec![Category::InDifficulty],
                    _ => vec![Category::Disabled],
                };
                h.needs = if rng.next(2) == 0 {
                    String::new()
                } else {
                    "送餐".into()
                };
                Command::SaveHousehold(h)
            }
            _ => {
                let mut v: Visit = store.require(1).unwrap();
                v.id = 0;
                v.date = date;
                v.household = 1 + rng.next(3);
                Command::Register(R::SaveVisit(v))
            }
        };
        if store.apply(command, &actor(&day)).is_ok() {
            applied += 1;
        }
        for (from, to) in [
            ("2026-10-01", "2026-10-31"),
            ("2026-11-01", "2026-11-30"),
            ("2026-10-15", "2026-12-31"),
        ] {
            let (from, to) = (Date::parse(from).unwrap(), Date::parse(to).unwrap());
            assert_eq!(
                figures(&store, from, to, true),
                figures(&store, from, to, false),
                "step {step}, {from}..{to}"
            );
        }
        assert_eq!(store.verify_kept_indexes().unwrap(), None, "step {step}");
    }
    assert!(applied > 80, "only {applied} commands applied");
    assert!(!store.visit_homes().unwrap().is_empty());
}
