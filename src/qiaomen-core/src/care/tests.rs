//! Teams, services, plans and support records on a small hand-built community; the expected
//! figures are worked out in the comments, not by the code under test.

use super::*;
use crate::command::{Actor, Command};
use crate::dates::DateRule;
use crate::day::{ClockTime, Date, Now};
use crate::error::Error;
use crate::model::Category;
use crate::store::Store;

/// Two grids; members 1 (李明, G1) and 2 (王芳, G2); partner 1 (仁和医院).
/// Residents: 10 赵小宝 (left-behind child, household 1, G1), 11 钱大伟 (person with a
/// disability, household 2, G2), 12 孙奶奶 (a resident of household 1, volunteer), 13 周先生
/// (left on 2026-11-20).
const FIXTURE: &str = r#"
{"type":"community","name":"测试社区"}
{"type":"grid","id":1,"code":"G1","name":"东园网格"}
{"type":"grid","id":2,"code":"G2","name":"西园网格"}
{"type":"member","id":1,"name":"李明","roles":["steward"],"grid":1}
{"type":"member","id":2,"name":"王芳","roles":["steward"],"grid":2}
{"type":"household","id":1,"grid":1,"address":{"text":"东园小区 1栋101"},"members":[10,12]}
{"type":"household","id":2,"grid":2,"address":{"text":"西园小区 2栋202"},"members":[11]}
{"type":"resident","id":10,"name":"赵小宝","grid":1,"household":1,"categories":["left_behind_child"]}
{"type":"resident","id":11,"name":"钱大伟","grid":2,"household":2,"categories":["disabled"]}
{"type":"resident","id":12,"name":"孙奶奶","grid":1,"household":1}
{"type":"resident","id":13,"name":"周先生","grid":2,"left":{"date":"2026-11-20","reason":"moved"}}
{"type":"partner","id":1,"name":"仁和医院","kind":"unit"}
{"type":"visit","id":1,"date":"2026-11-26","household":2,"by":"王芳"}
"#;

/// A contact due as the tests compare it: for whom, last contact, how, due, overdue.
type Contact = (Whom, Option<Date>, Option<ContactBy>, Date, bool);

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn actor() -> Actor {
    Actor {
        operator: "李明".into(),
        now: Now::local(day("2026-12-01"), ClockTime::new(9, 40).unwrap(), 480),
    }
}

