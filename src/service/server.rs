//! `qiaomen serve`: the one process that owns a database. It opens the engine (and so holds
//! its lock), listens on the socket, answers each client on its own thread and pushes every
//! change to every subscriber.
//!
//! Memory is bounded per client, never by a time-out (an idle TUI is a normal client): a frame
//! over the limit, or one that cannot be read, gets one error and the connection is closed; a
//! subscriber that does not read its changes has a queue of `SUBSCRIBER_QUEUE`, past which it
//! is told `Change::Everything` instead, and a write that blocks for `PUSH_TIMEOUT` drops it.
//! No one who applies a command ever waits for a subscriber.

use std::io::{self, BufReader, Read, Write};
use std::os::unix::fs::MetadataExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use qiaomen_core::wire::WireError;
use qiaomen_core::{Engine, Error, Now};

use super::protocol::{
    self, CHUNK, FrameError, Greeting, MAX_GREETING, MAX_IMPORT, MAX_REQUEST, PROTOCOL, Request,
    Response,
};
use super::socket::{PID_FILE, SocketPath};
use crate::backend::Change;
use crate::error::AppError;

/// The most clients served at once; the next one is told so and closed.
pub const MAX_CLIENTS: usize = 256;
/// The most connections one OS user other than the owner may hold (a UI takes two, a command
/// one): a group member cannot take every place from the rest of the team.
pub const MAX_CLIENTS_PER_USER: usize = 32;
/// Changes waiting for one subscriber; past this it gets `Change::Everything` once it reads.
pub const SUBSCRIBER_QUEUE: usize = 1024;
/// How long a push to a subscriber may block before that subscriber is dropped.
pub const PUSH_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a new connection has to say hello.
pub const HELLO_TIMEOUT: Duration = Duration::from_secs(10);
/// The idle time after which a server with no client exits, unless `--idle-minutes`.
pub const DEFAULT_IDLE: Duration = Duration::from_secs(15 * 60);
/// The least time between two snapshot checks.
pub const SNAPSHOT_EVERY: Duration = Duration::from_secs(60);
/// How often the accept loop looks at its stop conditions.
const TICK: Duration = Duration::from_millis(100);
/// How long a stopping server waits for requests under way.
const DRAIN: Duration = Duration::from_secs(10);

pub struct Options {
    /// Log to standard error (for systemd); otherwise the log is standard error as the
    /// spawner set it up (`server.log`).
    pub foreground: bool,
    pub idle: Duration,
}

/// One line in the log, with the time.
pub fn log(line: &str) {
    // UTC, to the second: the log is read next to other logs of the machine.
    let now = time::OffsetDateTime::now_utc();
    let _ = writeln!(
        io::stderr().lock(),
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z qiaomen serve[{}]: {line}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
        std::process::id()
    );
}

struct Subscriber {
    tx: SyncSender<Push>,
    lagged: Arc<AtomicBool>,
}

enum Push {
    Change(Change),
    /// The subscriber's connection closed: its writer stops.
    Close,
}

struct Shared {
    engine: Engine,
    dir: PathBuf,
    subscribers: Mutex<Vec<Subscriber>>,
    clients: AtomicUsize,
    /// When the last client left (or the server started).
    idle_since: Mutex<Instant>,
    stop: Arc<AtomicBool>,
    /// A command was applied since the last snapshot check.
    dirty: AtomicBool,
    /// A client of a newer protocol came: this server gives way once its clients have left.
    outdated: AtomicBool,
    /// Every connection, to be shut down when the server stops, with its client's uid.
    streams: Mutex<Vec<(u64, UnixStream, u32)>>,
    next_id: AtomicUsize,
    /// Summaries and printed roll calls sent, kept until the next change.
    answers: super::answers::Answers,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    fn tell(&self, change: &Change) {
        lock(&self.subscribers).retain(|s| match s.tx.try_send(Push::Change(change.clone())) {
            Ok(()) => true,
            Err(TrySendError::Full(_)) => {
                s.lagged.store(true, Ordering::Relaxed);
                true
            }
            Err(TrySendError::Disconnected(_)) => false,
        });
    }

