//! The rules of teams, services, plans and support records, as typed reasons (`CareRule`) the
//! app words in both languages. Pure: the records are passed in.

use serde::{Deserialize, Serialize};

use super::model::{Person, Provider, Service, ServicePlan, Support, Team};
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::Category;
use crate::text::{name, note};

/// The longest service recorded at once: a day.
pub const MAX_MINUTES: u32 = 24 * 60;
/// The longest rhythm of a plan or a support record: a year.
pub const MAX_EVERY_DAYS: u16 = 366;
/// The most members a team lists, and carers a support record pairs.
pub const MAX_PEOPLE: usize = 200;

/// Why a team, service, plan or support record is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CareRule {
    /// Another team already has this name.
    TeamNameTaken { name: String },
    /// The leader named is not one of the team's members.
    LeaderNotMember,
    /// More members or carers than `MAX_PEOPLE`.
    TooManyPeople { count: usize },
    /// A service longer than a day.
    TooManyMinutes { minutes: u32 },
    /// A helper of a team's service who is not on the team.
    HelperNotInTeam { team: String },
    /// A rhythm outside 1..=`MAX_EVERY_DAYS` days.
    EveryDays { days: u16 },
    /// An elder living alone is cared for by the care plan and the roll call (`care set`).
    ElderHasCarePlan,
    /// A support record pairs at least one carer.
    NoCarer,
    /// The same person or household already has an active support record of this kind.
    AlreadySupported { id: u64 },
    /// A plan or support record already ended.
    AlreadyEnded { on: Date },
    /// An end before the start.
    EndsBeforeStart { from: Date, date: Date },
    /// A resident who has left the community gets no new service or support.
    Left { name: String },
    /// An elder on the daily roll call (an active care plan) gets no support record: the roll
    /// call is their care.
    OnTheRoll { name: String },
    /// Someone with an active support record is not put on the elders' roll call.
    HasSupport { name: String, id: u64 },
}

impl From<CareRule> for Error {
    fn from(r: CareRule) -> Self {
        Error::Care(r)
    }
}

/// Trims a team's texts, drops repeated members and checks the leader.
pub fn check_team(t: &mut Team) -> Result<()> {
    t.name = name("name", &t.name)?;
    t.note = note("note", &t.note)?;
    dedup(&mut t.members);
    if t.members.len() > MAX_PEOPLE {
        return Err(CareRule::TooManyPeople {
            count: t.members.len(),
        }
        .into());
    }
    if let Some(l) = t.leader
        && !t.members.contains(&l)
    {
        return Err(CareRule::LeaderNotMember.into());
    }
    Ok(())
}

/// Checks a service against the team that gave it (if a team did).
pub fn check_service(s: &mut Service, team: Option<&Team>) -> Result<()> {
    s.note = note("note", &s.note)?;
    dedup(&mut s.helpers);
    if s.minutes > MAX_MINUTES {
        return Err(CareRule::TooManyMinutes { minutes: s.minutes }.into());
    }
    if s.helpers.len() > MAX_PEOPLE {
        return Err(CareRule::TooManyPeople {
            count: s.helpers.len(),
        }
        .into());
    }
    if let (Provider::Team(_), Some(team)) = (s.by, team)
        && s.helpers.iter().any(|h| !team.members.contains(h))
    {
        return Err(CareRule::HelperNotInTeam {
            team: team.name.clone(),
        }
        .into());
    }
    Ok(())
}

pub fn check_every(days: u16) -> Result<()> {
    if days == 0 || days > MAX_EVERY_DAYS {
        return Err(CareRule::EveryDays { days }.into());
    }
    Ok(())
}

pub fn check_plan(p: &mut ServicePlan) -> Result<()> {
    p.note = note("note", &p.note)?;
    check_every(p.every_days)?;
    if let Some(e) = p.ended
        && e < p.from
    {
        return Err(CareRule::EndsBeforeStart {
            from: p.from,
            date: e,
        }
        .into());
    }
    Ok(())
}

pub fn check_support(s: &mut Support) -> Result<()> {
    if s.kind == Category::Elder {
        return Err(CareRule::ElderHasCarePlan.into());
    }
    s.family = note("family", &s.family)?;
    s.difficulties = note("difficulties", &s.difficulties)?;
    s.help_wanted = note("help_wanted", &s.help_wanted)?;
    s.carers.sort_unstable();
    s.carers.dedup();
    if s.carers.is_empty() {
        return Err(CareRule::NoCarer.into());
    }
    if s.carers.len() > MAX_PEOPLE {
        return Err(CareRule::TooManyPeople {
            count: s.carers.len(),
        }
        .into());
    }
    if let Some(d) = s.every_days {
        check_every(d)?;
    }
    if let Some(e) = &mut s.ended {
        e.reason = note("reason", &e.reason)?;
        if e.date < s.from {
            return Err(CareRule::EndsBeforeStart {
                from: s.from,
                date: e.date,
            }
            .into());
        }
    }
    Ok(())
}

/// The end of a plan or support record that started on `from` and may have ended already.
pub fn check_end(from: Date, ended: Option<Date>, date: Date) -> Result<()> {
    if let Some(on) = ended {
        return Err(CareRule::AlreadyEnded { on }.into());
    }
    if date < from {
        return Err(CareRule::EndsBeforeStart { from, date }.into());
    }
    Ok(())
}

/// Keeps the first of each person, in order.
fn dedup(people: &mut Vec<Person>) {
    let mut seen = Vec::with_capacity(people.len());
    people.retain(|p| {
        if seen.contains(p) {
            false
        } else {
            seen.push(*p);
            true
        }
    });
}
