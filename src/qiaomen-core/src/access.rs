//! Who may do what (SPEC §3, roles). Pure: the person, the command and the records it touches
//! go in; allowed or a typed refusal comes out. The server calls it for every command of every
//! client; the app turns a refusal into one sentence (exit 4).
//!
//! | rank | from the member's roles | may |
//! |---|---|---|
//! | admin | `admin` (and the database's owner with no member) | everything |
//! | secretary | `cadre` | read everything; the register (files, notices, partners, fund, meetings) |
//! | worker | `worker` | cases, register, visits and check-ins in every grid |
//! | steward | `steward`, `building_head` | check-ins, visits, cases, residents and households of their grids |
//! | volunteer | `volunteer`, `caring_neighbour`, `party_volunteer` | check-ins and visits for the elders they call |
//!
//! Hand-overs (issue 16): a steward of the case's grid (or a worker) escalates a case to the
//! community; only a worker escalates it to the subdistrict or returns it a level down.

use serde::{Deserialize, Serialize};

use crate::command::Command;
use crate::error::Result;
use crate::model::{Grid, Household, Id, Member, Resident, Role};
use crate::reads::Reads;
use crate::register::RegisterCommand;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Rank {
    Volunteer,
    Steward,
    Worker,
    Secretary,
    Admin,
}

impl Rank {
    pub fn code(self) -> &'static str {
        match self {
            Rank::Volunteer => "volunteer",
            Rank::Steward => "steward",
            Rank::Worker => "worker",
            Rank::Secretary => "secretary",
            Rank::Admin => "admin",
        }
    }

    /// The highest rank the roles give; `None` for a member with none that counts.
    pub fn of(roles: &[Role]) -> Option<Rank> {
        roles
            .iter()
            .map(|r| match r {
                Role::Admin => Rank::Admin,
                Role::Cadre => Rank::Secretary,
                Role::Worker => Rank::Worker,
                Role::Steward | Role::BuildingHead => Rank::Steward,
                Role::Volunteer | Role::CaringNeighbour | Role::PartyVolunteer => Rank::Volunteer,
            })
            .max()
    }
}

/// The person behind a request, as the server established it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Who {
    /// The member's name (the operator recorded with every change), or the OS user's.
    pub name: String,
    pub member: Option<Id>,
    pub os_user: String,
    pub rank: Rank,
    /// A steward's grids: their own and every grid that lists them as a steward.
    pub grids: Vec<Id>,
}

/// Why something was refused: a typed reason the app words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// No active member logs in as this OS user.
    NoMember { os_user: String },
    /// Several members log in as this OS user and none was named (`QIAOMEN_OPERATOR`).
    SharedAccount { os_user: String, names: Vec<String> },
    /// `--as` names someone else, and only an admin may act as another member.
    ActAs { who: String, asked: String },
    /// The rank does not do this at all (a secretary marking a check-in, anyone but an admin
    /// changing members, grids or settings).
    Rank {
        who: String,
        rank: Rank,
        /// `settings`, `register`, `cases`, `checkins`, `visits`, `reports`, `handover`.
        #[serde(deserialize_with = "crate::wire::code")]
        action: crate::wire::Code,
    },
    /// A steward acting outside their grids.
    OutsideGrids {
        who: String,
        grids: Vec<String>,
        record: String,
        grid: String,
    },
    /// A volunteer acting for an elder they do not call.
    NotTheirElder { who: String, elder: String },
}

/// Establishes who an OS user is. `owner`: this OS user owns the database directory (or is
/// root). `asked`: the operator the client names (`--as`, or `QIAOMEN_OPERATOR` set per SSH
/// key where several people share one OS account).
pub fn identify(
    os_user: &str,
    owner: bool,
    asked: Option<&str>,
    members: &[Member],
    grids: &[Grid],
) -> std::result::Result<Who, Refusal> {
    let active = |m: &&Member| m.active;
    let mine: Vec<&Member> = members
        .iter()
        .filter(active)
        .filter(|m| m.login.as_deref() == Some(os_user))
        .collect();
    let asked = asked.map(str::trim).filter(|a| !a.is_empty());
    let me: Option<&Member> = match (mine.as_slice(), asked) {
        ([], _) => None,
        ([one], _) => Some(one),
        (many, Some(a)) => match many.iter().find(|m| m.name == a) {
            Some(m) => Some(m),
            None => {
                return Err(Refusal::SharedAccount {
                    os_user: os_user.to_owned(),
                    names: many.iter().map(|m| m.name.clone()).collect(),
                });
            }
        },
        (many, None) => {
            return Err(Refusal::SharedAccount {
                os_user: os_user.to_owned(),
                names: many.iter().map(|m| m.name.clone()).collect(),
            });
        }
    };
    let rank = match me {
        Some(m) => Rank::of(&m.roles),
        None if owner => Some(Rank::Admin),
        None => None,
    };
    let Some(rank) = rank else {
        return Err(Refusal::NoMember {
            os_user: os_user.to_owned(),
        });
    };
    let name = me.map_or_else(|| os_user.to_owned(), |m| m.name.clone());
    // Acting as someone else: admins only. (Naming oneself is not acting as another.)
    let name = match asked {
        Some(a) if a != name && rank != Rank::Admin => {
            return Err(Refusal::ActAs {
                who: name,
                asked: a.to_owned(),
            });
        }
        Some(a) => a.to_owned(),
        None => name,
    };
    let member = me.map(|m| m.id);
    let grids = match me {
        Some(m) => grids
            .iter()
            .filter(|g| m.grid == Some(g.id) || g.stewards.contains(&m.id))
            .map(|g| g.id)
            .collect(),
        None => Vec::new(),
    };
    Ok(Who {
        name,
        member,
        os_user: os_user.to_owned(),
        rank,
        grids,
    })
}

