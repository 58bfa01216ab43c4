//! Partners' activities, goods and agreement duties (issue 16 point 3) end to end through
//! commands on temporary stores: what is recorded and what is refused (nothing written then),
//! goods kept out of the fund's balance but shown beside it in the statement, duties overdue,
//! the demo's period figures worked out by hand, and the JSON Lines round trip.

mod common;

use common::{actor, apply_err, apply_ok, at, clerk, day, export, town};
use qiaomen_core::dates::DateRule;
use qiaomen_core::model::{
    Activity, ActivityKind, Address, Direction, Duty, FundEntry, Goods, Household, Id, Partner,
    PartnerKind, Period, Side,
};
use qiaomen_core::outreach::{
    Counted, DutyState, OutreachCommand as O, OutreachRule, duty_state, figures,
};
use qiaomen_core::register::{RegisterCommand, balance, statement};
use qiaomen_core::summary::summarize;
use qiaomen_core::{Actor, ClockTime, Command, Date, Error, Now, Store};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/demo.jsonl");

fn on(date: &str) -> Actor {
    actor("贺明远", at(date, "10:00"))
}

struct Fixture {
    store: Store,
    partner: Id,
    household: Id,
}

fn fixture() -> Fixture {
    let t = town();
    let a = clerk();
    let partner = apply_ok(
        &t.store,
        Command::Register(RegisterCommand::SavePartner(Partner {
            id: 0,
            name: "岭东医院".into(),
            kind: PartnerKind::Unit,
            agreement_signed: Some(day("2026-01-16")),
            scope: "每月一次社区义诊".into(),
            contact: String::new(),
            phone: String::new(),
        })),
        &a,
    )
    .id;
    let household = apply_ok(
        &t.store,
        Command::SaveHousehold(Household {
            id: 0,
            grid: t.grid,
            address: Address {
                building: "3".into(),
                unit: "2".into(),
                room: "501".into(),
                text: "青石小区".into(),
            },
            members: vec![t.neighbour],
            categories: Vec::new(),
            needs: String::new(),
            file: Vec::new(),
        }),
        &a,
    )
    .id;
    Fixture {
        store: t.store,
        partner,
        household,
    }
}

fn activity(partner: Id, kind: ActivityKind, date: &str, people: u32) -> Activity {
    Activity {
        id: 0,
        partner,
        kind,
        date: day(date),
        people,
        grid: None,
        note: "  社区活动室  ".into(),
    }
}

fn goods(partner: Id, value_fen: i64, household: Option<Id>) -> Goods {
    Goods {
        id: 0,
        partner,
        date: day("2026-11-10"),
        what: "大米".into(),
        quantity: 20,
        unit: "袋".into(),
        value_fen,
        household,
        note: String::new(),
    }
}

fn duty(partner: Id, every: Option<Period>, due: Option<&str>) -> Duty {
    Duty {
        id: 0,
        partner,
        side: Side::Community,
        what: "提供活动室".into(),
        due: due.map(day),
        every,
        done: Vec::new(),
        note: String::new(),
    }
}

fn out(c: O) -> Command {
    Command::Outreach(c)
}

#[test]
fn an_activity_is_recorded_with_its_audit_and_refused_on_a_day_not_come() {
    let f = fixture();
    let a = on("2026-11-30");
    let id = apply_ok(
        &f.store,
        out(O::AddActivity(activity(
            f.partner,
            ActivityKind::HealthCheck,
            "2026-11-30",
            18,
        ))),
        &a,
    )
    .id;
    let saved = f.store.require::<Activity>(id).unwrap();
    assert_eq!(saved.note, "社区活动室", "text is trimmed");
    assert_eq!(saved.people, 18);
    let audit = f
        .store
        .last::<qiaomen_core::model::AuditEntry>(1)
        .unwrap()
        .remove(0);
    assert_eq!(
        audit.command,
        format!("activity.add #{id} 岭东医院 health_check 2026-11-30")
    );
    assert_eq!(audit.records[0].kind, "activity");

    let e = apply_err(
        &f.store,
        out(O::AddActivity(activity(
            f.partner,
            ActivityKind::Lecture,
            "2026-12-01",
            0,
        ))),
        &a,
    );
    assert!(matches!(e, Error::Date(DateRule::RecordOnFutureDay { .. })));
    let e = apply_err(
        &f.store,
        out(O::AddActivity(activity(
            99,
            ActivityKind::Lecture,
            "2026-11-30",
            0,
        ))),
        &a,
    );
    assert!(matches!(
        e,
        Error::NotFound {
            kind: "partner",
            id: 99
        }
    ));
    let e = apply_err(
        &f.store,
        out(O::AddActivity(activity(
            f.partner,
            ActivityKind::Lecture,
            "2026-11-30",
            qiaomen_core::outreach::PEOPLE_MAX + 1,
        ))),
        &a,
    );
    assert!(matches!(
        e,
        Error::Outreach(OutreachRule::TooMany {
            what: Counted::People,
            ..
        })
    ));
    let mut grid_unknown = activity(f.partner, ActivityKind::Repair, "2026-11-30", 0);
    grid_unknown.grid = Some(42);
    assert!(matches!(
        apply_err(&f.store, out(O::AddActivity(grid_unknown)), &a),
        Error::NotFound { kind: "grid", .. }
    ));
}

