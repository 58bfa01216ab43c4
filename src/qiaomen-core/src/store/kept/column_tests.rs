//! The search column (`search_column`): after every command, what the blocks hold is what the
//! residents and households give, cell for cell; rebuilt to the same bytes; damage named by
//! `verify_kept_indexes`.

use super::rows_tests::Lcg;
use super::tests::{actor, imported};
use crate::command::Command;
use crate::damage::{Damage, KeyPart, Off};
use crate::day::Date;
use crate::model::{EmergencyContact, Household, Id, LeaveReason, Resident};
use crate::people::PeopleCommand;
use crate::search::column::{
    BLOCK, Cell, HOUSEHOLDS, HouseholdCell, RESIDENTS, ResidentCell, block_key, decode_cells,
    encode_cells,
};
use crate::store::{Batch, Store, Tree, id_key};

/// Cells, each as its id and its whole value written out.
type Cells = Vec<(Id, String)>;

/// A block's cells.
type Read = fn(&[u8]) -> Cells;

/// The cells of one kind as kept, block by block, in key order, each checked to be in its
/// block and in id order.
fn kept(store: &Store, kind: u8, read: Read) -> Vec<(Id, String)> {
    let mut out = Vec::new();
    for kv in store.tree(Tree::SearchColumn).scan_prefix([kind]) {
        let (k, v) = kv.unwrap();
        let cells = read(&v);
        assert!(!cells.is_empty(), "an empty block is deleted");
        for (id, _) in &cells {
            assert_eq!(k.as_ref(), block_key(kind, *id), "cell {id} in its block");
        }
        assert!(cells.windows(2).all(|w| w[0].0 < w[1].0), "cells by id");
        out.extend(cells);
    }
    out
}

fn households_of(v: &[u8]) -> Vec<(Id, String)> {
    let cells: Vec<HouseholdCell> = decode_cells(v).unwrap();
    cells.iter().map(|c| (c.id(), format!("{c:?}"))).collect()
}

fn residents_of(v: &[u8]) -> Vec<(Id, String)> {
    let cells: Vec<ResidentCell> = decode_cells(v).unwrap();
    cells.iter().map(|c| (c.id(), format!("{c:?}"))).collect()
}

/// Both kinds as kept, and as the records give them.
fn kept_and_computed(store: &Store) -> [(Cells, Cells); 2] {
    let households = store
        .all::<Household>()
        .unwrap()
        .iter()
        .map(|h| (h.id, format!("{:?}", HouseholdCell::of(h))))
        .collect();
    let residents = store
        .all::<Resident>()
        .unwrap()
        .iter()
        .map(|r| (r.id, format!("{:?}", ResidentCell::of(r))))
        .collect();
    [
        (kept(store, HOUSEHOLDS, households_of), households),
        (kept(store, RESIDENTS, residents_of), residents),
    ]
}

fn assert_in_step(store: &Store, step: usize) {
    for (kept, computed) in kept_and_computed(store) {
        assert_eq!(kept, computed, "step {step}");
    }
}

