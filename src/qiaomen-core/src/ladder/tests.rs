//! The ladder's progressions with the clock passed in: each step, its deadline and doer, the
//! case at the end, and what takes an elder off the ladder.

use super::*;
use crate::model::{CarePlan, EmergencyContact};

fn t(hhmm: &str) -> ClockTime {
    ClockTime::parse(hhmm).unwrap()
}

fn day() -> Date {
    Date::parse("2026-12-01").unwrap()
}

fn now(hhmm: &str) -> Now {
    Now::local(day(), t(hhmm), 480)
}

fn elder(level: u8, contacts: usize) -> Resident {
    Resident {
        id: 9,
        name: "钱福生".into(),
        gender: crate::model::Gender::Male,
        birth: None,
        phone: String::new(),
        id_number: None,
        household: None,
        grid: 3,
        categories: vec![],
        health: String::new(),
        contacts: (1..=contacts)
            .map(|i| EmergencyContact {
                name: format!("联系人{i}"),
                relation: "女儿".into(),
                phone: format!("1380000000{i}"),
            })
            .collect(),
        care: Some(CarePlan {
            level,
            callers: vec![21, 22],
            doorbell: false,
            doorbell_device: None,
            active_from: Date::parse("2026-01-01").unwrap(),
            active_to: None,
        }),
        left: None,
    }
}

fn attempt(hhmm: &str, method: Method, outcome: Outcome, contact: Option<u8>) -> CheckIn {
    CheckIn {
        elder: 9,
        date: day(),
        seq: 0,
        time: t(hhmm),
        by: "朱建新".into(),
        method,
        outcome,
        note: String::new(),
        away_until: None,
        contact,
        case: None,
    }
}

fn miss(hhmm: &str) -> CheckIn {
    attempt(hhmm, Method::Phone, Outcome::NoAnswer, None)
}

fn pos(e: &Resident, attempts: &[CheckIn], at: &str) -> Option<Position> {
    position(&Ladder::default(), t("11:00"), e, attempts, day(), now(at))
}

#[test]
fn before_the_cutoff_without_a_no_answer_nobody_is_on_the_ladder() {
    assert_eq!(pos(&elder(1, 2), &[], "10:59"), None);
    let p = pos(&elder(1, 2), &[], "11:00").expect("on the ladder at the cutoff");
    assert_eq!(p.step, Step::Call { n: 1, of: 3 });
    assert_eq!(p.doer, Doer::Callers);
    assert_eq!(p.by, Some(t("11:00")));
    assert!(!p.overdue);
    // A no-answer puts the elder on it at once, before the cutoff.
    let p = pos(&elder(1, 2), &[miss("08:10")], "08:15").expect("after a no-answer");
    assert_eq!(p.step, Step::Call { n: 2, of: 3 });
    assert_eq!(p.by, Some(t("11:30")));
}

#[test]
fn level_one_climbs_every_step_with_its_deadline() {
    let e = elder(1, 2);
    let mut day_attempts = vec![miss("09:00"), miss("11:05"), miss("11:35")];
    let p = pos(&e, &day_attempts, "11:40").unwrap();
    assert_eq!(p.step.code(), "contact");
    let Step::Contact { index, name, .. } = &p.step else {
        panic!("a contact")
    };
    assert_eq!((*index, name.as_str()), (1, "联系人1"));
    // Three calls every 30 minutes from 11:00 (11:00, 11:30, 12:00), then 30 more.
    assert_eq!(p.by, Some(t("12:30")));
    assert!(!p.overdue);
    assert!(pos(&e, &day_attempts, "12:31").unwrap().overdue);

    day_attempts.push(attempt(
        "12:00",
        Method::Contact,
        Outcome::NoAnswer,
        Some(1),
    ));
    let p = pos(&e, &day_attempts, "12:01").unwrap();
    assert!(matches!(p.step, Step::Contact { index: 2, .. }));
    assert_eq!(p.by, Some(t("13:00")));

    day_attempts.push(attempt(
        "12:10",
        Method::Contact,
        Outcome::NoAnswer,
        Some(2),
    ));
    let p = pos(&e, &day_attempts, "12:11").unwrap();
    assert_eq!(p.step, Step::Knock);
    assert_eq!(p.doer, Doer::Steward);
    // Level 1: within the hour after the last contact's deadline.
    assert_eq!(p.by, Some(t("14:00")));

    day_attempts.push(attempt("12:40", Method::Visit, Outcome::NoAnswer, None));
    let p = pos(&e, &day_attempts, "12:41").unwrap();
    assert_eq!(p.step, Step::Case { case: None });
    assert_eq!(p.doer, Doer::Worker);

    day_attempts.last_mut().unwrap().case = Some(15);
    let p = pos(&e, &day_attempts, "12:41").unwrap();
    assert_eq!(p.step, Step::Case { case: Some(15) });
    assert_eq!((p.by, p.overdue), (None, false));
}

