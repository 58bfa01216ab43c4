//! Key → action → state, without rendering: the App on the demo community with its clock
//! passed in, every change read back through the store.

mod common;

use common::app::{code, demo_app, elder_id, engine, now, press, selected_elder};
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen::popups::Popup;
use qiaomen::popups::form::{Form, Purpose};
use qiaomen_core::model::{
    Case, CaseKind, CaseStatus, CheckIn, Closure, EventKind, Id, Method, Outcome,
};
use qiaomen_core::rollcall::DayStatus;
use ratatui::crossterm::event::KeyCode;

fn checkins_today(app: &App, elder: Id) -> Vec<CheckIn> {
    engine(app)
        .checkins_of_on(elder, now().date)
        .expect("check-ins read back")
}

fn form(app: &App) -> &Form {
    match &app.popup {
        Some(Popup::Form(f)) => f,
        _ => panic!("a form is open"),
    }
}

fn case(app: &App, id: Id) -> Case {
    engine(app).require::<Case>(id).expect("the case")
}

#[test]
fn o_records_a_check_in_and_moves_to_the_next_elder_not_reached() {
    let mut app = demo_app(Lang::Zh);
    assert_eq!(app.pane, Pane::RollCall);
    let first = selected_elder(&app);
    assert_eq!(app.roll_call.cursor.selected, 0);
    assert!(checkins_today(&app, first).is_empty());
    let second = app.roll_call.roll.entries[1].elder.id;

    press(&mut app, "o");
    let saved = checkins_today(&app, first);
    assert_eq!(saved.len(), 1);
    let c = &saved[0];
    assert_eq!(
        (c.outcome, c.method, c.by.as_str()),
        (Outcome::Ok, Method::Phone, common::OPERATOR)
    );
    assert_eq!(c.time, now().time);
    // The list sorts again, as after a note: the elder reached goes below those still to
    // reach; the cursor follows the next elder not yet reached (the one below it before).
    let entries = &app.roll_call.roll.entries;
    let at = entries
        .iter()
        .position(|e| e.elder.id == first)
        .expect("still listed");
    assert_eq!(entries[at].status, DayStatus::Reached(Outcome::Ok));
    assert!(
        entries[at..]
            .iter()
            .all(|e| e.attention.is_some() || e.status != DayStatus::NotReached),
        "no elder still to reach sorts after one reached"
    );
    let next = app.roll_call.selected().expect("a next elder");
    assert_eq!(next.elder.id, second);
    assert_eq!(next.status, DayStatus::NotReached);
    let (msg, is_error) = app.status.clone().expect("a status message");
    assert!(!is_error);
    assert!(msg.contains(&entries[at].elder.name), "{msg}");

    // Marking skips the elders already reached: from the last unreached, it wraps round.
    let reached_before = app.roll_call.roll.counts().reached;
    for _ in 0..30 {
        press(&mut app, "o");
    }
    let counts = app.roll_call.roll.counts();
    assert_eq!(counts.reached, counts.total, "every elder reached");
    assert!(counts.reached > reached_before);
}

#[test]
fn n_then_z_undoes_the_mark() {
    let mut app = demo_app(Lang::En);
    press(&mut app, "j");
    let elder = selected_elder(&app);
    press(&mut app, "n");
    let saved = checkins_today(&app, elder);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].outcome, Outcome::NoAnswer);
    assert_ne!(selected_elder(&app), elder, "the cursor moved on");

    press(&mut app, "z");
    assert!(
        checkins_today(&app, elder).is_empty(),
        "undone in the store"
    );
    assert_eq!(selected_elder(&app), elder, "back on the elder");
    assert_eq!(app.status.as_ref().map(|s| s.1), Some(false));

    // Nothing left to undo: said, as an error, and nothing else is removed.
    let other = elder_id(&app, "王秀英");
    let before = checkins_today(&app, other).len();
    press(&mut app, "z");
    assert_eq!(app.status.as_ref().map(|s| s.1), Some(true));
    assert_eq!(checkins_today(&app, other).len(), before);
}

