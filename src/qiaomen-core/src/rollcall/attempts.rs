//! A day's attempts per elder: the latest one decides the day (by its time, then its number),
//! and an away period carries over the days it covers.

use std::collections::HashMap;

use super::DayStatus;
use crate::day::Date;
use crate::model::{CheckIn, Id, Outcome};

pub(super) fn group(checkins: Vec<CheckIn>) -> HashMap<Id, Vec<CheckIn>> {
    let mut by: HashMap<Id, Vec<CheckIn>> = HashMap::new();
    for c in checkins {
        by.entry(c.elder).or_default().push(c);
    }
    by
}

/// Each elder's latest attempt of a day (`latest` of its attempts, the same one on a tie).
pub(super) fn latest_of_each(checkins: &[CheckIn]) -> HashMap<Id, &CheckIn> {
    let mut by: HashMap<Id, &CheckIn> = HashMap::new();
    for c in checkins {
        by.entry(c.elder)
            .and_modify(|l| {
                // `max_by_key` keeps the last of equal keys.
                if (c.time, c.seq) >= (l.time, l.seq) {
                    *l = c;
                }
            })
            .or_insert(c);
    }
    by
}

/// The day's latest attempt: by its time, then its number. A doorbell relay can send an 08:03
/// press after a 10:00 call was recorded; the press is still the earlier contact.
pub(crate) fn latest(attempts: &[CheckIn]) -> Option<&CheckIn> {
    attempts.iter().max_by_key(|c| (c.time, c.seq))
}

/// The status a day's attempts give, or `None` when there were none.
pub(crate) fn status_of(attempts: &[CheckIn]) -> Option<DayStatus> {
    latest(attempts).map(|c| match c.outcome {
        Outcome::Away => DayStatus::Away {
            until: c.away_until,
            carried: false,
        },
        Outcome::NoAnswer => DayStatus::NotReached,
        o => DayStatus::Reached(o),
    })
}

/// The away check-in whose period still covers `day`, if the latest check-in is one.
pub(crate) fn away_holds(last: Option<&CheckIn>, day: Date) -> Option<&CheckIn> {
    last.filter(|c| c.outcome == Outcome::Away && c.away_until.is_none_or(|u| u >= day))
}
