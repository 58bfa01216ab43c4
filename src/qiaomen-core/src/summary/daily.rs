//! "Elders greeted daily" (SPEC §3 Figures): of the elders on the roll in a period, those
//! reached on every day they were due. A day an elder is away (marked that day, or carried
//! from an earlier one) is not a day they were due; a day with no check-in, or whose latest
//! is `no-answer`, is a day they were not reached. The reached rule is the roll call's own
//! (`rollcall::status_of`), so the figure and the roll cannot disagree.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::day::Date;
use crate::error::Result;
use crate::model::{CheckIn, Id, Resident};
use crate::rollcall::{self, DayStatus};
use crate::store::Store;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Daily {
    /// Elders with a care plan active on at least one day of the period.
    pub on_roll: usize,
    /// Of those, the ones due on at least one day and reached on every day they were due.
    pub every_day: usize,
}

/// Counts `elders` (those of the report's grid) from `from` to `to`, reading one day's
/// check-ins at a time, and none at all for days before the first check-in: nobody was
/// reached then. It stops as soon as every elder has missed a day.
pub fn greeted_daily(
    store: &Store,
    elders: &[Resident],
    from: Date,
    to: Date,
    first_checkin: Option<Date>,
) -> Result<Daily> {
    let on_roll: Vec<&Resident> = elders
        .iter()
        .filter(|e| {
            e.care
                .as_ref()
                .is_some_and(|c| c.active_from <= to && c.active_to.is_none_or(|t| t >= from))
        })
        .collect();
    let mut missed: HashSet<Id> = HashSet::new();
    let mut due_once: HashSet<Id> = HashSet::new();
    let active = |e: &Resident, day: Date| e.care.as_ref().is_some_and(|c| c.active_on(day));
    // Before the first check-in of the database, an elder on the roll was due and not reached.
    let start = match first_checkin {
        Some(first) => from.max(first),
        None => to.add_days(1),
    };
    for e in &on_roll {
        let before_records = e.care.as_ref().is_some_and(|c| {
            let a = c.active_from.max(from);
            a < start && c.active_to.is_none_or(|t| t >= a)
        });
        if before_records {
            missed.insert(e.id);
        }
    }
    let ids: Vec<Id> = on_roll.iter().map(|e| e.id).collect();
    let mut latest: HashMap<Id, CheckIn> = if start <= to {
        store.last_checkins(&ids, start.add_days(-1))?
    } else {
        HashMap::new()
    };
    let mut day = start;
    while day <= to && missed.len() < on_roll.len() {
        let mut today: HashMap<Id, Vec<CheckIn>> = HashMap::new();
        for c in store.checkins_on(day)? {
            today.entry(c.elder).or_default().push(c);
        }
        for e in on_roll.iter().filter(|e| active(e, day)) {
            let status = match today.get(&e.id) {
                Some(attempts) => rollcall::status_of(attempts),
                None => None,
            }
            .unwrap_or_else(|| match rollcall::away_holds(latest.get(&e.id), day) {
                Some(away) => DayStatus::Away {
                    until: away.away_until,
                    carried: true,
                },
                None => DayStatus::NotReached,
            });
            match status {
                DayStatus::Away { .. } => {}
                DayStatus::Reached(_) => {
                    due_once.insert(e.id);
                }
                DayStatus::NotReached => {
                    due_once.insert(e.id);
                    missed.insert(e.id);
                }
            }
        }
        for (id, attempts) in today {
            if let Some(last) = attempts.into_iter().last() {
                latest.insert(id, last);
            }
        }
        day = day.add_days(1);
    }
    Ok(Daily {
        on_roll: on_roll.len(),
        every_day: on_roll
            .iter()
            .filter(|e| due_once.contains(&e.id) && !missed.contains(&e.id))
            .count(),
    })
}
