//! Check-ins: one tree whose every key starts with the day (`date`, 4 bytes big-endian), so a
//! day's check-ins are one key range. Two kinds of key share it:
//!
//! - `date` → the day **packed**: every check-in of that day by elder then attempt, in one
//!   value (format 2: bincode compressed with zstd; format 1, bincode alone, is still read for
//!   databases written before schema 2 until their migration has run).
//! - `date ++ elder ++ seq` (14 bytes) → one **loose mark**: a check-in written since the day
//!   was last packed, as a small value of its own.
//!
//! A mark writes only its own key (about 60 bytes), never its day's value: rewriting a 40 KB
//! day per mark grew a subdistrict's database by half in one morning, because sled keeps large
//! values as blob files it reclaims late. Once a day has closed, the engine folds its loose
//! marks into its pack (a journalled `Fold`), so five years stay about 1,800 compressed
//! values: one key per check-in for the whole history made the database ten times larger and
//! slower to open.
//!
//! A loose mark replaces a packed check-in with the same elder and attempt (a note added
//! later); taking a check-in back removes it from both. The meta tree lists the days that have
//! loose marks (`meta::LOOSE`), so folding never searches for them.

use serde::{Deserialize, Serialize};

use super::codec::{self, decode_body, decode_compressed_body, split_version, unknown_version};
use crate::day::{ClockTime, Date};
use crate::error::{Error, Result};
use crate::model::{CheckIn, Id, Method, Outcome};

const KIND: &str = "checkin day";
const MARK_KIND: &str = "checkin";
/// Format 1: bincode of the day's check-ins. Format 2: the same, compressed with zstd.
/// Formats 3 (compressed) and 4 (plain, in snapshots) add the ladder's `contact` and `case`;
/// 1 and 2 still read, with neither.
const PLAIN_V1: u8 = 1;
const PACKED_V2: u8 = 2;
const PACKED: u8 = 3;
const PLAIN: u8 = 4;
/// Mark format 2 adds `contact` and `case`; format 1 still reads.
const MARK_VERSION: u8 = 2;
const MARK_V1: u8 = 1;
const MARK_KEY_LEN: usize = 14;
/// A day's pack is keyed by the day alone.
pub const DAY_KEY_LEN: usize = 4;

/// How far back "the latest check-in" is looked for. An away period with no end date lapses
/// after this long without news: uncertain never counts as safe.
pub const LOOKBACK_DAYS: i64 = 92;

/// What a key of the check-in tree names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A day's packed value.
    Day(Date),
    /// One loose mark.
    Mark(Date, Id, u16),
}

impl Key {
    pub fn date(self) -> Date {
        match self {
            Key::Day(d) | Key::Mark(d, ..) => d,
        }
    }
}

pub fn day_key(date: Date) -> [u8; 4] {
    date.key()
}

pub fn mark_key(date: Date, elder: Id, seq: u16) -> [u8; MARK_KEY_LEN] {
    let mut k = [0u8; MARK_KEY_LEN];
    k[..4].copy_from_slice(&date.key());
    k[4..12].copy_from_slice(&elder.to_be_bytes());
    k[12..].copy_from_slice(&seq.to_be_bytes());
    k
}

pub fn parse_key(key: &[u8]) -> Result<Key> {
    let bad = || Error::Corrupt {
        kind: KIND,
        reason: format!("key of {} bytes", key.len()),
    };
    let date = Date::from_key(
        key.get(..4)
            .ok_or_else(bad)?
            .try_into()
            .map_err(|_| bad())?,
    )?;
    match key.len() {
        4 => Ok(Key::Day(date)),
        MARK_KEY_LEN => Ok(Key::Mark(
            date,
            u64::from_be_bytes(key[4..12].try_into().map_err(|_| bad())?),
            u16::from_be_bytes(key[12..].try_into().map_err(|_| bad())?),
        )),
        _ => Err(bad()),
    }
}

