//! The kept indexes: kept by every command that touches them, rebuilt from the records alone
//! (the same bytes), and any damage found by `verify_kept_indexes` and `qiaomen check`.

use super::entries::{self, Dated, ElderEntry};
use crate::command::{Actor, Command, NewCase};
use crate::damage::{Damage, KeyPart, Off};
use crate::day::{ClockTime, Date, Now};
use crate::engine::{Engine, Problem};
use crate::model::{
    CaseKind, CaseStatus, Closure, FileStatus, FundEntry, Household, Id, Meeting, Resident,
    Session, Visit,
};
use crate::register::RegisterCommand as R;
use crate::store::{Store, Tree, id_key};

const FIXTURE: &str = r#"
{"type":"community","name":"测试社区"}
{"type":"grid","id":1,"code":"G1","name":"东园网格"}
{"type":"grid","id":2,"code":"G2","name":"西园网格"}
{"type":"member","id":1,"name":"李明","roles":["steward"],"grid":1}
{"type":"household","id":1,"grid":1,"address":{"text":"东园小区 1-1-101"},"members":[10,11]}
{"type":"household","id":2,"grid":2,"address":{"text":"西园小区 2-1-202"},"members":[12],"file":[{"status":"registered","date":"2026-11-01","by":"李明"}]}
{"type":"resident","id":10,"name":"张一","grid":1,"household":1,"care":{"level":1,"callers":[1],"active_from":"2026-11-01"}}
{"type":"resident","id":11,"name":"张二","grid":1,"household":1}
{"type":"resident","id":12,"name":"张四","grid":2,"household":2}
{"type":"household","id":3,"grid":2,"address":{"text":"西园小区 5栋"},"members":[13]}
{"type":"resident","id":13,"name":"张三","grid":2,"household":3}
{"type":"partner","id":1,"name":"青禾书店","kind":"enterprise"}
{"type":"fund","id":1,"date":"2026-10-15","amount_fen":1000000,"direction":"in","partner":1}
{"type":"meeting","id":1,"date":"2026-11-10","kind":"consultation","title":"停车协商"}
{"type":"visit","id":1,"date":"2026-11-15","household":1,"by":"李明"}
{"type":"case","id":1,"kind":"request","title":"路灯不亮","grid":1,"opened":"2026-11-20","status":"open"}
"#;

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

pub(super) fn actor(date: &str) -> Actor {
    Actor {
        operator: "李明".into(),
        now: Now::local(day(date), ClockTime::new(10, 0).unwrap(), 480),
    }
}

pub(super) fn imported() -> Store {
    let store = Store::temporary().unwrap();
    store
        .import(
            || Ok(std::io::Cursor::new(FIXTURE.as_bytes())),
            false,
            "test",
            0,
            "fixture",
        )
        .unwrap();
    store
}

fn apply(store: &Store, c: Command, date: &str) -> Id {
    store.apply(c, &actor(date)).unwrap().id
}

/// Every key and value of the kept trees.
fn kept(store: &Store) -> Vec<(Tree, Vec<u8>, Vec<u8>)> {
    [
        Tree::Elders,
        Tree::HouseholdRows,
        Tree::MemberOf,
        Tree::Dated,
        Tree::CaseEnds,
        Tree::ElderHomes,
    ]
    .into_iter()
    .flat_map(|t| {
        store
            .tree(t)
            .iter()
            .map(move |kv| kv.map(|(k, v)| (t, k.to_vec(), v.to_vec())).unwrap())
    })
    .collect()
}

/// Each household with a head that exists: the household, its head, the name its row shows.
fn heads(store: &Store) -> Vec<(Id, Id, String)> {
    let mut out = Vec::new();
    for v in store.tree(Tree::HouseholdRows).iter().values() {
        for row in crate::store::decode_household_rows(&v.unwrap()).unwrap() {
            if !row.head.is_empty() {
                let h: Household = store.require(row.id).unwrap();
                out.push((row.id, h.members[0], row.head));
            }
        }
    }
    out
}

