//! When an agreement's duty is due, and whether it is overdue, on a day passed in.

use serde::{Deserialize, Serialize};

use crate::day::Date;
use crate::model::Duty;
use crate::register::instalment_date;

/// Where a duty stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DutyState {
    /// A one-off duty that was done.
    Done { on: Date },
    /// Not due yet (or with no day set: `due` is none).
    Open { due: Option<Date> },
    /// Due on `due`, a day before today, and not done since.
    Overdue { due: Date },
}

impl DutyState {
    pub fn code(self) -> &'static str {
        match self {
            DutyState::Done { .. } => "done",
            DutyState::Open { .. } => "open",
            DutyState::Overdue { .. } => "overdue",
        }
    }
}

/// The day a duty is next due: a one-off duty its `due` until it is done; a recurring one its
/// first `due`, then one period after the last day it was done.
pub fn next_due(d: &Duty) -> Option<Date> {
    match (d.every, d.done.last()) {
        (_, None) => d.due,
        (None, Some(_)) => None,
        (Some(every), Some(&last)) => Some(instalment_date(last, every, 1)),
    }
}

/// Where `d` stands on `today`: a duty is overdue the day after it was due.
pub fn duty_state(d: &Duty, today: Date) -> DutyState {
    match (next_due(d), d.every, d.done.last()) {
        (None, None, Some(&on)) => DutyState::Done { on },
        (Some(due), _, _) if due < today => DutyState::Overdue { due },
        (due, _, _) => DutyState::Open { due },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Period, Side};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn duty(due: Option<&str>, every: Option<Period>, done: &[&str]) -> Duty {
        Duty {
            id: 1,
            partner: 1,
            side: Side::Partner,
            what: "义诊".into(),
            due: due.map(d),
            every,
            done: done.iter().map(|s| d(s)).collect(),
            note: String::new(),
        }
    }

    #[test]
    fn a_one_off_duty_is_overdue_the_day_after_its_day_until_done() {
        let today = d("2026-12-01");
        let once = duty(Some("2026-11-30"), None, &[]);
        assert_eq!(
            duty_state(&once, today),
            DutyState::Overdue {
                due: d("2026-11-30")
            }
        );
        let on_the_day = duty(Some("2026-12-01"), None, &[]);
        assert_eq!(
            duty_state(&on_the_day, today),
            DutyState::Open { due: Some(today) }
        );
        let done = duty(Some("2026-11-30"), None, &["2026-11-29"]);
        assert_eq!(
            duty_state(&done, today),
            DutyState::Done {
                on: d("2026-11-29")
            }
        );
        assert_eq!(next_due(&done), None);
        let no_day = duty(None, None, &[]);
        assert_eq!(duty_state(&no_day, today), DutyState::Open { due: None });
    }

    #[test]
    fn a_recurring_duty_is_due_one_period_after_it_was_last_done() {
        let today = d("2026-12-01");
        let monthly = duty(Some("2026-09-15"), Some(Period::Month), &[]);
        assert_eq!(duty_state(&monthly, today).code(), "overdue");
        let kept = duty(
            Some("2026-09-15"),
            Some(Period::Month),
            &["2026-09-15", "2026-11-10"],
        );
        assert_eq!(next_due(&kept), Some(d("2026-12-10")));
        assert_eq!(duty_state(&kept, today).code(), "open");
        let late = duty(Some("2026-09-15"), Some(Period::Month), &["2026-10-20"]);
        assert_eq!(
            duty_state(&late, today),
            DutyState::Overdue {
                due: d("2026-11-20")
            }
        );
        let yearly = duty(Some("2026-03-01"), Some(Period::Year), &["2026-03-01"]);
        assert_eq!(next_due(&yearly), Some(d("2027-03-01")));
    }
}