/// The keys of the days `from` to `to` inclusive.
pub fn days_range(from: Date, to: Date) -> std::ops::Range<[u8; 4]> {
    day_key(from)..day_key(to.add_days(1))
}

/// One check-in as stored inside its day.
#[derive(Serialize, Deserialize)]
struct Stored {
    elder: Id,
    seq: u16,
    time: ClockTime,
    by: String,
    method: Method,
    outcome: Outcome,
    note: String,
    away_until: Option<Date>,
    contact: Option<u8>,
    case: Option<Id>,
}

/// `Stored` as formats 1 and 2 wrote it; bincode reads fields in order, so none may move.
#[derive(Serialize, Deserialize)]
struct StoredV1 {
    elder: Id,
    seq: u16,
    time: ClockTime,
    by: String,
    method: Method,
    outcome: Outcome,
    note: String,
    away_until: Option<Date>,
}

impl From<StoredV1> for Stored {
    fn from(s: StoredV1) -> Stored {
        Stored {
            elder: s.elder,
            seq: s.seq,
            time: s.time,
            by: s.by,
            method: s.method,
            outcome: s.outcome,
            note: s.note,
            away_until: s.away_until,
            contact: None,
            case: None,
        }
    }
}

/// One loose mark's value: the key holds the day, elder and attempt.
#[derive(Serialize, Deserialize)]
struct StoredMark {
    time: ClockTime,
    by: String,
    method: Method,
    outcome: Outcome,
    note: String,
    away_until: Option<Date>,
    contact: Option<u8>,
    case: Option<Id>,
}

/// `StoredMark` as mark format 1 wrote it.
#[derive(Serialize, Deserialize)]
struct StoredMarkV1 {
    time: ClockTime,
    by: String,
    method: Method,
    outcome: Outcome,
    note: String,
    away_until: Option<Date>,
}

fn stored(day: &[CheckIn]) -> Vec<Stored> {
    day.iter()
        .map(|c| Stored {
            elder: c.elder,
            seq: c.seq,
            time: c.time,
            by: c.by.clone(),
            method: c.method,
            outcome: c.outcome,
            note: c.note.clone(),
            away_until: c.away_until,
            contact: c.contact,
            case: c.case,
        })
        .collect()
}

/// Packs a day's check-ins (format 3); they must be sorted by elder and attempt.
pub fn encode(day: &[CheckIn]) -> Vec<u8> {
    codec::encode_compressed(PACKED, &stored(day))
}

/// Format 1, as written before schema 2 (golden tests and old-format fixtures); the ladder's
/// fields are left out, as that format had none.
#[cfg(test)]
pub fn encode_plain(day: &[CheckIn]) -> Vec<u8> {
    let old: Vec<StoredV1> = stored(day)
        .into_iter()
        .map(|s| StoredV1 {
            elder: s.elder,
            seq: s.seq,
            time: s.time,
            by: s.by,
            method: s.method,
            outcome: s.outcome,
            note: s.note,
            away_until: s.away_until,
        })
        .collect();
    codec::encode(PLAIN_V1, &old)
}

pub fn decode(date: Date, bytes: &[u8]) -> Result<Vec<CheckIn>> {
    let (version, body) = split_version(KIND, bytes)?;
    let old = |v: Vec<StoredV1>| v.into_iter().map(Stored::from).collect();
    let stored: Vec<Stored> = match version {
        PLAIN => decode_body(KIND, body)?,
        PACKED => decode_compressed_body(KIND, body)?,
        PLAIN_V1 => old(decode_body(KIND, body)?),
        PACKED_V2 => old(decode_compressed_body(KIND, body)?),
        v => return Err(unknown_version(KIND, v)),
    };
    let day: Vec<CheckIn> = stored
        .into_iter()
        .map(|s| StoredRef::from(s).into_checkin(date))
        .collect();
    in_order(date, &day, |c| (c.elder, c.seq))?;
    Ok(day)
}

