//! Households in the register pane (`a` new, `h` the selected one prefilled) and a resident
//! leaving from their card (`x`), key by key on the demo community: what was saved is read
//! back through the store, refusals stay inside the form with one sentence, `Esc` from the
//! leave form gives the card back.

mod common;

use common::app::{code, demo_app, elder_id, engine, now, press};
use common::card::{card, ctrl, resident, screen, steward_app};
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen::popups::Popup;
use qiaomen::popups::form::Form;
use qiaomen_core::Reads;
use qiaomen_core::model::{Grid, Household, Id, LeaveReason, Resident};
use ratatui::crossterm::event::KeyCode;

fn form(app: &App) -> &Form {
    match &app.popup {
        Some(Popup::Form(f)) => f,
        _ => panic!("a form is open"),
    }
}

fn household(app: &App, id: Id) -> Household {
    app.backend.require::<Household>(id).expect("the household")
}

fn resident_named(app: &App, name: &str) -> Resident {
    engine(app)
        .all::<Resident>()
        .expect("residents")
        .into_iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name} lives here"))
}

/// Moves the form's focus to the field labelled `label` and empties it.
fn clear(app: &mut App, label: &str) {
    for _ in 0..form(app).fields.len() {
        if form(app).fields[form(app).focus].label == label {
            app.handle_key(ctrl(KeyCode::Char('u')));
            return;
        }
        app.handle_key(code(KeyCode::Tab));
    }
    panic!("the form has a field {label}");
}

/// The register pane with household `id` selected.
fn register_on(app: &mut App, id: Id) {
    press(app, "4");
    assert_eq!(app.pane, Pane::Register);
    let store = app.backend.clone();
    let today = app.now.date;
    app.register
        .reveal_household(&*store, today, None, id)
        .expect("the household is shown");
    assert_eq!(app.register.selected().map(|r| r.household.id), Some(id));
}

#[test]
fn a_adds_a_household_and_its_member_leaves_the_old_one() {
    let mut app = demo_app(Lang::Zh);
    let moving = resident_named(&app, "卢欣然");
    let old = moving.household.expect("a household");
    let before = household(&app, old);
    assert!(before.members.contains(&moving.id));
    press(&mut app, "4a");
    assert_eq!(form(&app).title, "新增户");
    clear(&mut app, "楼栋");
    press(&mut app, "9");
    clear(&mut app, "小区/地址");
    press(&mut app, "顺和小区");
    clear(&mut app, "成员（、分隔）");
    press(&mut app, "卢欣然");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "{:?}", form(&app).message);

    let new = engine(&app)
        .all::<Household>()
        .expect("households")
        .into_iter()
        .find(|h| h.members == [moving.id])
        .expect("the new household");
    assert_eq!(
        (new.address.building.as_str(), new.address.text.as_str()),
        ("9", "顺和小区")
    );
    let old_after = household(&app, old);
    assert!(!old_after.members.contains(&moving.id));
    assert_eq!(old_after.members.len(), before.members.len() - 1);
    assert_eq!(resident(&app, moving.id).household, Some(new.id));
    // The pane shows it, selected, and says what was saved.
    assert_eq!(
        app.register.selected().map(|r| r.household.id),
        Some(new.id)
    );
    let (msg, is_error) = app.status.clone().expect("a message");
    assert!(!is_error && msg.contains("户主 卢欣然"), "{msg}");
}

