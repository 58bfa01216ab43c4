//! Issue 15 point 5: what was hidden, shown — the roll-call cutoff and the time left, grid
//! names in the grid filter, and the summary pane's report text, the very text `y` copies.

mod common;

use common::app::{demo_app, key, now, press};
use common::card::screen;
use qiaomen::action::Action;
use qiaomen::effect::Effect;
use qiaomen::i18n::Lang;
use qiaomen::panes::roll_call::cutoff_text;
use qiaomen_core::{ClockTime, Now};

fn at(hour: u8, minute: u8) -> Now {
    let n = now();
    Now::local(n.date, ClockTime::new(hour, minute).expect("a time"), 480)
}

#[test]
fn the_roll_call_header_shows_the_cutoff_and_the_time_left() {
    for (lang, shown) in [
        (Lang::Zh, "截止 11:00 · 还剩 1 小时 20 分"),
        (Lang::En, "cutoff 11:00 · 1 h 20 min left"),
    ] {
        let app = demo_app(lang);
        assert_eq!(app.community.cutoff.to_string(), "11:00");
        let text = screen(&app, 120, 40);
        assert!(text.contains(shown), "{lang:?}:\n{text}");
    }
}

#[test]
fn the_cutoff_counts_down_then_says_it_passed_and_another_day_shows_it_alone() {
    let cutoff = ClockTime::new(10, 0).expect("a time");
    let today = now().date;
    let says = |lang, time: Now| cutoff_text(lang, cutoff, today, time);
    assert_eq!(says(Lang::Zh, at(9, 40)), "截止 10:00 · 还剩 20 分");
    assert_eq!(says(Lang::En, at(9, 40)), "cutoff 10:00 · 20 min left");
    assert_eq!(says(Lang::Zh, at(8, 30)), "截止 10:00 · 还剩 1 小时 30 分");
    assert_eq!(says(Lang::Zh, at(10, 0)), "截止 10:00 · 已过截止");
    assert_eq!(says(Lang::En, at(17, 5)), "cutoff 10:00 · passed");
    let yesterday = cutoff_text(Lang::Zh, cutoff, today.add_days(-1), at(9, 40));
    assert_eq!(yesterday, "截止 10:00");
}

#[test]
fn the_grid_filter_shows_the_grid_code_and_name() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = demo_app(lang);
        app.handle_key(key('g'));
        let grid = app
            .grids
            .iter()
            .find(|g| Some(g.id) == app.grid_filter)
            .expect("a grid chosen")
            .clone();
        assert!(!grid.name.is_empty());
        let header = screen(&app, 120, 40)
            .lines()
            .next()
            .unwrap_or("")
            .to_owned();
        let shown = format!("{} {}", grid.code, grid.name);
        assert!(header.ends_with(&shown), "{lang:?}: {header}");
    }
}

/// The screen's text inside the pane, without spaces or box lines, to compare with wrapped text.
fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"│─┌┐└┘├┤".contains(*c))
        .collect()
}

#[test]
fn the_summary_pane_shows_the_text_that_y_copies() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = demo_app(lang);
        press(&mut app, "5");
        let effects = app.effects_of(Action::CopySummary);
        let [Effect::Copy { text: copied, .. }] = effects.as_slice() else {
            panic!("y copies the report");
        };
        assert_eq!(Some(copied.clone()), app.summary.report(lang));
        press(&mut app, "v");
        assert!(app.summary.text_view);
        let shown = screen(&app, 120, 120);
        assert!(
            squeezed(&shown).contains(&squeezed(copied)),
            "{lang:?}: the pane shows\n{shown}\ncopied:\n{copied}"
        );
        // Scrollable at a small size: the last line comes into view with End.
        let small = screen(&app, 80, 24);
        let last = copied
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .expect("a line");
        if !small.contains(last.trim()) {
            app.handle_key(common::app::code(ratatui::crossterm::event::KeyCode::End));
            let end = screen(&app, 80, 24);
            assert!(squeezed(&end).contains(&squeezed(last)), "{end}");
        }
        press(&mut app, "v");
        assert!(!app.summary.text_view, "v goes back to the figures");
    }
}

fn to_view(app: &mut qiaomen::app::App, view: qiaomen::panes::register::View) {
    press(app, "4");
    for _ in 0..qiaomen::panes::register::View::ALL.len() {
        if app.register.view == view {
            return;
        }
        press(app, "v");
    }
    panic!("v reaches {view:?}");
}

