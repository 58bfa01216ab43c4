//! Checks and normalises records before they are stored, whether typed by a person, sent by a
//! command or read from an import file. Each fault is one sentence naming the field.

use crate::day::Date;
use crate::error::{Error, Result};
use crate::model::{
    Address, AuditEntry, Case, CaseEvent, CheckIn, Community, EventKind, FundEntry, Grid,
    Household, Meeting, Member, Partner, Pledge, PledgeWhat, Resident, Session, Visit,
};
use crate::record::Record;
use crate::text::{NAME_MAX, id_birth, id_number, name, note, phone, verbatim};

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
        Record::Org(o) => org(o),
        Record::Case(c) => case(c),
        Record::Meeting(m) => meeting(m),
        Record::Visit(v) => visit(v),
        Record::Notice(n) => crate::register::validate_notice(n),
        Record::Cadence(c) => c.validate(),
        Record::Campaign(c) => c.validate(),
        Record::Team(_) | Record::Service(_) | Record::ServicePlan(_) | Record::Support(_) => {
            crate::care::check_record(r)
        }
        Record::Activity(a) => crate::outreach::check_activity(a),
        Record::Goods(g) => crate::outreach::check_goods(g),
        Record::Duty(d) => {
            d.done.sort_unstable();
            d.done.dedup();
            crate::outreach::check_duty(d)
        }
        Record::Checkin(c) => checkin(c),
        Record::Audit(a) => audit(a),
    }
}

/// The longest audit summary: a command's name and main arguments, of which the longest is a
/// reason or note (at most `NOTE_MAX` characters) with a title.
pub const AUDIT_COMMAND_MAX: usize = 4096;
/// The most records one audit entry names (a notice names each of its households); far more
/// than any command touches, far less than the store's size limit for one value.
pub const AUDIT_RECORDS_MAX: usize = 10_000;

/// An audit entry read from an import file (the store makes its own). Checked like other text,
/// but never changed: a restored backup keeps its history exactly.
pub fn audit(a: &AuditEntry) -> Result<()> {
    verbatim("operator", &a.operator, NAME_MAX, false)?;
    verbatim("command", &a.command, AUDIT_COMMAND_MAX, true)?;
    if a.records.len() > AUDIT_RECORDS_MAX {
        return Err(Error::invalid(
            "records",
            crate::reason::Reason::TooManyRecords {
                max: AUDIT_RECORDS_MAX,
            },
        ));
    }
    for r in &a.records {
        verbatim("records.kind", &r.kind, NAME_MAX, false)?;
    }
    Ok(())
}

/// `record`, with the checks that need today's date.
pub fn record_on(r: &mut Record, today: Date) -> Result<()> {
    match r {
        Record::Resident(p) => resident_on(p, today),
        other => record(other),
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
            crate::reason::Reason::UtcOffsetRange,
        ));
    }
    if c.retries == 0 {
        return Err(Error::invalid("retries", crate::reason::Reason::AtLeastOne));
    }
    for (i, level) in c.ladder.levels.iter().enumerate() {
        if let Err(field) = crate::ladder::check_level(level) {
            return Err(Error::invalid(
                field,
                crate::reason::Reason::LadderLevel {
                    level: i + 1,
                    max_tries: crate::model::Ladder::MAX_RETRIES,
                    max_minutes: crate::model::Ladder::MAX_MINUTES,
                },
            ));
        }
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
        return Err(Error::invalid("roles", crate::reason::Reason::NoRole));
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
        return Err(Error::invalid("address", crate::reason::Reason::Empty));
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
        return Err(Error::invalid(
            "file",
            crate::reason::Reason::StepsOutOfOrder,
        ));
    }
    Ok(())
}

