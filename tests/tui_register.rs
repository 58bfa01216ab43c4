//! The register pane (4) key by key, without a terminal: the App on the demo community with its
//! clock passed in; every change is read back through the store, and each view is drawn at
//! 80×24 in both languages.

mod common;

use common::app::{code, demo_app, engine, press};
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen::panes::register::View;
use qiaomen::popups::Popup;
use qiaomen::popups::form::{Form, Purpose};
use qiaomen::popups::register_forms::RegisterPurpose;
use qiaomen_core::Command;
use qiaomen_core::model::{
    FileStatus, FundEntry, Household, Id, Pledge, PledgeWhat, Resident, Visit,
};
use qiaomen_core::register::{Notice, balance, format_yuan};
use qiaomen_core::search::HitKind;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr;

fn register(lang: Lang) -> App {
    let mut app = demo_app(lang);
    press(&mut app, "4");
    assert_eq!(app.pane, Pane::Register);
    app
}

fn form(app: &App) -> &Form {
    match &app.popup {
        Some(Popup::Form(f)) => f,
        _ => panic!("a form is open"),
    }
}

fn household(app: &App, id: Id) -> Household {
    engine(app).require::<Household>(id).expect("the household")
}

/// Moves the cursor down to the first household whose file is at `status`.
fn select_first(app: &mut App, status: FileStatus) -> Id {
    app.handle_key(code(KeyCode::Home));
    for _ in 0..app.register.visible.len() {
        let row = app.register.selected().expect("a household is selected");
        if row.household.file_status() == Some(status) {
            return row.household.id;
        }
        press(app, "j");
    }
    panic!("no household is {status}");
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(common::app::key(c));
    }
}

/// The screen at 80×24 as a terminal shows it: the cell behind a wide character is skipped.
fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let frame = terminal.draw(|f| app.render(f)).expect("a frame");
    let buf = frame.buffer;
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut hidden = 0;
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            if hidden == 0 {
                out.push_str(symbol);
            }
            hidden = hidden.max(symbol.width()).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

#[test]
fn v_cycles_the_five_views_and_each_draws_at_80_by_24() {
    for (lang, tab, views) in [
        (Lang::Zh, "4 台账", ["困难户", "共建单位", "帮扶基金"]),
        (Lang::En, "4 Register", ["Households", "Partners", "Fund"]),
    ] {
        let mut app = register(lang);
        assert_eq!(app.register.view, View::Households);
        let s = screen(&app);
        assert!(s.contains(tab), "{s}");
        assert!(views.iter().all(|v| s.contains(v)), "{s}");
        press(&mut app, "v");
        assert_eq!(app.register.view, View::Partners);
        assert!(screen(&app).contains("#1"), "the partners list is drawn");
        press(&mut app, "v");
        assert_eq!(app.register.view, View::Fund);
        let s = screen(&app);
        assert!(
            s.contains("21,200.00"),
            "the fund view shows the balance: {s}"
        );
        press(&mut app, "v");
        assert_eq!(app.register.view, View::VisitsDue);
        // Issue 16's teams, services, care due (tests/tui_care.rs) and activities come next,
        // then meetings and visits (tests/tui_hidden_facts.rs).
        for view in [
            View::Teams,
            View::Services,
            View::CareDue,
            View::Activities,
            View::Meetings,
            View::Visits,
            View::Households,
        ] {
            press(&mut app, "v");
            assert_eq!(app.register.view, view);
        }
    }
}

#[test]
fn s_on_a_reviewed_household_publishes_its_notice() {
    let mut app = register(Lang::Zh);
    let id = select_first(&mut app, FileStatus::Reviewed);
    press(&mut app, "s");
    assert!(matches!(
        &form(&app).purpose,
        Purpose::Register(RegisterPurpose::Notice(ids)) if ids == &vec![id]
    ));
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "published");
    assert_eq!(household(&app, id).file_status(), Some(FileStatus::Noticed));
    let notices = engine(&app).all::<Notice>().expect("notices");
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].households, vec![id]);
    // The detail shows the notice; expanded, its text exactly as published.
    assert_eq!(app.register.selected().unwrap().household.id, id);
    app.handle_key(code(KeyCode::Enter));
    assert!(app.register.expanded);
    let s = screen(&app);
    assert!(s.contains("帮扶对象公示"), "{s}");
}

