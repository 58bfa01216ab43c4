//! Every pane, every register view, the card and the main popups drawn at 60x16, 80x24 and
//! 120x40 in both languages (insta snapshots named `<pane>_<WxH>_<lang>`), with the faults
//! issue 15 found at small widths checked one by one.

mod common;

use common::app::{code, demo_app, press};
use qiaomen::app::App;
use qiaomen::i18n::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 3] = [(60, 16), (80, 24), (120, 40)];

/// What to press from the demo's first screen for each shot (`\n` is Enter).
const SHOTS: &[(&str, &str)] = &[
    ("grids", "1"),
    ("roll_call", ""),
    ("cases", "3"),
    ("cases_timeline", "3\n"),
    ("register_households", "4"),
    ("register_partners", "4v"),
    ("register_fund", "4vv"),
    ("register_visits_due", "4vvv"),
    ("register_teams", "4vvvv"),
    ("register_services", "4vvvvv"),
    ("register_care_due", "4vvvvvv"),
    ("register_activities", "4vvvvvvv"),
    ("register_meetings", "4vvvvvvvv"),
    ("register_visits", "4vvvvvvvvv"),
    ("summary_text", "5v"),
    ("summary", "5"),
    ("card", "r"),
    ("help", "?"),
    ("search", "/wxy"),
    ("household_form", "4a"),
];

fn render(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|f| app.render(f))
        .expect("a frame")
        .buffer
        .clone()
}