/// `Stored` read in place: the text borrowed from the day's bytes, so a day can be looked
/// through for one elder without an allocation per check-in (a district's day is 20,000).
#[derive(Deserialize)]
struct StoredRef<'a> {
    elder: Id,
    seq: u16,
    time: ClockTime,
    #[serde(borrow)]
    by: std::borrow::Cow<'a, str>,
    method: Method,
    outcome: Outcome,
    #[serde(borrow)]
    note: std::borrow::Cow<'a, str>,
    away_until: Option<Date>,
    contact: Option<u8>,
    case: Option<Id>,
}

/// One elder's check-ins in a day's packed value, as `decode` would give them (the same
/// checks: the version, the order, no trailing bytes), without making the others'.
pub fn decode_of_elder(date: Date, bytes: &[u8], elder: Id) -> Result<Vec<CheckIn>> {
    let (version, body) = split_version(KIND, bytes)?;
    let plain;
    let body = match version {
        PACKED => {
            plain = codec::decompress(KIND, body)?;
            &plain[..]
        }
        PLAIN => body,
        // The old formats are read whole, as before their migration.
        _ => return Ok(of_elder(&decode(date, bytes)?, elder).to_vec()),
    };
    let mut day: Vec<StoredRef> = codec::borrow_decode_body(KIND, body)?;
    in_order(date, &day, |c| (c.elder, c.seq))?;
    let start = day.partition_point(|c| c.elder < elder);
    let end = day.partition_point(|c| c.elder <= elder);
    Ok(day
        .drain(start..end)
        .map(|s| s.into_checkin(date))
        .collect())
}

/// Fails unless a day's check-ins are sorted by elder and attempt, each once.
fn in_order<T>(date: Date, day: &[T], key: impl Fn(&T) -> (Id, u16)) -> Result<()> {
    if day.windows(2).any(|w| key(&w[0]) >= key(&w[1])) {
        return Err(Error::Corrupt {
            kind: KIND,
            reason: format!("check-ins of {date} out of order"),
        });
    }
    Ok(())
}

impl StoredRef<'_> {
    /// The check-in this stands for: borrowed text copied once, owned text moved.
    fn into_checkin(self, date: Date) -> CheckIn {
        CheckIn {
            elder: self.elder,
            date,
            seq: self.seq,
            time: self.time,
            by: self.by.into_owned(),
            method: self.method,
            outcome: self.outcome,
            note: self.note.into_owned(),
            away_until: self.away_until,
            contact: self.contact,
            case: self.case,
        }
    }
}

impl From<Stored> for StoredRef<'static> {
    fn from(s: Stored) -> Self {
        StoredRef {
            elder: s.elder,
            seq: s.seq,
            time: s.time,
            by: s.by.into(),
            method: s.method,
            outcome: s.outcome,
            note: s.note.into(),
            away_until: s.away_until,
            contact: s.contact,
            case: s.case,
        }
    }
}

pub fn encode_mark(c: &CheckIn) -> Vec<u8> {
    codec::encode(
        MARK_VERSION,
        &StoredMark {
            time: c.time,
            by: c.by.clone(),
            method: c.method,
            outcome: c.outcome,
            note: c.note.clone(),
            away_until: c.away_until,
            contact: c.contact,
            case: c.case,
        },
    )
}

pub fn decode_mark(date: Date, elder: Id, seq: u16, bytes: &[u8]) -> Result<CheckIn> {
    let (version, body) = split_version(MARK_KIND, bytes)?;
    let s: StoredMark = match version {
        MARK_VERSION => decode_body(MARK_KIND, body)?,
        MARK_V1 => {
            let s: StoredMarkV1 = decode_body(MARK_KIND, body)?;
            StoredMark {
                time: s.time,
                by: s.by,
                method: s.method,
                outcome: s.outcome,
                note: s.note,
                away_until: s.away_until,
                contact: None,
                case: None,
            }
        }
        v => return Err(unknown_version(MARK_KIND, v)),
    };
    Ok(CheckIn {
        elder,
        date,
        seq,
        time: s.time,
        by: s.by,
        method: s.method,
        outcome: s.outcome,
        note: s.note,
        away_until: s.away_until,
        contact: s.contact,
        case: s.case,
    })
}