    fn now(&self) -> Option<Now> {
        let offset = self.engine.community().ok()?.utc_offset_minutes;
        crate::context::now(offset).ok()
    }
}

/// The executable on disk, to notice when it is replaced by a new build.
fn exe_stamp() -> Option<(PathBuf, u64, u64, i64, i64)> {
    let path = std::fs::read_link("/proc/self/exe")
        .ok()
        .or_else(|| std::env::current_exe().ok())?;
    // A replaced binary shows as "… (deleted)": it no longer exists at its own path.
    let m = std::fs::metadata(&path).ok()?;
    Some((path, m.dev(), m.ino(), m.mtime(), m.mtime_nsec()))
}

fn exe_changed(start: Option<&(PathBuf, u64, u64, i64, i64)>) -> bool {
    let Some(start) = start else { return false };
    match std::fs::metadata(&start.0) {
        Ok(m) => {
            (m.dev(), m.ino(), m.mtime(), m.mtime_nsec()) != (start.1, start.2, start.3, start.4)
        }
        Err(_) => true,
    }
}

/// Runs the server until it is stopped, idle or outdated.
pub fn serve(dir: &Path, opts: &Options) -> Result<(), AppError> {
    let dir = std::path::absolute(dir)?;
    if !qiaomen_core::engine::is_database(&dir) {
        return Err(Error::NoDatabase(dir).into());
    }
    let now = crate::context::creation_now()?;
    // Counted in the background by the warm-up, so the first answer does not wait for it.
    let engine = Engine::open_lean(&dir, &crate::context::os_user(), now)?;
    for r in engine.recovered() {
        log(&crate::i18n::recovery(crate::i18n::Lang::En, &dir, r));
    }
    let socket = SocketPath::of(&dir)?;
    let listener = socket.bind()?;
    listener.set_nonblocking(true)?;
    std::fs::write(dir.join(PID_FILE), format!("{}\n", std::process::id()))?;
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let shared = Arc::new(Shared {
        engine,
        dir: dir.clone(),
        subscribers: Mutex::default(),
        clients: AtomicUsize::new(0),
        idle_since: Mutex::new(Instant::now()),
        stop,
        dirty: AtomicBool::new(true),
        outdated: AtomicBool::new(false),
        streams: Mutex::default(),
        next_id: AtomicUsize::new(0),
        answers: super::answers::Answers::default(),
    });
    log(&format!(
        "serving {} on {} (protocol {PROTOCOL}, {}{})",
        dir.display(),
        socket.path().display(),
        protocol::build_id(),
        if opts.foreground { ", foreground" } else { "" }
    ));
    let warm = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("warm-up".into())
        .spawn(move || {
            let warmed = match warm.now() {
                Some(now) => warm.engine.warm_up(now),
                None => warm.engine.verify_deferred(),
            };
            match warmed {
                Ok(None) => {}
                Ok(Some(trouble)) => {
                    // The next server's open rebuilds the store from the journal.
                    log(&format!("the store is damaged ({trouble}): stopping"));
                    warm.stop.store(true, Ordering::Relaxed);
                }
                Err(e) => log(&format!("warming up failed: {e}")),
            }
        })?;
    let snap = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("snapshots".into())
        .spawn(move || snapshots(&snap))?;

    let exe = exe_stamp();
    let mut last_exe_check = Instant::now();
    let why = loop {
        if shared.stop.load(Ordering::Relaxed) {
            break "asked to stop";
        }
        match listener.accept() {
            Ok((stream, _)) => {
                let _ = stream.set_nonblocking(false);
                admit(&shared, stream);
                continue;
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                log(&format!("accepting failed: {e}"));
            }
        }
        if shared.clients.load(Ordering::SeqCst) == 0 {
            if lock(&shared.idle_since).elapsed() >= opts.idle {
                break "idle";
            }
            if shared.outdated.load(Ordering::Relaxed) {
                break "a client of a newer protocol came";
            }
            if last_exe_check.elapsed() >= Duration::from_secs(1) {
                last_exe_check = Instant::now();
                if exe_changed(exe.as_ref()) {
                    break "the program was replaced by a new build";
                }
            }
        }
        // Wait for the next client (answered at once) or the next tick of housekeeping.
        let mut fds = [rustix::event::PollFd::new(
            &listener,
            rustix::event::PollFlags::IN,
        )];
        let tick = rustix::event::Timespec {
            tv_sec: 0,
            tv_nsec: TICK.as_nanos() as i64,
        };
        let _ = rustix::event::poll(&mut fds, Some(&tick));
    };
    // No one new can reach the server once the socket is gone.
    socket.remove();
    drop(listener);
    log(&format!("stopping: {why}"));
    shared.stop.store(true, Ordering::SeqCst);
    // Requests under way are answered; idle connections are closed, and subscribers' writers
    // end once their queues are read (no sender is left but the closing reader's).
    for (_, s, _) in lock(&shared.streams).iter() {
        let _ = s.shutdown(std::net::Shutdown::Read);
    }
    lock(&shared.subscribers).clear();
    let deadline = Instant::now() + DRAIN;
    while shared.clients.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = std::fs::remove_file(dir.join(PID_FILE));
    if let Err(e) = shared.engine.sync() {
        log(&format!("final sync failed: {e}"));
    }
    log("stopped");
    Ok(())
}

