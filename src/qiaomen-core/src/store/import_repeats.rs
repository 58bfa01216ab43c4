//! Finding a check-in that appears twice in an imported file without holding every key of it.
//!
//! A check-in has no id: its key (day, elder, number) must not repeat. A file's check-ins come
//! day by day (export writes them so, a day being one key range), so the first pass holds only
//! the keys of the day being read. A day that comes back after another day is noted, and a
//! second pass over the file holds the keys of those days only: a file in any order is checked
//! as fully as before, and a file in day order (7.6 million check-ins at the district) costs the
//! memory of one day (about 26,000 keys) instead of all of them.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::day::Date;
use crate::model::{CheckInKey, Id};

/// The first pass: the keys of the current run of one day, and which days came back.
#[derive(Default)]
pub(super) struct DayRuns {
    current: Option<(Date, HashSet<(Id, u16)>)>,
    finished: HashSet<Date>,
    revisited: BTreeSet<Date>,
}

impl DayRuns {
    /// Notes a key; false when it repeats one of the current run of its day. A repeat across
    /// runs of a day is found by `Repeats` afterwards.
    pub(super) fn insert(&mut self, key: &CheckInKey) -> bool {
        let same_day = self.current.as_ref().is_some_and(|(d, _)| *d == key.date);
        if !same_day {
            if let Some((done, _)) = self.current.take() {
                self.finished.insert(done);
            }
            if self.finished.contains(&key.date) {
                self.revisited.insert(key.date);
            }
            self.current = Some((key.date, HashSet::new()));
        }
        self.current
            .as_mut()
            .is_some_and(|(_, keys)| keys.insert((key.elder, key.seq)))
    }

    /// The days whose check-ins are not together in the file, for the second pass; none for a
    /// file in day order.
    pub(super) fn into_revisited(self) -> BTreeSet<Date> {
        self.revisited
    }
}

/// The second pass: every key of the days that came back.
pub(super) struct Repeats {
    days: HashMap<Date, HashSet<(Id, u16)>>,
}

impl Repeats {
    pub(super) fn of(days: &BTreeSet<Date>) -> Repeats {
        Repeats {
            days: days.iter().map(|d| (*d, HashSet::new())).collect(),
        }
    }

    /// False when this key was seen before in the file (on a day being checked).
    pub(super) fn insert(&mut self, key: &CheckInKey) -> bool {
        self.days
            .get_mut(&key.date)
            .is_none_or(|keys| keys.insert((key.elder, key.seq)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(date: &str, elder: Id, seq: u16) -> CheckInKey {
        CheckInKey {
            date: Date::parse(date).expect("date"),
            elder,
            seq,
        }
    }

    #[test]
    fn a_repeat_within_a_run_is_found_at_once() {
        let mut runs = DayRuns::default();
        assert!(runs.insert(&key("2026-03-04", 1, 0)));
        assert!(runs.insert(&key("2026-03-04", 1, 1)));
        assert!(runs.insert(&key("2026-03-04", 2, 0)));
        assert!(!runs.insert(&key("2026-03-04", 1, 0)));
    }

    #[test]
    fn only_days_that_come_back_are_checked_again() {
        let mut runs = DayRuns::default();
        for k in [
            key("2026-03-04", 1, 0),
            key("2026-03-05", 1, 0),
            key("2026-03-04", 1, 0),
            key("2026-03-06", 1, 0),
        ] {
            assert!(runs.insert(&k), "{k:?} is new in its run");
        }
        let days = runs.into_revisited();
        assert_eq!(days, BTreeSet::from([key("2026-03-04", 0, 0).date]));
        let mut again = Repeats::of(&days);
        assert!(again.insert(&key("2026-03-04", 1, 0)));
        assert!(again.insert(&key("2026-03-05", 1, 0)));
        assert!(
            again.insert(&key("2026-03-05", 1, 0)),
            "not a day checked again"
        );
        assert!(!again.insert(&key("2026-03-04", 1, 0)));
    }
}
