//! `qiaomen case escalate|return|party|pair|contact|statement|since` and `qiaomen org …`
//! (issue 16, helper `cases`): hand-overs between levels, organisations as parties, petitions.

use std::fmt::Write as _;

use qiaomen_core::casework::CaseWorkCommand as W;
use qiaomen_core::model::{Case, ContactHow, Level, Meeting, Org, OrgContact, OrgKind, Party};
use qiaomen_core::{Command, Reads, lookup};
use serde_json::json;

use crate::cli::casework::{CaseWorkCmd, OrgCmd, PartyArgs};
use crate::commands::register::{clean_lines, json as pretty};
use crate::context::Context;
use crate::error::{AppError, arg};
use crate::i18n::{self, T};
use crate::width::table;

pub fn run_case(ctx: &Context, cmd: &CaseWorkCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    let apply = |c: &Case, w: W| -> Result<String, AppError> {
        ctx.backend.apply(Command::CaseWork(w), &ctx.actor()?)?;
        Ok(format!("{}\n", lang.fill(T::CaseSaved, &[&c.number()])))
    };
    match cmd {
        CaseWorkCmd::Escalate { case, to, reason } => {
            let c = lookup::case(&*ctx.backend, case)?;
            let to: Level = arg(to.parse(), lang)?;
            ctx.backend.apply(
                Command::CaseWork(W::Escalate {
                    case: c.id,
                    to,
                    reason: reason.clone(),
                }),
                &ctx.actor()?,
            )?;
            Ok(format!(
                "{}\n",
                lang.fill(
                    T::CaseHandedOver,
                    &[&c.number(), &i18n::case_level(lang, to)]
                )
            ))
        }
        CaseWorkCmd::Return { case, reason } => {
            let c = lookup::case(&*ctx.backend, case)?;
            ctx.backend.apply(
                Command::CaseWork(W::Return {
                    case: c.id,
                    reason: reason.clone(),
                }),
                &ctx.actor()?,
            )?;
            let after = ctx.backend.require::<Case>(c.id)?;
            Ok(format!(
                "{}\n",
                lang.fill(
                    T::CaseHandedBack,
                    &[&c.number(), &i18n::case_level(lang, after.level)]
                )
            ))
        }
        CaseWorkCmd::Party {
            case,
            party,
            remove,
        } => {
            let c = lookup::case(&*ctx.backend, case)?;
            let party = party_arg(ctx, party)?;
            let w = if *remove {
                W::RemoveParty { case: c.id, party }
            } else {
                W::AddParty { case: c.id, party }
            };
            apply(&c, w)
        }
        CaseWorkCmd::Pair { case, steward, .. } => {
            let c = lookup::case(&*ctx.backend, case)?;
            let member = steward
                .as_deref()
                .map(|s| lookup::member(&*ctx.backend, s))
                .transpose()?
                .map(|m| m.id);
            apply(&c, W::Pair { case: c.id, member })
        }
        CaseWorkCmd::Contact {
            case,
            how,
            note,
            who,
            date,
        } => {
            let c = lookup::case(&*ctx.backend, case)?;
            let how: ContactHow = arg(how.parse(), lang)?;
            let on = ctx.date_or_today(date.as_deref())?;
            apply(
                &c,
                W::Contact {
                    case: c.id,
                    on,
                    who: who.clone(),
                    how,
                    note: note.clone(),
                },
            )
        }
        CaseWorkCmd::Statement { case, date, text } => {
            let c = lookup::case(&*ctx.backend, case)?;
            let on = ctx.date_arg(date)?;
            apply(
                &c,
                W::Statement {
                    case: c.id,
                    on,
                    text: text.clone(),
                },
            )
        }
        CaseWorkCmd::Since { case, date } => {
            let c = lookup::case(&*ctx.backend, case)?;
            let since = ctx.date_arg(date)?;
            apply(&c, W::Since { case: c.id, since })
        }
    }
}

/// The party named on the command line, looked up in the register where it is one.
pub fn party_arg(ctx: &Context, p: &PartyArgs) -> Result<Party, AppError> {
    Ok(match (&p.org, &p.resident, &p.name) {
        (Some(o), _, _) => Party::Org(lookup::org(&*ctx.backend, o)?.id),
        (_, Some(r), _) => Party::Resident(lookup::resident(&*ctx.backend, r)?.id),
        (_, _, Some(n)) => Party::Text(n.clone()),
        // clap requires exactly one of the three.
        (None, None, None) => Party::Text(String::new()),
    })
}

