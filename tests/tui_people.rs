//! The grids pane's forms (issue 13) key by key, without a terminal: `n` adds a grid and `m` a
//! member (to the selected grid) on the demo community; what was saved is read back through
//! the store, a refusal stays inside the form, and the form is drawn at 80×24 in both
//! languages.

mod common;

use common::app::{code, demo_app, engine, key, press};
use qiaomen::app::{App, Pane};
use qiaomen::i18n::Lang;
use qiaomen::popups::Popup;
use qiaomen::popups::form::Form;
use qiaomen_core::Reads;
use qiaomen_core::model::{Grid, Member, Role};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr;

fn grids(lang: Lang) -> App {
    let mut app = demo_app(lang);
    press(&mut app, "1");
    assert_eq!(app.pane, Pane::Grids);
    app
}

fn form(app: &App) -> &Form {
    match &app.popup {
        Some(Popup::Form(f)) => f,
        _ => panic!("a form is open"),
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(key(c));
    }
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let frame = terminal.draw(|f| app.render(f)).expect("a frame");
    let buf = frame.buffer;
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut hidden = 0;
        for x in 0..buf.area.width {
            let symbol = buf[(x, y)].symbol();
            if hidden == 0 {
                out.push_str(symbol);
            }
            hidden = hidden.max(symbol.width()).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

#[test]
fn n_adds_a_grid_with_the_next_free_code() {
    let mut app = grids(Lang::Zh);
    press(&mut app, "n");
    assert_eq!(
        form(&app).fields[0].input.text,
        "G7",
        "the next free code is offered"
    );
    let shown = screen(&app);
    assert!(
        shown.contains("新增网格") && shown.contains("编码"),
        "{shown}"
    );
    // Focus starts in the name, the first empty field.
    assert_eq!(form(&app).focus, 1);
    typed(&mut app, "江畔网格");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "the form closes once saved");
    let saved: Vec<Grid> = engine(&app).all::<Grid>().expect("grids");
    let g7 = saved.iter().find(|g| g.code == "G7").expect("G7 saved");
    assert_eq!(g7.name, "江畔网格");
    // The pane shows it, selected.
    assert_eq!(app.grids[app.grid_pane.cursor.selected].id, g7.id);
}

#[test]
fn m_adds_a_member_to_the_selected_grid_and_a_refusal_stays_in_the_form() {
    let mut app = grids(Lang::En);
    press(&mut app, "j");
    let selected = app.grids[app.grid_pane.cursor.selected].id;
    press(&mut app, "m");
    assert!(screen(&app).contains("New member"));
    typed(&mut app, "石小川");
    app.handle_key(code(KeyCode::Tab));
    typed(&mut app, "138-abc");
    app.handle_key(code(KeyCode::Enter));
    let message = form(&app).message.clone().expect("the phone is refused");
    assert!(message.contains("phone"), "{message}");
    let count = |app: &App| {
        engine(app)
            .all::<Member>()
            .expect("members")
            .iter()
            .filter(|m| m.name == "石小川")
            .count()
    };
    assert_eq!(count(&app), 0, "nothing saved");
    for _ in 0.."138-abc".len() {
        app.handle_key(code(KeyCode::Backspace));
    }
    typed(&mut app, "13900000002");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.popup.is_none(), "{:?}", form_message(&app));
    let m = engine(&app)
        .all::<Member>()
        .expect("members")
        .into_iter()
        .find(|m| m.name == "石小川")
        .expect("saved");
    assert_eq!(
        (m.phone.as_str(), m.roles.as_slice(), m.grid),
        ("13900000002", &[Role::Volunteer][..], Some(selected))
    );
    assert!(
        app.members.iter().any(|x| x.id == m.id),
        "the app knows the new member"
    );
}

fn form_message(app: &App) -> Option<String> {
    match &app.popup {
        Some(Popup::Form(f)) => f.message.clone(),
        _ => None,
    }
}