/// Everything about a resident that can be checked without a clock; `resident_on` adds the
/// checks against today.
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
    // One person, one birthday: a mismatch means one of the two was typed wrong.
    if let (Some(id), Some(birth)) = (&p.id_number, p.birth)
        && id_birth(id) != Some(birth)
    {
        return Err(Error::invalid(
            "id_number",
            crate::reason::Reason::IdNumberBirthDiffers,
        ));
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
                crate::reason::Reason::ContactNeedsPhone,
            ));
        }
    }
    p.categories.sort();
    p.categories.dedup();
    if let Some(care) = &mut p.care {
        crate::doorbell::check_device_field(&mut care.doorbell_device)?;
    }
    if let Some(left) = &mut p.left {
        set(&mut left.note, |t| note("left.note", t))?;
        // Off the roll from the day they left, whatever the plan said: the roll call and the
        // summary read only the plan.
        if let Some(care) = &mut p.care {
            let last = left.date.add_days(-1);
            if care.active_to.is_none_or(|to| to > last) {
                care.active_to = Some(last);
            }
        }
    }
    if let Some(care) = &mut p.care {
        if !(1..=3).contains(&care.level) {
            return Err(Error::invalid(
                "care.level",
                crate::reason::Reason::CareLevel,
            ));
        }
        // Ending the day before it began is a plan that never ran (an elder who left on the
        // plan's first day); earlier than that is a typing error.
        if care
            .active_to
            .is_some_and(|to| to < care.active_from.add_days(-1))
        {
            return Err(Error::invalid(
                "care.active_to",
                crate::reason::Reason::ActiveToBeforeFrom,
            ));
        }
        care.callers.dedup();
    }
    Ok(())
}

