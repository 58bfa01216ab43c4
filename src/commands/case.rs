//! `qiaomen case list|show|open|note|session|status|follow-up|done`

use qiaomen_core::Reads;
use std::fmt::Write as _;

use qiaomen_core::command::NewCase;
use qiaomen_core::model::{
    Case, CaseEvent, CaseKind, CaseStatus, Closure, EventKind, Grid, Level, Member, Org, Resident,
    Session,
};
use qiaomen_core::{Command, lookup};

use crate::cli::CaseCmd;
use crate::context::Context;
use crate::error::{AppError, arg, opt_arg};
use crate::i18n::{self, Lang, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &CaseCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    match cmd {
        CaseCmd::List {
            kind,
            level,
            status,
            grid,
            all,
            json,
        } => {
            let kind: Option<CaseKind> = opt_arg(kind.as_deref(), lang)?;
            let level: Option<Level> = opt_arg(level.as_deref(), lang)?;
            let status: Option<CaseStatus> = opt_arg(status.as_deref(), lang)?;
            let grid = ctx.grid_arg(grid.as_deref())?;
            let cases: Vec<Case> = ctx
                .backend
                .all::<Case>()?
                .into_iter()
                .filter(|c| kind.is_none_or(|k| c.kind == k))
                .filter(|c| level.is_none_or(|l| c.level == l))
                .filter(|c| status.map_or(*all || c.status.is_active(), |s| c.status == s))
                .filter(|c| grid.as_ref().is_none_or(|g| c.grid == g.id))
                .collect();
            if *json {
                return Ok(format!(
                    "{}\n",
                    serde_json::to_string_pretty(&cases).expect("json")
                ));
            }
            Ok(list(ctx, &cases)?)
        }
        CaseCmd::Show { case, json } => {
            let c = lookup::case(&*ctx.backend, case)?;
            if *json {
                return Ok(format!(
                    "{}\n",
                    serde_json::to_string_pretty(&c).expect("json")
                ));
            }
            Ok(card(ctx, &c)?)
        }
        CaseCmd::Open {
            kind,
            title,
            grid,
            parties,
            residents,
            orgs,
            date,
            follow_up,
            note,
        } => {
            let grid = lookup::grid(&*ctx.backend, grid)?;
            let residents = residents
                .iter()
                .map(|r| lookup::resident(&*ctx.backend, r).map(|r| r.id))
                .collect::<Result<Vec<_>, _>>()?;
            let orgs = orgs
                .iter()
                .map(|o| lookup::org(&*ctx.backend, o).map(|o| o.id))
                .collect::<Result<Vec<_>, _>>()?;
            let new = NewCase {
                kind: arg(kind.parse(), lang)?,
                title: title.clone(),
                grid: grid.id,
                parties: parties.clone(),
                residents,
                opened: ctx.date_or_today(date.as_deref())?,
                follow_up: ctx.date_opt(follow_up.as_deref())?,
                note: note.clone(),
            };
            let title = new.title.clone();
            // Organisations of the register come with the case in the same change.
            let command = if orgs.is_empty() {
                Command::OpenCase(new)
            } else {
                Command::CaseWork(qiaomen_core::casework::CaseWorkCommand::Open { case: new, orgs })
            };
            let applied = ctx.backend.apply(command, &ctx.actor()?)?;
            Ok(format!(
                "{}\n",
                lang.fill(T::CaseOpened, &[&format!("#{}", applied.id), &title])
            ))
        }
        CaseCmd::Note { case, text } => {
            let c = lookup::case(&*ctx.backend, case)?;
            saved(
                ctx,
                &c,
                Command::CaseNote {
                    case: c.id,
                    text: text.clone(),
                },
            )
        }
        CaseCmd::Session {
            case,
            participants,
            outcome,
            date,
        } => {
            let c = lookup::case(&*ctx.backend, case)?;
            let session = Session {
                date: ctx.date_or_today(date.as_deref())?,
                participants: participants.clone(),
                outcome: outcome.clone(),
            };
            saved(
                ctx,
                &c,
                Command::CaseSession {
                    case: c.id,
                    session,
                },
            )
        }
        CaseCmd::Status {
            case,
            status,
            reason,
            closure,
        } => {
            let c = lookup::case(&*ctx.backend, case)?;
            let to: CaseStatus = arg(status.parse(), lang)?;
            let closure: Option<Closure> = opt_arg(closure.as_deref(), lang)?;
            saved(
                ctx,
                &c,
                Command::CaseStatus {
                    case: c.id,
                    to,
                    reason: reason.clone(),
                    closure,
                },
            )
        }
        CaseCmd::FollowUp { case, date } => {
            let c = lookup::case(&*ctx.backend, case)?;
            let due = ctx.date_arg(date)?;
            saved(ctx, &c, Command::SetFollowUp { case: c.id, due })
        }
        CaseCmd::Work(w) => crate::commands::casework::run_case(ctx, w),
        CaseCmd::Done { case, note } => {
            let c = lookup::case(&*ctx.backend, case)?;
            saved(
                ctx,
                &c,
                Command::FollowUpDone {
                    case: c.id,
                    note: note.clone(),
                },
            )
        }
    }
}

