//! Issue 15, points 3 and 4 through the App on the demo: form fields that show what is typed
//! (sideways scrolling, wrapping notes, folded kana), and keys that do what they say (focus,
//! Esc/Home/End, `?`, the roll call across days and marks, overdue cases first, Enter with no
//! check-in, digits in a choice, errors that clear) and the mouse, drawn on a TestBackend.

mod common;

use common::app::{code, demo_app, engine, now, press, selected_elder};
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen::popups::Popup;
use qiaomen::popups::form::{Form, Purpose};
use qiaomen_core::model::{Method, Outcome};
use qiaomen_core::rollcall::DayStatus;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use unicode_width::UnicodeWidthStr;

/// The screen as a terminal shows it, and where the cursor is (when shown).
fn draw(app: &App, w: u16, h: u16) -> (Vec<String>, Option<(u16, u16)>) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    let frame = terminal.draw(|f| app.render(f)).expect("a frame");
    let buf = frame.buffer.clone();
    // Where the frame put the cursor (the tests look only while a text field has focus).
    let cursor = terminal.get_cursor_position().ok().map(|p| (p.x, p.y));
    let rows = (0..h)
        .map(|y| {
            let (mut row, mut hidden) = (String::new(), 0);
            for x in 0..w {
                let symbol = buf[(x, y)].symbol();
                if hidden == 0 {
                    row.push_str(symbol);
                }
                hidden = hidden.max(symbol.width()).saturating_sub(1);
            }
            row.trim_end().to_owned()
        })
        .collect();
    (rows, cursor)
}

fn form(app: &App) -> &Form {
    match &app.popup {
        Some(Popup::Form(f)) => f,
        _ => panic!("a form is open"),
    }
}

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    app.handle_mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
}

/// Selects the case with number `#id` in the cases pane.
fn select_case(app: &mut App, id: u64) {
    press(app, "3");
    for _ in 0..app.cases.visible.len() {
        if app.cases.selected().map(|c| c.id) == Some(id) {
            return;
        }
        press(app, "j");
    }
    panic!("case #{id} is listed");
}

#[test]
fn a_long_field_scrolls_sideways_and_the_cursor_stays_inside_the_border() {
    for (w, h) in [(80, 24), (60, 16)] {
        let mut app = demo_app(Lang::Zh);
        press(&mut app, "3n");
        assert_eq!(
            form(&app).focus,
            1,
            "focus on the title, the first empty field"
        );
        let long = "桂园小区五栋楼顶渗水导致四零一住户天花板发霉需要物业与业主共同协商维修费用分担";
        press(&mut app, long);
        press(&mut app, "尾");
        let (screen, cursor) = draw(&app, w, h);
        let (x, y) = cursor.expect("the cursor is shown");
        let row = &screen[usize::from(y)];
        // The last characters typed are on screen, right before the cursor, inside the box.
        assert!(row.contains("费用分担尾"), "{row}\n{}", screen.join("\n"));
        assert!(row.contains('‹'), "what scrolled away is marked: {row}");
        let right_border = row.rfind('│').expect("the border");
        assert!(
            usize::from(x) < UnicodeWidthStr::width(&row[..right_border]),
            "cursor at {x} within {row}"
        );
        // Home shows the start again, the rest marked as hidden on the right.
        app.handle_key(code(KeyCode::Home));
        let (screen, cursor) = draw(&app, w, h);
        let row = &screen[usize::from(cursor.expect("cursor").1)];
        assert!(row.contains("桂园小区"), "{row}");
        assert!(row.contains('›'), "{row}");
    }
}

#[test]
fn a_note_wraps_over_lines_with_nothing_lost() {
    let mut app = demo_app(Lang::Zh);
    select_case(&mut app, 3);
    press(&mut app, "a");
    let note = "上门了解情况，知行书店 #5 同意每月 500.00 元，第 1 次调解后双方签字。";
    press(&mut app, note);
    let (screen, cursor) = draw(&app, 60, 16);
    let text = screen.join("\n");
    for piece in ["知行书店", "#5", "500.00 元", "1 次调"] {
        assert!(text.contains(piece), "{piece} in\n{text}");
    }
    // The note takes several rows; no row of the form starts its value with closing
    // punctuation, and the cursor sits after the last character.
    let (x, y) = cursor.expect("cursor");
    assert!(screen[usize::from(y)].contains("签字。"), "{text}");
    assert!(x < 60);
}

#[test]
fn half_width_kana_with_voiced_marks_are_folded_as_typed() {
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "3n");
    press(&mut app, "ｶﾞｽ漏れ👨\u{200D}👩");
    assert_eq!(form(&app).fields[1].input.text, "ガス漏れ👨👩");
    assert_eq!(form(&app).fields[1].input.cursor, 6);
}