/// The day's snapshot, checked at start and at most once a minute after commands.
fn snapshots(shared: &Shared) {
    let mut last: Option<Instant> = None;
    while !shared.stop.load(Ordering::Relaxed) {
        if last.is_none_or(|l| l.elapsed() >= SNAPSHOT_EVERY)
            && shared.dirty.swap(false, Ordering::Relaxed)
        {
            last = Some(Instant::now());
            if let Some(now) = shared.now() {
                match shared.engine.snapshot_if_due(now) {
                    Ok(Some(r)) => {
                        log(&format!("snapshot taken: {r:?}"));
                        compact(shared, now);
                    }
                    Ok(None) => {}
                    Err(e) => log(&format!("snapshot failed: {e}")),
                }
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// After the day's snapshot: the store rebuilt if sled has let it grow (`Engine::compact`),
/// built by a child process (`service::build`). Clients are answered meanwhile; they wait
/// only for the swap.
fn compact(shared: &Shared, now: Now) {
    let done = match std::env::current_exe() {
        Ok(exe) => shared
            .engine
            .compact_if_grown_with(now, &|job| super::build::in_child(&exe, &shared.dir, job)),
        Err(_) => shared.engine.compact_if_grown(now),
    };
    match done {
        Ok(Some(r)) => log(&format!("store compacted: {r:?}")),
        Ok(None) => {}
        Err(e) => {
            log(&format!("compacting the store failed: {e}"));
            if shared.engine.writes_stopped() {
                // The next server's open finds whichever store is in place, and the journal.
                log("the store could not be reopened: stopping");
                shared.stop.store(true, Ordering::Relaxed);
            }
        }
    }
}

/// Counts a client in, and out when its thread ends.
struct ClientSlot {
    shared: Arc<Shared>,
    id: u64,
}

impl Drop for ClientSlot {
    fn drop(&mut self) {
        lock(&self.shared.streams).retain(|(id, _, _)| *id != self.id);
        let mut idle = lock(&self.shared.idle_since);
        if self.shared.clients.fetch_sub(1, Ordering::SeqCst) == 1 {
            *idle = Instant::now();
        }
    }
}

fn admit(shared: &Arc<Shared>, mut stream: UnixStream) {
    if shared.clients.load(Ordering::SeqCst) >= MAX_CLIENTS {
        log(&format!("refused a client: {MAX_CLIENTS} are connected"));
        let _ = protocol::write_greeting(
            &mut stream,
            &Greeting::Refused(format!(
                "the qiaomen server already serves {MAX_CLIENTS} clients"
            )),
        );
        return;
    }
    // Who connected: the socket's mode decides who can; the roles decide what they may do.
    let peer = match super::peer::Peer::of(&stream, &shared.dir) {
        Ok(p) => p,
        Err(e) => {
            log(&format!(
                "refused a client whose credentials could not be read: {e}"
            ));
            return;
        }
    };
    if !peer.owner
        && lock(&shared.streams)
            .iter()
            .filter(|(_, _, uid)| *uid == peer.uid)
            .count()
            >= MAX_CLIENTS_PER_USER
    {
        log(&format!(
            "refused a client: {} holds {MAX_CLIENTS_PER_USER} connections",
            peer.os_user
        ));
        let _ = protocol::write_greeting(
            &mut stream,
            &Greeting::Refused(format!(
                "{} already holds {MAX_CLIENTS_PER_USER} connections to this server",
                peer.os_user
            )),
        );
        return;
    }
    shared.clients.fetch_add(1, Ordering::SeqCst);
    let id = shared.next_id.fetch_add(1, Ordering::Relaxed) as u64;
    let slot = ClientSlot {
        shared: Arc::clone(shared),
        id,
    };
    if let Ok(s) = stream.try_clone() {
        lock(&shared.streams).push((id, s, peer.uid));
    }
    let spawned = std::thread::Builder::new()
        .name(format!("client-{id}"))
        .spawn(move || {
            let shared = Arc::clone(&slot.shared);
            if let Err(e) = client(&shared, stream, peer) {
                log(&format!("client {id}: {e}"));
            }
            drop(slot);
        });
    if let Err(e) = spawned {
        log(&format!("could not start a client thread: {e}"));
    }
}

fn reply(stream: &mut UnixStream, response: &Response) -> io::Result<()> {
    protocol::write_frame(stream, &protocol::response_frame(response))
}

fn wire(e: &Error) -> WireError {
    WireError::from(e)
}

/// One client: its hello, then requests until it leaves.
fn client(
    shared: &Arc<Shared>,
    mut stream: UnixStream,
    mut peer: super::peer::Peer,
) -> io::Result<()> {
    stream.set_read_timeout(Some(HELLO_TIMEOUT))?;
    let hello = match protocol::read_frame(&mut stream, MAX_GREETING) {
        Ok(f) => f,
        Err(FrameError::Closed) => return Ok(()),
        Err(FrameError::TooLong(n)) => {
            return Err(io::Error::other(format!("a hello of {n} bytes")));
        }
        Err(FrameError::Io(e)) => return Err(e),
    };
    let (theirs, build) = protocol::split_versioned(&hello)?;
    if theirs != PROTOCOL {
        if theirs > PROTOCOL {
            shared.outdated.store(true, Ordering::Relaxed);
        }
        log(&format!(
            "refused a client of protocol {theirs} ({})",
            String::from_utf8_lossy(build)
        ));
        return protocol::write_greeting(
            &mut stream,
            &Greeting::Refused(format!("this server speaks protocol {PROTOCOL}")),
        );
    }
    stream.set_read_timeout(None)?;
    protocol::write_greeting(
        &mut stream,
        &Greeting::Welcome {
            build: protocol::build_id(),
            recovered: shared.engine.recovered().to_vec(),
        },
    )?;
    loop {
        if shared.stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let request = match read_request(&mut stream) {
            Ok(Some(r)) => to_the_minute_of(r),
            Ok(None) => return Ok(()),
            Err(e) => {
                let _ = reply(
                    &mut stream,
                    &Response::Failed(WireError::Other(e.to_string())),
                );
                return Err(e);
            }
        };
        match request {
            Request::Identify { operator } => {
                peer.set_asked(operator);
                let r = match peer.who(&shared.engine) {
                    Ok(Ok(who)) => Ok(who),
                    Ok(Err(refusal)) => Err(WireError::Refused(refusal)),
                    Err(e) => Err(wire(&e)),
                };
                reply(&mut stream, &Response::Identified(r))?;
            }
            Request::Apply { command, actor } => {
                let r = peer.apply(&shared.engine, command, &actor);
                if let Ok(applied) = &r {
                    shared.dirty.store(true, Ordering::Relaxed);
                    shared.tell(&Change::Applied {
                        records: applied.records.clone(),
                    });
                }
                reply(&mut stream, &Response::Applied(r.map_err(|e| wire(&e))))?;
            }
            Request::Query(q @ qiaomen_core::query::Query::Summary { .. }) => {
                let r = kept_answer(shared, &peer, &Request::Query(q.clone()), || {
                    Ok(Response::Answer(Ok(peer.query(&shared.engine, q)?)))
                });
                match r {
                    Ok(frame) => protocol::write_frame(&mut stream, &frame)?,
                    Err(e) => reply(&mut stream, &Response::Answer(Err(wire(&e))))?,
                }
            }
            Request::Query(q) => {
                let r = peer.query(&shared.engine, q);
                reply(&mut stream, &Response::Answer(r.map_err(|e| wire(&e))))?;
            }
            request @ Request::RollText {
                date,
                now,
                grid,
                lang,
                whole,
            } => {
                kept_text(&mut stream, shared, &peer, &request, || {
                    crate::width::with_cells_whole(whole, || {
                        roll_text(shared, &peer, date, now, grid, lang)
                    })
                })?;
            }
            request @ Request::SummaryText {
                date,
                now,
                grid,
                period,
                lang,
                markdown,
            } => {
                kept_text(&mut stream, shared, &peer, &request, || {
                    let query = qiaomen_core::query::Query::Summary {
                        date,
                        now,
                        grid,
                        period,
                    };
                    let summary = peer.query(&shared.engine, query)?.summary()?;
                    let format = if markdown {
                        crate::cli::Format::Md
                    } else {
                        crate::cli::Format::Text
                    };
                    Ok(crate::commands::summary::render(&summary, format, lang))
                })?;
            }
            // Only a member hears of changes (which records changed, not what they hold).
            Request::Subscribe => match peer.who(&shared.engine) {
                Ok(Ok(_)) => return subscriber(shared, stream),
                Ok(Err(refusal)) => {
                    reply(&mut stream, &Response::Failed(WireError::Refused(refusal)))?;
                }
                Err(e) => reply(&mut stream, &Response::Failed(wire(&e)))?,
            },
            Request::Import {
                label,
                dry_run,
                actor,
            } => {
                let checked = peer
                    .may_whole(&shared.engine, true)
                    .and_then(|()| peer.name(&shared.engine));
                let r = match checked {
                    Ok(name) => {
                        let actor = qiaomen_core::Actor {
                            operator: name,
                            now: actor.now,
                        };
                        import(shared, &mut stream, &label, dry_run, &actor)?
                    }
                    Err(e) => {
                        skip_import(&mut stream)?;
                        Err(e)
                    }
                };
                if r.is_ok() && !dry_run {
                    shared.dirty.store(true, Ordering::Relaxed);
                    shared.tell(&Change::Everything);
                }
                reply(&mut stream, &Response::Imported(r.map_err(|e| wire(&e))))?;
            }
            Request::Export { with_audit } => {
                let mut out = Chunks {
                    stream: &mut stream,
                    buf: Vec::with_capacity(CHUNK),
                };
                let r = peer.export(&shared.engine, &mut out, with_audit);
                let r = r.and_then(|n| out.flush().map(|()| n).map_err(Error::from));
                reply(&mut stream, &Response::Exported(r.map_err(|e| wire(&e))))?;
            }
            Request::Backup { to, now } => {
                let r = peer
                    .may_back_up(&shared.engine)
                    .and_then(|()| shared.engine.backup(&to, now));
                reply(&mut stream, &Response::BackedUp(r.map_err(|e| wire(&e))))?;
            }
            Request::Ping => reply(&mut stream, &Response::Pong)?,
            Request::Shutdown if !peer.owner => {
                let e = Error::Refused(qiaomen_core::access::Refusal::Rank {
                    who: peer.os_user.clone(),
                    rank: qiaomen_core::access::Rank::Volunteer,
                    action: "settings",
                });
                reply(&mut stream, &Response::Failed(wire(&e)))?;
            }
            Request::Shutdown => {
                log("asked to stop by a client");
                shared.stop.store(true, Ordering::SeqCst);
                reply(&mut stream, &Response::Stopping)?;
                return Ok(());
            }
            Request::Chunk(_) | Request::End => {
                let e = "a chunk outside an import";
                let _ = reply(&mut stream, &Response::Failed(WireError::Other(e.into())));
                return Err(io::Error::other(e));
            }
        }
    }
}

/// The frame of an answer kept since the last change for this request and what narrows it
/// (`answers`), or made by `make` now.
/// `now` at the start of its minute: what a kept answer is keyed by and computed at (the roll
/// call and the summary read the day and the minute, never the seconds), so that two
/// clients asking within the same minute share one answer.
/// The answers kept until the next change (the summary, the roll call and the summary as
/// printed) are asked for to the minute: each client's clock has seconds, the answers have
/// none, so their `now` is cut to the minute before they are keyed.
fn to_the_minute_of(mut request: Request) -> Request {
    match &mut request {
        Request::Query(qiaomen_core::query::Query::Summary { now, .. })
        | Request::RollText { now, .. }
        | Request::SummaryText { now, .. } => *now = to_the_minute(*now),
        _ => {}
    }
    request
}

fn to_the_minute(now: Now) -> Now {
    Now {
        unix: now.unix - now.unix.rem_euclid(60),
        ..now
    }
}

fn kept_answer(
    shared: &Shared,
    peer: &super::peer::Peer,
    request: &Request,
    make: impl FnOnce() -> qiaomen_core::Result<Response>,
) -> qiaomen_core::Result<Arc<Vec<u8>>> {
    let who = peer.who(&shared.engine)?.map_err(Error::Refused)?;
    match super::answers::key(request, &who) {
        Some(key) => shared.answers.frame(&shared.engine, key, make),
        None => Ok(Arc::new(protocol::response_frame(&make()?))),
    }
}

/// Text laid out here (`Request::RollText`, `Request::SummaryText`), sent as the frame kept
/// for `request` or made now; an error is answered in its place.
fn kept_text(
    stream: &mut UnixStream,
    shared: &Shared,
    peer: &super::peer::Peer,
    request: &Request,
    make: impl FnOnce() -> qiaomen_core::Result<String>,
) -> io::Result<()> {
    match kept_answer(shared, peer, request, || {
        make().map(|t| Response::Text(Ok(t)))
    }) {
        Ok(frame) => protocol::write_frame(stream, &frame),
        Err(e) => reply(stream, &Response::Text(Err(wire(&e)))),
    }
}

/// The roll call as `qiaomen roll` prints it, laid out here from what the peer may see of the
/// sheet.
fn roll_text(
    shared: &Shared,
    peer: &super::peer::Peer,
    date: qiaomen_core::Date,
    now: Now,
    grid: Option<qiaomen_core::model::Id>,
    lang: crate::i18n::Lang,
) -> qiaomen_core::Result<String> {
    let query = qiaomen_core::query::Query::RollSheet { date, now, grid };
    let sheet = peer.query(&shared.engine, query)?.roll_sheet()?;
    crate::commands::roll::text_on(&shared.engine, lang, sheet)
}

/// The next request; `None` when the client closed the connection between requests.
fn read_request(stream: &mut UnixStream) -> io::Result<Option<Request>> {
    match protocol::read_frame(stream, MAX_REQUEST) {
        Ok(frame) => protocol::decode(&frame).map(Some),
        Err(FrameError::Closed) => Ok(None),
        Err(FrameError::TooLong(n)) => Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("a request of {n} bytes is longer than the protocol allows ({MAX_REQUEST})"),
        )),
        Err(FrameError::Io(e)) => Err(e),
    }
}

/// Export output, sent in chunk frames.
struct Chunks<'a> {
    stream: &'a mut UnixStream,
    buf: Vec<u8>,
}

impl Write for Chunks<'_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let n = data.len().min(CHUNK - self.buf.len());
        self.buf.extend_from_slice(&data[..n]);
        if self.buf.len() == CHUNK {
            self.flush()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            let chunk = std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK));
            reply(self.stream, &Response::Chunk(chunk))?;
        }
        Ok(())
    }
}

