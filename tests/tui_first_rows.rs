//! The first frame from the roll call's first lines (`RollHead`) and the names they need, the
//! rest read behind it (`App::load_rest`): the header counts the whole roll from the start,
//! nothing whole is read before the frame, keys work on the first lines meanwhile, a key that
//! needs the rest waits for it, a mark made then (here or in another window) survives the
//! whole roll's arrival; in this process (`--no-server`) the roll itself comes behind.

mod common;

use std::time::{Duration, Instant};

use common::app::{demo_app, demo_app_first_frame, press};
use common::served::served_first_frame;
use qiaomen::app::App;
use qiaomen::app::Pane;
use qiaomen::backend::Backend;
use qiaomen::i18n::Lang;
use qiaomen_core::query::Query;
use qiaomen_core::store::Tree;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let frame = terminal.draw(|f| app.render(f)).expect("a frame");
    let buf = frame.buffer.clone();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The demo app's first frame, as through a server, with only `rows` lines of the roll read.
fn first_lines(lang: Lang, rows: u32) -> App {
    let (mut app, _) = served_first_frame(lang);
    let backend = std::sync::Arc::clone(&app.backend);
    let (now, grid) = (app.now, app.grid_filter);
    app.roll_call
        .reload_head(&*backend, now, grid, rows)
        .expect("the head");
    app
}

/// `load_rest` until everything has come.
fn wait_whole(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(10);
    app.load_rest();
    while app.roll_call.waiting() || app.loading() {
        assert!(Instant::now() < deadline, "the rest of the roll never came");
        std::thread::sleep(Duration::from_millis(5));
        app.load_rest();
    }
}

#[test]
fn the_first_lines_show_the_whole_rolls_figures_and_the_rest_follows() {
    for lang in [Lang::Zh, Lang::En] {
        let full = demo_app(lang);
        let mut first = first_lines(lang, 5);
        assert_eq!(first.roll_call.roll.entries.len(), 5);
        assert_eq!(first.roll_call.partial, Some(full.roll_call.roll.counts()));
        let (part, whole) = (screen(&first), screen(&full));
        // The figures line is the whole roll's; the first five names are those of the whole.
        let top = |s: &str| s.lines().take(4).collect::<Vec<_>>().join("\n");
        assert_eq!(top(&part), top(&whole));
        let names = part.replace(' ', "");
        for e in &full.roll_call.roll.entries[..5] {
            assert!(names.contains(&e.elder.name), "{}\n{part}", e.elder.name);
        }
        let sixth = &full.roll_call.roll.entries[5].elder.name;
        assert!(!names.contains(sixth.as_str()), "{part}");
        wait_whole(&mut first);
        assert_eq!(screen(&first), whole);
    }
}

#[test]
fn a_mark_made_on_the_first_lines_survives_the_rest() {
    let mut first = first_lines(Lang::En, 3);
    let backend = std::sync::Arc::clone(&first.backend);
    let (date, now, grid) = (first.roll_call.date, first.now, first.grid_filter);
    // The whole roll as the read behind the frame may bring it: read before the mark.
    let stale = backend.roll(date, now, grid).expect("the whole roll");
    let elder = first.roll_call.roll.entries[0].elder.id;
    let before = first.roll_call.roll.entries[0].attempts.len();
    let attempts = |app: &App| {
        app.roll_call
            .roll
            .entries
            .iter()
            .find(|e| e.elder.id == elder)
            .expect("the elder marked")
            .attempts
            .len()
    };
    press(&mut first, "o");
    assert_eq!(attempts(&first), before + 1);
    // The header's figures are the whole roll's, the mark counted.
    let fresh = backend
        .roll(date, now, grid)
        .expect("the roll after the mark");
    assert_eq!(first.roll_call.partial, Some(fresh.counts()));
    first.roll_call.fill(stale);
    assert_eq!(
        attempts(&first),
        before + 1,
        "the mark survives the older roll"
    );
    assert!(first.roll_call.partial.is_none());
    assert!(first.roll_call.roll.entries.len() > 3);
}

/// Whether a query reads a whole kind of records (or the whole roll call).
fn whole(q: &Query) -> bool {
    matches!(q, Query::All(_) | Query::Page { .. } | Query::Roll { .. })
}

#[test]
fn before_the_first_frame_only_the_head_and_the_names_it_shows_are_read() {
    for lang in [Lang::Zh, Lang::En] {
        let (mut first, served) = served_first_frame(lang);
        let asked = served.take_asked();
        assert!(!asked.iter().any(whole), "{asked:?}");
        // Nor the selected elder's fortnight: the strip says it is coming.
        assert!(!asked.iter().any(|q| matches!(q, Query::CheckInsOf { .. })));
        let reading = match lang {
            Lang::Zh => "近14天读取中…",
            Lang::En => "14 days reading…",
        };
        assert!(
            screen(&first)
                .replace(' ', "")
                .contains(&reading.replace(' ', ""))
        );
        let backend = std::sync::Arc::clone(&first.backend);
        first.roll_call.load_history(&*backend);
        assert!(asked.iter().any(|q| matches!(q, Query::RollHead { .. })));
        assert!(
            asked
                .iter()
                .any(|q| matches!(q, Query::GetMany(Tree::Members, _)))
        );
        // The names the first lines need are here: the screen is the whole app's, the
        // selected elder's callers named.
        let full = demo_app(lang);
        let screen_first = screen(&first);
        assert_eq!(screen_first, screen(&full));
        let screen_first = screen_first.replace(' ', "");
        let callers = first
            .roll_call
            .selected()
            .and_then(|e| e.elder.care.clone());
        let ctx = first.ctx();
        for id in callers.iter().flat_map(|c| c.callers.iter()) {
            assert_ne!(ctx.member_name(*id), "?");
            assert!(
                screen_first.contains(ctx.member_name(*id)),
                "{screen_first}"
            );
        }
    }
}