#[test]
fn m_cycles_the_method_and_the_next_mark_records_it() {
    let mut app = demo_app(Lang::Zh);
    assert_eq!(app.roll_call.method, Method::Phone);
    press(&mut app, "m");
    assert_eq!(app.roll_call.method, Method::ALL[1]);
    assert_ne!(app.roll_call.method, Method::Phone);
    let elder = selected_elder(&app);
    press(&mut app, "u");
    let saved = checkins_today(&app, elder);
    assert_eq!(
        (saved[0].outcome, saved[0].method),
        (Outcome::Unwell, Method::ALL[1])
    );
    // The method stays until changed, and cycles through all of them but a contact (a ladder
    // step, `e`, which names the contact).
    assert_eq!(app.roll_call.method, Method::ALL[1]);
    for _ in 1..Method::ALL.len() - 1 {
        press(&mut app, "m");
    }
    assert_eq!(app.roll_call.method, Method::Phone);

    // `v` is ok by a home visit whatever the method.
    let elder = selected_elder(&app);
    press(&mut app, "v");
    let saved = checkins_today(&app, elder);
    assert_eq!(
        (saved[0].outcome, saved[0].method),
        (Outcome::Ok, Method::Visit)
    );
    assert_eq!(app.roll_call.method, Method::Phone);
}

#[test]
fn brackets_and_t_move_the_day() {
    let mut app = demo_app(Lang::Zh);
    let today = now().date;
    assert_eq!(app.roll_call.date, today);
    press(&mut app, "[");
    assert_eq!(app.roll_call.date, today.add_days(-1));
    assert_eq!(app.roll_call.roll.date, today.add_days(-1));
    // `]` goes back to today and no further: a future day has nobody to mark.
    press(&mut app, "]]");
    assert_eq!(app.roll_call.roll.date, today);
    app.handle_key(code(KeyCode::Left));
    assert_eq!(app.roll_call.date, today.add_days(-1));
    press(&mut app, "]");
    press(&mut app, "[[[");
    press(&mut app, "t");
    assert_eq!(app.roll_call.roll.date, today);

    // A mark on another day is recorded on that day.
    press(&mut app, "[");
    let elder = selected_elder(&app);
    let yesterday = today.add_days(-1);
    let before = engine(&app)
        .checkins_of_on(elder, yesterday)
        .expect("read")
        .len();
    // It asks for the time first (tests/tui_dates.rs); Enter takes the prefilled one.
    press(&mut app, "o");
    app.handle_key(code(KeyCode::Enter));
    let after = engine(&app).checkins_of_on(elder, yesterday).expect("read");
    assert_eq!(after.len(), before + 1);
    assert_eq!(after.last().map(|c| c.date), Some(yesterday));

    // The day keys belong to the roll call: on the cases pane they do nothing.
    press(&mut app, "t3[");
    assert_eq!(app.roll_call.date, today);
}

#[test]
fn g_cycles_the_grid_filter() {
    let mut app = demo_app(Lang::Zh);
    assert_eq!(app.grid_filter, None);
    assert_eq!(app.roll_call.roll.entries.len(), 18);
    let grids: Vec<Id> = app.grids.iter().map(|g| g.id).collect();
    assert_eq!(grids.len(), 6);
    let mut seen = 0;
    for &g in &grids {
        press(&mut app, "g");
        assert_eq!(app.grid_filter, Some(g));
        let entries = &app.roll_call.roll.entries;
        assert!(!entries.is_empty());
        assert!(entries.iter().all(|e| e.elder.grid == g));
        assert!(app.cases.cases.iter().all(|c| c.grid == g));
        seen += entries.len();
    }
    assert_eq!(seen, 18, "every elder is in one grid");
    press(&mut app, "g");
    assert_eq!(app.grid_filter, None);
    assert_eq!(app.roll_call.roll.entries.len(), 18);
}