#[test]
fn focus_starts_in_the_first_empty_field_not_on_the_prefilled_date() {
    let mut app = demo_app(Lang::En);
    select_case(&mut app, 4);
    press(&mut app, "s");
    let f = form(&app);
    assert!(matches!(f.purpose, Purpose::CaseSession(4)));
    assert_eq!(f.fields[0].input.text, now().date.to_string());
    assert_eq!(f.focus, 2, "the outcome, the first empty field");
    press(&mut app, "agreed");
    assert_eq!(form(&app).fields[0].input.text, now().date.to_string());
}

#[test]
fn the_timeline_opens_at_its_newest_entry_and_honours_esc_home_end() {
    let mut app = demo_app(Lang::En);
    select_case(&mut app, 4);
    let case = app.cases.selected().expect("case 4").clone();
    app.handle_key(code(KeyCode::Enter));
    assert!(app.cases.expanded);
    let (screen, _) = draw(&app, 60, 16);
    let newest = case.events.last().expect("events");
    let text = screen.join("\n");
    assert!(
        text.contains(&newest.date.to_string()),
        "the newest entry is in view:\n{text}"
    );
    app.handle_key(code(KeyCode::Home));
    draw(&app, 60, 16);
    assert_eq!(app.cases.scroll, 0);
    app.handle_key(code(KeyCode::End));
    let (end_screen, _) = draw(&app, 60, 16);
    assert_eq!(end_screen, screen, "End goes back to the newest");
    app.handle_key(code(KeyCode::Esc));
    assert!(!app.cases.expanded, "Esc closes the timeline");
    assert_eq!(app.pane, Pane::Cases);
    assert!(!app.quit);
}

#[test]
fn help_opens_at_the_current_pane_and_scrolls_home_and_end() {
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "3?");
    let Some(Popup::Help(h)) = &app.popup else {
        panic!("help is open");
    };
    assert_eq!(h.sections()[0], Pane::Cases);
    let (screen, _) = draw(&app, 80, 24);
    let first_section = screen[2..]
        .iter()
        .find(|r| {
            r.contains(Pane::Cases.title(Lang::Zh)) || r.contains(Pane::Grids.title(Lang::Zh))
        })
        .expect("a section title");
    assert!(
        first_section.contains(Pane::Cases.title(Lang::Zh)),
        "{}",
        screen.join("\n")
    );
    app.handle_key(code(KeyCode::End));
    let (end, _) = draw(&app, 80, 24);
    assert_ne!(end, screen, "End scrolls to the last keys");
    app.handle_key(code(KeyCode::Home));
    let (home, _) = draw(&app, 80, 24);
    assert_eq!(home, screen);
    app.handle_key(code(KeyCode::Esc));
    assert!(app.popup.is_none());
}

#[test]
fn after_a_day_change_the_cursor_follows_the_elder() {
    let mut app = demo_app(Lang::Zh);
    press(&mut app, "jjj");
    let elder = selected_elder(&app);
    press(&mut app, "[");
    assert_eq!(app.roll_call.date, now().date.add_days(-1));
    assert_eq!(selected_elder(&app), elder);
    press(&mut app, "]");
    assert_eq!(selected_elder(&app), elder);
}

#[test]
fn the_cases_list_sorts_overdue_follow_ups_first() {
    let mut app = demo_app(Lang::En);
    press(&mut app, "3");
    let today = now().date;
    let overdue: Vec<bool> = app
        .cases
        .visible
        .iter()
        .map(|&i| app.cases.cases[i].next_follow_up.is_some_and(|d| d < today))
        .collect();
    assert!(overdue.first().copied().unwrap_or(false), "{overdue:?}");
    assert!(
        overdue.windows(2).all(|w| w[0] || !w[1]),
        "every overdue case before the others: {overdue:?}"
    );
}

#[test]
fn enter_on_an_elder_with_no_check_in_opens_a_new_mark_with_its_note() {
    let mut app = demo_app(Lang::Zh);
    let elder = selected_elder(&app);
    assert!(app.roll_call.selected().expect("one").attempts.is_empty());
    app.handle_key(code(KeyCode::Enter));
    assert!(matches!(form(&app).purpose, Purpose::NewMark { .. }));
    assert_eq!(form(&app).focus, 1, "on the note");
    // Typed keys go to the note, never to the list: `q` does not quit.
    press(&mut app, "q说腿疼");
    assert!(!app.quit);
    assert_eq!(form(&app).fields[1].input.text, "q说腿疼");
    // A digit in the outcome picks it: 2 is unwell.
    app.handle_key(code(KeyCode::Up));
    press(&mut app, "2");
    assert_eq!(form(&app).fields[0].value(), Outcome::Unwell.as_str());
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "saved: {:?}", app.status);
    let saved = engine(&app)
        .checkins_of_on(elder, now().date)
        .expect("read back");
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].outcome, saved[0].method, saved[0].note.as_str()),
        (Outcome::Unwell, Method::Phone, "q说腿疼")
    );
}