/// `resident`, and nobody is born after `today`, by the birth date or by the one inside the ID
/// number.
pub fn resident_on(p: &mut Resident, today: Date) -> Result<()> {
    resident(p)?;
    if p.birth.is_some_and(|b| b > today) {
        return Err(Error::invalid("birth", crate::reason::Reason::InFuture));
    }
    if p.id_number
        .as_deref()
        .and_then(id_birth)
        .is_some_and(|b| b > today)
    {
        return Err(Error::invalid(
            "id_number",
            crate::reason::Reason::IdNumberBirthInFuture,
        ));
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
    set(&mut p.note, |t| note("note", t))?;
    match &mut p.what {
        PledgeWhat::Item { description } => set(description, |t| name("what.description", t))?,
        PledgeWhat::Money {
            amount_fen, until, ..
        } => {
            if *amount_fen <= 0 {
                return Err(Error::invalid(
                    "what.amount_fen",
                    crate::reason::Reason::NotPositive,
                ));
            }
            if *until < p.made {
                return Err(Error::invalid(
                    "what.until",
                    crate::reason::Reason::BeforePledge,
                ));
            }
        }
    }
    for d in &mut p.deliveries {
        if d.amount_fen < 0 {
            return Err(Error::invalid(
                "deliveries.amount_fen",
                crate::reason::Reason::Negative,
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
            crate::reason::Reason::NotPositiveDirection,
        ));
    }
    set(&mut f.note, |t| note("note", t))
}

pub fn session(s: &mut Session) -> Result<()> {
    if s.participants.is_empty() {
        return Err(Error::invalid(
            "participants",
            crate::reason::Reason::NeedsParticipants,
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
                return Err(Error::invalid("note", crate::reason::Reason::Empty));
            }
            Ok(())
        }
        EventKind::Session(s) => session(s),
        EventKind::Status { reason, .. } => set(reason, |t| note("reason", t)),
        EventKind::FollowUpSet { .. } | EventKind::Since { .. } => Ok(()),
        EventKind::FollowUpDone { note: n } => set(n, |t| note("note", t)),
        EventKind::Escalated { reason, .. } | EventKind::Returned { reason, .. } => {
            set(reason, |t| note("reason", t))
        }
        EventKind::Contact { who, note: n, .. } => {
            set(who, |t| name("who", t))?;
            set(n, |t| note("note", t))?;
            if n.is_empty() {
                return Err(Error::invalid("note", crate::reason::Reason::Empty));
            }
            Ok(())
        }
        EventKind::Statement { text, .. } => {
            set(text, |t| note("text", t))?;
            if text.is_empty() {
                return Err(Error::invalid("text", crate::reason::Reason::Empty));
            }
            Ok(())
        }
        EventKind::Paired { name: n, .. } => {
            if n.is_empty() {
                Ok(())
            } else {
                set(n, |t| name("name", t))
            }
        }
        EventKind::Party { party, name: n, .. } => {
            set(n, |t| name("party", t))?;
            match party {
                crate::model::Party::Text(t) => set(t, |t| name("party", t)),
                _ => Ok(()),
            }
        }
    }
}

/// An organisation: its name, its contacts (a name each; a phone when given) and a note.
pub fn org(o: &mut crate::model::Org) -> Result<()> {
    set(&mut o.name, |t| name("name", t))?;
    set(&mut o.note, |t| note("note", t))?;
    for c in &mut o.contacts {
        set(&mut c.name, |t| name("contacts.name", t))?;
        if !c.phone.trim().is_empty() {
            set(&mut c.phone, |t| phone("contacts.phone", t))?;
        }
    }
    Ok(())
}

pub fn case(c: &mut Case) -> Result<()> {
    set(&mut c.title, |t| name("title", t))?;
    names("parties", &mut c.parties)?;
    c.orgs.sort_unstable();
    c.orgs.dedup();
    // A case stored by status alone as escalated (format 1, or a file written before levels)
    // is held above its grid.
    if c.status == crate::model::CaseStatus::Escalated && c.level == crate::model::Level::Grid {
        c.level = crate::model::Level::Community;
    }
    for e in &mut c.events {
        event(e)?;
    }
    if c.events.windows(2).any(|w| w[1].date < w[0].date) {
        return Err(Error::invalid(
            "events",
            crate::reason::Reason::EventsOutOfOrder,
        ));
    }
    Ok(())
}

pub fn meeting(m: &mut Meeting) -> Result<()> {
    set(&mut m.title, |t| name("title", t))?;
    for a in &mut m.attendees {
        if let crate::model::Attendee::Guest(n) = a {
            set(n, |t| name("attendees", t))?;
        }
    }
    // Someone named twice attended once.
    let mut seen = std::collections::HashSet::new();
    m.attendees.retain(|a| seen.insert(a.clone()));
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
        return Err(Error::invalid(
            "away_until",
            crate::reason::Reason::AwayBeforeDay,
        ));
    }
    if c.away_until.is_some() && c.outcome != crate::model::Outcome::Away {
        return Err(Error::invalid(
            "away_until",
            crate::reason::Reason::AwayOnlyWithAway,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::id_check_char;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// A resident born on `birth` (if any) holding an ID number with `id_birth` inside it.
    fn resident_with(birth: Option<&str>, id_birth: &str) -> Resident {
        let first17 = format!("110105{}002", id_birth.replace('-', ""));
        let id = format!("{first17}{}", id_check_char(&first17).unwrap());
        let mut p: Resident = serde_json::from_str(r#"{"name":"石秋云","grid":1}"#).unwrap();
        p.birth = birth.map(day);
        p.id_number = Some(id);
        p
    }

    fn refused_field(result: Result<()>) -> String {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn an_id_number_must_agree_with_the_birth_date() {
        resident(&mut resident_with(Some("1949-12-31"), "1949-12-31")).unwrap();
        // Without a birth date there is nothing to disagree with.
        resident(&mut resident_with(None, "1949-12-31")).unwrap();
        for other in ["1949-12-30", "1950-12-31", "1949-11-30"] {
            let mut p = resident_with(Some(other), "1949-12-31");
            assert_eq!(refused_field(resident(&mut p)), "id_number", "{other}");
        }
    }

    #[test]
    fn nobody_is_born_after_today() {
        let today = day("2026-11-30");
        resident_on(&mut resident_with(Some("2026-11-30"), "2026-11-30"), today).unwrap();
        let mut p = resident_with(None, "2026-12-01");
        assert_eq!(refused_field(resident_on(&mut p, today)), "id_number");
        let mut p = resident_with(Some("2027-01-01"), "2027-01-01");
        assert_eq!(refused_field(resident_on(&mut p, today)), "birth");
        // A birth date in the future is refused even without an ID number.
        let mut p = resident_with(Some("2026-12-01"), "1949-12-31");
        p.id_number = None;
        assert_eq!(refused_field(resident_on(&mut p, today)), "birth");
        // The clock-free check cannot know; the import passes today in through `record_on`.
        resident(&mut resident_with(None, "2026-12-01")).unwrap();
        let mut r = Record::Resident(resident_with(None, "2026-12-01"));
        assert_eq!(refused_field(record_on(&mut r, today)), "id_number");
    }
}
