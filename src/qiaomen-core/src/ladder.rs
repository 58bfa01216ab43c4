//! The escalation ladder (SPEC §3), a pure rule: where an elder not reached stands on the
//! community's ladder for their care level, who should take the next step and by when.
//!
//! The steps, in order: calls to the elder by phone (the roll call's own calls count as the
//! first tries), then each emergency contact in the elder's order, then a door knock, then a
//! case for the community worker. A step is done when it was tried and failed (`no-answer`);
//! any reached outcome (the elder spoken to, seen on a visit, a contact's confirmation, a
//! doorbell press) takes the elder off the ladder, as the day's latest check-in decides.
//! Deadlines are counted from the cutoff: call `k` by `cutoff + (k - 1) × every`, contact `i`
//! one interval after the last call or contact before it, the knock `knock_within` after the
//! last call or contact. The clock is passed in.

use serde::{Deserialize, Serialize};

use crate::day::{ClockTime, Date, Now};
use crate::model::{
    CheckIn, Community, Grid, Id, Ladder, LadderLevel, Member, Method, Outcome, Resident, Role,
};

/// One rung of the ladder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Call the elder: try `n` of `of`.
    Call { n: u8, of: u8 },
    /// Call emergency contact `index` (from 1, in the elder's order).
    Contact {
        index: u8,
        name: String,
        relation: String,
        phone: String,
    },
    /// Knock on the elder's door.
    Knock,
    /// A case for the community worker: opened (its id), or due to be opened.
    Case { case: Option<Id> },
}

impl Step {
    /// A code for JSON and for grouping (`call`, `contact`, `knock`, `case`).
    pub fn code(&self) -> &'static str {
        match self {
            Step::Call { .. } => "call",
            Step::Contact { .. } => "contact",
            Step::Knock => "knock",
            Step::Case { .. } => "case",
        }
    }

    /// The order of the rungs, for sorting (a later rung is more urgent).
    pub fn rank(&self) -> u8 {
        match self {
            Step::Call { .. } => 0,
            Step::Contact { .. } => 1,
            Step::Knock => 2,
            Step::Case { .. } => 3,
        }
    }
}

/// Who should take a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Doer {
    /// The elder's callers (calls and contacts).
    Callers,
    /// The steward of the elder's grid, or a caring neighbour among the callers.
    Steward,
    /// The community worker.
    Worker,
}

/// Where an elder not reached stands on the ladder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub step: Step,
    pub doer: Doer,
    /// The step is due by this time of the day (`None`: a case already opened).
    pub by: Option<ClockTime>,
    pub overdue: bool,
}

/// What recording a step can say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepOutcome {
    /// A contact was reached and confirms they spoke to the elder today, who is fine.
    ContactConfirms,
    /// The contact could not be reached (or could not confirm).
    ContactNotReached,
    /// Seen on a visit, fine.
    VisitedFine,
    /// Nobody answered the door: escalate.
    VisitedNoAnswer,
}

impl StepOutcome {
    pub const ALL: [StepOutcome; 4] = [
        StepOutcome::ContactConfirms,
        StepOutcome::ContactNotReached,
        StepOutcome::VisitedFine,
        StepOutcome::VisitedNoAnswer,
    ];

    pub fn method(self) -> Method {
        match self {
            StepOutcome::ContactConfirms | StepOutcome::ContactNotReached => Method::Contact,
            StepOutcome::VisitedFine | StepOutcome::VisitedNoAnswer => Method::Visit,
        }
    }

    pub fn outcome(self) -> Outcome {
        match self {
            StepOutcome::ContactConfirms | StepOutcome::VisitedFine => Outcome::Ok,
            StepOutcome::ContactNotReached | StepOutcome::VisitedNoAnswer => Outcome::NoAnswer,
        }
    }

    /// The outcomes that fit a step: a contact's two on a contact step, a visit's two on a
    /// knock (or a case still to open); a visit is always possible.
    pub fn fitting(step: &Step) -> &'static [StepOutcome] {
        match step {
            Step::Contact { .. } => &StepOutcome::ALL,
            _ => &StepOutcome::ALL[2..],
        }
    }
}

/// The deadline `minutes` after `from`, kept within the day.
fn after(from: ClockTime, minutes: u32) -> ClockTime {
    let m = (u32::from(from.minutes()) + minutes).min(23 * 60 + 59);
    ClockTime::from_minutes(u16::try_from(m).unwrap_or(23 * 60 + 59)).unwrap_or(from)
}

fn is_call(c: &CheckIn) -> bool {
    matches!(c.method, Method::Phone | Method::Neighbour)
}

