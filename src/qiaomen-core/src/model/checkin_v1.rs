//! The check-in as format version 1 carried it (before the ladder's `contact` and `case`):
//! read from journal entries written before entry version 4.

use serde::Deserialize;

use super::{CheckIn, Id, Method, Outcome};
use crate::day::{ClockTime, Date};

/// Field for field the version-1 layout; bincode reads fields in order, so none may move.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CheckInV1 {
    pub elder: Id,
    pub date: Date,
    pub seq: u16,
    pub time: ClockTime,
    pub by: String,
    pub method: Method,
    pub outcome: Outcome,
    pub note: String,
    pub away_until: Option<Date>,
}

impl From<CheckInV1> for CheckIn {
    fn from(c: CheckInV1) -> CheckIn {
        CheckIn {
            elder: c.elder,
            date: c.date,
            seq: c.seq,
            time: c.time,
            by: c.by,
            method: c.method,
            outcome: c.outcome,
            note: c.note,
            away_until: c.away_until,
            contact: None,
            case: None,
        }
    }
}
