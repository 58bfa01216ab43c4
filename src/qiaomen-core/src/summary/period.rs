//! The figures a community reports for a period: meetings held, households visited,
//! disputes mediated, problems resolved, elders greeted, files kept, partners and the fund.

use std::collections::HashSet;

use serde::Serialize;

use super::register::Context;
use crate::day::Date;
use crate::error::Result;
use crate::model::{Case, CaseKind, CaseStatus, Direction, EventKind, Id, MeetingKind};
use crate::store::Store;

/// The figures a community reports for a period (both ends included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PeriodFigures {
    pub from: Date,
    pub to: Date,
    pub joint_meetings: usize,
    pub consultations: usize,
    /// Distinct households visited.
    pub households_visited: usize,
    /// Disputes with a mediation session in the period, or resolved or closed in it.
    pub disputes_mediated: usize,
    /// Resident requests resolved or closed in the period.
    pub problems_resolved: usize,
    /// Elders with a care plan active on the last day.
    pub elders_greeted_daily: usize,
    /// Households with a file opened by the last day.
    pub households_with_files: usize,
    pub partners: usize,
    pub fund_in_fen: i64,
    pub fund_out_fen: i64,
    /// Everything in minus everything out up to the last day, whatever the period's start.
    pub fund_balance_fen: i64,
}

/// The earliest day of any record the figures count, for the default period. Check-ins give
/// only their first key, not a scan.
pub fn first_day(store: &Store, ctx: &Context) -> Result<Option<Date>> {
    let dates = ctx
        .meetings
        .iter()
        .map(|m| m.date)
        .chain(ctx.visits.iter().map(|v| v.date))
        .chain(ctx.fund.iter().map(|f| f.date))
        .chain(ctx.cases.iter().map(|c| c.opened))
        .chain(store.checkin_span()?.map(|(first, _)| first));
    Ok(dates.min())
}

/// Whether a case moved to resolved or closed on a day of the period.
fn settled_in(case: &Case, from: Date, to: Date) -> bool {
    case.events.iter().any(|e| {
        (from..=to).contains(&e.date)
            && matches!(
                e.kind,
                EventKind::Status {
                    to: CaseStatus::Resolved | CaseStatus::Closed,
                    ..
                }
            )
    })
}

pub fn figures(ctx: &Context, from: Date, to: Date) -> PeriodFigures {
    let within = |d: Date| (from..=to).contains(&d);
    let meetings = |kind: MeetingKind| {
        ctx.meetings
            .iter()
            .filter(|m| m.kind == kind && within(m.date))
            .count()
    };
    let households_visited: HashSet<Id> = ctx
        .visits
        .iter()
        .filter(|v| within(v.date))
        .map(|v| v.household)
        .collect();
    let disputes_mediated = ctx
        .cases
        .iter()
        .filter(|c| c.kind == CaseKind::Dispute)
        .filter(|c| c.sessions().any(|s| within(s.date)) || settled_in(c, from, to))
        .count();
    let problems_resolved = ctx
        .cases
        .iter()
        .filter(|c| c.kind == CaseKind::Request && settled_in(c, from, to))
        .count();
    let sum = |dir: Direction, keep: &dyn Fn(Date) -> bool| -> i64 {
        ctx.fund
            .iter()
            .filter(|f| f.direction == dir && keep(f.date))
            .map(|f| f.amount_fen)
            .sum()
    };
    let until_end = |d: Date| d <= to;
    PeriodFigures {
        from,
        to,
        joint_meetings: meetings(MeetingKind::JointMeeting),
        consultations: meetings(MeetingKind::Consultation),
        households_visited: households_visited.len(),
        disputes_mediated,
        problems_resolved,
        elders_greeted_daily: ctx
            .elders
            .iter()
            .filter(|e| e.care.as_ref().is_some_and(|c| c.active_on(to)))
            .count(),
        households_with_files: ctx
            .households
            .values()
            .filter(|h| ctx.in_grid(h))
            .filter(|h| h.file.first().is_some_and(|s| s.date <= to))
            .count(),
        partners: ctx.partners.len(),
        fund_in_fen: sum(Direction::In, &within),
        fund_out_fen: sum(Direction::Out, &within),
        fund_balance_fen: sum(Direction::In, &until_end) - sum(Direction::Out, &until_end),
    }
}
