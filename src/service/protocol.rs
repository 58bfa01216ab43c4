//! The protocol between `qiaomen serve` and its clients, version `PROTOCOL`.
//!
//! Every frame is a u32 big-endian length and that many bytes of payload. The two first frames
//! (the client's hello and the server's greeting) start with the sender's protocol number as
//! four big-endian bytes, so that any two versions can tell each other apart; every later
//! payload is bincode 2 (serde, standard config), with nothing after the value. A frame longer
//! than its limit is refused before anything is allocated for it; the receiver never trusts a
//! claimed length (it reads what arrives, up to the limit).

use std::io::{self, Read, Write};
use std::path::PathBuf;

use qiaomen_core::engine::{BackupReport, Recovery};
use qiaomen_core::model::Id;
use qiaomen_core::query::{Answer, Query};
use qiaomen_core::store::ImportReport;
use qiaomen_core::wire::WireError;
use qiaomen_core::{Actor, Applied, Command, Date, Now};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::backend::Change;
use crate::i18n::Lang;

/// The protocol spoken by this program. Bumped on every change to `Request` or `Response` or
/// to the types they carry (commands, queries, answers). 2: `Command::People` and
/// `Resident::left` (issue 13). 3: the ladder (`Command::LadderStep`, `Community::ladder`,
/// `CheckIn::contact` and `case`, `RollEntry::ladder`; issue 14), `WireError::Date` and the
/// period figures of the summary (issue 14, dates and figures), `Pledge::note` and
/// `Query::Find::all` (issue 13's gaps), the care plan's
/// doorbell device, `Command::Doorbell`, the visit plan's commands and records, and the
/// summary's visit cadence figures (issue 14). 4: issue 16: `Command::Care`, `WireError::Care`,
/// the teams, services, plans and support records as records, and the summary's care figures;
/// `Command::CaseWork`, `Case` levels, organisations and petitions, `WireError::Case`, the level
/// figures; `Command::Outreach`, `WireError::Outreach`, the trees of activities, goods and
/// duties and the summary's outreach figures. Issue 12: `RollEntry::address`, kept in the
/// elders index. 5: issue 16's gaps: organisations and teams among search hits (`HitKind`),
/// a meeting's attendees as references (`Attendee`, inside `Meeting` and `Command`); issue 15's
/// typed errors; `Query::RollSheet` and its answer, the roll call as printed (issue 10 at the
/// district). 6: `Tree::HouseholdRows`, read by `Query::Page` (issue 12, the household list's
/// kept rows); `Request::RollText` and `Response::Text`, the roll call laid out by the server
/// in the client's language and, for output read by a program, with its cells whole (issue 10
/// at the district, third pass). 7: issue 15's typed damage (`Damage`, `KeyPart`, `NoWrite`)
/// inside errors and `check`'s problems. 8: `Tree::SearchColumn` (issue 12, schema 6), which a
/// `check` answer can name. 9: `Request::SummaryText`, the 日报 laid out by the server (issue 10
/// at the district: a client decoding and laying out 600 grids' figures spent 30 ms of CPU).
/// 10: schema 7, `Tree::Heads` no longer read by kind (the household list's heads come from
/// `Tree::HouseholdRows`). 11: schema 8, `Tree::ServiceDays`, which a `check` answer can name.
pub const PROTOCOL: u32 = 11;

/// The longest frame a client may send (a command, a query, one import chunk): 1 MiB. A
/// longer length prefix gets one error and the connection is closed.
pub const MAX_REQUEST: usize = 1 << 20;

/// The longest frame the server sends: 64 MiB. Clients read whole kinds in pages of 4 MiB
/// (`backend::PAGE_BYTES`), so only a roll call or summary of a very large district comes
/// near it; anything bigger is refused with an error, not sent.
pub const MAX_ANSWER: usize = 64 << 20;

/// The largest hello or greeting: 64 KiB (a build id, or the recoveries found at opening).
pub const MAX_GREETING: usize = 64 << 10;

/// The bytes of an imported or exported file in one chunk frame: 256 KiB, well inside
/// `MAX_REQUEST` with the frame's own few bytes.
pub const CHUNK: usize = 256 << 10;

/// The largest file an import may send: 4 GiB. The server spools it to disk, never to memory.
pub const MAX_IMPORT: u64 = 4 << 30;

