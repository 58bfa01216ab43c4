//! Keeping the people of the register through commands (issue 13): a resident added into a
//! household, moved with both households kept right, a household saved with its members in
//! order, and an elder leaving the roll from a day on with the reason kept and history intact.

mod common;

use common::{
    Town, apply_err, apply_ok, at, clerk, day, invalid_field, new_checkin, new_elder, new_resident,
    samples, town,
};
use qiaomen_core::model::{AuditEntry, Household, Id, LeaveReason, Outcome, Resident};
use qiaomen_core::people::PeopleCommand;
use qiaomen_core::rollcall::roll;
use qiaomen_core::{Command, Error};

fn household(t: &Town, room: &str, members: Vec<Id>) -> Id {
    let mut h = samples::household();
    h.id = 0;
    h.grid = t.grid;
    h.members = members;
    room.clone_into(&mut h.address.room);
    h.file = Vec::new();
    apply_ok(
        &t.store,
        Command::People(PeopleCommand::SaveHousehold(h)),
        &clerk(),
    )
    .id
}

fn members(t: &Town, h: Id) -> Vec<Id> {
    t.store.require::<Household>(h).expect("household").members
}

fn resident(t: &Town, id: Id) -> Resident {
    t.store.require::<Resident>(id).expect("resident")
}

fn last_audit(t: &Town) -> String {
    t.store.last::<AuditEntry>(1).expect("audit")[0]
        .command
        .clone()
}

fn add(t: &Town, r: Resident) -> Id {
    apply_ok(
        &t.store,
        Command::People(PeopleCommand::AddResident(Box::new(r))),
        &clerk(),
    )
    .id
}

#[test]
fn a_resident_added_into_a_household_joins_its_members() {
    let t = town();
    let h = household(&t, "101", vec![t.neighbour]);
    let mut r = new_resident("石小川", 999);
    r.household = Some(h);
    let id = add(&t, r);
    assert_eq!(last_audit(&t), "resident.add 石小川");
    assert_eq!(members(&t, h), vec![t.neighbour, id]);
    let stored = resident(&t, id);
    // The household's grid, not the one typed.
    assert_eq!((stored.household, stored.grid), (Some(h), t.grid));
}

#[test]
fn bad_input_is_refused_naming_the_field_and_nothing_is_written() {
    let t = town();
    let refused = |r: Resident| {
        apply_err(
            &t.store,
            Command::People(PeopleCommand::AddResident(Box::new(r))),
            &clerk(),
        )
    };
    let mut bad_id = new_resident("石小川", t.grid);
    bad_id.birth = None;
    // The right check digit of 11010519491231002? is X.
    bad_id.id_number = Some("110105194912310021".into());
    assert_eq!(invalid_field(&refused(bad_id)), "id_number");
    let mut control = new_resident("石\u{7}小川", t.grid);
    control.phone = String::new();
    assert_eq!(invalid_field(&refused(control)), "name");
    assert_eq!(
        invalid_field(&refused(new_resident(&"石".repeat(65), t.grid))),
        "name"
    );
    let mut phone = new_resident("石小川", t.grid);
    phone.phone = "138-abc".into();
    assert_eq!(invalid_field(&refused(phone)), "phone");
    assert!(matches!(
        refused(new_resident("石小川", 999)),
        Error::NotFound { kind: "grid", .. }
    ));
}

