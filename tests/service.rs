//! Shared mode end to end: the real `qiaomen serve` on a demo database, reached through the
//! service's own client and through raw sockets. Every test stops the servers it starts, also
//! when it fails (`Servers` kills them by their pid file on drop).

mod common;

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use common::{TempDb, bin};
use qiaomen::backend::{Backend, Change};
use qiaomen::cli::Cli;
use qiaomen::service::client::{self, Client, ConnectError};
use qiaomen::service::protocol::{self, MAX_ANSWER, PROTOCOL, Request, Response};
use qiaomen::service::socket::{LOG_FILE, PID_FILE, SOCKET_FILE, SocketPath};
use qiaomen_core::model::{CheckIn, Id, Method, Outcome};
use qiaomen_core::query::Query;
use qiaomen_core::{Actor, ClockTime, Command as Cmd, Date, Error, Now};

const TODAY: &str = "2026-11-30";

fn today() -> Date {
    Date::parse(TODAY).unwrap()
}

fn now() -> Now {
    Now::local(today(), ClockTime::parse("09:40").unwrap(), 480)
}

fn actor() -> Actor {
    Actor {
        operator: "测试员".into(),
        now: now(),
    }
}

/// Kills, on drop, whatever server runs for `dir` (by its pid file) and the children given.
struct Servers {
    dir: PathBuf,
    children: Vec<Child>,
}

impl Servers {
    fn of(dir: &Path) -> Servers {
        qiaomen::service::spawn::set_server_program(PathBuf::from(bin()));
        Servers {
            dir: std::path::absolute(dir).unwrap(),
            children: Vec::new(),
        }
    }

    fn pid(&self) -> Option<u32> {
        std::fs::read_to_string(self.dir.join(PID_FILE))
            .ok()?
            .trim()
            .parse()
            .ok()
    }

