//! Visits due against visits done in a period (SPEC "Figures": visits due against visits
//! done by the cadence).
//!
//! For each household with a tier (as on the period's last day), its cadence dates in the
//! period: the last visit before the period plus the tier's days, then after each visit again
//! (a household overdue when the period starts, or never visited, is due on its first day).
//! A date is done when a visit falls after the previous one and on or before that date; a
//! late visit counts for the next date. Each campaign ending in the period adds one visit due
//! to every household it covers, done when a visit falls within the campaign's dates.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{Cadence, Campaign, VisitHome};
use crate::day::Date;
use crate::model::{Id, Resident};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadenceFigures {
    /// Households with a tier on the period's last day.
    pub households: usize,
    pub visits_due: usize,
    pub visits_done: usize,
}

/// One household's cadence dates in `from..=to` and how many of them were met in time.
/// `visits` in any order.
pub fn tally_household(visits: &[Date], days: u16, from: Date, to: Date) -> (usize, usize) {
    let mut seen: Vec<Date> = visits.iter().copied().filter(|d| *d <= to).collect();
    seen.sort_unstable();
    let days = i64::from(days.max(1));
    let mut anchor = seen.iter().rev().find(|d| **d < from).copied();
    let mut due_on = anchor.map_or(from, |a| a.add_days(days)).max(from);
    let (mut due, mut done) = (0, 0);
    while due_on <= to {
        due += 1;
        let after = |d: &&Date| anchor.is_none_or(|a| **d > a);
        if let Some(&v) = seen.iter().filter(after).rfind(|d| **d <= due_on) {
            done += 1;
            anchor = Some(v);
            due_on = v.add_days(days);
        } else if let Some(&late) = seen.iter().filter(after).find(|d| **d > due_on) {
            anchor = Some(late);
            due_on = late.add_days(days);
        } else {
            due_on = due_on.add_days(days);
        }
    }
    (due, done)
}

/// What the cadence figures are counted from.
pub struct VisitRecords<'a> {
    /// The households that may have a tier (`VisitHome`), at least.
    pub homes: &'a [VisitHome],
    /// The elders (residents with a care plan) at least.
    pub residents: &'a [Resident],
    /// Every visit on or before the period's end: household and date.
    pub visits: &'a [(Id, Date)],
    pub cadence: &'a Cadence,
    pub campaigns: &'a [Campaign],
}

/// The period's visits due and done, for the households `mine` keeps (a grid, or all).
pub fn cadence_figures(
    records: &VisitRecords<'_>,
    from: Date,
    to: Date,
    mine: impl Fn(&VisitHome) -> bool,
) -> CadenceFigures {
    let VisitRecords {
        homes,
        residents,
        visits,
        cadence,
        campaigns,
    } = *records;
    let by_id: HashMap<Id, &Resident> = residents.iter().map(|r| (r.id, r)).collect();
    let mut dates: HashMap<Id, Vec<Date>> = HashMap::new();
    for &(household, date) in visits {
        dates.entry(household).or_default().push(date);
    }
    let mut f = CadenceFigures::default();
    for h in homes.iter().filter(|h| mine(h)) {
        let Some(tier) = h.tier(&by_id, to) else {
            continue;
        };
        f.households += 1;
        let seen = dates.get(&h.id).map_or(&[][..], Vec::as_slice);
        let (due, done) = tally_household(seen, cadence.days(tier), from, to);
        f.visits_due += due;
        f.visits_done += done;
        for c in campaigns
            .iter()
            .filter(|c| c.covers(tier) && (from..=to).contains(&c.to))
        {
            f.visits_due += 1;
            if seen.iter().any(|d| (c.from..=c.to).contains(d)) {
                f.visits_done += 1;
            }
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::tally_household;
    use crate::day::Date;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn weekly_dates_met_in_time_and_late() {
        // Last visit 10-28: due 11-04, met by 11-03; then due 11-10, met that day; the next
        // (11-17) is after the period.
        let visits = [d("2026-10-28"), d("2026-11-03"), d("2026-11-10")];
        assert_eq!(
            tally_household(&visits, 7, d("2026-11-01"), d("2026-11-14")),
            (2, 2)
        );
        // Never visited before: due on 11-01, visited late on 11-02 (due again 11-09), late
        // on 11-10 (due 11-17), late on 11-20 (due 11-27), not met: four due, none in time.
        let late = [d("2026-11-02"), d("2026-11-10"), d("2026-11-20")];
        assert_eq!(
            tally_household(&late, 7, d("2026-11-01"), d("2026-11-30")),
            (4, 0)
        );
        // Quarterly, visited 09-15: due 12-14, outside a November period.
        assert_eq!(
            tally_household(&[d("2026-09-15")], 90, d("2026-11-01"), d("2026-11-30")),
            (0, 0)
        );
        // Overdue coming in: due on the first day, met on 11-05? No: a visit after the due
        // date is late; the next date is 11-05 + 30 = 12-05.
        assert_eq!(
            tally_household(
                &[d("2026-06-01"), d("2026-11-05")],
                30,
                d("2026-11-01"),
                d("2026-11-30")
            ),
            (1, 0)
        );
    }
}
