//! Commands that save records and record check-ins: each success leaves exactly one audit
//! entry with the operator and the time given; each refusal writes nothing at all.

mod common;

use common::{
    actor, apply_err, apply_ok, at, clerk, day, invalid_field, new_checkin, new_elder, new_grid,
    new_member, new_resident, town,
};
use qiaomen_core::model::{
    Address, AuditEntry, CheckInKey, Community, Grid, Household, Member, Outcome, RecordRef,
    Resident,
};
use qiaomen_core::{Command, Error, Store};

fn not_found(e: &Error) -> (&'static str, u64) {
    match e {
        Error::NotFound { kind, id } => (kind, *id),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

fn household(grid: u64, members: Vec<u64>) -> Household {
    Household {
        id: 0,
        grid,
        address: Address {
            building: "3".into(),
            unit: "2".into(),
            room: "501".into(),
            text: "桂园小区".into(),
        },
        members,
        categories: Vec::new(),
        needs: String::new(),
        file: Vec::new(),
    }
}

#[test]
fn the_audit_entry_names_the_operator_time_command_and_record() {
    let store = Store::temporary().expect("store");
    let a = actor("贺明远", at("2026-11-30", "01:30"));
    let id = apply_ok(&store, Command::SaveGrid(new_grid(" G1 ", "第一网格")), &a).id;
    let entry = &store.all::<AuditEntry>().expect("audit")[0];
    assert_eq!(entry.id, 1);
    assert_eq!(entry.operator, "贺明远");
    assert_eq!(entry.at, 1_795_973_400);
    assert_eq!(entry.command, "grid.add G1");
    assert_eq!(
        entry.records,
        vec![RecordRef {
            kind: "grid".into(),
            id
        }]
    );
    // Saved trimmed.
    assert_eq!(store.require::<Grid>(id).expect("grid").code, "G1");
}

#[test]
fn configure_sets_the_community_and_refuses_bad_settings() {
    let store = Store::temporary().expect("store");
    let a = clerk();
    assert!(store.is_empty().expect("empty"));
    let mut c = Community::named("青石社区");
    c.retries = 0;
    assert_eq!(
        invalid_field(&apply_err(&store, Command::Configure(c), &a)),
        "retries"
    );
    let mut c = Community::named("青石社区");
    c.utc_offset_minutes = 15 * 60;
    assert_eq!(
        invalid_field(&apply_err(&store, Command::Configure(c), &a)),
        "utc_offset_minutes"
    );
    assert_eq!(
        invalid_field(&apply_err(
            &store,
            Command::Configure(Community::named("  ")),
            &a
        )),
        "community.name"
    );
    assert!(store.is_empty().expect("still empty"));
    apply_ok(&store, Command::Configure(Community::named("青石社区")), &a);
    assert_eq!(store.community().expect("community").name, "青石社区");
}

#[test]
fn saves_create_then_edit_and_refuse_unknown_ids() {
    let t = town();
    let a = clerk();
    let mut g = t.store.require::<Grid>(t.grid).expect("grid");
    g.name = "桂园网格".into();
    g.stewards = vec![t.steward];
    assert_eq!(apply_ok(&t.store, Command::SaveGrid(g), &a).id, t.grid);
    let last = &t.store.last::<AuditEntry>(1).expect("audit")[0];
    assert_eq!(last.command, "grid.edit G1");
    assert_eq!(t.store.count::<Grid>().unwrap(), 1);
    assert_eq!(
        t.store.require::<Grid>(t.grid).expect("grid").name,
        "桂园网格"
    );

    let mut ghost = new_grid("G9", "不存在");
    ghost.id = 99;
    assert_eq!(
        not_found(&apply_err(&t.store, Command::SaveGrid(ghost), &a)),
        ("grid", 99)
    );
    let mut ghost = new_member("无名", None);
    ghost.id = 42;
    assert_eq!(
        not_found(&apply_err(&t.store, Command::SaveMember(ghost), &a)),
        ("member", 42)
    );
}

#[test]
fn saves_with_unknown_references_write_nothing() {
    let t = town();
    let a = clerk();
    let mut g = new_grid("G2", "第二网格");
    g.stewards = vec![t.steward, 77];
    assert_eq!(
        not_found(&apply_err(&t.store, Command::SaveGrid(g), &a)),
        ("member", 77)
    );
    assert_eq!(
        not_found(&apply_err(
            &t.store,
            Command::SaveMember(new_member("许南星", Some(8))),
            &a
        )),
        ("grid", 8)
    );
    assert_eq!(
        not_found(&apply_err(
            &t.store,
            Command::SaveHousehold(household(8, vec![])),
            &a
        )),
        ("grid", 8)
    );
    assert_eq!(
        not_found(&apply_err(
            &t.store,
            Command::SaveHousehold(household(t.grid, vec![t.elder, 55])),
            &a
        )),
        ("resident", 55)
    );
    assert_eq!(
        not_found(&apply_err(
            &t.store,
            Command::SaveResident(new_resident("许南星", 8)),
            &a
        )),
        ("grid", 8)
    );
    let mut r = new_resident("许南星", t.grid);
    r.household = Some(5);
    assert_eq!(
        not_found(&apply_err(&t.store, Command::SaveResident(r), &a)),
        ("household", 5)
    );
    let mut r = new_elder("许南星", t.grid, 2, "2026-01-01");
    r.care.as_mut().expect("care").callers = vec![t.steward, 66];
    assert_eq!(
        not_found(&apply_err(&t.store, Command::SaveResident(r), &a)),
        ("member", 66)
    );
}

#[test]
fn saves_with_invalid_fields_name_the_field_and_write_nothing() {
    let t = town();
    let a = clerk();
    let mut member = new_member("许南星", None);
    member.roles.clear();
    assert_eq!(
        invalid_field(&apply_err(&t.store, Command::SaveMember(member), &a)),
        "roles"
    );
    let mut member = new_member("许南星", None);
    member.phone = "call me".into();
    assert_eq!(
        invalid_field(&apply_err(&t.store, Command::SaveMember(member), &a)),
        "phone"
    );
    let mut home = household(t.grid, vec![]);
    home.address = Address::default();
    assert_eq!(
        invalid_field(&apply_err(&t.store, Command::SaveHousehold(home), &a)),
        "address"
    );
    let mut resident = new_resident("许南星", t.grid);
    resident.id_number = Some("110105194912310021".into());
    assert_eq!(
        invalid_field(&apply_err(&t.store, Command::SaveResident(resident), &a)),
        "id_number"
    );
    let mut resident = new_elder("许南星", t.grid, 4, "2026-01-01");
    assert_eq!(
        invalid_field(&apply_err(
            &t.store,
            Command::SaveResident(resident.clone()),
            &a
        )),
        "care.level"
    );
    resident.name = "许\u{1b}[2J南星".into();
    assert_eq!(
        invalid_field(&apply_err(&t.store, Command::SaveResident(resident), &a)),
        "name"
    );
}

#[test]
fn a_household_and_its_residents_reference_each_other() {
    let t = town();
    let a = clerk();
    let h = apply_ok(
        &t.store,
        Command::SaveHousehold(household(t.grid, vec![t.elder])),
        &a,
    )
    .id;
    let mut elder = t.store.require::<Resident>(t.elder).expect("elder");
    elder.household = Some(h);
    apply_ok(&t.store, Command::SaveResident(elder), &a);
    assert_eq!(
        t.store
            .require::<Resident>(t.elder)
            .expect("elder")
            .household,
        Some(h)
    );
    assert_eq!(
        t.store.require::<Household>(h).expect("household").members,
        vec![t.elder]
    );
}

#[test]
fn the_elders_index_follows_the_care_plan() {
    let t = town();
    let a = clerk();
    let ids =
        |s: &Store| -> Vec<u64> { s.elders().expect("elders").iter().map(|e| e.id).collect() };
    assert_eq!(ids(&t.store), vec![t.elder]);
    let mut n = t.store.require::<Resident>(t.neighbour).expect("neighbour");
    n.care = new_elder("贺小满", t.grid, 3, "2026-03-01").care;
    apply_ok(&t.store, Command::SaveResident(n), &a);
    assert_eq!(ids(&t.store), vec![t.elder, t.neighbour]);
    let mut e = t.store.require::<Resident>(t.elder).expect("elder");
    e.care = None;
    apply_ok(&t.store, Command::SaveResident(e), &a);
    assert_eq!(ids(&t.store), vec![t.neighbour]);
}

#[test]
fn check_ins_are_numbered_within_the_day() {
    let t = town();
    let a = clerk();
    let mut keys = Vec::new();
    for (date, hhmm, outcome) in [
        ("2026-03-10", "08:00", Outcome::NoAnswer),
        ("2026-03-10", "08:30", Outcome::NoAnswer),
        ("2026-03-10", "09:00", Outcome::Ok),
        ("2026-03-11", "08:00", Outcome::Unwell),
    ] {
        let c = new_checkin(t.elder, date, hhmm, outcome);
        // Each mark is made when it happened: a mark on a day not yet come is refused.
        keys.push(
            apply_ok(
                &t.store,
                Command::CheckIn(c),
                &actor(&a.operator, at(date, hhmm)),
            )
            .checkin
            .expect("key"),
        );
    }
    let seqs: Vec<(String, u16)> = keys.iter().map(|k| (k.date.to_string(), k.seq)).collect();
    assert_eq!(
        seqs,
        [
            ("2026-03-10", 0),
            ("2026-03-10", 1),
            ("2026-03-10", 2),
            ("2026-03-11", 0)
        ]
        .map(|(d, s)| (d.to_owned(), s))
    );
    let day10 = t
        .store
        .checkins_of_on(t.elder, day("2026-03-10"))
        .expect("day");
    assert_eq!(
        day10.iter().map(|c| c.outcome).collect::<Vec<_>>(),
        [Outcome::NoAnswer, Outcome::NoAnswer, Outcome::Ok]
    );
    let history = t
        .store
        .checkins_of(t.elder, day("2026-03-01"), day("2026-03-31"))
        .expect("history");
    assert_eq!(history.len(), 4);
    let last = t
        .store
        .last_checkin(t.elder, day("2026-03-10"))
        .expect("last");
    assert_eq!(last.map(|c| c.seq), Some(2));
    let audit = &t.store.last::<AuditEntry>(1).expect("audit")[0];
    assert_eq!(audit.command, "checkin 石秋云 2026-03-11 08:00 unwell");
}

#[test]
fn check_ins_are_refused_for_non_elders_and_bad_values() {
    let t = town();
    let a = clerk();
    let e = apply_err(
        &t.store,
        Command::CheckIn(new_checkin(t.neighbour, "2026-03-10", "08:00", Outcome::Ok)),
        &a,
    );
    assert_eq!(invalid_field(&e), "elder");
    let e = apply_err(
        &t.store,
        Command::CheckIn(new_checkin(404, "2026-03-10", "08:00", Outcome::Ok)),
        &a,
    );
    assert_eq!(not_found(&e), ("resident", 404));
    let mut c = new_checkin(t.elder, "2026-03-10", "08:00", Outcome::Ok);
    c.away_until = Some(day("2026-03-12"));
    assert_eq!(
        invalid_field(&apply_err(&t.store, Command::CheckIn(c), &a)),
        "away_until"
    );
    let mut c = new_checkin(t.elder, "2026-03-10", "08:00", Outcome::Away);
    c.away_until = Some(day("2026-03-09"));
    assert_eq!(
        invalid_field(&apply_err(&t.store, Command::CheckIn(c), &a)),
        "away_until"
    );
    let mut c = new_checkin(t.elder, "2026-03-10", "08:00", Outcome::Ok);
    c.by = String::new();
    assert_eq!(
        invalid_field(&apply_err(&t.store, Command::CheckIn(c), &a)),
        "by"
    );
}

#[test]
fn a_check_in_note_is_added_to_that_attempt_only() {
    let t = town();
    let a = clerk();
    let first = Command::CheckIn(new_checkin(
        t.elder,
        "2026-03-10",
        "08:00",
        Outcome::NoAnswer,
    ));
    let k0 = apply_ok(&t.store, first, &a).checkin.expect("key");
    let second = Command::CheckIn(new_checkin(t.elder, "2026-03-10", "08:30", Outcome::Ok));
    let k1 = apply_ok(&t.store, second, &a).checkin.expect("key");
    let cmd = Command::AnnotateCheckIn {
        key: k1,
        note: "  血压正常 ".into(),
    };
    assert_eq!(apply_ok(&t.store, cmd, &a).checkin, Some(k1));
    let day10 = t.store.checkins_of_on(t.elder, k0.date).expect("day");
    assert_eq!(day10[0].note, "");
    assert_eq!(day10[1].note, "血压正常");
    assert_eq!(day10[1].outcome, Outcome::Ok);
    let missing = CheckInKey { seq: 7, ..k1 };
    let cmd = Command::AnnotateCheckIn {
        key: missing,
        note: "x".into(),
    };
    assert_eq!(invalid_field(&apply_err(&t.store, cmd, &a)), "checkin");
    let cmd = Command::AnnotateCheckIn {
        key: k1,
        note: "a\u{202E}b".into(),
    };
    assert_eq!(invalid_field(&apply_err(&t.store, cmd, &a)), "note");
}

#[test]
fn undo_removes_the_check_in_from_the_day_and_the_history() {
    let t = town();
    let a = clerk();
    let d = day("2026-03-10");
    let mut keys = Vec::new();
    for outcome in [Outcome::NoAnswer, Outcome::Ok] {
        let c = new_checkin(t.elder, "2026-03-10", "08:00", outcome);
        keys.push(
            apply_ok(&t.store, Command::CheckIn(c), &a)
                .checkin
                .expect("key"),
        );
    }
    apply_ok(&t.store, Command::UndoCheckIn { key: keys[1] }, &a);
    let audit = &t.store.last::<AuditEntry>(1).expect("audit")[0];
    assert_eq!(
        audit.command,
        format!("checkin.undo {} 2026-03-10#1 ok", t.elder)
    );
    assert_eq!(t.store.checkins_on(d).expect("day").len(), 1);
    let history = t.store.checkins_of(t.elder, d, d).expect("history");
    assert_eq!(history.iter().map(|c| c.seq).collect::<Vec<_>>(), [0]);
    assert_eq!(
        t.store
            .last_checkin(t.elder, d)
            .expect("last")
            .map(|c| c.outcome),
        Some(Outcome::NoAnswer)
    );
    // Undoing twice is refused without a trace.
    let e = apply_err(&t.store, Command::UndoCheckIn { key: keys[1] }, &a);
    assert_eq!(invalid_field(&e), "checkin");
    apply_ok(&t.store, Command::UndoCheckIn { key: keys[0] }, &a);
    assert!(
        t.store
            .checkins_of(t.elder, d, d)
            .expect("history")
            .is_empty()
    );
    assert_eq!(t.store.count_checkins().expect("count"), 0);
    assert_eq!(t.store.last_checkin(t.elder, d).expect("last"), None);
}

#[test]
fn a_check_in_after_the_last_possible_number_is_refused() {
    // An imported day can hold the largest attempt number; the next one must not wrap to 0
    // and overwrite the day's first attempt.
    let t = town();
    let line = format!(
        r#"{{"type":"checkin","elder":{},"date":"2026-03-10","seq":65535,"time":"08:00","by":"柳青禾","outcome":"ok"}}"#,
        t.elder
    );
    t.store
        .import(
            || Ok(std::io::Cursor::new(line.clone())),
            false,
            "柳青禾",
            0,
            "test",
        )
        .expect("import");
    let c = new_checkin(t.elder, "2026-03-10", "09:00", Outcome::NoAnswer);
    let e = apply_err(&t.store, Command::CheckIn(c), &clerk());
    assert_eq!(invalid_field(&e), "seq");
    let kept = t
        .store
        .checkins_of_on(t.elder, day("2026-03-10"))
        .expect("day");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].outcome, Outcome::Ok);
}

#[test]
fn members_are_normalised_when_saved() {
    let store = Store::temporary().expect("store");
    let a = clerk();
    let mut m = new_member("  许南星 ", None);
    m.phone = "+86 138 0731 5678".into();
    m.roles = vec![
        qiaomen_core::model::Role::Volunteer,
        qiaomen_core::model::Role::Steward,
        qiaomen_core::model::Role::Volunteer,
    ];
    let id = apply_ok(&store, Command::SaveMember(m), &a).id;
    let m = store.require::<Member>(id).expect("member");
    assert_eq!(m.name, "许南星");
    assert_eq!(m.phone, "13807315678");
    assert_eq!(
        m.roles,
        [
            qiaomen_core::model::Role::Steward,
            qiaomen_core::model::Role::Volunteer
        ]
    );
}