fn assert_consistent(store: &Store) {
    assert_eq!(store.verify_kept_indexes().unwrap(), None);
}

#[test]
fn an_import_keeps_heads_even_when_the_household_comes_before_its_residents() {
    let store = imported();
    assert_eq!(
        heads(&store),
        vec![
            (1, 10, "张一".into()),
            (2, 12, "张四".into()),
            (3, 13, "张三".into())
        ]
    );
    assert_eq!(store.households_listing(12).unwrap(), [2]);
    assert!(store.tree(Tree::HeadOf).is_empty(), "retired in schema 7");
    assert_consistent(&store);
}

#[test]
fn saving_residents_and_households_keeps_the_heads() {
    let store = imported();
    let mut r: Resident = store.require(10).unwrap();
    r.name = "张一一".into();
    apply(&store, Command::SaveResident(r), "2026-11-30");
    assert_eq!(heads(&store)[0], (1, 10, "张一一".into()));
    let mut twelve: Resident = store.require(11).unwrap();
    twelve.id = 0;
    twelve.name = "王五".into();
    let new_id = apply(&store, Command::SaveResident(twelve), "2026-11-30");
    assert_eq!(new_id, 14);
    // Household 1's members change: 11 first, then 10.
    let mut h: Household = store.require(1).unwrap();
    h.members = vec![11, 10];
    apply(&store, Command::SaveHousehold(h), "2026-11-30");
    assert_eq!(heads(&store)[0], (1, 11, "张二".into()));
    assert_eq!(
        heads(&store)[0].1,
        11,
        "10 no longer heads household 1, though it is still listed"
    );
    assert_eq!(store.households_listing(10).unwrap(), [1]);
    assert_eq!(store.households_listing(11).unwrap(), [1]);
    // Renaming 10 now touches no household's head.
    let mut r: Resident = store.require(10).unwrap();
    r.name = "张一".into();
    apply(&store, Command::SaveResident(r), "2026-11-30");
    assert_eq!(heads(&store)[0], (1, 11, "张二".into()));
    // A household without members has no head; a new household gets one.
    let mut h: Household = store.require(3).unwrap();
    h.members = Vec::new();
    apply(&store, Command::SaveHousehold(h), "2026-11-30");
    let mut new = store.require::<Household>(1).unwrap();
    new.id = 0;
    new.members = vec![14];
    let four = apply(&store, Command::SaveHousehold(new), "2026-11-30");
    assert_eq!(
        heads(&store),
        vec![
            (1, 11, "张二".into()),
            (2, 12, "张四".into()),
            (four, 14, "王五".into())
        ]
    );
    assert_consistent(&store);
}

#[test]
fn a_care_plan_keeps_the_elders_list() {
    let store = imported();
    let mut r: Resident = store.require(11).unwrap();
    r.care = store.require::<Resident>(10).unwrap().care;
    apply(&store, Command::SaveResident(r.clone()), "2026-11-30");
    assert!(store.tree(Tree::Elders).contains_key(id_key(11)).unwrap());
    r.care = None;
    apply(&store, Command::SaveResident(r), "2026-11-30");
    assert!(!store.tree(Tree::Elders).contains_key(id_key(11)).unwrap());
    assert_consistent(&store);
}

/// The address the elders index carries for `elder`, if it holds the elder.
fn elder_address(store: &Store, elder: Id) -> Option<String> {
    store
        .tree(Tree::Elders)
        .get(id_key(elder))
        .unwrap()
        .map(|v| ElderEntry::decode(&v).unwrap().address.short())
}

