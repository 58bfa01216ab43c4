//! The case part of the summary. A case's status and follow-up on a past day are read back
//! from its timeline, so yesterday's report says what was true yesterday.

use std::collections::HashSet;

use serde::Serialize;

use super::register::Context;
use crate::day::{ClockTime, Date};
use crate::model::{Case, CaseKind, CaseStatus, Closure, EventKind, Id};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct CaseRef {
    pub id: Id,
    pub number: String,
    pub kind: CaseKind,
    pub title: String,
    pub grid: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SessionItem {
    pub case: CaseRef,
    /// Which session of the case this was, from 1.
    pub nth: usize,
    pub participants: Vec<String>,
    pub outcome: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct StatusItem {
    pub case: CaseRef,
    pub time: ClockTime,
    pub by: String,
    pub from: CaseStatus,
    pub to: CaseStatus,
    pub reason: String,
    pub closure: Option<Closure>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FollowUpItem {
    pub case: CaseRef,
    pub due: Date,
}

/// Cases not resolved nor closed at the end of the day, by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct KindCounts {
    pub dispute: usize,
    pub petition: usize,
    pub request: usize,
    pub assistance: usize,
    pub total: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Cases {
    pub opened: Vec<CaseRef>,
    pub sessions: Vec<SessionItem>,
    pub status_changes: Vec<StatusItem>,
    /// Cases moved to `resolved`, and to `closed`, that day.
    pub resolved: usize,
    pub closed: usize,
    pub open_by_kind: KindCounts,
    /// Follow-ups still pending at the end of the day, due before it, on it, and the next day.
    pub follow_ups_overdue: Vec<FollowUpItem>,
    pub follow_ups_today: Vec<FollowUpItem>,
    pub follow_ups_tomorrow: Vec<FollowUpItem>,
}

fn case_ref(ctx: &Context, c: &Case) -> CaseRef {
    CaseRef {
        id: c.id,
        number: c.number(),
        kind: c.kind,
        title: c.title.clone(),
        grid: ctx.grid_code(c.grid),
    }
}

/// The case's status at the end of `date`, or `None` before it was opened. The stored status
/// is the truth after the last change; earlier days come from the timeline.
pub fn status_on(c: &Case, date: Date) -> Option<CaseStatus> {
    if c.opened > date {
        return None;
    }
    let changes: Vec<(Date, CaseStatus, CaseStatus)> = c
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Status { from, to, .. } => Some((e.date, from, to)),
            _ => None,
        })
        .collect();
    let done = changes.iter().filter(|(d, ..)| *d <= date).count();
    Some(if done == changes.len() {
        c.status
    } else if done == 0 {
        changes[0].1
    } else {
        changes[done - 1].2
    })
}

/// What an event does to the pending follow-up.
#[derive(Clone, Copy)]
enum FollowUpChange {
    Set(Date),
    Cleared,
}

fn follow_up_change(kind: &EventKind) -> Option<FollowUpChange> {
    match kind {
        EventKind::FollowUpSet { due } => Some(FollowUpChange::Set(*due)),
        EventKind::FollowUpDone { .. }
        | EventKind::Status {
            to: CaseStatus::Closed,
            ..
        } => Some(FollowUpChange::Cleared),
        _ => None,
    }
}

/// The follow-up pending at the end of `date`.
pub fn follow_up_on(c: &Case, date: Date) -> Option<Date> {
    let changes: Vec<(Date, FollowUpChange)> = c
        .events
        .iter()
        .filter_map(|e| follow_up_change(&e.kind).map(|f| (e.date, f)))
        .collect();
    let done = changes.iter().filter(|(d, _)| *d <= date).count();
    if done == changes.len() {
        return c.next_follow_up;
    }
    match done.checked_sub(1).map(|i| changes[i].1) {
        Some(FollowUpChange::Set(due)) => Some(due),
        Some(FollowUpChange::Cleared) | None => None,
    }
}

pub fn day(ctx: &Context, date: Date) -> Cases {
    let mut out = Cases {
        opened: Vec::new(),
        sessions: Vec::new(),
        status_changes: Vec::new(),
        resolved: 0,
        closed: 0,
        open_by_kind: KindCounts::default(),
        follow_ups_overdue: Vec::new(),
        follow_ups_today: Vec::new(),
        follow_ups_tomorrow: Vec::new(),
    };
    let mut resolved = HashSet::new();
    let mut closed = HashSet::new();
    let mut cases: Vec<&Case> = ctx.cases.iter().collect();
    cases.sort_by_key(|c| c.id);
    for c in cases {
        let Some(status) = status_on(c, date) else {
            continue;
        };
        if c.opened == date {
            out.opened.push(case_ref(ctx, c));
        }
        for (i, s) in c.sessions().enumerate() {
            if s.date == date {
                out.sessions.push(SessionItem {
                    case: case_ref(ctx, c),
                    nth: i + 1,
                    participants: s.participants.clone(),
                    outcome: s.outcome.clone(),
                });
            }
        }
        for e in c.events.iter().filter(|e| e.date == date) {
            if let EventKind::Status {
                from,
                to,
                reason,
                closure,
            } = &e.kind
            {
                match to {
                    CaseStatus::Resolved => resolved.insert(c.id),
                    CaseStatus::Closed => closed.insert(c.id),
                    _ => false,
                };
                out.status_changes.push(StatusItem {
                    case: case_ref(ctx, c),
                    time: e.time,
                    by: e.by.clone(),
                    from: *from,
                    to: *to,
                    reason: reason.clone(),
                    closure: *closure,
                });
            }
        }
        if matches!(
            status,
            CaseStatus::Open | CaseStatus::Mediating | CaseStatus::Escalated
        ) {
            let k = &mut out.open_by_kind;
            match c.kind {
                CaseKind::Dispute => k.dispute += 1,
                CaseKind::Petition => k.petition += 1,
                CaseKind::Request => k.request += 1,
                CaseKind::Assistance => k.assistance += 1,
            }
            k.total += 1;
        }
        if status == CaseStatus::Closed {
            continue;
        }
        if let Some(due) = follow_up_on(c, date) {
            let item = FollowUpItem {
                case: case_ref(ctx, c),
                due,
            };
            if due < date {
                out.follow_ups_overdue.push(item);
            } else if due == date {
                out.follow_ups_today.push(item);
            } else if due == date.add_days(1) {
                out.follow_ups_tomorrow.push(item);
            }
        }
    }
    out.follow_ups_overdue.sort_by_key(|f| (f.due, f.case.id));
    out.resolved = resolved.len();
    out.closed = closed.len();
    out
}
