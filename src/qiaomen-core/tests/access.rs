//! Roles against commands (SPEC §3): every rank tried with every kind of command, in its own
//! grid and in another, as a table: allowed or refused, and why.

mod common;

use common::{apply_ok, at, clerk, new_checkin, new_elder, new_grid, new_member, samples};
use qiaomen_core::access::{Rank, Refusal, Who, authorize, identify};
use qiaomen_core::model::LeaveReason;
use qiaomen_core::model::{Activity, ActivityKind, Goods};
use qiaomen_core::model::{CaseKind, Community, Household, Id, Member, Outcome, Resident, Role};
use qiaomen_core::outreach::OutreachCommand;
use qiaomen_core::people::PeopleCommand;
use qiaomen_core::register::RegisterCommand;
use qiaomen_core::{Command, Engine, NewCase, Reads};

struct Town {
    engine: Engine,
    g1: Id,
    g2: Id,
    /// E1 in G1, called by the volunteer; E2 in G2.
    e1: Id,
    e2: Id,
    h1: Id,
    h2: Id,
    c1: Id,
    c2: Id,
    members: Vec<Member>,
}

fn member(name: &str, roles: Vec<Role>, grid: Option<Id>, login: &str) -> Member {
    let mut m = new_member(name, grid);
    m.roles = roles;
    m.login = Some(login.to_owned());
    m
}

fn town() -> Town {
    let engine = Engine::temporary("owner", at("2026-11-30", "09:40")).expect("engine");
    let a = clerk();
    apply_ok(
        &engine,
        Command::Configure(Community::named("青石社区")),
        &a,
    );
    let g1 = apply_ok(&engine, Command::SaveGrid(new_grid("G1", "一网格")), &a).id;
    let g2 = apply_ok(&engine, Command::SaveGrid(new_grid("G2", "二网格")), &a).id;
    let people = [
        member("管理员甲", vec![Role::Admin], None, "admin1"),
        member("书记乙", vec![Role::Cadre], None, "sec1"),
        member("社工丙", vec![Role::Worker], Some(g2), "worker1"),
        member("刘晓燕", vec![Role::Steward], Some(g1), "steward1"),
        member("志愿者丁", vec![Role::Volunteer], Some(g1), "vol1"),
    ];
    for m in people {
        apply_ok(&engine, Command::SaveMember(m), &a);
    }
    let members = engine.all::<Member>().expect("members");
    let volunteer = members
        .iter()
        .find(|m| m.name == "志愿者丁")
        .expect("vol")
        .id;
    let mut e1 = new_elder("石秋云", g1, 1, "2026-01-01");
    e1.care.as_mut().expect("care").callers = vec![volunteer];
    let e1 = apply_ok(&engine, Command::SaveResident(e1), &a).id;
    let e2 = apply_ok(
        &engine,
        Command::SaveResident(new_elder("宋长林", g2, 1, "2026-01-01")),
        &a,
    )
    .id;
    let house = |grid: Id, member: Id, room: &str| {
        let mut h = samples::household();
        h.id = 0;
        h.grid = grid;
        h.members = vec![member];
        room.clone_into(&mut h.address.room);
        h.file = Vec::new();
        h
    };
    let h1 = apply_ok(&engine, Command::SaveHousehold(house(g1, e1, "101")), &a).id;
    let h2 = apply_ok(&engine, Command::SaveHousehold(house(g2, e2, "202")), &a).id;
    let case = |grid: Id, title: &str| {
        Command::OpenCase(NewCase {
            kind: CaseKind::Dispute,
            title: title.to_owned(),
            grid,
            parties: vec!["甲".to_owned()],
            residents: Vec::new(),
            opened: common::day("2026-11-30"),
            follow_up: None,
            note: String::new(),
        })
    };
    let c1 = apply_ok(&engine, case(g1, "楼上漏水"), &a).id;
    let c2 = apply_ok(&engine, case(g2, "占道停车"), &a).id;
    Town {
        members: engine.all::<Member>().expect("members"),
        engine,
        g1,
        g2,
        e1,
        e2,
        h1,
        h2,
        c1,
        c2,
    }
}

fn outreach(c: OutreachCommand) -> Command {
    Command::Outreach(c)
}

fn who(t: &Town, login: &str) -> Who {
    let grids = t.engine.all().expect("grids");
    identify(login, false, None, &t.members, &grids).expect("a member")
}

