//! The resident card, key by key on the demo app: opened from search, the roll call and a
//! case's parties; scrolled; closed back to where it came from; read again when another
//! client changes the resident. And the real binary in a pseudo-terminal, through its server.

mod common;

use common::TempDb;
use common::app::{code, demo_app, elder_id, engine, now, press};
use common::card::{card, card_of, resident, screen};
use common::pty::Tui;
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen::popups::Popup;
use qiaomen::popups::card::Stage;
use qiaomen_core::command::NewCase;
use qiaomen_core::model::{CaseKind, Id};
use qiaomen_core::search::HitKind;
use qiaomen_core::{Actor, Command};
use ratatui::crossterm::event::KeyCode;

#[test]
fn enter_on_a_resident_hit_opens_the_card_and_esc_goes_back_to_the_search() {
    let mut app = demo_app(Lang::Zh);
    let id = elder_id(&app, "聂长根");
    press(&mut app, "/聂长根");
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("the search is open")
    };
    let at = s
        .results
        .iter()
        .position(|h| h.kind == HitKind::Resident && h.id == id)
        .expect("the resident is found");
    for _ in 0..at {
        app.handle_key(code(KeyCode::Down));
    }
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(card_of(&app), id);
    let shot = screen(&app, 80, 24);
    assert!(shot.contains("居民卡片 · 聂长根"), "{shot}");
    // The footer is the card's own keys, from the key table.
    assert!(shot.lines().nth(22).unwrap().contains("e 编辑"), "{shot}");

    app.handle_key(code(KeyCode::Esc));
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("Esc goes back to the search")
    };
    assert_eq!(s.input.text, "聂长根");
    assert!(!s.results.is_empty());
    app.handle_key(code(KeyCode::Esc));
    assert!(app.popup.is_none());
    assert_eq!(app.pane, Pane::RollCall);
}

#[test]
fn r_in_the_roll_call_opens_the_selected_elders_card_and_esc_closes_it() {
    let mut app = demo_app(Lang::En);
    app.roll_call.select_elder(Some(elder_id(&app, "聂长根")));
    let selected = app.roll_call.selected().expect("an elder").elder.id;
    let marks = |app: &App| {
        engine(app)
            .checkins_of_on(selected, now().date)
            .expect("check-ins")
            .len()
    };
    let before = marks(&app);
    press(&mut app, "r");
    assert_eq!(card_of(&app), selected);
    // Keys go to the card, not the pane under it: `o` marks nothing.
    press(&mut app, "o");
    assert_eq!(marks(&app), before);
    app.handle_key(code(KeyCode::Esc));
    assert!(app.popup.is_none());
    assert_eq!(app.pane, Pane::RollCall);
    assert_eq!(app.roll_call.selected().map(|e| e.elder.id), Some(selected));
}

#[test]
fn r_on_a_case_opens_its_party_or_a_choice_among_several() {
    let mut app = demo_app(Lang::Zh);
    let (mei, nie) = (elder_id(&app, "梅秀英"), elder_id(&app, "聂长根"));
    let case = app
        .backend
        .apply(
            Command::OpenCase(NewCase {
                kind: CaseKind::Request,
                title: "两位老人的楼道照明".to_owned(),
                grid: resident(&app, mei).grid,
                parties: vec!["梅秀英".to_owned(), "聂长根".to_owned()],
                residents: vec![mei, nie],
                opened: now().date,
                follow_up: None,
                note: String::new(),
            }),
            &Actor {
                operator: common::OPERATOR.to_owned(),
                now: now(),
            },
        )
        .expect("the case opens")
        .id;
    app.take_changes();
    press(&mut app, "3");
    app.cases.reveal(case);
    press(&mut app, "r");
    match &card(&app).stage {
        Stage::Pick { choices, .. } => {
            let ids: Vec<Id> = choices.iter().map(|c| c.0).collect();
            assert_eq!(ids, [mei, nie]);
        }
        _ => panic!("several parties: a choice first"),
    }
    press(&mut app, "j");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(card_of(&app), nie);
    app.handle_key(code(KeyCode::End));
    let shot = screen(&app, 80, 24);
    assert!(
        shot.contains("两位老人的楼道照明"),
        "the card lists the case: {shot}"
    );
    app.handle_key(code(KeyCode::Esc));
    assert!(app.popup.is_none());
    assert_eq!(app.pane, Pane::Cases);

    // Case 2 of the demo names one resident: straight to the card.
    app.cases.reveal(2);
    press(&mut app, "r");
    assert_eq!(card_of(&app), mei);
}