/// What a command needs of its author.
enum Needs {
    Admin,
    /// Register work of a household (its grid), or of the whole register (`None`).
    Register(Option<Id>),
    /// Cases and people of a grid: worker, or a steward of that grid.
    Grid(Id, String),
    /// A check-in or a visit for an elder: worker, a steward of the elder's grid, or one of
    /// the elder's callers.
    Elder(Resident),
    /// A visit to a household: worker, a steward of its grid, or a caller of an elder in it.
    Household(Household),
    /// A hand-over decided above the grid (up to the subdistrict, or back down): a worker.
    Community,
}

/// Allows or refuses a command. Reads the records it touches (an elder's grid, a case's grid).
pub fn authorize(
    who: &Who,
    command: &Command,
    store: &(impl Reads + ?Sized),
) -> Result<std::result::Result<(), Refusal>> {
    if who.rank == Rank::Admin {
        return Ok(Ok(()));
    }
    let needs = match command {
        Command::Configure(_)
        | Command::SaveGrid(_)
        | Command::SaveMember(_)
        | Command::Register(RegisterCommand::SetCadence(_)) => Needs::Admin,
        Command::SaveHousehold(h) => {
            let before = store.get::<Household>(h.id)?;
            match before {
                Some(b) if b.grid != h.grid && who.rank == Rank::Steward => {
                    // Moving a household out of (or into) a grid needs both grids.
                    if !who.grids.contains(&b.grid) {
                        return Ok(Err(outside(who, store, &b.address.short(), b.grid)?));
                    }
                    Needs::Grid(h.grid, h.address.short())
                }
                _ if who.rank == Rank::Secretary => Needs::Register(Some(h.grid)),
                _ => Needs::Grid(h.grid, h.address.short()),
            }
        }
        Command::SaveResident(r) => {
            if let Some(b) = store.get::<Resident>(r.id)?
                && b.grid != r.grid
                && who.rank == Rank::Steward
                && !who.grids.contains(&b.grid)
            {
                return Ok(Err(outside(who, store, &b.name, b.grid)?));
            }
            Needs::Grid(r.grid, r.name.clone())
        }
        Command::CheckIn(c) | Command::LadderStep { checkin: c, .. } => {
            Needs::Elder(store.require::<Resident>(c.elder)?)
        }
        Command::AnnotateCheckIn { key, .. } | Command::UndoCheckIn { key } => {
            Needs::Elder(store.require::<Resident>(key.elder)?)
        }
        Command::OpenCase(c) => Needs::Grid(c.grid, c.title.clone()),
        Command::CaseNote { case, .. }
        | Command::CaseSession { case, .. }
        | Command::CaseStatus { case, .. }
        | Command::SetFollowUp { case, .. }
        | Command::FollowUpDone { case, .. } => {
            let c = store.require::<crate::model::Case>(*case)?;
            Needs::Grid(c.grid, c.number())
        }
        Command::CaseWork(c) => {
            use crate::casework::CaseWorkCommand as W;
            match c {
                W::SaveOrg(_) | W::Attend { .. } => Needs::Register(None),
                W::Open { case, .. } => Needs::Grid(case.grid, case.title.clone()),
                // The grid hands its case up to the community; further up, and every hand-back,
                // is the community's decision (a worker's).
                W::Escalate { to, case, .. } if *to > crate::model::Level::Community => {
                    store.require::<crate::model::Case>(*case)?;
                    Needs::Community
                }
                W::Return { case, .. } => {
                    store.require::<crate::model::Case>(*case)?;
                    Needs::Community
                }
                _ => {
                    let id = c
                        .case()
                        .expect("every other case-work command names its case");
                    let c = store.require::<crate::model::Case>(id)?;
                    Needs::Grid(c.grid, c.number())
                }
            }
        }
        Command::Register(RegisterCommand::SaveVisit(v)) => {
            // An edit needs the visit's household as it was, as well as the one it names.
            if v.id != 0
                && let Some(before) = store.get::<crate::model::Visit>(v.id)?
                && before.household != v.household
            {
                let old = store.require::<Household>(before.household)?;
                if let Err(r) = check(who, Needs::Household(old), store)? {
                    return Ok(Err(r));
                }
            }
            Needs::Household(store.require::<Household>(v.household)?)
        }
        Command::Register(
            RegisterCommand::FileStep { household, .. } | RegisterCommand::Reopen { household, .. },
        ) => Needs::Register(Some(store.require::<Household>(*household)?.grid)),
        // Partners' activities, goods and duties are register work, as partners and the fund.
        Command::Register(_) | Command::Outreach(_) => Needs::Register(None),
        Command::Doorbell(presses) => {
            let mut elders: Vec<Id> = presses.iter().map(|p| p.elder).collect();
            elders.sort_unstable();
            elders.dedup();
            let last = elders.pop().ok_or_else(|| {
                crate::error::Error::invalid("presses", crate::reason::Reason::NoPress)
            })?;
            for e in elders {
                if let Err(r) = check(who, Needs::Elder(store.require::<Resident>(e)?), store)? {
                    return Ok(Err(r));
                }
            }
            Needs::Elder(store.require::<Resident>(last)?)
        }
        Command::Care(c) => {
            let mut needs = care_needs(c, store)?;
            let last = needs.pop().expect("every care command needs something");
            for n in needs {
                if let Err(r) = check(who, n, store)? {
                    return Ok(Err(r));
                }
            }
            last
        }
        // Residents and households of a grid: a steward needs every grid the records were in
        // and go to, like `SaveResident` and `SaveHousehold`.
        // A household's file is register work, which a secretary may do (as `SaveHousehold`).
        Command::People(c) => {
            let register = who.rank == Rank::Secretary
                && matches!(c, crate::people::PeopleCommand::SaveHousehold(_));
            let needs = |(grid, record): (Id, String)| {
                if register {
                    Needs::Register(Some(grid))
                } else {
                    Needs::Grid(grid, record)
                }
            };
            let mut grids = c.grids(store)?;
            let last = grids.pop().expect("every people command names a grid");
            for g in grids {
                if let Err(r) = check(who, needs(g), store)? {
                    return Ok(Err(r));
                }
            }
            needs(last)
        }
    };
    check(who, needs, store)
}