/// A request from a client, after the hello.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub enum Request {
    Apply {
        command: Command,
        actor: Actor,
    },
    Query(Query),
    /// From now on this connection only receives `Response::Change` frames.
    Subscribe,
    /// Followed by `Chunk` frames of the file and one `End`.
    Import {
        label: String,
        dry_run: bool,
        actor: Actor,
    },
    Chunk(Vec<u8>),
    End,
    /// Answered by `Chunk` frames and one `Exported`.
    Export {
        with_audit: bool,
    },
    Backup {
        to: PathBuf,
        now: Now,
    },
    Ping,
    /// Asks the server to stop once the requests under way are answered (its owner only).
    Shutdown,
    /// Names the operator this connection acts as (`--as`, or `QIAOMEN_OPERATOR` set per SSH
    /// key on a shared account); answered with who the server takes the client to be.
    Identify {
        operator: Option<String>,
    },
    /// The roll call of a day as `qiaomen roll` prints it, laid out in `lang` (what the client
    /// may see of it): answered with `Response::Text`.
    RollText {
        date: Date,
        now: Now,
        grid: Option<Id>,
        lang: Lang,
        /// The client's output is read by a program: no cell cut (`width::cells_whole`).
        whole: bool,
    },
    /// The summary as `qiaomen summary` prints it, as text or Markdown (`markdown`), in `lang`
    /// (what the client may see of it): answered with `Response::Text`.
    SummaryText {
        date: Date,
        now: Now,
        grid: Option<Id>,
        period: Option<(Date, Date)>,
        lang: Lang,
        markdown: bool,
    },
}

/// An answer of the server.
#[derive(Debug, Serialize, serde::Deserialize)]
pub enum Response {
    Applied(Result<Applied, WireError>),
    Answer(Result<Answer, WireError>),
    Subscribed,
    Change(Change),
    Imported(Result<ImportReport, WireError>),
    Chunk(Vec<u8>),
    Exported(Result<usize, WireError>),
    BackedUp(Result<BackupReport, WireError>),
    Pong,
    Stopping,
    /// The request could not be read (too long, malformed) or not answered (the answer is
    /// too long); after a frame it could not read, the server closes the connection.
    Failed(WireError),
    Identified(Result<qiaomen_core::access::Who, WireError>),
    /// Text laid out by the server (`Request::RollText`, `Request::SummaryText`).
    Text(Result<String, WireError>),
}

/// What the server says after the hello.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub enum Greeting {
    Welcome {
        build: String,
        recovered: Vec<Recovery>,
    },
    /// Another protocol: nothing more is said on this connection.
    Refused(String),
}

/// Why a frame could not be read.
#[derive(Debug)]
pub enum FrameError {
    /// The peer closed the connection between frames.
    Closed,
    /// The length prefix is over the limit; nothing was read after it.
    TooLong(u64),
    /// The connection failed or closed in the middle of a frame.
    Io(io::Error),
}

impl From<io::Error> for FrameError {
    fn from(e: io::Error) -> Self {
        FrameError::Io(e)
    }
}

/// Writes one frame (one `write_all` of prefix and payload).
pub fn write_frame(w: &mut impl Write, payload: &[u8]) -> io::Result<()> {
    let len = u32::try_from(payload.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "frame too long"))?;
    let mut buf = Vec::with_capacity(4 + payload.len());
    buf.extend_from_slice(&len.to_be_bytes());
    buf.extend_from_slice(payload);
    w.write_all(&buf)?;
    w.flush()
}

/// Reads one frame of at most `max` bytes. The buffer grows with what arrives, so a peer that
/// claims a large length and sends nothing costs nothing.
pub fn read_frame(r: &mut impl Read, max: usize) -> Result<Vec<u8>, FrameError> {
    let mut len = [0u8; 4];
    let mut got = 0;
    while got < 4 {
        match r.read(&mut len[got..]) {
            Ok(0) if got == 0 => return Err(FrameError::Closed),
            Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into()),
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    let len = u64::from(u32::from_be_bytes(len));
    if len > max as u64 {
        return Err(FrameError::TooLong(len));
    }
    let mut buf = Vec::new();
    r.take(len).read_to_end(&mut buf)?;
    if buf.len() as u64 != len {
        return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into());
    }
    Ok(buf)
}

fn malformed(e: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("malformed frame: {e}"))
}

/// A value as a frame's payload (bincode, standard config).
pub fn encode<T: Serialize>(value: &T) -> io::Result<Vec<u8>> {
    bincode::serde::encode_to_vec(value, bincode::config::standard()).map_err(malformed)
}