    /// `qiaomen serve --foreground` as a child, its output on /dev/null.
    fn foreground(&mut self, envs: &[(&str, &str)]) -> &mut Child {
        let mut c = Command::new(bin());
        c.arg("--db")
            .arg(&self.dir)
            .args(["serve", "--foreground"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (k, v) in envs {
            c.env(k, v);
        }
        self.children.push(c.spawn().unwrap());
        wait_until("the server answers", || Client::connect(&self.dir).is_ok());
        self.children.last_mut().unwrap()
    }

    fn client(&self) -> Client {
        Client::connect(&self.dir).unwrap_or_else(|e| panic!("connect: {e:?}"))
    }
}

impl Drop for Servers {
    fn drop(&mut self) {
        if let Some(pid) = self.pid() {
            kill(pid);
        }
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn kill(pid: u32) {
    let _ = Command::new("kill")
        .arg("-9")
        .arg(pid.to_string())
        .stderr(Stdio::null())
        .status();
}

/// Whether a process runs (a zombie does not count).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
        !s.rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z')
    })
}

fn wait_until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn cli(db: &Path) -> Cli {
    Cli::parse_from([
        "qiaomen".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
        "--lang".as_ref(),
        "en".as_ref(),
    ])
}

fn elders(b: &dyn Backend) -> Vec<Id> {
    b.query(Query::Elders)
        .unwrap()
        .elders()
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

fn checkin(elder: Id) -> Cmd {
    Cmd::CheckIn(CheckIn {
        elder,
        date: today(),
        seq: 0,
        time: ClockTime::parse("09:40").unwrap(),
        by: "测试员".into(),
        method: Method::default(),
        outcome: Outcome::Ok,
        note: String::new(),
        away_until: None,
        contact: None,
        case: None,
    })
}

/// Today's check-ins over all elders, as the server answers.
fn attempts(b: &dyn Backend, elders: &[Id]) -> usize {
    elders
        .iter()
        .map(|&elder| {
            b.query(Query::RollEntry {
                date: today(),
                now: now(),
                elder,
            })
            .unwrap()
            .roll_entry()
            .unwrap()
            .map_or(0, |e| e.attempts.len())
        })
        .sum()
}

/// A raw connection after a correct hello.
fn raw(dir: &Path) -> (SocketPath, UnixStream) {
    let socket = SocketPath::of(dir).unwrap();
    let mut s = socket.connect().unwrap();
    protocol::write_hello(&mut s, PROTOCOL, "test").unwrap();
    protocol::read_frame(&mut s, MAX_ANSWER).unwrap();
    (socket, s)
}

/// The server's answer to a frame it could not read, then the end of the connection.
fn failed_then_closed(s: &mut UnixStream) {
    let frame = protocol::read_frame(s, MAX_ANSWER).unwrap();
    assert!(matches!(
        protocol::decode::<Response>(&frame).unwrap(),
        Response::Failed(_)
    ));
    let mut rest = Vec::new();
    s.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty());
}

#[test]
fn serve_starts_answers_and_stops_leaving_nothing_behind() {
    let t = TempDb::demo();
    let mut servers = Servers::of(&t.db);
    servers.foreground(&[]);
    let pid = servers.pid().expect("a pid file");
    servers.client().ping().unwrap();
    let stop = common::Run::of(
        Command::new(bin())
            .arg("--db")
            .arg(&t.db)
            .args(["--lang", "en", "serve", "--stop"])
            .stdin(Stdio::null()),
    );
    assert_eq!(stop.code, 0, "{stop:#?}");
    assert!(stop.stdout.contains("has stopped"), "{}", stop.stdout);
    let status = servers.children[0].wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(!alive(pid));
    assert!(!t.db.join(SOCKET_FILE).exists());
    assert!(!t.db.join(PID_FILE).exists());
    let again = common::run(&t.db, "en", &["serve", "--stop"]);
    assert!(again.stdout.contains("No qiaomen server"), "{again:#?}");
}

#[test]
fn the_first_client_starts_a_detached_server_and_a_wrong_db_starts_none() {
    let t = TempDb::demo();
    let servers = Servers::of(&t.db);
    let backend = qiaomen::service::connect(&cli(&t.db)).unwrap();
    assert!(
        !backend
            .query(Query::Community)
            .unwrap()
            .community()
            .unwrap()
            .name
            .is_empty()
    );
    let pid = servers.pid().expect("a pid file");
    assert!(alive(pid));
    // A session of its own: the server leads it.
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(fields[3], pid.to_string(), "session id: {stat}");
    // glibc's malloc set for a long run (spawn.rs), unless the user set it. (glibc 2.36
    // splits GLIBC_TUNABLES in place where it reads it, `:` becoming NUL.)
    let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap();
    let environ = String::from_utf8_lossy(&environ).replace("\0glibc.", ":glibc.");
    for (name, ours) in qiaomen::service::spawn::SERVER_MALLOC {
        let value = std::env::var(name).unwrap_or_else(|_| ours.to_owned());
        assert!(
            environ.split('\0').any(|v| v == format!("{name}={value}")),
            "{name} in {environ}"
        );
    }
    // A second client finds the same server.
    let second = qiaomen::service::connect(&cli(&t.db)).unwrap();
    assert_eq!(
        second.query(Query::Elders).unwrap().elders().unwrap().len(),
        18
    );
    assert_eq!(servers.pid(), Some(pid));

    let nowhere = t.file("typo");
    let e = qiaomen::service::connect(&cli(&nowhere))
        .err()
        .expect("no database");
    assert!(
        e.message(qiaomen::i18n::Lang::En)
            .contains("No qiaomen database")
    );
    assert!(
        !nowhere.exists(),
        "nothing is created where --db was mistyped"
    );
}

#[test]
fn thirty_clients_apply_three_thousand_check_ins_none_lost_none_doubled() {
    let t = TempDb::demo();
    let servers = Servers::of(&t.db);
    let first = qiaomen::service::connect(&cli(&t.db)).unwrap();
    let ids = elders(first.as_ref());
    let before = attempts(first.as_ref(), &ids);
    let threads: Vec<_> = (0..30)
        .map(|i| {
            let c = servers.client();
            let ids = ids.clone();
            std::thread::spawn(move || {
                for k in 0..100 {
                    c.apply(checkin(ids[(i + k) % ids.len()]), &actor())
                        .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(attempts(first.as_ref(), &ids), before + 3000);
}

#[test]
fn a_subscriber_sees_another_clients_change_within_a_second() {
    let t = TempDb::demo();
    let servers = Servers::of(&t.db);
    let watcher = qiaomen::service::connect(&cli(&t.db)).unwrap();
    let changes = watcher.subscribe().unwrap();
    let writer = servers.client();
    let elder = elders(&writer)[0];
    let applied = writer.apply(checkin(elder), &actor()).unwrap();
    let change = changes.recv_timeout(Duration::from_secs(1)).unwrap();
    assert_eq!(
        change,
        Change::Applied {
            records: applied.records
        }
    );
    // The server going away is told too.
    let pid = servers.pid().unwrap();
    kill(pid);
    assert_eq!(
        changes.recv_timeout(Duration::from_secs(5)).unwrap(),
        Change::Gone
    );
}

#[test]
fn bad_frames_close_only_their_own_connection() {
    let t = TempDb::demo();
    let mut servers = Servers::of(&t.db);
    servers.foreground(&[]);
    let good = servers.client();

    // A length prefix of 4 GiB: one error, closed, nothing allocated.
    let (_, mut s) = raw(&t.db);
    s.write_all(&[0xFF, 0xFF, 0xFF, 0xFF]).unwrap();
    failed_then_closed(&mut s);

    // One byte over the request limit.
    let (_, mut s) = raw(&t.db);
    let over = (protocol::MAX_REQUEST as u32 + 1).to_be_bytes();
    s.write_all(&over).unwrap();
    failed_then_closed(&mut s);

    // Garbage that is no request.
    let (_, mut s) = raw(&t.db);
    protocol::write_frame(&mut s, &[0xFE, 0x01, 0x02]).unwrap();
    failed_then_closed(&mut s);

    // A request cut off in the middle of its frame.
    let (_, mut s) = raw(&t.db);
    let ping = protocol::encode(&Request::Ping).unwrap();
    s.write_all(&(ping.len() as u32 + 10).to_be_bytes())
        .unwrap();
    s.write_all(&ping).unwrap();
    drop(s);

    // A hello that claims 4 GiB, and a connection that says nothing and leaves.
    let socket = SocketPath::of(&t.db).unwrap();
    let mut s = socket.connect().unwrap();
    s.write_all(&[0xFF; 4]).unwrap();
    let mut rest = Vec::new();
    let _ = s.read_to_end(&mut rest);
    drop(socket.connect().unwrap());

    good.ping().unwrap();
    let other = servers.client();
    other.ping().unwrap();
    assert_eq!(elders(&other).len(), 18);
}

#[test]
fn a_killed_server_loses_no_acknowledged_check_in_and_the_next_client_starts_another() {
    let t = TempDb::demo();
    let servers = Servers::of(&t.db);
    let first = qiaomen::service::connect(&cli(&t.db)).unwrap();
    let ids = elders(first.as_ref());
    let before = attempts(first.as_ref(), &ids);
    let acked = Arc::new(AtomicUsize::new(0));
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let c = servers.client();
            let ids = ids.clone();
            let acked = Arc::clone(&acked);
            std::thread::spawn(move || {
                for k in 0.. {
                    match c.apply(checkin(ids[(i + k) % ids.len()]), &actor()) {
                        Ok(_) => acked.fetch_add(1, Ordering::SeqCst),
                        Err(e) => return e,
                    };
                }
                unreachable!()
            })
        })
        .collect();
    wait_until("some check-ins are saved", || {
        acked.load(Ordering::SeqCst) >= 100
    });
    let pid = servers.pid().unwrap();
    kill(pid);
    for t in threads {
        let e = t.join().unwrap();
        assert!(matches!(e, Error::ServerGone(_)), "{e:?}");
        let sentence = qiaomen::i18n::error(qiaomen::i18n::Lang::En, &e);
        assert!(sentence.contains("stopped answering"), "{sentence}");
    }
    assert!(matches!(
        first.query(Query::Community),
        Err(Error::ServerGone(_))
    ));
    wait_until("the killed server is gone", || !alive(pid));
    let next = qiaomen::service::connect(&cli(&t.db)).unwrap();
    assert_ne!(servers.pid(), Some(pid), "a new server");
    let acked = acked.load(Ordering::SeqCst);
    let saved = attempts(next.as_ref(), &ids) - before;
    // Every acknowledged one is there; at most the 8 in flight were saved unacknowledged.
    // (Both servers fold the test's day, closed by their real clock, while they answer: a
    // read torn by that fold once counted 9 of 107; `tests/fold_reads.rs` in the core.)
    assert!(
        (acked..=acked + 8).contains(&saved),
        "{saved} saved, {acked} acknowledged; the servers' log:\n{}",
        std::fs::read_to_string(t.db.join(LOG_FILE)).unwrap_or_default()
    );
}

/// A server that finds the database locked exits 3, as the loser of a race does; but the lock
/// may be a server's that was killed a moment before and is not yet torn down (a large one takes
/// a while). With no winner answering, the client starts another once the lock is free, and
/// the user sees nothing but a short wait.
#[test]
fn a_lock_not_yet_let_go_by_a_killed_server_delays_the_next_start_but_does_not_fail_it() {
    let t = TempDb::demo();
    let servers = Servers::of(&t.db);
    let dir = servers.dir.clone();
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(dir.join("qiaomen.lock"))
        .unwrap();
    lock.try_lock().expect("no server runs yet");
    let connecting = std::thread::spawn(move || {
        qiaomen::service::connect(&cli(&dir)).map(|c| c.query(Query::Community).is_ok())
    });
    // The first server this start makes finds the lock held and exits 3.
    std::thread::sleep(Duration::from_millis(800));
    lock.unlock().unwrap();
    let answered = connecting.join().unwrap();
    assert!(matches!(answered, Ok(true)), "{answered:?}");
    assert!(servers.pid().is_some(), "a server runs");
}

#[test]
fn a_client_of_another_protocol_is_told_in_one_sentence() {
    let t = TempDb::demo();
    let mut servers = Servers::of(&t.db);
    servers.foreground(&[]);
    let dir = servers.dir.clone();
    let socket = SocketPath::of(&dir).unwrap();
    let Err(ConnectError::Refused(e)) = client::open(&socket, &dir, PROTOCOL + 1) else {
        panic!("a client of another protocol is refused");
    };
    assert!(matches!(
        e,
        Error::ServerVersion { theirs, ours, .. } if theirs == PROTOCOL && ours == PROTOCOL + 1
    ));
    let sentence = qiaomen::i18n::error(qiaomen::i18n::Lang::En, &e);
    assert!(sentence.contains("another version"), "{sentence}");
    assert_eq!(sentence.lines().count(), 1);
    // The older server gives way once no one is connected.
    let status = servers.children[0].wait().unwrap();
    assert!(status.success());
}

#[test]
fn a_database_path_of_200_characters_is_served() {
    let t = TempDb::empty();
    let mut db = t.db.clone();
    while db.as_os_str().len() < 200 {
        db.push("abcdefghijklmnopqrstuvwxyz");
    }
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    common::ok(&db, &["init", "--demo"]);
    let servers = Servers::of(&db);
    let backend = qiaomen::service::connect(&cli(&db)).unwrap();
    assert_eq!(elders(backend.as_ref()).len(), 18);
    assert!(db.join(SOCKET_FILE).exists());
    drop(servers);
}

#[test]
fn a_second_server_on_the_same_database_exits_3() {
    let t = TempDb::demo();
    let mut servers = Servers::of(&t.db);
    servers.foreground(&[]);
    let second = common::run(&t.db, "en", &["serve", "--foreground"]);
    let said = second.fails_with(3);
    assert!(said.contains("serve --stop"), "{said}");
    // The first one still serves.
    servers.client().ping().unwrap();
}

#[test]
fn an_idle_server_exits_by_itself() {
    let t = TempDb::demo();
    let mut servers = Servers::of(&t.db);
    servers.foreground(&[("QIAOMEN_IDLE_SECS", "1")]);
    let c = servers.client();
    // Connected, it stays.
    std::thread::sleep(Duration::from_millis(1500));
    c.ping().unwrap();
    drop(c);
    let started = Instant::now();
    let status = servers.children[0].wait().unwrap();
    assert!(status.success());
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!t.db.join(SOCKET_FILE).exists());
}

#[test]
fn import_and_export_stream_through_the_server() {
    let t = TempDb::demo();
    let servers = Servers::of(&t.db);
    let b = qiaomen::service::connect(&cli(&t.db)).unwrap();
    let mut out = Vec::new();
    let n = b.export(&mut out, false).unwrap();
    assert!(n > 100, "{n} records");
    let copy = TempDb::empty();
    common::ok(&copy.db, &["init", "--empty"]);
    let file = copy.file("all.jsonl");
    std::fs::write(&file, &out).unwrap();
    let _copy_servers = Servers::of(&copy.db);
    let c = qiaomen::service::connect(&cli(&copy.db)).unwrap();
    let changes = c.subscribe().unwrap();
    let dry = c.import(&file, "all.jsonl", true, &actor()).unwrap();
    assert_eq!(dry.records, n);
    let report = c.import(&file, "all.jsonl", false, &actor()).unwrap();
    assert_eq!(report.records, n);
    assert_eq!(
        changes.recv_timeout(Duration::from_secs(1)).unwrap(),
        Change::Everything
    );
    let mut again = Vec::new();
    assert_eq!(c.export(&mut again, false).unwrap(), n);
    drop(servers);
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let t = TempDb::demo();
    let mut servers = Servers::of(&t.db);
    let pid = servers.foreground(&[]).id();
    let _idle = servers.client();
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(pid.to_string())
        .status();
    let status = servers.children[0].wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(!t.db.join(SOCKET_FILE).exists());
    assert!(!t.db.join(PID_FILE).exists());
}
