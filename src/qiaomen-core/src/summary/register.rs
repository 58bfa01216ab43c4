//! What the summary reads besides check-ins, and the register's part of the day: visits,
//! meetings and fund movements. Only the day's records are read, through the kept `dated`
//! index, with the cases that can still count that day (`case_ends`) and the households the
//! report names; the period's figures come from the index itself (`period.rs`).

use std::collections::HashMap;

use serde::Serialize;

use super::GridRef;
use crate::day::Date;
use crate::error::Result;
use crate::model::{
    Case, Direction, FundEntry, Grid, Household, Id, Meeting, MeetingKind, Partner, Resident, Visit,
};
use crate::store::{Dated, Store};

/// What the summary reads besides check-ins, already limited to the grid when there is one
/// (meetings, partners and the fund stay community-wide): the day's visits, meetings and fund
/// entries, the cases that may count that day, and the households the report names.
pub struct Context {
    pub grids: HashMap<Id, GridRef>,
    /// The households named by the day's visits and fund entries, and (once loaded) by the
    /// attention list.
    pub households: HashMap<Id, Household>,
    pub cases: Vec<Case>,
    pub visits: Vec<Visit>,
    pub meetings: Vec<Meeting>,
    pub fund: Vec<FundEntry>,
    pub partners: Vec<Partner>,
    pub elders: Vec<Resident>,
    grid: Option<Id>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct VisitItem {
    pub id: Id,
    pub household: Id,
    pub address: String,
    pub grid: String,
    pub by: String,
    pub findings: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct MeetingItem {
    pub id: Id,
    pub kind: MeetingKind,
    pub title: String,
    pub attendees: usize,
    pub topics: Vec<String>,
    pub decisions: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FundItem {
    pub id: Id,
    pub direction: Direction,
    pub amount_fen: i64,
    pub partner: Option<String>,
    /// The household's address.
    pub household: Option<String>,
    #[serde(with = "crate::model::need_code")]
    pub need: Option<crate::model::Need>,
    pub note: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FundDay {
    pub entries: Vec<FundItem>,
    pub in_fen: i64,
    pub out_fen: i64,
}

impl Context {
    pub fn load(store: &Store, grids: &[Grid], grid: Option<Id>, date: Date) -> Result<Self> {
        Self::load_with(store, grids, grid, date, store.elders()?)
    }

    /// `load`, with every elder of the elders index already read (`Store::elders`).
    pub fn load_with(
        store: &Store,
        grids: &[Grid],
        grid: Option<Id>,
        date: Date,
        elders: Vec<Resident>,
    ) -> Result<Self> {
        let mine = |g: Id| grid.is_none_or(|only| only == g);
        let mut ctx = Context {
            grids: grids.iter().map(|g| (g.id, GridRef::of(g))).collect(),
            households: HashMap::new(),
            cases: store
                .cases_not_quiet_on(date)?
                .into_iter()
                .filter(|c| mine(c.grid))
                .collect(),
            visits: Vec::new(),
            meetings: Vec::new(),
            fund: Vec::new(),
            partners: store.all::<Partner>()?,
            elders: elders.into_iter().filter(|e| mine(e.grid)).collect(),
            grid,
        };
        for item in store.dated_between(Some(date), date)? {
            match item.what {
                Dated::Meeting(_) => ctx.meetings.push(store.require::<Meeting>(item.id)?),
                Dated::Visit { household } => {
                    ctx.load_households(store, [household])?;
                    if ctx.households.get(&household).is_some_and(|h| mine(h.grid)) {
                        ctx.visits.push(store.require::<Visit>(item.id)?);
                    }
                }
                Dated::Fund { .. } => {
                    let f = store.require::<FundEntry>(item.id)?;
                    ctx.load_households(store, f.household)?;
                    ctx.fund.push(f);
                }
                Dated::Case { .. } | Dated::File { .. } => {}
            }
        }
        Ok(ctx)
    }

    /// Only the grids (what the check-in part of a report needs, `checkins::of_roll`).
    pub fn of_grids(grids: &[Grid], grid: Option<Id>) -> Self {
        Context {
            grids: grids.iter().map(|g| (g.id, GridRef::of(g))).collect(),
            households: HashMap::new(),
            cases: Vec::new(),
            visits: Vec::new(),
            meetings: Vec::new(),
            fund: Vec::new(),
            partners: Vec::new(),
            elders: Vec::new(),
            grid,
        }
    }

    /// Reads the households of `ids` not read yet (those that exist).
    pub fn load_households(
        &mut self,
        store: &Store,
        ids: impl IntoIterator<Item = Id>,
    ) -> Result<()> {
        for id in ids {
            if !self.households.contains_key(&id)
                && let Some(h) = store.get::<Household>(id)?
            {
                self.households.insert(id, h);
            }
        }
        Ok(())
    }

    pub fn grid_code(&self, id: Id) -> String {
        self.grids
            .get(&id)
            .map_or_else(|| id.to_string(), |g| g.code.clone())
    }

    pub fn grid_ref(&self, id: Id) -> GridRef {
        self.grids.get(&id).cloned().unwrap_or_else(|| GridRef {
            id,
            code: id.to_string(),
            name: String::new(),
        })
    }

    pub fn address(&self, household: Option<Id>) -> String {
        household
            .and_then(|h| self.households.get(&h))
            .map(|h| h.address.short())
            .unwrap_or_default()
    }

    /// The grid the report is limited to, if any.
    pub fn grid(&self) -> Option<Id> {
        self.grid
    }
}

/// The day's visits, meetings and fund movements.
pub fn day(ctx: &Context, date: Date) -> (Vec<VisitItem>, Vec<MeetingItem>, FundDay) {
    let visits = ctx
        .visits
        .iter()
        .filter(|v| v.date == date)
        .map(|v| {
            let grid = ctx.households.get(&v.household).map(|h| h.grid);
            VisitItem {
                id: v.id,
                household: v.household,
                address: ctx.address(Some(v.household)),
                grid: grid.map(|g| ctx.grid_code(g)).unwrap_or_default(),
                by: v.by.clone(),
                findings: v.findings.clone(),
            }
        })
        .collect();
    let meetings = ctx
        .meetings
        .iter()
        .filter(|m| m.date == date)
        .map(|m| MeetingItem {
            id: m.id,
            kind: m.kind,
            title: m.title.clone(),
            attendees: m.attendees.len(),
            topics: m.topics.clone(),
            decisions: m.decisions.len(),
        })
        .collect();
    let partner_names: HashMap<Id, &str> = ctx
        .partners
        .iter()
        .map(|p| (p.id, p.name.as_str()))
        .collect();
    let mut fund = FundDay::default();
    for f in ctx.fund.iter().filter(|f| f.date == date) {
        match f.direction {
            Direction::In => fund.in_fen += f.amount_fen,
            Direction::Out => fund.out_fen += f.amount_fen,
        }
        fund.entries.push(FundItem {
            id: f.id,
            direction: f.direction,
            amount_fen: f.amount_fen,
            partner: f.partner.map(|p| {
                partner_names
                    .get(&p)
                    .map_or_else(|| p.to_string(), |n| (*n).to_owned())
            }),
            household: f.household.map(|h| ctx.address(Some(h))),
            need: f.need,
            note: f.note.clone(),
        });
    }
    (visits, meetings, fund)
}