/// Spools an import's chunks to a private file in the database directory, then imports it.
/// The outer error is the connection's; the inner one is the import's.
fn import(
    shared: &Shared,
    stream: &mut UnixStream,
    label: &str,
    dry_run: bool,
    actor: &qiaomen_core::Actor,
) -> io::Result<Result<qiaomen_core::store::ImportReport, Error>> {
    let mut spool = tempfile::Builder::new()
        .prefix(".import-")
        .tempfile_in(&shared.dir)?;
    let mut total = 0u64;
    let mut too_big = false;
    loop {
        match read_request(stream)? {
            Some(Request::Chunk(bytes)) => {
                total += bytes.len() as u64;
                if total > MAX_IMPORT {
                    too_big = true;
                } else if !too_big {
                    spool.write_all(&bytes)?;
                }
            }
            Some(Request::End) => break,
            Some(_) => return Err(io::Error::other("an import ended without its end")),
            None => return Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
        }
    }
    if too_big {
        return Ok(Err(Error::invalid(
            "import",
            qiaomen_core::reason::Reason::FileTooLarge { max: MAX_IMPORT },
        )));
    }
    spool.flush()?;
    let path = spool.path().to_owned();
    Ok(shared.engine.import(
        || Ok(BufReader::new(std::fs::File::open(&path)?)),
        dry_run,
        &actor.operator,
        actor.now,
        label,
    ))
}