#[test]
fn h_offers_a_follow_up_case_and_y_opens_it_prefilled() {
    let mut app = demo_app(Lang::Zh);
    let elder = selected_elder(&app);
    let name = app
        .roll_call
        .selected()
        .expect("selected")
        .elder
        .name
        .clone();
    let cases_before = engine(&app).count::<Case>().unwrap();

    press(&mut app, "h");
    assert_eq!(checkins_today(&app, elder)[0].outcome, Outcome::NeedsHelp);
    assert!(matches!(app.popup, Some(Popup::Confirm(_))));
    press(&mut app, "y");
    assert_eq!(app.pane, Pane::Cases);
    let f = form(&app);
    match &f.purpose {
        Purpose::NewCase { residents } => assert_eq!(residents, &vec![elder]),
        _ => panic!("a new-case form"),
    }
    let typed: Vec<&str> = f.fields.iter().map(|x| x.input.text.as_str()).collect();
    assert!(typed.iter().any(|t| t.contains(&name)), "{typed:?}");

    // Enter saves it: an assistance case for the elder.
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "saved");
    assert_eq!(engine(&app).count::<Case>().unwrap(), cases_before + 1);
    let new = engine(&app)
        .all::<Case>()
        .expect("cases")
        .into_iter()
        .max_by_key(|c| c.id)
        .expect("a case");
    assert_eq!(new.kind, CaseKind::Assistance);
    assert_eq!(new.residents, vec![elder]);
    assert_eq!(app.cases.selected().map(|c| c.id), Some(new.id));

    // `n` declines: no form.
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "hn");
    assert!(app.popup.is_none());
    assert_eq!(app.pane, Pane::RollCall);
}

#[test]
fn esc_closes_popups_and_q_quits() {
    let mut app = demo_app(Lang::En);
    press(&mut app, "?");
    assert!(matches!(app.popup, Some(Popup::Help(_))));
    app.handle_key(code(KeyCode::Esc));
    assert!(app.popup.is_none());

    press(&mut app, "/wang");
    assert!(matches!(app.popup, Some(Popup::Search(_))));
    // Typed into the search, not taken as keys: nothing was marked, nothing quit.
    assert!(!app.quit);
    app.handle_key(code(KeyCode::Esc));
    assert!(app.popup.is_none());

    let elder = selected_elder(&app);
    press(&mut app, "a");
    assert!(
        matches!(app.popup, Some(Popup::Form(_))),
        "away asks until when"
    );
    app.handle_key(code(KeyCode::Esc));
    assert!(app.popup.is_none());
    assert!(
        checkins_today(&app, elder).is_empty(),
        "cancelled, not saved"
    );

    press(&mut app, "/q");
    assert!(!app.quit, "q in a popup is text");
    app.handle_key(code(KeyCode::Esc));
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn search_jumps_to_the_elder_on_the_roll_call() {
    let mut app = demo_app(Lang::Zh);
    // From another pane and another grid's filter.
    press(&mut app, "3gg");
    assert!(app.grid_filter.is_some());
    press(&mut app, "/wxy");
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("the search is open");
    };
    assert_eq!(s.input.text, "wxy");
    assert_eq!(s.results.first().map(|h| h.title.as_str()), Some("王秀英"));
    app.handle_key(code(KeyCode::Enter));
    // The elder's card opens over the roll call; Esc goes back to the search, then to it.
    assert!(
        matches!(&app.popup, Some(Popup::Card(c)) if c.resident().is_some_and(|r| r.name == "王秀英"))
    );
    app.handle_key(code(KeyCode::Esc));
    assert!(matches!(app.popup, Some(Popup::Search(_))));
    app.handle_key(code(KeyCode::Esc));
    assert!(app.popup.is_none());
    assert_eq!(app.pane, Pane::RollCall);
    assert_eq!(selected_elder(&app), elder_id(&app, "王秀英"));
    assert!(
        app.roll_call
            .roll
            .entries
            .iter()
            .any(|e| e.elder.name == "王秀英")
    );
}