#[test]
fn levels_two_and_three_take_hours() {
    let e = elder(2, 1);
    let three = [miss("09:00"), miss("12:00"), miss("13:00")];
    let p = pos(&e, &three, "13:05").unwrap();
    assert!(matches!(p.step, Step::Contact { index: 1, .. }));
    assert_eq!(p.by, Some(t("14:00")));
    let mut all = three.to_vec();
    all.push(attempt(
        "13:30",
        Method::Contact,
        Outcome::NoAnswer,
        Some(1),
    ));
    let p = pos(&e, &all, "13:35").unwrap();
    assert_eq!(p.step, Step::Knock);
    // 11:00 + 2 calls + 1 contact an hour each = 14:00, then 3 hours.
    assert_eq!(p.by, Some(t("17:00")));
}

#[test]
fn an_elder_without_contacts_goes_from_the_calls_to_the_knock() {
    let e = elder(1, 0);
    let p = pos(&e, &[miss("09:00"), miss("09:30"), miss("10:00")], "10:01").unwrap();
    assert_eq!(p.step, Step::Knock);
    assert_eq!(p.by, Some(t("13:00")));
}

#[test]
fn only_reaching_the_elder_takes_them_off_the_ladder() {
    let e = elder(1, 2);
    let base = vec![miss("09:00"), miss("11:05"), miss("11:35")];
    for (method, outcome, contact) in [
        (Method::Contact, Outcome::Ok, Some(1)),
        (Method::Visit, Outcome::Ok, None),
        (Method::Doorbell, Outcome::Ok, None),
        (Method::Phone, Outcome::Unwell, None),
        (Method::Phone, Outcome::Away, None),
    ] {
        let mut a = base.clone();
        a.push(attempt("12:00", method, outcome, contact));
        assert_eq!(pos(&e, &a, "12:05"), None, "{method:?} {outcome:?}");
    }
    // A doorbell with no press or a neighbour's no-answer is not reached.
    let mut a = base.clone();
    a.push(attempt("12:00", Method::Doorbell, Outcome::NoAnswer, None));
    assert!(pos(&e, &a, "12:05").is_some());
}

#[test]
fn a_past_day_is_overdue_and_a_future_day_is_not_on_the_ladder() {
    let e = elder(3, 0);
    let yesterday = Now::local(Date::parse("2026-12-02").unwrap(), t("08:00"), 480);
    let p = position(&Ladder::default(), t("11:00"), &e, &[], day(), yesterday).unwrap();
    assert!(p.overdue);
    let before = Now::local(Date::parse("2026-11-30").unwrap(), t("20:00"), 480);
    assert_eq!(
        position(&Ladder::default(), t("11:00"), &e, &[], day(), before),
        None
    );
}

#[test]
fn settings_shape_the_ladder() {
    let mut ladder = Ladder::default();
    ladder.levels[0] = LadderLevel {
        retries: 1,
        every: 15,
        knock_within: 30,
    };
    let e = elder(1, 1);
    let p = position(
        &ladder,
        t("10:00"),
        &e,
        &[miss("10:01")],
        day(),
        now("10:02"),
    )
    .unwrap();
    assert!(matches!(p.step, Step::Contact { index: 1, .. }));
    assert_eq!(p.by, Some(t("10:15")));
    assert!(check_level(&ladder.levels[0]).is_ok());
    ladder.levels[0].retries = 0;
    assert_eq!(check_level(&ladder.levels[0]), Err("retries"));
}

#[test]
fn doers_are_the_callers_the_steward_or_a_neighbour_and_the_workers() {
    let member = |id: Id, roles: Vec<Role>, grid: Option<Id>| Member {
        id,
        name: format!("m{id}"),
        phone: String::new(),
        roles,
        grid,
        login: None,
        active: true,
    };
    let members = vec![
        member(21, vec![Role::Volunteer], Some(3)),
        member(22, vec![Role::CaringNeighbour], Some(3)),
        member(30, vec![Role::Steward], Some(3)),
        member(40, vec![Role::Worker], None),
        member(41, vec![Role::Worker], Some(3)),
    ];
    let grids = vec![Grid {
        id: 3,
        code: "G3".into(),
        name: "新桥网格".into(),
        description: String::new(),
        stewards: vec![30],
    }];
    let e = elder(1, 0);
    assert_eq!(doers(Doer::Callers, &e, &grids, &members), vec![21, 22]);
    assert_eq!(doers(Doer::Steward, &e, &grids, &members), vec![30, 22]);
    assert_eq!(doers(Doer::Steward, &e, &[], &members), vec![22]);
    assert_eq!(doers(Doer::Worker, &e, &grids, &members), vec![41, 40]);
}
