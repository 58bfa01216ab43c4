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

/// Who holds a case: "小事不出网格、大事不出社区". Every case starts in its grid; a hand-over
/// (`EventKind::Escalated`, `EventKind::Returned`) moves it up or back down.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    #[default]
    Grid,
    Community,
    Subdistrict,
}

codes!(Level { Grid => "grid", Community => "community", Subdistrict => "subdistrict" });

impl Level {
    /// The level a hand-back goes to from this one (`None` at grid level).
    pub fn below(self) -> Option<Level> {
        match self {
            Level::Grid => None,
            Level::Community => Some(Level::Grid),
            Level::Subdistrict => Some(Level::Community),
        }
    }
}

/// How a petitioner was met (a petition's contact log, kept apart from mediation sessions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactHow {
    Visit,
    Phone,
    /// 陪访接待: going with the petitioner to the office that receives petitions.
    Accompany,
    Other,
}

codes!(ContactHow { Visit => "visit", Phone => "phone", Accompany => "accompany", Other => "other" });

/// A party to a case (or an attendee) chosen from the register, or named in free text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Org(Id),
    Resident(Id),
    Text(String),
}

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
    // Case format 2 (issue 16): new variants only at the end, so version-1 bytes still read.
    /// Handed over up a level (`by` handed it over).
    Escalated {
        from: Level,
        to: Level,
        reason: String,
    },
    /// Handed back down a level.
    Returned {
        from: Level,
        to: Level,
        reason: String,
    },
    /// A contact with the petitioner on `on`: who met them, how, what was said.
    Contact {
        on: Date,
        who: String,
        how: ContactHow,
        note: String,
    },
    /// The petitioner's own statement that the matter is settled, made on `on`.
    Statement {
        on: Date,
        text: String,
    },
    /// The steward paired with the petitioner (结对帮扶), by name; `None` ends a pairing.
    Paired {
        member: Option<Id>,
        name: String,
    },
    /// The day the petitioner first petitioned was set.
    Since {
        since: Date,
    },
    /// A party added (`added`) or taken off, with its name as it was then.
    Party {
        party: Party,
        name: String,
        added: bool,
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
    // Case format 2 (issue 16), at the end: format 1 reads through `CaseV1`.
    /// Who holds the case now.
    #[serde(default)]
    pub level: Level,
    /// Organisations of the register that are parties to the case.
    #[serde(default)]
    pub orgs: Vec<Id>,
    /// The steward paired with a petitioner (结对帮扶).
    #[serde(default)]
    pub paired: Option<Id>,
    /// When a petitioner first petitioned, if before the case was opened here.
    #[serde(default)]
    pub since: Option<Date>,
}

impl Case {
    /// The people-facing number, `#42`.
    pub fn number(&self) -> String {
        format!("#{}", self.id)
    }

    /// The petitioner's latest statement that the matter is settled: its date and text.
    pub fn statement(&self) -> Option<(Date, &str)> {
        self.events.iter().rev().find_map(|e| match &e.kind {
            EventKind::Statement { on, text } => Some((*on, text.as_str())),
            _ => None,
        })
    }

    /// The contact log, in the order recorded.
    pub fn contacts(&self) -> impl Iterator<Item = &CaseEvent> {
        self.events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Contact { .. }))
    }

    /// The level the case was at when it was opened: the first hand-over's start, else the
    /// level it has (a case of format 1 escalated by status has no hand-over recorded).
    pub fn first_level(&self) -> Level {
        self.events
            .iter()
            .find_map(|e| match e.kind {
                EventKind::Escalated { from, .. } | EventKind::Returned { from, .. } => Some(from),
                _ => None,
            })
            .unwrap_or(self.level)
    }

    /// The level at the end of `date`, read back from the hand-overs.
    pub fn level_on(&self, date: Date) -> Level {
        let mut level = self.first_level();
        for e in self.events.iter().filter(|e| e.date <= date) {
            if let EventKind::Escalated { to, .. } | EventKind::Returned { to, .. } = e.kind {
                level = to;
            }
        }
        level
    }

    /// Whole years a petition has run on `today`: since the petitioner first petitioned, or
    /// since the case was opened.
    pub fn years_open(&self, today: Date) -> i32 {
        today.years_since(self.since.unwrap_or(self.opened)).max(0)
    }

    pub fn sessions(&self) -> impl Iterator<Item = &Session> {
        self.events.iter().filter_map(|e| match &e.kind {
            EventKind::Session(s) => Some(s),
            _ => None,
        })
    }
}
