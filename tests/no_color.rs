//! `NO_COLOR` (https://no-color.org): present and not empty, the UI draws no colour at all,
//! the selection stays visible (reversed, bold) and the marks (✓ ! ? ·) still say each
//! elder's day. Drawn into ratatui's TestBackend with the choice passed in, then the real
//! binary in a pseudo-terminal with the variable set.

mod common;

use std::ffi::OsStr;

use common::app::{demo_app, press};
use common::pty::Tui;
use qiaomen::app::App;
use qiaomen::i18n::Lang;
use qiaomen::theme::colour_allowed;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

fn render(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    terminal
        .draw(|f| app.render(f))
        .expect("a frame")
        .buffer
        .clone()
}

fn symbols(buf: &Buffer) -> Vec<&str> {
    buf.content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect()
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

/// The row of the roll-call list that names `name` (the list starts at the left border).
fn list_row(buf: &Buffer, name: &str) -> u16 {
    (0..buf.area.height)
        .find(|&y| {
            let r = row(buf, y);
            r.starts_with('│') && r.split('│').nth(1).is_some_and(|l| l.contains(name))
        })
        .unwrap_or_else(|| panic!("{name} in the list"))
}

#[test]
fn the_variable_counts_only_when_present_and_not_empty() {
    assert!(colour_allowed(None));
    assert!(colour_allowed(Some(OsStr::new(""))));
    assert!(!colour_allowed(Some(OsStr::new("1"))));
    assert!(!colour_allowed(Some(OsStr::new("no"))));
}

#[test]
fn a_plain_frame_has_no_colour_and_the_same_characters() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = demo_app(lang);
        let coloured = render(&app);
        assert!(
            coloured.content.iter().any(|c| c.fg != Color::Reset),
            "the ordinary frame has colours, or this test proves nothing"
        );
        app.plain = true;
        let plain = render(&app);
        assert_eq!(symbols(&plain), symbols(&coloured), "the same characters");
        for (i, cell) in plain.content.iter().enumerate() {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "cell {i} ({:?}) has a colour",
                cell.symbol()
            );
        }
        // Every pane, with its selection, keeps to it.
        for pane in ["2", "3", "4", "5", "1"] {
            press(&mut app, pane);
            let buf = render(&app);
            assert!(
                buf.content
                    .iter()
                    .all(|c| c.fg == Color::Reset && c.bg == Color::Reset),
                "pane {pane}"
            );
        }
    }
}

#[test]
fn the_selection_and_the_marks_still_carry_the_meaning() {
    let mut app = demo_app(Lang::Zh);
    app.plain = true;
    let buf = render(&app);
    // 钱福生, not reached yesterday or today, is first and selected: reversed and bold.
    let mark = &buf[(1, list_row(&buf, "钱福生"))];
    assert_eq!(mark.symbol(), "!");
    assert!(mark.modifier.contains(Modifier::REVERSED), "{mark:?}");
    assert!(mark.modifier.contains(Modifier::BOLD), "{mark:?}");

    press(&mut app, "j");
    let buf = render(&app);
    let mark = &buf[(1, list_row(&buf, "钱福生"))];
    assert!(
        !mark.modifier.contains(Modifier::REVERSED),
        "no longer selected"
    );
    assert_eq!(buf[(1, list_row(&buf, "王秀英"))].symbol(), "✓");
    assert_eq!(buf[(1, list_row(&buf, "陶淑贞"))].symbol(), "?");
    assert_eq!(buf[(1, list_row(&buf, "曾凤仙"))].symbol(), "·");
}

#[test]
fn the_real_ui_under_no_color_sends_no_colour() {
    let t = common::TempDb::demo();
    let screen = |no_color: Option<&str>| {
        let mut cmd = common::pty::command("zh");
        cmd.arg("--db");
        cmd.arg(&t.db);
        cmd.arg("--no-server");
        match no_color {
            Some(v) => cmd.env("NO_COLOR", v),
            None => cmd.env_remove("NO_COLOR"),
        }
        let mut tui = Tui::spawn(cmd);
        tui.wait_for("钱福生");
        let colours = tui.colours();
        tui.press("q");
        assert!(tui.wait_exit().success());
        colours
    };
    let (coloured, _) = screen(None);
    assert!(coloured > 0, "colours without NO_COLOR");
    let (coloured, _) = screen(Some(""));
    assert!(coloured > 0, "an empty NO_COLOR is no request");
    let (coloured, reversed) = screen(Some("1"));
    assert_eq!(coloured, 0, "no colour with NO_COLOR=1");
    assert!(
        reversed > 0,
        "the selection and the header stand out reversed"
    );
}