#[test]
fn a_move_keeps_both_households_right_in_one_step() {
    let t = town();
    let a = household(&t, "101", vec![t.elder, t.neighbour]);
    let b = household(&t, "102", vec![]);
    assert_eq!(resident(&t, t.elder).household, Some(a));
    let audits = t.store.count::<AuditEntry>().expect("count");
    let applied = apply_ok(
        &t.store,
        Command::People(PeopleCommand::Move {
            resident: t.elder,
            household: Some(b),
            grid: None,
        }),
        &clerk(),
    );
    assert_eq!(t.store.count::<AuditEntry>().expect("count"), audits + 1);
    assert_eq!(members(&t, a), vec![t.neighbour]);
    assert_eq!(members(&t, b), vec![t.elder]);
    assert_eq!(resident(&t, t.elder).household, Some(b));
    assert_eq!(last_audit(&t), format!("resident.move 石秋云 #{a} -> #{b}"));
    let kinds: Vec<(String, Id)> = applied
        .records
        .iter()
        .map(|r| (r.kind.clone(), r.id))
        .collect();
    assert!(kinds.contains(&("household".into(), a)), "{kinds:?}");
    assert!(kinds.contains(&("household".into(), b)), "{kinds:?}");
    // Moving where one already lives is refused.
    let again = apply_err(
        &t.store,
        Command::People(PeopleCommand::Move {
            resident: t.elder,
            household: Some(b),
            grid: None,
        }),
        &clerk(),
    );
    assert_eq!(invalid_field(&again), "household");
}

#[test]
fn saving_a_household_with_members_moves_them_and_the_first_is_the_head() {
    let t = town();
    let a = household(&t, "101", vec![t.elder, t.neighbour]);
    let mut h = t.store.require::<Household>(a).expect("household");
    // The neighbour becomes the head.
    h.members = vec![t.neighbour, t.elder];
    apply_ok(
        &t.store,
        Command::People(PeopleCommand::SaveHousehold(h)),
        &clerk(),
    );
    assert_eq!(members(&t, a), vec![t.neighbour, t.elder]);
    // A new household taking the elder takes them out of the first one.
    let b = household(&t, "102", vec![t.elder]);
    assert_eq!(members(&t, a), vec![t.neighbour]);
    assert_eq!(resident(&t, t.elder).household, Some(b));
    // Leaving someone out of the list leaves them with no household.
    let mut h = t.store.require::<Household>(b).expect("household");
    h.members.clear();
    apply_ok(
        &t.store,
        Command::People(PeopleCommand::SaveHousehold(h)),
        &clerk(),
    );
    assert_eq!(resident(&t, t.elder).household, None);
}

