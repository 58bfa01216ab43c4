//! The rules of case work: which status may follow which, and what closing needs.

use serde::{Deserialize, Serialize};

use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Case, CaseKind, CaseStatus, Closure, Level};

/// Why a case-work step of issue 16 is refused: a typed reason the app words. `case` is the
/// case's number (`#12`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseRule {
    /// A petition is settled (案结事了) only once the petitioner's statement is recorded.
    SettleNeedsStatement { case: String },
    /// A hand-over goes up: the case is already at `from`.
    NotHigher {
        case: String,
        from: Level,
        to: Level,
    },
    /// A case held by its grid has no level below to be returned to.
    AtGridLevel { case: String },
    /// The case is closed: reopen it first.
    Closed { case: String },
    /// Only a petition has a paired steward and the petitioner's statement.
    NotAPetition { case: String },
    /// The `escalated` status is no longer set by hand: a hand-over sets the level.
    UseEscalate { case: String },
    /// The party is already one of the case's (`added`), or is not one (not `added`).
    Party {
        case: String,
        party: String,
        added: bool,
    },
    /// A contact or statement dated before the case was opened.
    BeforeOpening {
        case: String,
        date: Date,
        opened: Date,
    },
    /// A petition's start after the case was opened (it is when petitioning began before).
    SinceAfterOpening {
        case: String,
        since: Date,
        opened: Date,
    },
    /// A hand-over needs its reason, a contact what was said, a statement its text:
    /// `what` is `reason`, `note` or `text`.
    NeedsText { case: String, what: String },
    /// The organisation or person already attends the meeting.
    AlreadyAttends { meeting: u64, name: String },
    /// Another organisation already has this name (names find organisations).
    OrgNameTaken { name: String, id: u64 },
}

/// Checks a hand-over up to `to`.
pub fn check_escalate(case: &Case, to: Level) -> Result<(), CaseRule> {
    if case.status == CaseStatus::Closed {
        return Err(CaseRule::Closed {
            case: case.number(),
        });
    }
    if to <= case.level {
        return Err(CaseRule::NotHigher {
            case: case.number(),
            from: case.level,
            to,
        });
    }
    Ok(())
}

/// Checks a hand-back; returns the level it goes to.
pub fn check_return(case: &Case) -> Result<Level, CaseRule> {
    if case.status == CaseStatus::Closed {
        return Err(CaseRule::Closed {
            case: case.number(),
        });
    }
    case.level.below().ok_or_else(|| CaseRule::AtGridLevel {
        case: case.number(),
    })
}

/// Checks that a step only petitions have (pairing, the statement) is asked of a petition.
pub fn check_petition(case: &Case) -> Result<(), CaseRule> {
    if case.kind == CaseKind::Petition {
        Ok(())
    } else {
        Err(CaseRule::NotAPetition {
            case: case.number(),
        })
    }
}

/// The statuses a case may move to from `from`.
pub fn next_statuses(from: CaseStatus) -> &'static [CaseStatus] {
    use CaseStatus::{Closed, Escalated, Mediating, Open, Resolved};
    match from {
        // `Escalated` is a status of cases from before levels: a case still reads as it and moves
        // on from it, but a hand-over (`case escalate`) is how a case goes up now.
        Open | Escalated => &[Mediating, Resolved],
        Mediating => &[Resolved],
        Resolved => &[Closed, Mediating],
        Closed => &[Open],
    }
}

/// The closures a kind of case may close with.
pub fn closures_for(kind: CaseKind) -> &'static [Closure] {
    match kind {
        CaseKind::Petition => &[Closure::Withdrawn, Closure::Settled],
        CaseKind::Dispute => &[Closure::Agreement, Closure::Other],
        CaseKind::Request | CaseKind::Assistance => &[Closure::Other, Closure::Agreement],
    }
}

/// Checks a status change; returns the closure to record.
pub fn check_status_change(
    case: &Case,
    to: CaseStatus,
    reason: &str,
    closure: Option<Closure>,
) -> Result<Option<Closure>> {
    let from = case.status;
    if to == CaseStatus::Escalated && from != to {
        return Err(Error::Case(CaseRule::UseEscalate {
            case: case.number(),
        }));
    }
    if to == CaseStatus::Closed
        && closure == Some(Closure::Settled)
        && case.kind == CaseKind::Petition
        && case.statement().is_none()
    {
        return Err(Error::Case(CaseRule::SettleNeedsStatement {
            case: case.number(),
        }));
    }
    if from == to {
        return Err(Error::transition(from, to, crate::reason::Move::SameStatus));
    }
    if !next_statuses(from).contains(&to) {
        let allowed: Vec<&str> = next_statuses(from).iter().map(|s| s.as_str()).collect();
        return Err(Error::transition(
            from,
            to,
            crate::reason::Move::OnlyTo {
                allowed: allowed
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect(),
            },
        ));
    }
    if reason.trim().is_empty() {
        return Err(Error::transition(
            from,
            to,
            crate::reason::Move::NeedsReason,
        ));
    }
    if to != CaseStatus::Closed {
        if closure.is_some() {
            return Err(Error::transition(
                from,
                to,
                crate::reason::Move::ClosureOnlyWhenClosing,
            ));
        }
        return Ok(None);
    }
    let allowed = closures_for(case.kind);
    match closure {
        Some(c) if allowed.contains(&c) => Ok(Some(c)),
        Some(c) => Err(Error::transition(
            from,
            to,
            crate::reason::Move::ClosesAs {
                kind: case.kind.to_string(),
                closure: c.to_string(),
                allowed: allowed.iter().map(|c| c.as_str().to_owned()).collect(),
            },
        )),
        None if case.kind == CaseKind::Petition => Err(Error::transition(
            from,
            to,
            crate::reason::Move::PetitionNeedsSettlement,
        )),
        None if case.kind == CaseKind::Dispute => Err(Error::transition(
            from,
            to,
            crate::reason::Move::DisputeNeedsClosure,
        )),
        None => Ok(Some(Closure::Other)),
    }
}
