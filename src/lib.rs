//! qiaomen (敲门): the app. `run` dispatches to the terminal UI or to one command; every
//! command returns its output so tests can check it.

pub mod action;
pub mod app;
pub mod backend;
pub mod chrome;
pub mod cli;
pub mod clipboard;
pub mod columns;
pub mod commands;
pub mod context;
pub mod damage_words;
pub mod day_words;
pub mod demo;
pub mod effect;
pub mod error;
pub mod error_words;
pub mod i18n;
pub mod keymap;
pub mod ladder;
pub mod log_words;
pub mod mouse;
pub mod panes;
pub mod popups;
pub mod progress;
pub mod service;
pub mod sheet;
pub mod stored_words;
pub mod theme;
pub mod trace;
pub mod tui;
pub mod view;
pub mod width;
pub mod wrap;

use qiaomen_core::Reads;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use cli::{Cli, Cmd};
use context::Context;
pub use error::AppError;

/// Makes the process private before it touches anything. Whatever the umask of the shell that
/// started it, every file and directory it creates is its user's alone (umask 077); and a crash
/// writes no core file, which would hold every phone and ID number the process had read
/// (RLIMIT_CORE 0). The hard limit is lowered too, so nothing started from here raises it.
/// Called on the first line of `main`.
pub fn harden() {
    use rustix::process::{Resource, Rlimit, setrlimit, umask};
    umask(rustix::fs::Mode::RWXG | rustix::fs::Mode::RWXO);
    // Lowering a limit is always permitted; should it fail all the same, the program still
    // works and only the protection is missing, which is no reason to refuse the steward.
    let _ = setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    );
}

/// Runs the command line and maps the result to an exit code, printing errors as one sentence.
pub fn main_with(cli: &Cli) -> ExitCode {
    trace::start();
    let lang = context::lang(cli);
    // Piped into a file, `grep` or another program, a table's cells are written whole: only a
    // person at a terminal needs long titles cut to keep the columns on one screen.
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        width::cells_whole();
    }
    let mut db = None;
    match run_on(cli, &mut db) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`qiaomen roll | head`) is not an error worth a message.
            let _ = stdout.write_all(out.as_bytes());
            let _ = stdout.flush();
            drop(stdout);
            if let Some(ctx) = &db {
                snapshot_when_due(ctx);
            }
            leave(db);
            ExitCode::SUCCESS
        }
        // `qiaomen export | head` closes the pipe: the reader's choice, not an error.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            // Written, not `eprintln!`ed: a closed standard error must not turn into a panic.
            let _ = writeln!(std::io::stderr(), "qiaomen: {}", e.message(lang));
            ExitCode::from(e.exit_code())
        }
    }
}

/// After a command has answered, on the database it already has open: the day's snapshot when
/// one is due, so that a community whose only use is the command line still gets its daily
/// snapshots. Errors here are not the command's: it already succeeded, and the next command
/// tries again.
fn snapshot_when_due(ctx: &Context) {
    if let Ok(now) = ctx.now() {
        ctx.backend.snapshot_if_due(now);
    }
}

/// Lets the process end without freeing the command's database. Its output is written and
/// flushed, and whatever it wrote is already durable (every commit is fsynced before it
/// answers; an import ends with a durable commit), so dropping the engine would only walk and
/// free sled's page cache and our own structures: 4–14% of a short command. The lock file and
/// a server's socket are closed by the kernel with the process. Only a database that removes
/// itself (a scratch one) is dropped; commands never open one through `Context::open`.
fn leave(db: Option<Context>) {
    if let Some(ctx) = db {
        let scratch = ctx
            .backend
            .direct()
            .is_some_and(|d| d.engine().removes_itself());
        if scratch {
            drop(ctx);
        } else {
            std::mem::forget(ctx);
        }
    }
}

/// The command's database, opened on first use and kept for `snapshot_when_due`.
fn opened<'a>(cli: &Cli, slot: &'a mut Option<Context>) -> Result<&'a Context, AppError> {
    if slot.is_none() {
        *slot = Some(Context::open(cli)?);
    }
    Ok(slot.as_ref().expect("opened above"))
}

/// Runs one invocation; returns what it prints on standard output.
pub fn run(cli: &Cli) -> Result<String, AppError> {
    run_on(cli, &mut None)
}

