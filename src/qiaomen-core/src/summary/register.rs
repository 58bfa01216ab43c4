//! What the summary reads besides check-ins, and the register's part of the day: visits,
//! meetings and fund movements. These trees are small (hundreds of records), so they are
//! read whole.

use std::collections::HashMap;

use serde::Serialize;

use super::GridRef;
use crate::day::Date;
use crate::error::Result;
use crate::model::{
    Case, Direction, FundEntry, Grid, Household, Id, Meeting, MeetingKind, Partner, Resident, Visit,
};
use crate::store::Store;

/// Everything the summary reads besides check-ins, already limited to the grid when there is
/// one (meetings, partners and the fund stay community-wide).
pub struct Context {
    pub grids: HashMap<Id, GridRef>,
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
    pub need: String,
    pub note: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FundDay {
    pub entries: Vec<FundItem>,
    pub in_fen: i64,
    pub out_fen: i64,
}

impl Context {
    pub fn load(store: &Store, grids: &[Grid], grid: Option<Id>) -> Result<Self> {
        let mine = |g: Id| grid.is_none_or(|only| only == g);
        let households: HashMap<Id, Household> = store
            .all::<Household>()?
            .into_iter()
            .map(|h| (h.id, h))
            .collect();
        let visits = store
            .all::<Visit>()?
            .into_iter()
            .filter(|v| households.get(&v.household).is_some_and(|h| mine(h.grid)))
            .collect();
        Ok(Context {
            grids: grids.iter().map(|g| (g.id, GridRef::of(g))).collect(),
            cases: store
                .all::<Case>()?
                .into_iter()
                .filter(|c| mine(c.grid))
                .collect(),
            visits,
            meetings: store.all::<Meeting>()?,
            fund: store.all::<FundEntry>()?,
            partners: store.all::<Partner>()?,
            elders: store
                .elders()?
                .into_iter()
                .filter(|e| mine(e.grid))
                .collect(),
            households,
            grid,
        })
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

    pub fn in_grid(&self, household: &Household) -> bool {
        self.grid.is_none_or(|g| household.grid == g)
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
            need: f.need.clone(),
            note: f.note.clone(),
        });
    }
    (visits, meetings, fund)
}
