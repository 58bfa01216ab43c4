use serde::{Deserialize, Serialize};

use super::{Id, codes};
use crate::day::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartnerKind {
    Unit,
    Enterprise,
    School,
    Bank,
    Individual,
}

codes!(PartnerKind {
    Unit => "unit",
    Enterprise => "enterprise",
    School => "school",
    Bank => "bank",
    Individual => "individual",
});

/// A unit, company, school, bank or person who helps (驻区单位 / 共建单位 / 爱心企业).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    #[serde(default)]
    pub id: Id,
    pub name: String,
    pub kind: PartnerKind,
    /// The co-construction agreement (共建协议), if one was signed.
    #[serde(default)]
    pub agreement_signed: Option<Date>,
    #[serde(default)]
    pub scope: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub phone: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Month,
    Quarter,
    Year,
}

codes!(Period { Month => "month", Quarter => "quarter", Year => "year" });

/// What a partner promised a household.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PledgeWhat {
    /// A one-off item: a wheelchair.
    Item { description: String },
    /// Money every period until a date: 10,000 yuan a year until the child is 18.
    Money {
        amount_fen: i64,
        period: Period,
        until: Date,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PledgeStatus {
    #[default]
    Active,
    Fulfilled,
    Cancelled,
}

codes!(PledgeStatus { Active => "active", Fulfilled => "fulfilled", Cancelled => "cancelled" });

/// One delivery against a pledge, with a reference (a receipt or transfer number).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub date: Date,
    #[serde(default)]
    pub amount_fen: i64,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub note: String,
}

/// A partner's claim of a household (认领) and what it pledges. Read through `stored.rs`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "super::stored::PledgeRead")]
pub struct Pledge {
    #[serde(default)]
    pub id: Id,
    pub partner: Id,
    pub household: Id,
    pub made: Date,
    pub what: PledgeWhat,
    /// The need it answers, to warn of double help (stored as its code; see `need.rs`).
    #[serde(serialize_with = "super::need_code::serialize")]
    pub need: Option<super::Need>,
    pub status: PledgeStatus,
    pub deliveries: Vec<Delivery>,
    /// Anything to remember about it; also where a need word no tag stands for is kept
    /// (format version 3; see `stored.rs`).
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    In,
    Out,
}

codes!(Direction { In => "in", Out => "out" });

/// A movement of the assistance fund, in fen (never floating point). Read through `stored.rs`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "super::stored::FundRead")]
pub struct FundEntry {
    #[serde(default)]
    pub id: Id,
    pub date: Date,
    pub amount_fen: i64,
    pub direction: Direction,
    #[serde(default)]
    pub partner: Option<Id>,
    #[serde(default)]
    pub household: Option<Id>,
    /// The need it answers, for payments out (stored as its code; see `need.rs`).
    #[serde(serialize_with = "super::need_code::serialize")]
    pub need: Option<super::Need>,
    /// A need word no tag stands for is kept here too (see `stored.rs`).
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    JointMeeting,
    Consultation,
}

codes!(MeetingKind { JointMeeting => "joint_meeting", Consultation => "consultation" });

/// A decision of a meeting, with its owner and due date, followed until done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub text: String,
    pub owner: String,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub done: Option<Date>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    #[serde(default)]
    pub id: Id,
    pub date: Date,
    pub kind: MeetingKind,
    pub title: String,
    /// Who attended (format 2: references; format 1 held names, read as guests).
    #[serde(default, deserialize_with = "super::attendee::read")]
    pub attendees: Vec<super::Attendee>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

/// A household visit (走访) and what was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    #[serde(default)]
    pub id: Id,
    pub date: Date,
    pub household: Id,
    pub by: String,
    #[serde(default)]
    pub findings: String,
}
