use serde::{Deserialize, Serialize};

use super::{Id, codes};
use crate::day::{ClockTime, Date};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    Dispute,
    Petition,
    Request,
    Assistance,
}

codes!(CaseKind { Dispute => "dispute", Petition => "petition", Request => "request", Assistance => "assistance" });

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Open,
    Mediating,
    Resolved,
    Closed,
    Escalated,
}

codes!(CaseStatus {
    Open => "open",
    Mediating => "mediating",
    Resolved => "resolved",
    Closed => "closed",
    Escalated => "escalated",
});

impl CaseStatus {
    pub fn is_active(self) -> bool {
        !matches!(self, CaseStatus::Closed)
    }
}

/// How a case was brought to a close. A petition closes only when the petitioner withdrew
/// (息诉罢访) or the matter was settled (案结事了); a dispute with an agreement or a reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Closure {
    /// 息诉罢访
    Withdrawn,
    /// 案结事了
    Settled,
    /// A mediation agreement was signed.
    Agreement,
    /// Closed for the reason given in the status change.
    Other,
}

codes!(Closure { Withdrawn => "withdrawn", Settled => "settled", Agreement => "agreement", Other => "other" });

/// A mediation session: who sat at the table and what came of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub date: Date,
    pub participants: Vec<String>,
    pub outcome: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Note {
        text: String,
    },
    Session(Session),
    Status {
        from: CaseStatus,
        to: CaseStatus,
        reason: String,
        closure: Option<Closure>,
    },
    FollowUpSet {
        due: Date,
    },
    FollowUpDone {
        note: String,
    },
}

/// One entry of a case's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    pub date: Date,
    #[serde(default)]
    pub time: ClockTime,
    pub by: String,
    pub kind: EventKind,
}

/// A dispute, petition, resident request or assistance case, with its whole timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    #[serde(default)]
    pub id: Id,
    pub kind: CaseKind,
    pub title: String,
    pub grid: Id,
    /// The people and organisations involved, as named by the worker.
    #[serde(default)]
    pub parties: Vec<String>,
    /// Residents the case is about (for their cards).
    #[serde(default)]
    pub residents: Vec<Id>,
    pub opened: Date,
    pub status: CaseStatus,
    #[serde(default)]
    pub next_follow_up: Option<Date>,
    #[serde(default)]
    pub events: Vec<CaseEvent>,
}

impl Case {
    /// The people-facing number, `#42`.
    pub fn number(&self) -> String {
        format!("#{}", self.id)
    }

    pub fn sessions(&self) -> impl Iterator<Item = &Session> {
        self.events.iter().filter_map(|e| match &e.kind {
            EventKind::Session(s) => Some(s),
            _ => None,
        })
    }
}