/// `A` allowed, `R` refused: one column per rank, in the order admin, secretary, worker,
/// steward (of G1), volunteer (caller of E1).
#[test]
fn every_rank_against_every_kind_of_command() {
    let t = town();
    let logins = ["admin1", "sec1", "worker1", "steward1", "vol1"];
    let r = |id: Id| t.engine.require::<Resident>(id).expect("resident");
    let h = |id: Id| t.engine.require::<Household>(id).expect("household");
    let visit = |household: Id| {
        let mut v = samples::visit();
        v.id = 0;
        v.household = household;
        Command::Register(RegisterCommand::SaveVisit(v))
    };
    let table: Vec<(&str, Command, &str)> = vec![
        (
            "settings",
            Command::Configure(Community::named("青石社区")),
            "ARRRR",
        ),
        (
            "a grid",
            Command::SaveGrid(new_grid("G9", "九网格")),
            "ARRRR",
        ),
        (
            "a member",
            Command::SaveMember(new_member("新人", None)),
            "ARRRR",
        ),
        ("an elder of G1", Command::SaveResident(r(t.e1)), "ARAAR"),
        ("an elder of G2", Command::SaveResident(r(t.e2)), "ARARR"),
        (
            "a household of G1",
            Command::SaveHousehold(h(t.h1)),
            "AAAAR",
        ),
        (
            "a household of G2",
            Command::SaveHousehold(h(t.h2)),
            "AAARR",
        ),
        (
            "a check-in of E1 (G1, the volunteer's)",
            Command::CheckIn(new_checkin(t.e1, "2026-11-30", "09:00", Outcome::Ok)),
            "ARAAA",
        ),
        (
            "a check-in of E2 (G2)",
            Command::CheckIn(new_checkin(t.e2, "2026-11-30", "09:00", Outcome::Ok)),
            "ARARR",
        ),
        (
            "a case note in G1",
            Command::CaseNote {
                case: t.c1,
                text: "电话联系".into(),
            },
            "ARAAR",
        ),
        (
            "a case note in G2",
            Command::CaseNote {
                case: t.c2,
                text: "电话联系".into(),
            },
            "ARARR",
        ),
        (
            "a household of G1, by the people command",
            Command::People(PeopleCommand::SaveHousehold(h(t.h1))),
            "AAAAR",
        ),
        (
            "a household of G2, by the people command",
            Command::People(PeopleCommand::SaveHousehold(h(t.h2))),
            "AAARR",
        ),
        ("a visit to H1 (G1)", visit(t.h1), "ARAAA"),
        ("a visit to H2 (G2)", visit(t.h2), "ARARR"),
        (
            "E1 (G1) moved into H2 (G2)",
            Command::People(PeopleCommand::Move {
                resident: t.e1,
                household: Some(t.h2),
                grid: None,
            }),
            "ARARR",
        ),
        (
            "E1 (G1) leaves",
            Command::People(PeopleCommand::Leave {
                resident: t.e1,
                date: common::day("2026-11-30"),
                reason: LeaveReason::Moved,
                note: String::new(),
            }),
            "ARAAR",
        ),
        (
            "E2 (G2) leaves",
            Command::People(PeopleCommand::Leave {
                resident: t.e2,
                date: common::day("2026-11-30"),
                reason: LeaveReason::Died,
                note: String::new(),
            }),
            "ARARR",
        ),
        (
            "a partner",
            Command::Register(RegisterCommand::SavePartner(samples::partner())),
            "AAARR",
        ),
        // Partners' activities, goods and duties (issue 16 point 3): as partners and the fund,
        // also goods to a household of the steward's own grid.
        (
            "a partner's activity in G1",
            outreach(OutreachCommand::AddActivity(Activity {
                id: 0,
                partner: 1,
                kind: ActivityKind::Lecture,
                date: common::day("2026-11-30"),
                people: 40,
                grid: Some(t.g1),
                note: String::new(),
            })),
            "AAARR",
        ),
        (
            "goods to H1 (G1)",
            outreach(OutreachCommand::AddGoods(Goods {
                id: 0,
                partner: 1,
                date: common::day("2026-11-30"),
                what: "大米".into(),
                quantity: 1,
                unit: String::new(),
                value_fen: 5_000,
                household: Some(t.h1),
                note: String::new(),
            })),
            "AAARR",
        ),
        (
            "an agreement duty done",
            outreach(OutreachCommand::DutyDone {
                duty: 1,
                date: common::day("2026-11-30"),
            }),
            "AAARR",
        ),
    ];
    let mut wrong = Vec::new();
    for (what, command, expected) in &table {
        for (login, want) in logins.iter().zip(expected.chars()) {
            let who = who(&t, login);
            let got = authorize(&who, command, &t.engine).expect("authorize reads");
            let got_char = if got.is_ok() { 'A' } else { 'R' };
            if got_char != want {
                wrong.push(format!("{what} by {login} ({:?}): {got:?}", who.rank));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_steward_outside_their_grid_is_told_whose_grid_it_is() {
    let t = town();
    let steward = who(&t, "steward1");
    assert_eq!(
        (steward.rank, steward.grids.clone()),
        (Rank::Steward, vec![t.g1])
    );
    let c = new_checkin(t.e2, "2026-11-30", "09:00", Outcome::Ok);
    let refused = authorize(&steward, &Command::CheckIn(c), &t.engine).expect("reads");
    assert_eq!(
        refused,
        Err(Refusal::OutsideGrids {
            who: "刘晓燕".into(),
            grids: vec!["G1".into()],
            record: "宋长林".into(),
            grid: "G2".into(),
        })
    );
    let _ = t.g2;
}

#[test]
fn who_is_who() {
    let t = town();
    let grids = t.engine.all().expect("grids");
    // No member: refused, unless this OS user owns the database (then admin).
    assert_eq!(
        identify("nobody", false, None, &t.members, &grids),
        Err(Refusal::NoMember {
            os_user: "nobody".into()
        })
    );
    let owner = identify("owner", true, None, &t.members, &grids).expect("the owner");
    assert_eq!((owner.rank, owner.name.as_str()), (Rank::Admin, "owner"));
    // --as: admins only.
    assert_eq!(
        identify("steward1", false, Some("管理员甲"), &t.members, &grids),
        Err(Refusal::ActAs {
            who: "刘晓燕".into(),
            asked: "管理员甲".into()
        })
    );
    let acting = identify("admin1", false, Some("刘晓燕"), &t.members, &grids).expect("admin");
    assert_eq!((acting.rank, acting.name.as_str()), (Rank::Admin, "刘晓燕"));
    // Naming oneself is not acting as another.
    assert!(identify("steward1", false, Some("刘晓燕"), &t.members, &grids).is_ok());
    // A shared OS account: the SSH key names who (QIAOMEN_OPERATOR), else refused.
    let mut shared = t.members.clone();
    for m in &mut shared {
        if m.name == "社工丙" || m.name == "刘晓燕" {
            m.login = Some("office".into());
        }
    }
    assert!(matches!(
        identify("office", false, None, &shared, &grids),
        Err(Refusal::SharedAccount { .. })
    ));
    let named = identify("office", false, Some("社工丙"), &shared, &grids).expect("named");
    assert_eq!((named.rank, named.name.as_str()), (Rank::Worker, "社工丙"));
    // An inactive member counts as none.
    let mut gone = t.members.clone();
    for m in &mut gone {
        m.active = m.login.as_deref() != Some("worker1");
    }
    assert!(identify("worker1", false, None, &gone, &grids).is_err());
}

#[test]
fn a_visit_of_another_grid_cannot_be_taken_over_by_editing_it() {
    let t = town();
    let mut v = samples::visit();
    v.id = 0;
    v.household = t.h2;
    v.date = common::day("2026-03-01");
    let id = apply_ok(
        &t.engine,
        Command::Register(RegisterCommand::SaveVisit(v.clone())),
        &clerk(),
    )
    .id;
    // The visit to H2 (G2), rewritten as one to H1 (G1): the steward of G1 and the
    // volunteer of an H1 elder may write visits to H1, but not this one.
    v.id = id;
    v.household = t.h1;
    v.findings = "改写".into();
    let takeover = Command::Register(RegisterCommand::SaveVisit(v));
    for login in ["steward1", "vol1"] {
        let got = authorize(&who(&t, login), &takeover, &t.engine).expect("reads");
        assert!(got.is_err(), "{login}: {got:?}");
    }
    assert!(
        authorize(&who(&t, "worker1"), &takeover, &t.engine)
            .expect("reads")
            .is_ok()
    );
}
