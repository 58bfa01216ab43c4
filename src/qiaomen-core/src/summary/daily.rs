//! "Elders greeted daily" (SPEC §3 Figures): of the elders on the roll in a period, those
//! reached on every day they were due. A day an elder is away (marked that day, or carried
//! from an earlier one) is not a day they were due; a day with no check-in, or whose latest
//! is `no-answer`, is a day they were not reached. The reached rule is the roll call's own
//! (`rollcall::status_of`), so the figure and the roll cannot disagree.

use serde::Serialize;

use crate::day::Date;
use crate::error::Result;
use crate::model::Resident;
use crate::rollcall;
use crate::store::Store;
use crate::store::day_figures::{Carry, DayFigure, Reader, Status};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Daily {
    /// Elders with a care plan active on at least one day of the period.
    pub on_roll: usize,
    /// Of those, the ones due on at least one day and reached on every day they were due.
    pub every_day: usize,
}

/// Where one elder stands while the days are walked.
#[derive(Default)]
struct Walk {
    missed: bool,
    due_once: bool,
    /// What the elder's last check-in of the period carries; `None` before the first.
    carry: Option<Carry>,
    /// Days without a check-in before the first one of the period: settled at the end with
    /// the latest check-in before the period.
    pending: Vec<Date>,
}

/// An elder still walked: where its walk is, and its care plan's days, kept beside each other.
struct Live {
    at: usize,
    id: crate::model::Id,
    from: Date,
    to: Option<Date>,
}

impl Live {
    /// `Care::active_on`.
    fn active_on(&self, day: Date) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }
}

/// Counts `elders` (those of the report's grid) from `from` to `to`, walking forward one day
/// at a time: a closed day is read from its kept figure (`store/day_figures.rs`, a few bytes
/// per elder, no pack decoded, read in place), a day with loose marks (today, or a back-filled one not yet
/// folded) from its check-ins. Days before the first check-in are not read: nobody was reached
/// then. It stops as soon as every elder has missed a day.
///
/// A day without a check-in takes the away carried from the elder's previous check-in in the
/// period (an away that still holds makes it a day not due); days before the elder's first
/// check-in in the period are settled with the latest check-in before it, read once for all.
#[cfg(test)]
pub fn greeted_daily(
    store: &Store,
    elders: &[Resident],
    from: Date,
    to: Date,
    first_checkin: Option<Date>,
) -> Result<Daily> {
    greeted_daily_ids(store, elders, from, to, first_checkin).map(|(daily, _)| daily)
}