#[test]
fn a_refused_step_stays_in_the_form_with_the_reason() {
    let mut app = register(Lang::En);
    let id = select_first(&mut app, FileStatus::Reviewed);
    press(&mut app, "s");
    app.handle_key(code(KeyCode::Enter));
    let before = household(&app, id);
    assert_eq!(before.file_status(), Some(FileStatus::Noticed));
    press(&mut app, "s");
    assert!(matches!(
        form(&app).purpose,
        Purpose::Register(RegisterPurpose::Step {
            to: FileStatus::Published,
            ..
        })
    ));
    app.handle_key(code(KeyCode::Enter));
    // The notice period has not ended: refused, the form stays open and says why.
    let f = form(&app);
    let message = f.message.as_deref().expect("a reason");
    assert!(message.contains("published"), "{message}");
    assert_eq!(household(&app, id), before);
    app.handle_key(code(KeyCode::Esc));
    assert!(app.popup.is_none());
}

#[test]
fn c_claims_a_published_household_with_an_item() {
    let mut app = register(Lang::Zh);
    let id = select_first(&mut app, FileStatus::Published);
    press(&mut app, "c");
    assert!(matches!(
        form(&app).purpose,
        Purpose::Register(RegisterPurpose::Claim(h)) if h == id
    ));
    // Partner (the first), kind (an item), then the item itself: focus starts there, in the
    // first empty field.
    assert_eq!(form(&app).focus, 2);
    typed(&mut app, "冬季棉被两床");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "saved: {:?}", app.status);
    let pledges: Vec<Pledge> = engine(&app)
        .all::<Pledge>()
        .unwrap()
        .into_iter()
        .filter(|p| p.household == id)
        .collect();
    assert_eq!(pledges.len(), 1);
    assert_eq!(
        pledges[0].what,
        PledgeWhat::Item {
            description: "冬季棉被两床".into()
        }
    );
    assert_eq!(household(&app, id).file_status(), Some(FileStatus::Claimed));
    assert!(!app.register.selected().unwrap().claimed_by.is_empty());
}

#[test]
fn w_records_a_visit_and_f_a_fund_entry_for_the_household() {
    let mut app = register(Lang::Zh);
    let id = select_first(&mut app, FileStatus::Tracking);
    press(&mut app, "w");
    typed(&mut app, "家中暖气正常");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none());
    let visit = engine(&app)
        .all::<Visit>()
        .unwrap()
        .into_iter()
        .find(|v| v.findings == "家中暖气正常")
        .expect("the visit");
    assert_eq!((visit.household, visit.by.as_str()), (id, common::OPERATOR));

    let before = engine(&app).count::<FundEntry>().unwrap();
    press(&mut app, "f");
    // The amount field has the focus; the household is filled in.
    typed(&mut app, "300");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "{:?}", app.status);
    assert_eq!(engine(&app).count::<FundEntry>().unwrap(), before + 1);
    let newest = app.register.fund.first().expect("entries");
    assert_eq!((newest.amount_fen, newest.household), (30_000, Some(id)));
}

#[test]
fn household_keys_need_the_households_view_and_an_active_pledge() {
    let mut app = register(Lang::En);
    let id = select_first(&mut app, FileStatus::Registered);
    press(&mut app, "d");
    assert!(app.popup.is_none());
    let (text, is_error) = app.status.clone().expect("a message");
    assert!(is_error && text.contains("no active pledge"), "{text}");

    press(&mut app, "v");
    press(&mut app, "w");
    assert!(app.popup.is_none());
    assert!(app.status.clone().unwrap().0.contains("households view"));
    press(&mut app, "vv");
    assert_eq!(app.register.selected().unwrap().household.id, id);
}

#[test]
fn r_reopens_with_a_reason_and_x_filters_by_status() {
    let mut app = register(Lang::Zh);
    let id = select_first(&mut app, FileStatus::Closed);
    press(&mut app, "r");
    // The latest earlier status comes first: tracking. Focus starts in the reason.
    assert_eq!(form(&app).focus, 1);
    typed(&mut app, "家庭又遇困难");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "{:?}", app.status);
    assert_eq!(
        household(&app, id).file_status(),
        Some(FileStatus::Tracking)
    );

    press(&mut app, "x");
    assert_eq!(app.register.filter, Some(FileStatus::Registered));
    assert!(!app.register.visible.is_empty());
    assert!(app.register.visible.iter().all(|&i| {
        app.register.rows[i].household.file_status() == Some(FileStatus::Registered)
    }));
}

#[test]
fn a_partner_found_with_slash_opens_in_the_partners_view() {
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "/");
    typed(&mut app, "桂岭建工");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none());
    assert_eq!(app.pane, Pane::Register);
    assert_eq!(app.register.view, View::Partners);
    let p = app.register.selected_partner().expect("a partner");
    assert_eq!(p.name, "桂岭建工有限公司");
}

