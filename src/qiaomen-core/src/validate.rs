//! Checks and normalises records before they are stored, whether typed by a person, sent by a
//! command or read from an import file. Each fault is one sentence naming the field.

use crate::error::{Error, Result};
use crate::model::{
    Address, Case, CaseEvent, CheckIn, Community, EventKind, FundEntry, Grid, Household, Meeting,
    Member, Partner, Pledge, PledgeWhat, Resident, Session, Visit,
};
use crate::record::Record;
use crate::text::{id_number, name, note, phone};

pub fn record(r: &mut Record) -> Result<()> {
    match r {
        Record::Community(c) => community(c),
        Record::Grid(g) => grid(g),
        Record::Member(m) => member(m),
        Record::Household(h) => household(h),
        Record::Resident(p) => resident(p),
        Record::Partner(p) => partner(p),
        Record::Pledge(p) => pledge(p),
        Record::Fund(f) => fund(f),
        Record::Case(c) => case(c),
        Record::Meeting(m) => meeting(m),
        Record::Visit(v) => visit(v),
        Record::Notice(n) => crate::register::validate_notice(n),
        Record::Checkin(c) => checkin(c),
        Record::Audit(_) => Ok(()),
    }
}

fn set(slot: &mut String, check: impl FnOnce(&str) -> Result<String>) -> Result<()> {
    *slot = check(slot)?;
    Ok(())
}

fn names(field: &str, list: &mut [String]) -> Result<()> {
    for item in list.iter_mut() {
        set(item, |t| name(field, t))?;
    }
    Ok(())
}

pub fn community(c: &mut Community) -> Result<()> {
    set(&mut c.name, |t| name("community.name", t))?;
    if !(-14 * 60..=14 * 60).contains(&c.utc_offset_minutes) {
        return Err(Error::invalid(
            "utc_offset_minutes",
            "must be between -14:00 and +14:00",
        ));
    }
    if c.retries == 0 {
        return Err(Error::invalid("retries", "must be at least 1"));
    }
    Ok(())
}

pub fn grid(g: &mut Grid) -> Result<()> {
    set(&mut g.code, |t| name("code", t))?;
    set(&mut g.name, |t| name("name", t))?;
    set(&mut g.description, |t| note("description", t))
}

pub fn member(m: &mut Member) -> Result<()> {
    set(&mut m.name, |t| name("name", t))?;
    set(&mut m.phone, |t| phone("phone", t))?;
    if m.roles.is_empty() {
        return Err(Error::invalid("roles", "a member needs at least one role"));
    }
    m.roles.sort();
    m.roles.dedup();
    if let Some(login) = &mut m.login {
        *login = name("login", login)?;
    }
    Ok(())
}

pub fn address(a: &mut Address) -> Result<()> {
    for (field, slot) in [
        ("address.building", &mut a.building),
        ("address.unit", &mut a.unit),
        ("address.room", &mut a.room),
        ("address.text", &mut a.text),
    ] {
        if slot.trim().is_empty() {
            slot.clear();
        } else {
            set(slot, |t| name(field, t))?;
        }
    }
    if a.short().is_empty() {
        return Err(Error::invalid("address", "must not be empty"));
    }
    Ok(())
}

pub fn household(h: &mut Household) -> Result<()> {
    address(&mut h.address)?;
    set(&mut h.needs, |t| note("needs", t))?;
    for step in &mut h.file {
        set(&mut step.by, |t| name("file.by", t))?;
        set(&mut step.note, |t| note("file.note", t))?;
    }
    if h.file.windows(2).any(|w| w[1].date < w[0].date) {
        return Err(Error::invalid("file", "steps must be in date order"));
    }
    Ok(())
}

pub fn resident(p: &mut Resident) -> Result<()> {
    set(&mut p.name, |t| name("name", t))?;
    set(&mut p.phone, |t| phone("phone", t))?;
    set(&mut p.health, |t| note("health", t))?;
    if let Some(id) = &mut p.id_number {
        if id.trim().is_empty() {
            p.id_number = None;
        } else {
            *id = id_number(id)?;
        }
    }
    for c in &mut p.contacts {
        set(&mut c.name, |t| name("contacts.name", t))?;
        if !c.relation.trim().is_empty() {
            set(&mut c.relation, |t| name("contacts.relation", t))?;
        }
        set(&mut c.phone, |t| phone("contacts.phone", t))?;
        if c.phone.is_empty() {
            return Err(Error::invalid(
                "contacts.phone",
                "an emergency contact needs a phone number",
            ));
        }
    }
    p.categories.sort();
    p.categories.dedup();
    if let Some(care) = &mut p.care {
        if !(1..=3).contains(&care.level) {
            return Err(Error::invalid(
                "care.level",
                "must be 1 (high), 2 (key) or 3 (general)",
            ));
        }
        if care.active_to.is_some_and(|to| to < care.active_from) {
            return Err(Error::invalid("care.active_to", "is before active_from"));
        }
        care.callers.dedup();
    }
    Ok(())
}

