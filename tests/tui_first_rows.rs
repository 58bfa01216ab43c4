//! The first frame from the roll call's first lines (`RollHead`), the rest read behind it
//! (`App::load_rest`): the header counts the whole roll from the start, keys work on the first
//! lines meanwhile, and a mark made then survives the whole roll's arrival.

mod common;

use std::time::{Duration, Instant};

use common::app::{demo_app, demo_app_first_frame, press};
use qiaomen::app::App;
use qiaomen::i18n::Lang;
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

/// The demo app's first frame with only `rows` lines of the roll read.
fn first_lines(lang: Lang, rows: u32) -> App {
    let mut app = demo_app_first_frame(lang);
    let backend = std::sync::Arc::clone(&app.backend);
    let (now, grid) = (app.now, app.grid_filter);
    app.roll_call
        .reload_head(&*backend, now, grid, rows)
        .expect("the head");
    app
}

/// `load_rest` until the whole roll call has come.
fn wait_whole(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(10);
    app.load_rest();
    while app.roll_call.partial.is_some() {
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