/// Whether a snapshot record of `schema` is a day's packed value (schema 2 on).
fn packed_day_in(schema: u32, tree: u8, key: &[u8]) -> bool {
    schema >= 2 && tree == super::Tree::CheckIns as u8 && key.len() == 4
}

/// A packed day as a snapshot of schema 2 holds it: plain (format 3 as 4, format 2 as 1), so
/// the snapshot's own compression works on the check-ins rather than on compressed bytes
/// (compressing twice made snapshots twice as large). `None`: the record is stored as it is.
pub fn for_snapshot(schema: u32, tree: u8, key: &[u8], value: &[u8]) -> Result<Option<Vec<u8>>> {
    if !packed_day_in(schema, tree, key) {
        return Ok(None);
    }
    let (version, body) = split_version(KIND, value)?;
    let to = match version {
        PACKED => PLAIN,
        PACKED_V2 => PLAIN_V1,
        _ => return Ok(None),
    };
    let plain = codec::decompress(KIND, body)?;
    let mut out = Vec::with_capacity(plain.len() + 1);
    out.push(to);
    out.extend(plain);
    Ok(Some(out))
}

/// The inverse of `for_snapshot`: the packed value exactly as the store held it (compression
/// is deterministic), so a store rebuilt from a snapshot is the same byte for byte.
pub fn from_snapshot(schema: u32, tree: u8, key: &[u8], value: &[u8]) -> Result<Option<Vec<u8>>> {
    if !packed_day_in(schema, tree, key) {
        return Ok(None);
    }
    let (version, body) = split_version(KIND, value)?;
    match version {
        PLAIN => Ok(Some(codec::recompress(PACKED, body))),
        PLAIN_V1 => Ok(Some(codec::recompress(PACKED_V2, body))),
        _ => Ok(None),
    }
}

/// A day as stored: its pack and its loose marks, each by elder then attempt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoredDay {
    pub pack: Vec<CheckIn>,
    pub marks: Vec<CheckIn>,
}

impl StoredDay {
    /// Adds one key of the day (in any order).
    pub fn add(&mut self, key: Key, value: &[u8]) -> Result<()> {
        match key {
            Key::Day(date) => self.pack = decode(date, value)?,
            Key::Mark(date, elder, seq) => {
                let c = decode_mark(date, elder, seq, value)?;
                upsert(&mut self.marks, c);
            }
        }
        Ok(())
    }

    /// The day's check-ins as the app sees them: the pack with the marks laid over it.
    pub fn merged(&self) -> Vec<CheckIn> {
        let mut out = Vec::with_capacity(self.pack.len() + self.marks.len());
        let (mut a, mut b) = (self.pack.iter().peekable(), self.marks.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (None, None) => break,
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (Some(x), Some(y)) => match (x.elder, x.seq).cmp(&(y.elder, y.seq)) {
                    std::cmp::Ordering::Less => a.next(),
                    std::cmp::Ordering::Greater => b.next(),
                    std::cmp::Ordering::Equal => {
                        a.next();
                        b.next()
                    }
                },
            };
            out.extend(next.cloned());
        }
        out
    }

    pub fn in_pack(&self, elder: Id, seq: u16) -> bool {
        self.pack
            .binary_search_by_key(&(elder, seq), |x| (x.elder, x.seq))
            .is_ok()
    }

    pub fn in_marks(&self, elder: Id, seq: u16) -> bool {
        self.marks
            .binary_search_by_key(&(elder, seq), |x| (x.elder, x.seq))
            .is_ok()
    }
}

