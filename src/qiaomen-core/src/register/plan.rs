//! Planning register commands: checks against the stored records, then the writes of one
//! transaction (see `Store::apply`).

use super::RegisterCommand;
use super::file::{self, check_claim, check_close, check_notice_period, check_reopen, check_step};
use super::ledger::{check_no_overdraft, format_yuan};
use super::meetings::{check_meeting, mark_done};
use super::notice::{self, Notice, compose_notice, validate_notice};
use super::pledges;
use super::view::members_on;
use crate::command::{Actor, Applied};
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{
    Direction, FileStatus, FundEntry, Household, Id, Meeting, Partner, Pledge, PledgeStatus,
    RecordRef,
};
use crate::store::{Batch, Store};
use crate::text::note;
use crate::validate;

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

/// A register record dated after today (an agreement, a pledge, a fund entry, a visit) is
/// refused by the date rule, worded by the app like a mark on a future day.
pub(crate) fn not_future(day: Date, today: Date) -> Result<()> {
    if day > today {
        return Err(Error::Date(crate::dates::DateRule::RecordOnFutureDay {
            date: day,
            today,
        }));
    }
    Ok(())
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

impl Store {
    pub(crate) fn plan_register(
        &self,
        cmd: RegisterCommand,
        actor: &Actor,
        batch: &mut Batch,
    ) -> Result<(Applied, String, Vec<RecordRef>)> {
        let today = actor.now.date;
        Ok(match cmd {
            RegisterCommand::FileStep {
                household,
                to,
                note: text,
            } => {
                let mut h = self.require::<Household>(household)?;
                let text = note("note", &text)?;
                check_step(&h, to, today)?;
                match to {
                    FileStatus::Published => {
                        check_notice_period(&h, &self.all::<Notice>()?, today)?;
                    }
                    FileStatus::Closed => check_close(&h, &self.all::<Pledge>()?)?,
                    _ => {}
                }
                h.file.push(file::step(actor, to, text));
                batch.put(&h);
                let summary = format!("household.step {household} {to}");
                (one(household), summary, vec![rec("household", household)])
            }
            RegisterCommand::Reopen {
                household,
                to,
                reason,
            } => {
                let mut h = self.require::<Household>(household)?;
                let reason = check_reopen(&h, to, &reason, today)?;
                let from = h.file_status().unwrap_or_default();
                h.file.push(file::step(actor, to, reason));
                batch.put(&h);
                let summary = format!("household.reopen {household} {from} -> {to}");
                (one(household), summary, vec![rec("household", household)])
            }
            RegisterCommand::SavePartner(mut p) => {
                validate::partner(&mut p)?;
                if let Some(signed) = p.agreement_signed {
                    not_future(signed, today)?;
                }
                let (p, created) = self.save(p, batch)?;
                let verb = if created { "add" } else { "edit" };
                (
                    one(p.id),
                    format!("partner.{verb} {}", p.name),
                    vec![rec("partner", p.id)],
                )
            }
            RegisterCommand::Claim(mut p) => {
                new_only("pledge", p.id)?;
                if !p.deliveries.is_empty() || p.status != PledgeStatus::Active {
                    return Err(Error::invalid(
                        "pledge",
                        crate::reason::Reason::ClaimStartsActive,
                    ));
                }
                validate::pledge(&mut p)?;
                not_future(p.made, today)?;
                let partner = self.require::<Partner>(p.partner)?;
                let mut h = self.require::<Household>(p.household)?;
                check_claim(&h)?;
                let (p, _) = self.save(p, batch)?;
                let mut records = vec![rec("pledge", p.id)];
                if h.file_status() == Some(FileStatus::Published) {
                    file::check_date(&h, FileStatus::Claimed, today)?;
                    let text = crate::stored_text::pledge(p.id, &partner.name);
                    h.file.push(file::step(actor, FileStatus::Claimed, text));
                    batch.put(&h);
                    records.push(rec("household", h.id));
                }
                let summary = format!(
                    "pledge.claim #{} household {} by {}",
                    p.id, h.id, partner.name
                );
                (one(p.id), summary, records)
            }
            RegisterCommand::Deliver {
                pledge,
                mut delivery,
            } => {
                let mut p = self.require::<Pledge>(pledge)?;
                p.status = pledges::check_delivery(&p, &mut delivery, today)?;
                let reference = delivery.reference.clone();
                p.deliveries.push(delivery);
                batch.put(&p);
                let summary = format!("pledge.deliver #{pledge} {reference} ({})", p.status);
                (one(pledge), summary, vec![rec("pledge", pledge)])
            }
            RegisterCommand::EndPledge { pledge, to, reason } => {
                let mut p = self.require::<Pledge>(pledge)?;
                let reason = note("reason", &reason)?;
                if p.status != PledgeStatus::Active || to == PledgeStatus::Active {
                    return Err(Error::transition(
                        p.status,
                        to,
                        crate::reason::Move::PledgeEndsAs,
                    ));
                }
                if reason.is_empty() {
                    return Err(Error::transition(
                        p.status,
                        to,
                        crate::reason::Move::NeedsReason,
                    ));
                }
                p.status = to;
                batch.put(&p);
                let summary = format!("pledge.{to} #{pledge}: {reason}");
                (one(pledge), summary, vec![rec("pledge", pledge)])
            }
            RegisterCommand::Fund(mut e) => {
                new_only("fund entry", e.id)?;
                validate::fund(&mut e)?;
                not_future(e.date, today)?;
                if let Some(p) = e.partner {
                    self.require::<Partner>(p)?;
                }
                if let Some(h) = e.household {
                    self.require::<Household>(h)?;
                }
                if e.direction == Direction::Out {
                    check_no_overdraft(&self.all::<FundEntry>()?, &e)?;
                }
                let (e, _) = self.save(e, batch)?;
                let summary = format!(
                    "fund.{} {} #{}",
                    e.direction,
                    format_yuan(e.amount_fen),
                    e.id
                );
                (one(e.id), summary, vec![rec("fund", e.id)])
            }
            RegisterCommand::SaveVisit(mut v) => {
                if v.by.trim().is_empty() {
                    v.by.clone_from(&actor.operator);
                }
                validate::visit(&mut v)?;
                not_future(v.date, today)?;
                self.require::<Household>(v.household)?;
                let (v, created) = self.save(v, batch)?;
                let verb = if created { "add" } else { "edit" };
                let summary = format!("visit.{verb} household {} {}", v.household, v.date);
                (
                    one(v.id),
                    summary,
                    vec![rec("visit", v.id), rec("household", v.household)],
                )
            }
            RegisterCommand::SaveMeeting(mut m) => {
                validate::meeting(&mut m)?;
                check_meeting(&m)?;
                for a in &m.attendees {
                    crate::casework::check_attendee(self, a)?;
                }
                let (m, created) = self.save(m, batch)?;
                let verb = if created { "add" } else { "edit" };
                (
                    one(m.id),
                    format!("meeting.{verb} {}", m.title),
                    vec![rec("meeting", m.id)],
                )
            }
            RegisterCommand::DecisionDone { meeting, decision } => {
                let mut m = self.require::<Meeting>(meeting)?;
                mark_done(&mut m, decision, today)?;
                batch.put(&m);
                let summary = format!("meeting.decision_done #{meeting} {}", decision + 1);
                (one(meeting), summary, vec![rec("meeting", meeting)])
            }
            RegisterCommand::SetCadence(c) => crate::cadence::plan_cadence(c, batch)?,
            RegisterCommand::SaveCampaign(c) => self.plan_campaign(c, batch)?,
            RegisterCommand::PublishNotice {
                households,
                date,
                period_days,
            } => self.plan_notice(&households, date, period_days, actor, batch)?,
        })
    }

    fn plan_notice(
        &self,
        ids: &[Id],
        date: Date,
        period_days: u16,
        actor: &Actor,
        batch: &mut Batch,
    ) -> Result<(Applied, String, Vec<RecordRef>)> {
        notice::check_households(ids)?;
        let mut listed = Vec::with_capacity(ids.len());
        for &id in ids {
            let h = self.require::<Household>(id)?;
            if h.file_status() != Some(FileStatus::Reviewed) {
                return Err(Error::transition(
                    h.file_status().map_or("no-file", FileStatus::as_str),
                    FileStatus::Noticed,
                    crate::reason::Move::NotReviewed { household: id },
                ));
            }
            file::check_date(&h, FileStatus::Noticed, actor.now.date)?;
            let members = members_on(self, &h, date)?;
            listed.push((h, members));
        }
        let text = compose_notice(&self.community()?.name, &listed, date, period_days)?;
        let mut n = Notice {
            id: 0,
            date,
            households: ids.to_vec(),
            period_days,
            text,
        };
        validate_notice(&mut n)?;
        let (n, _) = self.save(n, batch)?;
        let mut records = vec![rec("notice", n.id)];
        for (mut h, _) in listed {
            h.file.push(file::step(
                actor,
                FileStatus::Noticed,
                crate::stored_text::notice(n.id),
            ));
            batch.put(&h);
            records.push(rec("household", h.id));
        }
        let summary = format!(
            "notice.publish #{} {} households from {date} for {period_days} days",
            n.id,
            ids.len()
        );
        Ok((one(n.id), summary, records))
    }
}

/// The text a notice of these households would have, without publishing it (a preview).
pub fn notice_text(
    store: &(impl crate::reads::Reads + ?Sized),
    households: &[Id],
    date: Date,
    period_days: u16,
) -> Result<String> {
    let mut listed = Vec::with_capacity(households.len());
    for &id in households {
        let h = store.require::<Household>(id)?;
        let members = members_on(store, &h, date)?;
        listed.push((h, members));
    }
    compose_notice(&store.community()?.name, &listed, date, period_days)
}