#[test]
fn the_card_scrolls_by_line_page_and_to_either_end() {
    let mut app = demo_app(Lang::Zh);
    app.roll_call.select_elder(Some(elder_id(&app, "聂长根")));
    press(&mut app, "r");
    let top = screen(&app, 80, 24);
    assert!(top.contains("聂长根"));
    press(&mut app, "j");
    assert_eq!(card(&app).scroll, 1);
    press(&mut app, "k");
    press(&mut app, "k");
    assert_eq!(card(&app).scroll, 0, "never above the top");
    app.handle_key(code(KeyCode::End));
    let end = card(&app).scroll;
    assert!(end > 0, "the card is longer than 80×24 shows");
    let bottom = screen(&app, 80, 24);
    assert!(
        bottom.contains("帮扶"),
        "the last section shows at the end: {bottom}"
    );
    press(&mut app, "j");
    assert_eq!(card(&app).scroll, end, "never below the end");
    press(&mut app, "k");
    assert_eq!(card(&app).scroll, end - 1, "k after End moves at once");
    app.handle_key(code(KeyCode::PageUp));
    app.handle_key(code(KeyCode::Home));
    assert_eq!(card(&app).scroll, 0);
    app.handle_key(code(KeyCode::PageDown));
    assert_eq!(card(&app).scroll, end.min(10));
}

#[test]
fn a_change_by_another_client_reads_the_open_card_again() {
    let mut app = demo_app(Lang::Zh);
    let id = elder_id(&app, "聂长根");
    app.roll_call.select_elder(Some(id));
    press(&mut app, "r");
    let mut edited = resident(&app, id);
    edited.health = "膝关节术后恢复中".to_owned();
    app.backend
        .apply(
            Command::SaveResident(edited),
            &Actor {
                operator: "另一位".to_owned(),
                now: now(),
            },
        )
        .expect("saved elsewhere");
    assert!(!screen(&app, 80, 24).contains("膝关节术后恢复中"));
    assert!(app.take_changes());
    assert!(screen(&app, 80, 24).contains("膝关节术后恢复中"));
}

/// The real binary in an 80×24 pseudo-terminal, through the server it starts: `/`, a name,
/// `Enter` on the resident opens the card; `e`, a new health note, `Enter` saves it; `Esc`
/// goes back to the search.
#[test]
fn the_real_binary_opens_a_card_from_search_and_saves_an_edit() {
    let t = TempDb::demo();
    let mut tui = Tui::start(&t.db, "zh");
    tui.wait_for("桂花岭社区");
    // Where the resident stands among the hits, as the same search answers on the command line.
    let found: serde_json::Value =
        serde_json::from_str(&common::ok(&t.db, &["find", "聂长根", "--json"])).expect("JSON");
    let at = found["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .position(|h| h["kind"] == "resident" && h["title"] == "聂长根")
        .expect("the resident is found");
    tui.press("/");
    tui.press("聂长根");
    tui.wait_for("岭东小区 6-1-402");
    for _ in 0..at {
        tui.press("\x1b[B");
    }
    tui.press("\r");
    tui.wait_for("居民卡片 · 聂长根");
    tui.wait_for("关爱计划");
    tui.press("e");
    tui.wait_for("编辑 · 聂长根");
    // Name, gender, birth, phone, ID, grid, then health.
    tui.press("\t\t\t\t\t\t");
    tui.press("\x15膝关节术后");
    tui.press("\r");
    tui.wait_for("已保存 聂长根 的档案");
    tui.wait_for("健康 膝关节术后");
    tui.press("\x1b");
    tui.wait_for("/ 聂长根");
    tui.press("\x1b");
    // An Esc followed at once by q arrives as Alt-q: wait for the search to close first.
    let start = std::time::Instant::now();
    while tui.contents().contains("/ 聂长根") {
        assert!(start.elapsed() < common::pty::WAIT, "the search stays open");
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
    tui.press("q");
    assert!(tui.wait_exit().success());
    let export = common::ok(&t.db, &["export"]);
    assert!(export.contains("膝关节术后"), "saved through the server");
}
