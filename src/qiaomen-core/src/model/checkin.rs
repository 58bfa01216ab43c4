use serde::{Deserialize, Serialize};

use super::{Id, codes};
use crate::day::{ClockTime, Date};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    #[default]
    Phone,
    Visit,
    Doorbell,
    Neighbour,
    /// A call to one of the elder's emergency contacts (the ladder's contact step; the
    /// check-in names which one). Added in check-in format version 2.
    Contact,
}

codes!(Method {
    Phone => "phone",
    Visit => "visit",
    Doorbell => "doorbell",
    Neighbour => "neighbour",
    Contact => "contact",
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Ok,
    Unwell,
    NoAnswer,
    NeedsHelp,
    Away,
}

codes!(Outcome {
    Ok => "ok",
    Unwell => "unwell",
    NoAnswer => "no-answer",
    NeedsHelp => "needs-help",
    Away => "away",
});

impl Outcome {
    /// `ok`, `unwell` and `needs-help` mean somebody spoke with the elder.
    pub fn is_reached(self) -> bool {
        matches!(self, Outcome::Ok | Outcome::Unwell | Outcome::NeedsHelp)
    }
}

/// Where a check-in lives: a day's check-ins share the key prefix `date ++ elder`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CheckInKey {
    pub date: Date,
    pub elder: Id,
    pub seq: u16,
}

/// One contact attempt with an elder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub elder: Id,
    pub date: Date,
    /// The attempt's number within the day, from 0; assigned by the store.
    #[serde(default)]
    pub seq: u16,
    pub time: ClockTime,
    /// The member or operator who made the contact.
    pub by: String,
    #[serde(default)]
    pub method: Method,
    pub outcome: Outcome,
    #[serde(default)]
    pub note: String,
    /// With `away`: the day the elder is expected back (inclusive), if known.
    #[serde(default)]
    pub away_until: Option<Date>,
    /// With method `contact`: which emergency contact was called, from 1 in the elder's order
    /// (format version 2).
    #[serde(default)]
    pub contact: Option<u8>,
    /// The case this step opened, when it was the ladder's last (set by the store, never by
    /// the caller; format version 2).
    #[serde(default)]
    pub case: Option<Id>,
}

impl CheckIn {
    pub fn key(&self) -> CheckInKey {
        CheckInKey {
            date: self.date,
            elder: self.elder,
            seq: self.seq,
        }
    }
}
