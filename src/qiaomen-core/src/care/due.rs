//! What is due this week, like the visits due (`cadence::due_visits`): the services of the
//! plans (`qiaomen service due`, grouped by who provides them) and the contacts with the
//! people in care other than elders (`qiaomen care due`). A contact is a visit to their
//! household or a service to them (or to their household). Pure: records and day passed in.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::model::{Provider, Service, ServiceKind, ServicePlan, Support, Whom};
use super::reaches;
use crate::cadence::week_end;
use crate::day::Date;
use crate::model::{Category, Id, Resident, Visit};

/// One service of a plan due by the end of the week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueService {
    pub plan: Id,
    pub whom: Whom,
    pub kind: ServiceKind,
    pub by: Provider,
    pub every_days: u16,
    /// The last service of this kind to them since the plan began (up to the day).
    pub last: Option<Date>,
    /// The last service plus the plan's days; the plan's first day when none was given yet.
    pub due: Date,
    /// Due before the day.
    pub overdue: bool,
}

/// How the last contact was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactBy {
    Visit,
    Service,
}

/// One person or household in care to contact by the end of the week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueContact {
    pub support: Id,
    pub whom: Whom,
    pub kind: Category,
    pub carers: Vec<Id>,
    pub every_days: u16,
    pub last: Option<Date>,
    pub last_by: Option<ContactBy>,
    pub due: Date,
    pub overdue: bool,
}

fn household_map(residents: &[Resident]) -> HashMap<Id, Id> {
    residents
        .iter()
        .filter_map(|r| r.household.map(|h| (r.id, h)))
        .collect()
}

/// The services of the plans active on `day` that are due by the end of its week: grouped by
/// provider (members, then teams, then partners, by id), overdue first within a provider,
/// then by due date and plan.
pub fn services_due(
    plans: &[ServicePlan],
    services: &[Service],
    residents: &[Resident],
    day: Date,
) -> Vec<DueService> {
    let homes = household_map(residents);
    let household_of = |r: Id| homes.get(&r).copied();
    let end = week_end(day);
    let mut out: Vec<DueService> = plans
        .iter()
        .filter(|p| p.from <= end && p.ended.is_none_or(|e| day <= e))
        .filter_map(|p| {
            let last = services
                .iter()
                .filter(|s| s.kind == p.kind && p.from <= s.date && s.date <= day)
                .filter(|s| reaches(s.whom, p.whom, &household_of))
                .map(|s| s.date)
                .max();
            let due = last.map_or(p.from, |l| l.add_days(i64::from(p.every_days)));
            (due <= end).then(|| DueService {
                plan: p.id,
                whom: p.whom,
                kind: p.kind,
                by: p.by,
                every_days: p.every_days,
                last,
                due,
                overdue: due < day,
            })
        })
        .collect();
    out.sort_by_key(|d| (d.by, !d.overdue, d.due, d.plan));
    out
}

/// The latest contact with `whom` on or before `day` and from `since` on: a visit to their
/// household or a service reaching them.
pub fn last_contacts(
    whom: Whom,
    visits: &[Visit],
    services: &[Service],
    residents: &[Resident],
    since: Date,
    day: Date,
) -> Option<(Date, ContactBy)> {
    let homes = household_map(residents);
    last_contact(whom, visits, services, &homes, since, day)
}

fn last_contact(
    whom: Whom,
    visits: &[Visit],
    services: &[Service],
    homes: &HashMap<Id, Id>,
    since: Date,
    day: Date,
) -> Option<(Date, ContactBy)> {
    let household_of = |r: Id| homes.get(&r).copied();
    let home = match whom {
        Whom::Household(h) => Some(h),
        Whom::Resident(r) => household_of(r),
    };
    let in_range = |d: Date| since <= d && d <= day;
    let visit = visits
        .iter()
        .filter(|v| Some(v.household) == home && in_range(v.date))
        .map(|v| (v.date, ContactBy::Visit))
        .max_by_key(|(d, _)| *d);
    let service = services
        .iter()
        .filter(|s| in_range(s.date) && reaches(s.whom, whom, &household_of))
        .map(|s| (s.date, ContactBy::Service))
        .max_by_key(|(d, _)| *d);
    match (visit, service) {
        (Some(v), Some(s)) => Some(if s.0 >= v.0 { s } else { v }),
        (v, s) => v.or(s),
    }
}

/// The support records active on `day` whose next contact is due by the end of its week:
/// overdue first, then by due date and record.
pub fn contacts_due(
    supports: &[Support],
    visits: &[Visit],
    services: &[Service],
    residents: &[Resident],
    day: Date,
) -> Vec<DueContact> {
    let homes = household_map(residents);
    let end = week_end(day);
    let mut out: Vec<DueContact> = supports
        .iter()
        .filter(|s| s.from <= end && s.ended.as_ref().is_none_or(|e| day <= e.date))
        .filter_map(|s| {
            let last = last_contact(s.whom, visits, services, &homes, s.from, day);
            let due = last.map_or(s.from, |(l, _)| l.add_days(i64::from(s.every())));
            (due <= end).then(|| DueContact {
                support: s.id,
                whom: s.whom,
                kind: s.kind,
                carers: s.carers.clone(),
                every_days: s.every(),
                last: last.map(|(d, _)| d),
                last_by: last.map(|(_, b)| b),
                due,
                overdue: due < day,
            })
        })
        .collect();
    out.sort_by_key(|d| (!d.overdue, d.due, d.support));
    out
}
