//! What partners do for the community besides pledges and money (issue 16 point 3): their
//! activities (a lecture, a health check, a street lamp repaired), the goods they give, and
//! the duties each side took on in a co-construction agreement. Each is a record of its own,
//! in a tree of its own (format version 1); the money fund stays money only.

use serde::{Deserialize, Serialize};

use super::{Id, Period, codes};
use crate::day::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Lecture,
    Class,
    HealthCheck,
    Donation,
    Repair,
    Duty,
    Other,
}

codes!(ActivityKind {
    Lecture => "lecture",
    Class => "class",
    HealthCheck => "health_check",
    Donation => "donation",
    Repair => "repair",
    Duty => "duty",
    Other => "other",
});

/// Something a partner did in the community on one day (共建活动).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    #[serde(default)]
    pub id: Id,
    pub partner: Id,
    pub kind: ActivityKind,
    pub date: Date,
    /// People reached (0 when nobody counted).
    #[serde(default)]
    pub people: u32,
    /// The grid it took place in, when it was one grid's.
    #[serde(default)]
    pub grid: Option<Id>,
    #[serde(default)]
    pub note: String,
}

/// Goods a partner gave the community or one household (物资), with their value in fen. Kept
/// apart from the fund: goods are never money the fund holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goods {
    #[serde(default)]
    pub id: Id,
    pub partner: Id,
    pub date: Date,
    /// What was given (`大米`, `轮椅`).
    pub what: String,
    pub quantity: u32,
    /// The unit counted (`袋`, `台`); empty for pieces.
    #[serde(default)]
    pub unit: String,
    pub value_fen: i64,
    /// The household it was given to; none when given to the community.
    #[serde(default)]
    pub household: Option<Id>,
    #[serde(default)]
    pub note: String,
}

/// Which side of a co-construction agreement owes a duty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Community,
    Partner,
}

codes!(Side { Community => "community", Partner => "partner" });

/// One duty of a partner's co-construction agreement (共建协议): who owes it, what, by when or
/// how often, and the days it was done. The agreement's signing day and text stay on the
/// partner (`agreement_signed`, `scope`, the agreement's note); its duties are these records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duty {
    #[serde(default)]
    pub id: Id,
    pub partner: Id,
    pub side: Side,
    pub what: String,
    /// A one-off duty: the day it is due by. A recurring one: the day it is first due.
    #[serde(default)]
    pub due: Option<Date>,
    /// How often a recurring duty falls due; none for a one-off duty.
    #[serde(default)]
    pub every: Option<Period>,
    /// The days it was done, in order.
    #[serde(default)]
    pub done: Vec<Date>,
    #[serde(default)]
    pub note: String,
}
