//! Helpers for the resident card's tests: the open card, the screen as text, typing into the
//! card's form, and the demo app as a steward would have it through the server.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use qiaomen::app::App;
use qiaomen::backend::{Backend, Change, Direct};
use qiaomen::i18n::Lang;
use qiaomen::popups::Popup;
use qiaomen::popups::card::CardPopup;
use qiaomen_core::access::{self, Who};
use qiaomen_core::engine::{BackupReport, Recovery};
use qiaomen_core::model::{Grid, Id, Member, Resident};
use qiaomen_core::query::{Answer, Query};
use qiaomen_core::store::ImportReport;
use qiaomen_core::{Actor, Applied, Command, Engine, Now, Reads};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

use super::app::{code, engine, now, press};

pub fn card(app: &App) -> &CardPopup {
    match &app.popup {
        Some(Popup::Card(c)) => c,
        _ => panic!("a card is open"),
    }
}

pub fn card_of(app: &App) -> Id {
    card(app).resident().expect("the card shows someone").id
}

pub fn resident(app: &App, id: Id) -> Resident {
    engine(app).require::<Resident>(id).expect("the resident")
}

/// The screen as text at `w`×`h` (a draw also tells the card how far it can scroll).
pub fn screen(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    let frame = terminal.draw(|f| app.render(f)).expect("a frame");
    let buf = frame.buffer;
    (0..h)
        .map(|y| {
            // As a terminal shows it: the cell behind a wide character is not printed.
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
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn ctrl(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::CONTROL)
}

pub fn clear_and_type(app: &mut App, text: &str) {
    app.handle_key(ctrl(KeyCode::Char('u')));
    press(app, text);
}

/// Tabs the card's form to the row labelled `label`.
pub fn focus(app: &mut App, label: &str) {
    for _ in 0..40 {
        let row = card(app).editor().expect("the form is open").focused();
        if format!("{row:?}") == label {
            return;
        }
        app.handle_key(code(KeyCode::Tab));
    }
    panic!("no row {label} in the form");
}

/// The engine in this process, with the server's role rule in front of `apply`: every
/// command is authorized for `who` as the server would authorize that client.
pub struct AsMember {
    inner: Direct,
    who: Who,
}

impl Backend for AsMember {
    fn apply(&self, command: Command, actor: &Actor) -> qiaomen_core::Result<Applied> {
        let store: &dyn Backend = &self.inner;
        match access::authorize(&self.who, &command, store)? {
            Ok(()) => self.inner.apply(command, actor),
            Err(refusal) => Err(qiaomen_core::Error::Refused(refusal)),
        }
    }
    fn query(&self, query: Query) -> qiaomen_core::Result<Answer> {
        self.inner.query(query)
    }
    fn subscribe(&self) -> qiaomen_core::Result<Receiver<Change>> {
        self.inner.subscribe()
    }
    fn import(
        &self,
        file: &Path,
        label: &str,
        dry_run: bool,
        actor: &Actor,
    ) -> qiaomen_core::Result<ImportReport> {
        self.inner.import(file, label, dry_run, actor)
    }
    fn export(&self, out: &mut dyn Write, with_audit: bool) -> qiaomen_core::Result<usize> {
        self.inner.export(out, with_audit)
    }
    fn backup(&self, to: &Path, now: Now) -> qiaomen_core::Result<BackupReport> {
        self.inner.backup(to, now)
    }
    fn dir(&self) -> &Path {
        self.inner.dir()
    }
    fn recovered(&self) -> Vec<Recovery> {
        self.inner.recovered()
    }
    fn snapshot_if_due(&self, now: Now) {
        self.inner.snapshot_if_due(now);
    }
}

/// The demo app as the G1 steward 刘晓燕 (login liuxiaoyan) would have it through the server.
pub fn steward_app(lang: Lang) -> App {
    let engine = Engine::temporary("tester", now()).expect("a scratch database");
    qiaomen::demo::load(&engine, now(), super::OPERATOR).expect("the demo loads");
    let members = engine.all::<Member>().expect("members");
    let grids = engine.all::<Grid>().expect("grids");
    let who = access::identify("liuxiaoyan", false, None, &members, &grids).expect("a member");
    let backend = Arc::new(AsMember {
        inner: Direct::new(engine),
        who,
    });
    let at = now();
    App::new(backend, lang, "刘晓燕".to_owned(), Box::new(move || at)).expect("the app starts")
}
