//! Pledges (认领) and what is due on them. A money pledge falls due once per period from the day
//! it was made (the same day of the month, or the month's last day when shorter) up to its end
//! date; what is due is everything fallen due minus what was delivered. An item pledge is due
//! until it is delivered.

use crate::reads::Reads;
use serde::Serialize;

use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Delivery, Id, Period, Pledge, PledgeStatus, PledgeWhat};
use crate::text::note;

fn months(p: Period) -> i64 {
    match p {
        Period::Month => 1,
        Period::Quarter => 3,
        Period::Year => 12,
    }
}

/// `d` moved by whole months, the day clamped to the end of a shorter month (Jan 31 → Feb 28).
pub fn add_months(d: Date, n: i64) -> Date {
    let total = i64::from(d.year()) * 12 + i64::from(d.month()) - 1 + n;
    let year = total.div_euclid(12) as i32;
    let month = (total.rem_euclid(12) + 1) as u8;
    (1..=d.day())
        .rev()
        .find_map(|day| Date::from_ymd(year, month, day).ok())
        .unwrap_or(d)
}

/// The day instalment `k` (from 0) of a pledge made on `made` falls due.
pub fn instalment_date(made: Date, period: Period, k: i64) -> Date {
    add_months(made, k * months(period))
}

/// Instalments fallen due on or before `day` (never past the pledge's end date).
pub fn instalments_due(p: &Pledge, day: Date) -> i64 {
    let PledgeWhat::Money { period, until, .. } = p.what else {
        return 0;
    };
    let limit = day.min(until);
    let mut k = 0;
    while instalment_date(p.made, period, k) <= limit {
        k += 1;
    }
    k
}

fn overflow() -> Error {
    Error::invalid("amount_fen", crate::reason::Reason::SumTooLarge)
}

/// Money fallen due on or before `day`, in fen.
pub fn owed_fen(p: &Pledge, day: Date) -> Result<i64> {
    match p.what {
        PledgeWhat::Money { amount_fen, .. } => amount_fen
            .checked_mul(instalments_due(p, day))
            .ok_or_else(overflow),
        PledgeWhat::Item { .. } => Ok(0),
    }
}

/// The whole of a money pledge, in fen (none for an item).
pub fn total_fen(p: &Pledge) -> Result<Option<i64>> {
    match p.what {
        PledgeWhat::Money { until, .. } => owed_fen(p, until).map(Some),
        PledgeWhat::Item { .. } => Ok(None),
    }
}

pub fn delivered_fen(p: &Pledge) -> Result<i64> {
    p.deliveries
        .iter()
        .try_fold(0i64, |sum, d| sum.checked_add(d.amount_fen))
        .ok_or_else(overflow)
}

/// A pledge with something due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Due {
    pub pledge: Id,
    pub partner: Id,
    pub household: Id,
    #[serde(with = "crate::model::need_code")]
    pub need: Option<crate::model::Need>,
    /// The item, for an item pledge.
    pub item: Option<String>,
    /// Money due and not delivered, in fen (0 for an item).
    pub amount_fen: i64,
    /// The day the oldest undelivered instalment (or the item) fell due.
    pub since: Date,
}

/// What is due on one pledge on `day`, if anything.
pub fn due_on(p: &Pledge, day: Date) -> Result<Option<Due>> {
    if p.status != PledgeStatus::Active || p.made > day {
        return Ok(None);
    }
    let due = |item: Option<String>, amount_fen: i64, since: Date| Due {
        pledge: p.id,
        partner: p.partner,
        household: p.household,
        need: p.need,
        item,
        amount_fen,
        since,
    };
    match &p.what {
        PledgeWhat::Item { description } => Ok(p
            .deliveries
            .is_empty()
            .then(|| due(Some(description.clone()), 0, p.made))),
        PledgeWhat::Money {
            amount_fen, period, ..
        } => {
            let delivered = delivered_fen(p)?;
            let outstanding = owed_fen(p, day)? - delivered;
            if outstanding <= 0 {
                return Ok(None);
            }
            let paid_instalments = delivered / amount_fen;
            let since = instalment_date(p.made, *period, paid_instalments);
            Ok(Some(due(None, outstanding, since)))
        }
    }
}

