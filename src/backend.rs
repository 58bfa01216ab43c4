//! The one boundary in front of the domain. The TUI and every command talk to a `Backend`:
//! `apply` a `Command`, ask a named `Query`, `subscribe` to changes. `Direct` is the engine in
//! this process (`--no-server`, tests, the demo); `service::Client` is the server over its
//! socket. Neither the panes nor the commands know which one they hold.
//!
//! Through `Reads` (implemented for every backend) the domain's views — a household's file,
//! the pledges due, a name typed on the command line — read the same records either way.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};

use qiaomen_core::engine::{BackupReport, CheckReport, Recovery};
use qiaomen_core::model::{CheckIn, Community, Id, RecordRef, Resident};
use qiaomen_core::query::{Answer, Query};
use qiaomen_core::rollcall::{DayCompletion, Roll, RollEntry};
use qiaomen_core::search::Hit;
use qiaomen_core::store::{ImportReport, Tree};
use qiaomen_core::summary::Summary;
use qiaomen_core::{Actor, Applied, Command, Date, Engine, Now, Reads, Result};

/// A change someone made, as the server tells every subscriber.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Change {
    /// A command was applied; the records it changed.
    Applied { records: Vec<RecordRef> },
    /// Many records changed at once (an import): read everything again.
    Everything,
    /// The server went away: nothing more will come on this channel.
    Gone,
}

pub trait Backend: Send + Sync + std::any::Any {
    /// Applies one command; `Ok` means it is durably saved.
    fn apply(&self, command: Command, actor: &Actor) -> Result<Applied>;
    /// Answers one named read.
    fn query(&self, query: Query) -> Result<Answer>;
    /// Every later change, by anyone, until the receiver is dropped.
    fn subscribe(&self) -> Result<Receiver<Change>>;
    /// Imports JSON Lines from `file` (read here, sent to the engine), all or nothing.
    fn import(
        &self,
        file: &Path,
        label: &str,
        dry_run: bool,
        actor: &Actor,
    ) -> Result<ImportReport>;
    /// Writes every record as JSON Lines; returns how many.
    fn export(&self, out: &mut dyn Write, with_audit: bool) -> Result<usize>;
    /// Copies the journal and snapshots to `to` (an absolute path).
    fn backup(&self, to: &Path, now: Now) -> Result<BackupReport>;
    /// The database directory.
    fn dir(&self) -> &Path;
    /// What opening the database found and repaired.
    fn recovered(&self) -> Vec<Recovery>;
    /// Takes the day's snapshot when one is due (a server does this by itself).
    fn snapshot_if_due(&self, now: Now);
    /// Who the server takes this client to be; `None` in this process (`--no-server`, where
    /// only the database's owner may open it).
    fn who(&self) -> Option<qiaomen_core::access::Who> {
        None
    }
    /// Another connection to the same database, for a read behind the screen that must not
    /// hold up this one's (`None`: this backend serves both at once, as the engine in this
    /// process does).
    fn another(&self) -> Option<Arc<dyn Backend>> {
        None
    }
    /// Whether the roll call is answered from state kept warm behind this backend (a
    /// server), so that a terminal's first frame may wait for its first lines; in this
    /// process the day's roll is built on its first read, which the first frame does not
    /// wait for (`App::first_frame`).
    fn roll_is_warm(&self) -> bool {
        false
    }
    /// The roll call as `qiaomen roll` prints it, laid out behind this backend (a server keeps
    /// it until the next change); `None`: lay it out here from the sheet (`roll_text`).
    fn laid_out_roll(
        &self,
        _date: Date,
        _now: Now,
        _grid: Option<Id>,
        _lang: crate::i18n::Lang,
    ) -> Option<Result<String>> {
        None
    }
    /// The summary as `qiaomen summary` prints it (text, or Markdown when `markdown`), laid out
    /// behind this backend (a server keeps it until the next change); `None`: lay it out here
    /// from the figures (`commands::summary::render`).
    fn laid_out_summary(
        &self,
        _date: Date,
        _now: Now,
        _grid: Option<Id>,
        _period: Option<(Date, Date)>,
        _lang: crate::i18n::Lang,
        _markdown: bool,
    ) -> Option<Result<String>> {
        None
    }
}

