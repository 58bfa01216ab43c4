//! The end-of-day summary (日报) as data, and its renderers: plain text to paste into a chat
//! group, Markdown, JSON with stable keys, and CSV with one row per elder.
//!
//! `summarize` reads what one day needs: that day's and the previous day's check-ins (through
//! the roll call), each elder's latest earlier check-in by key range, the elders, the day's
//! visits, meetings and fund entries, the cases that can still count that day and the
//! households the report names, through the kept indexes (`store/kept`); the period's figures
//! come from the kept `dated` index, and "elders greeted daily" from the period's check-ins,
//! one day at a time (`daily.rs`, which stops once every elder has missed a day). It never
//! reads every household.
//!
//! Sections other helpers add (the ladder's steps, visits due against done) live in files of
//! their own here, each filling its own field of `Summary`.
//!
//! With a grid, check-ins, cases, visits and households are the grid's; meetings, partners
//! and the fund belong to the whole community and stay community-wide.

mod cases;
mod checkins;
pub mod csv;
mod daily;
#[cfg(test)]
mod daily_walk;
pub mod format;
pub mod json;
pub mod labels;
pub mod ladder;
pub mod markdown;
mod outreach;
mod period;
mod register;
mod report;
pub mod span;
pub mod text;
mod visits;

#[cfg(test)]
mod daily_tests;
#[cfg(test)]
mod render_tests;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use cases::{CaseRef, Cases, FollowUpItem, KindCounts, SessionItem, StatusItem};
pub use checkins::{AttentionItem, CheckIns, Contact, Counts, DayState, ElderDay, GridCounts};
pub use labels::Labels;
pub use ladder::{LadderItem, LadderLabels};
pub use period::{LevelCounts, PartnerCounts, PeriodFigures, settled_level};
pub use register::{FundDay, FundItem, MeetingItem, VisitItem};
pub use span::Span;

use crate::day::{ClockTime, Date, Now};
use crate::error::{Error, Result};
use crate::model::{Grid, Id};
use crate::store::Store;

/// One day's report, for the whole community or one grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Summary {
    pub community: String,
    pub date: Date,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    /// When the figures were taken: a report of today made at 10:00 is not the day's last word.
    pub as_of_date: Date,
    pub as_of_time: ClockTime,
    /// The grid the report is limited to, if any.
    pub grid: Option<GridRef>,
    pub checkins: CheckIns,
    pub cases: Cases,
    pub visits: Vec<VisitItem>,
    pub meetings: Vec<MeetingItem>,
    pub fund: FundDay,
    pub period: PeriodFigures,
    /// The period's visits due against visits done by the cadence (issue 14).
    pub visit_cadence: crate::cadence::CadenceFigures,
    /// The period's services, volunteer hours and support records (issue 16).
    pub care: crate::care::CareFigures,
    /// The period's partners' activities and goods (issue 16 point 3).
    pub outreach: crate::outreach::OutreachFigures,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct GridRef {
    pub id: Id,
    pub code: String,
    pub name: String,
}

impl GridRef {
    fn of(grid: &Grid) -> Self {
        GridRef {
            id: grid.id,
            code: grid.code.clone(),
            name: grid.name.clone(),
        }
    }
}

/// The summary of `date` (optionally one grid), with the figures of `period` (default: the
/// calendar year up to `date`, `Span::Year`).
pub fn summarize(
    store: &Store,
    date: Date,
    now: Now,
    grid: Option<Id>,
    period: Option<(Date, Date)>,
) -> Result<Summary> {
    let grids = store.all::<Grid>()?;
    let grid_ref = match grid {
        Some(id) => Some(GridRef::of(
            grids
                .iter()
                .find(|g| g.id == id)
                .ok_or(Error::NotFound { kind: "grid", id })?,
        )),
        None => None,
    };
    if let Some((from, to)) = period
        && from > to
    {
        return Err(Error::invalid(
            "period",
            crate::reason::Reason::PeriodReversed {
                from: from.to_string(),
                to: to.to_string(),
            },
        ));
    }
    let mut ctx = register::Context::load(store, &grids, grid, date)?;
    let checkins = checkins::day(store, &mut ctx, date, now, grid)?;
    let cases = cases::day(&ctx, date);
    let (visits, meetings, fund) = register::day(&ctx, date);
    let (from, to) = period.unwrap_or_else(|| Span::default().range(date));
    let period = period::figures(store, &ctx, from, to)?;
    let visit_cadence = visits::figures(store, &ctx, from, to)?;
    let care = crate::care::figures(store, from, to, grid)?;
    let outreach = outreach::figures(store, &ctx, from, to)?;
    Ok(Summary {
        community: store.community()?.name,
        date,
        weekday: date.weekday(),
        as_of_date: now.date,
        as_of_time: now.time,
        grid: grid_ref,
        checkins,
        cases,
        visits,
        meetings,
        fund,
        period,
        visit_cadence,
        care,
        outreach,
    })
}

/// The first day of the default period (the earliest meeting, visit, fund entry, case or
/// check-in), for a command line given only `--to`. `None` for an empty database.
pub fn first_record_day(store: &Store, grid: Option<Id>) -> Result<Option<Date>> {
    period::first_day(store, grid)
}
