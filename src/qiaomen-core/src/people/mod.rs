//! Keeping the people of the register (issue 13): a resident added into a household, moved to
//! another household or grid, or leaving the roll; a household saved with its members. Each is
//! one transaction that keeps both sides right: a resident's `household` and the household's
//! `members` (whose first is the head) never disagree after one of these commands.

mod touched;

use serde::{Deserialize, Serialize};

use crate::command::{Actor, Applied};
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{Departure, Grid, Household, Id, LeaveReason, RecordRef, Resident};
use crate::store::{Batch, Store};
use crate::text::{name, note};
use crate::validate;
use touched::Touched;

/// Stored in the journal inside `Command::People` (bincode): append variants at the end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeopleCommand {
    /// A new resident (id 0); with a household, they join its members (and its grid). Boxed
    /// so that every `Command` stays as small as `SaveResident`.
    AddResident(Box<Resident>),
    /// Moves a resident to another household (`None`: none) and, without a household, to
    /// another grid. Both households' member lists change in the same transaction.
    Move {
        resident: Id,
        household: Option<Id>,
        grid: Option<Id>,
    },
    /// Creates (id 0) or edits a household with its members in order (the first is the head).
    /// Residents named join it (leaving their old household); residents no longer named leave.
    SaveHousehold(Household),
    /// The resident leaves the roll from `date` on; their care plan ends the day before.
    Leave {
        resident: Id,
        date: Date,
        reason: LeaveReason,
        note: String,
    },
}

impl PeopleCommand {
    /// The grids a steward must hold for this command: the records' grids before and after.
    pub fn grids(&self, store: &(impl crate::Reads + ?Sized)) -> Result<Vec<(Id, String)>> {
        let mut out = Vec::new();
        match self {
            PeopleCommand::AddResident(r) => {
                let grid = match r.household {
                    Some(h) => store.require::<Household>(h)?.grid,
                    None => r.grid,
                };
                out.push((grid, r.name.clone()));
            }
            PeopleCommand::Move {
                resident,
                household,
                grid,
            } => {
                let r = store.require::<Resident>(*resident)?;
                out.push((r.grid, r.name.clone()));
                let to = match household {
                    Some(h) => store.require::<Household>(*h)?.grid,
                    None => grid.unwrap_or(r.grid),
                };
                out.push((to, r.name));
            }
            PeopleCommand::SaveHousehold(h) => {
                if let Some(before) = store.get::<Household>(h.id)? {
                    out.push((before.grid, before.address.short()));
                }
                out.push((h.grid, h.address.short()));
                for &m in &h.members {
                    let r = store.require::<Resident>(m)?;
                    out.push((r.grid, r.name));
                }
            }
            PeopleCommand::Leave { resident, .. } => {
                let r = store.require::<Resident>(*resident)?;
                out.push((r.grid, r.name));
            }
        }
        Ok(out)
    }
}

fn label(text: &str) -> String {
    name("label", text).unwrap_or_default()
}

/// Refuses a change to someone who has left (their record is history).
pub fn still_here(r: &Resident) -> Result<()> {
    match &r.left {
        Some(l) => Err(Error::invalid(
            "resident",
            crate::reason::Reason::HasLeft {
                name: r.name.clone(),
                date: l.date.to_string(),
                why: l.reason.to_string(),
            },
        )),
        None => Ok(()),
    }
}

