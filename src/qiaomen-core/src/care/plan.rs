//! Planning `CareCommand`s into writes, with their audit lines.

use super::model::{Ended, Person, Provider, ServicePlan, Support, Team, Whom};
use super::rules::{CareRule, check_end, check_plan, check_service, check_support, check_team};
use super::{CareCommand, whom_grid};
use crate::command::Applied;
use crate::day::{Date, Now};
use crate::error::{Error, Result};
use crate::model::{Member, Partner, RecordRef, Resident};
use crate::store::{Batch, Store};

type Planned = (Applied, String, Vec<RecordRef>);

fn rec(kind: &str, id: u64) -> RecordRef {
    RecordRef {
        kind: kind.to_owned(),
        id,
    }
}

fn whom_rec(whom: Whom) -> RecordRef {
    match whom {
        Whom::Resident(r) => rec("resident", r),
        Whom::Household(h) => rec("household", h),
    }
}

fn one(id: u64) -> Applied {
    Applied {
        id,
        ..Applied::default()
    }
}

impl Store {
    /// The rules a new care command must pass that replay does not re-check (see `admit`):
    /// a team's name is its own, and a person has one active support record per kind.
    pub(crate) fn admit_care(&self, c: &CareCommand, now: Now) -> Result<()> {
        match c {
            CareCommand::SaveTeam(t) => {
                let name = t.name.trim();
                if self
                    .all::<Team>()?
                    .iter()
                    .any(|o| o.id != t.id && o.name == name)
                {
                    return Err(CareRule::TeamNameTaken {
                        name: name.to_owned(),
                    }
                    .into());
                }
            }
            CareCommand::SaveSupport(s) => {
                if let Some(other) = self.all::<Support>()?.iter().find(|o| {
                    o.id != s.id && o.whom == s.whom && o.kind == s.kind && o.ended.is_none()
                }) {
                    return Err(CareRule::AlreadySupported { id: other.id }.into());
                }
            }
            CareCommand::AddService(s) if s.date > now.date => {
                return Err(Error::Date(crate::dates::DateRule::RecordOnFutureDay {
                    date: s.date,
                    today: now.date,
                }));
            }
            _ => {}
        }
        Ok(())
    }

