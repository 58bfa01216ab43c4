//! Every change is a `Command` value. `Store::apply` checks it, plans its writes, and commits
//! them in one transaction together with an audit entry, durably, before returning.

use serde::{Deserialize, Serialize};

use crate::cases::check_status_change;
use crate::day::{Date, Now};
use crate::error::{Error, Result};
use crate::model::{
    AuditEntry, Case, CaseEvent, CaseKind, CaseStatus, CheckIn, CheckInKey, Closure, Community,
    EventKind, Grid, Household, Id, Member, Method, RecordRef, Resident, Session,
};
use crate::store::{Batch, Entity, Store};
use crate::text::{name, note};
use crate::validate;

/// Who applies a command, and when (the clock is passed in, never read here).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Actor {
    pub operator: String,
    pub now: Now,
}

/// A case as it is opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCase {
    pub kind: CaseKind,
    pub title: String,
    pub grid: Id,
    pub parties: Vec<String>,
    pub residents: Vec<Id>,
    pub opened: Date,
    pub follow_up: Option<Date>,
    pub note: String,
}

/// Stored in the journal (bincode): a change to a variant is a new journal entry version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    Configure(Community),
    /// Creates (id 0) or replaces a grid.
    SaveGrid(Grid),
    SaveMember(Member),
    SaveHousehold(Household),
    SaveResident(Resident),
    /// Records one contact attempt; its `seq` is assigned.
    CheckIn(CheckIn),
    AnnotateCheckIn {
        key: CheckInKey,
        note: String,
    },
    /// Takes back a check-in made by mistake (the roll call's undo).
    UndoCheckIn {
        key: CheckInKey,
    },
    OpenCase(NewCase),
    CaseNote {
        case: Id,
        text: String,
    },
    CaseSession {
        case: Id,
        session: Session,
    },
    CaseStatus {
        case: Id,
        to: CaseStatus,
        reason: String,
        closure: Option<Closure>,
    },
    SetFollowUp {
        case: Id,
        due: Date,
    },
    FollowUpDone {
        case: Id,
        note: String,
    },
    /// Household files, partners, pledges, the fund, visits, meetings and notices.
    Register(crate::register::RegisterCommand),
    /// Residents moved, housed or leaving, with both sides kept right (journal entry version 3).
    People(crate::people::PeopleCommand),
    /// Records a step of the escalation ladder (a check-in); when it brings the elder to the
    /// ladder's last step and no case is open for the day yet, opens `case` (prefilled by the
    /// app) with it, in the same change (journal entry version 4).
    LadderStep {
        checkin: CheckIn,
        case: NewCase,
    },
    /// Doorbell presses, each a check-in by doorbell with the outcome `ok`; a press already
    /// recorded (the same elder, day and minute by doorbell) is skipped (journal entry
    /// version 4). `Applied::records` names the elder of each press recorded.
    Doorbell(Vec<crate::doorbell::Press>),
    /// Volunteer teams, services, service plans and support records (issue 16 points 1–2;
    /// journal entry version 5).
    Care(crate::care::CareCommand),
    /// Levels and hand-overs, organisations as parties, petitions (issue 16; journal entry
    /// version 5).
    CaseWork(crate::casework::CaseWorkCommand),
    /// Partners' activities, goods and agreement duties (issue 16 point 3; journal entry
    /// version 5).
    Outreach(crate::outreach::OutreachCommand),
}

/// What a command did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    /// The id of the main record created or changed (0 for a check-in).
    pub id: Id,
    pub checkin: Option<CheckInKey>,
    /// Every record the command created or changed, as its audit entry names them.
    pub records: Vec<RecordRef>,
    /// Its audit line (`checkin 王秀英 2026-11-30 09:40 ok`).
    pub summary: String,
}