fn saved(ctx: &Context, c: &Case, command: Command) -> Result<String, AppError> {
    ctx.backend.apply(command, &ctx.actor()?)?;
    Ok(format!("{}\n", ctx.lang.fill(T::CaseSaved, &[&c.number()])))
}

fn grid_code(ctx: &Context, id: u64) -> Result<String, AppError> {
    Ok(ctx
        .backend
        .get::<Grid>(id)?
        .map(|g| g.code)
        .unwrap_or_default())
}

fn list(ctx: &Context, cases: &[Case]) -> Result<String, AppError> {
    let lang = ctx.lang;
    if cases.is_empty() {
        return Ok(format!("{}\n", lang.t(T::NoCases)));
    }
    let mut rows = Vec::new();
    for c in cases {
        rows.push(vec![
            c.number(),
            i18n::case_kind(lang, c.kind).to_owned(),
            i18n::case_status(lang, c.status).to_owned(),
            i18n::case_level(lang, c.level).to_owned(),
            grid_code(ctx, c.grid)?,
            c.title.clone(),
            c.opened.to_string(),
            c.next_follow_up.map(|d| d.to_string()).unwrap_or_default(),
        ]);
    }
    let header = [
        lang.t(T::ColNumber),
        lang.t(T::ColKind),
        lang.t(T::ColStatus),
        lang.t(T::CaseLevelLabel),
        lang.t(T::ColGrid),
        lang.t(T::ColTitle),
        lang.t(T::ColOpened),
        lang.t(T::ColFollowUp),
    ];
    Ok(table(&header, &rows, &[6, 10, 10, 11, 4, 30, 10, 10]))
}

/// A case as a card: heading, parties, follow-up, then the whole timeline.
pub fn card(ctx: &Context, c: &Case) -> Result<String, AppError> {
    let lang = ctx.lang;
    let mut out = format!(
        "{} {} · {} · {} · {} · {}\n",
        c.number(),
        c.title,
        i18n::case_kind(lang, c.kind),
        i18n::case_status(lang, c.status),
        grid_code(ctx, c.grid)?,
        i18n::case_level(lang, c.level)
    );
    for (label, value) in detail_lines(ctx, c)? {
        if label.is_empty() {
            let _ = writeln!(out, "{value}");
        } else {
            let _ = writeln!(out, "{label}{}{value}", lang.colon());
        }
    }
    let _ = write!(out, "{}{}", lang.label(T::ColOpened), c.opened);
    if let Some(d) = c.next_follow_up {
        let _ = write!(out, "  {}{d}", lang.label(T::ColFollowUp));
    }
    let _ = write!(out, "\n{}\n", lang.heading(T::Timeline));
    let mut session_no = 0;
    for e in &c.events {
        if matches!(e.kind, EventKind::Session(_)) {
            session_no += 1;
        }
        let _ = writeln!(
            out,
            "  {} {}  {}",
            e.date,
            e.by,
            event_text(lang, e, session_no)
        );
    }
    // Text from the database never puts control characters on the terminal.
    Ok(out
        .lines()
        .map(|l| qiaomen_core::text::sanitize(l) + "\n")
        .collect())
}

