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
pub use report::{activities_head, settled_levels};
pub use span::Span;

use crate::day::{ClockTime, Date, Now};
use crate::error::{Error, Result};
use crate::model::{Grid, Id};
use crate::rollcall::Roll;
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
    summarize_kept(store, date, now, grid, period).map(|k| k.summary)
}

/// `summarize`, with what a server keeping the summary needs to bring it up to later marks
/// (`Kept::after_marks`).
pub fn summarize_kept(
    store: &Store,
    date: Date,
    now: Now,
    grid: Option<Id>,
    period: Option<(Date, Date)>,
) -> Result<Kept> {
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
    let first_checkin = store.checkin_span()?.map(|(first, _)| first);
    let (from, to) = period.unwrap_or_else(|| Span::default().range(date));
    // The day's part (the roll call, then the day's cases and registers) here; beside it on a
    // second thread what needs neither the roll nor the elders: the kept dated entries up to
    // the period's end (read once for the period's figures and the visits' cadence), and the
    // care figures. Then the period's figures here, the visits' cadence and outreach each on
    // a thread beside (which of the three is longest depends on the community: the visits'
    // cadence at a district, outreach's activities at a subdistrict of five years). At a
    // district the steps one after another took 209 ms (benches/README.md).
    let (day, (dated, care)) = std::thread::scope(|s| {
        let beside = crate::beside::beside(s, || -> Result<_> {
            Ok((
                store.dated_between(None, to)?,
                crate::care::figures(store, from, to, grid)?,
            ))
        });
        let day = day_part(store, &grids, date, now, grid);
        Ok::<_, Error>((day?, beside.joined()?))
    })?;
    let ctx = &day.ctx;
    let ((period, greeted), outreach, visit_cadence) = std::thread::scope(|s| {
        let cadence = crate::beside::beside(s, || visits::figures(store, ctx, &dated, from, to));
        let outreach = crate::beside::beside(s, || outreach::figures(store, ctx, from, to));
        let period = period::figures(store, ctx, &dated, from, to);
        let (cadence, outreach) = (cadence.joined(), outreach.joined());
        Ok::<_, Error>((period?, outreach?, cadence?))
    })?;
    let summary = Summary {
        community: store.community()?.name,
        date,
        weekday: date.weekday(),
        as_of_date: now.date,
        as_of_time: now.time,
        grid: grid_ref,
        checkins: day.checkins,
        cases: day.cases,
        visits: day.visits,
        meetings: day.meetings,
        fund: day.fund,
        period,
        visit_cadence,
        care,
        outreach,
    };
    // The day's records and a district's 20,000 elders let go of behind the answer.
    crate::beside::drop_behind((day.ctx, dated));
    Ok(Kept {
        summary,
        greeted,
        first_checkin,
    })
}

/// What `summarize_kept` works out of the day itself, with the context it read for it.
struct DayPart {
    ctx: register::Context,
    checkins: CheckIns,
    cases: Cases,
    visits: Vec<VisitItem>,
    meetings: Vec<MeetingItem>,
    fund: FundDay,
}

/// The day's roll call and what the day's registers hold, for `summarize_kept`; the context
/// comes back with every elder of the summary's grid, by id.
fn day_part(
    store: &Store,
    grids: &[Grid],
    date: Date,
    now: Now,
    grid: Option<Id>,
) -> Result<DayPart> {
    // The elders index is read once, for the report's elders and for the day's roll call:
    // those on the day's roll go into the roll call, and come back out of it for the period's
    // figures (twenty thousand at a district: none is copied).
    let (elders, days) = crate::rollcall::elders_and_days(store, date)?;
    let (on_roll, others): (Vec<_>, Vec<_>) = elders.into_iter().partition(|(e, _)| {
        grid.is_none_or(|g| e.grid == g) && e.care.as_ref().is_some_and(|c| c.active_on(date))
    });
    let mut ctx = register::Context::load_with(store, grids, grid, date, Vec::new())?;
    let roll = crate::rollcall::roll_of(store, on_roll, date, now, days)?.0;
    let checkins = checkins::of_roll(&ctx, &roll, grid);
    let mut elders: Vec<crate::model::Resident> = roll
        .entries
        .into_iter()
        .map(|entry| entry.elder)
        .chain(
            others
                .into_iter()
                .map(|(e, _)| e)
                .filter(|e| grid.is_none_or(|g| e.grid == g)),
        )
        .collect();
    elders.sort_unstable_by_key(|e| e.id);
    ctx.elders = elders;
    let cases = cases::day(&ctx, date);
    let (visits, meetings, fund) = register::day(&ctx, date);
    Ok(DayPart {
        ctx,
        checkins,
        cases,
        visits,
        meetings,
        fund,
    })
}