impl Store {
    /// Applies a command to a temporary store, without a journal (tests and scratch work).
    /// A database on disk changes only through `Engine::apply`, which journals first.
    pub fn apply(&self, command: Command, actor: &Actor) -> Result<Applied> {
        self.require_temporary()?;
        let _guard = self.write_guard();
        self.admit(&command, actor.now)?;
        let (batch, applied) = self.prepare(command, actor)?;
        self.commit(&batch, true)?;
        Ok(applied)
    }

    /// Rules a new command must pass that older releases did not have (a grid code or a
    /// partner's name and kind already taken, a mark on a day not yet come: `dates::admit`
    /// on the applier's clock). They are checked here, before a command is
    /// journalled, and not in `prepare`, which replay also runs: a journal written by an older
    /// release may hold two grids `g1` and `G1`, and it must still replay.
    pub(crate) fn admit(&self, command: &Command, now: Now) -> Result<()> {
        crate::dates::admit(command, now)?;
        match command {
            Command::SaveGrid(g) => {
                let mut g = g.clone();
                validate::grid(&mut g)?;
                if let Some(other) = self
                    .all::<Grid>()?
                    .into_iter()
                    .find(|o| o.id != g.id && o.code.eq_ignore_ascii_case(&g.code))
                {
                    return Err(Error::invalid(
                        "code",
                        crate::reason::Reason::GridCodeTaken {
                            grid: other.name.clone(),
                            code: other.code.clone(),
                        },
                    ));
                }
            }
            Command::SaveResident(r) => self.admit_device(r)?,
            Command::People(crate::people::PeopleCommand::AddResident(r)) => {
                self.admit_device(r)?;
            }
            Command::Register(crate::register::RegisterCommand::SavePartner(p)) => {
                let mut p = p.clone();
                validate::partner(&mut p)?;
                crate::register::partners::check_unique_partner(
                    &p,
                    &self.all::<crate::model::Partner>()?,
                )?;
            }
            Command::Care(c) => self.admit_care(c, now)?,
            _ => {}
        }
        Ok(())
    }

    /// Plans a command and its audit entry into one batch, checking it against the store.
    /// The caller (the engine) holds the write lock, journals the command, then commits.
    pub(crate) fn prepare(&self, command: Command, actor: &Actor) -> Result<(Batch, Applied)> {
        let mut batch = Batch::default();
        let (mut applied, summary, records) = self.plan(command, actor, &mut batch)?;
        self.keep_indexes(&mut batch)?;
        applied.records.clone_from(&records);
        applied.summary.clone_from(&summary);
        let mut entry = AuditEntry {
            id: 0,
            at: actor.now.unix,
            operator: actor.operator.clone(),
            command: summary,
            records,
        };
        entry.id = self.next_id::<AuditEntry>(&mut batch)?;
        batch.put(&entry);
        Ok((batch, applied))
    }

    pub(crate) fn save<T: Entity>(&self, mut value: T, batch: &mut Batch) -> Result<(T, bool)> {
        let created = value.id() == 0;
        if created {
            value.set_id(self.next_id::<T>(batch)?);
        } else if !self.exists::<T>(value.id())? {
            return Err(Error::NotFound {
                kind: T::KIND,
                id: value.id(),
            });
        }
        batch.put(&value);
        Ok((value, created))
    }

    fn event(actor: &Actor, kind: EventKind) -> CaseEvent {
        CaseEvent {
            date: actor.now.date,
            time: actor.now.time,
            by: actor.operator.clone(),
            kind,
        }
    }