fn check(
    who: &Who,
    needs: Needs,
    store: &(impl Reads + ?Sized),
) -> Result<std::result::Result<(), Refusal>> {
    let rank = |action: &'static str| Refusal::Rank {
        who: who.name.clone(),
        rank: who.rank,
        action,
    };
    let ok = Ok(Ok(()));
    match needs {
        Needs::Admin => Ok(Err(rank("settings"))),
        Needs::Register(grid) => match who.rank {
            Rank::Secretary | Rank::Worker => ok,
            Rank::Steward => match grid {
                Some(g) if who.grids.contains(&g) => ok,
                Some(g) => Ok(Err(outside(who, store, "", g)?)),
                None => Ok(Err(rank("register"))),
            },
            _ => Ok(Err(rank("register"))),
        },
        Needs::Grid(grid, record) => match who.rank {
            Rank::Worker => ok,
            Rank::Steward if who.grids.contains(&grid) => ok,
            Rank::Steward => Ok(Err(outside(who, store, &record, grid)?)),
            _ => Ok(Err(rank("cases"))),
        },
        Needs::Community => match who.rank {
            Rank::Worker => ok,
            _ => Ok(Err(rank("handover"))),
        },
        Needs::Elder(elder) => match who.rank {
            Rank::Worker => ok,
            Rank::Steward if who.grids.contains(&elder.grid) => ok,
            Rank::Steward => Ok(Err(outside(who, store, &elder.name, elder.grid)?)),
            Rank::Volunteer if calls(who, &elder) => ok,
            Rank::Volunteer => Ok(Err(Refusal::NotTheirElder {
                who: who.name.clone(),
                elder: elder.name,
            })),
            Rank::Secretary | Rank::Admin => Ok(Err(rank("checkins"))),
        },
        Needs::Household(h) => match who.rank {
            Rank::Worker => ok,
            Rank::Steward if who.grids.contains(&h.grid) => ok,
            Rank::Steward => Ok(Err(outside(who, store, &h.address.short(), h.grid)?)),
            Rank::Volunteer => {
                for id in &h.members {
                    if let Some(r) = store.get::<Resident>(*id)?
                        && calls(who, &r)
                    {
                        return ok;
                    }
                }
                Ok(Err(Refusal::NotTheirElder {
                    who: who.name.clone(),
                    elder: h.address.short(),
                }))
            }
            Rank::Secretary | Rank::Admin => Ok(Err(rank("visits"))),
        },
    }
}