impl Store {
    pub(crate) fn plan_people(
        &self,
        cmd: PeopleCommand,
        actor: &Actor,
        batch: &mut Batch,
    ) -> Result<(Applied, String, Vec<RecordRef>)> {
        let today = actor.now.date;
        let mut t = Touched::new(self);
        let (id, summary) = match cmd {
            PeopleCommand::AddResident(r) => {
                let mut r = *r;
                if r.id != 0 {
                    return Err(Error::invalid(
                        "id",
                        crate::reason::Reason::NewResidentIdZero,
                    ));
                }
                validate::resident_on(&mut r, today)?;
                let household = r.household.take();
                if household.is_none() {
                    self.require::<Grid>(r.grid)?;
                }
                for &m in r.care.iter().flat_map(|c| &c.callers) {
                    self.require::<crate::model::Member>(m)?;
                }
                r.id = self.next_id::<Resident>(batch)?;
                let id = r.id;
                let summary = format!("resident.add {}", label(&r.name));
                t.residents.insert(id, r);
                t.rehouse(id, household, true)?;
                (id, summary)
            }
            PeopleCommand::Move {
                resident,
                household,
                grid,
            } => {
                let r = t.resident(resident)?.clone();
                still_here(&r)?;
                let to_grid = match (household, grid) {
                    (Some(h), g) => {
                        let hg = self.require::<Household>(h)?.grid;
                        if g.is_some_and(|g| g != hg) {
                            return Err(Error::invalid(
                                "grid",
                                crate::reason::Reason::HouseholdInOtherGrid { household: h },
                            ));
                        }
                        hg
                    }
                    (None, Some(g)) => self.require::<Grid>(g)?.id,
                    (None, None) => r.grid,
                };
                if household == r.household && to_grid == r.grid {
                    return Err(Error::invalid(
                        "household",
                        crate::reason::Reason::AlreadyLivesThere {
                            name: r.name.clone(),
                        },
                    ));
                }
                t.rehouse(resident, household, true)?;
                t.resident(resident)?.grid = to_grid;
                let place = |h: Option<Id>| h.map_or_else(|| "-".to_owned(), |h| format!("#{h}"));
                (
                    resident,
                    format!(
                        "resident.move {} {} -> {}",
                        label(&r.name),
                        place(r.household),
                        place(household)
                    ),
                )
            }
            PeopleCommand::SaveHousehold(mut h) => {
                let before = self.get::<Household>(h.id)?;
                if let Some(b) = &before {
                    // The file moves only by register commands.
                    h.file.clone_from(&b.file);
                } else if h.id != 0 {
                    return Err(Error::NotFound {
                        kind: "household",
                        id: h.id,
                    });
                }
                validate::household(&mut h)?;
                self.require::<Grid>(h.grid)?;
                let mut seen = std::collections::BTreeSet::new();
                if !h.members.iter().all(|m| seen.insert(*m)) {
                    return Err(Error::invalid("members", crate::reason::Reason::NamedTwice));
                }
                let created = h.id == 0;
                if created {
                    h.id = self.next_id::<Household>(batch)?;
                }
                let id = h.id;
                let members = h.members.clone();
                let gone: Vec<Id> = before
                    .iter()
                    .flat_map(|b| b.members.iter().copied())
                    .filter(|m| !members.contains(m))
                    .collect();
                let summary = format!(
                    "household.{} {}",
                    if created { "add" } else { "edit" },
                    label(&h.address.short())
                );
                t.households.insert(id, h);
                let already: Vec<Id> = before.iter().flat_map(|b| b.members.clone()).collect();
                for m in members {
                    // Someone who left stays in the list they were in (history), but does
                    // not join another one.
                    if !already.contains(&m) {
                        still_here(t.resident(m)?)?;
                    }
                    // Joining keeps the order given: the household's list is already right.
                    t.rehouse(m, Some(id), false)?;
                }
                for m in gone {
                    if t.resident(m)?.household == Some(id) {
                        t.resident(m)?.household = None;
                    }
                }
                (id, summary)
            }
            PeopleCommand::Leave {
                resident,
                date,
                reason,
                note: text,
            } => {
                let r = t.resident(resident)?;
                still_here(r)?;
                if r.birth.is_some_and(|b| date < b) {
                    return Err(Error::invalid("date", crate::reason::Reason::BeforeBirth));
                }
                let text = note("note", &text)?;
                r.left = Some(Box::new(Departure {
                    date,
                    reason,
                    note: text,
                }));
                let summary = format!("resident.leave {} {date} {reason}", label(&r.name));
                (resident, summary)
            }
        };
        let records = t.finish(today, batch)?;
        Ok((
            Applied {
                id,
                ..Applied::default()
            },
            summary,
            records,
        ))
    }
}