/// A subscriber's connection: its changes are written from a bounded queue; a reader notices
/// when the client leaves.
fn subscriber(shared: &Arc<Shared>, mut stream: UnixStream) -> io::Result<()> {
    let (tx, rx): (SyncSender<Push>, Receiver<Push>) = mpsc::sync_channel(SUBSCRIBER_QUEUE);
    let lagged = Arc::new(AtomicBool::new(false));
    stream.set_write_timeout(Some(PUSH_TIMEOUT))?;
    reply(&mut stream, &Response::Subscribed)?;
    lock(&shared.subscribers).push(Subscriber {
        tx: tx.clone(),
        lagged: Arc::clone(&lagged),
    });
    let mut reading = stream.try_clone()?;
    std::thread::Builder::new()
        .name("subscriber-eof".into())
        .spawn(move || {
            // A subscriber sends nothing more: anything, or the end, means it is done.
            let _ = reading.read(&mut [0u8; 1]);
            // The queue may be full; the writer then finds out on its next write.
            let _ = tx.try_send(Push::Close);
        })?;
    while let Ok(push) = rx.recv() {
        let Push::Change(change) = push else { break };
        if shared.stop.load(Ordering::Relaxed) {
            break;
        }
        reply(&mut stream, &Response::Change(change))?;
        if lagged.swap(false, Ordering::Relaxed) {
            reply(&mut stream, &Response::Change(Change::Everything))?;
        }
    }
    Ok(())
}