#[test]
fn h_edits_the_selected_household_prefilled_and_the_head_goes_first() {
    let mut app = demo_app(Lang::En);
    let id = resident_named(&app, "柯丽华")
        .household
        .expect("a household");
    let before = household(&app, id);
    register_on(&mut app, id);
    press(&mut app, "h");
    let f = form(&app);
    assert_eq!(f.title, format!("Edit household #{id}"));
    let value = |label: &str| {
        f.fields
            .iter()
            .find(|x| x.label == label)
            .map(|x| x.input.text.clone())
            .expect("the field")
    };
    assert_eq!(value("Room"), before.address.room);
    assert_eq!(value("Members (comma)"), "卢志勇、柯丽华、卢欣然");
    assert_eq!(value("Head"), "卢志勇");
    clear(&mut app, "Head");
    press(&mut app, "柯丽华");
    clear(&mut app, "Room");
    press(&mut app, "303");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "{:?}", form(&app).message);

    let after = household(&app, id);
    let ke = resident_named(&app, "柯丽华").id;
    assert_eq!(after.members[0], ke, "the head is first");
    assert_eq!(after.members.len(), before.members.len());
    assert_eq!(after.address.room, "303");
    // What the form does not show is kept.
    assert_eq!(after.file, before.file);
    assert_eq!(after.categories, before.categories);
    assert!(app.register.selected().is_some_and(|r| r.head == "柯丽华"));
}

#[test]
fn an_unknown_member_is_refused_inside_the_form_and_nothing_is_saved() {
    let mut app = demo_app(Lang::Zh);
    let count = |app: &App| engine(app).all::<Household>().expect("households").len();
    let before = count(&app);
    press(&mut app, "4a");
    clear(&mut app, "成员（、分隔）");
    press(&mut app, "查无此人");
    app.handle_key(code(KeyCode::Enter));
    let message = form(&app).message.clone().expect("refused");
    assert!(message.contains("查无此人"), "{message}");
    assert_eq!(count(&app), before);
    assert!(screen(&app, 80, 24).contains(&message), "shown in the form");
}

#[test]
fn a_steward_editing_another_grids_household_gets_the_refusal_in_the_form() {
    let mut app = steward_app(Lang::Zh);
    let g1 = app
        .backend
        .all::<Grid>()
        .expect("grids")
        .into_iter()
        .find(|g| g.code == "G1")
        .expect("G1")
        .id;
    let other = app
        .backend
        .all::<Household>()
        .expect("households")
        .into_iter()
        .find(|h| h.grid != g1 && !h.members.is_empty())
        .expect("a household elsewhere");
    register_on(&mut app, other.id);
    press(&mut app, "h");
    clear(&mut app, "门牌号");
    press(&mut app, "999");
    app.handle_key(code(KeyCode::Enter));
    let message = form(&app).message.clone().expect("refused");
    assert!(message.contains("刘晓燕"), "{message}");
    assert_eq!(household(&app, other.id), other);
}

/// The demo app with `name`'s card open from the roll call.
fn card_app(lang: Lang, name: &str) -> (App, Id) {
    let mut app = demo_app(lang);
    let id = elder_id(&app, name);
    app.roll_call.select_elder(Some(id));
    press(&mut app, "r");
    assert!(matches!(app.popup, Some(Popup::Card(_))));
    (app, id)
}

