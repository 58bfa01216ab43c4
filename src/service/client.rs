//! `Client`: the server behind the `Backend` trait. One connection carries the requests, one
//! at a time; `subscribe` opens another, read by a thread of its own.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Mutex, PoisonError};

use qiaomen_core::engine::{BackupReport, Recovery};
use qiaomen_core::query::{Answer, Query};
use qiaomen_core::store::ImportReport;
use qiaomen_core::{Actor, Applied, Command, Error, Now, Result};

use super::protocol::{
    self, CHUNK, FrameError, Greeting, MAX_ANSWER, MAX_GREETING, PROTOCOL, Request, Response,
};
use super::socket::SocketPath;
use crate::backend::{Backend, Change};

/// Why a connection could not be made.
#[derive(Debug)]
pub enum ConnectError {
    /// No server listens (no socket, or a stale one): start one.
    NoServer,
    /// A server answered but refused, or went away during the hello.
    Refused(Error),
}

pub struct Client {
    dir: PathBuf,
    socket: SocketPath,
    conn: Mutex<UnixStream>,
    recovered: Vec<Recovery>,
    build: String,
    /// Who the server takes this client to be (after `identify`), and the operator it named,
    /// which the subscription's own connection names again.
    who: Mutex<Option<qiaomen_core::access::Who>>,
    asked: Mutex<Option<String>>,
}

/// Connects to the server of `dir` and says hello in `protocol`.
pub fn open(
    socket: &SocketPath,
    dir: &Path,
    protocol: u32,
) -> std::result::Result<(UnixStream, String, Vec<Recovery>), ConnectError> {
    let mut stream = match socket.connect() {
        Ok(s) => s,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused
            ) =>
        {
            return Err(ConnectError::NoServer);
        }
        Err(e) => return Err(ConnectError::Refused(e.into())),
    };
    let gone = |_| ConnectError::Refused(Error::ServerGone(dir.to_owned()));
    protocol::write_hello(&mut stream, protocol, &protocol::build_id()).map_err(gone)?;
    let frame = protocol::read_frame(&mut stream, MAX_GREETING).map_err(|e| match e {
        FrameError::Io(e) => gone(e),
        _ => ConnectError::Refused(Error::ServerGone(dir.to_owned())),
    })?;
    let (theirs, rest) = protocol::split_versioned(&frame).map_err(gone)?;
    if theirs != protocol {
        return Err(ConnectError::Refused(Error::ServerVersion {
            path: dir.to_owned(),
            theirs,
            ours: protocol,
        }));
    }
    match protocol::decode::<Greeting>(rest).map_err(gone)? {
        Greeting::Welcome { build, recovered } => Ok((stream, build, recovered)),
        Greeting::Refused(why) => Err(ConnectError::Refused(Error::Storage(why))),
    }
}

fn gone_on<T>(dir: &Path) -> impl Fn(T) -> Error + '_ {
    move |_| Error::ServerGone(dir.to_owned())
}

impl Client {
    /// Connects to a running server (never starts one).
    pub fn connect(dir: &Path) -> std::result::Result<Client, ConnectError> {
        let socket = SocketPath::of(dir).map_err(|e| ConnectError::Refused(e.into()))?;
        let (conn, build, recovered) = open(&socket, dir, PROTOCOL)?;
        Ok(Client {
            dir: dir.to_owned(),
            socket,
            conn: Mutex::new(conn),
            recovered,
            build,
            who: Mutex::new(None),
            asked: Mutex::new(None),
        })
    }

    /// The server's build id.
    /// The same client, with nothing to tell of the server's opening (it was told before).
    #[must_use]
    pub fn without_recoveries(mut self) -> Client {
        self.recovered.clear();
        self
    }

