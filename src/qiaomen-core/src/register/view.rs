//! The household file as one view (一户一档): the household, its residents, pledges and
//! partners, fund entries, visits, notices and the goods partners gave it.

use crate::reads::Reads;
use serde::Serialize;

use super::file::next_status;
use super::notice::Notice;
use crate::error::Result;
use crate::model::{FileStatus, FundEntry, Goods, Household, Id, Partner, Pledge, Resident, Visit};

/// Everything kept about one household: the file (一户一档) as the register pane shows it.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct HouseholdFile {
    pub household: Household,
    pub status: Option<FileStatus>,
    /// Where a plain step would take the file (none once closed).
    pub next: Option<FileStatus>,
    /// The household's residents, head first.
    pub members: Vec<Resident>,
    pub pledges: Vec<Pledge>,
    /// The partners behind `pledges`, by id.
    pub partners: Vec<Partner>,
    pub fund: Vec<FundEntry>,
    pub visits: Vec<Visit>,
    pub notices: Vec<Notice>,
    /// Goods partners gave the household (issue 16 point 3), by date.
    #[serde(default)]
    pub goods: Vec<Goods>,
}

/// The residents of a household, in the order of its member list (the head first).
///
/// Read by id, one resident per member: the register shows a file per cursor move and a
/// statement or notice lists many households, so a pass over every resident here would make
/// those cost the whole population each time.
pub fn members_of(store: &(impl Reads + ?Sized), h: &Household) -> Result<Vec<Resident>> {
    h.members
        .iter()
        .map(|&id| store.require::<Resident>(id))
        .collect()
}

/// The members who still live in the household on `day`: a notice counts and names them, not
/// someone who moved out or died (who stays in the member list, for the history).
pub fn members_on(
    store: &(impl Reads + ?Sized),
    h: &Household,
    day: crate::day::Date,
) -> Result<Vec<Resident>> {
    let mut members = members_of(store, h)?;
    members.retain(|r| r.lives_here_on(day));
    Ok(members)
}

pub fn household_file(store: &(impl Reads + ?Sized), id: Id) -> Result<HouseholdFile> {
    let household = store.require::<Household>(id)?;
    let members = members_of(store, &household)?;
    let pledges: Vec<Pledge> = store
        .all::<Pledge>()?
        .into_iter()
        .filter(|p| p.household == id)
        .collect();
    let mut partners: Vec<Partner> = Vec::new();
    for p in &pledges {
        if !partners.iter().any(|x| x.id == p.partner) {
            partners.push(store.require::<Partner>(p.partner)?);
        }
    }
    partners.sort_by_key(|p| p.id);
    let fund = store
        .all::<FundEntry>()?
        .into_iter()
        .filter(|f| f.household == Some(id))
        .collect();
    let mut visits: Vec<Visit> = store
        .all::<Visit>()?
        .into_iter()
        .filter(|v| v.household == id)
        .collect();
    visits.sort_by_key(|v| (v.date, v.id));
    let notices = store
        .all::<Notice>()?
        .into_iter()
        .filter(|n| n.households.contains(&id))
        .collect();
    let mut goods: Vec<Goods> = store
        .all::<Goods>()?
        .into_iter()
        .filter(|g| g.household == Some(id))
        .collect();
    goods.sort_by_key(|g| (g.date, g.id));
    let status = household.file_status();
    Ok(HouseholdFile {
        status,
        next: next_status(status),
        household,
        members,
        pledges,
        partners,
        fund,
        visits,
        notices,
        goods,
    })
}