/// Reads the chunks of an import that is refused, so the connection stays in step.
fn skip_import(stream: &mut UnixStream) -> io::Result<()> {
    loop {
        match read_request(stream)? {
            Some(Request::Chunk(_)) => {}
            Some(Request::End) => return Ok(()),
            Some(_) => return Err(io::Error::other("an import ended without its end")),
            None => return Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qiaomen_core::access::{Rank, Who};
    use qiaomen_core::{ClockTime, Date};

    /// Two clients asking for the roll within one minute share the kept answer's key; the
    /// next minute is another answer.
    #[test]
    fn answers_are_kept_per_minute_not_per_second() {
        let date = Date::parse("2026-12-01").expect("a date");
        let at = |seconds: i64| {
            let n = Now::local(date, ClockTime::new(9, 40).expect("a time"), 480);
            to_the_minute(Now {
                unix: n.unix + seconds,
                ..n
            })
        };
        let who = Who {
            name: "刘晓燕".into(),
            member: Some(3),
            os_user: "liu".into(),
            rank: Rank::Admin,
            grids: Vec::new(),
        };
        let key = |now: Now| {
            super::super::answers::key(
                &Request::RollText {
                    date,
                    now,
                    grid: None,
                    lang: crate::i18n::Lang::Zh,
                    whole: false,
                },
                &who,
            )
        };
        assert_eq!(key(at(5)), key(at(59)));
        assert_eq!(at(5).unix % 60, 0);
        assert_ne!(key(at(5)), key(at(65)));
    }
}
