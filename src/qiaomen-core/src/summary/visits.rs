//! The period's visits due against visits done by the cadence (issue 14 point 2; the rule is
//! `cadence::cadence_figures`).

use crate::cadence::{CadenceFigures, Campaign, VisitRecords, cadence_figures, stored_cadence};
use crate::day::Date;
use crate::error::Result;
use crate::model::{Household, Visit};
use crate::store::Store;

pub fn figures(
    store: &Store,
    ctx: &super::register::Context,
    from: Date,
    to: Date,
) -> Result<CadenceFigures> {
    let grid = ctx.grid();
    let records = VisitRecords {
        households: &store.all::<Household>()?,
        residents: &ctx.elders,
        visits: &store.all::<Visit>()?,
        cadence: &stored_cadence(store)?,
        campaigns: &store.all::<Campaign>()?,
    };
    Ok(cadence_figures(&records, from, to, |h| {
        grid.is_none_or(|g| g == h.grid)
    }))
}