/// Whether a volunteer is one of the elder's callers.
fn calls(who: &Who, elder: &Resident) -> bool {
    who.member
        .is_some_and(|m| elder.care.as_ref().is_some_and(|c| c.callers.contains(&m)))
}

/// Why `who` may not see or touch a record (`record`: its name, address or number) of `grid`.
pub fn why_not(
    who: &Who,
    store: &(impl Reads + ?Sized),
    record: &str,
    grid: Id,
) -> Result<Refusal> {
    Ok(match who.rank {
        Rank::Steward => outside(who, store, record, grid)?,
        Rank::Volunteer => Refusal::NotTheirElder {
            who: who.name.clone(),
            elder: record.to_owned(),
        },
        _ => Refusal::Rank {
            who: who.name.clone(),
            rank: who.rank,
            action: "register",
        },
    })
}

fn outside(who: &Who, store: &(impl Reads + ?Sized), record: &str, grid: Id) -> Result<Refusal> {
    let grids = store.all::<Grid>()?;
    let code = |id: Id| {
        grids
            .iter()
            .find(|g| g.id == id)
            .map_or_else(|| id.to_string(), |g| g.code.clone())
    };
    Ok(Refusal::OutsideGrids {
        who: who.name.clone(),
        grids: who.grids.iter().map(|&g| code(g)).collect(),
        record: record.to_owned(),
        grid: code(grid),
    })
}

/// Whether a reader may read the community's register as a whole (the fund, its partners and
/// pledges): those who read everything. The server already leaves these records out of a
/// steward's or a volunteer's reads; this gives them the reason instead of an empty sheet.
pub fn reads_register(who: &Who) -> std::result::Result<(), Refusal> {
    match who.rank {
        Rank::Admin | Rank::Secretary | Rank::Worker => Ok(()),
        rank => Err(Refusal::Rank {
            who: who.name.clone(),
            rank,
            action: "register",
        }),
    }
}

/// Whether a reader sees a record of this grid (stewards: their grids only).
pub fn sees_grid(who: &Who, grid: Id) -> bool {
    match who.rank {
        Rank::Admin | Rank::Secretary | Rank::Worker => true,
        Rank::Steward => who.grids.contains(&grid),
        Rank::Volunteer => false,
    }
}

/// Whether a reader sees an elder (a volunteer: the elders they call).
pub fn sees_elder(who: &Who, elder: &Resident) -> bool {
    sees_grid(who, elder.grid) || (who.rank == Rank::Volunteer && calls(who, elder))
}

/// What a care command needs (issue 16 points 1–2). Teams and service plans are register work;
/// a service is recorded like a visit (a worker, a steward of the person's grid, or a caller
/// of the elder or of an elder in the household); a support record is grid work like a
/// resident (a steward cannot record one for another grid).
fn care_needs(c: &crate::care::CareCommand, store: &(impl Reads + ?Sized)) -> Result<Vec<Needs>> {
    use crate::care::{CareCommand, ServicePlan, Support, Whom, whom_grid};
    let register =
        |whom: Whom| -> Result<Needs> { Ok(Needs::Register(Some(whom_grid(store, whom)?.0))) };
    let grid = |whom: Whom| -> Result<Needs> {
        let (g, label) = whom_grid(store, whom)?;
        Ok(Needs::Grid(g, label))
    };
    Ok(vec![match c {
        CareCommand::SaveTeam(_) => Needs::Register(None),
        CareCommand::AddService(s) => match s.whom {
            Whom::Resident(r) => Needs::Elder(store.require::<Resident>(r)?),
            Whom::Household(h) => Needs::Household(store.require::<Household>(h)?),
        },
        CareCommand::AddPlan(p) => register(p.whom)?,
        CareCommand::EndPlan { plan, .. } => register(store.require::<ServicePlan>(*plan)?.whom)?,
        CareCommand::SaveSupport(s) => {
            // An edit that moves the record to another person needs both.
            if let Some(before) = store.get::<Support>(s.id)?
                && before.whom != s.whom
            {
                return Ok(vec![grid(before.whom)?, grid(s.whom)?]);
            }
            grid(s.whom)?
        }
        CareCommand::EndSupport { support, .. } => grid(store.require::<Support>(*support)?.whom)?,
    }])
}