impl Reads for dyn Backend + '_ {
    /// Read in pages, so no answer is larger than `PAGE_BYTES` however large the kind.
    fn raw_all(&self, tree: Tree) -> Result<Vec<Vec<u8>>> {
        let mut all = Vec::new();
        let mut after = None;
        loop {
            match self.query(Query::Page {
                tree,
                after,
                max_bytes: PAGE_BYTES,
            })? {
                Answer::Page { values, last, done } => {
                    all.extend(values);
                    if done || last == after {
                        return Ok(all);
                    }
                    after = last;
                }
                other => return other.raw(),
            }
        }
    }

    fn raw_get(&self, tree: Tree, id: Id) -> Result<Option<Vec<u8>>> {
        self.query(Query::Get(tree, id))?.raw_one()
    }

    fn community(&self) -> Result<Community> {
        self.query(Query::Community)?.community()
    }

    fn elders(&self) -> Result<Vec<Resident>> {
        self.query(Query::Elders)?.elders()
    }

    /// Through the search of the engine behind: the server's warm index, or in this process
    /// the engine's own (which never builds its index for this).
    fn search_residents(&self, text: &str, limit: usize) -> Result<Option<Vec<Id>>> {
        if let Some(direct) = self.direct() {
            return direct.engine().search_residents(text, limit);
        }
        // Ages are not looked at: any day does.
        let day = Date::from_ymd(2000, 1, 1)?;
        let hits = self.find(text, day, limit, true)?;
        Ok(Some(qiaomen_core::engine::resident_ids(&hits)))
    }
}

/// The most a page of records read by kind holds (a page goes over by at most one record).
pub const PAGE_BYTES: u32 = 4 << 20;

/// The engine in this process. Its subscribers are told of the changes made through it.
pub struct Direct {
    engine: Arc<Engine>,
    subscribers: Mutex<Vec<Sender<Change>>>,
}

impl Direct {
    pub fn new(engine: Engine) -> Direct {
        Direct::shared(Arc::new(engine))
    }

    /// An engine some other part of the process also holds (the server, benchmarks).
    pub fn shared(engine: Arc<Engine>) -> Direct {
        Direct {
            engine,
            subscribers: Mutex::default(),
        }
    }

    /// `import`, telling `watch` how far it has read: each time the engine starts reading the
    /// file again (it reads it to check, then to write, sometimes once more for repeated
    /// check-ins) `watch(pass, 0)`, then `watch(pass, bytes read in this pass)` as it goes.
    /// Only in this process: through the server an import tells nothing until it ends.
    pub fn import_watched(
        &self,
        file: &Path,
        label: &str,
        dry_run: bool,
        actor: &Actor,
        watch: &mut dyn FnMut(u32, u64),
    ) -> Result<ImportReport> {
        let watch = std::cell::RefCell::new(watch);
        let mut pass = 0u32;
        let report = self.engine.import(
            || {
                pass += 1;
                (watch.borrow_mut())(pass, 0);
                let reader = Watched {
                    inner: std::fs::File::open(file)?,
                    pass,
                    read: 0,
                    watch: &watch,
                };
                Ok(std::io::BufReader::with_capacity(64 << 10, reader))
            },
            dry_run,
            &actor.operator,
            actor.now,
            label,
        )?;
        if !dry_run {
            self.tell(&Change::Everything);
        }
        Ok(report)
    }

    pub fn engine(&self) -> &Arc<Engine> {
        &self.engine
    }

    fn tell(&self, change: &Change) {
        self.subscribers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|s| s.send(change.clone()).is_ok());
    }
}

impl Backend for Direct {
    fn apply(&self, command: Command, actor: &Actor) -> Result<Applied> {
        let applied = self.engine.apply(command, actor)?;
        self.tell(&Change::Applied {
            records: applied.records.clone(),
        });
        Ok(applied)
    }

    fn query(&self, query: Query) -> Result<Answer> {
        self.engine.query(query)
    }

    fn subscribe(&self) -> Result<Receiver<Change>> {
        let (tx, rx) = mpsc::channel();
        self.subscribers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(tx);
        Ok(rx)
    }

    fn import(
        &self,
        file: &Path,
        label: &str,
        dry_run: bool,
        actor: &Actor,
    ) -> Result<ImportReport> {
        self.import_watched(file, label, dry_run, actor, &mut |_, _| {})
    }

    fn export(&self, out: &mut dyn Write, with_audit: bool) -> Result<usize> {
        self.engine.export(out, with_audit)
    }

    fn backup(&self, to: &Path, now: Now) -> Result<BackupReport> {
        self.engine.backup(to, now)
    }

    fn dir(&self) -> &Path {
        self.engine.dir()
    }

    fn recovered(&self) -> Vec<Recovery> {
        self.engine.recovered().to_vec()
    }

    /// Laid out here as a server lays it out (`service::server::roll_text`): from the sheet
    /// and the engine's kept members and grids, read once for the sheet's ladder and the text
    /// instead of twice.
    fn laid_out_roll(
        &self,
        date: Date,
        now: Now,
        grid: Option<Id>,
        lang: crate::i18n::Lang,
    ) -> Option<Result<String>> {
        let text = || -> Result<String> {
            let sheet = self
                .engine
                .query(Query::RollSheet { date, now, grid })?
                .roll_sheet()?;
            crate::commands::roll::text_on(&self.engine, lang, sheet)
        };
        Some(text())
    }

