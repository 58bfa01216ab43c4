//! The period's figures of partners' activities and goods (issue 16 point 3; the rule is
//! `outreach::figures`). Community-wide, like partners and the fund.

use crate::day::Date;
use crate::error::Result;
use crate::model::{Activity, Duty, Goods};
use crate::outreach::{OutreachFigures, figures as outreach_figures};
use crate::store::Store;

pub fn figures(
    store: &Store,
    ctx: &super::register::Context,
    from: Date,
    to: Date,
) -> Result<OutreachFigures> {
    outreach_figures(
        &ctx.partners,
        &store.all::<Activity>()?,
        &store.all::<Goods>()?,
        &store.all::<Duty>()?,
        from,
        to,
    )
}