#[test]
fn the_register_is_read_when_first_shown_and_again_after_a_change() {
    let mut app = demo_app(Lang::Zh);
    // The app starts on the roll call: nothing of the register is read yet.
    assert!(app.register.rows.is_empty() && app.register.fund.is_empty());
    press(&mut app, "4");
    assert_eq!(
        app.register.rows.len(),
        engine(&app).count::<Household>().unwrap()
    );
    let first = app.register.rows[0].household.clone();
    let head = engine(&app).require::<Resident>(first.members[0]).unwrap();
    assert_eq!(app.register.rows[0].head, head.name);

    // A change saved while another pane is shown is there when the register is shown again.
    press(&mut app, "2");
    let mut edited = first.clone();
    edited.needs = "冬季取暖费用困难".to_owned();
    let actor = app.actor();
    // Saved by someone else: through the backend, which tells the app's subscription.
    app.backend
        .apply(Command::SaveHousehold(edited), &actor)
        .expect("saved");
    assert_ne!(app.register.rows[0].household.needs, "冬季取暖费用困难");
    assert!(app.take_changes(), "the change is pushed to the app");
    press(&mut app, "4");
    assert_eq!(app.register.rows[0].household.needs, "冬季取暖费用困难");

    // The grid filter narrows the households to its grid.
    press(&mut app, "g");
    let grid = app.grid_filter.expect("a grid");
    assert!(!app.register.rows.is_empty());
    assert!(app.register.rows.iter().all(|r| r.household.grid == grid));
}

#[test]
fn a_household_found_with_slash_opens_with_its_file() {
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "/");
    typed(&mut app, "顺和大厦1208");
    let Some(Popup::Search(search)) = &app.popup else {
        panic!("the search is open");
    };
    let at = search
        .results
        .iter()
        .position(|h| h.kind == HitKind::Household && h.id == 2)
        .expect("household #2 is found");
    for _ in 0..at {
        app.handle_key(code(KeyCode::Down));
    }
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none());
    assert_eq!(app.pane, Pane::Register);
    assert_eq!(app.register.view, View::Households);
    assert_eq!(app.register.selected().unwrap().household.id, 2);
    let file = app.register.file.as_ref().expect("the file is read");
    assert_eq!(file.household.id, 2);
    let names: Vec<&str> = file.members.iter().map(|r| r.name.as_str()).collect();
    let expected: Vec<String> = household(&app, 2)
        .members
        .iter()
        .map(|&id| engine(&app).require::<Resident>(id).unwrap().name)
        .collect();
    assert_eq!(names, expected);
}

#[test]
fn a_fund_entry_saved_in_the_fund_view_quotes_the_new_balance() {
    let mut app = register(Lang::Zh);
    press(&mut app, "vv");
    assert_eq!(app.register.view, View::Fund);
    let before = balance(&engine(&app).all::<FundEntry>().unwrap()).unwrap();
    press(&mut app, "f");
    typed(&mut app, "300");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "{:?}", app.status);
    let after = balance(&engine(&app).all::<FundEntry>().unwrap()).unwrap();
    assert_ne!(after, before);
    let (text, is_error) = app.status.clone().expect("a message");
    assert!(!is_error && text.contains(&format_yuan(after)), "{text}");
}

/// The visits-due view (issue 14): `v` reaches it after the fund; it lists the households
/// overdue or due this week by steward; `Enter` opens the household in the households view and
/// `w` on it opens the visit form for it.
#[test]
fn the_visits_due_view_lists_by_steward_and_opens_the_household() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = register(lang);
        for _ in 0..3 {
            press(&mut app, "v");
        }
        assert_eq!(app.register.view, View::VisitsDue);
        assert!(!app.register.visits_due.is_empty());
        let text = screen(&app);
        let (title, steward) = match lang {
            Lang::Zh => ("待走访", "网格管家"),
            Lang::En => ("Visits due", "Steward"),
        };
        assert!(text.contains(title) && text.contains(steward), "{text}");
        press(&mut app, "j");
        let id = app.register.selected_due().unwrap().row.item.household;
        press(&mut app, "w");
        match &app.popup {
            Some(Popup::Form(_)) => {}
            _ => panic!("w opens the visit form"),
        }
        app.handle_key(code(KeyCode::Esc));
        app.handle_key(code(KeyCode::Enter));
        assert_eq!(app.register.view, View::Households);
        assert_eq!(app.register.selected().unwrap().household.id, id);
    }
}
