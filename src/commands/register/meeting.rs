//! `qiaomen meeting list|show|add|done`: joint meetings (党建联席会议) and consultations
//! (协商议事), and their decisions followed until done.

use qiaomen_core::Reads;
use std::fmt::Write as _;

use qiaomen_core::casework::attendee_name;
use qiaomen_core::lookup;
use qiaomen_core::model::{Attendee, Decision, Meeting, MeetingKind};
use qiaomen_core::register::{OpenDecision, RegisterCommand, open_decisions};
use qiaomen_core::{Command, Date};

use super::{clean_lines, json};
use crate::backend::Backend;
use crate::cli::MeetingCmd;
use crate::context::Context;
use crate::error::{AppError, arg};
use crate::i18n::{self, Lang, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &MeetingCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    let today = ctx.now()?.date;
    match cmd {
        MeetingCmd::List {
            open,
            json: as_json,
        } if *open => {
            let open = open_decisions(&*ctx.backend, today)?;
            if *as_json {
                return Ok(json(&open));
            }
            Ok(open_list(lang, &open))
        }
        MeetingCmd::List { json: as_json, .. } => {
            let mut meetings = ctx.backend.all::<Meeting>()?;
            meetings.sort_by_key(|m| std::cmp::Reverse((m.date, m.id)));
            if *as_json {
                return Ok(json(&meetings));
            }
            if meetings.is_empty() {
                return Ok(format!("{}\n", lang.t(T::NoMeetings)));
            }
            let rows: Vec<Vec<String>> = meetings
                .iter()
                .map(|m| {
                    let done = m.decisions.iter().filter(|d| d.done.is_some()).count();
                    vec![
                        format!("#{}", m.id),
                        m.date.to_string(),
                        i18n::meeting_kind(lang, m.kind).to_owned(),
                        m.title.clone(),
                        format!("{done}/{}", m.decisions.len()),
                    ]
                })
                .collect();
            let header = [
                lang.t(T::ColNumber),
                lang.t(T::ColDate),
                lang.t(T::ColKind),
                lang.t(T::ColTitle),
                lang.t(T::ColDecisions),
            ];
            Ok(clean_lines(&table(&header, &rows, &[4, 10, 12, 40, 6])))
        }
        MeetingCmd::Show {
            meeting,
            json: as_json,
        } => {
            let m = super::meeting(&*ctx.backend, meeting)?;
            if *as_json {
                return Ok(json(&m));
            }
            let names = attendee_names(&*ctx.backend, &m)?;
            Ok(card(lang, &m, &names, today))
        }
        MeetingCmd::Add {
            kind,
            title,
            date,
            attendees,
            guests,
            topics,
            decisions,
        } => {
            let kind: MeetingKind = arg(kind.parse(), lang)?;
            let mut who = Vec::with_capacity(attendees.len() + guests.len());
            for a in attendees {
                who.push(attendee(ctx, a)?);
            }
            who.extend(guests.iter().map(|g| Attendee::Guest(g.clone())));
            let decisions = decisions
                .iter()
                .map(|d| decision(lang, today, d))
                .collect::<Result<Vec<_>, _>>()?;
            let m = Meeting {
                id: 0,
                date: ctx.date_or_today(date.as_deref())?,
                kind,
                title: title.clone(),
                attendees: who,
                topics: topics.clone(),
                decisions,
            };
            let cmd = RegisterCommand::SaveMeeting(m);
            let applied = ctx.backend.apply(Command::Register(cmd), &ctx.actor()?)?;
            let saved = ctx.backend.require::<Meeting>(applied.id)?;
            Ok(format!(
                "{}\n",
                lang.fill(T::MeetingSaved, &[&saved.id, &saved.title])
            ))
        }
        MeetingCmd::Done { meeting, decision } => {
            let m = super::meeting(&*ctx.backend, meeting)?;
            let cmd = RegisterCommand::DecisionDone {
                meeting: m.id,
                // Decisions are numbered from 1 for people; 0 matches none.
                decision: decision.checked_sub(1).unwrap_or(usize::MAX),
            };
            ctx.backend.apply(Command::Register(cmd), &ctx.actor()?)?;
            Ok(format!(
                "{}\n",
                lang.fill(T::DecisionMarked, &[&m.id, decision])
            ))
        }
    }
}

/// The one record of the register `--attendee` names; none or several is one sentence (the
/// several named, each with its kind and id).
fn attendee(ctx: &Context, query: &str) -> Result<Attendee, AppError> {
    let lang = ctx.lang;
    let mut found = lookup::attendees(&*ctx.backend, query)?;
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(AppError::Usage(lang.fill(T::AttendeeUnknown, &[&query]))),
        _ => {
            let mut labels = Vec::with_capacity(found.len());
            for a in &found {
                let name = attendee_name(&*ctx.backend, a)?.unwrap_or_default();
                labels.push(i18n::attendee_label(lang, a, &name));
            }
            let sep = super::describe::sep(lang);
            // The example names the first candidate, as `--attendee` takes it.
            let example = match &found[0] {
                Attendee::Resident(id) => format!("resident:{id}"),
                Attendee::Org(id) => format!("org:{id}"),
                Attendee::Member(id) => format!("member:{id}"),
                Attendee::Guest(_) => String::new(),
            };
            Err(AppError::Usage(lang.fill(
                T::AttendeeAmbiguous,
                &[&query, &labels.join(sep), &example],
            )))
        }
    }
}

