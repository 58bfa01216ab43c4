//! The households overdue or due this week, by steward: read once for `qiaomen visit due` and
//! the register pane's list (the rule is `qiaomen_core::cadence::due_visits`).

use std::collections::{BTreeMap, HashMap};

use qiaomen_core::Reads;
use qiaomen_core::cadence::{Cadence, Campaign, DueVisit, due_visits, stored_cadence};
use qiaomen_core::model::{Grid, Household, Id, Member, Resident, Visit};
use qiaomen_core::{Date, Error};
use serde::Serialize;

use crate::backend::Backend;

/// One household on the list, with what the list shows of it.
#[derive(Clone, Debug, Serialize)]
pub struct DueRow {
    #[serde(flatten)]
    pub item: DueVisit,
    /// The head's name (empty when the household has no members).
    pub head: String,
    pub address: String,
    pub grid_code: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct StewardRef {
    pub id: Id,
    pub name: String,
}

/// The households of the grids a set of stewards share (no steward: `stewards` is empty).
#[derive(Clone, Debug, Serialize)]
pub struct DueGroup {
    pub stewards: Vec<StewardRef>,
    pub households: Vec<DueRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DueList {
    pub date: Date,
    pub week_end: Date,
    pub cadence: Cadence,
    pub total: usize,
    pub overdue: usize,
    pub groups: Vec<DueGroup>,
}

pub fn load(store: &dyn Backend, day: Date, grid: Option<Id>) -> Result<DueList, Error> {
    let households: Vec<Household> = store
        .all::<Household>()?
        .into_iter()
        .filter(|h| grid.is_none_or(|g| h.grid == g))
        .collect();
    let elders = store.elders()?;
    let visits = store.all::<Visit>()?;
    let cadence = stored_cadence(store)?;
    let campaigns = store.all::<Campaign>()?;
    let items = due_visits(&households, &elders, &visits, &cadence, &campaigns, day);
    let grids: HashMap<Id, Grid> = store
        .all::<Grid>()?
        .into_iter()
        .map(|g| (g.id, g))
        .collect();
    let members: HashMap<Id, String> = store
        .all::<Member>()?
        .into_iter()
        .map(|m| (m.id, m.name))
        .collect();
    let by_id: HashMap<Id, &Household> = households.iter().map(|h| (h.id, h)).collect();
    let mut groups: BTreeMap<Vec<Id>, Vec<DueRow>> = BTreeMap::new();
    let overdue = items.iter().filter(|i| i.overdue).count();
    let total = items.len();
    for item in items {
        let h = by_id[&item.household];
        let g = grids.get(&h.grid);
        let mut stewards = g.map(|g| g.stewards.clone()).unwrap_or_default();
        stewards.sort_unstable();
        let head = match h.members.first() {
            Some(&id) => store.get::<Resident>(id)?.map(|r| r.name),
            None => None,
        };
        groups.entry(stewards).or_default().push(DueRow {
            head: head.unwrap_or_default(),
            address: h.address.short(),
            grid_code: g.map(|g| g.code.clone()).unwrap_or_default(),
            item,
        });
    }
    let mut groups: Vec<DueGroup> = groups
        .into_iter()
        .map(|(ids, households)| DueGroup {
            stewards: ids
                .iter()
                .map(|id| StewardRef {
                    id: *id,
                    name: members.get(id).cloned().unwrap_or_else(|| format!("#{id}")),
                })
                .collect(),
            households,
        })
        .collect();
    // Groups with a steward first, by their first steward's name; the unstewarded last.
    groups.sort_by(|a, b| {
        (
            a.stewards.is_empty(),
            a.stewards.first().map(|s| s.name.clone()),
        )
            .cmp(&(
                b.stewards.is_empty(),
                b.stewards.first().map(|s| s.name.clone()),
            ))
    });
    Ok(DueList {
        date: day,
        week_end: qiaomen_core::cadence::week_end(day),
        cadence,
        total,
        overdue,
        groups,
    })
}
