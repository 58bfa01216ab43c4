//! The resident card's form: `e`, typed changes, `Enter`; a save shows on the card and in the
//! store, a refusal (a bad ID number, an unknown caller, the operator's role) keeps the form
//! open with what was typed and one sentence.

mod common;

use common::app::{code, demo_app, elder_id, now, press};
use common::card::{card, clear_and_type, ctrl, focus, resident, screen, steward_app};
use qiaomen::i18n::Lang;
use qiaomen_core::Reads;
use qiaomen_core::model::Resident;
use ratatui::crossterm::event::KeyCode;

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
    assert!(message.contains("ID number"), "{message}");
    assert_eq!(message.lines().count(), 1);
    assert_eq!(editor.health.text, "knee pain");
    assert_eq!(editor.id_number.text, bad);
    assert_eq!(resident(&app, id), before, "nothing was saved");
    let shot = screen(&app, 80, 24);
    assert!(shot.contains("Invalid ID number"), "{shot}");

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
fn a_refusal_by_role_keeps_the_form_open_with_one_sentence() {
    let mut app = steward_app(Lang::Zh);
    // 聂长根 lives in G4; 刘晓燕 is a steward of G1 only.
    let id = app
        .backend
        .elders()
        .expect("elders")
        .into_iter()
        .find(|e| e.name == "聂长根")
        .expect("the elder")
        .id;
    let before = app.backend.require::<Resident>(id).expect("the resident");
    app.roll_call.select_elder(Some(id));
    press(&mut app, "re");
    focus(&mut app, "Health");
    clear_and_type(&mut app, "腿脚不便");
    app.handle_key(code(KeyCode::Enter));
    let editor = card(&app).editor().expect("the form stays open");
    assert_eq!(editor.health.text, "腿脚不便");
    let message = editor.message.clone().expect("the refusal is shown");
    assert_eq!(message, "刘晓燕 是 G1 的网格管家；聂长根 属于 G4。");
    assert_eq!(
        app.backend.require::<Resident>(id).expect("the resident"),
        before
    );
    assert!(screen(&app, 80, 24).contains("刘晓燕 是 G1 的网格管家"));
}

#[test]
fn categories_are_ticked_in_the_form_and_the_kept_ones_keep_their_order() {
    use qiaomen_core::model::Category;
    let mut app = demo_app(Lang::En);
    let id = elder_id(&app, "聂长根");
    let before = resident(&app, id);
    assert!(!before.categories.contains(&Category::Disabled));
    app.roll_call.select_elder(Some(id));
    press(&mut app, "re");
    let disabled = Category::ALL
        .iter()
        .position(|c| *c == Category::Disabled)
        .expect("disabled is a category");
    focus(&mut app, &format!("Category({disabled})"));
    app.handle_key(code(KeyCode::Char(' ')));
    assert!(screen(&app, 80, 24).contains("◀ yes ▶"));
    app.handle_key(code(KeyCode::Enter));
    assert!(card(&app).editor().is_none(), "saved");
    let after = resident(&app, id);
    let mut expected = before.categories.clone();
    expected.push(Category::Disabled);
    assert_eq!(after.categories, expected);
    assert!(screen(&app, 80, 24).contains("disabled"));

    // Unticked, it goes again and the rest stay as they were.
    press(&mut app, "e");
    focus(&mut app, &format!("Category({disabled})"));
    app.handle_key(code(KeyCode::Right));
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(resident(&app, id).categories, before.categories);
}