    fn plan(
        &self,
        command: Command,
        actor: &Actor,
        batch: &mut Batch,
    ) -> Result<(Applied, String, Vec<RecordRef>)> {
        let r = |kind: &str, id: Id| RecordRef {
            kind: kind.to_owned(),
            id,
        };
        let one = |id: Id| Applied {
            id,
            ..Applied::default()
        };
        Ok(match command {
            Command::Configure(mut c) => {
                validate::community(&mut c)?;
                batch.set_community(&c);
                (one(0), format!("configure {}", c.name), vec![])
            }
            Command::SaveGrid(mut g) => {
                validate::grid(&mut g)?;
                for &m in &g.stewards {
                    self.require::<Member>(m)?;
                }
                let (g, created) = self.save(g, batch)?;
                (
                    one(g.id),
                    verb("grid", created, &g.code),
                    vec![r("grid", g.id)],
                )
            }
            Command::SaveMember(mut m) => {
                validate::member(&mut m)?;
                if let Some(g) = m.grid {
                    self.require::<Grid>(g)?;
                }
                let (m, created) = self.save(m, batch)?;
                (
                    one(m.id),
                    verb("member", created, &m.name),
                    vec![r("member", m.id)],
                )
            }
            Command::SaveHousehold(mut h) => {
                // The file moves only by register commands (forward steps, reopen with a
                // reason); editing a household keeps the file it has.
                if let Some(stored) = self.get::<Household>(h.id)? {
                    h.file = stored.file;
                }
                validate::household(&mut h)?;
                self.require::<Grid>(h.grid)?;
                for &p in &h.members {
                    self.require::<Resident>(p)?;
                }
                let (h, created) = self.save(h, batch)?;
                (
                    one(h.id),
                    verb("household", created, &h.address.short()),
                    vec![r("household", h.id)],
                )
            }
            Command::SaveResident(mut p) => {
                validate::resident_on(&mut p, actor.now.date)?;
                self.require::<Grid>(p.grid)?;
                if let Some(h) = p.household {
                    self.require::<Household>(h)?;
                }
                for &m in p.care.iter().flat_map(|c| &c.callers) {
                    self.require::<Member>(m)?;
                }
                self.not_in_support(&p)?;
                let (p, created) = self.save(p, batch)?;
                (
                    one(p.id),
                    verb("resident", created, &p.name),
                    vec![r("resident", p.id)],
                )
            }
            Command::CheckIn(c) => {
                let (c, elder) = self.prepare_checkin(c)?;
                self.put_checkin(batch, &c)?;
                checkin_applied(&c, &elder)
            }
            Command::LadderStep { checkin, case } => {
                self.plan_ladder_step(checkin, case, actor, batch)?
            }
            Command::AnnotateCheckIn { key, note: text } => {
                let mut c = self.checkin(&key)?;
                c.note = note("note", &text)?;
                self.put_checkin(batch, &c)?;
                (
                    Applied {
                        checkin: Some(key),
                        ..Applied::default()
                    },
                    format!("checkin.note {} {}#{}", key.elder, key.date, key.seq),
                    vec![r("resident", key.elder)],
                )
            }
            Command::UndoCheckIn { key } => {
                let c = self.checkin(&key)?;
                self.delete_checkin(batch, &key)?;
                let mut records = vec![r("resident", key.elder)];
                if let Some(case) = c.case {
                    // The step that opened a case is taken back with it, unless work has begun.
                    records.extend(self.close_ladder_case(case, actor, batch)?);
                }
                (
                    Applied {
                        checkin: Some(key),
                        ..Applied::default()
                    },
                    format!(
                        "checkin.undo {} {}#{} {}",
                        key.elder, key.date, key.seq, c.outcome
                    ),
                    records,
                )
            }
            Command::OpenCase(new) => {
                let case = self.open_case(new, actor, batch)?;
                (
                    one(case.id),
                    format!("case.open {} {} {}", case.number(), case.kind, case.title),
                    vec![r("case", case.id)],
                )
            }
            Command::CaseNote { case, text } => {
                let mut c = self.require::<Case>(case)?;
                let text = note("note", &text)?;
                if text.is_empty() {
                    return Err(Error::invalid("note", crate::reason::Reason::Empty));
                }
                c.events.push(Self::event(actor, EventKind::Note { text }));
                batch.put(&c);
                (
                    one(case),
                    format!("case.note {}", c.number()),
                    vec![r("case", case)],
                )
            }
            Command::CaseSession { case, mut session } => {
                let mut c = self.require::<Case>(case)?;
                validate::session(&mut session)?;
                if c.status == CaseStatus::Closed {
                    return Err(Error::transition(
                        c.status,
                        "session",
                        crate::reason::Move::CaseClosedReopenFirst,
                    ));
                }
                let n = c.sessions().count() + 1;
                c.events
                    .push(Self::event(actor, EventKind::Session(session)));
                if c.status == CaseStatus::Open {
                    c.events.push(Self::event(
                        actor,
                        EventKind::Status {
                            from: CaseStatus::Open,
                            to: CaseStatus::Mediating,
                            reason: crate::stored_text::mediation_session(n),
                            closure: None,
                        },
                    ));
                    c.status = CaseStatus::Mediating;
                }
                batch.put(&c);
                (
                    one(case),
                    format!("case.session {} #{n}", c.number()),
                    vec![r("case", case)],
                )
            }
            Command::CaseStatus {
                case,
                to,
                reason,
                closure,
            } => {
                let mut c = self.require::<Case>(case)?;
                let reason = note("reason", &reason)?;
                let closure = check_status_change(&c, to, &reason, closure)?;
                c.events.push(Self::event(
                    actor,
                    EventKind::Status {
                        from: c.status,
                        to,
                        reason,
                        closure,
                    },
                ));
                c.status = to;
                if to == CaseStatus::Closed {
                    c.next_follow_up = None;
                }
                batch.put(&c);
                (
                    one(case),
                    format!("case.status {} {to}", c.number()),
                    vec![r("case", case)],
                )
            }
            Command::SetFollowUp { case, due } => {
                let mut c = self.require::<Case>(case)?;
                if c.status == CaseStatus::Closed {
                    return Err(Error::transition(
                        c.status,
                        "follow-up",
                        crate::reason::Move::CaseClosed,
                    ));
                }
                c.next_follow_up = Some(due);
                c.events
                    .push(Self::event(actor, EventKind::FollowUpSet { due }));
                batch.put(&c);
                (
                    one(case),
                    format!("case.follow_up {} {due}", c.number()),
                    vec![r("case", case)],
                )
            }
            Command::FollowUpDone { case, note: text } => {
                let mut c = self.require::<Case>(case)?;
                if c.next_follow_up.is_none() {
                    return Err(Error::invalid(
                        "follow_up",
                        crate::reason::Reason::NoFollowUpDue { case: c.number() },
                    ));
                }
                let text = note("note", &text)?;
                c.next_follow_up = None;
                c.events
                    .push(Self::event(actor, EventKind::FollowUpDone { note: text }));
                batch.put(&c);
                (
                    one(case),
                    format!("case.follow_up_done {}", c.number()),
                    vec![r("case", case)],
                )
            }
            Command::Register(c) => self.plan_register(c, actor, batch)?,
            Command::People(c) => self.plan_people(c, actor, batch)?,
            Command::Doorbell(presses) => self.plan_doorbell(presses, actor, batch)?,
            Command::Care(c) => self.plan_care(c, batch)?,
            Command::CaseWork(c) => self.plan_casework(c, actor, batch)?,
            Command::Outreach(c) => self.plan_outreach(c, actor, batch)?,
        })
    }

