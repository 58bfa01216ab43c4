//! The escalation ladder through the engine, with the clock passed in: each step as the roll
//! call shows it, the case opened with the last step (exactly one, however often the step is
//! recorded), the undo of a step, the settings, and a journal that rebuilds the same store.

mod common;

use common::{actor, apply_err, apply_ok, at, day, new_checkin, new_elder, new_grid};
use qiaomen_core::ladder::{Doer, Position, Step};
use qiaomen_core::model::{
    Case, CaseKind, CaseStatus, CheckInKey, EmergencyContact, Id, Ladder, Method, Outcome,
};
use qiaomen_core::query::Query;
use qiaomen_core::{Actor, Command, Engine, NewCase, Now};

const DAY: &str = "2026-12-01";

struct Town {
    _dir: tempfile::TempDir,
    engine: Engine,
    elder: Id,
    grid: Id,
}

fn town() -> Town {
    let dir = tempfile::tempdir().expect("tempdir");
    let engine = common::reopen(dir.path());
    let a = common::clerk();
    let grid = apply_ok(&engine, Command::SaveGrid(new_grid("G3", "新桥网格")), &a).id;
    let mut e = new_elder("钱福生", grid, 1, "2026-01-01");
    e.contacts = vec![
        EmergencyContact {
            name: "钱丽萍".into(),
            relation: "女儿".into(),
            phone: "15800000001".into(),
        },
        EmergencyContact {
            name: "钱伟".into(),
            relation: "儿子".into(),
            phone: "13900000002".into(),
        },
    ];
    let elder = apply_ok(&engine, Command::SaveResident(e), &a).id;
    Town {
        _dir: dir,
        engine,
        elder,
        grid,
    }
}

fn at_(hhmm: &str) -> Actor {
    actor("朱建新", at(DAY, hhmm))
}

fn step(t: &Town, hhmm: &str, method: Method, outcome: Outcome, contact: Option<u8>) -> Command {
    let mut c = new_checkin(t.elder, DAY, hhmm, outcome);
    c.method = method;
    c.contact = contact;
    Command::LadderStep {
        checkin: c,
        case: NewCase {
            kind: CaseKind::Assistance,
            title: "钱福生多次联系不上".into(),
            grid: t.grid,
            parties: vec!["钱福生".into()],
            residents: vec![t.elder],
            opened: day(DAY),
            follow_up: None,
            note: "阶梯记录".into(),
        },
    }
}

fn position(t: &Town, now: Now) -> Option<Position> {
    let roll = t
        .engine
        .query(Query::Roll {
            date: day(DAY),
            now,
            grid: None,
        })
        .expect("roll")
        .roll()
        .expect("a roll");
    roll.entries
        .into_iter()
        .find(|e| e.elder.id == t.elder)
        .expect("on the roll")
        .ladder
}

fn cases(t: &Town) -> Vec<Case> {
    t.engine.store().all::<Case>().expect("cases")
}

#[test]
fn each_step_then_exactly_one_case_then_undo() {
    let t = town();
    assert_eq!(position(&t, at(DAY, "10:00")), None, "before the cutoff");
    let p = position(&t, at(DAY, "11:10")).expect("after the cutoff");
    assert_eq!(p.step, Step::Call { n: 1, of: 3 });
    assert!(p.overdue);

    for hhmm in ["11:12", "11:40", "12:05"] {
        apply_ok(
            &t.engine,
            step(&t, hhmm, Method::Phone, Outcome::NoAnswer, None),
            &at_(hhmm),
        );
    }
    let p = position(&t, at(DAY, "12:10")).unwrap();
    assert!(matches!(&p.step, Step::Contact { index: 1, name, .. } if name == "钱丽萍"));
    assert_eq!(p.by.map(|b| b.to_string()), Some("12:30".into()));
    assert!(!p.overdue);

    apply_ok(
        &t.engine,
        step(&t, "12:15", Method::Contact, Outcome::NoAnswer, Some(1)),
        &at_("12:15"),
    );
    assert!(matches!(
        position(&t, at(DAY, "12:16")).unwrap().step,
        Step::Contact { index: 2, .. }
    ));
    apply_ok(
        &t.engine,
        step(&t, "12:20", Method::Contact, Outcome::NoAnswer, Some(2)),
        &at_("12:20"),
    );
    let p = position(&t, at(DAY, "12:21")).unwrap();
    assert_eq!((p.step.clone(), p.doer), (Step::Knock, Doer::Steward));
    assert!(cases(&t).is_empty(), "no case before the last step");

    // The knock fails: the case opens with it, in one change.
    let applied = apply_ok(
        &t.engine,
        step(&t, "13:00", Method::Visit, Outcome::NoAnswer, None),
        &at_("13:00"),
    );
    let opened = cases(&t);
    assert_eq!(opened.len(), 1);
    let case = &opened[0];
    assert_eq!(applied.id, case.id);
    assert!(
        applied
            .records
            .iter()
            .any(|r| r.kind == "case" && r.id == case.id)
    );
    assert_eq!(
        (case.kind, case.status, case.grid),
        (CaseKind::Assistance, CaseStatus::Open, t.grid)
    );
    assert_eq!(case.residents, vec![t.elder]);
    let p = position(&t, at(DAY, "13:01")).unwrap();
    assert_eq!(
        p.step,
        Step::Case {
            case: Some(case.id)
        }
    );

    // Pressed again (or from another client): a second step, no second case.
    apply_ok(
        &t.engine,
        step(&t, "13:01", Method::Visit, Outcome::NoAnswer, None),
        &at_("13:01"),
    );
    assert_eq!(cases(&t).len(), 1);

    // Undo the repeat: nothing changes; undo the step that opened the case: it closes.
    let key = |seq| CheckInKey {
        date: day(DAY),
        elder: t.elder,
        seq,
    };
    apply_ok(
        &t.engine,
        Command::UndoCheckIn { key: key(6) },
        &at_("13:02"),
    );
    assert_eq!(cases(&t)[0].status, CaseStatus::Open);
    apply_ok(
        &t.engine,
        Command::UndoCheckIn { key: key(5) },
        &at_("13:03"),
    );
    assert_eq!(cases(&t)[0].status, CaseStatus::Closed);
    assert_eq!(position(&t, at(DAY, "13:04")).unwrap().step, Step::Knock);
    // Undo a contact step: back to that contact.
    apply_ok(
        &t.engine,
        Command::UndoCheckIn { key: key(4) },
        &at_("13:05"),
    );
    assert!(matches!(
        position(&t, at(DAY, "13:06")).unwrap().step,
        Step::Contact { index: 2, .. }
    ));

    // A knock again with no answer after the contact: a new case (the first was taken back).
    apply_ok(
        &t.engine,
        step(&t, "13:10", Method::Contact, Outcome::NoAnswer, Some(2)),
        &at_("13:10"),
    );
    apply_ok(
        &t.engine,
        step(&t, "13:30", Method::Visit, Outcome::NoAnswer, None),
        &at_("13:30"),
    );
    assert_eq!(
        cases(&t)
            .iter()
            .filter(|c| c.status == CaseStatus::Open)
            .count(),
        1
    );

    // The journal rebuilds the same store, cases and check-ins included.
    let report = t.engine.check().expect("check");
    assert!(report.healthy(), "{:?}", report.problems);
}

