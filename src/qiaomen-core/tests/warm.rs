//! The engine's warm answers (roll calls, search, summaries kept between requests and brought
//! up to date as commands are applied) equal what a fresh read of the store gives, after every
//! kind of change that can alter them.

mod common;

use common::{apply_ok, at, clerk, day, new_checkin, new_elder, new_grid, new_member};
use qiaomen_core::model::{CaseKind, Community, Id, Outcome, Resident};
use qiaomen_core::query::{Answer, Query};
use qiaomen_core::search::SearchIndex;
use qiaomen_core::store::Tree;
use qiaomen_core::{Command, Date, Engine, NewCase, Now, Reads, rollcall, summary};

const DAYS: [&str; 3] = ["2026-11-29", "2026-11-30", "2026-12-01"];

fn now() -> Now {
    at("2026-11-30", "15:30")
}

/// Every warm answer against a fresh one, for each day and for the whole community and one
/// grid.
fn same_as_fresh(engine: &Engine, grids: &[Id], after: &str) {
    let now = now();
    let store = engine.store();
    for d in DAYS {
        for grid in std::iter::once(None).chain(grids.iter().copied().map(Some)) {
            let warm = engine
                .query(Query::Roll {
                    date: day(d),
                    now,
                    grid,
                })
                .and_then(Answer::roll)
                .expect("warm roll");
            let fresh = rollcall::roll(store, day(d), now, grid).expect("fresh roll");
            assert_eq!(
                format!("{:?}", warm.entries),
                format!("{:?}", fresh.entries),
                "roll of {d}, grid {grid:?}, after {after}"
            );
            // One elder's entry, read alone, is that elder's entry of the whole roll.
            for e in &fresh.entries {
                let one = engine
                    .query(Query::RollEntry {
                        date: day(d),
                        now,
                        elder: e.elder.id,
                    })
                    .expect("roll entry");
                let Answer::RollEntry(Some(one)) = one else {
                    panic!("no roll entry of {} on {d}", e.elder.id);
                };
                assert_eq!(
                    format!("{one:?}"),
                    format!("{e:?}"),
                    "entry on {d}, {after}"
                );
            }
        }
        let warm = engine
            .query(Query::Summary {
                date: day(d),
                now,
                grid: None,
                period: None,
            })
            .and_then(Answer::summary)
            .expect("warm summary");
        let fresh = summary::summarize(store, day(d), now, None, None).expect("fresh summary");
        assert_eq!(warm, fresh, "summary of {d} after {after}");
    }
    for text in ["石", "shi", "G2", "李", "5678", "#1"] {
        let today: Date = day("2026-11-30");
        let warm = engine
            .query(Query::Find {
                text: text.to_owned(),
                today,
                limit: 50,
                all: false,
            })
            .and_then(Answer::hits)
            .expect("warm search");
        let fresh = SearchIndex::build(store, today)
            .expect("index")
            .query(text, 50);
        assert_eq!(warm, fresh, "search {text:?} after {after}");
    }
}