#[test]
fn keys_on_the_first_lines_read_nothing_whole_and_a_key_that_needs_the_rest_waits_for_it() {
    let (mut first, served) = served_first_frame(Lang::Zh);
    served.take_asked();
    let full_cases = {
        let mut full = demo_app(Lang::Zh);
        press(&mut full, "3");
        screen(&full)
    };
    // The screen above the status line (which says the mark was saved).
    let above = |s: &str| s.lines().take(22).collect::<Vec<_>>().join("\n");
    // Down and a mark work on the first lines, the rest not read on the way.
    press(&mut first, "jo");
    assert!(first.status.as_ref().is_some_and(|(_, error)| !error));
    let asked = served.take_asked();
    assert!(!asked.iter().any(whole), "{asked:?}");
    // The cases pane needs the cases and every grid: the key waits for them, and they are
    // what the whole app shows.
    first.load_rest();
    press(&mut first, "3");
    assert_eq!(first.pane, Pane::Cases);
    assert!(first.ctx().crew_whole);
    assert_eq!(above(&screen(&first)), above(&full_cases));
}

#[test]
fn the_rest_arrives_behind_the_frame_and_every_pane_is_the_whole_apps() {
    let (mut first, _) = served_first_frame(Lang::En);
    assert!(!first.ctx().crew_whole);
    wait_whole(&mut first);
    assert!(first.ctx().crew_whole);
    let mut full = demo_app(Lang::En);
    for key in ["1", "2", "3", "4", "5"] {
        press(&mut first, key);
        press(&mut full, key);
        assert_eq!(screen(&first), screen(&full), "pane {key}");
    }
}

#[test]
fn in_this_process_the_first_frame_says_the_roll_is_coming_then_shows_it() {
    for lang in [Lang::Zh, Lang::En] {
        let mut first = demo_app_first_frame(lang);
        let reading = match lang {
            Lang::Zh => "读取中…",
            Lang::En => "reading…",
        };
        let part = screen(&first).replace(' ', "");
        // The header and the tabs are there; the roll's figures and lines are said to be
        // coming, never shown as none (0 of 0, no elders).
        let whole = screen(&demo_app(lang)).replace(' ', "");
        assert_eq!(part.lines().next(), whole.lines().next());
        let figures = part.lines().nth(2).expect("the figures line");
        assert!(figures.contains(reading), "{part}");
        assert!(!figures.contains("0/0"), "{part}");
        wait_whole(&mut first);
        assert_eq!(screen(&first), screen(&demo_app(lang)));
    }
}

#[test]
fn a_check_in_from_another_window_outside_the_first_lines_is_read_with_the_rest() {
    let (mut first, served) = served_first_frame(Lang::En);
    let backend: &dyn Backend = &*served;
    let (date, now, grid) = (first.roll_call.date, first.now, first.grid_filter);
    let rows = 3;
    first
        .roll_call
        .reload_head(backend, now, grid, rows)
        .expect("the head");
    // The whole roll as the read behind the frame may bring it: read before the mark.
    let stale = backend.roll(date, now, grid).expect("the whole roll");
    let outside = stale
        .entries
        .iter()
        .find(|e| !first.roll_call.shows(e.elder.id) && e.attempts.is_empty())
        .expect("an elder beyond the first lines, not yet reached")
        .elder
        .id;
    // Another window marks that elder.
    let checkin = qiaomen_core::model::CheckIn {
        elder: outside,
        date,
        seq: 0,
        time: now.time,
        by: "王芳".into(),
        method: qiaomen_core::model::Method::Phone,
        outcome: qiaomen_core::model::Outcome::Ok,
        note: String::new(),
        away_until: None,
        contact: None,
        case: None,
    };
    let actor = qiaomen_core::Actor {
        operator: "王芳".into(),
        now,
    };
    backend
        .apply(qiaomen_core::Command::CheckIn(checkin), &actor)
        .expect("the other window's mark");
    served.take_asked();
    assert!(first.take_changes());
    // Nothing whole is read on the screen's thread for it.
    let asked = served.take_asked();
    assert!(!asked.iter().any(whole), "{asked:?}");
    // The rest comes, read before the mark: the elder's line is read again.
    first.take_roll(stale);
    let line = first
        .roll_call
        .roll
        .entries
        .iter()
        .find(|e| e.elder.id == outside)
        .expect("the elder's line");
    assert_eq!(line.attempts.len(), 1);
}