#[test]
fn meetings_with_their_open_decisions_are_a_view_of_the_register() {
    use qiaomen::panes::register::View;
    for (lang, open_word) in [(Lang::Zh, "未办结决定"), (Lang::En, "decisions open")] {
        let mut app = demo_app(lang);
        to_view(&mut app, View::Meetings);
        assert!(!app.register.meetings.is_empty(), "the demo has meetings");
        let newest = app.register.meetings[0].clone();
        for size in [(80, 24), (120, 40)] {
            let text = screen(&app, size.0, size.1);
            let tabs = text.lines().nth(2).unwrap_or("");
            assert!(tabs.contains(open_word), "{lang:?} {size:?}: {tabs}");
            assert!(text.contains(&format!("#{}", newest.id)), "{text}");
        }
        // Down moves to the next meeting; its detail follows.
        if app.register.meetings.len() > 1 {
            press(&mut app, "j");
            let second = app.register.meetings[1].clone();
            let text = screen(&app, 120, 40);
            assert!(text.contains(&format!("#{} ", second.id)), "{text}");
        }
    }
}

#[test]
fn visits_are_a_view_of_the_register_and_the_far_tabs_are_elided() {
    use qiaomen::panes::register::View;
    for lang in [Lang::Zh, Lang::En] {
        let mut app = demo_app(lang);
        to_view(&mut app, View::Visits);
        assert!(!app.register.visits.is_empty(), "the demo has visits");
        let first = &app.register.visits[0];
        let text = screen(&app, 120, 40);
        assert!(
            text.contains(first.visit.date.to_string().as_str()),
            "{text}"
        );
        let narrow = screen(&app, 80, 24);
        let tabs = narrow.lines().nth(2).unwrap_or("").to_owned();
        // Ten views: in English at 80 columns the far ones give way (‹), the figure stays.
        if lang == Lang::En {
            assert!(tabs.contains('‹'), "far tabs elided on the left: {tabs}");
        }
        assert!(
            tabs.trim_end()
                .ends_with(&format!("{} visits", app.register.visits.len()))
                || tabs
                    .trim_end()
                    .ends_with(&format!("{} 次", app.register.visits.len())),
            "{tabs}"
        );
        let label = match lang {
            Lang::Zh => "走访",
            Lang::En => "Visits",
        };
        assert!(tabs.contains(label), "{tabs}");
    }
}

/// Moves the roll call's cursor onto the elder of that name.
fn select(app: &mut qiaomen::app::App, name: &str) {
    let id = common::app::elder_id(app, name);
    app.handle_key(common::app::code(crossterm::event::KeyCode::Home));
    for _ in 0..40 {
        if common::app::selected_elder(app) == id {
            return;
        }
        app.handle_key(key('j'));
    }
    panic!("{name} is not in the roll call");
}

/// The roll call's detail pane at 80×24: the right half of the lines between the borders.
fn detail(app: &qiaomen::app::App) -> Vec<String> {
    screen(app, 80, 24)
        .lines()
        .filter_map(|l| {
            l.split_once("││")
                .map(|(_, r)| r.trim_end_matches('│').trim().to_owned())
        })
        .collect()
}

#[test]
fn an_elder_without_a_phone_shows_none_and_needs_help_is_said_once() {
    for (lang, no_phone, help) in [
        (Lang::Zh, "电话 无", "需要帮助"),
        (Lang::En, "Phone none", "needs help"),
    ] {
        let mut app = demo_app(lang);
        select(&mut app, "柳金花");
        let lines = detail(&app);
        assert!(lines.iter().any(|l| l == no_phone), "{lang:?}: {lines:#?}");
        select(&mut app, "钱福生");
        // Needs help, and no case opened from it now.
        press(&mut app, "hn");
        select(&mut app, "钱福生");
        let lines = detail(&app);
        let said = lines.iter().filter(|l| l.contains(help)).count();
        // Once as the day's status; the 14 days' line shows the time and outcome too.
        let status = lines
            .iter()
            .filter(|l| l.ends_with(help) && l.starts_with('!'))
            .count();
        assert_eq!(status, 1, "{lang:?}: {lines:#?}");
        assert!(said <= 2, "{lang:?}: {lines:#?}");
    }
}