fn store() -> Store {
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

fn apply(store: &Store, c: CareCommand) -> crate::error::Result<u64> {
    store.apply(Command::Care(c), &actor()).map(|a| a.id)
}

fn team() -> Team {
    Team {
        id: 0,
        name: "银杏志愿队".into(),
        kind: TeamKind::Residents,
        members: vec![Person::Resident(12), Person::Member(1)],
        leader: Some(Person::Resident(12)),
        note: String::new(),
    }
}

fn service(date: &str, whom: Whom, kind: ServiceKind, by: Provider, minutes: u32) -> Service {
    Service {
        id: 0,
        date: day(date),
        whom,
        kind,
        by,
        helpers: Vec::new(),
        minutes,
        note: String::new(),
    }
}

fn support(whom: Whom, kind: Category) -> Support {
    Support {
        id: 0,
        whom,
        kind,
        carers: vec![1],
        every_days: None,
        family: "父母在外务工，随奶奶生活".into(),
        difficulties: "功课无人辅导".into(),
        help_wanted: "课后辅导".into(),
        from: day("2026-11-01"),
        ended: None,
    }
}

fn rule(e: Error) -> CareRule {
    match e {
        Error::Care(r) => r,
        other => panic!("expected a care rule, got {other}"),
    }
}

#[test]
fn a_team_has_its_leader_among_its_members_and_a_name_of_its_own() {
    let s = store();
    let id = apply(&s, CareCommand::SaveTeam(team())).unwrap();
    assert_eq!(s.require::<Team>(id).unwrap().members.len(), 2);
    let again = apply(&s, CareCommand::SaveTeam(team())).unwrap_err();
    assert_eq!(
        rule(again),
        CareRule::TeamNameTaken {
            name: "银杏志愿队".into()
        }
    );
    let mut t = team();
    t.name = "青年突击队".into();
    t.leader = Some(Person::Member(2));
    assert_eq!(
        rule(apply(&s, CareCommand::SaveTeam(t)).unwrap_err()),
        CareRule::LeaderNotMember
    );
    let mut t = team();
    t.name = "无人队".into();
    t.members.push(Person::Member(99));
    assert!(matches!(
        apply(&s, CareCommand::SaveTeam(t)).unwrap_err(),
        Error::NotFound {
            kind: "member",
            id: 99
        }
    ));
}

#[test]
fn a_service_is_dated_today_or_before_and_given_to_someone_who_lives_here() {
    let s = store();
    let t = apply(&s, CareCommand::SaveTeam(team())).unwrap();
    let future = service(
        "2026-12-02",
        Whom::Resident(10),
        ServiceKind::Tutoring,
        Provider::Team(t),
        60,
    );
    assert!(matches!(
        apply(&s, CareCommand::AddService(future)).unwrap_err(),
        Error::Date(DateRule::RecordOnFutureDay { .. })
    ));
    let left = service(
        "2026-11-25",
        Whom::Resident(13),
        ServiceKind::Company,
        Provider::Member(2),
        30,
    );
    assert_eq!(
        rule(apply(&s, CareCommand::AddService(left)).unwrap_err()),
        CareRule::Left {
            name: "周先生".into()
        }
    );
    let mut stranger = service(
        "2026-11-30",
        Whom::Resident(10),
        ServiceKind::Tutoring,
        Provider::Team(t),
        60,
    );
    stranger.helpers = vec![Person::Member(2)];
    assert_eq!(
        rule(apply(&s, CareCommand::AddService(stranger)).unwrap_err()),
        CareRule::HelperNotInTeam {
            team: "银杏志愿队".into()
        }
    );
    let long = service(
        "2026-11-30",
        Whom::Household(1),
        ServiceKind::Cleaning,
        Provider::Member(1),
        MAX_MINUTES + 1,
    );
    assert_eq!(
        rule(apply(&s, CareCommand::AddService(long)).unwrap_err()),
        CareRule::TooManyMinutes {
            minutes: MAX_MINUTES + 1
        }
    );
    let ok = service(
        "2026-12-01",
        Whom::Household(1),
        ServiceKind::Cleaning,
        Provider::Partner(1),
        45,
    );
    let id = apply(&s, CareCommand::AddService(ok)).unwrap();
    assert_eq!(s.require::<Service>(id).unwrap().minutes, 45);
}

#[test]
fn support_is_for_those_who_are_not_elders_with_a_carer_once_per_kind() {
    let s = store();
    let mut elder = support(Whom::Resident(10), Category::Elder);
    assert_eq!(
        rule(apply(&s, CareCommand::SaveSupport(elder.clone())).unwrap_err()),
        CareRule::ElderHasCarePlan
    );
    elder.kind = Category::LeftBehindChild;
    elder.carers.clear();
    assert_eq!(
        rule(apply(&s, CareCommand::SaveSupport(elder)).unwrap_err()),
        CareRule::NoCarer
    );
    let id = apply(
        &s,
        CareCommand::SaveSupport(support(Whom::Resident(10), Category::LeftBehindChild)),
    )
    .unwrap();
    let twice = apply(
        &s,
        CareCommand::SaveSupport(support(Whom::Resident(10), Category::LeftBehindChild)),
    )
    .unwrap_err();
    assert_eq!(rule(twice), CareRule::AlreadySupported { id });
    let stored = s.require::<Support>(id).unwrap();
    assert_eq!(stored.every(), 7);
    assert_eq!(stored.pairing(), Pairing::OneToOne);
    let end = |date: &str| CareCommand::EndSupport {
        support: id,
        date: day(date),
        reason: "父母返乡".into(),
    };
    assert!(matches!(
        rule(apply(&s, end("2026-10-01")).unwrap_err()),
        CareRule::EndsBeforeStart { .. }
    ));
    apply(&s, end("2026-11-30")).unwrap();
    assert_eq!(
        rule(apply(&s, end("2026-12-01")).unwrap_err()),
        CareRule::AlreadyEnded {
            on: day("2026-11-30")
        }
    );
    // Once ended, a new record of the kind may start.
    apply(
        &s,
        CareCommand::SaveSupport(support(Whom::Resident(10), Category::LeftBehindChild)),
    )
    .unwrap();
}

/// On Tuesday 2026-12-01 (the week ends on Sunday 12-06):
/// - plan A: company for 钱大伟 weekly from 11-16; last company 11-24 → due 12-01, not overdue.
/// - plan B: tutoring for 赵小宝 weekly from 11-16; tutoring to his household on 11-30 reaches
///   him → due 12-07, after the week: not listed.
/// - plan C: health check for household 1 monthly from 11-01, never given → due 11-01, overdue.
/// - plan D: ended on 11-20: not listed.
#[test]
fn services_due_this_week_by_provider() {
    let plan = |whom, kind, by, every_days, from: &str| ServicePlan {
        id: 0,
        whom,
        kind,
        by,
        every_days,
        from: day(from),
        ended: None,
        note: String::new(),
    };
    let mut plans = vec![
        plan(
            Whom::Resident(11),
            ServiceKind::Company,
            Provider::Member(2),
            7,
            "2026-11-16",
        ),
        plan(
            Whom::Resident(10),
            ServiceKind::Tutoring,
            Provider::Team(1),
            7,
            "2026-11-16",
        ),
        plan(
            Whom::Household(1),
            ServiceKind::HealthCheck,
            Provider::Partner(1),
            30,
            "2026-11-01",
        ),
        plan(
            Whom::Resident(11),
            ServiceKind::Cleaning,
            Provider::Member(2),
            7,
            "2026-11-01",
        ),
    ];
    for (i, p) in plans.iter_mut().enumerate() {
        p.id = i as u64 + 1;
    }
    plans[3].ended = Some(day("2026-11-20"));
    let services = vec![
        service(
            "2026-11-24",
            Whom::Resident(11),
            ServiceKind::Company,
            Provider::Member(2),
            30,
        ),
        service(
            "2026-11-30",
            Whom::Household(1),
            ServiceKind::Tutoring,
            Provider::Team(1),
            90,
        ),
    ];
    let residents = store().all::<crate::model::Resident>().unwrap();
    let due = services_due(&plans, &services, &residents, day("2026-12-01"));
    let got: Vec<(u64, Option<Date>, Date, bool)> = due
        .iter()
        .map(|d| (d.plan, d.last, d.due, d.overdue))
        .collect();
    assert_eq!(
        got,
        [
            (1, Some(day("2026-11-24")), day("2026-12-01"), false),
            (3, None, day("2026-11-01"), true),
        ]
    );
}

/// On 2026-12-01: 钱大伟 (disabled, weekly) was last visited at home on 11-26 → due 12-03;
/// 赵小宝 (left-behind child, every 14 days) had tutoring on 11-30 → due 12-14, not listed;
/// household 1 (in difficulty, monthly, from 11-01) holds 赵小宝, so his tutoring on 11-30
/// reaches it → due 12-30, not listed.
#[test]
fn contacts_due_count_a_visit_or_a_service() {
    let s = store();
    let mut child = support(Whom::Resident(10), Category::LeftBehindChild);
    child.every_days = Some(14);
    for sup in [
        support(Whom::Resident(11), Category::Disabled),
        child,
        support(Whom::Household(1), Category::InDifficulty),
    ] {
        apply(&s, CareCommand::SaveSupport(sup)).unwrap();
    }
    let t = apply(&s, CareCommand::SaveTeam(team())).unwrap();
    apply(
        &s,
        CareCommand::AddService(service(
            "2026-11-30",
            Whom::Resident(10),
            ServiceKind::Tutoring,
            Provider::Team(t),
            90,
        )),
    )
    .unwrap();
    let due = contacts_due(
        &s.all::<Support>().unwrap(),
        &s.all::<crate::model::Visit>().unwrap(),
        &s.all::<Service>().unwrap(),
        &s.all::<crate::model::Resident>().unwrap(),
        day("2026-12-01"),
    );
    let got: Vec<Contact> = due
        .iter()
        .map(|d| (d.whom, d.last, d.last_by, d.due, d.overdue))
        .collect();
    // Household 1 holds 赵小宝: the tutoring to him on 11-30 reaches his household too.
    assert_eq!(
        got,
        [(
            Whom::Resident(11),
            Some(day("2026-11-26")),
            Some(ContactBy::Visit),
            day("2026-12-03"),
            false
        ),]
    );
}

/// November 2026, services:
/// - 11-05 cleaning for household 1 by 李明, 60 min;
/// - 11-12 company for 钱大伟 by the team, 90 min, helpers 孙奶奶 and 李明;
/// - 11-30 tutoring for 赵小宝 by the team, 120 min, helper 孙奶奶;
/// - 11-30 health check for household 2 by 仁和医院, 30 min (no person's hours);
/// - 10-30 cleaning (outside the period).
///
/// Services 4, minutes 300; by kind: cleaning 1/60, company 1/90, tutoring 1/120, health
/// check 1/30. Team 银杏志愿队: 2 services, 210 min. People: 孙奶奶 90+120 = 210 (2),
/// 李明 60+90 = 150 (2). G2 only: company 90 and health check 30 → 2 services, 120 min.
#[test]
fn period_figures_of_services_and_hours_worked_out_by_hand() {
    let s = store();
    let t = apply(&s, CareCommand::SaveTeam(team())).unwrap();
    let mut company = service(
        "2026-11-12",
        Whom::Resident(11),
        ServiceKind::Company,
        Provider::Team(t),
        90,
    );
    company.helpers = vec![Person::Resident(12), Person::Member(1)];
    let mut tutoring = service(
        "2026-11-30",
        Whom::Resident(10),
        ServiceKind::Tutoring,
        Provider::Team(t),
        120,
    );
    tutoring.helpers = vec![Person::Resident(12)];
    for sv in [
        service(
            "2026-10-30",
            Whom::Household(1),
            ServiceKind::Cleaning,
            Provider::Member(1),
            45,
        ),
        service(
            "2026-11-05",
            Whom::Household(1),
            ServiceKind::Cleaning,
            Provider::Member(1),
            60,
        ),
        company,
        tutoring,
        service(
            "2026-11-30",
            Whom::Household(2),
            ServiceKind::HealthCheck,
            Provider::Partner(1),
            30,
        ),
    ] {
        apply(&s, CareCommand::AddService(sv)).unwrap();
    }
    apply(
        &s,
        CareCommand::SaveSupport(support(Whom::Resident(11), Category::Disabled)),
    )
    .unwrap();
    let f = figures(&s, day("2026-11-01"), day("2026-11-30"), None).unwrap();
    assert_eq!((f.services, f.minutes, f.supported), (4, 300, 1));
    let kinds: Vec<(ServiceKind, usize, u64)> = f
        .by_kind
        .iter()
        .map(|k| (k.kind, k.services, k.minutes))
        .collect();
    assert_eq!(
        kinds,
        [
            (ServiceKind::Cleaning, 1, 60),
            (ServiceKind::Company, 1, 90),
            (ServiceKind::Tutoring, 1, 120),
            (ServiceKind::HealthCheck, 1, 30),
        ]
    );
    let hours = |list: &[HoursOf]| -> Vec<(String, usize, u64)> {
        list.iter()
            .map(|h| (h.name.clone(), h.services, h.minutes))
            .collect()
    };
    assert_eq!(hours(&f.teams), [("银杏志愿队".to_owned(), 2, 210)]);
    assert_eq!(
        hours(&f.people),
        [("孙奶奶".to_owned(), 2, 210), ("李明".to_owned(), 2, 150)]
    );
    let g2 = figures(&s, day("2026-11-01"), day("2026-11-30"), Some(2)).unwrap();
    assert_eq!((g2.services, g2.minutes, g2.supported), (2, 120, 1));
}

#[test]
fn every_new_record_survives_export_and_import() {
    let s = store();
    let t = apply(&s, CareCommand::SaveTeam(team())).unwrap();
    let mut sv = service(
        "2026-11-30",
        Whom::Resident(10),
        ServiceKind::Tutoring,
        Provider::Team(t),
        90,
    );
    sv.helpers = vec![Person::Resident(12)];
    apply(&s, CareCommand::AddService(sv)).unwrap();
    let plan = apply(
        &s,
        CareCommand::AddPlan(ServicePlan {
            id: 0,
            whom: Whom::Resident(10),
            kind: ServiceKind::Tutoring,
            by: Provider::Team(t),
            every_days: 7,
            from: day("2026-11-16"),
            ended: None,
            note: "四点半课堂".into(),
        }),
    )
    .unwrap();
    apply(
        &s,
        CareCommand::EndPlan {
            plan,
            date: day("2026-12-01"),
        },
    )
    .unwrap();
    apply(
        &s,
        CareCommand::SaveSupport(support(Whom::Resident(10), Category::LeftBehindChild)),
    )
    .unwrap();
    let mut first = Vec::new();
    s.export(&mut first, false).unwrap();
    let text = String::from_utf8(first.clone()).unwrap();
    for kind in ["team", "service", "service_plan", "support"] {
        assert!(
            text.contains(&format!("{{\"type\":\"{kind}\"")),
            "{kind} exported"
        );
    }
    let copy = Store::temporary().unwrap();
    copy.import(
        || Ok(std::io::Cursor::new(first.clone())),
        false,
        "test",
        0,
        "round trip",
    )
    .unwrap();
    let mut second = Vec::new();
    copy.export(&mut second, false).unwrap();
    assert_eq!(String::from_utf8(second).unwrap(), text);
    // A service naming a team the file does not hold is refused.
    let broken = text.replace(&format!("\"by\":{{\"team\":{t}}}"), "\"by\":{\"team\":77}");
    let other = Store::temporary().unwrap();
    assert!(
        other
            .import(
                || Ok(std::io::Cursor::new(broken.clone().into_bytes())),
                false,
                "test",
                0,
                "broken",
            )
            .is_err()
    );
}

/// A steward records services and support in their own grid only; teams are register work.
#[test]
fn a_steward_cannot_record_for_another_grid() {
    use crate::access::{Rank, Refusal, Who, authorize};
    let s = store();
    let steward = Who {
        name: "李明".into(),
        member: Some(1),
        os_user: "liming".into(),
        rank: Rank::Steward,
        grids: vec![1],
    };
    let for_whom = |whom| {
        Command::Care(CareCommand::AddService(service(
            "2026-11-30",
            whom,
            ServiceKind::Company,
            Provider::Member(1),
            30,
        )))
    };
    assert_eq!(
        authorize(&steward, &for_whom(Whom::Resident(10)), &s).unwrap(),
        Ok(())
    );
    assert_eq!(
        authorize(&steward, &for_whom(Whom::Household(1)), &s).unwrap(),
        Ok(())
    );
    assert!(matches!(
        authorize(&steward, &for_whom(Whom::Resident(11)), &s).unwrap(),
        Err(Refusal::OutsideGrids { .. })
    ));
    assert!(matches!(
        authorize(&steward, &for_whom(Whom::Household(2)), &s).unwrap(),
        Err(Refusal::OutsideGrids { .. })
    ));
    let support_g2 = Command::Care(CareCommand::SaveSupport(support(
        Whom::Resident(11),
        Category::Disabled,
    )));
    assert!(matches!(
        authorize(&steward, &support_g2, &s).unwrap(),
        Err(Refusal::OutsideGrids { .. })
    ));
    assert!(matches!(
        authorize(&steward, &Command::Care(CareCommand::SaveTeam(team())), &s).unwrap(),
        Err(Refusal::Rank { .. })
    ));
    let worker = Who {
        rank: Rank::Worker,
        ..steward
    };
    assert_eq!(authorize(&worker, &support_g2, &s).unwrap(), Ok(()));
}