    /// Checks a new check-in and numbers it within its day (not yet written).
    pub(crate) fn prepare_checkin(&self, mut c: CheckIn) -> Result<(CheckIn, Resident)> {
        validate::checkin(&mut c)?;
        // Only a ladder step opening its case sets this, after these checks.
        c.case = None;
        let elder = self.require::<Resident>(c.elder)?;
        if elder.care.is_none() {
            return Err(Error::invalid(
                "elder",
                crate::reason::Reason::NoCarePlan {
                    name: elder.name.clone(),
                },
            ));
        }
        if let Some(left) = elder.left.as_ref().filter(|l| c.date >= l.date) {
            return Err(Error::invalid(
                "elder",
                crate::reason::Reason::HasLeft {
                    name: elder.name.clone(),
                    date: left.date.to_string(),
                    why: left.reason.to_string(),
                },
            ));
        }
        match (c.method, c.contact) {
            (Method::Contact, Some(i)) if (1..=elder.contacts.len()).contains(&usize::from(i)) => {}
            (Method::Contact, Some(i)) => {
                return Err(Error::invalid(
                    "contact",
                    crate::reason::Reason::NoSuchContact {
                        name: elder.name.clone(),
                        count: elder.contacts.len(),
                        index: usize::from(i),
                    },
                ));
            }
            (Method::Contact, None) => {
                return Err(Error::invalid(
                    "contact",
                    crate::reason::Reason::ContactIndexNeeded,
                ));
            }
            (_, Some(_)) => {
                return Err(Error::invalid(
                    "contact",
                    crate::reason::Reason::ContactOnlyByContact,
                ));
            }
            (_, None) => {}
        }
        let today = self.checkins_of_on(c.elder, c.date)?;
        // Checked: an imported day may already hold the last number, and a wrapped
        // number would overwrite the day's first attempt.
        c.seq = match today.last() {
            None => 0,
            Some(l) => l.seq.checked_add(1).ok_or_else(|| {
                Error::invalid(
                    "seq",
                    crate::reason::Reason::NoAttemptsLeft {
                        name: elder.name.clone(),
                        date: c.date.to_string(),
                    },
                )
            })?,
        };
        Ok((c, elder))
    }