#[test]
fn goods_stay_out_of_the_fund_balance_and_are_shown_beside_it() {
    let f = fixture();
    let a = on("2026-11-30");
    apply_ok(
        &f.store,
        Command::Register(RegisterCommand::Fund(FundEntry {
            id: 0,
            date: day("2026-11-01"),
            amount_fen: 500_000,
            direction: Direction::In,
            partner: Some(f.partner),
            household: None,
            need: None,
            note: String::new(),
        })),
        &a,
    );
    apply_ok(
        &f.store,
        out(O::AddGoods(goods(f.partner, 100_000, None))),
        &a,
    );
    let to_household = apply_ok(
        &f.store,
        out(O::AddGoods(goods(f.partner, 30_000, Some(f.household)))),
        &a,
    );
    assert_eq!(
        to_household.records.last().map(|r| r.kind.as_str()),
        Some("household")
    );
    assert_eq!(
        balance(&f.store.all::<FundEntry>().unwrap()).unwrap(),
        500_000
    );
    let s = statement(&f.store, day("2026-01-01"), day("2026-11-30")).unwrap();
    assert_eq!(s.closing_fen, 500_000, "goods are never money");
    assert_eq!(s.income_fen, 500_000);
    assert_eq!(s.goods.len(), 2);
    assert_eq!(s.goods_value_fen, 130_000);
    assert_eq!(s.goods[0].partner, "岭东医院");
    assert!(
        s.goods[1]
            .household
            .as_deref()
            .unwrap()
            .contains("青石小区")
    );
    let text = qiaomen_core::register::statement_text("青石社区", &s);
    assert!(text.contains("期末余额：5,000.00 元"), "{text}");
    assert!(
        text.contains("物资（不计入基金余额）：共 2 批，价值 1,300.00 元"),
        "{text}"
    );
    // Out of the period: not in the statement.
    let earlier = statement(&f.store, day("2026-01-01"), day("2026-10-31")).unwrap();
    assert!(earlier.goods.is_empty());
    assert_eq!(earlier.goods_value_fen, 0);

    for (bad, rule) in [
        (
            Goods {
                quantity: 0,
                ..goods(f.partner, 1, None)
            },
            OutreachRule::NoQuantity,
        ),
        (goods(f.partner, -1, None), OutreachRule::NegativeValue),
    ] {
        assert_eq!(
            apply_err(&f.store, out(O::AddGoods(bad)), &a).to_string(),
            Error::Outreach(rule).to_string()
        );
    }
    let e = apply_err(
        &f.store,
        out(O::AddGoods(goods(f.partner, 1, Some(77)))),
        &a,
    );
    assert!(matches!(
        e,
        Error::NotFound {
            kind: "household",
            id: 77
        }
    ));
    let empty = Goods {
        what: "  ".into(),
        ..goods(f.partner, 1, None)
    };
    assert!(matches!(
        apply_err(&f.store, out(O::AddGoods(empty)), &a),
        Error::Outreach(OutreachRule::NoWhat)
    ));
}