/// `run`, leaving the database the command opened in `db`.
fn run_on(cli: &Cli, db: &mut Option<Context>) -> Result<String, AppError> {
    let Some(command) = cli.command.as_ref() else {
        return open_ui(cli);
    };
    match command {
        Cmd::Init {
            community,
            demo,
            empty,
            group,
        } => commands::init::run(cli, community.as_deref(), *demo, *empty, group.as_deref()),
        Cmd::Import {
            file,
            dry_run,
            sheet,
        } => commands::import::run(opened(cli, db)?, file, *dry_run, sheet),
        Cmd::Export(args) => {
            let plan = commands::export::plan(args, context::lang(cli))?;
            commands::export::run(opened(cli, db)?, &plan)
        }
        Cmd::Roll { date, grid, json } => {
            commands::roll::run(opened(cli, db)?, date.as_deref(), grid.as_deref(), *json)
        }
        Cmd::Checkin(args) => commands::checkin::run(opened(cli, db)?, args),
        Cmd::Ladder(c) => commands::ladder::run(opened(cli, db)?, c),
        Cmd::Case(c) => commands::case::run(opened(cli, db)?, c),
        Cmd::Org(c) => commands::casework::run_org(opened(cli, db)?, c),
        Cmd::Summary(a) => commands::summary::run(opened(cli, db)?, a),
        Cmd::Log {
            since,
            by,
            grid,
            json,
        } => commands::log::run(
            opened(cli, db)?,
            since.as_deref(),
            by.as_deref(),
            grid.as_deref(),
            *json,
        ),
        Cmd::Household(c) => commands::register::household::run(opened(cli, db)?, c),
        Cmd::Partner(c) => commands::register::partner::run(opened(cli, db)?, c),
        Cmd::Pledge(c) => commands::register::pledge::run(opened(cli, db)?, c),
        Cmd::Fund(c) => commands::register::fund::run(opened(cli, db)?, c),
        Cmd::Visit(c) => commands::register::visit::run(opened(cli, db)?, c),
        Cmd::Doorbell(a) => commands::doorbell::run(opened(cli, db)?, a),
        Cmd::Meeting(c) => commands::register::meeting::run(opened(cli, db)?, c),
        Cmd::Activity(c) => commands::register::activity::run(opened(cli, db)?, c),
        Cmd::Goods(c) => commands::register::goods::run(opened(cli, db)?, c),
        Cmd::Find {
            query,
            limit,
            json,
            all,
        } => commands::find::run(opened(cli, db)?, &query.join(" "), *limit, *json, *all),
        Cmd::Generate { scale, seed, days } => commands::generate::run(cli, scale, *seed, *days),
        Cmd::Check { repair } => commands::check::run(cli, *repair),
        Cmd::Backup { to } => commands::backup::run(opened(cli, db)?, to),
        Cmd::Restore { from, at } => commands::restore::run(cli, from, at.as_deref()),
        Cmd::Serve(args) => commands::serve::run(cli, args),
        Cmd::Member(c) => commands::people::member::run(opened(cli, db)?, c),
        Cmd::Grid(c) => commands::people::grid::run(opened(cli, db)?, c),
        Cmd::Resident(c) => commands::people::resident::run(opened(cli, db)?, c),
        Cmd::Care(c) => commands::people::care::run(opened(cli, db)?, c),
        Cmd::Team(c) => commands::care::team::run(opened(cli, db)?, c),
        Cmd::Service(c) => commands::care::service::run(opened(cli, db)?, c),
        Cmd::Contact(c) => commands::people::contact::run(opened(cli, db)?, c),
        Cmd::Completions { shell } => Ok(commands::shell::completions(*shell)),
        Cmd::Man { command } => commands::shell::man(context::lang(cli), command),
    }
}

/// `qiaomen` and `qiaomen --demo`: the terminal UI.
fn open_ui(cli: &Cli) -> Result<String, AppError> {
    // The demo lives in a private temporary directory, removed at exit.
    let demo_dir = if cli.demo {
        Some(tempfile::Builder::new().prefix("qiaomen-demo-").tempdir()?)
    } else {
        None
    };
    let lang = context::lang(cli);
    // The terminal first, so something is on the screen while the store (or its server) opens.
    let mut screen = tui::Screen::open(demo_dir.as_ref().map(|d| d.path().to_owned()))?;
    match &demo_dir {
        Some(d) => screen.opening(lang, d.path()),
        None => screen.opening(lang, &context::db_dir(cli)),
    }
    // The demo is one person's scratch database: it runs in this process, with no server.
    let backend: Arc<dyn backend::Backend> = match &demo_dir {
        Some(d) => {
            let engine = qiaomen_core::Engine::create(
                &d.path().join("db"),
                &crate::context::os_user(),
                context::creation_now()?,
            )?;
            let direct = backend::Direct::new(engine);
            let offset = direct.engine().community()?.utc_offset_minutes;
            let operator = context::operator(cli, &direct)?;
            demo::load(direct.engine(), context::now(offset)?, &operator)?;
            Arc::new(direct)
        }
        None => context::connect(cli)?,
    };
    trace::mark("connected");
    // The demo (or an import) may have set the community's offset.
    let offset = backend.community()?.utc_offset_minutes;
    let operator = context::operator(cli, &*backend)?;
    trace::mark("community and operator");
    let start = context::now(offset)?;
    let clock = Box::new(move || context::now(offset).unwrap_or(start));
    let mut app = app::App::first_frame(Arc::clone(&backend), lang, operator, clock)?;
    trace::mark("first_frame read");
    app.plain = !theme::colour_allowed_here();
    app.roll_call.read_history_behind(&backend);
    if demo_dir.is_none() && !cli.no_server {
        let dir = std::path::absolute(context::db_dir(cli))?;
        let asked = cli.operator.clone();
        app.set_reconnect(Box::new(move || {
            let client = service::spawn::connect_or_start(&dir, lang, service::owns(&dir))?;
            client.identify(asked.as_deref())?;
            Ok(Arc::new(client) as Arc<dyn backend::Backend>)
        }));
    }
    if let Some(r) = backend.recovered().iter().find(|r| r.worth_telling()) {
        app.error(&i18n::recovery_brief(lang, backend.dir(), r));
    }
    // The day's snapshot is written beside the roll call, never in its way (a server takes
    // its own; this is for `--no-server` and the demo).
    let _ = std::thread::Builder::new()
        .name("snapshot".into())
        .spawn(move || {
            if let Ok(now) = context::now(offset) {
                backend.snapshot_if_due(now);
            }
        });
    screen.run(&mut app)?;
    Ok(String::new())
}