    /// Opens a case (not yet written: put into `batch`).
    pub(crate) fn open_case(&self, new: NewCase, actor: &Actor, batch: &mut Batch) -> Result<Case> {
        let mut case = Case {
            id: 0,
            kind: new.kind,
            title: new.title,
            grid: new.grid,
            parties: new.parties,
            residents: new.residents,
            opened: new.opened,
            status: CaseStatus::Open,
            next_follow_up: new.follow_up,
            events: Vec::new(),
            // Every case starts in its grid (issue 16).
            level: crate::model::Level::Grid,
            orgs: Vec::new(),
            paired: None,
            since: None,
        };
        let text = note("note", &new.note)?;
        if !text.is_empty() {
            case.events
                .push(Self::event(actor, EventKind::Note { text }));
        }
        if let Some(due) = new.follow_up {
            case.events
                .push(Self::event(actor, EventKind::FollowUpSet { due }));
        }
        validate::case(&mut case)?;
        self.require::<Grid>(case.grid)?;
        for &p in &case.residents {
            self.require::<Resident>(p)?;
        }
        Ok(self.save(case, batch)?.0)
    }

    pub(crate) fn case_event(actor: &Actor, kind: EventKind) -> CaseEvent {
        Self::event(actor, kind)
    }

    fn checkin(&self, key: &CheckInKey) -> Result<CheckIn> {
        self.checkins_of_on(key.elder, key.date)?
            .into_iter()
            .find(|c| c.seq == key.seq)
            .ok_or_else(|| {
                Error::invalid(
                    "checkin",
                    crate::reason::Reason::NoSuchCheckin {
                        elder: key.elder,
                        seq: key.seq,
                        date: key.date.to_string(),
                    },
                )
            })
    }
}

/// What a check-in did, for `plan`.
pub(crate) fn checkin_applied(c: &CheckIn, elder: &Resident) -> (Applied, String, Vec<RecordRef>) {
    (
        Applied {
            checkin: Some(c.key()),
            ..Applied::default()
        },
        format!("checkin {} {} {} {}", elder.name, c.date, c.time, c.outcome),
        vec![RecordRef {
            kind: "resident".to_owned(),
            id: c.elder,
        }],
    )
}

fn verb(kind: &str, created: bool, label: &str) -> String {
    let label = name("label", label).unwrap_or_default();
    format!("{kind}.{} {label}", if created { "add" } else { "edit" })
}
