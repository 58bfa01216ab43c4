//! Planning outreach commands: checks against the stored records, then the writes of one
//! transaction (see `Store::apply`).

use super::{Counted, OutreachCommand, OutreachRule, PEOPLE_MAX, QUANTITY_MAX};
use crate::command::{Actor, Applied};
use crate::error::{Error, Result};
use crate::model::{Activity, Duty, Goods, Grid, Household, Id, Partner, RecordRef};
use crate::register::{format_yuan, plan::not_future};
use crate::store::{Batch, Store};
use crate::text::{name, note};

fn rec(kind: &str, id: Id) -> RecordRef {
    RecordRef {
        kind: kind.to_owned(),
        id,
    }
}

fn one(id: Id) -> Applied {
    Applied {
        id,
        ..Applied::default()
    }
}

fn refused(rule: OutreachRule) -> Error {
    Error::Outreach(rule)
}

fn new_only(kind: &str, id: Id) -> Result<()> {
    if id != 0 {
        return Err(Error::invalid(
            "id",
            crate::reason::Reason::NewIdZero {
                kind: kind.to_owned(),
            },
        ));
    }
    Ok(())
}

/// Checks and normalises a new activity (text trimmed, people within the limit).
pub fn check_activity(a: &mut Activity) -> Result<()> {
    a.note = note("note", &a.note)?;
    if a.people > PEOPLE_MAX {
        return Err(refused(OutreachRule::TooMany {
            what: Counted::People,
            max: PEOPLE_MAX,
        }));
    }
    Ok(())
}

/// Checks and normalises new goods: something named, counted and not valued below zero.
pub fn check_goods(g: &mut Goods) -> Result<()> {
    if g.what.trim().is_empty() {
        return Err(refused(OutreachRule::NoWhat));
    }
    g.what = name("what", &g.what)?;
    g.unit = if g.unit.trim().is_empty() {
        String::new()
    } else {
        name("unit", &g.unit)?
    };
    g.note = note("note", &g.note)?;
    if g.quantity == 0 {
        return Err(refused(OutreachRule::NoQuantity));
    }
    if g.quantity > QUANTITY_MAX {
        return Err(refused(OutreachRule::TooMany {
            what: Counted::Quantity,
            max: QUANTITY_MAX,
        }));
    }
    if g.value_fen < 0 {
        return Err(refused(OutreachRule::NegativeValue));
    }
    Ok(())
}

/// Checks and normalises a new duty: what it is, and a first day when it recurs.
pub fn check_duty(d: &mut Duty) -> Result<()> {
    d.what = note("what", &d.what)?;
    if d.what.is_empty() {
        return Err(refused(OutreachRule::NoWhat));
    }
    d.note = note("note", &d.note)?;
    if d.every.is_some() && d.due.is_none() {
        return Err(refused(OutreachRule::NoFirstDue));
    }
    Ok(())
}

/// Adds `date` to the days a duty was done, in order.
pub fn mark_done(d: &mut Duty, date: crate::day::Date) -> Result<()> {
    if d.every.is_none()
        && let Some(&on) = d.done.first()
    {
        return Err(refused(OutreachRule::AlreadyDone { on }));
    }
    if d.done.contains(&date) {
        return Err(refused(OutreachRule::DoneThatDay { on: date }));
    }
    let at = d.done.partition_point(|&x| x < date);
    d.done.insert(at, date);
    Ok(())
}

impl Store {
    pub(crate) fn plan_outreach(
        &self,
        cmd: OutreachCommand,
        actor: &Actor,
        batch: &mut Batch,
    ) -> Result<(Applied, String, Vec<RecordRef>)> {
        let today = actor.now.date;
        Ok(match cmd {
            OutreachCommand::AddActivity(mut a) => {
                new_only("activity", a.id)?;
                check_activity(&mut a)?;
                not_future(a.date, today)?;
                let partner = self.require::<Partner>(a.partner)?;
                if let Some(g) = a.grid {
                    self.require::<Grid>(g)?;
                }
                let (a, _) = self.save(a, batch)?;
                let summary = format!(
                    "activity.add #{} {} {} {}",
                    a.id, partner.name, a.kind, a.date
                );
                (one(a.id), summary, vec![rec("activity", a.id)])
            }
            OutreachCommand::AddGoods(mut g) => {
                new_only("goods", g.id)?;
                check_goods(&mut g)?;
                not_future(g.date, today)?;
                let partner = self.require::<Partner>(g.partner)?;
                if let Some(h) = g.household {
                    self.require::<Household>(h)?;
                }
                let (g, _) = self.save(g, batch)?;
                let summary = format!(
                    "goods.add #{} {} {} x{} {}",
                    g.id,
                    partner.name,
                    g.what,
                    g.quantity,
                    format_yuan(g.value_fen)
                );
                let mut records = vec![rec("goods", g.id)];
                records.extend(g.household.map(|h| rec("household", h)));
                (one(g.id), summary, records)
            }
            OutreachCommand::AddDuty(mut d) => {
                new_only("duty", d.id)?;
                if !d.done.is_empty() {
                    return Err(Error::invalid(
                        "done",
                        crate::reason::Reason::NewDutyNotDone,
                    ));
                }
                check_duty(&mut d)?;
                let partner = self.require::<Partner>(d.partner)?;
                let (d, _) = self.save(d, batch)?;
                let summary = format!("duty.add #{} {} {}", d.id, partner.name, d.side);
                (
                    one(d.id),
                    summary,
                    vec![rec("duty", d.id), rec("partner", d.partner)],
                )
            }
            OutreachCommand::DutyDone { duty, date } => {
                let mut d = self.require::<Duty>(duty)?;
                not_future(date, today)?;
                mark_done(&mut d, date)?;
                batch.put(&d);
                (
                    one(duty),
                    format!("duty.done #{duty} {date}"),
                    vec![rec("duty", duty), rec("partner", d.partner)],
                )
            }
        })
    }
}
