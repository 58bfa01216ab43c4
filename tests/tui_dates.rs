//! Dates that cannot be wrong by accident, and figures that agree, in the terminal UI (issue
//! 14 points 4 and 5): the demo app with its clock at 2026-11-30 09:40, keys pressed, what was
//! saved read back through the store, and the screen drawn at 80×24.

mod common;

use common::app::{demo_app, elder_id, engine, now, press};
use common::card::{ctrl, screen};
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen::popups::Popup;
use qiaomen::popups::backfill::Backfill;
use qiaomen_core::model::{Case, Outcome};
use qiaomen_core::rollcall::DayStatus;
use qiaomen_core::summary::Span;
use qiaomen_core::{Date, model::CheckIn};
use ratatui::crossterm::event::KeyCode;

fn yesterday() -> Date {
    now().date.add_days(-1)
}

fn backfill(app: &App) -> &Backfill {
    match &app.popup {
        Some(Popup::Backfill(b)) => b,
        _ => panic!("the back-fill popup is open"),
    }
}

fn checkins_on(app: &App, name: &str, day: Date) -> Vec<CheckIn> {
    engine(app)
        .checkins_of_on(elder_id(app, name), day)
        .expect("check-ins read back")
}

fn type_text(app: &mut App, text: &str) {
    app.handle_key(ctrl(KeyCode::Char('u')));
    press(app, text);
}

#[test]
fn the_roll_call_stops_at_today() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = demo_app(lang);
        press(&mut app, "]");
        assert_eq!(app.roll_call.date, now().date);
        let (msg, is_error) = app.status.clone().expect("a message");
        assert!(is_error);
        let want = match lang {
            Lang::Zh => "12-01（明天）还没到",
            Lang::En => "Tue 1 Dec (tomorrow) has not come yet",
        };
        assert!(msg.contains(want), "{msg}");
        // Nothing to mark on a future day, so nothing was: the roll is today's.
        assert_eq!(app.roll_call.roll.date, now().date);
        // The summary pane stops there too.
        press(&mut app, "5]");
        assert_eq!(app.summary.date, now().date);
    }
}

#[test]
fn a_mark_on_a_past_day_asks_for_its_time_and_a_confirmation() {
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "[");
    assert_eq!(app.roll_call.date, yesterday());
    // The header says in words that this is not today.
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("正在补记 11-29（昨天），不是今天"),
        "{shown}"
    );
    // 钱福生 heads yesterday's list (no answer at 08:20 and 16:50).
    let name = app
        .roll_call
        .selected()
        .expect("an elder")
        .elder
        .name
        .clone();
    assert_eq!(name, "钱福生");
    let before = checkins_on(&app, &name, yesterday());
    assert_eq!(before.len(), 2);

    press(&mut app, "o");
    // Nothing saved yet: the popup asks, prefilled a minute after the day's last entry.
    assert_eq!(checkins_on(&app, &name, yesterday()).len(), 2);
    let b = backfill(&app);
    assert_eq!(
        (b.date, b.outcome, b.time.text.as_str()),
        (yesterday(), Outcome::Ok, "16:51")
    );
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("补记 11-29（昨天）"), "{shown}");
    assert!(shown.contains("不是今天"), "{shown}");
    assert!(shown.contains("16:50"), "{shown}");

    // Esc cancels without saving.
    app.handle_key(common::app::code(KeyCode::Esc));
    assert!(app.popup.is_none());
    assert_eq!(checkins_on(&app, &name, yesterday()).len(), 2);

    // A time before the day's last entry is refused in the popup, with the reason.
    press(&mut app, "o");
    type_text(&mut app, "16:00");
    app.handle_key(common::app::code(KeyCode::Enter));
    let b = backfill(&app);
    assert!(
        b.message.as_deref().unwrap_or("").contains("16:50"),
        "{:?}",
        b.message
    );
    assert_eq!(checkins_on(&app, &name, yesterday()).len(), 2);

    type_text(&mut app, "17:05");
    app.handle_key(common::app::code(KeyCode::Enter));
    assert!(app.popup.is_none());
    let after = checkins_on(&app, &name, yesterday());
    assert_eq!(after.len(), 3);
    let last = after.last().expect("the new mark");
    assert_eq!(
        (last.outcome, last.time.to_string()),
        (Outcome::Ok, "17:05".into())
    );
    let entry = app
        .roll_call
        .roll
        .entries
        .iter()
        .find(|e| e.elder.name == name)
        .expect("on the roll");
    assert_eq!(entry.status, DayStatus::Reached(Outcome::Ok));
    // Today's roll is untouched.
    assert!(checkins_on(&app, &name, now().date).is_empty());
}

#[test]
fn away_on_a_past_day_asks_the_time_then_until_when() {
    let mut app = demo_app(Lang::En);
    press(&mut app, "[");
    let name = app
        .roll_call
        .selected()
        .expect("an elder")
        .elder
        .name
        .clone();
    press(&mut app, "a");
    assert_eq!(backfill(&app).outcome, Outcome::Away);
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Back-fill Sun 29 Nov (yesterday)"),
        "{shown}"
    );
    type_text(&mut app, "18:30");
    app.handle_key(common::app::code(KeyCode::Enter));
    assert!(
        matches!(app.popup, Some(Popup::Form(_))),
        "the away form follows"
    );
    press(&mut app, "12-03");
    app.handle_key(common::app::code(KeyCode::Enter));
    let last = checkins_on(&app, &name, yesterday()).pop().expect("saved");
    assert_eq!(
        (
            last.outcome,
            last.time.to_string(),
            last.away_until.map(|d| d.to_string())
        ),
        (Outcome::Away, "18:30".into(), Some("2026-12-03".into()))
    );
}