#[test]
fn x_on_the_card_records_a_leave_and_the_card_shows_it() {
    let (mut app, id) = card_app(Lang::Zh, "聂长根");
    assert!(resident(&app, id).left.is_none());
    press(&mut app, "x");
    let f = form(&app);
    assert_eq!(f.title, "聂长根 离开");
    assert_eq!(f.fields[0].input.text, now().date.to_string(), "today");
    assert_eq!(
        f.focus, 2,
        "focus starts in the note, the first empty field"
    );
    // The reason: moved → died.
    app.handle_key(code(KeyCode::Up));
    app.handle_key(code(KeyCode::Right));
    app.handle_key(code(KeyCode::Tab));
    press(&mut app, "家属来电告知");
    app.handle_key(code(KeyCode::Enter));

    let after = resident(&app, id);
    let left = after.left.expect("left");
    assert_eq!(
        (left.date, left.reason, left.note.as_str()),
        (now().date, LeaveReason::Died, "家属来电告知")
    );
    let care = after.care.expect("the plan is kept");
    assert_eq!(care.active_to, Some(now().date.add_days(-1)));
    // The card is open again, read anew, and says so.
    assert_eq!(card(&app).resident().map(|r| r.id), Some(id));
    let shot = screen(&app, 80, 24);
    assert!(
        shot.contains(&format!("已于 {} 离开（去世） · 家属来电告知", now().date)),
        "{shot}"
    );
    let (msg, is_error) = app.status.clone().expect("a message");
    assert!(!is_error && msg.contains("聂长根"), "{msg}");
    // Off the roll call from that day.
    assert!(
        !app.backend
            .roll(now().date, now(), None)
            .expect("the roll")
            .entries
            .iter()
            .any(|e| e.elder.id == id),
        "off the roll"
    );
    // A second `x` says so on the card, without a form.
    press(&mut app, "x");
    assert_eq!(card(&app).resident().map(|r| r.id), Some(id));
    let (msg, is_error) = app.status.clone().expect("a message");
    assert!(is_error && msg.contains("已于"), "{msg}");
}

#[test]
fn esc_gives_the_card_back_and_a_bad_date_stays_in_the_form() {
    let (mut app, id) = card_app(Lang::En, "聂长根");
    press(&mut app, "x");
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(card(&app).resident().map(|r| r.id), Some(id), "the card");
    press(&mut app, "x");
    // From the note (the first empty field) round to the date.
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(ctrl(KeyCode::Char('u')));
    press(&mut app, "2026.13.40");
    app.handle_key(code(KeyCode::Enter));
    let message = form(&app).message.clone().expect("refused");
    assert!(!message.is_empty());
    assert_eq!(form(&app).fields[0].input.text, "2026.13.40", "kept");
    assert!(resident(&app, id).left.is_none(), "nothing saved");
}

#[test]
fn the_help_lists_the_new_keys_and_the_register_footer_shows_a() {
    let mut app = demo_app(Lang::En);
    press(&mut app, "4");
    let footer = screen(&app, 80, 24);
    assert!(footer.contains("a new household"), "{footer}");
    press(&mut app, "?");
    let help = screen(&app, 100, 200);
    for line in [
        "a         new household",
        "h         edit household",
        "x         leaves",
    ] {
        assert!(help.contains(line), "{line} in {help}");
    }
}

#[test]
fn the_leave_form_over_the_card_shows_its_own_keys_in_the_footer() {
    for (lang, want, not) in [
        (
            Lang::Zh,
            ["Enter 保存", "Esc 取消", "Tab/↑↓ 换栏", "←→ 选择"],
            "e 编辑",
        ),
        (
            Lang::En,
            ["Enter save", "Esc cancel", "Tab/↑↓ next field", "←→ choose"],
            "e edit",
        ),
    ] {
        let (mut app, _) = card_app(lang, "聂长根");
        press(&mut app, "x");
        let shot = screen(&app, 80, 24);
        let footer = shot.lines().nth(22).expect("the footer line");
        for key in want {
            assert!(footer.contains(key), "{key} in {footer:?}");
        }
        assert!(
            !footer.contains(not),
            "the card's keys are not the form's: {footer:?}"
        );
        // The form opens on its first empty field (the note, after the prefilled date and the
        // reason). The keys do what the footer says: Shift-Tab goes back, ←/→ choose the reason.
        assert_eq!(form(&app).focus, 2);
        app.handle_key(code(KeyCode::BackTab));
        app.handle_key(code(KeyCode::Right));
        assert_eq!(form(&app).fields[1].choice, 1);
        app.handle_key(code(KeyCode::Left));
        assert_eq!(form(&app).fields[1].choice, 0);
        app.handle_key(code(KeyCode::BackTab));
        assert_eq!(form(&app).focus, 0);
        app.handle_key(code(KeyCode::Tab));
        assert_eq!(form(&app).focus, 1);
    }
}