#[test]
fn an_elder_who_leaves_is_off_the_roll_from_that_day_and_keeps_their_history() {
    let t = town();
    let elder = t.elder;
    for d in ["2026-03-08", "2026-03-09"] {
        apply_ok(
            &t.store,
            Command::CheckIn(new_checkin(elder, d, "09:00", Outcome::Ok)),
            &clerk(),
        );
    }
    let on_roll = |d: &str| {
        roll(&t.store, day(d), at(d, "09:00"), None)
            .expect("roll")
            .entries
            .iter()
            .any(|e| e.elder.id == elder)
    };
    assert!(on_roll("2026-03-09") && on_roll("2026-03-10"));
    apply_ok(
        &t.store,
        Command::People(PeopleCommand::Leave {
            resident: elder,
            date: day("2026-03-10"),
            reason: LeaveReason::Died,
            note: "家属告知".into(),
        }),
        &clerk(),
    );
    assert_eq!(last_audit(&t), "resident.leave 石秋云 2026-03-10 died");
    assert!(on_roll("2026-03-09"), "still on the roll the day before");
    assert!(!on_roll("2026-03-10") && !on_roll("2026-03-11"));
    let r = resident(&t, elder);
    let left = r.left.expect("a departure");
    assert_eq!(
        (left.date, left.reason, left.note.as_str()),
        (day("2026-03-10"), LeaveReason::Died, "家属告知")
    );
    assert_eq!(
        r.care.expect("plan kept").active_to,
        Some(day("2026-03-09"))
    );
    // The history stays: the check-ins, and the export carries the departure.
    assert_eq!(
        t.store
            .checkins_of_on(elder, day("2026-03-09"))
            .expect("day")
            .len(),
        1
    );
    let export = common::export(&t.store, false);
    assert!(
        export.contains(r#""left":{"date":"2026-03-10","reason":"died","note":"家属告知"}"#),
        "{export}"
    );
    // No check-in from the day she left; one the day before is still history.
    let late = apply_err(
        &t.store,
        Command::CheckIn(new_checkin(elder, "2026-03-10", "08:30", Outcome::Ok)),
        &clerk(),
    );
    assert_eq!(invalid_field(&late), "elder");
    apply_ok(
        &t.store,
        Command::CheckIn(new_checkin(elder, "2026-03-09", "18:00", Outcome::Ok)),
        &clerk(),
    );
    // Leaving twice, or a move after leaving, is refused.
    let twice = apply_err(
        &t.store,
        Command::People(PeopleCommand::Leave {
            resident: elder,
            date: day("2026-03-11"),
            reason: LeaveReason::Moved,
            note: String::new(),
        }),
        &clerk(),
    );
    assert_eq!(invalid_field(&twice), "resident");
    let moved = apply_err(
        &t.store,
        Command::People(PeopleCommand::Move {
            resident: elder,
            household: None,
            grid: Some(t.grid),
        }),
        &clerk(),
    );
    assert_eq!(invalid_field(&moved), "resident");
}

#[test]
fn leaving_on_the_first_day_of_a_plan_ends_a_plan_that_never_ran() {
    let t = town();
    let e = apply_ok(
        &t.store,
        Command::SaveResident(new_elder("许南星", t.grid, 2, "2026-03-10")),
        &clerk(),
    )
    .id;
    apply_ok(
        &t.store,
        Command::People(PeopleCommand::Leave {
            resident: e,
            date: day("2026-03-10"),
            reason: LeaveReason::Moved,
            note: String::new(),
        }),
        &clerk(),
    );
    let r = roll(&t.store, day("2026-03-10"), at("2026-03-10", "09:00"), None).expect("roll");
    assert!(r.entries.iter().all(|x| x.elder.id != e));
    // A plan ending two days before it began is still a typing error.
    let mut p = new_elder("许南星", t.grid, 2, "2026-03-10");
    p.care.as_mut().expect("care").active_to = Some(day("2026-03-08"));
    let err = apply_err(&t.store, Command::SaveResident(p), &clerk());
    assert_eq!(invalid_field(&err), "care.active_to");
}

#[test]
fn an_imported_departure_ends_the_care_plan_too() {
    let t = town();
    let mut r = resident(&t, t.elder);
    r.left = Some(Box::new(qiaomen_core::model::Departure {
        date: day("2026-03-05"),
        reason: LeaveReason::Other,
        note: String::new(),
    }));
    apply_ok(&t.store, Command::SaveResident(r), &clerk());
    let care = resident(&t, t.elder).care.expect("care");
    assert_eq!(care.active_to, Some(day("2026-03-04")));
}

#[test]
fn two_grids_cannot_share_a_code() {
    let t = town();
    let err = apply_err(
        &t.store,
        Command::SaveGrid(common::new_grid("g1", "另一网格")),
        &clerk(),
    );
    assert_eq!(invalid_field(&err), "code");
    // Saving the grid itself again is no clash.
    let g = t
        .store
        .require::<qiaomen_core::model::Grid>(t.grid)
        .expect("grid");
    apply_ok(&t.store, Command::SaveGrid(g), &clerk());
}

#[test]
fn a_notice_counts_only_the_members_who_still_live_there() {
    let t = town();
    let a = add(&t, new_resident("柏秀云", t.grid));
    let b = add(&t, new_resident("柏小川", t.grid));
    let h = household(&t, "302", vec![a, b]);
    let people = |d: &str| {
        let text = qiaomen_core::register::notice_text(&t.store, &[h], day(d), 7).expect("text");
        text.lines()
            .find(|l| l.starts_with("1. "))
            .expect("the household's line")
            .to_owned()
    };
    assert!(
        people("2026-03-10").ends_with("2人"),
        "{}",
        people("2026-03-10")
    );
    apply_ok(
        &t.store,
        Command::People(PeopleCommand::Leave {
            resident: a,
            date: day("2026-03-10"),
            reason: LeaveReason::Died,
            note: String::new(),
        }),
        &clerk(),
    );
    assert!(people("2026-03-09").ends_with("2人"), "before they left");
    assert!(
        people("2026-03-10").ends_with("1人"),
        "{}",
        people("2026-03-10")
    );
}