/// The elder's position on `date` from that day's attempts (in order), or `None` when the
/// elder is not on the ladder: reached or away, no care plan, or not yet due (before the
/// cutoff with no `no-answer`).
pub fn position(
    ladder: &Ladder,
    cutoff: ClockTime,
    elder: &Resident,
    attempts: &[CheckIn],
    date: Date,
    now: Now,
) -> Option<Position> {
    let care = elder.care.as_ref()?;
    if attempts
        .last()
        .is_some_and(|c| c.outcome != Outcome::NoAnswer)
        || date > now.date
    {
        return None;
    }
    let started = date < now.date
        || now.time >= cutoff
        || attempts.iter().any(|c| c.outcome == Outcome::NoAnswer);
    if !started {
        return None;
    }
    let level = ladder.level(care.level);
    let overdue = |by: ClockTime| date < now.date || now.time > by;
    let at = |by: ClockTime, step: Step, doer: Doer| {
        Some(Position {
            step,
            doer,
            by: Some(by),
            overdue: overdue(by),
        })
    };
    if let Some(case) = attempts.iter().find_map(|c| c.case) {
        return Some(Position {
            step: Step::Case { case: Some(case) },
            doer: Doer::Worker,
            by: None,
            overdue: false,
        });
    }
    let failed = |c: &&CheckIn| c.outcome == Outcome::NoAnswer;
    let calls = attempts
        .iter()
        .filter(failed)
        .filter(|c| is_call(c))
        .count();
    let every = u32::from(level.every);
    let retries = u32::from(level.retries.max(1));
    if calls < usize::from(level.retries.max(1)) {
        let n = u8::try_from(calls + 1).unwrap_or(u8::MAX);
        let by = after(cutoff, (u32::from(n) - 1) * every);
        return at(
            by,
            Step::Call {
                n,
                of: level.retries.max(1),
            },
            Doer::Callers,
        );
    }
    let tried: Vec<u8> = attempts
        .iter()
        .filter(failed)
        .filter(|c| c.method == Method::Contact)
        .filter_map(|c| c.contact)
        .collect();
    for (i, contact) in elder.contacts.iter().enumerate() {
        let index = u8::try_from(i + 1).unwrap_or(u8::MAX);
        if !tried.contains(&index) {
            let by = after(cutoff, (retries - 1 + u32::from(index)) * every);
            return at(
                by,
                Step::Contact {
                    index,
                    name: contact.name.clone(),
                    relation: contact.relation.clone(),
                    phone: contact.phone.clone(),
                },
                Doer::Callers,
            );
        }
    }
    let contacts = u32::try_from(elder.contacts.len()).unwrap_or(u32::MAX / 2);
    let knock_by = after(
        cutoff,
        (retries - 1 + contacts) * every + u32::from(level.knock_within),
    );
    let knocked = attempts
        .iter()
        .filter(failed)
        .any(|c| c.method == Method::Visit);
    if knocked {
        at(knock_by, Step::Case { case: None }, Doer::Worker)
    } else {
        at(knock_by, Step::Knock, Doer::Steward)
    }
}

/// The position of an elder with the community's own ladder and cutoff.
pub fn position_in(
    community: &Community,
    elder: &Resident,
    attempts: &[CheckIn],
    date: Date,
    now: Now,
) -> Option<Position> {
    position(
        &community.ladder,
        community.cutoff,
        elder,
        attempts,
        date,
        now,
    )
}

/// Whether recording `step` (already among `attempts`, the day's attempts in order) makes the
/// ladder reach its case, which is then to be opened: the case is due and none is open yet.
pub fn case_due(
    community: &Community,
    elder: &Resident,
    attempts: &[CheckIn],
    date: Date,
    now: Now,
) -> bool {
    matches!(
        position_in(community, elder, attempts, date, now),
        Some(Position {
            step: Step::Case { case: None },
            ..
        })
    )
}

/// The members who should take a step, most fitting first: the elder's callers; the stewards
/// of the elder's grid, then the caring neighbours among the callers; the community's workers,
/// those of the elder's grid first. Inactive members are left out.
pub fn doers(doer: Doer, elder: &Resident, grids: &[Grid], members: &[Member]) -> Vec<Id> {
    let active = |id: &Id| members.iter().any(|m| m.id == *id && m.active);
    let callers: Vec<Id> = elder
        .care
        .iter()
        .flat_map(|c| c.callers.iter().copied())
        .filter(active)
        .collect();
    match doer {
        Doer::Callers => callers,
        Doer::Steward => {
            let mut out: Vec<Id> = grids
                .iter()
                .filter(|g| g.id == elder.grid)
                .flat_map(|g| g.stewards.iter().copied())
                .filter(active)
                .collect();
            for id in callers {
                let neighbour = members
                    .iter()
                    .any(|m| m.id == id && m.roles.contains(&Role::CaringNeighbour));
                if neighbour && !out.contains(&id) {
                    out.push(id);
                }
            }
            out
        }
        Doer::Worker => {
            let mut workers: Vec<&Member> = members
                .iter()
                .filter(|m| m.active && m.roles.contains(&Role::Worker))
                .collect();
            workers.sort_by_key(|m| (m.grid != Some(elder.grid), m.id));
            workers.into_iter().map(|m| m.id).collect()
        }
    }
}

/// Checks a level's settings: at least one try, intervals within a day.
pub fn check_level(level: &LadderLevel) -> Result<(), &'static str> {
    if level.retries == 0 || level.retries > Ladder::MAX_RETRIES {
        return Err("retries");
    }
    if level.every == 0 || level.every > Ladder::MAX_MINUTES {
        return Err("every");
    }
    if level.knock_within == 0 || level.knock_within > Ladder::MAX_MINUTES {
        return Err("knock_within");
    }
    Ok(())
}

#[cfg(test)]
mod tests;
