//! The household list's kept rows (`household_rows`): after every command, what the blocks
//! hold is what the households and their heads' names give (the computed path the list read
//! before); rebuilt to the same bytes; damage named by `verify_kept_indexes`.

use super::rows::{BLOCK, HouseholdRow, decode_block, decode_block_view};
use super::tests::{actor, imported};
use crate::command::Command;
use crate::damage::{Damage, KeyPart, Off};
use crate::model::{FileStatus, Household, Id, Resident};
use crate::register::RegisterCommand as R;
use crate::store::{Store, Tree, id_key};

/// The rows as kept, block by block, in key order.
fn kept_rows(store: &Store) -> Vec<HouseholdRow> {
    let mut out = Vec::new();
    for kv in store.tree(Tree::HouseholdRows) {
        let (k, v) = kv.unwrap();
        let rows = decode_block(&v).unwrap();
        assert!(!rows.is_empty(), "an empty block is deleted");
        for r in &rows {
            assert_eq!(
                k.as_ref(),
                id_key(r.id / BLOCK),
                "row {} in its block",
                r.id
            );
        }
        assert!(rows.windows(2).all(|w| w[0].id < w[1].id), "rows by id");
        // What the list reads in place is the same rows.
        let views = decode_block_view(&v).unwrap();
        assert_eq!(views.len(), rows.len());
        for (r, w) in rows.iter().zip(&views) {
            assert_eq!(
                (r.id, r.status, r.grid, &*r.head, &*r.address, &*r.needs),
                (w.id, w.status, w.grid, w.head, w.address, w.needs)
            );
        }
        out.extend(rows);
    }
    out
}

/// The rows computed from the records: every household and its head's name as stored.
fn computed_rows(store: &Store) -> Vec<HouseholdRow> {
    store
        .all::<Household>()
        .unwrap()
        .iter()
        .map(|h| {
            let head = h
                .members
                .first()
                .and_then(|&m| store.get::<Resident>(m).unwrap())
                .map(|r| r.name);
            HouseholdRow::of(h, head.as_deref())
        })
        .collect()
}

/// A small deterministic generator (no dependency).
pub(super) struct Lcg(pub(super) u64);

impl Lcg {
    pub(super) fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

#[test]
fn random_commands_keep_the_rows_equal_to_the_computed_ones() {
    let store = imported();
    let date = "2026-11-30";
    let apply = |c: Command| store.apply(c, &actor(date)).unwrap().id;
    // Enough households for several blocks.
    let template: Household = store.require(1).unwrap();
    let mut households: Vec<Id> = vec![1, 2, 3];
    for i in 0..150 {
        let mut h = template.clone();
        h.id = 0;
        h.members = Vec::new();
        h.address.text = format!("南园小区 {} 栋", i + 1);
        households.push(apply(Command::SaveHousehold(h)));
    }
    let mut residents: Vec<Id> = vec![10, 11, 12, 13];
    let mut rng = Lcg(7);
    for step in 0..300 {
        let h = households[rng.next(households.len() as u64) as usize];
        let r = residents[rng.next(residents.len() as u64) as usize];
        match rng.next(7) {
            // A head renamed: every household it heads changes row.
            0 => {
                let mut res: Resident = store.require(r).unwrap();
                res.name = format!("张{step}");
                apply(Command::SaveResident(res));
            }
            // A new resident made the head of a household.
            1 => {
                let mut res: Resident = store.require(r).unwrap();
                res.id = 0;
                res.name = format!("新{step}");
                res.care = None;
                let id = apply(Command::SaveResident(res));
                residents.push(id);
                let mut hh: Household = store.require(h).unwrap();
                hh.members.insert(0, id);
                apply(Command::SaveHousehold(hh));
            }
            // Members shuffled or emptied.
            2 => {
                let mut hh: Household = store.require(h).unwrap();
                if hh.members.len() > 1 {
                    hh.members.rotate_left(1);
                } else {
                    hh.members = if hh.members.is_empty() {
                        vec![r]
                    } else {
                        Vec::new()
                    };
                }
                apply(Command::SaveHousehold(hh));
            }
            // Needs and address edited.
            3 => {
                let mut hh: Household = store.require(h).unwrap();
                hh.needs = format!("需要帮助 {step}");
                hh.address.text = format!("东园小区 {step}");
                hh.address.room = format!("{}", 100 + step);
                apply(Command::SaveHousehold(hh));
            }
            // The file moved on.
            4 => {
                let _ = store.apply(
                    Command::Register(R::FileStep {
                        household: h,
                        to: FileStatus::Registered,
                        note: String::new(),
                    }),
                    &actor(date),
                );
            }
            // A new household.
            5 => {
                let mut hh = template.clone();
                hh.id = 0;
                hh.members = vec![r];
                households.push(apply(Command::SaveHousehold(hh)));
            }
            // Moved to the other grid.
            _ => {
                let mut hh: Household = store.require(h).unwrap();
                hh.grid = if hh.grid == 1 { 2 } else { 1 };
                apply(Command::SaveHousehold(hh));
            }
        }
        assert_eq!(kept_rows(&store), computed_rows(&store), "step {step}");
        if step % 50 == 0 {
            assert_eq!(store.verify_kept_indexes().unwrap(), None, "step {step}");
        }
    }
    assert!(store.tree(Tree::HouseholdRows).len() >= 3, "several blocks");
    assert_eq!(store.verify_kept_indexes().unwrap(), None);

    // Rebuilt from the records: the same bytes; a second rebuild writes nothing.
    let before: Vec<_> = store
        .tree(Tree::HouseholdRows)
        .iter()
        .map(|kv| kv.unwrap())
        .collect();
    store.tree(Tree::HouseholdRows).clear().unwrap();
    assert_eq!(
        store.verify_kept_indexes().unwrap(),
        Some(Damage::Index {
            tree: Tree::HouseholdRows,
            key: vec![KeyPart::Households { first: 0, last: 63 }],
            off: Off::Missing,
        })
    );
    store.rebuild_kept(&[Tree::HouseholdRows]).unwrap();
    let after: Vec<_> = store
        .tree(Tree::HouseholdRows)
        .iter()
        .map(|kv| kv.unwrap())
        .collect();
    assert_eq!(after, before);
    let generation = store.generation();
    store.rebuild_kept_indexes().unwrap();
    assert_eq!(store.generation(), generation, "nothing left to write");
}

#[test]
fn a_stale_row_is_reported() {
    let store = imported();
    let key = id_key(0);
    let mut rows =
        decode_block(&store.tree(Tree::HouseholdRows).get(key).unwrap().unwrap()).unwrap();
    rows[0].needs = "过时".into();
    store
        .tree(Tree::HouseholdRows)
        .insert(key, super::rows::encode_block(&rows))
        .unwrap();
    assert_eq!(
        store.verify_kept_indexes().unwrap(),
        Some(Damage::Index {
            tree: Tree::HouseholdRows,
            key: vec![KeyPart::Households { first: 0, last: 63 }],
            off: Off::Value,
        })
    );
}