#[test]
fn a_contact_confirming_or_a_visit_takes_the_elder_off_the_ladder() {
    let t = town();
    for hhmm in ["11:12", "11:40", "12:05"] {
        apply_ok(
            &t.engine,
            step(&t, hhmm, Method::Phone, Outcome::NoAnswer, None),
            &at_(hhmm),
        );
    }
    apply_ok(
        &t.engine,
        step(&t, "12:15", Method::Contact, Outcome::Ok, Some(1)),
        &at_("12:15"),
    );
    assert_eq!(position(&t, at(DAY, "12:16")), None);
    apply_ok(
        &t.engine,
        step(&t, "12:30", Method::Phone, Outcome::NoAnswer, None),
        &at_("12:30"),
    );
    assert!(
        position(&t, at(DAY, "12:31")).is_some(),
        "the latest attempt decides"
    );
    apply_ok(
        &t.engine,
        step(&t, "12:40", Method::Visit, Outcome::Ok, None),
        &at_("12:40"),
    );
    assert_eq!(position(&t, at(DAY, "12:41")), None);
    assert!(cases(&t).is_empty());
}

#[test]
fn a_contact_step_names_an_existing_contact() {
    let t = town();
    let e = apply_err(
        &t.engine,
        step(&t, "12:15", Method::Contact, Outcome::NoAnswer, Some(3)),
        &at_("12:15"),
    );
    assert_eq!(common::invalid_field(&e), "contact");
    let e = apply_err(
        &t.engine,
        step(&t, "12:15", Method::Contact, Outcome::NoAnswer, None),
        &at_("12:15"),
    );
    assert_eq!(common::invalid_field(&e), "contact");
    let e = apply_err(
        &t.engine,
        step(&t, "12:15", Method::Phone, Outcome::NoAnswer, Some(1)),
        &at_("12:15"),
    );
    assert_eq!(common::invalid_field(&e), "contact");
    // A caller cannot claim a case on a check-in: only the store sets it.
    let mut c = new_checkin(t.elder, DAY, "12:20", Outcome::NoAnswer);
    c.case = Some(99);
    apply_ok(&t.engine, Command::CheckIn(c), &at_("12:20"));
    let stored = t.engine.store().checkins_of_on(t.elder, day(DAY)).unwrap();
    assert_eq!(stored[0].case, None);
}

#[test]
fn the_ladder_is_a_community_setting() {
    let t = town();
    let admin = common::clerk();
    let mut community = t.engine.store().community().unwrap();
    assert_eq!(community.ladder, Ladder::default());
    community.name = "青石社区".into();
    community.ladder.levels[0].retries = 1;
    community.ladder.levels[0].every = 15;
    apply_ok(&t.engine, Command::Configure(community.clone()), &admin);
    apply_ok(
        &t.engine,
        step(&t, "11:05", Method::Phone, Outcome::NoAnswer, None),
        &at_("11:05"),
    );
    let p = position(&t, at(DAY, "11:06")).unwrap();
    assert!(matches!(p.step, Step::Contact { index: 1, .. }));
    assert_eq!(p.by.map(|b| b.to_string()), Some("11:15".into()));
    community.ladder.levels[2].knock_within = 0;
    let err = apply_err(&t.engine, Command::Configure(community), &admin);
    assert_eq!(common::invalid_field(&err), "knock_within");
}
