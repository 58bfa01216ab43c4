//! Check-in keys and values. A day's check-ins are one key prefix (`date ++ elder ++ seq`) so
//! the roll call of a day reads only that day; the index `elder ++ date ++ seq` serves an
//! elder's history. The key carries the date, elder and sequence, so the value does not.

use serde::{Deserialize, Serialize};

use super::codec::{self, decode_body, split_version, unknown_version};
use crate::day::{ClockTime, Date};
use crate::error::{Error, Result};
use crate::model::{CheckIn, CheckInKey, Id, Method, Outcome};

pub const KEY_LEN: usize = 14;
const KIND: &str = "checkin";
const VERSION: u8 = 1;

pub fn day_key(k: &CheckInKey) -> [u8; KEY_LEN] {
    let mut out = [0; KEY_LEN];
    out[..4].copy_from_slice(&k.date.key());
    out[4..12].copy_from_slice(&k.elder.to_be_bytes());
    out[12..].copy_from_slice(&k.seq.to_be_bytes());
    out
}

pub fn elder_key(k: &CheckInKey) -> [u8; KEY_LEN] {
    let mut out = [0; KEY_LEN];
    out[..8].copy_from_slice(&k.elder.to_be_bytes());
    out[8..12].copy_from_slice(&k.date.key());
    out[12..].copy_from_slice(&k.seq.to_be_bytes());
    out
}

pub fn day_elder_prefix(date: Date, elder: Id) -> [u8; 12] {
    let mut out = [0; 12];
    out[..4].copy_from_slice(&date.key());
    out[4..].copy_from_slice(&elder.to_be_bytes());
    out
}

fn bad_key(len: usize) -> Error {
    Error::Corrupt {
        kind: KIND,
        reason: format!("key of {len} bytes"),
    }
}

pub fn parse_day_key(key: &[u8]) -> Result<CheckInKey> {
    let key: &[u8; KEY_LEN] = key.try_into().map_err(|_| bad_key(key.len()))?;
    Ok(CheckInKey {
        date: Date::from_key(key[..4].try_into().expect("4 bytes"))?,
        elder: u64::from_be_bytes(key[4..12].try_into().expect("8 bytes")),
        seq: u16::from_be_bytes(key[12..].try_into().expect("2 bytes")),
    })
}

pub fn parse_elder_key(key: &[u8]) -> Result<CheckInKey> {
    let key: &[u8; KEY_LEN] = key.try_into().map_err(|_| bad_key(key.len()))?;
    Ok(CheckInKey {
        elder: u64::from_be_bytes(key[..8].try_into().expect("8 bytes")),
        date: Date::from_key(key[8..12].try_into().expect("4 bytes"))?,
        seq: u16::from_be_bytes(key[12..].try_into().expect("2 bytes")),
    })
}

/// The stored part of a check-in (version 1).
#[derive(Serialize, Deserialize)]
pub struct StoredCheckIn {
    pub time: ClockTime,
    pub by: String,
    pub method: Method,
    pub outcome: Outcome,
    pub note: String,
    pub away_until: Option<Date>,
}

pub fn encode(c: &CheckIn) -> Vec<u8> {
    codec::encode(
        VERSION,
        &StoredCheckIn {
            time: c.time,
            by: c.by.clone(),
            method: c.method,
            outcome: c.outcome,
            note: c.note.clone(),
            away_until: c.away_until,
        },
    )
}

pub fn decode(key: CheckInKey, bytes: &[u8]) -> Result<CheckIn> {
    let (version, body) = split_version(KIND, bytes)?;
    if version != VERSION {
        return Err(unknown_version(KIND, version));
    }
    let s: StoredCheckIn = decode_body(KIND, body)?;
    Ok(CheckIn {
        elder: key.elder,
        date: key.date,
        seq: key.seq,
        time: s.time,
        by: s.by,
        method: s.method,
        outcome: s.outcome,
        note: s.note,
        away_until: s.away_until,
    })
}
