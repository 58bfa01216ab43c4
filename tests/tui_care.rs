//! The register pane's care views (issue 16) key by key on the demo community, drawn at 80×24
//! in both languages: teams, services, who in care is due this week, `b` recording a service
//! from a line or a household, and the services on the resident card.

mod common;

use common::app::{code, demo_app, engine, key, press};
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen::panes::register::View;
use qiaomen::popups::Popup;
use qiaomen::popups::care_form::CarePurpose;
use qiaomen::popups::form::Purpose;
use qiaomen_core::care::{Service, Whom};
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
    // The card holds an entry's fields together with no-break spaces.
    out.replace('\u{a0}', " ")
}

fn to_view(app: &mut App, view: View) {
    for _ in 0..View::ALL.len() {
        if app.register.view == view {
            return;
        }
        press(app, "v");
    }
    panic!("v reaches {view:?}");
}

#[test]
fn teams_services_and_care_due_fit_80_columns_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = register(lang);
        to_view(&mut app, View::Teams);
        let text = screen(&app);
        // Whole names, the view's title and the leader in the detail.
        for name in ["银杏志愿队", "青禾青年志愿者队", "李桂芝"] {
            assert!(text.contains(name), "{lang:?} teams: {name}\n{text}");
        }
        let (title, kind) = match lang {
            Lang::Zh => ("志愿队", "居民志愿队"),
            Lang::En => ("Teams", "residents' team"),
        };
        assert!(text.contains(title) && text.contains(kind), "{text}");
        assert!(!text.contains('…'), "nothing cut:\n{text}");

        to_view(&mut app, View::Services);
        let text = screen(&app);
        let kind = match lang {
            Lang::Zh => "四点半课堂",
            Lang::En => "tutoring",
        };
        assert!(text.contains("韩梓涵") && text.contains(kind), "{text}");
        assert_eq!(app.register.care.services.len(), 12);
        // Newest first: the medical help for household 8 on 11-28.
        assert_eq!(
            app.register.care.services[0].service.whom,
            Whom::Household(8)
        );

        to_view(&mut app, View::CareDue);
        let text = screen(&app);
        let overdue = match lang {
            Lang::Zh => "11-28 逾期",
            Lang::En => "11-28 overdue",
        };
        assert!(
            text.contains(overdue) && text.contains("解红军"),
            "{lang:?}\n{text}"
        );
        // Two contacts and two plan services are due by Sunday 12-06.
        assert_eq!(app.register.care.due.len(), 4);
        for line in text.lines() {
            assert!(line.width() <= 80, "{line}");
        }
        // Enter opens the line in full; Esc closes it.
        app.handle_key(code(KeyCode::Enter));
        assert!(app.register.expanded);
        app.handle_key(code(KeyCode::Esc));
        assert!(!app.register.expanded);
    }
}

#[test]
fn b_records_a_service_for_the_line_selected_and_it_leaves_the_due_list() {
    let mut app = register(Lang::Zh);
    to_view(&mut app, View::CareDue);
    let whom = app.register.care.due[0].whom;
    assert_eq!(whom, Whom::Resident(9));
    press(&mut app, "b");
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("b opens the service form");
    };
    assert!(matches!(
        form.purpose,
        Purpose::Care(CarePurpose::Service(Whom::Resident(9)))
    ));
    let text = screen(&app);
    assert!(text.contains("为 解红军 记录服务"), "{text}");
    // The focus is on the helpers: type one, then save.
    for c in "何翠兰".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "saved: {}", screen(&app));
    let services = engine(&app).all::<Service>().unwrap();
    let last = services.iter().max_by_key(|s| s.id).unwrap();
    assert_eq!(
        (last.whom, last.date.to_string(), last.minutes),
        (Whom::Resident(9), common::TODAY.to_owned(), 60)
    );
    // The cleaning by 银杏志愿队 (the first provider) reaches his household: both his contact
    // and the household's weekly cleaning are off the list.
    assert!(
        !app.register
            .care
            .due
            .iter()
            .any(|l| l.whom == Whom::Resident(9) || l.whom == Whom::Household(4)),
        "{}",
        screen(&app)
    );
}

#[test]
fn b_on_a_household_and_the_card_shows_the_services_received() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = register(lang);
        app.handle_key(code(KeyCode::Home));
        let id = app.register.selected().unwrap().household.id;
        press(&mut app, "b");
        let Some(Popup::Form(form)) = &app.popup else {
            panic!("b opens the service form");
        };
        assert!(matches!(
            form.purpose,
            Purpose::Care(CarePurpose::Service(Whom::Household(h))) if h == id
        ));
        app.handle_key(code(KeyCode::Esc));
        // In the teams view there is no one to serve: one sentence, no form.
        to_view(&mut app, View::Teams);
        press(&mut app, "b");
        assert!(app.popup.is_none());

        let open = qiaomen::popups::card::open(&app.view(), 9, None);
        app.carry_out(open);
        let text = screen(&app);
        let (head, kind) = match lang {
            Lang::Zh => ("接受的服务 (5)", "打扫卫生 银杏志愿队 90 分钟"),
            Lang::En => ("Services received (5)", "cleaning 银杏志愿队 90 min"),
        };
        assert!(
            text.contains(head) && text.contains(kind),
            "{lang:?}\n{text}"
        );
    }
}