#[test]
fn duties_are_done_once_or_every_period_and_overdue_after_their_day() {
    let f = fixture();
    let a = on("2026-11-30");
    let once = apply_ok(
        &f.store,
        out(O::AddDuty(duty(f.partner, None, Some("2026-11-20")))),
        &a,
    )
    .id;
    let monthly = apply_ok(
        &f.store,
        out(O::AddDuty(duty(
            f.partner,
            Some(Period::Month),
            Some("2026-10-15"),
        ))),
        &a,
    )
    .id;
    let today = day("2026-11-30");
    let read = |id| f.store.require::<Duty>(id).unwrap();
    assert_eq!(
        duty_state(&read(once), today),
        DutyState::Overdue {
            due: day("2026-11-20")
        }
    );
    assert!(matches!(
        apply_err(
            &f.store,
            out(O::AddDuty(duty(f.partner, Some(Period::Year), None))),
            &a
        ),
        Error::Outreach(OutreachRule::NoFirstDue)
    ));
    let mut done_already = duty(f.partner, None, None);
    done_already.done = vec![today];
    assert_eq!(
        common::invalid_field(&apply_err(&f.store, out(O::AddDuty(done_already)), &a)),
        "done"
    );

    let done = |duty: Id, date: &str| {
        out(O::DutyDone {
            duty,
            date: day(date),
        })
    };
    apply_ok(&f.store, done(once, "2026-11-28"), &a);
    assert_eq!(
        duty_state(&read(once), today),
        DutyState::Done {
            on: day("2026-11-28")
        }
    );
    assert!(matches!(
        apply_err(&f.store, done(once, "2026-11-29"), &a),
        Error::Outreach(OutreachRule::AlreadyDone { on }) if on == day("2026-11-28")
    ));
    assert!(matches!(
        apply_err(&f.store, done(monthly, "2026-12-01"), &a),
        Error::Date(DateRule::RecordOnFutureDay { .. })
    ));
    // Recorded out of order, kept in order; the next is one month after the last.
    apply_ok(&f.store, done(monthly, "2026-11-12"), &a);
    apply_ok(&f.store, done(monthly, "2026-10-14"), &a);
    assert_eq!(
        read(monthly).done,
        vec![day("2026-10-14"), day("2026-11-12")]
    );
    assert_eq!(
        duty_state(&read(monthly), today),
        DutyState::Open {
            due: Some(day("2026-12-12"))
        }
    );
    assert!(matches!(
        apply_err(&f.store, done(monthly, "2026-11-12"), &a),
        Error::Outreach(OutreachRule::DoneThatDay { .. })
    ));
    assert!(matches!(
        apply_err(&f.store, done(99, "2026-11-12"), &a),
        Error::NotFound { kind: "duty", .. }
    ));
}

fn demo_store() -> Store {
    let store = Store::temporary().unwrap();
    store
        .import(
            || Ok(std::io::BufReader::new(std::fs::File::open(DEMO)?)),
            false,
            "test",
            demo_now().unix,
            "demo",
        )
        .expect("the demo community imports");
    store
}

fn demo_now() -> Now {
    Now::local(
        Date::parse("2026-11-30").unwrap(),
        ClockTime::new(17, 0).unwrap(),
        480,
    )
}

