//! The kept entries of each record, as a pure function of the record (and, for a household's
//! head, of the head's name).

use serde::{Deserialize, Serialize};

use crate::cadence::VisitHome;
use crate::day::Date;
use crate::error::Result;
use crate::model::{
    Address, Case, CaseKind, CaseStatus, Direction, EventKind, FundEntry, Household, Id, Meeting,
    MeetingKind, Resident, Visit,
};
use crate::store::Entity;
use crate::store::codec::{self, decode_body, split_version, unknown_version};
use crate::store::{Tree, id_key};

/// The format version of `Dated` values (golden bytes in `tests/codec_golden.rs`; the
/// `heads` entries of schemas 2 to 6 had it too).
pub const VERSION: u8 = 1;

/// What the roll call, the summary and the first screen read of an elder on the roll: the
/// resident as stored and the address of the household it points to, so that one range scan
/// of `elders` answers them without a read per elder or per household.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElderEntry {
    /// The address of the household the resident points to (empty without one).
    pub address: Address,
    /// The resident record's stored bytes, its own format version first (`Resident::decode`):
    /// an older resident format reads here as it reads in its tree. Read and written as one
    /// run of bytes (`raw_bytes`), the same bytes as a sequence of `u8`.
    #[serde(with = "super::raw_bytes")]
    pub resident: Vec<u8>,
}

/// What the summary's period figures count of a dated record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dated {
    Meeting(MeetingKind),
    Visit {
        household: Id,
    },
    Fund {
        direction: Direction,
        amount_fen: i64,
    },
    /// A case's day: opened, a mediation session held, or moved to resolved or closed.
    Case {
        kind: CaseKind,
        grid: Id,
        opened: bool,
        session: bool,
        settled: bool,
    },
    /// A household's file opened.
    File {
        grid: Id,
    },
}

impl ElderEntry {
    pub fn encode(&self) -> Vec<u8> {
        encode(self)
    }

    pub fn decode(bytes: &[u8]) -> Result<Self> {
        decode("elder index", bytes)
    }

    pub fn resident(&self) -> Result<Resident> {
        Resident::decode(&self.resident)
    }
}

/// `visit_homes` values (the type is the cadence rule's, `cadence::VisitHome`).
impl VisitHome {
    pub fn encode(&self) -> Vec<u8> {
        encode(self)
    }

    pub fn decode(bytes: &[u8]) -> Result<Self> {
        decode("visit home", bytes)
    }
}

impl Dated {
    pub fn encode(&self) -> Vec<u8> {
        encode(self)
    }

    pub fn decode(bytes: &[u8]) -> Result<Self> {
        decode("dated index", bytes)
    }

    /// The tag byte after the date in the key, so that records of two kinds with one id
    /// differ.
    pub(super) fn tag(&self) -> u8 {
        match self {
            Dated::Meeting(_) => 1,
            Dated::Visit { .. } => 2,
            Dated::Fund { .. } => 3,
            Dated::Case { .. } => 4,
            Dated::File { .. } => 5,
        }
    }
}

pub(super) fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    codec::encode(VERSION, value)
}

pub(super) fn decode<T: serde::de::DeserializeOwned>(
    kind: &'static str,
    bytes: &[u8],
) -> Result<T> {
    let (version, body) = split_version(kind, bytes)?;
    if version == VERSION {
        decode_body(kind, body)
    } else {
        Err(unknown_version(kind, version))
    }
}

/// One kept key and its value.
pub(super) type Entry = (Tree, Vec<u8>, Vec<u8>);

pub(super) fn dated_key(date: Date, tag: u8, id: Id) -> Vec<u8> {
    let mut k = Vec::with_capacity(13);
    k.extend_from_slice(&date.key());
    k.push(tag);
    k.extend_from_slice(&id_key(id));
    k
}

fn dated(date: Date, id: Id, value: &Dated) -> Entry {
    (Tree::Dated, dated_key(date, value.tag(), id), encode(value))
}

pub(super) fn meeting(m: &Meeting) -> Vec<Entry> {
    vec![dated(m.date, m.id, &Dated::Meeting(m.kind))]
}

pub(super) fn visit(v: &Visit) -> Vec<Entry> {
    vec![dated(
        v.date,
        v.id,
        &Dated::Visit {
            household: v.household,
        },
    )]
}