/// The screen as a terminal shows it (the cell behind a wide character is not printed),
/// trailing blanks trimmed.
fn text(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| {
            let mut out = String::new();
            let mut hidden = 0;
            for x in 0..buf.area.width {
                let symbol = buf[(x, y)].symbol();
                if hidden == 0 {
                    out.push_str(symbol);
                }
                hidden = hidden.max(symbol.width()).saturating_sub(1);
            }
            out.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

fn app_after(lang: Lang, keys: &str) -> App {
    let mut app = demo_app(lang);
    for c in keys.chars() {
        if c == '\n' {
            app.handle_key(code(KeyCode::Enter));
        } else {
            press(&mut app, &c.to_string());
        }
    }
    app
}

#[test]
fn every_pane_view_and_popup_at_three_sizes_in_both_languages() {
    for &(name, keys) in SHOTS {
        for lang in [Lang::Zh, Lang::En] {
            let app = app_after(lang, keys);
            for (w, h) in SIZES {
                let shot = text(&render(&app, w, h));
                insta::assert_snapshot!(format!("{name}_{w}x{h}_{}", lang_name(lang)), shot);
            }
        }
    }
}

/// The rows of the list drawn from the left border (the part before a second frame).
fn list_rows(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .filter(|l| l.starts_with('│'))
        .map(|l| l.split('│').nth(1).unwrap_or(""))
        .collect()
}

/// Sizes from the smallest drawn to a wide screen, the narrow ones where names were lost.
const WIDTHS: [u16; 8] = [60, 64, 66, 69, 72, 80, 100, 120];

#[test]
fn the_roll_call_at_60x16_shows_every_name_and_age_whole() {
    for lang in [Lang::Zh, Lang::En] {
        let app = demo_app(lang);
        let screen = text(&render(&app, 60, 16));
        let rows = list_rows(&screen);
        let mut seen = 0;
        for e in &app.roll_call.roll.entries {
            let Some(row) = rows.iter().find(|r| r.contains(e.elder.name.as_str())) else {
                continue;
            };
            seen += 1;
            let age = e
                .elder
                .age_on(app.roll_call.date)
                .expect("an age")
                .to_string();
            assert!(
                row.split_whitespace().any(|w| w == age),
                "{} shows the age {age}: {row:?}\n{screen}",
                e.elder.name
            );
        }
        assert!(seen >= 8, "the rows in view name their elders:\n{screen}");
    }
}

#[test]
fn names_in_the_roll_call_stay_whole_at_every_width() {
    for lang in [Lang::Zh, Lang::En] {
        let app = demo_app(lang);
        for w in WIDTHS {
            let screen = text(&render(&app, w, 24));
            let rows = list_rows(&screen);
            // The demo's names are two or three characters: never cut, so each row in view
            // (below the header) names one elder whole.
            for row in rows.iter().skip(1).filter(|r| !r.trim().is_empty()) {
                assert!(
                    app.roll_call
                        .roll
                        .entries
                        .iter()
                        .any(|e| row.contains(e.elder.name.as_str())),
                    "{w} columns, a row without a whole name: {row:?}\n{screen}"
                );
            }
        }
    }
}

/// Every run of seven or more digits on the screen is a whole phone number of the demo.
fn assert_phones_whole(app: &App, screen: &str) {
    let phones: Vec<&str> = app
        .roll_call
        .roll
        .entries
        .iter()
        .flat_map(|e| {
            std::iter::once(e.elder.phone.as_str())
                .chain(e.elder.contacts.iter().map(|c| c.phone.as_str()))
        })
        .collect();
    for run in screen
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| r.len() >= 7)
    {
        assert!(
            phones.contains(&run),
            "{run} is not a whole phone number:\n{screen}"
        );
    }
}

#[test]
fn a_twelve_digit_landline_is_shown_whole_or_not_at_all() {
    for lang in [Lang::Zh, Lang::En] {
        let app = demo_app(lang);
        let landline = app
            .roll_call
            .roll
            .entries
            .iter()
            .find(|e| e.elder.phone.len() == 12)
            .expect("the demo has a 12-digit landline")
            .elder
            .phone
            .clone();
        let mut shown = false;
        for w in WIDTHS {
            let screen = text(&render(&app, w, 24));
            assert_phones_whole(&app, &screen);
            shown |= screen.contains(&landline);
        }
        assert!(shown, "{landline} is shown where the phone column fits");
    }
}

#[test]
fn case_kinds_and_statuses_keep_their_whole_words_at_66_columns() {
    for lang in [Lang::Zh, Lang::En] {
        let app = app_after(lang, "3");
        for w in [60, 66, 72, 80] {
            let screen = text(&render(&app, w, 20));
            let rows = list_rows(&screen);
            let mut seen = 0;
            for &i in &app.cases.visible {
                let c = &app.cases.cases[i];
                let number = format!("{} ", c.number());
                let Some(row) = rows.iter().find(|r| r.starts_with(&number)) else {
                    continue;
                };
                seen += 1;
                let status = qiaomen::i18n::case_status(lang, c.status);
                assert!(row.contains(status), "{w}: {status} in {row:?}\n{screen}");
                // The kind is the first column to go; when shown, it is whole.
                let kind = qiaomen::i18n::case_kind(lang, c.kind);
                let header = rows[0];
                if header.contains(qiaomen::i18n::Lang::t(lang, qiaomen::i18n::T::ColKind)) {
                    assert!(row.contains(kind), "{w}: {kind} in {row:?}\n{screen}");
                }
            }
            assert!(seen >= 5, "{w}: the cases in view:\n{screen}");
        }
        // At 66 columns both words are there.
        let screen = text(&render(&app, 66, 20));
        assert!(
            list_rows(&screen)[0].contains(qiaomen::i18n::Lang::t(lang, qiaomen::i18n::T::ColKind)),
            "{screen}"
        );
    }
}

#[test]
fn the_footer_keeps_help_and_whole_words_at_80_columns() {
    for lang in [Lang::Zh, Lang::En] {
        for (pane, keys) in [
            ("summary", "5"),
            ("roll call", ""),
            ("cases", "3"),
            ("register", "4"),
        ] {
            let app = app_after(lang, keys);
            let screen = text(&render(&app, 80, 24));
            let footer = screen.lines().nth(22).unwrap_or("");
            assert!(footer.contains("? "), "{pane}: {footer:?}");
            // Each hint is a key and its whole word: the last one is followed by nothing cut.
            let help = qiaomen::i18n::Lang::t(lang, qiaomen::i18n::T::KeyHelp);
            assert!(footer.contains(&format!("? {help}")), "{pane}: {footer:?}");
        }
    }
}
