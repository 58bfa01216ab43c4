//! `qiaomen team list|show|add`: volunteer teams (志愿队), their members and leader.

use std::fmt::Write as _;

use qiaomen_core::Command;
use qiaomen_core::Reads;
use qiaomen_core::care::{CareCommand, Provider, Service, Team, TeamKind};

use super::{hours, person, person_label};
use crate::cli::TeamCmd;
use crate::commands::register::{clean_lines, json};
use crate::context::Context;
use crate::error::{AppError, arg};
use crate::i18n::{self, T};
use crate::width::table;

pub fn run(ctx: &Context, cmd: &TeamCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    let store = &*ctx.backend;
    match cmd {
        TeamCmd::List { json: as_json } => {
            let teams = store.all::<Team>()?;
            if *as_json {
                return Ok(json(&teams));
            }
            if teams.is_empty() {
                return Ok(format!("{}\n", lang.t(T::NoTeams)));
            }
            let mut rows = Vec::with_capacity(teams.len());
            for t in &teams {
                let leader = t
                    .leader
                    .map(|l| person_label(store, l))
                    .transpose()?
                    .unwrap_or_default();
                rows.push(vec![
                    format!("#{}", t.id),
                    t.name.clone(),
                    i18n::team_kind(lang, t.kind).to_owned(),
                    leader,
                    t.members.len().to_string(),
                ]);
            }
            let header = [
                "#",
                lang.t(T::ColTeam),
                lang.t(T::ColKind),
                lang.t(T::ColLeader),
                lang.t(T::ColMembers),
            ];
            Ok(clean_lines(&table(&header, &rows, &[6, 24, 16, 12, 6])))
        }
        TeamCmd::Show {
            team,
            json: as_json,
        } => {
            let t = super::team(store, team)?;
            let mut services: Vec<Service> = store
                .all::<Service>()?
                .into_iter()
                .filter(|s| s.by == Provider::Team(t.id))
                .collect();
            services.sort_by_key(|s| std::cmp::Reverse((s.date, s.id)));
            if *as_json {
                #[derive(serde::Serialize)]
                struct Shown<'a> {
                    team: &'a Team,
                    services: &'a [Service],
                }
                return Ok(json(&Shown {
                    team: &t,
                    services: &services,
                }));
            }
            let mut out = format!("#{} {} · {}\n", t.id, t.name, i18n::team_kind(lang, t.kind));
            for p in &t.members {
                let mark = if t.leader == Some(*p) {
                    i18n::paren(lang, lang.t(T::ColLeader))
                } else {
                    String::new()
                };
                let _ = writeln!(out, "  {}{mark}", person_label(store, *p)?);
            }
            if !t.note.is_empty() {
                let _ = writeln!(out, "{}{}", lang.label(T::ColNote), t.note);
            }
            let minutes: u64 = services.iter().map(|s| u64::from(s.minutes)).sum();
            let _ = writeln!(
                out,
                "{}{} · {}",
                lang.label(T::ColService),
                services.len(),
                lang.fill(T::HoursLine, &[&hours(minutes)])
            );
            out.push_str(&super::service::rows(ctx, &services)?);
            Ok(clean_lines(&out))
        }
        TeamCmd::Add {
            name,
            kind,
            members,
            leader,
            note,
            id,
        } => {
            let kind: TeamKind = arg(kind.parse(), lang)?;
            let mut people = Vec::with_capacity(members.len() + 1);
            for m in members {
                people.push(person(store, m, lang)?);
            }
            let leader = leader
                .as_deref()
                .map(|l| person(store, l, lang))
                .transpose()?;
            if let Some(l) = leader
                && !people.contains(&l)
            {
                people.insert(0, l);
            }
            let team = Team {
                id: id.unwrap_or(0),
                name: name.clone(),
                kind,
                members: people,
                leader,
                note: note.clone(),
            };
            let applied = ctx
                .backend
                .apply(Command::Care(CareCommand::SaveTeam(team)), &ctx.actor()?)?;
            let saved = store.require::<Team>(applied.id)?;
            Ok(clean_lines(&format!(
                "{}\n",
                lang.fill(
                    T::TeamSaved,
                    &[&saved.id, &saved.name, &saved.members.len()]
                )
            )))
        }
    }
}
