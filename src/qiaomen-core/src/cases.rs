//! The rules of case work: which status may follow which, and what closing needs.

use crate::error::{Error, Result};
use crate::model::{Case, CaseKind, CaseStatus, Closure};

/// The statuses a case may move to from `from`.
pub fn next_statuses(from: CaseStatus) -> &'static [CaseStatus] {
    use CaseStatus::{Closed, Escalated, Mediating, Open, Resolved};
    match from {
        Open => &[Mediating, Resolved, Escalated],
        Mediating => &[Resolved, Escalated],
        Resolved => &[Closed, Mediating, Escalated],
        Escalated => &[Mediating, Resolved],
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
    if from == to {
        return Err(Error::transition(
            from,
            to,
            "the case already has that status",
        ));
    }
    if !next_statuses(from).contains(&to) {
        let allowed: Vec<&str> = next_statuses(from).iter().map(|s| s.as_str()).collect();
        return Err(Error::transition(
            from,
            to,
            format!("from {from} a case can go to {}", allowed.join(", ")),
        ));
    }
    if reason.trim().is_empty() {
        return Err(Error::transition(
            from,
            to,
            "a status change needs a reason",
        ));
    }
    if to != CaseStatus::Closed {
        if closure.is_some() {
            return Err(Error::transition(
                from,
                to,
                "a closure is only given when closing",
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
            format!(
                "a {} cannot close as {c}; it closes as {}",
                case.kind,
                allowed
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        )),
        None if case.kind == CaseKind::Petition => Err(Error::transition(
            from,
            to,
            "a petition closes only with a recorded settlement: withdrawn (息诉罢访) or settled (案结事了)",
        )),
        None if case.kind == CaseKind::Dispute => Err(Error::transition(
            from,
            to,
            "a dispute closes with an agreement or another reason: give the closure (agreement or other)",
        )),
        None => Ok(Some(Closure::Other)),
    }
}