pub(super) fn fund(f: &FundEntry) -> Vec<Entry> {
    vec![dated(
        f.date,
        f.id,
        &Dated::Fund {
            direction: f.direction,
            amount_fen: f.amount_fen,
        },
    )]
}

/// The key of a case in `case_ends` while it is not closed.
pub(super) const NOT_CLOSED: [u8; 4] = [0xFF; 4];

pub(super) fn case(c: &Case) -> Vec<Entry> {
    let mut days: std::collections::BTreeMap<Date, (bool, bool, bool)> =
        std::collections::BTreeMap::new();
    days.entry(c.opened).or_default().0 = true;
    for s in c.sessions() {
        days.entry(s.date).or_default().1 = true;
    }
    for e in &c.events {
        if matches!(
            e.kind,
            EventKind::Status {
                to: CaseStatus::Resolved | CaseStatus::Closed,
                ..
            }
        ) {
            days.entry(e.date).or_default().2 = true;
        }
    }
    let mut out: Vec<Entry> = days
        .into_iter()
        .map(|(date, (opened, session, settled))| {
            let value = Dated::Case {
                kind: c.kind,
                grid: c.grid,
                opened,
                session,
                settled,
            };
            dated(date, c.id, &value)
        })
        .collect();
    let quiet_since = if c.status == CaseStatus::Closed {
        let last = c
            .events
            .iter()
            .map(|e| e.date)
            .chain(c.sessions().map(|s| s.date))
            .fold(c.opened, Date::max);
        last.key()
    } else {
        NOT_CLOSED
    };
    let mut key = quiet_since.to_vec();
    key.extend_from_slice(&id_key(c.id));
    out.push((Tree::CaseEnds, key, Vec::new()));
    out
}

/// A household's entries: the day its file opened, and its memberships. (Its head's name is
/// in its row of `household_rows`, `rows.rs`.)
pub(super) fn household(h: &Household) -> Vec<Entry> {
    let mut out = Vec::new();
    if let Some(first) = h.file.first() {
        out.push(dated(first.date, h.id, &Dated::File { grid: h.grid }));
    }
    let mut members = h.members.clone();
    members.sort_unstable();
    members.dedup();
    for m in members {
        out.push((Tree::MemberOf, member_key(m, h.id), Vec::new()));
    }
    out
}

/// A household's entry in `visit_homes`, when it may have a visit tier: a care category, or
/// a member on the roll (`on_the_roll` of a member id).
pub(super) fn visit_home(
    h: &Household,
    mut on_the_roll: impl FnMut(Id) -> Result<bool>,
) -> Result<Vec<Entry>> {
    let mut keep = !h.categories.is_empty();
    for &m in &h.members {
        if keep {
            break;
        }
        keep = on_the_roll(m)?;
    }
    Ok(if keep {
        vec![(
            Tree::VisitHomes,
            id_key(h.id).to_vec(),
            VisitHome::of(h).encode(),
        )]
    } else {
        Vec::new()
    })
}

/// An elder's entries, from the resident's stored bytes and the address of its household
/// (`None`: no household, or one not stored): none unless `rollcall::on_the_roll`.
pub(super) fn elder(r: &Resident, stored: &[u8], address: Option<Address>) -> Vec<Entry> {
    if !crate::rollcall::on_the_roll(r) {
        return Vec::new();
    }
    let value = ElderEntry {
        address: address.unwrap_or_default(),
        resident: stored.to_vec(),
    };
    let mut out = vec![(Tree::Elders, id_key(r.id).to_vec(), encode(&value))];
    if let Some(h) = r.household {
        out.push((Tree::ElderHomes, home_key(h, r.id), Vec::new()));
    }
    out
}

/// The key of an elder in `elder_homes`: household ++ resident.
pub(super) fn home_key(household: Id, resident: Id) -> Vec<u8> {
    let mut key = id_key(household).to_vec();
    key.extend_from_slice(&id_key(resident));
    key
}

/// The key of a member in `member_of`: resident ++ household.
pub(super) fn member_key(resident: Id, household: Id) -> Vec<u8> {
    let mut key = id_key(resident).to_vec();
    key.extend_from_slice(&id_key(household));
    key
}

/// The address an elder's entry carries for a household.
pub(super) fn address_of(h: Household) -> Address {
    h.address
}