    pub(crate) fn plan_care(&self, command: CareCommand, batch: &mut Batch) -> Result<Planned> {
        Ok(match command {
            CareCommand::SaveTeam(mut t) => {
                check_team(&mut t)?;
                for &p in &t.members {
                    self.require_person(p)?;
                }
                let (t, created) = self.save(t, batch)?;
                let verb = if created { "add" } else { "edit" };
                (
                    one(t.id),
                    format!("team.{verb} {}", t.name),
                    vec![rec("team", t.id)],
                )
            }
            CareCommand::AddService(mut s) => {
                if s.id != 0 {
                    return Err(Error::invalid(
                        "id",
                        crate::reason::Reason::NewIdZero {
                            kind: "service".to_owned(),
                        },
                    ));
                }
                self.require_whom(s.whom, s.date)?;
                let team = self.require_provider(s.by)?;
                for &p in &s.helpers {
                    self.require_person(p)?;
                }
                check_service(&mut s, team.as_ref())?;
                let (s, _) = self.save(s, batch)?;
                (
                    one(s.id),
                    format!("service.add {} {} #{}", s.kind, s.date, s.id),
                    vec![rec("service", s.id), whom_rec(s.whom)],
                )
            }
            CareCommand::AddPlan(mut p) => {
                if p.id != 0 {
                    return Err(Error::invalid("id", crate::reason::Reason::NewPlanIdZero));
                }
                self.require_whom(p.whom, p.from)?;
                self.require_provider(p.by)?;
                check_plan(&mut p)?;
                let (p, _) = self.save(p, batch)?;
                (
                    one(p.id),
                    format!(
                        "service.plan.add {} every {} #{}",
                        p.kind, p.every_days, p.id
                    ),
                    vec![rec("service_plan", p.id), whom_rec(p.whom)],
                )
            }
            CareCommand::EndPlan { plan, date } => {
                let mut p = self.require::<ServicePlan>(plan)?;
                check_end(p.from, p.ended, date)?;
                p.ended = Some(date);
                batch.put(&p);
                (
                    one(plan),
                    format!("service.plan.end #{plan} {date}"),
                    vec![rec("service_plan", plan), whom_rec(p.whom)],
                )
            }
            CareCommand::SaveSupport(mut s) => {
                // The end moves only by `EndSupport`: an edit keeps the one it has.
                if let Some(stored) = self.get::<Support>(s.id)? {
                    s.ended = stored.ended;
                }
                self.require_whom(s.whom, s.from)?;
                for &m in &s.carers {
                    self.require::<Member>(m)?;
                }
                check_support(&mut s)?;
                // The roll call and a support record are two kinds of care, never both.
                if s.id == 0
                    && let Whom::Resident(r) = s.whom
                {
                    let r = self.require::<Resident>(r)?;
                    if r.care
                        .as_ref()
                        .is_some_and(|c| c.active_to.is_none_or(|t| t >= s.from))
                    {
                        return Err(CareRule::OnTheRoll { name: r.name }.into());
                    }
                }
                let (s, created) = self.save(s, batch)?;
                let verb = if created { "add" } else { "edit" };
                (
                    one(s.id),
                    format!("care.{verb} {} #{}", s.kind, s.id),
                    vec![rec("support", s.id), whom_rec(s.whom)],
                )
            }
            CareCommand::EndSupport {
                support,
                date,
                reason,
            } => {
                let mut s = self.require::<Support>(support)?;
                check_end(s.from, s.ended.as_ref().map(|e| e.date), date)?;
                s.ended = Some(Ended {
                    date,
                    reason: crate::text::note("reason", &reason)?,
                });
                batch.put(&s);
                (
                    one(support),
                    format!("care.end #{support} {date}"),
                    vec![rec("support", support), whom_rec(s.whom)],
                )
            }
        })
    }

    fn require_person(&self, p: Person) -> Result<()> {
        match p {
            Person::Member(m) => self.require::<Member>(m).map(drop),
            Person::Resident(r) => self.require::<Resident>(r).map(drop),
        }
    }

    /// The provider exists; a team is returned for its members.
    fn require_provider(&self, by: Provider) -> Result<Option<Team>> {
        match by {
            Provider::Member(m) => self.require::<Member>(m).map(|_| None),
            Provider::Team(t) => self.require::<Team>(t).map(Some),
            Provider::Partner(p) => self.require::<Partner>(p).map(|_| None),
        }
    }

    /// The person or household exists, and a resident still lived here on `day`.
    /// Refuses to put on the elders' roll call (a new or renewed care plan) someone who has an
    /// active support record: the roll call and a support record are two kinds of care. A
    /// resident already on the roll may be edited as before.
    pub(crate) fn not_in_support(&self, r: &Resident) -> Result<()> {
        let Some(plan) = &r.care else {
            return Ok(());
        };
        // Only a save that opens a plan puts someone on the roll: a plan with an end (an elder
        // who left the roll) is edited as any resident is.
        if plan.active_to.is_some() || r.id == 0 {
            return Ok(());
        }
        let stored = self.get::<Resident>(r.id)?;
        if stored.is_some_and(|old| old.care.is_some_and(|c| c.active_to.is_none())) {
            return Ok(());
        }
        let active = self.all::<Support>()?.into_iter().find(|s| {
            s.whom == Whom::Resident(r.id)
                && s.ended.as_ref().is_none_or(|e| e.date > plan.active_from)
        });
        match active {
            Some(s) => Err(CareRule::HasSupport {
                name: r.name.clone(),
                id: s.id,
            }
            .into()),
            None => Ok(()),
        }
    }

    fn require_whom(&self, whom: Whom, day: Date) -> Result<()> {
        if let Whom::Resident(r) = whom {
            let r = self.require::<Resident>(r)?;
            if !r.lives_here_on(day) {
                return Err(CareRule::Left { name: r.name }.into());
            }
        } else {
            whom_grid(self, whom)?;
        }
        Ok(())
    }
}