#[test]
fn random_commands_keep_the_column_equal_to_the_records() {
    let store = imported();
    let date = "2026-11-30";
    let apply = |c: Command| store.apply(c, &actor(date)).unwrap().id;
    assert_in_step(&store, 0);
    let template: Resident = store.require(10).unwrap();
    let mut residents: Vec<Id> = vec![10, 11, 12, 13];
    // Enough residents for several blocks.
    for i in 0..140 {
        let mut r = template.clone();
        r.id = 0;
        r.name = format!("新居民{i}");
        r.care = None;
        residents.push(apply(Command::SaveResident(r)));
    }
    let mut households: Vec<Id> = vec![1, 2, 3];
    let mut rng = Lcg(11);
    for step in 1..200 {
        let h = households[rng.next(households.len() as u64) as usize];
        let r = residents[rng.next(residents.len() as u64) as usize];
        match rng.next(8) {
            // Renamed, a new phone, the ID number dropped, a contact added.
            0 => {
                let mut res: Resident = store.require(r).unwrap();
                if res.left.is_some() {
                    continue;
                }
                res.name = format!("王秀{step}");
                res.phone = format!("138-0000-{step:04}");
                if step % 2 == 0 {
                    res.id_number = None;
                }
                res.contacts.push(EmergencyContact {
                    name: "李强".into(),
                    relation: String::new(),
                    phone: format!("+86 139 {step}"),
                });
                apply(Command::SaveResident(res));
            }
            // Moved to a household.
            1 => {
                let mut res: Resident = store.require(r).unwrap();
                if res.left.is_some() {
                    continue;
                }
                res.household = Some(h);
                apply(Command::SaveResident(res));
            }
            // Left the community.
            2 => {
                let res: Resident = store.require(r).unwrap();
                if res.left.is_some() || step % 3 != 0 {
                    continue;
                }
                apply(Command::People(PeopleCommand::Leave {
                    resident: r,
                    date: Date::parse(date).unwrap(),
                    reason: LeaveReason::Moved,
                    note: String::new(),
                }));
            }
            // A household's address, head and grid changed.
            3 => {
                let mut hh: Household = store.require(h).unwrap();
                hh.address.text = format!("东园小区 {step}");
                hh.address.building = format!("{}栋", step % 9 + 1);
                hh.members.insert(0, r);
                hh.grid = if hh.grid == 1 { 2 } else { 1 };
                apply(Command::SaveHousehold(hh));
            }
            // A new household.
            4 => {
                let mut hh: Household = store.require(1).unwrap();
                hh.id = 0;
                hh.members = vec![r];
                hh.address.text = format!("南园小区 {step}");
                households.push(apply(Command::SaveHousehold(hh)));
            }
            // Moved by the people command: into a household, or out of any into grid 2
            // (both households' member lists change in the same transaction).
            5 => {
                let res: Resident = store.require(r).unwrap();
                if res.left.is_some() {
                    continue;
                }
                let (household, grid) = if step % 2 == 0 {
                    (Some(h), None)
                } else {
                    (None, Some(2))
                };
                apply(Command::People(PeopleCommand::Move {
                    resident: r,
                    household,
                    grid,
                }));
            }
            // A new resident added straight into a household.
            6 => {
                let mut res = template.clone();
                res.id = 0;
                res.name = format!("张新{step}");
                res.phone = format!("137-1111-{step:04}");
                res.care = None;
                res.household = Some(h);
                residents.push(apply(Command::People(PeopleCommand::AddResident(
                    Box::new(res),
                ))));
            }
            // Saved as it was: nothing to write.
            _ => {
                let res: Resident = store.require(r).unwrap();
                let before = store.tree(Tree::SearchColumn).checksum().unwrap();
                let mut batch = Batch::default();
                batch.put(&res);
                store.keep_indexes(&mut batch).unwrap();
                store.commit(&batch, false).unwrap();
                assert_eq!(store.tree(Tree::SearchColumn).checksum().unwrap(), before);
            }
        }
        assert_in_step(&store, step);
    }
    let blocks = store
        .tree(Tree::SearchColumn)
        .scan_prefix([RESIDENTS])
        .count();
    assert!(blocks >= 3, "several blocks: {blocks}");
    assert_eq!(store.verify_kept_indexes().unwrap(), None);

    // Records gone: their cells go, and a block left empty goes.
    let mut batch = Batch::default();
    for id in 64..128 {
        batch.delete(Tree::Residents, &id_key(id));
    }
    batch.delete(Tree::Residents, &id_key(10));
    batch.delete(Tree::Households, &id_key(2));
    store.keep_indexes(&mut batch).unwrap();
    store.commit(&batch, false).unwrap();
    assert_in_step(&store, 1000);
    assert_eq!(
        store
            .tree(Tree::SearchColumn)
            .get(block_key(RESIDENTS, 64))
            .unwrap(),
        None
    );
    assert_eq!(store.verify_kept_indexes().unwrap(), None);

    // Rebuilt from the records: the same bytes; a second rebuild writes nothing.
    let before: Vec<_> = store
        .tree(Tree::SearchColumn)
        .iter()
        .map(|kv| kv.unwrap())
        .collect();
    store.tree(Tree::SearchColumn).clear().unwrap();
    assert_eq!(
        store.verify_kept_indexes().unwrap(),
        Some(Damage::Index {
            tree: Tree::SearchColumn,
            key: vec![KeyPart::Households { first: 0, last: 63 }],
            off: Off::Missing,
        })
    );
    store.rebuild_kept(&[Tree::SearchColumn]).unwrap();
    let after: Vec<_> = store
        .tree(Tree::SearchColumn)
        .iter()
        .map(|kv| kv.unwrap())
        .collect();
    assert_eq!(after, before);
    let generation = store.generation();
    store.rebuild_kept_indexes().unwrap();
    assert_eq!(store.generation(), generation, "nothing left to write");
}

#[test]
fn a_stale_or_damaged_cell_is_reported() {
    let store = imported();
    let key = block_key(RESIDENTS, 10);
    let stored = store.tree(Tree::SearchColumn).get(key).unwrap().unwrap();
    let mut cells: Vec<ResidentCell> = decode_cells(&stored).unwrap();
    cells[0].phone = "00000000".into();
    store
        .tree(Tree::SearchColumn)
        .insert(key, encode_cells(&cells))
        .unwrap();
    let stale = Damage::Index {
        tree: Tree::SearchColumn,
        key: vec![KeyPart::Resident(0), KeyPart::Resident(63)],
        off: Off::Value,
    };
    assert_eq!(store.verify_kept_indexes().unwrap(), Some(stale.clone()));
    // Bytes that are no block are found too, and a rebuild mends them.
    store
        .tree(Tree::SearchColumn)
        .insert(key, &b"\x01\xff"[..])
        .unwrap();
    assert_eq!(store.verify_kept_indexes().unwrap(), Some(stale));
    store.rebuild_kept_indexes().unwrap();
    assert_eq!(store.verify_kept_indexes().unwrap(), None);
    assert_eq!(
        store.tree(Tree::SearchColumn).get(key).unwrap().as_deref(),
        Some(&stored[..])
    );
    // A key of a kind that is not one.
    let mut foreign = vec![9];
    foreign.extend_from_slice(&id_key(0));
    store
        .tree(Tree::SearchColumn)
        .insert(&foreign, &[])
        .unwrap();
    assert_eq!(
        store.verify_kept_indexes().unwrap(),
        Some(Damage::Index {
            tree: Tree::SearchColumn,
            key: vec![KeyPart::Unreadable],
            off: Off::Extra,
        })
    );
    assert_eq!(BLOCK, 64);
}
