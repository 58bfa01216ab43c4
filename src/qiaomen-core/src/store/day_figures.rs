//! Day figures: for each closed day with a pack (`checkins.rs`), what its packed check-ins
//! say of each elder, small enough that "elders greeted daily" reads a year of them without
//! decoding a single pack (`summary/daily.rs`).
//!
//! `date` → `DayFigure` of that day's pack, in the kept tree `day_figures`. Written in the
//! same transaction as every write of a pack (the fold, the migration, imports, a check-in
//! taken back out of a pack), removed with the pack, rebuilt by `rebuild_kept_indexes` and
//! compared by `check`. It is a function of the pack alone: a day with loose marks is read
//! from its check-ins, and so is a day whose figure is missing.
//!
//! Format 1: version byte; the count and ids (delta varints, ascending) of the elders whose
//! latest check-in of the day reached them and whose last attempt is not an away; then the
//! count and, per elder, id delta, status byte (0 none, 1 reached, 2 not reached, 3 away) and
//! carry byte (0 not away, 1 away with no end, 2 away until the 4-byte date that follows).

use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{CheckIn, Id, Outcome};
use crate::rollcall::{self, DayStatus};

const KIND: &str = "day figure";
pub const VERSION: u8 = 1;

/// What a day's check-ins say of one elder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    None,
    Reached,
    NotReached,
    Away,
}

/// Whether the elder's last attempt of the day (in stored order) is an away, and until when:
/// what carries into the following days without a check-in (`rollcall::away_holds`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Carry {
    NotAway,
    Away(Option<Date>),
}

impl Carry {
    pub fn of(last: Option<&CheckIn>) -> Carry {
        match last {
            Some(c) if c.outcome == Outcome::Away => Carry::Away(c.away_until),
            _ => Carry::NotAway,
        }
    }

    /// Whether an away carried from this covers `day`.
    pub fn holds(self, day: Date) -> bool {
        match self {
            Carry::NotAway => false,
            Carry::Away(until) => until.is_none_or(|u| u >= day),
        }
    }
}

/// A day's figure: elders reached and not away (the most), and the others with their status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DayFigure {
    pub plain: Vec<Id>,
    pub other: Vec<(Id, Status, Carry)>,
}

impl DayFigure {
    /// The figure of a day's check-ins, sorted by elder then attempt as stored.
    pub fn of(day: &[CheckIn]) -> DayFigure {
        let mut f = DayFigure::default();
        let mut rest = day;
        while let Some(first) = rest.first() {
            let n = rest.iter().take_while(|c| c.elder == first.elder).count();
            let (attempts, tail) = rest.split_at(n);
            rest = tail;
            let status = match rollcall::status_of(attempts) {
                None => Status::None,
                Some(DayStatus::Reached(_)) => Status::Reached,
                Some(DayStatus::NotReached) => Status::NotReached,
                Some(DayStatus::Away { .. }) => Status::Away,
            };
            let carry = Carry::of(attempts.last());
            if status == Status::Reached && carry == Carry::NotAway {
                f.plain.push(first.elder);
            } else {
                f.other.push((first.elder, status, carry));
            }
        }
        f
    }

    /// Every elder of the day in id order, with status and carry.
    pub fn entries(&self) -> impl Iterator<Item = (Id, Status, Carry)> + '_ {
        let mut plain = self.plain.iter().peekable();
        let mut other = self.other.iter().peekable();
        std::iter::from_fn(move || match (plain.peek(), other.peek()) {
            (Some(&&p), Some(&&(o, s, c))) => {
                if p < o {
                    plain.next();
                    Some((p, Status::Reached, Carry::NotAway))
                } else {
                    other.next();
                    Some((o, s, c))
                }
            }
            (Some(&&p), None) => {
                plain.next();
                Some((p, Status::Reached, Carry::NotAway))
            }
            (None, Some(&&(o, s, c))) => {
                other.next();
                Some((o, s, c))
            }
            (None, None) => None,
        })
    }

    /// What the day says of one elder; `None` when the elder has no check-in that day.
    pub fn of_elder(&self, id: Id) -> Option<(Status, Carry)> {
        if self.plain.binary_search(&id).is_ok() {
            return Some((Status::Reached, Carry::NotAway));
        }
        let at = self.other.binary_search_by_key(&id, |o| o.0).ok()?;
        let (_, status, carry) = self.other[at];
        Some((status, carry))
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(2 + self.plain.len() * 2 + self.other.len() * 8);
        out.push(VERSION);
        put_varint(&mut out, self.plain.len() as u64);
        let mut prev = 0;
        for &id in &self.plain {
            put_varint(&mut out, id - prev);
            prev = id;
        }
        put_varint(&mut out, self.other.len() as u64);
        let mut prev = 0;
        for &(id, status, carry) in &self.other {
            put_varint(&mut out, id - prev);
            prev = id;
            out.push(match status {
                Status::None => 0,
                Status::Reached => 1,
                Status::NotReached => 2,
                Status::Away => 3,
            });
            match carry {
                Carry::NotAway => out.push(0),
                Carry::Away(None) => out.push(1),
                Carry::Away(Some(d)) => {
                    out.push(2);
                    out.extend(d.key());
                }
            }
        }
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<DayFigure> {
        let mut reader = Reader::new(bytes)?;
        let mut plain = Vec::with_capacity(reader.left.min(bytes.len()));
        while let Some(id) = reader.next_plain()? {
            plain.push(id);
        }
        let other = reader.others()?;
        Ok(DayFigure { plain, other })
    }
}

