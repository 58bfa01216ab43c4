//! A rule added in `Store::admit` refuses new commands only: a journal an older release wrote,
//! which may break the rule, still replays (in `check`, and in the rebuild after damage).

use super::*;
use crate::day::{ClockTime, Date};
use crate::model::{Grid, Partner, PartnerKind};
use crate::register::RegisterCommand;

fn now() -> Now {
    Now::local(
        Date::parse("2026-11-30").expect("date"),
        ClockTime::parse("09:40").expect("time"),
        480,
    )
}

/// What an older release did: plan, journal and commit, without the new admission rules.
fn apply_as_before(engine: &Engine, command: Command, actor: &Actor) {
    let _write = engine.store.write_guard();
    let (mut batch, _) = engine.store.prepare(command.clone(), actor).expect("plans");
    engine
        .journalled(actor, "test", Op::Command(command), true, |seq| {
            batch.set_seq(seq);
            engine.store.commit(&batch, true)
        })
        .expect("journalled");
}

#[test]
fn an_older_journal_that_breaks_a_new_rule_still_replays_and_new_commands_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    let engine = Engine::create(&db, "test", now()).expect("create");
    let actor = Actor {
        operator: "test".into(),
        now: now(),
    };
    let partner = Partner {
        id: 0,
        name: "桐叶爱心药房".into(),
        kind: PartnerKind::Enterprise,
        agreement_signed: None,
        scope: String::new(),
        contact: String::new(),
        phone: String::new(),
    };
    let grid = |code: &str| Grid {
        id: 0,
        code: code.into(),
        name: format!("网格{code}"),
        description: String::new(),
        stewards: Vec::new(),
    };
    for command in [
        Command::Register(RegisterCommand::SavePartner(partner.clone())),
        Command::Register(RegisterCommand::SavePartner(partner.clone())),
        Command::SaveGrid(grid("g1")),
        Command::SaveGrid(grid("G1")),
    ] {
        apply_as_before(&engine, command, &actor);
    }
    let report = engine.check().expect("check");
    assert!(report.healthy(), "{:?}", report.problems);

    // Today's rules refuse a third of each.
    let third = engine.apply(
        Command::Register(RegisterCommand::SavePartner(partner)),
        &actor,
    );
    assert!(
        matches!(&third, Err(Error::Invalid { field, .. }) if field == "name"),
        "{third:?}"
    );
    let grid_again = engine.apply(Command::SaveGrid(grid("G1")), &actor);
    assert!(grid_again.is_err(), "{grid_again:?}");
    drop(engine);

    // The store rebuilt from the journal alone holds both partners and both grids.
    std::fs::remove_dir_all(db.join("store")).expect("remove the store");
    let engine = Engine::open(&db, "test", now()).expect("the rebuilding open");
    assert_eq!(engine.store.all::<Partner>().expect("partners").len(), 2);
    assert_eq!(engine.store.all::<Grid>().expect("grids").len(), 2);
}