    pub fn server_build(&self) -> &str {
        &self.build
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, UnixStream> {
        self.conn.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn receive(&self, conn: &mut UnixStream) -> Result<Response> {
        let frame = protocol::read_frame(conn, MAX_ANSWER).map_err(gone_on(&self.dir))?;
        match protocol::decode(&frame).map_err(gone_on(&self.dir))? {
            Response::Failed(e) => Err(e.into()),
            r => Ok(r),
        }
    }

    /// Sends one request and reads its answer.
    fn ask(&self, request: &Request) -> Result<Response> {
        let mut conn = self.conn();
        protocol::send(&mut *conn, request).map_err(gone_on(&self.dir))?;
        self.receive(&mut conn)
    }

    /// Text laid out by the server (`Request::RollText`, `Request::SummaryText`).
    fn text(&self, request: &Request) -> Result<String> {
        match self.ask(request)? {
            Response::Text(r) => r.map_err(Into::into),
            _ => Err(unexpected()),
        }
    }

    /// Tells the server which operator this client acts as (`--as`, `QIAOMEN_OPERATOR`), and
    /// learns who the server takes it to be: a refusal (no member, `--as` for a non-admin)
    /// is an error.
    pub fn identify(&self, operator: Option<&str>) -> Result<qiaomen_core::access::Who> {
        match self.ask(&Request::Identify {
            operator: operator.map(str::to_owned),
        })? {
            Response::Identified(r) => {
                let who = r.map_err(Error::from)?;
                *self
                    .asked
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) =
                    operator.map(str::to_owned);
                *self
                    .who
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(who.clone());
                Ok(who)
            }
            _ => Err(unexpected()),
        }
    }

    /// Is the server there?
    pub fn ping(&self) -> Result<()> {
        match self.ask(&Request::Ping)? {
            Response::Pong => Ok(()),
            _ => Err(unexpected()),
        }
    }

    /// Asks the server to stop once the requests under way are answered.
    pub fn shutdown(&self) -> Result<()> {
        match self.ask(&Request::Shutdown)? {
            Response::Stopping => Ok(()),
            _ => Err(unexpected()),
        }
    }
}

fn unexpected() -> Error {
    Error::Storage("the server answered something other than what was asked".into())
}

impl Backend for Client {
    fn apply(&self, command: Command, actor: &Actor) -> Result<Applied> {
        match self.ask(&Request::Apply {
            command,
            actor: actor.clone(),
        })? {
            Response::Applied(r) => r.map_err(Into::into),
            _ => Err(unexpected()),
        }
    }

    fn query(&self, query: Query) -> Result<Answer> {
        match self.ask(&Request::Query(query))? {
            Response::Answer(r) => r.map_err(Into::into),
            _ => Err(unexpected()),
        }
    }

    fn roll_is_warm(&self) -> bool {
        true
    }

    /// A second connection, as the same operator.
    fn another(&self) -> Option<std::sync::Arc<dyn Backend>> {
        let client = Client::connect(&self.dir).ok()?.without_recoveries();
        let asked = self
            .asked
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        client.identify(asked.as_deref()).ok()?;
        Some(std::sync::Arc::new(client))
    }

    /// Laid out by the server, which keeps it until the next change.
    fn laid_out_roll(
        &self,
        date: qiaomen_core::Date,
        now: qiaomen_core::Now,
        grid: Option<qiaomen_core::model::Id>,
        lang: crate::i18n::Lang,
    ) -> Option<Result<String>> {
        Some(self.text(&Request::RollText {
            date,
            now,
            grid,
            lang,
            whole: crate::width::cells_are_whole(),
        }))
    }

    /// Laid out by the server, which keeps it until the next change.
    fn laid_out_summary(
        &self,
        date: qiaomen_core::Date,
        now: qiaomen_core::Now,
        grid: Option<qiaomen_core::model::Id>,
        period: Option<(qiaomen_core::Date, qiaomen_core::Date)>,
        lang: crate::i18n::Lang,
        markdown: bool,
    ) -> Option<Result<String>> {
        Some(self.text(&Request::SummaryText {
            date,
            now,
            grid,
            period,
            lang,
            markdown,
        }))
    }