#[test]
fn digits_pick_a_choice_and_out_of_range_digits_do_nothing() {
    let mut app = demo_app(Lang::En);
    press(&mut app, "3n");
    app.handle_key(code(KeyCode::Up));
    assert_eq!(form(&app).focus, 0);
    press(&mut app, "3");
    assert_eq!(form(&app).fields[0].choice, 2);
    press(&mut app, "9");
    assert_eq!(form(&app).fields[0].choice, 2);
    let (screen, _) = draw(&app, 80, 24);
    assert!(
        screen.iter().any(|r| r.contains("3/")),
        "{}",
        screen.join("\n")
    );
}

#[test]
fn an_error_line_clears_once_the_field_is_fixed() {
    let mut app = demo_app(Lang::En);
    select_case(&mut app, 4);
    press(&mut app, "d");
    app.handle_key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    ));
    press(&mut app, "12-99");
    app.handle_key(code(KeyCode::Enter));
    assert!(form(&app).message.is_some(), "refused");
    // Still wrong: the reason stays (checked again).
    press(&mut app, "x");
    assert!(form(&app).message.is_some());
    for _ in 0..6 {
        app.handle_key(code(KeyCode::Backspace));
    }
    press(&mut app, "2026-12-09");
    assert_eq!(form(&app).fields[0].input.text, "2026-12-09");
    assert!(form(&app).message.is_none(), "fixed: the reason goes");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none());
}

#[test]
fn the_mouse_selects_tabs_and_rows_and_the_wheel_scrolls() {
    let mut app = demo_app(Lang::Zh);
    draw(&app, 80, 24);
    // The tab bar is the second row: " 1 网格  2 问候  3 案件 …".
    let (screen, _) = draw(&app, 80, 24);
    let tabs = &screen[1];
    let col = tabs.find(" 3 ").expect("tab 3");
    let column = UnicodeWidthStr::width(&tabs[..col]) as u16 + 1;
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), column, 1);
    assert_eq!(app.pane, Pane::Cases);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 0, 1);
    assert_eq!(app.pane, Pane::Cases, "a click between tabs does nothing");

    press(&mut app, "2");
    draw(&app, 80, 24);
    // Rows start below the pane's line, the border and the header: screen row 5 is the
    // first elder, 7 the third.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 10, 7);
    assert_eq!(app.roll_call.cursor.selected, 2);
    let third = selected_elder(&app);
    mouse(&mut app, MouseEventKind::ScrollDown, 10, 7);
    assert_eq!(app.roll_call.cursor.selected, 3);
    mouse(&mut app, MouseEventKind::ScrollUp, 10, 7);
    assert_eq!(selected_elder(&app), third);
    // Below the last row nothing is selected.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 10, 23);
    assert_eq!(selected_elder(&app), third);

    // The wheel scrolls the open timeline.
    press(&mut app, "3");
    app.handle_key(code(KeyCode::Enter));
    draw(&app, 60, 16);
    app.handle_key(code(KeyCode::Home));
    draw(&app, 60, 16);
    mouse(&mut app, MouseEventKind::ScrollDown, 20, 8);
    draw(&app, 60, 16);
    assert!(app.cases.scroll <= 1);
}

#[test]
fn a_mark_sorts_the_list_again_and_a_day_mark_reads_reached() {
    let mut app = demo_app(Lang::En);
    let first = selected_elder(&app);
    press(&mut app, "o");
    let e = app
        .roll_call
        .roll
        .entries
        .iter()
        .find(|e| e.elder.id == first)
        .expect("listed");
    assert_eq!(e.status, DayStatus::Reached(Outcome::Ok));
    assert_ne!(selected_elder(&app), first);
}

#[test]
fn the_wheel_scrolls_a_popup_and_leaves_a_form_alone() {
    let mut app = demo_app(Lang::En);
    press(&mut app, "?");
    let (top, _) = draw(&app, 80, 24);
    mouse(&mut app, MouseEventKind::ScrollDown, 40, 10);
    mouse(&mut app, MouseEventKind::ScrollDown, 40, 10);
    let (scrolled, _) = draw(&app, 80, 24);
    assert_ne!(scrolled, top, "the help scrolled");
    mouse(&mut app, MouseEventKind::ScrollUp, 40, 10);
    mouse(&mut app, MouseEventKind::ScrollUp, 40, 10);
    assert_eq!(draw(&app, 80, 24).0, top);
    // A click on the list under a popup does nothing to the list.
    let before = app.roll_call.cursor.selected;
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 5, 8);
    assert_eq!(app.roll_call.cursor.selected, before);
    app.handle_key(code(KeyCode::Esc));

    press(&mut app, "3n");
    let focus = form(&app).focus;
    mouse(&mut app, MouseEventKind::ScrollDown, 40, 10);
    assert_eq!(
        form(&app).focus,
        focus,
        "the wheel does not move between fields"
    );
}