/// The roll call's 已问候 and the summary's are one number at the same moment (away apart).
#[test]
fn greeted_agrees_between_the_roll_call_and_the_summary() {
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "[");
    let c = app.roll_call.roll.counts();
    let roll_screen = screen(&app, 80, 24);
    assert!(
        roll_screen.contains(&format!(
            "已问候 {}/{} · 外出 {}",
            c.reached, c.total, c.away
        )),
        "{roll_screen}"
    );
    press(&mut app, "5[");
    app.summary
        .refresh(&*app.backend, app.now, None)
        .expect("summary");
    let s = app.summary.summary.as_ref().expect("a summary");
    assert_eq!(s.date, yesterday());
    assert_eq!(
        (s.checkins.total.reached, s.checkins.total.away),
        (c.reached, c.away)
    );
    let sum_screen = screen(&app, 80, 24);
    assert!(
        sum_screen.contains(&format!("已问候 {}", c.reached)),
        "{sum_screen}"
    );
}

#[test]
fn p_switches_the_running_totals_between_day_month_quarter_and_year() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = demo_app(lang);
        press(&mut app, "5");
        assert_eq!(app.summary.span, Span::Year);
        app.summary
            .refresh(&*app.backend, app.now, None)
            .expect("summary");
        let shown = screen(&app, 80, 24);
        let (year, month) = match lang {
            Lang::Zh => (
                "本年累计 2026-01-01 至 2026-11-30",
                "本月累计 2026-11-01 至 2026-11-30",
            ),
            Lang::En => (
                "Year to date: 2026-01-01 to 2026-11-30",
                "Month to date: 2026-11-01 to 2026-11-30",
            ),
        };
        assert!(shown.contains(year), "{shown}");
        // Every grid still shows at 80×24, and so does the key in the footer.
        for g in ["G1", "G6"] {
            assert!(shown.contains(g), "{shown}");
        }
        assert!(shown.contains("p "), "{shown}");
        press(&mut app, "pp");
        assert_eq!(app.summary.span, Span::Month);
        app.summary
            .refresh(&*app.backend, app.now, None)
            .expect("summary");
        let p = app.summary.summary.as_ref().expect("a summary").period;
        assert_eq!(p.from.to_string(), "2026-11-01");
        assert!(screen(&app, 80, 24).contains(month));
        press(&mut app, "pp");
        assert_eq!(app.summary.span, Span::Year);
    }
}

#[test]
fn a_follow_up_in_the_past_is_refused_in_the_form_and_12_2_is_this_year() {
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "3");
    assert_eq!(app.pane, Pane::Cases);
    let id = app.cases.selected().expect("a case").id;
    press(&mut app, "d");
    type_text(&mut app, "11-01");
    app.handle_key(common::app::code(KeyCode::Enter));
    match &app.popup {
        Some(Popup::Form(f)) => {
            let m = f.message.as_deref().unwrap_or("");
            assert!(m.contains("已经过去"), "{m}");
        }
        _ => panic!("the form stays open with the reason"),
    }
    type_text(&mut app, "12/2");
    app.handle_key(common::app::code(KeyCode::Enter));
    assert!(app.popup.is_none());
    let case = engine(&app).require::<Case>(id).expect("the case");
    assert_eq!(
        case.next_follow_up.map(|d| d.to_string()),
        Some("2026-12-02".into())
    );
}

#[test]
fn on_a_past_day_the_ladder_and_a_new_mark_point_to_the_keys_that_ask_for_the_time() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = demo_app(lang);
        press(&mut app, "[");
        // An elder with no check-in yesterday, if the demo has one; the ladder key in any case.
        let bare = app
            .roll_call
            .roll
            .entries
            .iter()
            .find(|e| e.attempts.is_empty())
            .map(|e| e.elder.id);
        for key in ["e", "\r"] {
            if key == "\r" {
                let Some(id) = bare else { continue };
                app.roll_call.select_elder(Some(id));
                app.handle_key(ctrl_free(KeyCode::Enter));
            } else {
                press(&mut app, key);
            }
            assert!(
                app.popup.is_none(),
                "nothing opens that would save at today's time"
            );
            let (msg, is_error) = app.status.clone().expect("a message");
            assert!(is_error);
            let want = match lang {
                Lang::Zh => "正在补记 11-29（昨天）：请用 o u n h a v 逐条补记",
                Lang::En => "record each mark with o u n h a v",
            };
            assert!(msg.contains(want), "{msg}");
        }
    }
}

fn ctrl_free(code: KeyCode) -> ratatui::crossterm::event::KeyEvent {
    ratatui::crossterm::event::KeyEvent::new(code, ratatui::crossterm::event::KeyModifiers::NONE)
}