/// `TEXT|OWNER|YYYY-MM-DD`.
fn decision(lang: Lang, today: Date, text: &str) -> Result<Decision, AppError> {
    let bad = || AppError::Usage(lang.fill(T::BadDecision, &[&text]));
    let mut parts = text.split('|').map(str::trim);
    let (Some(what), Some(owner), Some(due), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    Ok(Decision {
        text: what.to_owned(),
        owner: owner.to_owned(),
        due: Some(qiaomen_core::dates::parse_typed(due, today).map_err(|_| bad())?),
        done: None,
    })
}

fn decision_line(lang: Lang, i: usize, d: &Decision, today: Date) -> String {
    let mut line = format!("{}. {} · {}", i + 1, d.text, d.owner);
    if let Some(due) = d.due {
        let _ = write!(line, " · {}", lang.fill(T::DecisionDue, &[&due]));
    }
    match d.done {
        Some(done) => {
            let _ = write!(line, " · {}", lang.fill(T::DecisionDoneOn, &[&done]));
        }
        None if d.due.is_some_and(|due| due < today) => {
            let _ = write!(line, " · {}", lang.t(T::Overdue));
        }
        None => {}
    }
    line
}

/// The names of a meeting's attendees, in order, `None` for a record since removed. Read
/// before drawing, so the card itself reads nothing.
pub fn attendee_names(
    store: &dyn Backend,
    m: &Meeting,
) -> qiaomen_core::Result<Vec<Option<String>>> {
    Ok(attendee_names_of(store, std::slice::from_ref(m))?
        .pop()
        .unwrap_or_default())
}

/// Every meeting's attendees by name, in three requests whatever their number (the residents,
/// the organisations and the members they name): the meetings view reads them all when it
/// loads, and through a server one request an attendee would be a round trip each. A record
/// that is gone (or not the reader's to see) is `None`, and shown by its kind and id.
pub fn attendee_names_of(
    store: &dyn Backend,
    meetings: &[Meeting],
) -> qiaomen_core::Result<Vec<Vec<Option<String>>>> {
    use qiaomen_core::model::{Member, Org, Resident};
    use std::collections::{BTreeSet, HashMap};
    let (mut residents, mut orgs, mut members) =
        (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
    for a in meetings.iter().flat_map(|m| &m.attendees) {
        match a {
            Attendee::Resident(id) => residents.insert(*id),
            Attendee::Org(id) => orgs.insert(*id),
            Attendee::Member(id) => members.insert(*id),
            Attendee::Guest(_) => false,
        };
    }
    let names = |pairs: Vec<(u64, String)>| pairs.into_iter().collect::<HashMap<_, _>>();
    let residents = names(
        store
            .get_many::<Resident>(residents.into_iter().collect())?
            .into_iter()
            .map(|r| (r.id, r.name))
            .collect(),
    );
    let orgs = names(
        store
            .get_many::<Org>(orgs.into_iter().collect())?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect(),
    );
    let members = names(
        store
            .get_many::<Member>(members.into_iter().collect())?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect(),
    );
    Ok(meetings
        .iter()
        .map(|m| {
            m.attendees
                .iter()
                .map(|a| match a {
                    Attendee::Resident(id) => residents.get(id).cloned(),
                    Attendee::Org(id) => orgs.get(id).cloned(),
                    Attendee::Member(id) => members.get(id).cloned(),
                    Attendee::Guest(n) => Some(n.clone()),
                })
                .collect()
        })
        .collect())
}

/// A meeting as `meeting show` prints it; `names` are its attendees' (`attendee_names`), and
/// one missing is shown by its kind and id.
pub fn card(lang: Lang, m: &Meeting, names: &[Option<String>], today: Date) -> String {
    let mut out = format!(
        "#{} {} · {} · {}\n",
        m.id,
        m.title,
        i18n::meeting_kind(lang, m.kind),
        m.date
    );
    let sep = super::describe::sep(lang);
    if !m.attendees.is_empty() {
        let shown: Vec<String> = m
            .attendees
            .iter()
            .enumerate()
            .map(|(i, a)| {
                names
                    .get(i)
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| i18n::attendee_label(lang, a, ""))
            })
            .collect();
        let _ = writeln!(out, "{}{}", lang.label(T::AttendeesHead), shown.join(sep));
    }
    if !m.topics.is_empty() {
        let _ = writeln!(out, "{}{}", lang.label(T::TopicsHead), m.topics.join(sep));
    }
    let _ = writeln!(out, "{}", lang.heading(T::DecisionsHead));
    if m.decisions.is_empty() {
        let _ = writeln!(out, "  {}", lang.t(T::NoneYet));
    }
    for (i, d) in m.decisions.iter().enumerate() {
        let _ = writeln!(out, "  {}", decision_line(lang, i, d, today));
    }
    clean_lines(&out)
}

fn open_list(lang: Lang, open: &[OpenDecision]) -> String {
    if open.is_empty() {
        return format!("{}\n", lang.t(T::NoOpenDecisions));
    }
    let rows: Vec<Vec<String>> = open
        .iter()
        .map(|o| {
            vec![
                format!("#{}.{}", o.meeting, o.index + 1),
                o.due.map(|d| d.to_string()).unwrap_or_default(),
                if o.overdue {
                    lang.t(T::Overdue).to_owned()
                } else {
                    String::new()
                },
                o.owner.clone(),
                o.text.clone(),
                o.meeting_title.clone(),
            ]
        })
        .collect();
    let header = [
        lang.t(T::ColNumber),
        lang.t(T::ColDueDate),
        lang.t(T::ColStatus),
        lang.t(T::ColOwner),
        lang.t(T::ColDecisions),
        lang.t(T::ColTitle),
    ];
    clean_lines(&table(&header, &rows, &[6, 10, 6, 8, 40, 30]))
}
