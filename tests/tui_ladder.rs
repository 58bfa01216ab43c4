//! The roll call's ladder key on the demo, with the clock passed in: `e` opens the step's
//! choice, the outcome is saved as a ladder step and the next step shows at once; the knock
//! with no answer opens the case (once, however often it is pressed); `z` takes a step back.

mod common;

use common::app::{code, demo_app, elder_id, engine, now, press};
use common::card::screen;
use qiaomen::app::App;
use qiaomen::i18n::Lang;
use qiaomen::popups::Popup;
use qiaomen_core::ladder::Step;
use qiaomen_core::model::{Case, CaseKind, CaseStatus, CheckIn, Id, Method, Outcome};
use ratatui::crossterm::event::KeyCode;

fn select(app: &mut App, elder: Id) {
    app.roll_call.select_elder(Some(elder));
    assert_eq!(
        app.roll_call.selected().map(|e| e.elder.id),
        Some(elder),
        "the elder is on the roll"
    );
}

fn step(app: &App, elder: Id) -> Option<Step> {
    app.roll_call
        .roll
        .entries
        .iter()
        .find(|e| e.elder.id == elder)
        .and_then(|e| e.ladder.as_ref())
        .map(|p| p.step.clone())
}

fn today(app: &App, elder: Id) -> Vec<CheckIn> {
    engine(app).checkins_of_on(elder, now().date).expect("read")
}

fn ladder_cases(app: &App, elder: Id) -> Vec<Case> {
    engine(app)
        .all::<Case>()
        .expect("cases")
        .into_iter()
        .filter(|c| c.residents == [elder] && c.opened == now().date)
        .collect()
}

/// `e`, then the choice `right` steps to the right of the first, then Enter.
fn record(app: &mut App, elder: Id, right: usize) {
    select(app, elder);
    press(app, "e");
    assert!(
        matches!(app.popup, Some(Popup::Form(_))),
        "e opens the choice"
    );
    for _ in 0..right {
        app.handle_key(code(KeyCode::Right));
    }
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "the step is saved");
}

#[test]
fn e_climbs_the_ladder_to_exactly_one_case_and_z_takes_it_back() {
    let mut app = demo_app(Lang::Zh);
    let elder = elder_id(&app, "钱福生");
    // The calls first: no-answers with `n` until the contacts are due.
    while matches!(step(&app, elder), None | Some(Step::Call { .. })) {
        select(&mut app, elder);
        press(&mut app, "n");
    }
    assert!(matches!(
        step(&app, elder),
        Some(Step::Contact { index: 1, .. })
    ));
    select(&mut app, elder);
    let screen_zh = screen(&app, 80, 24);
    assert!(
        screen_zh.contains("联系人1"),
        "the list shows the step:\n{screen_zh}"
    );
    assert!(
        screen_zh.contains("阶梯 联系人 1"),
        "the detail too:\n{screen_zh}"
    );
    assert!(
        screen_zh.contains("e 阶梯"),
        "and the footer its key:\n{screen_zh}"
    );

    // Contact 1 not reached (the second choice): contact 2 shows at once.
    record(&mut app, elder, 1);
    let last = today(&app, elder).pop().expect("saved");
    assert_eq!(
        (last.method, last.outcome, last.contact),
        (Method::Contact, Outcome::NoAnswer, Some(1))
    );
    assert!(matches!(
        step(&app, elder),
        Some(Step::Contact { index: 2, .. })
    ));
    record(&mut app, elder, 1);
    assert_eq!(step(&app, elder), Some(Step::Knock));
    assert!(ladder_cases(&app, elder).is_empty());

    // The knock: visited, no answer (the second of the visit's two) opens the case.
    record(&mut app, elder, 1);
    let cases = ladder_cases(&app, elder);
    assert_eq!(cases.len(), 1, "one case");
    let case = &cases[0];
    assert_eq!(
        (case.kind, case.status),
        (CaseKind::Assistance, CaseStatus::Open)
    );
    assert!(case.title.contains("钱福生"), "{}", case.title);
    assert_eq!(
        step(&app, elder),
        Some(Step::Case {
            case: Some(case.id)
        })
    );
    select(&mut app, elder);
    assert!(screen(&app, 80, 24).contains(&format!("#{}", case.id)));

    // Pressed again: a step more, no second case.
    record(&mut app, elder, 1);
    assert_eq!(ladder_cases(&app, elder).len(), 1);

    // `z` twice: the repeat, then the step that opened the case, which closes with it.
    press(&mut app, "z");
    assert_eq!(ladder_cases(&app, elder)[0].status, CaseStatus::Open);
    press(&mut app, "z");
    assert_eq!(ladder_cases(&app, elder)[0].status, CaseStatus::Closed);
    assert_eq!(step(&app, elder), Some(Step::Knock));

    // Visited and fine: off the ladder.
    record(&mut app, elder, 0);
    assert_eq!(step(&app, elder), None);
}

#[test]
fn e_on_an_elder_off_the_ladder_says_so_in_english() {
    let mut app = demo_app(Lang::En);
    let elder = elder_id(&app, "王秀英");
    select(&mut app, elder);
    press(&mut app, "e");
    assert!(app.popup.is_none());
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("is not on the ladder"), "{shown}");
}

#[test]
fn a_failed_knock_marked_with_the_mark_keys_opens_the_case_as_e_would() {
    let mut app = demo_app(Lang::Zh);
    let elder = elder_id(&app, "钱福生");
    while matches!(step(&app, elder), None | Some(Step::Call { .. })) {
        select(&mut app, elder);
        press(&mut app, "n");
    }
    record(&mut app, elder, 1);
    record(&mut app, elder, 1);
    assert_eq!(step(&app, elder), Some(Step::Knock));
    // The method cycled to a home visit, then `n`: the knock found nobody.
    press(&mut app, "m");
    assert_eq!(app.roll_call.method, Method::Visit);
    select(&mut app, elder);
    press(&mut app, "n");
    let cases = ladder_cases(&app, elder);
    assert_eq!(cases.len(), 1, "the case is opened with the mark");
    assert_eq!(
        step(&app, elder),
        Some(Step::Case {
            case: Some(cases[0].id)
        })
    );
    // The cases pane knows it without a restart; `z` closes it again.
    assert!(
        app.cases.cases.iter().any(|c| c.id == cases[0].id),
        "the cases pane has the new case"
    );
    press(&mut app, "z");
    assert_eq!(ladder_cases(&app, elder)[0].status, CaseStatus::Closed);
}

#[test]
fn the_summary_pane_shows_each_elders_ladder_step_and_the_visits_due() {
    for (lang, want_step, visits) in [
        (Lang::Zh, "钱福生 G3 · 联系人1", "应走访"),
        (Lang::En, "钱福生 G3 · contact 1", "visits due"),
    ] {
        let mut app = demo_app(lang);
        let elder = elder_id(&app, "钱福生");
        while matches!(step(&app, elder), None | Some(Step::Call { .. })) {
            select(&mut app, elder);
            press(&mut app, "n");
        }
        press(&mut app, "5");
        let shown = screen(&app, 80, 24);
        assert!(shown.contains(want_step), "{shown}");
        assert!(shown.contains(visits), "{shown}");
    }
}
