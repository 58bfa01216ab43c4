//! Case work of issue 16: levels and hand-overs ("小事不出网格、大事不出社区"), organisations as
//! parties, and petitions as the story tells them (a paired steward, a contact log, the
//! petitioner's statement). One nested command (`Command::CaseWork`), planned here.

use serde::{Deserialize, Serialize};

use crate::cases::{CaseRule, check_escalate, check_petition, check_return};
use crate::command::{Actor, Applied, NewCase};
use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{
    Attendee, Case, ContactHow, EventKind, Id, Level, Meeting, Member, Org, Party, RecordRef,
    Resident,
};
use crate::reads::Reads;
use crate::store::{Batch, Store};
use crate::text::note;
use crate::validate;

/// Stored in the journal (bincode, entry version 5): new variants go at the end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseWorkCommand {
    /// Creates (id 0) or replaces an organisation.
    SaveOrg(Org),
    /// Opens a case with organisations of the register among its parties, in one change.
    Open { case: NewCase, orgs: Vec<Id> },
    /// Hands a case up to `to` (community or subdistrict).
    Escalate { case: Id, to: Level, reason: String },
    /// Hands a case back down one level.
    Return { case: Id, reason: String },
    /// Adds a party (an organisation, a resident, or a name as typed).
    AddParty { case: Id, party: Party },
    /// Takes a party off.
    RemoveParty { case: Id, party: Party },
    /// Pairs a steward with a petitioner (结对帮扶), or ends the pairing (`None`).
    Pair { case: Id, member: Option<Id> },
    /// A contact with the petitioner: when, who met them, how, what was said.
    Contact {
        case: Id,
        on: Date,
        who: String,
        how: ContactHow,
        note: String,
    },
    /// The petitioner's statement that the matter is settled, made on `on`.
    Statement { case: Id, on: Date, text: String },
    /// Adds an attendee chosen from the register (or a name as typed, a guest) to a meeting.
    Attend { meeting: Id, party: Party },
    /// The day a petitioner first petitioned, before the case was opened here.
    Since { case: Id, since: Date },
}

impl CaseWorkCommand {
    /// The case the command works on, if any.
    pub fn case(&self) -> Option<Id> {
        match self {
            CaseWorkCommand::Escalate { case, .. }
            | CaseWorkCommand::Return { case, .. }
            | CaseWorkCommand::AddParty { case, .. }
            | CaseWorkCommand::RemoveParty { case, .. }
            | CaseWorkCommand::Pair { case, .. }
            | CaseWorkCommand::Contact { case, .. }
            | CaseWorkCommand::Statement { case, .. }
            | CaseWorkCommand::Since { case, .. } => Some(*case),
            CaseWorkCommand::SaveOrg(_)
            | CaseWorkCommand::Open { .. }
            | CaseWorkCommand::Attend { .. } => None,
        }
    }

    /// The date a person gave with the command, which may not be after today.
    pub fn dated(&self) -> Option<Date> {
        match self {
            CaseWorkCommand::Contact { on, .. } | CaseWorkCommand::Statement { on, .. } => {
                Some(*on)
            }
            CaseWorkCommand::Since { since, .. } => Some(*since),
            _ => None,
        }
    }
}

/// A party's name as the case detail shows it (an organisation's or a resident's, else the
/// text); `None` when the record is gone.
pub fn party_name(store: &(impl Reads + ?Sized), party: &Party) -> Result<Option<String>> {
    Ok(match party {
        Party::Org(id) => store.get::<Org>(*id)?.map(|o| o.name),
        Party::Resident(id) => store.get::<Resident>(*id)?.map(|r| r.name),
        Party::Text(t) => Some(t.clone()),
    })
}

/// An attendee's name as a meeting shows it (a resident's, an organisation's or a member's,
/// else the guest's); `None` when the record is gone.
pub fn attendee_name(store: &(impl Reads + ?Sized), a: &Attendee) -> Result<Option<String>> {
    Ok(match a {
        Attendee::Resident(id) => store.get::<Resident>(*id)?.map(|r| r.name),
        Attendee::Org(id) => store.get::<Org>(*id)?.map(|o| o.name),
        Attendee::Member(id) => store.get::<Member>(*id)?.map(|m| m.name),
        Attendee::Guest(n) => Some(n.clone()),
    })
}

/// A meeting's attendee whose record exists (a guest is a name, checked with the meeting).
pub(crate) fn check_attendee(store: &(impl Reads + ?Sized), a: &Attendee) -> Result<()> {
    match a {
        Attendee::Resident(id) => store.require::<Resident>(*id).map(drop),
        Attendee::Org(id) => store.require::<Org>(*id).map(drop),
        Attendee::Member(id) => store.require::<Member>(*id).map(drop),
        Attendee::Guest(_) => Ok(()),
    }
}

