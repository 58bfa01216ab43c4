//! Helpers shared by the integration tests: a fixed clock, fictional people, and a small
//! community built through commands. Each test binary uses only part of it.
#![allow(dead_code)]

pub mod golden;
pub mod samples;

use qiaomen_core::model::{
    AuditEntry, CarePlan, Category, CheckIn, Community, Grid, Id, Member, Method, Outcome,
    Resident, Role,
};
use qiaomen_core::{Actor, ClockTime, Command, Date, Engine, Error, Now, Store};

/// The community's offset in every test (+08:00).
pub const OFFSET: i16 = 480;

pub fn day(text: &str) -> Date {
    Date::parse(text).expect("test date")
}

pub fn time(text: &str) -> ClockTime {
    ClockTime::parse(text).expect("test time")
}

/// A local moment in the community's time zone.
pub fn at(date: &str, hhmm: &str) -> Now {
    Now::local(day(date), time(hhmm), OFFSET)
}

pub fn actor(operator: &str, now: Now) -> Actor {
    Actor {
        operator: operator.to_owned(),
        now,
    }
}

/// The operator every test applies commands as, on 2026-03-10 at 09:00.
pub fn clerk() -> Actor {
    actor("柳青禾", at("2026-03-10", "09:00"))
}

pub fn new_grid(code: &str, name: &str) -> Grid {
    Grid {
        id: 0,
        code: code.to_owned(),
        name: name.to_owned(),
        description: String::new(),
        stewards: Vec::new(),
    }
}

pub fn new_member(name: &str, grid: Option<Id>) -> Member {
    Member {
        id: 0,
        name: name.to_owned(),
        phone: String::new(),
        roles: vec![Role::Steward],
        grid,
        login: None,
        active: true,
    }
}

pub fn new_resident(name: &str, grid: Id) -> Resident {
    Resident {
        id: 0,
        name: name.to_owned(),
        gender: qiaomen_core::model::Gender::Female,
        birth: Some(day("1941-05-06")),
        phone: String::new(),
        id_number: None,
        household: None,
        grid,
        categories: Vec::new(),
        health: String::new(),
        contacts: Vec::new(),
        care: None,
        left: None,
    }
}

pub fn new_elder(name: &str, grid: Id, level: u8, active_from: &str) -> Resident {
    let mut r = new_resident(name, grid);
    r.categories = vec![Category::Elder];
    r.care = Some(CarePlan {
        level,
        callers: Vec::new(),
        doorbell: false,
        active_from: day(active_from),
        active_to: None,
        doorbell_device: None,
    });
    r
}

pub fn new_checkin(elder: Id, date: &str, hhmm: &str, outcome: Outcome) -> CheckIn {
    CheckIn {
        elder,
        date: day(date),
        seq: 0,
        time: time(hhmm),
        by: "柳青禾".to_owned(),
        method: Method::Phone,
        outcome,
        note: String::new(),
        away_until: None,
        contact: None,
        case: None,
    }
}

/// A temporary store (unjournalled) or a database on disk (through its engine).
pub trait Applies {
    fn apply_command(
        &self,
        command: Command,
        actor: &Actor,
    ) -> Result<qiaomen_core::Applied, Error>;
    fn the_store(&self) -> &Store;
}

impl Applies for Engine {
    fn apply_command(
        &self,
        command: Command,
        actor: &Actor,
    ) -> Result<qiaomen_core::Applied, Error> {
        self.apply(command, actor)
    }
    fn the_store(&self) -> &Store {
        self.store()
    }
}

impl Applies for Store {
    fn apply_command(
        &self,
        command: Command,
        actor: &Actor,
    ) -> Result<qiaomen_core::Applied, Error> {
        self.apply(command, actor)
    }
    fn the_store(&self) -> &Store {
        self
    }
}

/// Applies a command that must succeed and checks it left exactly one audit entry, with the
/// actor's operator and time. Returns the id the command reports.
pub fn apply_ok<S: Applies + ?Sized>(
    store: &S,
    command: Command,
    actor: &Actor,
) -> qiaomen_core::Applied {
    let what = format!("{command:?}");
    let store_ = store;
    let store = store_.the_store();
    let before = store.count::<AuditEntry>().unwrap();
    let applied = store_
        .apply_command(command, actor)
        .unwrap_or_else(|e| panic!("{what} failed: {e}"));
    assert_eq!(
        store.count::<AuditEntry>().unwrap(),
        before + 1,
        "audit entries after {what}"
    );
    let last = store.last::<AuditEntry>(1).expect("audit tail");
    assert_eq!(last[0].operator, actor.operator);
    assert_eq!(last[0].at, actor.now.unix);
    applied
}

/// Applies a command that must fail and checks that nothing at all was written (the full
/// export, audit log included, is byte for byte the same).
pub fn apply_err<S: Applies + ?Sized>(store: &S, command: Command, actor: &Actor) -> Error {
    let what = format!("{command:?}");
    let before = export(store.the_store(), true);
    let err = match store.apply_command(command, actor) {
        Ok(applied) => panic!("{what} should fail but gave {applied:?}"),
        Err(e) => e,
    };
    assert_eq!(
        export(store.the_store(), true),
        before,
        "{what} failed but wrote something"
    );
    err
}

