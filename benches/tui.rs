//! Issue 3, the terminal UI, drawn into ratatui's TestBackend (no terminal I/O):
//! - start to first frame: `App::new` and one draw, on the demo and on the subdistrict, and the
//!   demo's whole start (database, demo load, app, draw) as `qiaomen --demo` does it;
//! - the register (4) shown for the first time, when its households are read, and a cursor move
//!   in it (the next household's file read, then drawn);
//! - a mark key to the redrawn row: `handle_key('o')`, which saves the check-in durably, then a
//!   draw;
//! - one frame of the roll call with every elder of the subdistrict in the list (draw only).
//!
//! Default database: the subdistrict (2,000 elders) with 30 days of history; benches/scale.sh
//! sets `QIAOMEN_BENCH_DB` to a copy of the five-year database.

mod common;

use std::sync::Arc;

use common::{Fixture, distribution, now};
use qiaomen::app::App;
use qiaomen::i18n::Lang;
use qiaomen_core::Engine;
use qiaomen_core::generate::Scale;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A common laptop terminal: 160 columns, 45 rows.
const WIDTH: u16 = 160;
const HEIGHT: u16 = 45;

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

fn app(store: &Arc<Engine>) -> App {
    App::new(
        Arc::new(qiaomen::backend::Direct::shared(Arc::clone(store))),
        Lang::Zh,
        "bench".to_owned(),
        Box::new(now),
    )
    .expect("app")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| app.render(f)).expect("draw");
}

/// A store with the demo community, as `--demo` makes it: on disk, in a temporary directory.
fn demo_store(dir: &std::path::Path) -> Arc<Engine> {
    let store = Engine::create(&dir.join("db"), "bench", now()).expect("create");
    qiaomen::demo::load(&store, now(), "bench").expect("demo");
    Arc::new(store)
}

fn first_frame(c: &mut criterion::Criterion, label: &str, store: &Arc<Engine>) {
    distribution(&format!("tui.first_frame {label}"), 20, || {
        let app = app(store);
        draw(&mut terminal(), &app);
    });
    c.bench_function(&format!("tui/first_frame/{label}"), |b| {
        b.iter(|| {
            let app = app(store);
            draw(&mut terminal(), &app);
        });
    });
}

fn main() {
    let mut c = common::criterion();

    // The demo's whole start: a fresh database each time, as `qiaomen --demo` does.
    distribution("tui.demo_start", 10, || {
        let dir = tempfile::tempdir().expect("temporary directory");
        let store = demo_store(dir.path());
        let app = app(&store);
        draw(&mut terminal(), &app);
    });
    let demo_dir = tempfile::tempdir().expect("temporary directory");
    let demo = demo_store(demo_dir.path());
    first_frame(&mut c, "demo", &demo);

    let fx = Fixture::load(Scale::Subdistrict, 30);
    first_frame(&mut c, &fx.label, &fx.store);

    // The register (4) shown for the first time: its households, partners and fund are read
    // then, not at start. A fresh App each run, so nothing is read yet; only the key and the
    // draw are timed.
    let four = KeyEvent::new(KeyCode::Char('4'), KeyModifiers::NONE);
    let mut samples: Vec<std::time::Duration> = (0..if common::bench_mode() { 10 } else { 2 })
        .map(|_| {
            let mut app = app(&fx.store);
            let mut term = terminal();
            let t = std::time::Instant::now();
            app.handle_key(four);
            draw(&mut term, &app);
            t.elapsed()
        })
        .collect();
    samples.sort();
    common::report(&format!("tui.enter_register {}", fx.label), &samples);
    // A cursor move in the register: the next household's file is read, then drawn.
    let mut register = app(&fx.store);
    let mut term = terminal();
    register.handle_key(four);
    let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    distribution(&format!("tui.register_move {}", fx.label), 100, || {
        register.handle_key(j);
        draw(&mut term, &register);
    });

    let mut app = app(&fx.store);
    let mut term = terminal();
    draw(&mut term, &app);
    println!(
        "QM tui.roll_rows {} {}",
        fx.label,
        app.roll_call.roll.entries.len()
    );
    distribution(&format!("tui.frame {}", fx.label), 200, || {
        draw(&mut term, &app);
    });
    c.bench_function(&format!("tui/frame/{}", fx.label), |b| {
        b.iter(|| draw(&mut term, &app));
    });

    let o = KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE);
    let before = fx.store.count_checkins().expect("count");
    distribution(&format!("tui.mark_redraw {}", fx.label), 300, || {
        app.handle_key(o);
        draw(&mut term, &app);
    });
    assert!(
        fx.store.count_checkins().expect("count") > before,
        "the mark key saved check-ins"
    );
    c.bench_function(&format!("tui/mark_redraw/{}", fx.label), |b| {
        b.iter(|| {
            app.handle_key(o);
            draw(&mut term, &app);
        });
    });
    c.final_summary();
}
