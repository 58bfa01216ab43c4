//! Partners' activities in the register pane (issue 16 point 3), key by key without a
//! terminal: the activities view in the `v` cycle, the partner detail with its agreement duties
//! (overdue ones marked), activities and goods, and `o` recording an activity of the partner
//! in view. Drawn at 80×24 in both languages; names are never cut.

mod common;

use common::app::{code, demo_app, engine, key, press};
use common::card::screen;
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen::panes::register::View;
use qiaomen::popups::Popup;
use qiaomen_core::model::{Activity, ActivityKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn register(lang: Lang) -> App {
    let mut app = demo_app(lang);
    press(&mut app, "4");
    assert_eq!(app.pane, Pane::Register);
    app
}

fn activities_view(lang: Lang) -> App {
    let mut app = register(lang);
    // Households → partners → fund → visits due → teams → services → care due → activities.
    press(&mut app, "vvvvvvv");
    assert_eq!(app.register.view, View::Activities);
    app
}

/// Selects the partner called `name` in the partners view.
fn partners_view_on(lang: Lang, name: &str) -> App {
    let mut app = register(lang);
    press(&mut app, "v");
    assert_eq!(app.register.view, View::Partners);
    let i = app
        .register
        .partners
        .iter()
        .position(|p| p.name == name)
        .expect("the partner");
    app.handle_key(code(KeyCode::Home));
    for _ in 0..i {
        press(&mut app, "j");
    }
    assert_eq!(app.register.selected_partner().unwrap().name, name);
    app
}

/// Which cells of the screen are drawn in the alert style (red), as text.
fn alert_text(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let frame = terminal.draw(|f| app.render(f)).expect("a frame");
    let buf = frame.buffer;
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.style().fg == qiaomen::theme::ALERT.fg {
                out.push_str(cell.symbol());
            }
        }
    }
    out
}

#[test]
fn the_activities_view_lists_every_activity_newest_first_in_both_languages() {
    for (lang, tab, kind, total) in [
        (Lang::Zh, "共建活动", "健康体检", "7 场 · 130 人次"),
        (Lang::En, "Activities", "health check", "7 · 130 people"),
    ] {
        let app = activities_view(lang);
        assert_eq!(app.register.activities.len(), 7);
        assert_eq!(app.register.activities[0].date.to_string(), "2026-11-27");
        let s = screen(&app, 80, 24);
        assert!(s.contains(tab), "{s}");
        assert!(s.contains(total), "{s}");
        assert!(s.contains(kind), "{s}");
        // Whole names, in the list and in the detail of the newest.
        for name in ["星禾电器维修部", "芙岭银行桂花岭支行", "麦穗培训学校"] {
            assert!(s.contains(name), "{name} cut or missing: {s}");
        }
        assert!(s.contains("为3户独居老人检修电路"), "{s}");
        for line in s.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 80);
        }
    }
    // Enter fills the pane with the detail; the grid is named.
    let mut app = activities_view(Lang::Zh);
    press(&mut app, "j");
    press(&mut app, "j");
    let a = app.register.selected_activity().unwrap().clone();
    assert_eq!(a.kind, ActivityKind::Class);
    app.handle_key(code(KeyCode::Enter));
    let s = screen(&app, 80, 24);
    assert!(s.contains("麦穗培训学校") && s.contains("G5"), "{s}");
    assert!(s.contains("四点半课堂期中复习"), "{s}");
}

#[test]
fn the_partner_detail_shows_its_duties_with_the_overdue_one_marked_and_its_activities() {
    for (lang, duties, overdue, head) in [
        (Lang::Zh, "协议责任", "逾期（应于 2026-11-20）", "共建活动"),
        (
            Lang::En,
            "Agreement duties",
            "overdue (due 2026-11-20)",
            "Activities",
        ),
    ] {
        let mut app = partners_view_on(lang, "岭东医院");
        app.handle_key(code(KeyCode::Enter));
        let s = screen(&app, 80, 24);
        assert!(s.contains(duties), "{s}");
        assert!(s.contains(overdue), "{s}");
        assert!(s.contains(head), "{s}");
        assert!(s.contains("整理独居老人健康档案交医院"), "{s}");
        let red = alert_text(&app);
        assert!(
            red.contains("整理独居老人健康档案交医院"),
            "overdue in red: {red}"
        );
        assert!(!red.contains("每月一次社区义诊"), "not overdue: {red}");
    }
    // Goods show under the partner who gave them.
    let mut app = partners_view_on(Lang::Zh, "知行书店");
    app.handle_key(code(KeyCode::Enter));
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("物资") && s.contains("图书 60册，价值 1,800.00 元"),
        "{s}"
    );
}

#[test]
fn o_records_an_activity_of_the_partner_in_view() {
    let mut app = partners_view_on(Lang::Zh, "芙岭银行桂花岭支行");
    let partner = app.register.selected_partner().unwrap().id;
    press(&mut app, "o");
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("the activity form opens");
    };
    assert_eq!(form.values()[0], partner.to_string(), "the partner in view");
    assert_eq!(form.values()[2], "2026-11-30");
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("记录共建活动") && s.contains("芙岭银行桂花岭支行"),
        "{s}"
    );
    // People reached has the focus; the note follows.
    for c in "36".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(code(KeyCode::Tab));
    for c in "反诈宣传".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "{:?}", app.status);
    let saved: Vec<Activity> = engine(&app)
        .all::<Activity>()
        .unwrap()
        .into_iter()
        .filter(|a| a.note == "反诈宣传")
        .collect();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].partner, saved[0].kind, saved[0].people),
        (partner, ActivityKind::Lecture, 36)
    );
    assert_eq!(app.register.view, View::Activities);
    assert_eq!(app.register.selected_activity().unwrap().id, saved[0].id);
    let (text, is_error) = app.status.clone().expect("a message");
    assert!(
        !is_error && text.contains("芙岭银行桂花岭支行 讲座"),
        "{text}"
    );

    // A day not come is refused inside the form, in the user's language.
    press(&mut app, "o");
    app.handle_key(code(KeyCode::BackTab));
    for _ in 0..10 {
        app.handle_key(code(KeyCode::Backspace));
    }
    for c in "12-05".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(code(KeyCode::Enter));
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("the form stays open");
    };
    let message = form.message.clone().unwrap_or_default();
    assert!(message.contains("还没到"), "{message}");
}