#[test]
fn the_status_form_refuses_to_close_a_petition_without_a_closure() {
    let mut app = demo_app(Lang::En);
    press(&mut app, "3");
    let petition = app
        .cases
        .cases
        .iter()
        .find(|c| c.kind == CaseKind::Petition && c.status == CaseStatus::Open)
        .expect("an open petition in the demo")
        .id;
    for _ in 0..app.cases.visible.len() {
        if app.cases.selected().map(|c| c.id) == Some(petition) {
            break;
        }
        press(&mut app, "j");
    }
    assert_eq!(app.cases.selected().map(|c| c.id), Some(petition));

    // open → resolved: the second choice, with a reason. Focus starts in the reason, the
    // first empty field.
    press(&mut app, "c");
    assert_eq!(form(&app).focus, 1);
    app.handle_key(code(KeyCode::Up));
    app.handle_key(code(KeyCode::Right));
    app.handle_key(code(KeyCode::Tab));
    press(&mut app, "补偿到位");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "saved: {:?}", app.status);
    assert_eq!(case(&app, petition).status, CaseStatus::Resolved);

    // resolved → closed without a closure: refused, the form stays with what was typed.
    press(&mut app, "c");
    assert_eq!(form(&app).fields[0].choices[0].0, "closed");
    press(&mut app, "结案");
    app.handle_key(code(KeyCode::Enter));
    let f = form(&app);
    let msg = f.message.as_deref().expect("the reason of the refusal");
    assert!(
        msg.contains("withdrawn") && msg.contains("settled"),
        "{msg}"
    );
    assert_eq!(f.fields[1].input.text, "结案");
    assert_eq!(case(&app, petition).status, CaseStatus::Resolved);

    // With a closure it closes.
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(code(KeyCode::Right));
    app.handle_key(code(KeyCode::Right));
    assert_eq!(
        form(&app).fields[2].choices[form(&app).fields[2].choice].0,
        "settled"
    );
    // Settled needs the petitioner's statement first (issue 16): refused in one sentence;
    // withdrawn (息诉罢访) needs none.
    app.handle_key(code(KeyCode::Enter));
    let msg = form(&app)
        .message
        .clone()
        .expect("the reason of the refusal");
    assert!(msg.contains("petitioner's statement"), "{msg}");
    assert_eq!(case(&app, petition).status, CaseStatus::Resolved);
    app.handle_key(code(KeyCode::Left));
    assert_eq!(
        form(&app).fields[2].choices[form(&app).fields[2].choice].0,
        "withdrawn"
    );
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "saved: {:?}", app.status);
    let c = case(&app, petition);
    assert_eq!(c.status, CaseStatus::Closed);
    match &c.events.last().expect("an event").kind {
        EventKind::Status { to, closure, .. } => {
            assert_eq!(
                (*to, *closure),
                (CaseStatus::Closed, Some(Closure::Withdrawn))
            );
        }
        other => panic!("the last event is the closing: {other:?}"),
    }
}

#[test]
fn l_shows_who_changed_an_elder_and_when_and_a_mark_stays_in_place_after_its_push() {
    let mut app = demo_app(Lang::En);
    let first = selected_elder(&app);
    press(&mut app, "o");
    let at = |app: &App| {
        app.roll_call
            .roll
            .entries
            .iter()
            .position(|e| e.elder.id == first)
    };
    let before = at(&app);
    // The app's own change comes back on its subscription: the row is read again where it
    // stands (the mark sorted it already), not sorted away under the cursor.
    assert!(app.take_changes());
    assert_eq!(at(&app), before);
    app.roll_call.select_elder(Some(first));
    assert_eq!(selected_elder(&app), first);
    press(&mut app, "l");
    let Some(Popup::History(h)) = &app.popup else {
        panic!("the history is open");
    };
    assert_eq!(h.entries.len(), 1, "{:?}", h.entries);
    let e = &h.entries[0];
    assert_eq!(e.operator, common::OPERATOR);
    assert!(
        e.what.starts_with("checkin ") && e.what.ends_with(" ok"),
        "{}",
        e.what
    );
    press(&mut app, "l");
    assert!(app.popup.is_none(), "l closes it again");
}