#[test]
fn an_elders_entry_follows_its_household_and_its_record() {
    let store = imported();
    assert_eq!(
        elder_address(&store, 10).as_deref(),
        Some("东园小区 1-1-101")
    );
    assert!(
        store
            .tree(Tree::ElderHomes)
            .contains_key([id_key(1), id_key(10)].concat())
            .unwrap()
    );
    // The household's new address reaches the elder, whose record is not written.
    let mut h: Household = store.require(1).unwrap();
    h.address.text = "东园小区 2-1-101".into();
    apply(&store, Command::SaveHousehold(h), "2026-11-30");
    assert_eq!(
        elder_address(&store, 10).as_deref(),
        Some("东园小区 2-1-101")
    );
    // The elder moves to household 3: the entry and its home follow.
    let mut r: Resident = store.require(10).unwrap();
    r.household = Some(3);
    r.name = "张一一".into();
    apply(&store, Command::SaveResident(r), "2026-11-30");
    assert_eq!(elder_address(&store, 10).as_deref(), Some("西园小区 5栋"));
    assert_eq!(store.elders().unwrap()[0].name, "张一一");
    assert!(
        !store
            .tree(Tree::ElderHomes)
            .contains_key([id_key(1), id_key(10)].concat())
            .unwrap()
    );
    assert_consistent(&store);
}

#[test]
fn an_elder_imported_before_its_household_gets_its_address() {
    let store = Store::temporary().unwrap();
    let lines = r#"
{"type":"community","name":"测试社区"}
{"type":"grid","id":1,"code":"G1","name":"东园网格"}
{"type":"member","id":1,"name":"李明","roles":["steward"],"grid":1}
{"type":"resident","id":10,"name":"张一","grid":1,"household":1,"care":{"level":1,"callers":[1],"active_from":"2026-11-01"}}
{"type":"household","id":1,"grid":1,"address":{"text":"东园小区 1-1-101"},"members":[10]}
"#;
    store
        .import(
            || Ok(std::io::Cursor::new(lines.as_bytes())),
            false,
            "test",
            0,
            "fixture",
        )
        .unwrap();
    assert_eq!(
        elder_address(&store, 10).as_deref(),
        Some("东园小区 1-1-101")
    );
    assert_consistent(&store);
}

fn dated_on(store: &Store, date: &str) -> Vec<(Id, Dated)> {
    store
        .dated_between(Some(day(date)), day(date))
        .unwrap()
        .into_iter()
        .map(|i| (i.id, i.what))
        .collect()
}

#[test]
fn register_commands_keep_the_dated_entries() {
    let store = imported();
    let today = "2026-11-30";
    // A file opened on the day, then moved on: still dated on the day it was opened.
    apply(
        &store,
        Command::Register(R::FileStep {
            household: 1,
            to: FileStatus::Registered,
            note: String::new(),
        }),
        today,
    );
    apply(
        &store,
        Command::Register(R::FileStep {
            household: 1,
            to: FileStatus::Reviewed,
            note: String::new(),
        }),
        "2026-12-01",
    );
    let mut m: Meeting = store.require(1).unwrap();
    m.id = 0;
    m.date = day(today);
    let meeting = apply(&store, Command::Register(R::SaveMeeting(m)), today);
    let mut v: Visit = store.require(1).unwrap();
    v.id = 0;
    v.date = day(today);
    let visit = apply(&store, Command::Register(R::SaveVisit(v.clone())), today);
    let mut f: FundEntry = store.require(1).unwrap();
    f.id = 0;
    f.date = day(today);
    f.amount_fen = 500;
    let fund = apply(&store, Command::Register(R::Fund(f)), today);
    assert_eq!(
        dated_on(&store, today),
        vec![
            (
                meeting,
                Dated::Meeting(crate::model::MeetingKind::Consultation)
            ),
            (visit, Dated::Visit { household: 1 }),
            (
                fund,
                Dated::Fund {
                    direction: crate::model::Direction::In,
                    amount_fen: 500
                }
            ),
            (1, Dated::File { grid: 1 }),
        ]
    );
    // A visit moved to another day and household leaves its old date.
    v.id = visit;
    v.date = day("2026-11-29");
    v.household = 3;
    apply(&store, Command::Register(R::SaveVisit(v)), today);
    assert!(
        !dated_on(&store, today)
            .iter()
            .any(|(id, w)| *id == visit && matches!(w, Dated::Visit { .. }))
    );
    assert_eq!(
        dated_on(&store, "2026-11-29"),
        vec![(visit, Dated::Visit { household: 3 })]
    );
    // A household moved to grid 2 carries its file's entry along.
    let mut h: Household = store.require(1).unwrap();
    h.grid = 2;
    apply(&store, Command::SaveHousehold(h), today);
    assert!(dated_on(&store, today).contains(&(1, Dated::File { grid: 2 })));
    assert_consistent(&store);
}