pub fn run_org(ctx: &Context, cmd: &OrgCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    match cmd {
        OrgCmd::List { json } => {
            let orgs = ctx.backend.all::<Org>()?;
            if *json {
                return Ok(pretty(&orgs));
            }
            if orgs.is_empty() {
                return Ok(format!("{}\n", lang.t(T::NoOrgs)));
            }
            let rows: Vec<Vec<String>> = orgs
                .iter()
                .map(|o| {
                    vec![
                        format!("#{}", o.id),
                        o.name.clone(),
                        i18n::org_kind(lang, o.kind).to_owned(),
                        // Names only: a phone is never cut by the column (`org show` has them).
                        o.contacts
                            .iter()
                            .map(|c| c.name.as_str())
                            .collect::<Vec<_>>()
                            .join("、"),
                    ]
                })
                .collect();
            let header = [
                lang.t(T::ColNumber),
                lang.t(T::ColName),
                lang.t(T::ColKind),
                lang.t(T::OrgContactsLabel),
            ];
            Ok(clean_lines(&table(&header, &rows, &[4, 24, 17, 30])))
        }
        OrgCmd::Show { org, json } => {
            let o = lookup::org(&*ctx.backend, org)?;
            let cases: Vec<Case> = ctx
                .backend
                .all::<Case>()?
                .into_iter()
                .filter(|c| c.orgs.contains(&o.id))
                .collect();
            if *json {
                return Ok(pretty(&json!({ "org": o, "cases": cases })));
            }
            Ok(clean_lines(&org_card(lang, &o, &cases)))
        }
        OrgCmd::Add {
            name,
            kind,
            contacts,
            note,
        } => {
            let kind: OrgKind = arg(kind.parse(), lang)?;
            let contacts = contacts
                .iter()
                .map(|c| {
                    let (name, phone) = c.split_once([':', '：']).unwrap_or((c, ""));
                    OrgContact {
                        name: name.trim().to_owned(),
                        phone: phone.trim().to_owned(),
                    }
                })
                .collect();
            let o = Org {
                id: 0,
                name: name.clone(),
                kind,
                contacts,
                note: note.clone(),
            };
            let applied = ctx
                .backend
                .apply(Command::CaseWork(W::SaveOrg(o)), &ctx.actor()?)?;
            let saved = ctx.backend.require::<Org>(applied.id)?;
            Ok(format!(
                "{}\n",
                lang.fill(T::OrgSaved, &[&saved.id, &saved.name])
            ))
        }
        OrgCmd::Attend { meeting, party } => {
            let m: Meeting = crate::commands::register::meeting(&*ctx.backend, meeting)?;
            let party = party_arg(ctx, party)?;
            let name =
                qiaomen_core::casework::party_name(&*ctx.backend, &party)?.unwrap_or_default();
            ctx.backend.apply(
                Command::CaseWork(W::Attend {
                    meeting: m.id,
                    party,
                }),
                &ctx.actor()?,
            )?;
            Ok(format!("{}\n", lang.fill(T::AttendSaved, &[&m.id, &name])))
        }
    }
}

/// An organisation's card: its kind, contacts and note, and the cases it is a party to (`org
/// show`, `find`, and the TUI's `/`).
pub fn org_card(lang: i18n::Lang, o: &Org, cases: &[Case]) -> String {
    let mut out = format!("#{} {} · {}\n", o.id, o.name, i18n::org_kind(lang, o.kind));
    if !o.contacts.is_empty() {
        let _ = writeln!(
            out,
            "{}{}",
            lang.label(T::OrgContactsLabel),
            contacts(lang, o)
        );
    }
    if !o.note.is_empty() {
        let _ = writeln!(out, "{}", o.note);
    }
    if cases.is_empty() {
        let _ = writeln!(out, "{}", lang.t(T::OrgNoCases));
    } else {
        let _ = writeln!(out, "{}", lang.t(T::OrgCasesHead));
        for c in cases {
            let _ = writeln!(
                out,
                "  {} {} · {} · {} · {}",
                c.number(),
                c.title,
                i18n::case_kind(lang, c.kind),
                i18n::case_status(lang, c.status),
                i18n::case_level(lang, c.level)
            );
        }
    }

    out
}

/// `王经理 13800000000、李主任`: an organisation's contacts on one line (`, ` in English).
pub fn contacts(lang: i18n::Lang, o: &Org) -> String {
    o.contacts
        .iter()
        .map(|c| {
            if c.phone.is_empty() {
                c.name.clone()
            } else {
                format!("{} {}", c.name, c.phone)
            }
        })
        .collect::<Vec<_>>()
        .join(super::register::describe::sep(lang))
}
