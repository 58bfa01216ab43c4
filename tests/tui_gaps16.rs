//! Issue 16's gaps in the TUI, key by key on the demo at 80×24 in both languages: `/` finds an
//! organisation (its card opens) and a volunteer team (the teams view opens on it), each hit
//! with its kind; the summary pane shows the services, levels and activities lines (PgDn
//! where they do not all fit, as its title and footer say); pane 4's footer lists the keys of
//! the view shown, and `?` lists them view by view.

mod common;

use common::app::{code, demo_app, key, press};
use common::card::screen;
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen::panes::register::View;
use qiaomen::popups::Popup;
use qiaomen_core::search::HitKind;
use ratatui::crossterm::event::KeyCode;

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(key(c));
    }
}

/// Opens `/`, types `text` and picks the first hit of `kind`.
fn find(app: &mut App, text: &str, kind: HitKind) {
    press(app, "/");
    typed(app, text);
    let Some(Popup::Search(search)) = &app.popup else {
        panic!("the search is open");
    };
    let at = search
        .results
        .iter()
        .position(|h| h.kind == kind)
        .unwrap_or_else(|| panic!("a {kind:?} is found for {text}"));
    for _ in 0..at {
        app.handle_key(code(KeyCode::Down));
    }
}

#[test]
fn slash_finds_an_organisation_and_opens_its_card() {
    for (lang, kind, card, cases) in [
        (
            Lang::Zh,
            "单位",
            "单位：顺和物业服务中心",
            "作为当事人的案件",
        ),
        (
            Lang::En,
            "org",
            "Organisation: 顺和物业服务中心",
            "Cases it is a party to",
        ),
    ] {
        let mut app = demo_app(lang);
        find(&mut app, "邱建平", HitKind::Org);
        let s = screen(&app, 80, 24);
        // The hit's kind, then its name (the popup's name column is 12 wide).
        assert!(
            s.contains(&format!("{kind} ")) && s.contains("顺和物业"),
            "{s}"
        );
        app.handle_key(code(KeyCode::Enter));
        assert!(matches!(app.popup, Some(Popup::OrgCard(_))));
        let s = screen(&app, 80, 24);
        assert!(s.contains(card), "{s}");
        assert!(s.contains("邱建平 073185216630"), "{s}");
        assert!(s.contains(cases), "{s}");
        assert!(s.contains("#1 新桥地块A栋施工围墙"), "{s}");
        press(&mut app, "q");
        assert!(app.popup.is_none());
    }
}

#[test]
fn slash_finds_a_team_and_opens_the_teams_view_on_it() {
    for (lang, kind) in [(Lang::Zh, "志愿队"), (Lang::En, "team")] {
        let mut app = demo_app(lang);
        find(&mut app, "qhqn", HitKind::Team);
        let s = screen(&app, 80, 24);
        assert!(
            s.contains(&format!("{kind} ")) && s.contains("青禾青年"),
            "{s}"
        );
        app.handle_key(code(KeyCode::Enter));
        assert!(app.popup.is_none());
        assert_eq!(app.pane, Pane::Register);
        assert_eq!(app.register.view, View::Teams);
        let t = &app.register.care.teams[app.register.care.team_cursor.selected];
        assert_eq!(t.team.name, "青禾青年志愿者队");
    }
}

#[test]
fn the_summary_pane_shows_services_levels_and_activities_at_80_by_24() {
    for (lang, levels, services, activities, more) in [
        (
            Lang::Zh,
            "化解案件",
            "服务 ",
            "共建单位开展活动",
            "PgDn 看更多",
        ),
        (
            Lang::En,
            "Cases settled",
            "Services ",
            "Partners' activities",
            "PgDn for more",
        ),
    ] {
        let mut app = demo_app(lang);
        press(&mut app, "5");
        let first = screen(&app, 80, 24);
        assert!(first.contains(levels), "{first}");
        assert!(first.contains(services), "{first}");
        assert!(first.contains(more), "{first}");
        // The footer says how to see the rest.
        assert!(first.lines().last().unwrap().contains("PgDn"), "{first}");
        for _ in 0..5 {
            app.handle_key(code(KeyCode::PageDown));
        }
        let rest = screen(&app, 80, 24);
        assert!(rest.contains(activities), "{rest}");
        // A wide character at the wrap is kept whole (捐赠 breaks after 捐 at 80 columns).
        if lang == Lang::Zh {
            assert!(rest.contains("赠 1 场"), "{rest}");
        }
        assert!(!rest.contains(more), "{rest}");
        // j/k still move through the attention list.
        press(&mut app, "j");
        assert_eq!(app.pane, Pane::Summary);
    }
    // On a taller terminal every line shows at once.
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "5");
    let tall = screen(&app, 80, 40);
    assert!(
        tall.contains("化解案件") && tall.contains("共建单位开展活动"),
        "{tall}"
    );
    assert!(
        tall.contains("帮扶基金") && !tall.contains("PgDn 看更多"),
        "{tall}"
    );
}

/// The footer (the last line) of pane 4 in each view.
fn footer_in(app: &mut App, view: View) -> String {
    while app.register.view != view {
        press(app, "v");
    }
    screen(app, 80, 24).lines().last().unwrap_or("").to_owned()
}

#[test]
fn each_register_view_lists_its_own_keys_in_the_footer() {
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "4");
    let households = footer_in(&mut app, View::Households);
    assert!(
        households.contains("s ") && households.contains(" c "),
        "{households}"
    );
    let services = footer_in(&mut app, View::Services);
    assert!(services.contains(" b "), "{services}");
    assert!(
        !services.contains(" s ") && !services.contains(" c "),
        "{services}"
    );
    let activities = footer_in(&mut app, View::Activities);
    assert!(activities.contains(" o "), "{activities}");
    assert!(
        !activities.contains(" b ") && !activities.contains(" d "),
        "{activities}"
    );
    let teams = footer_in(&mut app, View::Teams);
    assert!(!teams.contains(" s ") && !teams.contains(" w "), "{teams}");
    let en = {
        let mut app = demo_app(Lang::En);
        press(&mut app, "4");
        footer_in(&mut app, View::Services)
    };
    assert!(en.contains("b ") && !en.contains(" s "), "{en}");
}

#[test]
fn help_lists_the_register_keys_view_by_view() {
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "4?");
    let Some(Popup::Help(_)) = &app.popup else {
        panic!("help is open");
    };
    // Scroll through the help and gather what it shows.
    let mut seen = String::new();
    for _ in 0..12 {
        seen.push_str(&screen(&app, 80, 24));
        app.handle_key(code(KeyCode::PageDown));
    }
    for view in [
        "「困难户」视图",
        "「服务」视图",
        "「共建活动」视图",
        "「志愿队」视图",
    ] {
        assert!(seen.contains(view), "{view}: {seen}");
    }
    let services = seen.find("「服务」视图").unwrap();
    let next = seen[services..].find("记录服务").map(|i| i + services);
    assert!(next.is_some(), "{seen}");
}