/// The case's parties (organisations with their kind, residents, names as typed) and, for a
/// petition, its years, paired steward, contacts and statement: (label, value) pairs, the
/// label empty for a line of its own, as the CLI card and the cases pane show them.
pub fn detail_lines(ctx: &Context, c: &Case) -> Result<Vec<(&'static str, String)>, AppError> {
    let lang = ctx.lang;
    let orgs: Vec<Org> = ctx.backend.get_many::<Org>(c.orgs.clone())?;
    let residents: Vec<Resident> = ctx.backend.get_many::<Resident>(c.residents.clone())?;
    let today = ctx.now()?.date;
    let paired = match c.paired {
        Some(m) => ctx.backend.get::<Member>(m)?.map(|m| m.name),
        None => None,
    };
    Ok(case_details(
        lang,
        c,
        &orgs,
        &residents,
        paired.as_deref(),
        today,
    ))
}

/// `detail_lines` from records already read (the pane reads them in its reload).
pub fn case_details(
    lang: Lang,
    c: &Case,
    orgs: &[Org],
    residents: &[Resident],
    paired: Option<&str>,
    today: qiaomen_core::Date,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if !orgs.is_empty() {
        let names: Vec<String> = orgs
            .iter()
            .map(|o| lang.fill(T::OrgWithKind, &[&o.name, &i18n::org_kind(lang, o.kind)]))
            .collect();
        out.push((lang.t(T::CaseOrgs), names.join("、")));
    }
    let mut people: Vec<String> = residents.iter().map(|r| r.name.clone()).collect();
    for p in &c.parties {
        if !people.contains(p) {
            people.push(p.clone());
        }
    }
    if !people.is_empty() {
        out.push((lang.t(T::Parties), people.join("、")));
    }
    if c.kind == CaseKind::Petition {
        let years = match c.years_open(today) {
            0 => lang.t(T::CaseYearsUnderOne).to_owned(),
            n => lang.fill(T::CaseYears, &[&n]),
        };
        out.push((
            "",
            format!(
                "{years} · {}",
                lang.fill(T::CaseContacts, &[&c.contacts().count()])
            ),
        ));
        if let Some(name) = paired {
            out.push((lang.t(T::CasePaired), name.to_owned()));
        }
        out.push((
            lang.t(T::CaseStatement),
            match c.statement() {
                Some((on, text)) => format!("{on} {text}"),
                None => lang.t(T::CaseNoStatement).to_owned(),
            },
        ));
    }
    out
}

pub fn event_text(lang: Lang, e: &CaseEvent, session_no: usize) -> String {
    match &e.kind {
        EventKind::Note { text } => text.clone(),
        EventKind::Session(s) => lang.fill(
            T::Session,
            &[&session_no, &s.participants.join("、"), &s.outcome],
        ),
        EventKind::Status {
            from,
            to,
            reason,
            closure,
        } => {
            let mut t = lang.fill(
                T::StatusChange,
                &[
                    &i18n::case_status(lang, *from),
                    &i18n::case_status(lang, *to),
                    &crate::stored_words::stored(lang, reason),
                ],
            );
            if let Some(c) = closure {
                let _ = write!(t, " [{}]", i18n::closure(lang, *c));
            }
            t
        }
        EventKind::FollowUpSet { due } => lang.fill(T::FollowUpSet, &[due]),
        EventKind::FollowUpDone { note } => lang.fill(T::FollowUpDone, &[note]),
        EventKind::Escalated { from, to, reason } => lang.fill(
            T::EvEscalated,
            &[
                &i18n::case_level(lang, *from),
                &i18n::case_level(lang, *to),
                reason,
            ],
        ),
        EventKind::Returned { from, to, reason } => lang.fill(
            T::EvReturned,
            &[
                &i18n::case_level(lang, *from),
                &i18n::case_level(lang, *to),
                reason,
            ],
        ),
        EventKind::Contact { on, who, how, note } => lang.fill(
            T::EvContact,
            &[on, who, &i18n::contact_how(lang, *how), note],
        ),
        EventKind::Statement { on, text } => lang.fill(T::EvStatement, &[on, text]),
        EventKind::Paired {
            member: Some(_),
            name,
        } => lang.fill(T::EvPaired, &[name]),
        EventKind::Paired { member: None, .. } => lang.t(T::EvUnpaired).to_owned(),
        EventKind::Since { since } => lang.fill(T::EvSince, &[since]),
        EventKind::Party { name, added, .. } => lang.fill(
            if *added {
                T::EvPartyAdded
            } else {
                T::EvPartyRemoved
            },
            &[name],
        ),
    }
}
