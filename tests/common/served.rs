//! The engine in this process as a server's client meets it at start: its roll call counts as
//! warm (`Backend::roll_is_warm`), so the first frame reads the roll's first lines, and every
//! query is written down, so a test can say what was read before the first frame.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::sync::{Arc, Mutex};

use qiaomen::app::App;
use qiaomen::backend::{Backend, Change, Direct};
use qiaomen::i18n::Lang;
use qiaomen_core::engine::{BackupReport, Recovery};
use qiaomen_core::query::{Answer, Query};
use qiaomen_core::store::ImportReport;
use qiaomen_core::{Actor, Applied, Command, Engine, Now};

use super::app::now;

pub struct Served {
    inner: Direct,
    /// Every query asked, in order.
    pub asked: Mutex<Vec<Query>>,
}

impl Served {
    /// The queries asked so far, taken (the next call sees only those after).
    pub fn take_asked(&self) -> Vec<Query> {
        std::mem::take(&mut *self.asked.lock().expect("not poisoned"))
    }
}

impl Backend for Served {
    fn apply(&self, command: Command, actor: &Actor) -> qiaomen_core::Result<Applied> {
        self.inner.apply(command, actor)
    }
    fn query(&self, query: Query) -> qiaomen_core::Result<Answer> {
        self.asked.lock().expect("not poisoned").push(query.clone());
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
    fn roll_is_warm(&self) -> bool {
        true
    }
}

/// The demo's engine behind `Served`.
pub fn demo_served() -> Arc<Served> {
    let now = now();
    let store = Engine::temporary("tester", now).expect("a scratch database");
    qiaomen::demo::load(&store, now, super::OPERATOR).expect("the demo loads");
    Arc::new(Served {
        inner: Direct::new(store),
        asked: Mutex::default(),
    })
}

/// The demo app's first frame as through a server, and the backend behind it.
pub fn served_first_frame(lang: Lang) -> (App, Arc<Served>) {
    let served = demo_served();
    let at = now();
    let app = App::first_frame(
        Arc::clone(&served) as Arc<dyn Backend>,
        lang,
        super::OPERATOR.to_owned(),
        Box::new(move || at),
    )
    .expect("the app starts");
    (app, served)
}