/// A frame's payload as a value: at most `MAX_ANSWER` bytes of it are decoded (the frame's
/// own limit was checked when it was read), and bytes left over make it malformed. Strings
/// are read where they lie in the frame and copied once (`store::borrowing`: a roll call of
/// 20,000 elders carries a few hundred thousand).
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> io::Result<T> {
    let config = bincode::config::standard().with_limit::<MAX_ANSWER>();
    let seed = qiaomen_core::store::borrowing::Seed::<T>::new();
    let (value, used) =
        bincode::serde::seed_decode_from_slice(seed, bytes, config).map_err(malformed)?;
    if used != bytes.len() {
        return Err(malformed(format!("{} bytes left over", bytes.len() - used)));
    }
    Ok(value)
}

/// Sends a request.
pub fn send(w: &mut impl Write, request: &Request) -> io::Result<()> {
    let payload = encode(request)?;
    if payload.len() > MAX_REQUEST {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "request longer than the protocol allows",
        ));
    }
    write_frame(w, &payload)
}

/// Encodes a response, or says it is too long to send (which is itself sent instead).
pub fn response_frame(response: &Response) -> Vec<u8> {
    match encode(response) {
        Ok(p) if p.len() <= MAX_ANSWER => p,
        Ok(p) => encode(&Response::Failed(WireError::Other(format!(
            "the answer ({} bytes) is longer than the protocol allows ({MAX_ANSWER} bytes)",
            p.len()
        ))))
        .expect("an error encodes"),
        Err(e) => encode(&Response::Failed(WireError::Other(e.to_string()))).expect("encodes"),
    }
}

/// The client's first frame: its protocol, then its build id as UTF-8.
pub fn write_hello(w: &mut impl Write, protocol: u32, build: &str) -> io::Result<()> {
    let mut payload = protocol.to_be_bytes().to_vec();
    payload.extend_from_slice(build.as_bytes());
    write_frame(w, &payload)
}

/// Splits a hello or greeting into the sender's protocol and the rest.
pub fn split_versioned(frame: &[u8]) -> io::Result<(u32, &[u8])> {
    let (p, rest) = frame
        .split_first_chunk::<4>()
        .ok_or_else(|| malformed("no protocol number"))?;
    Ok((u32::from_be_bytes(*p), rest))
}

/// The server's first frame: its protocol, then the greeting (bincode).
pub fn write_greeting(w: &mut impl Write, greeting: &Greeting) -> io::Result<()> {
    let mut payload = PROTOCOL.to_be_bytes().to_vec();
    payload.extend_from_slice(&encode(greeting)?);
    write_frame(w, &payload)
}

/// An id of the running program: its version, and the size and time of its executable, so
/// that a rebuilt binary of the same version is told apart.
pub fn build_id() -> String {
    build_id_of(std::env::current_exe().ok().as_deref())
}