// Keys as effects (issue 15 point 6): a pane's update returns what it asks for, nothing is
// saved or opened until the App carries it out.

use qiaomen::action::Action;
use qiaomen::effect::{Effect, Record, RollNote};
use qiaomen_core::Command;

#[test]
fn o_returns_the_check_in_to_apply_and_nothing_is_saved_before_it_is_carried_out() {
    let mut app = demo_app(Lang::Zh);
    let first = selected_elder(&app);
    let effects = app.effects_of(Action::Mark(Outcome::Ok));
    assert_eq!(effects.len(), 1);
    let Effect::Apply(Command::LadderStep { checkin, .. }, _) = &effects[0] else {
        panic!("a check-in to apply");
    };
    assert_eq!(
        (checkin.elder, checkin.outcome, checkin.method, checkin.date),
        (first, Outcome::Ok, Method::Phone, now().date)
    );
    assert!(checkins_today(&app, first).is_empty(), "not saved yet");
    app.carry_out(effects);
    assert_eq!(checkins_today(&app, first).len(), 1);
    assert_eq!(app.roll_call.undo.len(), 1, "remembered for z");
    assert!(app.status.as_ref().is_some_and(|(_, error)| !error));
}

#[test]
fn a_returns_the_away_form_and_z_with_nothing_to_undo_returns_one_error() {
    let mut app = demo_app(Lang::En);
    let effects = app.effects_of(Action::Mark(Outcome::Away));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Open(Popup::Form(Form {
            purpose: Purpose::Away(_),
            ..
        }))]
    ));
    let effects = app.effects_of(Action::Undo);
    assert!(matches!(effects.as_slice(), [Effect::Error(_)]));
    assert!(app.popup.is_none(), "effects_of opens nothing");
}

#[test]
fn n_on_cases_returns_the_new_case_form() {
    let mut app = demo_app(Lang::Zh);
    app.handle_key(common::app::key('3'));
    assert_eq!(app.pane, Pane::Cases);
    let effects = app.effects_of(Action::NewCase);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Open(Popup::Form(Form {
            purpose: Purpose::NewCase { .. },
            ..
        }))]
    ));
}

#[test]
fn enter_on_the_summary_returns_a_focus_on_the_elder_on_its_day() {
    let mut app = demo_app(Lang::Zh);
    app.handle_key(common::app::key('5'));
    assert_eq!(app.pane, Pane::Summary);
    let effects = app.effects_of(Action::JumpToElder);
    let [Effect::Focus(Record::Elder { id, day })] = effects.as_slice() else {
        panic!("a focus on an elder");
    };
    assert_eq!(*day, Some(now().date));
    let id = *id;
    app.carry_out(effects);
    assert_eq!(app.pane, Pane::RollCall);
    assert_eq!(selected_elder(&app), id);
}

#[test]
fn the_follow_up_offer_returns_a_note_to_the_roll_call_which_opens_the_case_form() {
    let mut app = demo_app(Lang::Zh);
    let elder = selected_elder(&app);
    let offer = qiaomen::popups::confirm::Confirm::follow_up_case(Lang::Zh, elder, "某某");
    let effects = qiaomen::popups::confirm::accept(offer);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Roll(RollNote::FollowUpCase { elder: e, .. })] if *e == elder
    ));
    app.carry_out(effects);
    assert_eq!(app.pane, Pane::Cases);
    assert!(matches!(
        &app.popup,
        Some(Popup::Form(Form { purpose: Purpose::NewCase { residents }, .. })) if residents == &vec![elder]
    ));
}