pub fn export(store: &Store, with_audit: bool) -> String {
    let mut out = Vec::new();
    store.export(&mut out, with_audit).expect("export");
    String::from_utf8(out).expect("export is UTF-8")
}

/// The field an `Error::Invalid` names, for assertions.
pub fn invalid_field(e: &Error) -> &str {
    match e {
        Error::Invalid { field, .. } => field,
        other => panic!("expected Error::Invalid, got {other:?}"),
    }
}

/// One grid (G1), one steward, one elder (active since 2026-01-01) and one resident without a
/// care plan, all made through commands.
pub struct Town {
    pub store: Store,
    pub grid: Id,
    pub steward: Id,
    pub elder: Id,
    pub neighbour: Id,
}

pub fn town() -> Town {
    let store = Store::temporary().expect("temporary store");
    let a = clerk();
    apply_ok(&store, Command::Configure(Community::named("青石社区")), &a);
    let grid = apply_ok(&store, Command::SaveGrid(new_grid("G1", "第一网格")), &a).id;
    let steward = apply_ok(
        &store,
        Command::SaveMember(new_member("柳青禾", Some(grid))),
        &a,
    )
    .id;
    let mut e = new_elder("石秋云", grid, 1, "2026-01-01");
    e.care.as_mut().expect("care").callers = vec![steward];
    let elder = apply_ok(&store, Command::SaveResident(e), &a).id;
    let neighbour = apply_ok(
        &store,
        Command::SaveResident(new_resident("贺小满", grid)),
        &a,
    )
    .id;
    Town {
        store,
        grid,
        steward,
        elder,
        neighbour,
    }
}

/// Opens a database directory with sled itself, to read or damage raw values. A store that was
/// just dropped can hold sled's file lock for a moment while its threads wind down, so the
/// open is retried for a few seconds (no timing is asserted).
pub fn raw_open(dir: &std::path::Path) -> sled::Db {
    let dir = dir.join("store");
    let mut last = None;
    for _ in 0..100 {
        match sled::open(&dir) {
            Ok(db) => return db,
            Err(e) => last = Some(e),
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("raw sled open: {last:?}");
}

/// Opens a store on a directory that another handle (a dropped store, a raw sled database)
/// has just let go of: sled's threads can hold the file lock a moment longer, so a busy
/// database is retried for a few seconds (no timing is asserted). Other errors are returned.
pub fn try_reopen(dir: &std::path::Path) -> Result<Engine, Error> {
    let now = at("2026-11-30", "09:00");
    qiaomen_core::engine::retry_busy(|| {
        if qiaomen_core::engine::is_database(dir) {
            Engine::open(dir, "tester", now)
        } else {
            Engine::create(dir, "tester", now)
        }
    })
}

/// `try_reopen` that must succeed.
pub fn reopen(dir: &std::path::Path) -> Engine {
    try_reopen(dir).expect("open")
}

/// The store of a database directory opened for reading only, without the engine (to read
/// values written raw).
pub fn read_store(dir: &std::path::Path) -> Store {
    qiaomen_core::engine::retry_busy(|| Store::open(&dir.join("store"))).expect("open the store")
}

/// An export with every meeting's guests written as names, as releases before meeting format 2
/// wrote their attendees (`{"guest":"业委会"}` → `"业委会"`), to compare with their fixtures.
pub fn attendees_as_names(export: &str) -> String {
    const HEAD: &str = r#""attendees":["#;
    let mut out = String::with_capacity(export.len());
    let mut rest = export;
    while let Some(at) = rest.find(HEAD) {
        let start = at + HEAD.len();
        out.push_str(&rest[..start]);
        let end = start + rest[start..].find(']').unwrap_or(rest.len() - start);
        out.push_str(
            &rest[start..end]
                .replace(r#"{"guest":"#, "")
                .replace(r#""}"#, r#"""#),
        );
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A committed backup of the release before a schema (`tests/fixtures/NAME`: its snapshots,
/// its journal, and that release's export of it).
pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The backup `name` restored into `dir` at `now`, checked to have been migrated on open from
/// schema `from` to this program's (told once, one journal entry after the backup's); with
/// that release's export of it, the records as they were.
pub fn restore_migrated(
    name: &str,
    from: u32,
    dir: &std::path::Path,
    now: Now,
) -> (Engine, String) {
    use qiaomen_core::engine::Recovery;
    use qiaomen_core::store::SCHEMA_VERSION;
    let (engine, report) =
        Engine::restore(&fixture(name), None, dir, "tester", now).expect("restore the old backup");
    assert!(
        engine.recovered().contains(&Recovery::Migrated {
            from,
            to: SCHEMA_VERSION
        }),
        "told once: {:?}",
        engine.recovered()
    );
    assert_eq!(engine.schema().expect("schema"), SCHEMA_VERSION);
    assert_eq!(
        engine.last_seq(),
        report.seq + 1,
        "the migration is one entry"
    );
    let old = std::fs::read_to_string(fixture(name).join("export.jsonl")).expect("fixture export");
    (engine, old)
}
