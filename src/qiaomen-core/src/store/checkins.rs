//! Check-ins are kept one value per day: the key is the day (`date`, 4 bytes big-endian), the
//! value every check-in of that day, ordered by elder then attempt. A day's roll call is one
//! read; an elder's history is one read per day, and nothing scans the whole history.
//!
//! Why not one key per check-in (`date ++ elder ++ seq`, with an `elder ++ date` index): five
//! years of a subdistrict are 3.8 million check-ins, and at two sled keys each the database
//! grew to 1.7 GB, took half a second to open for every command and 550 MB to import. Packed
//! by day it is about 1,800 keys.

use serde::{Deserialize, Serialize};

use super::codec::{self, decode_body, split_version, unknown_version};
use crate::day::{ClockTime, Date};
use crate::error::{Error, Result};
use crate::model::{CheckIn, Id, Method, Outcome};

const KIND: &str = "checkin day";
const VERSION: u8 = 1;

/// How far back "the latest check-in" is looked for. An away period with no end date lapses
/// after this long without news: uncertain never counts as safe.
pub const LOOKBACK_DAYS: i64 = 92;

pub fn day_key(date: Date) -> [u8; 4] {
    date.key()
}

pub fn parse_day_key(key: &[u8]) -> Result<Date> {
    let key: [u8; 4] = key.try_into().map_err(|_| Error::Corrupt {
        kind: KIND,
        reason: format!("key of {} bytes", key.len()),
    })?;
    Date::from_key(key)
}

/// One check-in as stored inside its day (version 1).
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
}

/// Encodes a day's check-ins; they must be sorted by elder and attempt.
pub fn encode(day: &[CheckIn]) -> Vec<u8> {
    let stored: Vec<Stored> = day
        .iter()
        .map(|c| Stored {
            elder: c.elder,
            seq: c.seq,
            time: c.time,
            by: c.by.clone(),
            method: c.method,
            outcome: c.outcome,
            note: c.note.clone(),
            away_until: c.away_until,
        })
        .collect();
    codec::encode(VERSION, &stored)
}

pub fn decode(date: Date, bytes: &[u8]) -> Result<Vec<CheckIn>> {
    let (version, body) = split_version(KIND, bytes)?;
    if version != VERSION {
        return Err(unknown_version(KIND, version));
    }
    let stored: Vec<Stored> = decode_body(KIND, body)?;
    let day: Vec<CheckIn> = stored
        .into_iter()
        .map(|s| CheckIn {
            elder: s.elder,
            date,
            seq: s.seq,
            time: s.time,
            by: s.by,
            method: s.method,
            outcome: s.outcome,
            note: s.note,
            away_until: s.away_until,
        })
        .collect();
    if day
        .windows(2)
        .any(|w| (w[0].elder, w[0].seq) >= (w[1].elder, w[1].seq))
    {
        return Err(Error::Corrupt {
            kind: KIND,
            reason: format!("check-ins of {date} out of order"),
        });
    }
    Ok(day)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn c(elder: Id, seq: u16) -> CheckIn {
        CheckIn {
            elder,
            date: Date::parse("2026-11-30").unwrap(),
            seq,
            time: ClockTime::new(8, 0).unwrap(),
            by: "刘晓燕".into(),
            method: Method::Phone,
            outcome: Outcome::Ok,
            note: String::new(),
            away_until: None,
        }
    }

    #[test]
    fn a_day_keeps_elder_and_attempt_order() {
        let mut day = Vec::new();
        upsert(&mut day, c(7, 1));
        upsert(&mut day, c(3, 0));
        upsert(&mut day, c(7, 0));
        let order: Vec<(Id, u16)> = day.iter().map(|x| (x.elder, x.seq)).collect();
        assert_eq!(order, [(3, 0), (7, 0), (7, 1)]);
        assert_eq!(of_elder(&day, 7).len(), 2);
        assert!(of_elder(&day, 5).is_empty());
        let date = day[0].date;
        assert_eq!(decode(date, &encode(&day)).unwrap(), day);
        assert!(remove(&mut day, 7, 0));
        assert!(!remove(&mut day, 7, 0));
    }

    #[test]
    fn an_unordered_day_is_damage() {
        let day = vec![c(7, 0), c(3, 0)];
        let date = day[0].date;
        assert!(matches!(
            decode(date, &encode(&day)),
            Err(Error::Corrupt { .. })
        ));
    }
}