#[test]
fn warm_answers_equal_fresh_ones_after_every_kind_of_change() {
    let engine = Engine::temporary("tester", now()).expect("engine");
    // On the engine's day: the check-ins below are on it and the day before.
    let a = common::actor(&clerk().operator, now());
    apply_ok(
        &engine,
        Command::Configure(Community::named("青石社区")),
        &a,
    );
    let g1 = apply_ok(&engine, Command::SaveGrid(new_grid("G1", "第一网格")), &a).id;
    let g2 = apply_ok(&engine, Command::SaveGrid(new_grid("G2", "第二网格")), &a).id;
    apply_ok(
        &engine,
        Command::SaveMember(new_member("柳青禾", Some(g1))),
        &a,
    );
    let mut elders = Vec::new();
    for (i, name) in ["石秋云", "李春生", "石家宝", "王素芬"].iter().enumerate() {
        let grid = if i % 2 == 0 { g1 } else { g2 };
        let e = new_elder(name, grid, (i % 3 + 1) as u8, "2026-01-01");
        elders.push(apply_ok(&engine, Command::SaveResident(e), &a).id);
    }
    let grids = [g1, g2];
    // Everything warm first, so each change below has to update it, not fill it.
    same_as_fresh(&engine, &grids, "the start");

    let step = |what: &str, command: Command| {
        apply_ok(&engine, command, &a);
        same_as_fresh(&engine, &grids, what);
    };
    step(
        "a check-in yesterday",
        Command::CheckIn(new_checkin(elders[0], "2026-11-29", "09:00", Outcome::Ok)),
    );
    step(
        "no answer today",
        Command::CheckIn(new_checkin(
            elders[1],
            "2026-11-30",
            "09:10",
            Outcome::NoAnswer,
        )),
    );
    step(
        "needs help today",
        Command::CheckIn(new_checkin(
            elders[2],
            "2026-11-30",
            "09:20",
            Outcome::NeedsHelp,
        )),
    );
    let mut away = new_checkin(elders[3], "2026-11-29", "10:00", Outcome::Away);
    away.away_until = Some(day("2026-12-01"));
    step("an away that carries", Command::CheckIn(away));
    let key = new_checkin(elders[1], "2026-11-30", "09:10", Outcome::NoAnswer).key();
    step(
        "a note on a check-in",
        Command::AnnotateCheckIn {
            key,
            note: "再打一次".to_owned(),
        },
    );
    step("an undo", Command::UndoCheckIn { key });

    let mut moved: Resident = engine.require(elders[0]).expect("elder");
    moved.grid = g2;
    moved.name = "石秋雲".to_owned();
    step(
        "an elder moved to another grid and renamed",
        Command::SaveResident(moved),
    );
    let mut ended: Resident = engine.require(elders[2]).expect("elder");
    ended.care.as_mut().expect("care").active_to = Some(day("2026-11-29"));
    step("a care plan ended", Command::SaveResident(ended));
    step(
        "a new elder",
        Command::SaveResident(new_elder("李福来", g1, 1, "2026-11-30")),
    );
    step(
        "a case",
        Command::OpenCase(NewCase {
            kind: CaseKind::Dispute,
            title: "楼上漏水".to_owned(),
            grid: g1,
            parties: vec!["石秋雲".to_owned()],
            residents: vec![elders[0]],
            opened: day("2026-11-30"),
            follow_up: None,
            note: String::new(),
        }),
    );
    let mut c = Community::named("青石社区");
    c.cutoff = common::time("09:15");
    step("a new cutoff", Command::Configure(c));
}

#[test]
fn a_kind_read_in_pages_is_every_record_once_in_order() {
    let engine = Engine::temporary("tester", now()).expect("engine");
    // On the engine's day: the check-ins below are on it and the day before.
    let a = common::actor(&clerk().operator, now());
    let grid = apply_ok(&engine, Command::SaveGrid(new_grid("G1", "第一网格")), &a).id;
    for i in 0..40 {
        let e = new_elder(&format!("石{i}"), grid, 1, "2026-01-01");
        apply_ok(&engine, Command::SaveResident(e), &a);
    }
    let whole = engine
        .query(Query::All(Tree::Residents))
        .and_then(Answer::raw)
        .expect("all at once");
    for max_bytes in [1, 100, 1000, 1 << 20] {
        let (mut paged, mut after, mut pages) = (Vec::new(), None, 0);
        loop {
            let Answer::Page { values, last, done } = engine
                .query(Query::Page {
                    tree: Tree::Residents,
                    after,
                    max_bytes,
                })
                .expect("a page")
            else {
                panic!("not a page");
            };
            pages += 1;
            let bytes: usize = values.iter().map(Vec::len).sum();
            let biggest = values.iter().map(Vec::len).max().unwrap_or(0);
            assert!(
                bytes < max_bytes as usize + biggest,
                "a page goes over by one record at most"
            );
            paged.extend(values);
            if done {
                break;
            }
            after = last;
        }
        assert_eq!(paged, whole, "pages of {max_bytes} bytes");
        if max_bytes == 1 {
            assert_eq!(pages, 41, "one record a page, then the empty end");
        }
    }
    // Ids run out: the page after the largest id is empty and done.
    let Answer::Page { values, done, .. } = engine
        .query(Query::Page {
            tree: Tree::Residents,
            after: Some(u64::MAX),
            max_bytes: 1,
        })
        .expect("a page")
    else {
        panic!("not a page");
    };
    assert!(values.is_empty() && done);
}

