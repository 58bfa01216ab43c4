//! The households overdue or due this week (`qiaomen visit due`, the register pane's list).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Cadence, Campaign, Tier, tier_of};
use crate::day::Date;
use crate::model::{Household, Id, Resident, Visit};

/// Why a household is on the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DueReason {
    /// The tier's cadence: the last visit plus the tier's days (`due` is `None` when the
    /// household was never visited).
    Cadence { due: Option<Date> },
    /// A campaign running now or starting this week, with no visit in its dates yet.
    Campaign { id: Id, name: String, due: Date },
}

/// One household to visit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueVisit {
    pub household: Id,
    pub grid: Id,
    pub tier: Tier,
    pub last_visit: Option<Date>,
    /// The earliest date among the reasons; `None`: never visited.
    pub due: Option<Date>,
    /// Due before `day` (or never visited).
    pub overdue: bool,
    pub reasons: Vec<DueReason>,
}

/// The last day (Sunday) of the week of `day`.
pub fn week_end(day: Date) -> Date {
    day.add_days(7 - i64::from(day.weekday()))
}

/// Households overdue or due by the end of `day`'s week, by the cadence or by a campaign:
/// overdue first (never visited before the rest), then by due date and household id.
/// Visits after `day` are not counted (a list of an earlier day reads as it was).
pub fn due_visits(
    households: &[Household],
    residents: &[Resident],
    visits: &[Visit],
    cadence: &Cadence,
    campaigns: &[Campaign],
    day: Date,
) -> Vec<DueVisit> {
    let by_id: HashMap<Id, &Resident> = residents.iter().map(|r| (r.id, r)).collect();
    let mut dates: HashMap<Id, Vec<Date>> = HashMap::new();
    for v in visits.iter().filter(|v| v.date <= day) {
        dates.entry(v.household).or_default().push(v.date);
    }
    let end = week_end(day);
    let mut out = Vec::new();
    for h in households {
        let Some(tier) = tier_of(h, &by_id, day) else {
            continue;
        };
        let seen = dates.get(&h.id).map_or(&[][..], Vec::as_slice);
        let last_visit = seen.iter().max().copied();
        let mut reasons = Vec::new();
        let cadence_due = last_visit.map(|l| l.add_days(i64::from(cadence.days(tier))));
        if cadence_due.is_none_or(|d| d <= end) {
            reasons.push(DueReason::Cadence { due: cadence_due });
        }
        for c in campaigns
            .iter()
            .filter(|c| c.covers(tier) && c.from <= end && day <= c.to)
        {
            if !seen.iter().any(|d| (c.from..=c.to).contains(d)) {
                reasons.push(DueReason::Campaign {
                    id: c.id,
                    name: c.name.clone(),
                    due: c.to,
                });
            }
        }
        if reasons.is_empty() {
            continue;
        }
        let never = reasons
            .iter()
            .any(|r| matches!(r, DueReason::Cadence { due: None }));
        let due = if never {
            None
        } else {
            reasons
                .iter()
                .filter_map(|r| match r {
                    DueReason::Cadence { due } => *due,
                    DueReason::Campaign { due, .. } => Some(*due),
                })
                .min()
        };
        out.push(DueVisit {
            household: h.id,
            grid: h.grid,
            tier,
            last_visit,
            due,
            overdue: due.is_none_or(|d| d < day),
            reasons,
        });
    }
    out.sort_by_key(|d| (!d.overdue, d.due.is_some(), d.due, d.household));
    out
}