/// A summary as a server keeps it between requests, with what bringing it up to later marks
/// needs: the elders it counts as greeted daily, and the first check-in day it was made with.
#[derive(Clone, Debug)]
pub struct Kept {
    pub summary: Summary,
    /// The elders greeted daily in the period, ascending ids.
    greeted: Vec<Id>,
    first_checkin: Option<Date>,
}

impl Kept {
    /// Brings this summary up to the marks made since it was made (`marks`: each elder marked,
    /// a check-in added, annotated or taken back, and the day of the mark) and to `now`. Only
    /// what a mark changes is done again: the check-in part from `roll`, the day's roll call as
    /// it stands at `now` (of the summary's grid, or the whole community's: `Roll::at`), and
    /// the period's "greeted daily" walked again for each elder marked on or before its end
    /// (each elder's walk is its own). The result equals `summarize` at `now`. Returns false
    /// when it cannot be brought up (the first check-in of the database moved): summarize
    /// afresh.
    pub fn after_marks(
        &mut self,
        store: &Store,
        roll: &Roll,
        now: Now,
        marks: &[(Id, Date)],
    ) -> Result<bool> {
        let community = store.community()?;
        self.after_marks_with(store, now, marks, |ctx, grid| {
            Ok(checkins::of_roll_at(ctx, roll, &community, now, grid))
        })
    }

    /// `after_marks` with the check-in part worked out by `checkins` from the context and the
    /// summary's grid (`checkins_at`: over a roll borrowed where it is kept).
    pub fn after_marks_with(
        &mut self,
        store: &Store,
        now: Now,
        marks: &[(Id, Date)],
        checkins: impl FnOnce(&register::Context, Option<Id>) -> Result<CheckIns>,
    ) -> Result<bool> {
        let first_checkin = store.checkin_span()?.map(|(first, _)| first);
        if first_checkin != self.first_checkin {
            return Ok(false);
        }
        let grid = self.summary.grid.as_ref().map(|g| g.id);
        let grids = store.all::<Grid>()?;
        let ctx = register::Context::of_grids(&grids, grid);
        self.summary.checkins = checkins(&ctx, grid)?;
        self.summary.as_of_date = now.date;
        self.summary.as_of_time = now.time;
        let (from, to) = (self.summary.period.from, self.summary.period.to);
        let mut marked: Vec<Id> = marks
            .iter()
            .filter(|(_, day)| *day <= to)
            .map(|(elder, _)| *elder)
            .collect();
        marked.sort_unstable();
        marked.dedup();
        for id in marked {
            let elder = store
                .get::<crate::model::Resident>(id)?
                .filter(|e| crate::rollcall::on_the_roll(e) && grid.is_none_or(|g| g == e.grid));
            let greeted = match elder {
                Some(e) => {
                    let (_, ids) = daily::greeted_daily_ids(store, &[e], from, to, first_checkin)?;
                    !ids.is_empty()
                }
                None => false,
            };
            match (self.greeted.binary_search(&id), greeted) {
                (Ok(i), false) => {
                    self.greeted.remove(i);
                }
                (Err(i), true) => self.greeted.insert(i, id),
                _ => {}
            }
        }
        self.summary.period.elders_greeted_daily = self.greeted.len();
        Ok(true)
    }
}

/// The check-in part of a report over a whole community's roll, at `now` (as `of_roll` of
/// `roll.at(community, now, grid)`, without copying it).
pub fn checkins_at(
    ctx: &register::Context,
    roll: &Roll,
    community: &crate::model::Community,
    now: Now,
    grid: Option<Id>,
) -> CheckIns {
    checkins::of_roll_at(ctx, roll, community, now, grid)
}

/// The first day of the default period (the earliest meeting, visit, fund entry, case or
/// check-in), for a command line given only `--to`. `None` for an empty database.
pub fn first_record_day(store: &Store, grid: Option<Id>) -> Result<Option<Date>> {
    period::first_day(store, grid)
}
