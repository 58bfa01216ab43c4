//! The UI rendered into ratatui's TestBackend on the demo community with a fixed clock: a
//! snapshot of each pane and popup in both languages, the "terminal too small" notice, the
//! colours that carry meaning, and no wide character ever cut in half.

mod common;

use common::app::{code, demo_app, press};
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

fn render(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    // The frame as the app drew it: the backend only receives ratatui's diff, which already
    // skips a cell hidden behind a wide character, so a covered half would not show there.
    let buffer = terminal
        .draw(|f| app.render(f))
        .expect("a frame")
        .buffer
        .clone();
    assert_well_formed(&buffer);
    buffer
}

/// A row as a terminal shows it: the cell hidden behind a wide character is not printed.
fn row(buf: &Buffer, y: u16) -> String {
    let mut out = String::new();
    let mut hidden = 0;
    for x in 0..buf.area.width {
        let symbol = buf[(x, y)].symbol();
        if hidden == 0 {
            out.push_str(symbol);
        }
        hidden = hidden.max(symbol.width()).saturating_sub(1);
    }
    out
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height).map(|y| row(buf, y)).collect()
}

/// The screen's characters, trailing blanks trimmed, for snapshots.
fn text(buf: &Buffer) -> String {
    rows(buf)
        .iter()
        .map(|r| r.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every wide character has its second cell, blank, on the same row: nothing drawn later (a
/// popup's border, the next column) covers half of it. ratatui's diff assumes this; when it
/// fails, the terminal shows the wide character and drops what covered it.
fn assert_well_formed(buf: &Buffer) {
    let width = buf.area.width;
    for y in 0..buf.area.height {
        for x in 0..width {
            let symbol = buf[(x, y)].symbol();
            if symbol.width() == 2 {
                assert!(
                    x + 1 < width,
                    "{symbol:?} cut at the right edge of row {y}: {:?}",
                    row(buf, y)
                );
                let next = buf[(x + 1, y)].symbol();
                assert!(
                    next == " " || next.is_empty(),
                    "{symbol:?} at ({x}, {y}) is half covered by {next:?}: {:?}",
                    row(buf, y)
                );
            }
        }
        assert_eq!(
            row(buf, y).width(),
            width as usize,
            "row {y} is not {width} columns: {:?}",
            row(buf, y)
        );
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

fn snapshot(name: &str, lang: Lang, keys: &[&str]) {
    let mut app = demo_app(lang);
    for k in keys {
        press(&mut app, k);
    }
    let shot = text(&render(&app, 80, 24));
    insta::assert_snapshot!(format!("{name}_{}", lang_name(lang)), shot);
}

#[test]
fn grids_pane() {
    for lang in [Lang::Zh, Lang::En] {
        snapshot("grids", lang, &["1"]);
    }
}

#[test]
fn roll_call_pane() {
    for lang in [Lang::Zh, Lang::En] {
        snapshot("roll_call", lang, &[]);
    }
}

#[test]
fn cases_pane() {
    for lang in [Lang::Zh, Lang::En] {
        snapshot("cases", lang, &["3"]);
    }
}

#[test]
fn help_overlay() {
    for lang in [Lang::Zh, Lang::En] {
        snapshot("help", lang, &["?"]);
    }
}

#[test]
fn search_popup_with_a_query() {
    for lang in [Lang::Zh, Lang::En] {
        snapshot("search_wxy", lang, &["/", "wxy"]);
    }
}

#[test]
fn a_small_terminal_gets_a_notice_not_a_broken_layout() {
    for (lang, words) in [(Lang::Zh, "终端太小"), (Lang::En, "Terminal too small")] {
        let app = demo_app(lang);
        let buf = render(&app, 50, 14);
        let shown = text(&buf);
        assert!(shown.contains(words), "{shown}");
        assert!(
            shown.contains("50×14"),
            "the notice gives the size: {shown}"
        );
        insta::assert_snapshot!(format!("too_small_{}", lang_name(lang)), shown);
        // The smallest size that is drawn gets the full layout.
        let buf = render(&app, qiaomen::app::MIN_WIDTH, qiaomen::app::MIN_HEIGHT);
        assert!(!text(&buf).contains(words));
    }
}

#[test]
fn every_pane_and_popup_keeps_wide_characters_whole() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = demo_app(lang);
        for &pane in Pane::AVAILABLE {
            press(&mut app, &char::from(b'0' + pane.number()).to_string());
            for popup in ["", "?", "/wxy", "/王", "/13973"] {
                press(&mut app, popup);
                for (w, h) in [(80, 24), (60, 16), (100, 30), (137, 41)] {
                    render(&app, w, h);
                }
                app.handle_key(code(KeyCode::Esc));
                assert!(app.popup.is_none());
            }
        }
        // Forms over the roll call and the cases pane.
        press(&mut app, "2");
        press(&mut app, "a");
        render(&app, 80, 24);
        app.handle_key(code(KeyCode::Esc));
        press(&mut app, "3s");
        render(&app, 80, 24);
        app.handle_key(code(KeyCode::Esc));
        press(&mut app, "c");
        render(&app, 80, 24);
    }
}

/// The row of the roll-call list that shows `name`, and that row's text.
fn list_row(buf: &Buffer, name: &str) -> u16 {
    (0..buf.area.height)
        .find(|&y| {
            let r = row(buf, y);
            // The list starts at the left border; the detail on the right also names the
            // selected elder.
            r.starts_with('│') && r.split('│').nth(1).is_some_and(|list| list.contains(name))
        })
        .unwrap_or_else(|| panic!("{name} in the list:\n{}", text(buf)))
}

#[test]
fn colours_that_carry_meaning() {
    let mut app = demo_app(Lang::Zh);
    let buf = render(&app, 80, 24);
    // 钱福生 was not reached yesterday or today: first, selected, and marked red.
    let y = list_row(&buf, "钱福生");
    let mark = &buf[(1, y)];
    assert_eq!(mark.symbol(), "!");
    assert_eq!(mark.fg, Color::Red);
    assert_eq!(mark.bg, Color::Blue, "the selected row");

    press(&mut app, "j");
    let buf = render(&app, 80, 24);
    let mark = &buf[(1, list_row(&buf, "钱福生"))];
    assert_eq!((mark.symbol(), mark.fg), ("!", Color::Red));
    assert_ne!(mark.bg, Color::Blue);
    // Reached and well: a green tick. One unanswered call so far: a yellow question mark.
    let mark = &buf[(1, list_row(&buf, "王秀英"))];
    assert_eq!((mark.symbol(), mark.fg), ("✓", Color::Green));
    let mark = &buf[(1, list_row(&buf, "陶淑贞"))];
    assert_eq!((mark.symbol(), mark.fg), ("?", Color::Yellow));
    // Not reached yet, nothing wrong: a grey dot, never green.
    let mark = &buf[(1, list_row(&buf, "曾凤仙"))];
    assert_eq!(mark.symbol(), "·");
    assert_ne!(mark.fg, Color::Green);

    // An error in the status line is red; a confirmation is not.
    press(&mut app, "z");
    let buf = render(&app, 80, 24);
    let last = buf.area.height - 1;
    assert!(!row(&buf, last).trim().is_empty(), "a message is shown");
    assert_eq!(buf[(1, last)].fg, Color::Red, "{:?}", row(&buf, last));
    press(&mut app, "o");
    let buf = render(&app, 80, 24);
    assert_ne!(buf[(1, last)].fg, Color::Red, "{:?}", row(&buf, last));
}

#[test]
fn a_covered_or_overflowing_wide_character_is_blanked() {
    use ratatui::layout::Rect;
    let mut buf = Buffer::empty(Rect::new(0, 0, 7, 1));
    buf.set_string(0, 0, "王秀", ratatui::style::Style::new());
    // A popup's border over the second half of 秀, and a wide character in the last column.
    buf[(3, 0)].set_symbol("│");
    buf[(6, 0)].set_symbol("英");
    qiaomen::chrome::mend_wide_chars(&mut buf);
    assert_eq!(row(&buf, 0), "王 │   ");
    assert_well_formed(&buf);
}

#[test]
fn the_first_frame_is_the_whole_roll_call_and_the_cases_come_behind_it() {
    for lang in [Lang::Zh, Lang::En] {
        let full = demo_app(lang);
        let (mut first, _) = common::served::served_first_frame(lang);
        // The selected elder's fortnight comes after the first frame.
        let backend = std::sync::Arc::clone(&first.backend);
        first.roll_call.load_history(&*backend);
        assert_eq!(text(&render(&first, 80, 24)), text(&render(&full, 80, 24)));
        assert!(
            first.cases.cases.is_empty(),
            "the cases wait for the first frame"
        );
        first.load_rest();
        // The cases pane waits for what is still coming.
        press(&mut first, "3");
        assert_eq!(first.pane, Pane::Cases);
        assert!(!full.cases.cases.is_empty());
        assert_eq!(first.cases.cases, full.cases.cases);
        assert_eq!(text(&render(&first, 80, 24)), {
            let mut full = full;
            press(&mut full, "3");
            text(&render(&full, 80, 24))
        });
    }
}

/// The demo app with the roll call on `name` and that elder's card open (`r`).
fn card_app(lang: Lang, name: &str) -> App {
    let mut app = demo_app(lang);
    app.roll_call
        .select_elder(Some(common::app::elder_id(&app, name)));
    press(&mut app, "r");
    assert!(matches!(app.popup, Some(qiaomen::popups::Popup::Card(_))));
    app
}

#[test]
fn resident_card_at_80x24_top_and_bottom() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = card_app(lang, "聂长根");
        let top = text(&render(&app, 80, 24));
        insta::assert_snapshot!(format!("card_{}", lang_name(lang)), top);
        app.handle_key(code(KeyCode::End));
        let bottom = text(&render(&app, 80, 24));
        insta::assert_snapshot!(format!("card_end_{}", lang_name(lang)), bottom);
    }
}

#[test]
fn resident_card_at_120x40_shows_it_whole() {
    let app = card_app(Lang::Zh, "聂长根");
    insta::assert_snapshot!("card_120x40_zh", text(&render(&app, 120, 40)));
}

#[test]
fn resident_card_form_at_80x24() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = card_app(lang, "鲁桂珍");
        press(&mut app, "e");
        insta::assert_snapshot!(
            format!("card_form_{}", lang_name(lang)),
            text(&render(&app, 80, 24))
        );
    }
}

#[test]
fn household_forms_at_80x24() {
    for lang in [Lang::Zh, Lang::En] {
        snapshot("household_new", lang, &["4", "a"]);
        snapshot("household_edit", lang, &["4", "h"]);
    }
}

#[test]
fn leave_form_at_80x24() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = card_app(lang, "聂长根");
        press(&mut app, "x");
        insta::assert_snapshot!(
            format!("leave_form_{}", lang_name(lang)),
            text(&render(&app, 80, 24))
        );
    }
}
