//! The first way of counting "elders greeted daily": every day of the period decoded, walking
//! back from its end. Kept for the tests, which compare it with `daily.rs` (the kept figures).

use std::collections::{HashMap, HashSet};

use crate::day::Date;
use crate::error::Result;
use crate::model::{CheckIn, Id, Resident};
use crate::rollcall::{self, DayStatus};
use crate::store::Store;

use super::daily::Daily;

/// Counts `elders` (those of the report's grid) from `from` to `to`, reading one day's
/// check-ins at a time, and none at all for days before the first check-in: nobody was
/// reached then.
///
/// It walks back from `to` and stops as soon as every elder has missed a day: a report of
/// today, whose day is not over, usually stops after two days. Going backwards, a day without
/// a check-in is settled once the elder's previous check-in is met (an away that still holds
/// makes it a day not due); days still unsettled at `from` are settled with the latest
/// check-in before it, read once for all of them.
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
    // Days without a check-in, latest first, waiting for the check-in before them.
    let mut pending: HashMap<Id, Vec<Date>> = HashMap::new();
    let settle = |last: Option<&CheckIn>,
                  days: Vec<Date>,
                  id: Id,
                  missed: &mut HashSet<Id>,
                  due_once: &mut HashSet<Id>| {
        for d in days {
            if rollcall::away_holds(last, d).is_none() {
                due_once.insert(id);
                missed.insert(id);
            }
        }
    };
    let mut day = to;
    while day >= start && missed.len() < on_roll.len() {
        let mut today: HashMap<Id, Vec<CheckIn>> = HashMap::new();
        for c in store.checkins_on(day)? {
            today.entry(c.elder).or_default().push(c);
        }
        let open: Vec<&Resident> = on_roll
            .iter()
            .filter(|e| !missed.contains(&e.id) && active(e, day))
            .copied()
            .collect();
        for e in open {
            let Some(attempts) = today.get(&e.id) else {
                pending.entry(e.id).or_default().push(day);
                continue;
            };
            if let Some(days) = pending.remove(&e.id) {
                settle(attempts.last(), days, e.id, &mut missed, &mut due_once);
            }
            match rollcall::status_of(attempts) {
                Some(DayStatus::Reached(_)) => {
                    due_once.insert(e.id);
                }
                Some(DayStatus::NotReached) => {
                    due_once.insert(e.id);
                    missed.insert(e.id);
                }
                Some(DayStatus::Away { .. }) | None => {}
            }
        }
        day = day.add_days(-1);
    }
    pending.retain(|id, _| !missed.contains(id));
    if !pending.is_empty() {
        let ids: Vec<Id> = pending.keys().copied().collect();
        let before = store.last_checkins(&ids, start.add_days(-1))?;
        for (id, days) in pending {
            settle(before.get(&id), days, id, &mut missed, &mut due_once);
        }
    }
    Ok(Daily {
        on_roll: on_roll.len(),
        every_day: on_roll
            .iter()
            .filter(|e| due_once.contains(&e.id) && !missed.contains(&e.id))
            .count(),
    })
}
