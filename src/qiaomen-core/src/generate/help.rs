//! The help that follows the files: households claimed by a partner have a pledge, and the
//! assistance fund records donations in and relief paid out.

use super::Ctx;
use super::files::{Help, file};
use super::rng::{Rng, Stream};
use crate::model::{
    Delivery, Direction, FileStatus, FundEntry, Id, Need, PartnerKind, Period, Pledge,
    PledgeStatus, PledgeWhat,
};

/// The pledges of claimed households, in household order.
pub(crate) fn pledges(
    ctx: &Ctx,
    mut put: impl FnMut(Pledge) -> crate::Result<()>,
) -> crate::Result<()> {
    let last = ctx.last_day();
    let mut id = 0;
    for index in 0..ctx.plan.houses.len() {
        let Some(f) = file(ctx, index) else { continue };
        let Some((partner, made)) = f.claim else {
            continue;
        };
        let mut rng = Rng::of(ctx.seed, Stream::Fund, index as u64);
        let delivering = f.status() >= FileStatus::Tracking;
        let mut deliveries = Vec::new();
        let what = match f.need.help {
            Help::Item(description) => {
                let day = made.add_days(rng.range(3, 30));
                if delivering && day <= last {
                    deliveries.push(Delivery {
                        date: day,
                        amount_fen: 0,
                        reference: String::new(),
                        note: "已送达，户主签收".to_owned(),
                    });
                }
                PledgeWhat::Item {
                    description: description.to_owned(),
                }
            }
            Help::Money(fen, period) => {
                let step = match period {
                    Period::Month => 30,
                    Period::Quarter => 91,
                    Period::Year => 365,
                };
                let until = made.add_days(365 * rng.range(1, 3));
                let mut day = made.add_days(rng.range(1, 10));
                while delivering && day <= last && day <= until {
                    deliveries.push(Delivery {
                        date: day,
                        amount_fen: fen,
                        reference: format!(
                            "ZZ{}{:04}",
                            day.to_string().replace('-', ""),
                            index % 10_000
                        ),
                        note: String::new(),
                    });
                    day = day.add_days(step);
                }
                PledgeWhat::Money {
                    amount_fen: fen,
                    period,
                    until,
                }
            }
        };
        id += 1;
        put(Pledge {
            id,
            partner: partner as Id + 1,
            household: index as Id + 1,
            made,
            what,
            need: Some(f.need.code),
            status: if f.status() == FileStatus::Closed {
                PledgeStatus::Fulfilled
            } else {
                PledgeStatus::Active
            },
            deliveries,
            note: String::new(),
        })?;
    }
    Ok(())
}

/// The assistance fund: partners' donations in, relief out to published households; in date
/// order.
pub(crate) fn fund(ctx: &Ctx) -> Vec<FundEntry> {
    let last = ctx.last_day();
    let mut rng = Rng::of(ctx.seed, Stream::Fund, u64::MAX);
    let mut entries = Vec::new();
    let mut entry =
        |date, fen: i64, direction, partner, household, need: Option<Need>, note: &str| {
            entries.push(FundEntry {
                id: 0,
                date,
                amount_fen: fen,
                direction,
                partner,
                household,
                need,
                note: note.to_owned(),
            });
        };
    for (i, p) in ctx.partners.iter().enumerate() {
        if p.kind == PartnerKind::School || !rng.chance(0.6) {
            continue;
        }
        for _ in 0..rng.range(1, 2) {
            let date = last.add_days(-rng.range(0, 364));
            let fen = rng.range(20, 200) * 100 * 100;
            entry(
                date,
                fen,
                Direction::In,
                Some(i as Id + 1),
                None,
                None,
                "捐赠帮扶基金",
            );
        }
    }
    for index in 0..ctx.plan.houses.len() {
        let Some(f) = file(ctx, index) else { continue };
        let Some(published) = f.reached(FileStatus::Published) else {
            continue;
        };
        if !rng.chance(0.5) {
            continue;
        }
        let date = published.add_days(rng.range(1, 20)).min(last);
        let fen = rng.range(5, 30) * 100 * 100;
        entry(
            date,
            fen,
            Direction::Out,
            None,
            Some(index as Id + 1),
            Some(f.need.code),
            "发放临时救助金",
        );
    }
    entries.sort_by_key(|e| e.date);
    for (i, e) in entries.iter_mut().enumerate() {
        e.id = i as Id + 1;
    }
    entries
}