/// The demo's figures, worked out by hand from data/demo.jsonl (activities 1–7, goods 1–3,
/// duties 1–5), for the year to 2026-11-30:
/// - activities: #1 health check 30 (10-15), #2 health check 18, #3 lecture 45, #4 repair 0,
///   #5 class 22, #6 donation 12, #7 repair 3 → 7 activities, 130 people; by kind lecture
///   1/45, class 1/22, health check 2/48, donation 1/12, repair 2/3;
/// - goods: rice 1,000 yuan (partner 7), books 1,800 (partner 9), a quilt 300 (partner 2) →
///   3 gifts worth 3,100 yuan = 310,000 fen;
/// - duties on 11-30: #1 monthly, last done 11-05 → due 12-05 (open); #2 quarterly, last
///   09-10 → 12-10 (open); #3 done 02-10; #4 due 11-20, not done → overdue; #5 done 11-18 →
///   1 overdue;
/// - by partner (by id): 1 (1 activity), 2 (goods 300), 7 (goods 1,000), 8 (1 activity, 3
///   people), 9 (1 activity, 12 people, goods 1,800), 10 (2 activities, 48), 11 (1, 22),
///   12 (1, 45).
///
/// November alone drops #1 (10-15): 6 activities, 100 people, health check 1/18.
#[test]
fn the_demo_period_figures_count_activities_by_kind_and_partner_and_goods_by_value() {
    let store = demo_store();
    let s = summarize(&store, day("2026-11-30"), demo_now(), None, None).unwrap();
    let o = &s.outreach;
    assert_eq!(o.activities, 7);
    assert_eq!(o.people_reached, 130);
    let kinds: Vec<(ActivityKind, usize, u64)> = o
        .by_kind
        .iter()
        .map(|c| (c.kind, c.activities, c.people))
        .collect();
    assert_eq!(
        kinds,
        [
            (ActivityKind::Lecture, 1, 45),
            (ActivityKind::Class, 1, 22),
            (ActivityKind::HealthCheck, 2, 48),
            (ActivityKind::Donation, 1, 12),
            (ActivityKind::Repair, 2, 3),
        ]
    );
    assert_eq!(o.goods, 3);
    assert_eq!(o.goods_value_fen, 310_000);
    assert_eq!(o.duties_overdue, 1);
    let partners: Vec<(Id, usize, u64, usize, i64)> = o
        .by_partner
        .iter()
        .map(|p| {
            (
                p.partner,
                p.activities,
                p.people,
                p.goods,
                p.goods_value_fen,
            )
        })
        .collect();
    assert_eq!(
        partners,
        [
            (1, 1, 0, 0, 0),
            (2, 0, 0, 1, 30_000),
            (7, 0, 0, 1, 100_000),
            (8, 1, 3, 0, 0),
            (9, 1, 12, 1, 180_000),
            (10, 2, 48, 0, 0),
            (11, 1, 22, 0, 0),
            (12, 1, 45, 0, 0),
        ]
    );
    assert_eq!(o.by_partner[5].name, "岭东医院");
    // The fund's figures hold money only.
    assert_eq!(
        s.period.fund_balance_fen,
        balance(&store.all::<FundEntry>().unwrap()).unwrap()
    );

    let november = figures(
        &store.all::<Partner>().unwrap(),
        &store.all::<Activity>().unwrap(),
        &store.all::<Goods>().unwrap(),
        &store.all::<Duty>().unwrap(),
        day("2026-11-01"),
        day("2026-11-30"),
    )
    .unwrap();
    assert_eq!(november.activities, 6);
    assert_eq!(november.people_reached, 100);
    assert_eq!(
        november
            .by_kind
            .iter()
            .find(|c| c.kind == ActivityKind::HealthCheck)
            .map(|c| (c.activities, c.people)),
        Some((1, 18))
    );
    // The report words them in both languages.
    let zh = qiaomen_core::summary::text::render_text(&s, &qiaomen_core::summary::labels::ZH);
    assert!(zh.contains("共建单位开展活动 7 场，惠及 130 人次"), "{zh}");
    assert!(zh.contains("捐赠物资 3 批，价值 3,100.00 元"), "{zh}");
    assert!(zh.contains("共建协议责任逾期 1 项"), "{zh}");
    let en = qiaomen_core::summary::text::render_text(&s, &qiaomen_core::summary::labels::EN)
        .replace("\n    ", " ");
    assert!(
        en.contains("Partners' activities: 7, reaching 130 people"),
        "{en}"
    );
    assert!(en.contains("health check 2"), "{en}");
    assert!(
        zh.contains("\n    岭东医院 2 场，48 人次\n"),
        "one partner a line: {zh}"
    );
    let json = qiaomen_core::summary::json::render_json(&s);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["outreach"]["goods_value_fen"], 310_000);
    assert_eq!(v["outreach"]["by_kind"][2]["kind"], "health_check");
}

#[test]
fn activities_goods_and_duties_round_trip_through_json_lines() {
    let store = demo_store();
    // Add one of each through commands, so the round trip covers what commands write too.
    let a = actor("贺明远", demo_now());
    apply_ok(
        &store,
        out(O::AddActivity(activity(
            12,
            ActivityKind::Other,
            "2026-11-29",
            5,
        ))),
        &a,
    );
    apply_ok(&store, out(O::AddGoods(goods(9, 2_500, Some(5)))), &a);
    apply_ok(
        &store,
        out(O::DutyDone {
            duty: 4,
            date: day("2026-11-30"),
        }),
        &a,
    );
    let first = export(&store, true);
    for kind in ["activity", "goods", "duty"] {
        assert!(
            first.contains(&format!("{{\"type\":\"{kind}\"")),
            "{kind} exported"
        );
    }
    let again = Store::temporary().unwrap();
    let text = first.clone();
    again
        .import(
            move || Ok(std::io::Cursor::new(text.clone())),
            false,
            "test",
            demo_now().unix,
            "export",
        )
        .expect("the export imports");
    assert_eq!(export(&again, true), first);
    assert_eq!(
        again.all::<Activity>().unwrap(),
        store.all::<Activity>().unwrap()
    );
    assert_eq!(again.all::<Goods>().unwrap(), store.all::<Goods>().unwrap());
    assert_eq!(again.all::<Duty>().unwrap(), store.all::<Duty>().unwrap());

    // An activity naming a partner the file does not hold is refused with its line.
    let bad = r#"{"type":"activity","id":1,"partner":3,"kind":"lecture","date":"2026-11-01","people":0,"grid":null,"note":""}
"#;
    let empty = Store::temporary().unwrap();
    let err = empty
        .import(
            move || Ok(std::io::Cursor::new(bad.to_owned())),
            false,
            "test",
            demo_now().unix,
            "bad",
        )
        .unwrap_err();
    assert!(matches!(err, Error::Import { line: 1, .. }), "{err}");
}
