//! Dates that cannot be wrong by accident (issue 14 point 4), as the store applies commands:
//! a mark on a day not yet come, or at a minute not yet come today, and a follow-up already
//! past are refused with a typed rule, on the clock of whoever applies them, and nothing is
//! written. A journal replayed later is not judged again (the rule is checked on admission).

mod common;

use common::{Town, actor, apply_err, apply_ok, at, clerk, day, new_checkin, town};
use qiaomen_core::command::NewCase;
use qiaomen_core::dates::DateRule;
use qiaomen_core::model::{CaseKind, Outcome};
use qiaomen_core::{ClockTime, Command, Engine, Error};

fn rule(e: &Error) -> DateRule {
    match e {
        Error::Date(r) => *r,
        other => panic!("expected a date rule, got {other:?}"),
    }
}

fn case(t: &Town, follow_up: Option<&str>) -> Command {
    Command::OpenCase(NewCase {
        kind: CaseKind::Request,
        title: "路灯不亮".into(),
        grid: t.grid,
        parties: vec!["住户".into()],
        residents: Vec::new(),
        opened: day("2026-03-10"),
        follow_up: follow_up.map(day),
        note: String::new(),
    })
}

#[test]
fn a_mark_waits_for_its_day_and_its_minute() {
    let t = town();
    // The clerk's clock: 2026-03-10 09:00.
    let a = clerk();
    let tomorrow = apply_err(
        &t.store,
        Command::CheckIn(new_checkin(t.elder, "2026-03-11", "08:00", Outcome::Ok)),
        &a,
    );
    assert_eq!(
        rule(&tomorrow),
        DateRule::MarkOnFutureDay {
            date: day("2026-03-11"),
            today: day("2026-03-10")
        }
    );
    let later = apply_err(
        &t.store,
        Command::CheckIn(new_checkin(t.elder, "2026-03-10", "09:01", Outcome::Ok)),
        &a,
    );
    assert_eq!(
        rule(&later),
        DateRule::MarkLaterToday {
            time: ClockTime::new(9, 1).unwrap(),
            now: ClockTime::new(9, 0).unwrap()
        }
    );
    // This very minute, and any time of an earlier day, are fine.
    for (date, hhmm) in [("2026-03-10", "09:00"), ("2026-03-09", "23:59")] {
        apply_ok(
            &t.store,
            Command::CheckIn(new_checkin(t.elder, date, hhmm, Outcome::Ok)),
            &a,
        );
    }
    // The same mark is fine once its day has come.
    apply_ok(
        &t.store,
        Command::CheckIn(new_checkin(t.elder, "2026-03-11", "08:00", Outcome::Ok)),
        &actor(&a.operator, at("2026-03-11", "08:00")),
    );
}

#[test]
fn a_follow_up_is_today_or_later() {
    let t = town();
    let a = clerk();
    let past = apply_err(&t.store, case(&t, Some("2026-03-09")), &a);
    assert_eq!(
        rule(&past),
        DateRule::FollowUpInPast {
            due: day("2026-03-09"),
            today: day("2026-03-10")
        }
    );
    let id = apply_ok(&t.store, case(&t, Some("2026-03-10")), &a).id;
    let moved = apply_err(
        &t.store,
        Command::SetFollowUp {
            case: id,
            due: day("2026-02-28"),
        },
        &a,
    );
    assert!(matches!(rule(&moved), DateRule::FollowUpInPast { .. }));
    apply_ok(
        &t.store,
        Command::SetFollowUp {
            case: id,
            due: day("2026-03-17"),
        },
        &a,
    );
}

/// The engine (what the server runs) refuses the same, before anything is journalled.
#[test]
fn the_engine_refuses_a_future_mark_before_the_journal() {
    let engine = Engine::temporary("tester", at("2026-03-10", "09:00")).expect("engine");
    let a = clerk();
    apply_ok(
        &engine,
        Command::Configure(qiaomen_core::model::Community::named("青石社区")),
        &a,
    );
    let grid = apply_ok(
        &engine,
        Command::SaveGrid(common::new_grid("G1", "第一网格")),
        &a,
    )
    .id;
    let elder = apply_ok(
        &engine,
        Command::SaveResident(common::new_elder("石秋云", grid, 1, "2026-01-01")),
        &a,
    )
    .id;
    let err = apply_err(
        &engine,
        Command::CheckIn(new_checkin(elder, "2026-03-12", "08:00", Outcome::Ok)),
        &a,
    );
    assert!(matches!(rule(&err), DateRule::MarkOnFutureDay { .. }));
}
