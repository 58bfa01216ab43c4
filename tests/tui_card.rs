//! The resident card, key by key on the demo app: opened from search, the roll call and a
//! case's parties; scrolled; closed back to where it came from; edited through its form (a
//! save shows on the card, a refusal keeps the form and what was typed); read again when
//! another client changes the resident.

mod common;

use common::TempDb;
use common::app::{code, demo_app, elder_id, engine, now, press};
use common::pty::Tui;
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen::popups::Popup;
use qiaomen::popups::card::{CardPopup, Stage};
use qiaomen_core::command::NewCase;
use qiaomen_core::model::{CaseKind, Id, Resident};
use qiaomen_core::search::HitKind;
use qiaomen_core::{Actor, Command, Reads};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

fn card(app: &App) -> &CardPopup {
    match &app.popup {
        Some(Popup::Card(c)) => c,
        _ => panic!("a card is open"),
    }
}

fn card_of(app: &App) -> Id {
    card(app).resident().expect("the card shows someone").id
}

fn resident(app: &App, id: Id) -> Resident {
    engine(app).require::<Resident>(id).expect("the resident")
}

/// The screen as text at `w`×`h` (a draw also tells the card how far it can scroll).
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    let frame = terminal.draw(|f| app.render(f)).expect("a frame");
    let buf = frame.buffer;
    (0..h)
        .map(|y| {
            // As a terminal shows it: the cell behind a wide character is not printed.
            let (mut row, mut hidden) = (String::new(), 0);
            for x in 0..w {
                let symbol = buf[(x, y)].symbol();
                if hidden == 0 {
                    row.push_str(symbol);
                }
                hidden = hidden.max(symbol.width()).saturating_sub(1);
            }
            row.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ctrl(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::CONTROL)
}

fn clear_and_type(app: &mut App, text: &str) {
    app.handle_key(ctrl(KeyCode::Char('u')));
    press(app, text);
}

/// Tabs the card's form to the row labelled `label`.
fn focus(app: &mut App, label: &str) {
    for _ in 0..40 {
        let row = card(app).editor().expect("the form is open").focused();
        if format!("{row:?}") == label {
            return;
        }
        app.handle_key(code(KeyCode::Tab));
    }
    panic!("no row {label} in the form");
}

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
fn e_edits_and_a_save_shows_on_the_card_and_in_the_store() {
    let mut app = demo_app(Lang::Zh);
    let id = elder_id(&app, "聂长根");
    let before = resident(&app, id);
    app.roll_call.select_elder(Some(id));
    press(&mut app, "re");
    assert!(card(&app).editor().is_some());
    focus(&mut app, "Phone");
    clear_and_type(&mut app, "13911112222");
    // A new first contact: added at the end, then moved up to the top.
    app.handle_key(ctrl(KeyCode::Char('n')));
    press(&mut app, "贺晓东");
    app.handle_key(code(KeyCode::Tab));
    press(&mut app, "外甥");
    app.handle_key(code(KeyCode::Tab));
    press(&mut app, "13722223333");
    for _ in 0..before.contacts.len() {
        app.handle_key(ctrl(KeyCode::Up));
    }
    app.handle_key(code(KeyCode::Enter));

    let after = resident(&app, id);
    assert_eq!(after.phone, "13911112222");
    assert_eq!(after.contacts.len(), before.contacts.len() + 1);
    assert_eq!(after.contacts[0].name, "贺晓东");
    assert_eq!(after.contacts[0].relation, "外甥");
    assert_eq!(after.contacts[1..], before.contacts[..]);
    // What the form did not show is kept.
    assert_eq!(after.id_number, before.id_number);
    assert_eq!(after.household, before.household);
    assert_eq!(after.care, before.care);
    // Back on the card, read again.
    assert!(card(&app).editor().is_none());
    let shot = screen(&app, 80, 24);
    assert!(shot.contains("13911112222"), "{shot}");
    assert!(shot.contains("1. 贺晓东（外甥） 13722223333"), "{shot}");
    let (msg, is_error) = app.status.clone().expect("a message");
    assert!(!is_error && msg.contains("聂长根"), "{msg}");
}

#[test]
fn a_bad_id_number_keeps_the_form_open_with_what_was_typed_and_one_sentence() {
    let mut app = demo_app(Lang::En);
    let id = elder_id(&app, "聂长根");
    let before = resident(&app, id);
    app.roll_call.select_elder(Some(id));
    press(&mut app, "re");
    focus(&mut app, "Health");
    clear_and_type(&mut app, "knee pain");
    focus(&mut app, "IdNumber");
    // The demo's number with its check digit changed.
    let good = before.id_number.clone().expect("an ID number");
    let mut bad = good[..17].to_owned();
    bad.push(if good.ends_with('0') { '1' } else { '0' });
    clear_and_type(&mut app, &bad);
    app.handle_key(code(KeyCode::Enter));

    let editor = card(&app).editor().expect("the form stays open");
    let message = editor.message.clone().expect("the reason is shown");
    assert!(message.contains("id_number"), "{message}");
    assert_eq!(message.lines().count(), 1);
    assert_eq!(editor.health.text, "knee pain");
    assert_eq!(editor.id_number.text, bad);
    assert_eq!(resident(&app, id), before, "nothing was saved");
    let shot = screen(&app, 80, 24);
    assert!(shot.contains("Invalid id_number"), "{shot}");

    // Esc leaves the form for the card, unsaved; Esc again closes the card.
    app.handle_key(code(KeyCode::Esc));
    assert!(card(&app).editor().is_none());
    app.handle_key(code(KeyCode::Esc));
    assert!(app.popup.is_none());
}

#[test]
fn an_unchanged_masked_id_number_keeps_the_stored_one_and_an_unknown_caller_is_refused() {
    let mut app = demo_app(Lang::Zh);
    let id = elder_id(&app, "聂长根");
    let before = resident(&app, id);
    app.roll_call.select_elder(Some(id));
    press(&mut app, "re");
    let editor = card(&app).editor().expect("the form");
    assert!(
        editor.id_number.text.contains("********"),
        "the form shows the number masked"
    );
    focus(&mut app, "Callers");
    clear_and_type(&mut app, "不存在的人");
    app.handle_key(code(KeyCode::Enter));
    let message = card(&app)
        .editor()
        .and_then(|e| e.message.clone())
        .expect("refused");
    assert!(message.contains("不存在的人"), "{message}");
    assert_eq!(resident(&app, id), before);
}

#[test]
fn stopping_the_plan_ends_it_today_and_removing_a_contact_keeps_the_order() {
    let mut app = demo_app(Lang::Zh);
    let id = elder_id(&app, "鲁桂珍");
    let before = resident(&app, id);
    assert_eq!(before.contacts.len(), 3);
    app.roll_call.select_elder(Some(id));
    press(&mut app, "re");
    focus(&mut app, "Plan");
    app.handle_key(code(KeyCode::Right));
    focus(&mut app, "ContactName(1)");
    app.handle_key(ctrl(KeyCode::Char('d')));
    app.handle_key(code(KeyCode::Enter));
    let after = resident(&app, id);
    let care = after.care.expect("still a plan");
    assert_eq!(care.active_to, Some(now().date));
    assert_eq!(
        after.contacts,
        vec![before.contacts[0].clone(), before.contacts[2].clone()]
    );
    let shot = screen(&app, 80, 24);
    assert!(shot.contains(&format!("→ {}", now().date)), "{shot}");
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