    fn subscribe(&self) -> Result<Receiver<Change>> {
        let (mut conn, _, _) = open(&self.socket, &self.dir, PROTOCOL).map_err(|e| match e {
            ConnectError::NoServer => Error::ServerGone(self.dir.clone()),
            ConnectError::Refused(e) => e,
        })?;
        // The subscription is a member's: it says who it is, as the requests did.
        let asked = self
            .asked
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        protocol::send(&mut conn, &Request::Identify { operator: asked })
            .map_err(gone_on(&self.dir))?;
        let frame = protocol::read_frame(&mut conn, MAX_ANSWER).map_err(gone_on(&self.dir))?;
        match protocol::decode(&frame) {
            Ok(Response::Identified(Ok(_))) => {}
            Ok(Response::Identified(Err(e))) => return Err(e.into()),
            _ => return Err(unexpected()),
        }
        protocol::send(&mut conn, &Request::Subscribe).map_err(gone_on(&self.dir))?;
        let frame = protocol::read_frame(&mut conn, MAX_ANSWER).map_err(gone_on(&self.dir))?;
        if !matches!(protocol::decode(&frame), Ok(Response::Subscribed)) {
            return Err(unexpected());
        }
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("changes".into())
            .spawn(move || {
                loop {
                    let change = protocol::read_frame(&mut conn, MAX_ANSWER)
                        .ok()
                        .and_then(|f| protocol::decode::<Response>(&f).ok());
                    let Some(Response::Change(change)) = change else {
                        let _ = tx.send(Change::Gone);
                        return;
                    };
                    if tx.send(change).is_err() {
                        // No one listens any more: closing the connection tells the server.
                        return;
                    }
                }
            })?;
        Ok(rx)
    }

    fn import(
        &self,
        file: &Path,
        label: &str,
        dry_run: bool,
        actor: &Actor,
    ) -> Result<ImportReport> {
        // Standard input was spooled to a file by the command (the engine reads twice).
        let mut input = std::fs::File::open(file)?;
        let mut conn = self.conn();
        let gone = gone_on(&self.dir);
        protocol::send(
            &mut *conn,
            &Request::Import {
                label: label.to_owned(),
                dry_run,
                actor: actor.clone(),
            },
        )
        .map_err(&gone)?;
        let mut buf = vec![0u8; CHUNK];
        let mut read_error = None;
        loop {
            let n = match read_full(&mut input, &mut buf) {
                Ok(n) => n,
                Err(e) => {
                    // Not `End`: the server would import the part it has.
                    read_error = Some(e);
                    break;
                }
            };
            if n == 0 {
                break;
            }
            protocol::send(&mut *conn, &Request::Chunk(buf[..n].to_vec())).map_err(&gone)?;
        }
        if let Some(e) = read_error {
            // Breaking the connection abandons the import on the server: nothing is applied.
            let _ = conn.shutdown(std::net::Shutdown::Both);
            return Err(e.into());
        }
        protocol::send(&mut *conn, &Request::End).map_err(&gone)?;
        match self.receive(&mut conn)? {
            Response::Imported(r) => r.map_err(Into::into),
            _ => Err(unexpected()),
        }
    }

    fn export(&self, out: &mut dyn Write, with_audit: bool) -> Result<usize> {
        let mut conn = self.conn();
        protocol::send(&mut *conn, &Request::Export { with_audit }).map_err(gone_on(&self.dir))?;
        let mut write_error = None;
        loop {
            match self.receive(&mut conn)? {
                Response::Chunk(bytes) => {
                    if write_error.is_none()
                        && let Err(e) = out.write_all(&bytes)
                    {
                        // Read on to the end, so that the connection stays in step.
                        write_error = Some(e);
                    }
                }
                Response::Exported(r) => {
                    if let Some(e) = write_error {
                        return Err(e.into());
                    }
                    return r.map_err(Into::into);
                }
                _ => return Err(unexpected()),
            }
        }
    }

    fn backup(&self, to: &Path, now: Now) -> Result<BackupReport> {
        let to = crate::backend::absolute(to)?;
        match self.ask(&Request::Backup { to, now })? {
            Response::BackedUp(r) => r.map_err(Into::into),
            _ => Err(unexpected()),
        }
    }

    fn dir(&self) -> &Path {
        &self.dir
    }

    fn recovered(&self) -> Vec<Recovery> {
        self.recovered.clone()
    }

    fn snapshot_if_due(&self, _now: Now) {
        // The server takes its snapshots by itself.
    }

    fn who(&self) -> Option<qiaomen_core::access::Who> {
        self.who
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// Fills `buf` as far as the input goes; 0 at its end.
fn read_full(input: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}
