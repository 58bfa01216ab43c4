//! The case as format version 1 stored it (before levels, organisations and pairing): read
//! from old databases and turned into today's `Case`.

use serde::Deserialize;

use super::{Case, CaseEvent, CaseKind, CaseStatus, Id, Level};
use crate::day::Date;

/// Field for field the version-1 layout; bincode reads fields in order, so none may move.
/// Its events are today's: the event kinds of format 2 were added at the end of the enum.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CaseV1 {
    pub id: Id,
    pub kind: CaseKind,
    pub title: String,
    pub grid: Id,
    pub parties: Vec<String>,
    pub residents: Vec<Id>,
    pub opened: Date,
    pub status: CaseStatus,
    pub next_follow_up: Option<Date>,
    pub events: Vec<CaseEvent>,
}

impl From<CaseV1> for Case {
    /// A case of format 1 is held by its grid, unless its status is `escalated`: it was
    /// handed up, to the community at least (the old status said no more).
    fn from(c: CaseV1) -> Case {
        let level = if c.status == CaseStatus::Escalated {
            Level::Community
        } else {
            Level::Grid
        };
        Case {
            id: c.id,
            kind: c.kind,
            title: c.title,
            grid: c.grid,
            parties: c.parties,
            residents: c.residents,
            opened: c.opened,
            status: c.status,
            next_follow_up: c.next_follow_up,
            events: c.events,
            level,
            orgs: Vec::new(),
            paired: None,
            since: None,
        }
    }
}