/// `build_id` of the program at `exe`.
pub fn build_id_of(exe: Option<&std::path::Path>) -> String {
    let exe = exe
        .ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
        .and_then(std::fs::metadata)
        .map(|m| {
            let t = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}.{t}", m.len())
        })
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_at_the_limit_is_read_and_one_byte_more_is_refused() {
        let at = vec![7u8; MAX_REQUEST];
        let mut buf = Vec::new();
        write_frame(&mut buf, &at).unwrap();
        assert_eq!(read_frame(&mut &buf[..], MAX_REQUEST).unwrap(), at);
        let over = vec![7u8; MAX_REQUEST + 1];
        let mut buf = Vec::new();
        write_frame(&mut buf, &over).unwrap();
        assert!(matches!(
            read_frame(&mut &buf[..], MAX_REQUEST),
            Err(FrameError::TooLong(n)) if n == MAX_REQUEST as u64 + 1
        ));
    }

    #[test]
    fn a_huge_length_prefix_allocates_nothing() {
        let buf = [0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3];
        assert!(matches!(
            read_frame(&mut &buf[..], MAX_ANSWER),
            Err(FrameError::TooLong(0xFFFF_FFFF))
        ));
    }

    #[test]
    fn a_frame_cut_short_is_an_error_and_an_empty_stream_is_closed() {
        let buf = [0, 0, 0, 9, 1, 2];
        assert!(matches!(
            read_frame(&mut &buf[..], MAX_REQUEST),
            Err(FrameError::Io(_))
        ));
        assert!(matches!(
            read_frame(&mut &[][..], MAX_REQUEST),
            Err(FrameError::Closed)
        ));
        assert!(matches!(
            read_frame(&mut &[0, 0][..], MAX_REQUEST),
            Err(FrameError::Io(_))
        ));
    }

    #[test]
    fn trailing_bytes_and_garbage_are_malformed() {
        let mut p = encode(&Request::Ping).unwrap();
        assert!(matches!(decode::<Request>(&p).unwrap(), Request::Ping));
        p.push(0);
        assert!(decode::<Request>(&p).is_err());
        assert!(decode::<Request>(&[0xFF, 0xFF, 0xFF]).is_err());
    }

    #[test]
    fn the_largest_import_chunk_fits_in_a_request() {
        let p = encode(&Request::Chunk(vec![0xFF; CHUNK])).unwrap();
        assert!(p.len() <= MAX_REQUEST, "{}", p.len());
        let mut buf = Vec::new();
        send(&mut buf, &Request::Chunk(vec![0xFF; CHUNK])).unwrap();
        assert!(send(&mut Vec::new(), &Request::Chunk(vec![0; MAX_REQUEST])).is_err());
    }

    #[test]
    fn an_answer_over_the_limit_is_replaced_by_an_error() {
        let big = Response::Chunk(vec![1; MAX_ANSWER + 1]);
        let frame = response_frame(&big);
        assert!(matches!(
            decode::<Response>(&frame).unwrap(),
            Response::Failed(WireError::Other(_))
        ));
        let at = Response::Chunk(vec![1; MAX_ANSWER - 16]);
        assert!(matches!(
            decode::<Response>(&response_frame(&at)).unwrap(),
            Response::Chunk(_)
        ));
    }

    #[test]
    fn hello_and_greeting_carry_the_protocol_first() {
        let mut buf = Vec::new();
        write_hello(&mut buf, 999, "b").unwrap();
        let frame = read_frame(&mut &buf[..], MAX_GREETING).unwrap();
        let (p, rest) = split_versioned(&frame).unwrap();
        assert_eq!((p, rest), (999, &b"b"[..]));
    }
}

/// The bytes of protocol 1, pinned: a change to any type that crosses the socket (a new
/// variant in the middle of `Command` or `Query`, a field) fails here, and must come with a new
/// `PROTOCOL` so that old clients and servers tell each other apart instead of misreading.
#[cfg(test)]
mod golden {
    use qiaomen_core::model::{CheckIn, Method, Outcome};
    use qiaomen_core::query::Query;
    use qiaomen_core::store::Tree;
    use qiaomen_core::{Actor, ClockTime, Command, Date, Now};

    use super::{Request, encode};

    fn hex(bytes: &[u8]) -> String {
        use std::fmt::Write as _;
        bytes.iter().fold(String::new(), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
    }

    fn now() -> Now {
        Now::local(
            Date::from_ymd(2026, 11, 30).expect("a day"),
            ClockTime::new(9, 40).expect("a time"),
            480,
        )
    }

    #[test]
    fn requests_of_protocol_3_encode_to_the_pinned_bytes() {
        let checkin = Request::Apply {
            command: Command::CheckIn(CheckIn {
                elder: 7,
                date: now().date,
                seq: 0,
                time: now().time,
                by: "柳".to_owned(),
                method: Method::Phone,
                outcome: Outcome::Ok,
                note: String::new(),
                away_until: None,
                contact: None,
                case: None,
            }),
            actor: Actor {
                operator: "柳".to_owned(),
                now: now(),
            },
        };
        let roll = Request::Query(Query::Roll {
            date: now().date,
            now: now(),
            grid: Some(2),
        });
        let page = Request::Query(Query::Page {
            tree: Tree::Residents,
            after: Some(300),
            max_bytes: 4 << 20,
        });
        let got: Vec<String> = [checkin, roll, page]
            .iter()
            .map(|r| hex(&encode(r).expect("encodes")))
            .collect();
        assert_eq!(
            got,
            [
                "000507fc7e1d4b0000fb440203e69fb300000000000003e69fb3fce0a719d6fc7e1d4b00fb4402",
                "0106fc7e1d4b00fce0a719d6fc7e1d4b00fb44020102",
                "01020401fb2c01fc00004000",
            ],
            "protocol 4's bytes changed: bump PROTOCOL"
        );
    }
}