fn bad(reason: &str) -> Error {
    Error::Corrupt {
        kind: KIND,
        reason: reason.into(),
    }
}

/// A kept figure read in place: the elders reached and not away streamed from the bytes one id
/// at a time (nothing allocated for them: a district's day holds twenty thousand), then the
/// others, which are few, decoded once the first list is through. `DayFigure::decode` is this
/// reader collected, so both refuse the same damage. Finish with `others()`: it is what refuses
/// damage after the first list (trailing bytes, counts), so a caller that stops at the first
/// list has not checked the whole value.
pub struct Reader<'a> {
    rest: &'a [u8],
    /// Ids of the first list not read yet.
    left: usize,
    prev: u64,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Result<Reader<'a>> {
        let (&version, mut rest) = bytes.split_first().ok_or_else(|| bad("empty"))?;
        if version != VERSION {
            return Err(bad(&format!("unknown format version {version}")));
        }
        let left = usize::try_from(varint(&mut rest)?).map_err(|_| bad("count"))?;
        Ok(Reader {
            rest,
            left,
            prev: 0,
        })
    }

    /// The next id of the elders reached and not away (ascending), `None` after the last.
    /// Most deltas take one byte: those are read without a call.
    #[inline]
    pub fn next_plain(&mut self) -> Result<Option<Id>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let delta = match self.rest.split_first() {
            Some((&b, tail)) if b < 0x80 => {
                self.rest = tail;
                u64::from(b)
            }
            _ => varint(&mut self.rest)?,
        };
        self.prev = self.prev.checked_add(delta).ok_or_else(|| bad("id"))?;
        Ok(Some(self.prev))
    }

    /// The other elders with their status and carry, by id (the rest of the first list is
    /// read through first); refuses trailing bytes.
    pub fn others(mut self) -> Result<Vec<(Id, Status, Carry)>> {
        while self.next_plain()?.is_some() {}
        let rest = &mut self.rest;
        let n = usize::try_from(varint(rest)?).map_err(|_| bad("count"))?;
        let mut other = Vec::with_capacity(n.min(rest.len()));
        let mut prev = 0u64;
        for _ in 0..n {
            prev = prev.checked_add(varint(rest)?).ok_or_else(|| bad("id"))?;
            let status = match byte(rest)? {
                0 => Status::None,
                1 => Status::Reached,
                2 => Status::NotReached,
                3 => Status::Away,
                _ => return Err(bad("status")),
            };
            let carry = match byte(rest)? {
                0 => Carry::NotAway,
                1 => Carry::Away(None),
                2 => {
                    let key: [u8; 4] = rest
                        .get(..4)
                        .and_then(|k| k.try_into().ok())
                        .ok_or_else(|| bad("truncated"))?;
                    *rest = &rest[4..];
                    Carry::Away(Some(Date::from_key(key)?))
                }
                _ => return Err(bad("carry")),
            };
            other.push((prev, status, carry));
        }
        if !rest.is_empty() {
            return Err(bad("trailing bytes"));
        }
        Ok(other)
    }
}

fn byte(rest: &mut &[u8]) -> Result<u8> {
    let (&b, tail) = rest.split_first().ok_or_else(|| bad("truncated"))?;
    *rest = tail;
    Ok(b)
}

fn varint(rest: &mut &[u8]) -> Result<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = byte(rest)?;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err(bad("varint too long"))
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}