#[test]
fn case_commands_keep_the_dated_entries_and_the_case_ends() {
    let store = imported();
    let case = apply(
        &store,
        Command::OpenCase(NewCase {
            kind: CaseKind::Dispute,
            title: "围墙越界".into(),
            grid: 2,
            parties: vec!["甲".into(), "乙".into()],
            residents: vec![],
            opened: day("2026-11-28"),
            follow_up: None,
            note: String::new(),
        }),
        "2026-11-28",
    );
    let ends = |store: &Store| -> Vec<Vec<u8>> {
        store
            .tree(Tree::CaseEnds)
            .iter()
            .keys()
            .map(|k| k.unwrap().to_vec())
            .collect()
    };
    let open_key = [entries::NOT_CLOSED.to_vec(), id_key(case).to_vec()].concat();
    assert!(ends(&store).contains(&open_key));
    apply(
        &store,
        Command::CaseSession {
            case,
            session: Session {
                date: day("2026-11-29"),
                participants: vec!["李明".into()],
                outcome: "再谈".into(),
            },
        },
        "2026-11-29",
    );
    for (to, date) in [
        (CaseStatus::Resolved, "2026-11-30"),
        (CaseStatus::Closed, "2026-12-01"),
    ] {
        apply(
            &store,
            Command::CaseStatus {
                case,
                to,
                reason: "达成协议".into(),
                closure: (to == CaseStatus::Closed).then_some(Closure::Agreement),
            },
            date,
        );
    }
    let case_days: Vec<(Date, bool, bool, bool)> = store
        .dated_between(None, day("2026-12-31"))
        .unwrap()
        .into_iter()
        .filter(|i| i.id == case)
        .filter_map(|i| match i.what {
            Dated::Case {
                opened,
                session,
                settled,
                grid,
                kind,
            } => {
                assert_eq!((grid, kind), (2, CaseKind::Dispute));
                Some((i.date, opened, session, settled))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        case_days,
        vec![
            (day("2026-11-28"), true, false, false),
            (day("2026-11-29"), false, true, false),
            (day("2026-11-30"), false, false, true),
            (day("2026-12-01"), false, false, true),
        ]
    );
    let closed_key = [day("2026-12-01").key().to_vec(), id_key(case).to_vec()].concat();
    assert!(ends(&store).contains(&closed_key));
    assert!(!ends(&store).contains(&open_key));
    // Quiet after its last day: counted on 12-01, not on 12-02.
    let ids = |d: &str| -> Vec<Id> {
        store
            .cases_not_quiet_on(day(d))
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect()
    };
    assert!(ids("2026-12-01").contains(&case));
    assert!(!ids("2026-12-02").contains(&case));
    assert_consistent(&store);
}

#[test]
fn a_rebuild_writes_what_the_commands_kept_and_a_second_one_writes_nothing() {
    let store = imported();
    let mut r: Resident = store.require(10).unwrap();
    r.name = "张一一".into();
    apply(&store, Command::SaveResident(r), "2026-11-30");
    let kept_before = kept(&store);
    // As a database made before the indexes were kept: the new trees empty, the elders'
    // list partly wrong.
    for t in [
        Tree::HouseholdRows,
        Tree::MemberOf,
        Tree::Dated,
        Tree::CaseEnds,
        Tree::ElderHomes,
    ] {
        store.tree(t).clear().unwrap();
    }
    // As schema 2 kept the elders: ids only.
    store
        .tree(Tree::Elders)
        .insert(id_key(10), Vec::new())
        .unwrap();
    store
        .tree(Tree::Elders)
        .insert(id_key(11), Vec::new())
        .unwrap();
    assert!(store.verify_kept_indexes().unwrap().is_some());
    store.rebuild_kept_indexes().unwrap();
    assert_eq!(kept(&store), kept_before);
    assert_consistent(&store);
    let generation = store.generation();
    store.rebuild_kept_indexes().unwrap();
    assert_eq!(store.generation(), generation, "nothing left to write");
    assert_eq!(kept(&store), kept_before);
}

#[test]
fn damage_to_each_kept_index_is_named() {
    let cases: [(Tree, Vec<u8>, &str); 5] = [
        (
            Tree::Heads,
            id_key(1).to_vec(),
            "heads index entry for household 1 is not in the records",
        ),
        (
            Tree::Elders,
            id_key(11).to_vec(),
            "elders index entry for resident 11 is not in the records",
        ),
        (
            Tree::Dated,
            entries::dated_key(day("2026-11-15"), 2, 1),
            "dated index entry for 2026-11-15 visit 1 holds another value than the records give",
        ),
        (
            Tree::CaseEnds,
            [day("2026-01-01").key().to_vec(), id_key(1).to_vec()].concat(),
            "case_ends index entry for case 1 2026-01-01 is not in the records",
        ),
        (
            Tree::Elders,
            id_key(10).to_vec(),
            "elders index entry for resident 10 holds another value than the records give",
        ),
    ];
    for (tree, key, message) in cases {
        let store = imported();
        // A value of another kind (a dated entry's): wrong wherever it lands.
        let value = entries::encode(&Dated::Visit { household: 99 });
        store.tree(tree).insert(key, value).unwrap();
        let found = store
            .verify_kept_indexes()
            .unwrap()
            .expect("damage found")
            .to_string();
        assert!(found.ends_with(message), "{found}");
    }
    // A key left in the retired `head_of` (schema 6's shape) is found, and the rebuild
    // removes it.
    let store = imported();
    store
        .tree(Tree::HeadOf)
        .insert([id_key(13), id_key(3)].concat(), &[])
        .unwrap();
    assert_eq!(
        store.verify_kept_indexes().unwrap(),
        Some(Damage::Index {
            tree: Tree::HeadOf,
            key: vec![KeyPart::Resident(13), KeyPart::Household(3)],
            off: Off::Extra,
        })
    );
    store.rebuild_kept_indexes().unwrap();
    assert!(store.tree(Tree::HeadOf).is_empty());
    assert_consistent(&store);
    let store = imported();
    store
        .tree(Tree::ElderHomes)
        .remove([id_key(1), id_key(10)].concat())
        .unwrap();
    assert_eq!(
        store.verify_kept_indexes().unwrap(),
        Some(Damage::Index {
            tree: Tree::ElderHomes,
            key: vec![KeyPart::Resident(10), KeyPart::Household(1)],
            off: Off::Missing,
        })
    );
}

#[test]
fn check_reports_a_damaged_index() {
    let now = Now::local(day("2026-11-30"), ClockTime::new(9, 0).unwrap(), 480);
    let engine = Engine::temporary("tester", now).unwrap();
    engine
        .import(
            || Ok(std::io::Cursor::new(FIXTURE.as_bytes())),
            false,
            "李明",
            now,
            "fixture",
        )
        .unwrap();
    assert!(engine.check().unwrap().healthy());
    engine
        .store()
        .tree(Tree::HouseholdRows)
        .remove(id_key(0))
        .unwrap();
    let report = engine.check().unwrap();
    assert!(
        report.problems.contains(&Problem::Store(Damage::Index {
            tree: Tree::HouseholdRows,
            key: vec![KeyPart::Households { first: 0, last: 63 }],
            off: Off::Missing,
        })),
        "{:?}",
        report.problems
    );
}

/// Memberships come out of the households in household order, not in their key order
/// (resident, household): the comparison sorts them before it packs and walks the blocks. A
/// block missing, one holding a membership too many, and one gone are each found, and the
/// rebuild writes the same blocks again.
#[test]
fn memberships_listed_out_of_key_order_are_compared_and_rebuilt_by_blocks() {
    let extra = "{\"type\":\"household\",\"id\":4,\"grid\":2,\"address\":{\"text\":\"西园小区 6栋\"},\"members\":[13,10]}\n";
    let text = format!("{FIXTURE}{extra}");
    let store = Store::temporary().unwrap();
    store
        .import(
            || Ok(std::io::Cursor::new(text.clone().into_bytes())),
            false,
            "test",
            0,
            "fixture",
        )
        .unwrap();
    assert_eq!(store.verify_kept_indexes().unwrap(), None);
    assert_eq!(
        store.memberships().unwrap(),
        [(10, 1), (10, 4), (11, 1), (12, 2), (13, 3), (13, 4)]
    );
    assert_eq!(store.households_listing(13).unwrap(), [3, 4]);
    let member_of = store.tree(Tree::MemberOf);
    let before: Vec<_> = member_of.iter().map(Result::unwrap).collect();
    assert_eq!(before.len(), 1, "residents 10 to 13 share block 0");
    let block = crate::store::membership_block_key(10);
    let one_more = crate::store::encode_memberships(&[
        (10, 1),
        (10, 4),
        (11, 1),
        (12, 2),
        (12, 4),
        (13, 3),
        (13, 4),
    ]);
    member_of.insert(block, one_more).unwrap();
    assert_eq!(
        store.verify_kept_indexes().unwrap(),
        Some(Damage::Index {
            tree: Tree::MemberOf,
            key: vec![KeyPart::Resident(0), KeyPart::Resident(63)],
            off: Off::Value,
        })
    );
    member_of.remove(block).unwrap();
    assert_eq!(
        store.verify_kept_indexes().unwrap(),
        Some(Damage::Index {
            tree: Tree::MemberOf,
            key: vec![KeyPart::Resident(0), KeyPart::Resident(63)],
            off: Off::Missing,
        })
    );
    store.rebuild_kept_indexes().unwrap();
    assert_eq!(store.verify_kept_indexes().unwrap(), None);
    let after: Vec<_> = member_of.iter().map(Result::unwrap).collect();
    assert_eq!(after, before);
}

/// Memberships far apart fall in blocks of their own; a household's members changed by a
/// command move between blocks in the same batch, and a block left empty is deleted.
#[test]
fn a_household_saved_moves_its_memberships_between_blocks() {
    let store = imported();
    let mut far: Resident = store.require(13).unwrap();
    far.id = 0;
    far.name = "张远".into();
    let mut id = 0;
    // Residents up to id 200: the new ones land in blocks 0 to 3.
    while id < 200 {
        id = apply(&store, Command::SaveResident(far.clone()), "2026-11-30");
    }
    let mut h: Household = store.require(3).unwrap();
    h.members = vec![id, 13];
    apply(&store, Command::SaveHousehold(h.clone()), "2026-11-30");
    assert_eq!(store.households_listing(id).unwrap(), [3]);
    assert_eq!(store.households_listing(13).unwrap(), [3]);
    assert_eq!(store.tree(Tree::MemberOf).len(), 2, "blocks 0 and 3");
    assert_eq!(heads(&store)[2], (3, id, "张远".into()));
    h.members = vec![13];
    apply(&store, Command::SaveHousehold(h), "2026-11-30");
    assert!(store.households_listing(id).unwrap().is_empty());
    assert_eq!(store.tree(Tree::MemberOf).len(), 1, "block 3 deleted");
    assert_consistent(&store);
}