/// Every active pledge with something due on `day`, oldest due first.
pub fn pledges_due(store: &(impl Reads + ?Sized), day: Date) -> Result<Vec<Due>> {
    let mut out = Vec::new();
    for p in store.all::<Pledge>()? {
        if let Some(d) = due_on(&p, day)? {
            out.push(d);
        }
    }
    out.sort_by_key(|d| (d.since, d.pledge));
    Ok(out)
}

/// Checks a delivery against its pledge; returns the pledge's status after it.
pub fn check_delivery(p: &Pledge, d: &mut Delivery, today: Date) -> Result<PledgeStatus> {
    if p.status != PledgeStatus::Active {
        return Err(Error::transition(
            p.status,
            "delivery",
            crate::reason::Move::DeliveryOnActive {
                pledge: p.id,
                status: p.status.to_string(),
            },
        ));
    }
    d.reference = note("reference", &d.reference)?;
    d.note = note("note", &d.note)?;
    if d.reference.is_empty() {
        return Err(Error::invalid(
            "reference",
            crate::reason::Reason::DeliveryNeedsReference,
        ));
    }
    if d.date < p.made {
        return Err(Error::invalid("date", crate::reason::Reason::BeforePledge));
    }
    if d.date > today {
        return Err(Error::invalid(
            "date",
            crate::reason::Reason::DeliveryInFuture,
        ));
    }
    match p.what {
        PledgeWhat::Item { .. } => {
            if d.amount_fen < 0 {
                return Err(Error::invalid(
                    "amount_fen",
                    crate::reason::Reason::Negative,
                ));
            }
            Ok(PledgeStatus::Fulfilled)
        }
        PledgeWhat::Money { .. } => {
            if d.amount_fen <= 0 {
                return Err(Error::invalid(
                    "amount_fen",
                    crate::reason::Reason::NotPositive,
                ));
            }
            let total = total_fen(p)?.unwrap_or(0);
            let after = delivered_fen(p)?
                .checked_add(d.amount_fen)
                .ok_or_else(overflow)?;
            if after > total {
                return Err(Error::invalid(
                    "amount_fen",
                    crate::reason::Reason::PledgeExceeded {
                        total: super::ledger::format_yuan(total),
                        delivered: super::ledger::format_yuan(delivered_fen(p)?),
                    },
                ));
            }
            Ok(if after == total {
                PledgeStatus::Fulfilled
            } else {
                PledgeStatus::Active
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn money(made: &str, fen: i64, period: Period, until: &str) -> Pledge {
        Pledge {
            id: 1,
            partner: 1,
            household: 1,
            made: d(made),
            what: PledgeWhat::Money {
                amount_fen: fen,
                period,
                until: d(until),
            },
            need: Some(crate::model::Need::Education),
            status: PledgeStatus::Active,
            deliveries: vec![],
            note: String::new(),
        }
    }

    #[test]
    fn months_clamp_to_the_end_of_shorter_months() {
        assert_eq!(add_months(d("2026-01-31"), 1), d("2026-02-28"));
        assert_eq!(add_months(d("2026-01-31"), 2), d("2026-03-31"));
        assert_eq!(add_months(d("2026-11-15"), 3), d("2027-02-15"));
    }

    #[test]
    fn instalments_count_from_the_day_made_up_to_the_end() {
        let p = money("2026-09-01", 1_000_000, Period::Year, "2030-08-31");
        assert_eq!(instalments_due(&p, d("2026-08-31")), 0);
        assert_eq!(instalments_due(&p, d("2026-09-01")), 1);
        assert_eq!(instalments_due(&p, d("2028-09-01")), 3);
        assert_eq!(instalments_due(&p, d("2040-01-01")), 4);
        assert_eq!(total_fen(&p).unwrap(), Some(4_000_000));
    }
}