pub fn partner(p: &mut Partner) -> Result<()> {
    set(&mut p.name, |t| name("name", t))?;
    set(&mut p.scope, |t| note("scope", t))?;
    if !p.contact.trim().is_empty() {
        set(&mut p.contact, |t| name("contact", t))?;
    }
    set(&mut p.phone, |t| phone("phone", t))
}

pub fn pledge(p: &mut Pledge) -> Result<()> {
    match &mut p.what {
        PledgeWhat::Item { description } => set(description, |t| name("what.description", t))?,
        PledgeWhat::Money {
            amount_fen, until, ..
        } => {
            if *amount_fen <= 0 {
                return Err(Error::invalid("what.amount_fen", "must be more than zero"));
            }
            if *until < p.made {
                return Err(Error::invalid(
                    "what.until",
                    "is before the pledge was made",
                ));
            }
        }
    }
    set(&mut p.need, |t| note("need", t))?;
    for d in &mut p.deliveries {
        if d.amount_fen < 0 {
            return Err(Error::invalid(
                "deliveries.amount_fen",
                "must not be negative",
            ));
        }
        set(&mut d.reference, |t| note("deliveries.reference", t))?;
        set(&mut d.note, |t| note("deliveries.note", t))?;
    }
    Ok(())
}

pub fn fund(f: &mut FundEntry) -> Result<()> {
    if f.amount_fen <= 0 {
        return Err(Error::invalid(
            "amount_fen",
            "must be more than zero (the direction says in or out)",
        ));
    }
    set(&mut f.need, |t| note("need", t))?;
    set(&mut f.note, |t| note("note", t))
}

pub fn session(s: &mut Session) -> Result<()> {
    if s.participants.is_empty() {
        return Err(Error::invalid(
            "participants",
            "a mediation session needs participants",
        ));
    }
    names("participants", &mut s.participants)?;
    set(&mut s.outcome, |t| note("outcome", t))
}

pub fn event(e: &mut CaseEvent) -> Result<()> {
    set(&mut e.by, |t| name("by", t))?;
    match &mut e.kind {
        EventKind::Note { text } => {
            set(text, |t| note("note", t))?;
            if text.is_empty() {
                return Err(Error::invalid("note", "must not be empty"));
            }
            Ok(())
        }
        EventKind::Session(s) => session(s),
        EventKind::Status { reason, .. } => set(reason, |t| note("reason", t)),
        EventKind::FollowUpSet { .. } => Ok(()),
        EventKind::FollowUpDone { note: n } => set(n, |t| note("note", t)),
    }
}

pub fn case(c: &mut Case) -> Result<()> {
    set(&mut c.title, |t| name("title", t))?;
    names("parties", &mut c.parties)?;
    for e in &mut c.events {
        event(e)?;
    }
    if c.events.windows(2).any(|w| w[1].date < w[0].date) {
        return Err(Error::invalid("events", "must be in date order"));
    }
    Ok(())
}

pub fn meeting(m: &mut Meeting) -> Result<()> {
    set(&mut m.title, |t| name("title", t))?;
    names("attendees", &mut m.attendees)?;
    for t in &mut m.topics {
        set(t, |t| note("topics", t))?;
    }
    for d in &mut m.decisions {
        set(&mut d.text, |t| note("decisions.text", t))?;
        set(&mut d.owner, |t| name("decisions.owner", t))?;
    }
    Ok(())
}

pub fn visit(v: &mut Visit) -> Result<()> {
    set(&mut v.by, |t| name("by", t))?;
    set(&mut v.findings, |t| note("findings", t))
}

pub fn checkin(c: &mut CheckIn) -> Result<()> {
    set(&mut c.by, |t| name("by", t))?;
    set(&mut c.note, |t| note("note", t))?;
    if c.away_until.is_some_and(|d| d < c.date) {
        return Err(Error::invalid("away_until", "is before the check-in's day"));
    }
    if c.away_until.is_some() && c.outcome != crate::model::Outcome::Away {
        return Err(Error::invalid(
            "away_until",
            "only goes with the outcome away",
        ));
    }
    Ok(())
}
