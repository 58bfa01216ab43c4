//! The demo community's teams, services and support records (data/demo.jsonl, anchored on
//! Monday 2026-11-30): the period figures and the lists due this week, worked out by hand
//! from the file.
//!
//! Services in the file (minutes; helpers):
//! - cleaning for household 4 (解红军's) by 银杏志愿队: 10-30 60 (李桂芝), 11-07 120 (李桂芝,
//!   解思雨), 11-14 90 (李桂芝, 何翠兰), 11-21 90 (何翠兰);
//! - tutoring for 韩梓涵 by 青禾青年志愿者队: 11-03, 11-10, 11-17 90 each (罗一鸣), 11-24 90
//!   (罗一鸣, 蔡子涵);
//! - health check for 解红军 by 岭东医院 11-20 30; counselling for 杜俊豪 by 杨帆 11-25 45;
//!   company for 韩梓涵 by 张思远 11-26 60; medical help for household 8 by 吴丽 11-28 30.
//!
//! November: 11 services, 300 + 360 + 30 + 45 + 60 + 30 = 825 minutes. By kind: cleaning 3
//! (300), company 1 (60), medical 1 (30), counselling 1 (45), tutoring 4 (360), health check 1
//! (30). Teams: 青禾 4 services 360, 银杏 3 services 300. People: 罗一鸣 360 (4), 李桂芝
//! 120 + 90 = 210 (2), 何翠兰 90 + 90 = 180 (2), 解思雨 120, 蔡子涵 90, 张思远 60, 杨帆 45, 吴丽
//! 30. The year to 11-30 adds October's cleaning: 12 services, 885 minutes, 银杏 360 (4),
//! 李桂芝 270 (3). Support records active on 11-30: 3 (解红军, 韩梓涵, household 8).
//!
//! Due in the week of 11-30 (to Sunday 12-06): plan 1 (cleaning household 4 weekly from 11-02,
//! last 11-21) due 11-28, overdue; plan 2 (tutoring 韩梓涵 weekly, last 11-24) due 12-01; plan 3
//! (health check monthly, last 11-20) due 12-20: not listed. Contacts: 解红军 (weekly; last the
//! cleaning of his household on 11-21) due 11-28, overdue; 韩梓涵 (every 7 days; last the company
//! on 11-26) due 12-03; household 8 (monthly; medical help 11-28) due 12-28: not listed.

use qiaomen_core::care::{
    ContactBy, Service, ServicePlan, Support, contacts_due, figures, services_due,
};
use qiaomen_core::model::{Resident, Visit};
use qiaomen_core::{Date, Store};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/demo.jsonl");

/// A contact due as the test compares it: record, last contact, how, due, overdue.
type Contact = (u64, Option<Date>, Option<ContactBy>, Date, bool);

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn demo() -> Store {
    let store = Store::temporary().unwrap();
    let now = qiaomen_core::Now::local(
        day("2026-11-30"),
        qiaomen_core::ClockTime::new(17, 0).unwrap(),
        480,
    );
    store
        .import(
            || Ok(std::io::BufReader::new(std::fs::File::open(DEMO)?)),
            false,
            "test",
            now.unix,
            "demo",
        )
        .expect("the demo imports");
    store
}

fn hours(list: &[qiaomen_core::care::HoursOf]) -> Vec<(&str, usize, u64)> {
    list.iter()
        .map(|h| (h.name.as_str(), h.services, h.minutes))
        .collect()
}

#[test]
fn november_and_the_year_worked_out_by_hand() {
    let s = demo();
    let m = figures(&s, day("2026-11-01"), day("2026-11-30"), None).unwrap();
    assert_eq!((m.services, m.minutes, m.supported), (11, 825, 3));
    let kinds: Vec<(&str, usize, u64)> = m
        .by_kind
        .iter()
        .map(|k| (k.kind.as_str(), k.services, k.minutes))
        .collect();
    assert_eq!(
        kinds,
        [
            ("cleaning", 3, 300),
            ("company", 1, 60),
            ("medical", 1, 30),
            ("counselling", 1, 45),
            ("tutoring", 4, 360),
            ("health_check", 1, 30),
        ]
    );
    assert_eq!(
        hours(&m.teams),
        [("青禾青年志愿者队", 4, 360), ("银杏志愿队", 3, 300)]
    );
    assert_eq!(
        hours(&m.people),
        [
            ("罗一鸣", 4, 360),
            ("李桂芝", 2, 210),
            ("何翠兰", 2, 180),
            ("解思雨", 1, 120),
            ("蔡子涵", 1, 90),
            ("张思远", 1, 60),
            ("杨帆", 1, 45),
            ("吴丽", 1, 30),
        ]
    );
    let y = figures(&s, day("2026-01-01"), day("2026-11-30"), None).unwrap();
    assert_eq!((y.services, y.minutes), (12, 885));
    assert_eq!(
        hours(&y.teams),
        [("银杏志愿队", 4, 360), ("青禾青年志愿者队", 4, 360)]
    );
    assert_eq!(hours(&y.people)[1], ("李桂芝", 3, 270));
    // The summary carries the same figures.
    let now = qiaomen_core::Now::local(
        day("2026-11-30"),
        qiaomen_core::ClockTime::new(17, 0).unwrap(),
        480,
    );
    let sum = qiaomen_core::summary::summarize(
        &s,
        day("2026-11-30"),
        now,
        None,
        Some((day("2026-11-01"), day("2026-11-30"))),
    )
    .unwrap();
    assert_eq!(sum.care, m);
}

#[test]
fn due_this_week_worked_out_by_hand() {
    let s = demo();
    let residents = s.all::<Resident>().unwrap();
    let services = s.all::<Service>().unwrap();
    let due = services_due(
        &s.all::<ServicePlan>().unwrap(),
        &services,
        &residents,
        day("2026-11-30"),
    );
    let got: Vec<(u64, Date, bool)> = due.iter().map(|d| (d.plan, d.due, d.overdue)).collect();
    assert_eq!(
        got,
        [(1, day("2026-11-28"), true), (2, day("2026-12-01"), false)]
    );
    let contacts = contacts_due(
        &s.all::<Support>().unwrap(),
        &s.all::<Visit>().unwrap(),
        &services,
        &residents,
        day("2026-11-30"),
    );
    let got: Vec<Contact> = contacts
        .iter()
        .map(|c| (c.support, c.last, c.last_by, c.due, c.overdue))
        .collect();
    assert_eq!(
        got,
        [
            (
                1,
                Some(day("2026-11-21")),
                Some(ContactBy::Service),
                day("2026-11-28"),
                true
            ),
            (
                2,
                Some(day("2026-11-26")),
                Some(ContactBy::Service),
                day("2026-12-03"),
                false
            ),
        ]
    );
    // None of them is on the roll call: the roll is the elders' alone.
    let elders: Vec<u64> = s.elders().unwrap().iter().map(|e| e.id).collect();
    for c in &contacts {
        if let qiaomen_core::care::Whom::Resident(r) = c.whom {
            assert!(!elders.contains(&r));
        }
    }
}
