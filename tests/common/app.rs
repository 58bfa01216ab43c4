//! The App on the demo community in a temporary store, with the clock fixed on the demo's day.

use std::sync::Arc;

use qiaomen::app::App;
use qiaomen::backend::{Backend, Direct};
use qiaomen::i18n::Lang;
use qiaomen_core::model::Id;
use qiaomen_core::{ClockTime, Date, Engine, Now};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::OPERATOR;

/// 2026-11-30 09:40 in +08:00, the demo's morning.
pub fn now() -> Now {
    Now::local(
        Date::from_ymd(2026, 11, 30).expect("a day"),
        ClockTime::new(9, 40).expect("a time"),
        480,
    )
}

pub fn demo_app(lang: Lang) -> App {
    let now = now();
    App::new(
        demo_backend(),
        lang,
        OPERATOR.to_owned(),
        Box::new(move || now),
    )
    .expect("the app starts")
}

/// The demo app as the terminal starts it: its first frame's data only (`App::first_frame`).
pub fn demo_app_first_frame(lang: Lang) -> App {
    let now = now();
    App::first_frame(
        demo_backend(),
        lang,
        OPERATOR.to_owned(),
        Box::new(move || now),
    )
    .expect("the app starts")
}

fn demo_backend() -> Arc<dyn Backend> {
    let now = now();
    let store = Engine::temporary("tester", now).expect("a scratch database");
    qiaomen::demo::load(&store, now, OPERATOR).expect("the demo loads");
    Arc::new(Direct::new(store))
}

/// The engine behind a test app, to check what was saved.
pub fn engine(app: &App) -> &Engine {
    app.backend
        .direct()
        .expect("a test app runs on the engine in this process")
        .engine()
}

pub fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

pub fn code(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses each character of `keys` in turn.
pub fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.handle_key(key(c));
    }
}

/// The id of the elder the roll call has selected.
pub fn selected_elder(app: &App) -> Id {
    app.roll_call
        .selected()
        .expect("an elder is selected")
        .elder
        .id
}

/// The id of the elder called `name`.
pub fn elder_id(app: &App, name: &str) -> Id {
    engine(app)
        .elders()
        .expect("elders")
        .into_iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("{name} is an elder"))
        .id
}