/// `greeted_daily`, with the ids of the elders it counts in `every_day` (ascending). Each
/// elder's walk is its own: the figure of a set of elders is the sum of theirs, which is how a
/// kept summary is brought up to a mark (`Kept::after_marks`).
pub fn greeted_daily_ids(
    store: &Store,
    elders: &[Resident],
    from: Date,
    to: Date,
    first_checkin: Option<Date>,
) -> Result<(Daily, Vec<crate::model::Id>)> {
    let mut on_roll: Vec<&Resident> = elders
        .iter()
        .filter(|e| {
            e.care
                .as_ref()
                .is_some_and(|c| c.active_from <= to && c.active_to.is_none_or(|t| t >= from))
        })
        .collect();
    on_roll.sort_by_key(|e| e.id);
    let mut walk: Vec<Walk> = on_roll.iter().map(|_| Walk::default()).collect();
    // Before the first check-in of the database, an elder on the roll was due and not reached.
    let start = match first_checkin {
        Some(first) => from.max(first),
        None => to.add_days(1),
    };
    let mut missed = 0;
    for (e, w) in on_roll.iter().zip(walk.iter_mut()) {
        let before_records = e.care.as_ref().is_some_and(|c| {
            let a = c.active_from.max(from);
            a < start && c.active_to.is_none_or(|t| t >= a)
        });
        if before_records {
            w.missed = true;
            missed += 1;
        }
    }
    let loose = store.loose_days()?;
    // A report of a day not over yet: most elders are not reached on its last day yet. An
    // elder due on both of the last two days, found on the last with no answer, or not found
    // on it after a check-in the day before whose last attempt was no away, misses the last
    // day whatever came before (the walk comes to the same), so it is not walked at all.
    if start < to && missed < on_roll.len() {
        let before = to.add_days(-1);
        let last = with_figure(store, &loose, to, DayFigure::decode)?;
        let previous = with_figure(store, &loose, before, DayFigure::decode)?;
        for (e, w) in on_roll.iter().zip(walk.iter_mut()) {
            let due = e
                .care
                .as_ref()
                .is_some_and(|c| c.active_on(before) && c.active_on(to));
            if w.missed || !due {
                continue;
            }
            let misses = match last.of_elder(e.id) {
                Some((status, _)) => status == Status::NotReached,
                None => previous
                    .of_elder(e.id)
                    .is_some_and(|(_, carry)| carry == Carry::NotAway),
            };
            if misses {
                w.due_once = true;
                w.missed = true;
                missed += 1;
            }
        }
    }
    let mut live: Vec<Live> = on_roll
        .iter()
        .enumerate()
        .filter_map(|(at, e)| {
            e.care.as_ref().map(|c| Live {
                at,
                id: e.id,
                from: c.active_from,
                to: c.active_to,
            })
        })
        .collect();
    // Whether each live elder is in the day's first list (elders reached and not away).
    let mut reached: Vec<bool> = Vec::new();
    let mut day = start;
    while day <= to && missed < on_roll.len() {
        // Only the elders who have not missed a day yet are walked (ascending ids, like the
        // figure's two lists, read beside them: the first streamed from the bytes, the other,
        // small, decoded after it).
        live.retain(|l| !walk[l.at].missed);
        let other = with_figure(store, &loose, day, |figure| {
            let mut reader = Reader::new(figure)?;
            reached.clear();
            let mut next = reader.next_plain()?;
            for l in &live {
                while next.is_some_and(|id| id < l.id) {
                    next = reader.next_plain()?;
                }
                reached.push(next == Some(l.id));
            }
            reader.others()
        })?;
        let mut o = 0;
        for (l, &plain) in live.iter().zip(&reached) {
            let w = &mut walk[l.at];
            if w.missed || !l.active_on(day) {
                continue;
            }
            while other.get(o).is_some_and(|&(id, _, _)| id < l.id) {
                o += 1;
            }
            let found = if plain {
                Some((Status::Reached, Carry::NotAway))
            } else {
                other
                    .get(o)
                    .filter(|&&(id, _, _)| id == l.id)
                    .map(|&(_, s, c)| (s, c))
            };
            let Some((status, carry)) = found else {
                match w.carry {
                    Some(c) if c.holds(day) => {}
                    Some(_) => {
                        w.due_once = true;
                        w.missed = true;
                        missed += 1;
                    }
                    None => w.pending.push(day),
                }
                continue;
            };
            w.carry = Some(carry);
            match status {
                Status::Reached => w.due_once = true,
                Status::NotReached => {
                    w.due_once = true;
                    w.missed = true;
                    missed += 1;
                }
                Status::Away | Status::None => {}
            }
        }
        day = day.add_days(1);
    }
    let waiting: Vec<_> = on_roll
        .iter()
        .zip(&walk)
        .filter(|(_, w)| !w.missed && !w.pending.is_empty())
        .map(|(e, _)| e.id)
        .collect();
    if !waiting.is_empty() {
        let before = store.last_checkins(&waiting, start.add_days(-1))?;
        for (e, w) in on_roll.iter().zip(walk.iter_mut()) {
            if w.missed || w.pending.is_empty() {
                continue;
            }
            let last = before.get(&e.id);
            if w.pending
                .iter()
                .any(|&d| rollcall::away_holds(last, d).is_none())
            {
                w.due_once = true;
                w.missed = true;
            }
        }
    }
    let greeted: Vec<crate::model::Id> = on_roll
        .iter()
        .zip(&walk)
        .filter(|(_, w)| w.due_once && !w.missed)
        .map(|(e, _)| e.id)
        .collect();
    Ok((
        Daily {
            on_roll: on_roll.len(),
            every_day: greeted.len(),
        },
        greeted,
    ))
}

/// `read` of the kept figure of `day`, in place; of its check-ins for a day with loose marks
/// (today, or a back-filled one not yet folded) or without a kept figure.
fn with_figure<T>(
    store: &Store,
    loose: &[Date],
    day: Date,
    read: impl FnOnce(&[u8]) -> Result<T>,
) -> Result<T> {
    if !loose.contains(&day)
        && let Some(bytes) = store.day_figure_bytes(day)?
    {
        return read(bytes.as_ref());
    }
    read(&DayFigure::of(&store.checkins_on(day)?).encode())
}
