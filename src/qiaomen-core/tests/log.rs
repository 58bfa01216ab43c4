//! `qiaomen log` from the journal: who did what, when, with before → after for an edit (phone
//! and ID numbers masked), refusals included, filtered by day, person, grid and record.

mod common;

use common::{actor, apply_ok, at, clerk, new_elder, new_grid};
use qiaomen_core::engine::LogFilter;
use qiaomen_core::model::{Community, RecordRef, Resident};
use qiaomen_core::query::{Answer, Query};
use qiaomen_core::{Command, Engine, Reads};

#[test]
fn an_edit_shows_each_changed_field_before_and_after_masked() {
    let engine = Engine::temporary("owner", at("2026-11-29", "08:00")).expect("engine");
    let a = clerk();
    apply_ok(
        &engine,
        Command::Configure(Community::named("青石社区")),
        &a,
    );
    let g1 = apply_ok(&engine, Command::SaveGrid(new_grid("G1", "一网格")), &a).id;
    let g2 = apply_ok(&engine, Command::SaveGrid(new_grid("G2", "二网格")), &a).id;
    let mut e = new_elder("石秋云", g1, 1, "2026-01-01");
    e.phone = "13973177391".into();
    let id = apply_ok(&engine, Command::SaveResident(e), &a).id;
    // A day later, a steward changes her phone and care level.
    let mut edited: Resident = engine.require(id).expect("elder");
    edited.phone = "13807315444".into();
    edited.care.as_mut().expect("care").level = 2;
    let steward = actor("刘晓燕", at("2026-11-30", "10:05"));
    engine
        .apply_by(Command::SaveResident(edited), &steward, "liuxiaoyan")
        .expect("saved");
    engine
        .refuse(
            &steward,
            "liuxiaoyan",
            "refused CheckIn: 刘晓燕 keeps G1; 宋长林 is in G6",
        )
        .expect("refusal kept");
    apply_ok(
        &engine,
        Command::SaveResident(new_elder("宋长林", g2, 1, "2026-01-01")),
        &a,
    );

    let log = |filter: LogFilter| {
        engine
            .query(Query::Log(filter))
            .and_then(Answer::log)
            .expect("the log")
    };
    let all = log(LogFilter::default());
    assert_eq!(all.len(), 7, "{all:#?}");
    let edit = &all[4];
    assert_eq!(
        (
            edit.operator.as_str(),
            edit.os_user.as_str(),
            edit.at.time.to_string()
        ),
        ("刘晓燕", "liuxiaoyan", "10:05".to_owned())
    );
    assert_eq!(edit.what, "resident.edit 石秋云");
    let changes: Vec<(String, String, String)> = edit
        .changes
        .iter()
        .map(|c| (c.field.clone(), c.before.clone(), c.after.clone()))
        .collect();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert_eq!(changes[0].0, "care");
    assert!(changes[0].1.contains("\"level\":1") && changes[0].2.contains("\"level\":2"));
    assert_eq!(
        changes[1],
        (
            "phone".to_owned(),
            "\"*******7391\"".to_owned(),
            "\"*******5444\"".to_owned()
        )
    );
    assert!(
        all[5].what.starts_with("refused CheckIn"),
        "{}",
        all[5].what
    );

    // Filters: a day, a person (member or OS user), a grid, a record.
    let since = log(LogFilter {
        since: Some(common::day("2026-11-30")),
        ..LogFilter::default()
    });
    assert_eq!(
        since.len(),
        2,
        "the edit and the refusal; the clerk worked the day before"
    );
    assert_eq!(
        log(LogFilter {
            by: Some("liuxiaoyan".into()),
            ..LogFilter::default()
        })
        .len(),
        2
    );
    let g2_only = log(LogFilter {
        grids: Some(vec![g2]),
        ..LogFilter::default()
    });
    assert_eq!(g2_only.len(), 1);
    assert!(g2_only[0].what.contains("宋长林"));
    let history = log(LogFilter {
        record: Some(RecordRef {
            kind: "resident".into(),
            id,
        }),
        ..LogFilter::default()
    });
    assert_eq!(history.len(), 2, "created, then edited");
}