    fn snapshot_if_due(&self, now: Now) {
        // Errors here are not the caller's: it already succeeded, and the next one tries again.
        let _ = self.engine.snapshot_if_due(now);
    }
}

/// A path made absolute against the current directory (a client's `--to` means where the
/// client stands, not where the server does).
/// A file read through `import_watched`, telling how many bytes of it have been read.
struct Watched<'w, 'f> {
    inner: std::fs::File,
    pass: u32,
    read: u64,
    watch: &'w std::cell::RefCell<&'f mut dyn FnMut(u32, u64)>,
}

impl std::io::Read for Watched<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        (self.watch.borrow_mut())(self.pass, self.read);
        Ok(n)
    }
}

pub fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    std::path::absolute(path)
}

/// The named queries, typed.
impl dyn Backend {
    /// The engine in this process, when this backend is one (tests, benchmarks).
    pub fn direct(&self) -> Option<&Direct> {
        let any: &dyn std::any::Any = self;
        any.downcast_ref()
    }

    pub fn roll(&self, date: Date, now: Now, grid: Option<Id>) -> Result<Roll> {
        self.query(Query::Roll { date, now, grid })?.roll()
    }

    /// The first `rows` lines of a day's roll call and the counts of all (a terminal's first
    /// screen).
    pub fn roll_head(
        &self,
        date: Date,
        now: Now,
        grid: Option<Id>,
        rows: u32,
    ) -> Result<qiaomen_core::roll_head::RollHead> {
        self.query(Query::RollHead {
            date,
            now,
            grid,
            rows,
        })?
        .roll_head()
    }

    /// The roll call as printed (`qiaomen roll`): a few fields per elder.
    pub fn roll_sheet(
        &self,
        date: Date,
        now: Now,
        grid: Option<Id>,
    ) -> Result<qiaomen_core::roll_sheet::Sheet> {
        self.query(Query::RollSheet { date, now, grid })?
            .roll_sheet()
    }

    /// The roll call as `qiaomen roll` prints it in `lang`: laid out by the server, or here
    /// from the sheet (`commands::roll::text`), the same text either way.
    pub fn roll_text(
        &self,
        date: Date,
        now: Now,
        grid: Option<Id>,
        lang: crate::i18n::Lang,
    ) -> Result<String> {
        if let Some(text) = self.laid_out_roll(date, now, grid, lang) {
            return text;
        }
        let sheet = self.roll_sheet(date, now, grid)?;
        let crew = crate::ladder::Crew::read(self)?;
        let community = self.community().map(|c| c.name).unwrap_or_default();
        Ok(crate::commands::roll::text(
            lang,
            &community,
            &sheet,
            &crew.grids,
            &crew.members,
        ))
    }

    pub fn roll_entry(&self, date: Date, now: Now, elder: Id) -> Result<Option<RollEntry>> {
        self.query(Query::RollEntry { date, now, elder })?
            .roll_entry()
    }

    /// Several records of a kind by id in one request (those that exist).
    pub fn get_many<T: qiaomen_core::store::Entity>(&self, ids: Vec<Id>) -> Result<Vec<T>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.query(Query::GetMany(T::TREE, ids))?
            .raw()?
            .iter()
            .map(|b| T::decode(b))
            .collect()
    }

    pub fn checkins_of(&self, elder: Id, from: Date, to: Date) -> Result<Vec<CheckIn>> {
        self.query(Query::CheckInsOf { elder, from, to })?
            .checkins()
    }

    pub fn completion(&self, from: Date, to: Date, grid: Option<Id>) -> Result<Vec<DayCompletion>> {
        self.query(Query::Completion { from, to, grid })?
            .completion()
    }

    pub fn summary(
        &self,
        date: Date,
        now: Now,
        grid: Option<Id>,
        period: Option<(Date, Date)>,
    ) -> Result<Summary> {
        self.query(Query::Summary {
            date,
            now,
            grid,
            period,
        })?
        .summary()
    }

    pub fn first_record_day(&self, grid: Option<Id>) -> Result<Option<Date>> {
        self.query(Query::FirstRecordDay { grid })?.day()
    }

    /// Search; residents who have left only when `all` (`find --all`).
    pub fn find(&self, text: &str, today: Date, limit: usize, all: bool) -> Result<Vec<Hit>> {
        self.query(Query::Find {
            text: text.to_owned(),
            today,
            limit,
            all,
        })?
        .hits()
    }

    pub fn check(&self) -> Result<CheckReport> {
        self.query(Query::Check)?.check()
    }
}
