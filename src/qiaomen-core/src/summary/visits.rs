//! The period's visits due against visits done by the cadence (issue 14 point 2; the rule is
//! `cadence::cadence_figures`).

use crate::cadence::{CadenceFigures, Campaign, VisitRecords, cadence_figures, stored_cadence};
use crate::day::Date;
use crate::error::Result;
use crate::store::{DatedItem, Store};

/// `dated`: every kept dated entry from the first to `to` (read once for the period's
/// figures and these).
pub fn figures(
    store: &Store,
    ctx: &super::register::Context,
    dated: &[DatedItem],
    from: Date,
    to: Date,
) -> Result<CadenceFigures> {
    let grid = ctx.grid();
    // The kept households that may have a tier and the visits' dates from the dated index:
    // no household and no visit record is read.
    let records = VisitRecords {
        homes: &store.visit_homes()?,
        residents: &ctx.elders,
        visits: &dated
            .iter()
            .filter_map(DatedItem::visit)
            .collect::<Vec<_>>(),
        cadence: &stored_cadence(store)?,
        campaigns: &store.all::<Campaign>()?,
    };
    Ok(cadence_figures(&records, from, to, |h| {
        grid.is_none_or(|g| g == h.grid)
    }))
}