/// What a resident's card links to (`Query::Linked`: the household's visits and fund
/// entries, the cases naming the resident) equals a reading of every record, after each change
/// that can alter it; the links are built by the first card that asks and kept current.
#[test]
fn a_card_links_to_its_own_records_and_follows_changes() {
    use qiaomen_core::model::{Direction, FundEntry, Household, Visit};
    use qiaomen_core::register::RegisterCommand;
    use qiaomen_core::store::Entity;
    let engine = Engine::temporary("tester", now()).expect("a scratch engine");
    let a = common::actor("柳青禾", now());
    let apply = |c: Command| engine.apply(c, &a).expect("applies");
    let g = apply(Command::SaveGrid(new_grid("G1", "第一网格"))).id;
    let elder = apply(Command::SaveResident(new_elder(
        "石秋云",
        g,
        1,
        "2026-01-01",
    )))
    .id;
    let other = apply(Command::SaveResident(common::new_resident("贺小满", g))).id;
    let home = |members: Vec<Id>| Household {
        id: 0,
        grid: g,
        members,
        file: Vec::new(),
        ..common::samples::household()
    };
    let hers = apply(Command::SaveHousehold(home(vec![elder]))).id;
    let his = apply(Command::SaveHousehold(home(vec![other]))).id;
    let linked = |resident: Id, household: Id| {
        let l = engine
            .query(Query::Linked {
                resident,
                household: Some(household),
            })
            .and_then(Answer::linked)
            .expect("linked");
        let ids = |values: &[Vec<u8>], tree: Tree| -> Vec<Id> {
            values
                .iter()
                .map(|v| match tree {
                    Tree::Visits => Visit::decode(v).map(|x| x.id),
                    Tree::Fund => FundEntry::decode(v).map(|x| x.id),
                    _ => qiaomen_core::model::Case::decode(v).map(|x| x.id),
                })
                .collect::<qiaomen_core::Result<_>>()
                .expect("decodes")
        };
        (
            ids(&l.visits, Tree::Visits),
            ids(&l.cases, Tree::Cases),
            ids(&l.fund, Tree::Fund),
        )
    };
    let fresh = |resident: Id, household: Id| {
        let visits: Vec<Visit> = engine.all().expect("visits");
        let cases: Vec<qiaomen_core::model::Case> = engine.all().expect("cases");
        let fund: Vec<FundEntry> = engine.all().expect("fund");
        (
            visits
                .iter()
                .filter(|v| v.household == household)
                .map(|v| v.id)
                .collect::<Vec<_>>(),
            cases
                .iter()
                .filter(|c| c.residents.contains(&resident))
                .map(|c| c.id)
                .collect::<Vec<_>>(),
            fund.iter()
                .filter(|f| f.household == Some(household))
                .map(|f| f.id)
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(linked(elder, hers), (vec![], vec![], vec![]));
    let visit = |household: Id| {
        Command::Register(RegisterCommand::SaveVisit(Visit {
            id: 0,
            date: day("2026-11-29"),
            household,
            by: String::new(),
            findings: "身体尚好".into(),
        }))
    };
    let fund = |direction: Direction, household: Option<Id>| {
        Command::Register(RegisterCommand::Fund(FundEntry {
            id: 0,
            date: day("2026-11-29"),
            amount_fen: 10_000,
            direction,
            partner: None,
            household,
            need: None,
            note: String::new(),
        }))
    };
    let case = |residents: Vec<Id>| {
        Command::OpenCase(NewCase {
            kind: CaseKind::Request,
            title: "楼道灯坏了".to_owned(),
            grid: g,
            parties: Vec::new(),
            residents,
            opened: day("2026-11-30"),
            follow_up: None,
            note: String::new(),
        })
    };
    let v1 = apply(visit(hers)).id;
    apply(visit(his));
    apply(fund(Direction::In, None));
    let f1 = apply(fund(Direction::Out, Some(hers))).id;
    let c1 = apply(case(vec![elder, other])).id;
    apply(case(vec![other]));
    assert_eq!(linked(elder, hers), (vec![v1], vec![c1], vec![f1]));
    assert_eq!(linked(elder, hers), fresh(elder, hers));
    assert_eq!(linked(other, his), fresh(other, his));
    // Built now: later changes are followed.
    let v2 = apply(visit(hers)).id;
    let mut moved: Visit = engine.require(v1).expect("visit");
    moved.household = his;
    apply(Command::Register(RegisterCommand::SaveVisit(moved)));
    let c2 = apply(case(vec![elder])).id;
    assert_eq!(linked(elder, hers), (vec![v2], vec![c1, c2], vec![f1]));
    assert_eq!(linked(elder, hers), fresh(elder, hers));
    assert_eq!(linked(other, his), fresh(other, his));
}