/// Groups the keys of a key range (either direction) into days, each merged. A watched one
/// (`Store::days_of`) reads a day again, on its own, when a repack may have overlapped its
/// reading (`repacks.rs`): from the first such day on, every day, because sled's iterator
/// reads a leaf of keys at a time and may hold keys read before the repack.
pub struct Days<'a, I: Iterator> {
    inner: std::iter::Peekable<I>,
    watch: Option<Watch<'a>>,
}

struct Watch<'a> {
    tree: super::TreeRef,
    repacks: &'a super::repacks::Repacks,
    /// The repack count before the first key was read.
    since: u64,
}

impl<'a, I> Days<'a, I>
where
    I: Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>,
{
    /// Unwatched: for a reader holding the write lock, which no repack can overlap.
    pub fn new(inner: I) -> Self {
        Days {
            inner: inner.peekable(),
            watch: None,
        }
    }

    /// `keys` must not have been read from yet (sled's iterators read nothing until asked).
    pub(super) fn watched(
        keys: I,
        tree: super::TreeRef,
        repacks: &'a super::repacks::Repacks,
    ) -> Self {
        Days {
            watch: Some(Watch {
                tree,
                repacks,
                since: repacks.settled(),
            }),
            inner: keys.peekable(),
        }
    }

    fn next_day(&mut self) -> Result<Option<(Date, StoredDay)>> {
        let Some(first) = self.inner.next() else {
            return Ok(None);
        };
        let (k, v) = first?;
        let key = parse_key(&k)?;
        let date = key.date();
        let mut day = StoredDay::default();
        day.add(key, &v)?;
        while let Some(Ok((k, _))) = self.inner.peek() {
            if k.get(..4) != Some(&date.key()[..]) {
                break;
            }
            let (k, v) = self.inner.next().expect("peeked")?;
            day.add(parse_key(&k)?, &v)?;
        }
        if let Some(w) = &self.watch
            && !w.repacks.unchanged(w.since)
        {
            day = w.repacks.read(|| {
                let mut day = StoredDay::default();
                for kv in w.tree.range(days_range(date, date)) {
                    let (k, v) = kv?;
                    day.add(parse_key(&k)?, &v)?;
                }
                Ok(day)
            })?;
        }
        Ok(Some((date, day)))
    }
}

impl<I> Iterator for Days<'_, I>
where
    I: Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>,
{
    type Item = Result<(Date, StoredDay)>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_day().transpose()
    }
}

/// Puts a check-in into its day, replacing the same attempt, keeping the order.
pub fn upsert(day: &mut Vec<CheckIn>, c: CheckIn) {
    match day.binary_search_by_key(&(c.elder, c.seq), |x| (x.elder, x.seq)) {
        Ok(i) => day[i] = c,
        Err(i) => day.insert(i, c),
    }
}

/// Takes an attempt out of its day; false when it was not there.
pub fn remove(day: &mut Vec<CheckIn>, elder: Id, seq: u16) -> bool {
    match day.binary_search_by_key(&(elder, seq), |x| (x.elder, x.seq)) {
        Ok(i) => {
            day.remove(i);
            true
        }
        Err(_) => false,
    }
}

/// One elder's attempts within a decoded day.
pub fn of_elder(day: &[CheckIn], elder: Id) -> &[CheckIn] {
    let start = day.partition_point(|c| c.elder < elder);
    let end = day.partition_point(|c| c.elder <= elder);
    &day[start..end]
}

/// The days listed in `meta::LOOSE` (4-byte keys, sorted, no repeats).
pub fn decode_loose(raw: &[u8]) -> Vec<Date> {
    raw.chunks_exact(4)
        .filter_map(|k| Date::from_key(k.try_into().ok()?).ok())
        .collect()
}

pub fn encode_loose(days: &[Date]) -> Vec<u8> {
    days.iter().flat_map(|d| d.key()).collect()
}

#[cfg(test)]
mod tests;