/// A case's party as a meeting's attendee (`org attend`): a name as typed is a guest.
pub fn party_attendee(party: Party) -> Attendee {
    match party {
        Party::Org(id) => Attendee::Org(id),
        Party::Resident(id) => Attendee::Resident(id),
        Party::Text(name) => Attendee::Guest(name),
    }
}

fn r(kind: &str, id: Id) -> RecordRef {
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

type Planned = (Applied, String, Vec<RecordRef>);

impl Store {
    pub(crate) fn plan_casework(
        &self,
        command: CaseWorkCommand,
        actor: &Actor,
        batch: &mut Batch,
    ) -> Result<Planned> {
        match command {
            CaseWorkCommand::SaveOrg(mut o) => {
                validate::org(&mut o)?;
                if let Some(other) = self
                    .all::<Org>()?
                    .into_iter()
                    .find(|other| other.id != o.id && other.name == o.name)
                {
                    return Err(Error::Case(crate::cases::CaseRule::OrgNameTaken {
                        name: other.name,
                        id: other.id,
                    }));
                }
                let (o, created) = self.save(o, batch)?;
                let verb = if created { "add" } else { "edit" };
                Ok((
                    one(o.id),
                    format!("org.{verb} {}", o.name),
                    vec![r("org", o.id)],
                ))
            }
            CaseWorkCommand::Open { case, mut orgs } => {
                orgs.sort_unstable();
                orgs.dedup();
                for &o in &orgs {
                    self.require::<Org>(o)?;
                }
                let mut c = self.open_case(case, actor, batch)?;
                c.orgs = orgs;
                batch.put(&c);
                Ok((
                    one(c.id),
                    format!("case.open {} {} {}", c.number(), c.kind, c.title),
                    vec![r("case", c.id)],
                ))
            }
            CaseWorkCommand::Escalate { case, to, reason } => {
                let mut c = self.require::<Case>(case)?;
                check_escalate(&c, to).map_err(Error::Case)?;
                let reason = required(&c, "reason", &reason)?;
                let from = c.level;
                push_event(&mut c, actor, EventKind::Escalated { from, to, reason });
                c.level = to;
                batch.put(&c);
                Ok(case_done(
                    &c,
                    format!("case.escalate {} {from} {to}", c.number()),
                ))
            }
            CaseWorkCommand::Return { case, reason } => {
                let mut c = self.require::<Case>(case)?;
                let to = check_return(&c).map_err(Error::Case)?;
                let reason = note("reason", &reason)?;
                let from = c.level;
                push_event(&mut c, actor, EventKind::Returned { from, to, reason });
                c.level = to;
                batch.put(&c);
                Ok(case_done(
                    &c,
                    format!("case.return {} {from} {to}", c.number()),
                ))
            }
            CaseWorkCommand::AddParty { case, party } => {
                let mut c = self.require::<Case>(case)?;
                let party = self.checked_party(party)?;
                let label = party_label(&party);
                if has_party(&c, &party) {
                    return Err(party_rule(&c, self, &party, true));
                }
                let name = party_name(self, &party)?.unwrap_or_else(|| label.clone());
                match &party {
                    Party::Org(id) => c.orgs.push(*id),
                    Party::Resident(id) => c.residents.push(*id),
                    Party::Text(t) => c.parties.push(t.clone()),
                }
                push_event(
                    &mut c,
                    actor,
                    EventKind::Party {
                        party,
                        name,
                        added: true,
                    },
                );
                batch.put(&c);
                Ok(case_done(&c, format!("case.party {} +{label}", c.number())))
            }
            CaseWorkCommand::RemoveParty { case, party } => {
                let mut c = self.require::<Case>(case)?;
                if !has_party(&c, &party) {
                    return Err(party_rule(&c, self, &party, false));
                }
                let label = party_label(&party);
                let name = party_name(self, &party)?.unwrap_or_else(|| label.clone());
                match &party {
                    Party::Org(id) => c.orgs.retain(|o| o != id),
                    Party::Resident(id) => c.residents.retain(|o| o != id),
                    Party::Text(t) => c.parties.retain(|o| o != t),
                }
                push_event(
                    &mut c,
                    actor,
                    EventKind::Party {
                        party,
                        name,
                        added: false,
                    },
                );
                batch.put(&c);
                Ok(case_done(&c, format!("case.party {} -{label}", c.number())))
            }
            CaseWorkCommand::Pair { case, member } => {
                let mut c = self.require::<Case>(case)?;
                check_petition(&c).map_err(Error::Case)?;
                let name = match member {
                    Some(m) => self.require::<Member>(m)?.name,
                    None => String::new(),
                };
                c.paired = member;
                push_event(
                    &mut c,
                    actor,
                    EventKind::Paired {
                        member,
                        name: name.clone(),
                    },
                );
                batch.put(&c);
                Ok(case_done(&c, format!("case.pair {} {name}", c.number())))
            }
            CaseWorkCommand::Contact {
                case,
                on,
                who,
                how,
                note: text,
            } => {
                let mut c = self.require::<Case>(case)?;
                before_opening(&c, on)?;
                let text = required(&c, "note", &text)?;
                let who = if who.trim().is_empty() {
                    actor.operator.clone()
                } else {
                    who
                };
                push_event(
                    &mut c,
                    actor,
                    EventKind::Contact {
                        on,
                        who,
                        how,
                        note: text,
                    },
                );
                validate::case(&mut c)?;
                batch.put(&c);
                Ok(case_done(
                    &c,
                    format!("case.contact {} {on} {how}", c.number()),
                ))
            }
            CaseWorkCommand::Statement { case, on, text } => {
                let mut c = self.require::<Case>(case)?;
                check_petition(&c).map_err(Error::Case)?;
                before_opening(&c, on)?;
                let text = required(&c, "text", &text)?;
                push_event(&mut c, actor, EventKind::Statement { on, text });
                validate::case(&mut c)?;
                batch.put(&c);
                Ok(case_done(&c, format!("case.statement {} {on}", c.number())))
            }
            CaseWorkCommand::Since { case, since } => {
                let mut c = self.require::<Case>(case)?;
                check_petition(&c).map_err(Error::Case)?;
                if since > c.opened {
                    return Err(Error::Case(CaseRule::SinceAfterOpening {
                        case: c.number(),
                        since,
                        opened: c.opened,
                    }));
                }
                c.since = Some(since);
                push_event(&mut c, actor, EventKind::Since { since });
                batch.put(&c);
                Ok(case_done(&c, format!("case.since {} {since}", c.number())))
            }
            CaseWorkCommand::Attend { meeting, party } => {
                let mut m = self.require::<Meeting>(meeting)?;
                let attendee = party_attendee(self.checked_party(party)?);
                let name = attendee_name(self, &attendee)?.unwrap_or_default();
                if m.attendees.contains(&attendee) {
                    return Err(Error::Case(CaseRule::AlreadyAttends {
                        meeting: m.id,
                        name,
                    }));
                }
                m.attendees.push(attendee);
                validate::meeting(&mut m)?;
                batch.put(&m);
                Ok((
                    one(m.id),
                    format!("meeting.attend {} {name}", m.id),
                    vec![r("meeting", m.id)],
                ))
            }
        }
    }

    /// The party with its record checked (an organisation or resident that exists, a name
    /// that is a name).
    fn checked_party(&self, party: Party) -> Result<Party> {
        Ok(match party {
            Party::Org(id) => Party::Org(self.require::<Org>(id)?.id),
            Party::Resident(id) => Party::Resident(self.require::<Resident>(id)?.id),
            Party::Text(t) => Party::Text(crate::text::name("party", &t)?),
        })
    }
}

/// A case event dated by the actor's clock, after the case's last (events stay in order).
fn push_event(c: &mut Case, actor: &Actor, kind: EventKind) {
    c.events.push(Store::case_event(actor, kind));
}

/// The text a step needs (`what`: `reason`, `note`, `text`), checked as a note.
fn required(c: &Case, what: &str, text: &str) -> Result<String> {
    let t = note(what, text)?;
    if t.is_empty() {
        return Err(Error::Case(CaseRule::NeedsText {
            case: c.number(),
            what: what.to_owned(),
        }));
    }
    Ok(t)
}

/// A contact or statement is not dated before the case was opened.
fn before_opening(c: &Case, date: Date) -> Result<()> {
    if date < c.opened {
        return Err(Error::Case(CaseRule::BeforeOpening {
            case: c.number(),
            date,
            opened: c.opened,
        }));
    }
    Ok(())
}

fn has_party(c: &Case, party: &Party) -> bool {
    match party {
        Party::Org(id) => c.orgs.contains(id),
        Party::Resident(id) => c.residents.contains(id),
        Party::Text(t) => c.parties.contains(t),
    }
}

fn party_label(party: &Party) -> String {
    match party {
        Party::Org(id) => format!("org:{id}"),
        Party::Resident(id) => format!("resident:{id}"),
        Party::Text(t) => t.clone(),
    }
}

fn party_rule(c: &Case, store: &Store, party: &Party, added: bool) -> Error {
    let name = party_name(store, party)
        .ok()
        .flatten()
        .unwrap_or_else(|| party_label(party));
    Error::Case(CaseRule::Party {
        case: c.number(),
        party: name,
        added,
    })
}

fn case_done(c: &Case, summary: String) -> Planned {
    (one(c.id), summary, vec![r("case", c.id)])
}
