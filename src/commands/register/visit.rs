//! `qiaomen visit list|add`: household visits (走访) and what was found.

use qiaomen_core::Command;
use qiaomen_core::Reads;
use qiaomen_core::model::{Household, Visit};
use qiaomen_core::register::RegisterCommand;

use super::{clean_lines, json};
use crate::cli::VisitCmd;
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::T;
use crate::width::table;

pub fn run(ctx: &Context, cmd: &VisitCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    match cmd {
        VisitCmd::Due(a) => super::cadence::due(ctx, a),
        VisitCmd::Campaign(c) => super::cadence::campaign(ctx, c),
        VisitCmd::Cadence(a) => super::cadence::cadence(ctx, a),
        VisitCmd::List {
            household,
            json: as_json,
        } => {
            let household = household
                .as_deref()
                .map(|h| super::household(&*ctx.backend, h))
                .transpose()?;
            let mut visits: Vec<Visit> = ctx
                .backend
                .all::<Visit>()?
                .into_iter()
                .filter(|v| household.as_ref().is_none_or(|h| v.household == h.id))
                .collect();
            visits.sort_by_key(|v| std::cmp::Reverse((v.date, v.id)));
            if *as_json {
                return Ok(json(&visits));
            }
            if visits.is_empty() {
                return Ok(format!("{}\n", lang.t(T::NoVisits)));
            }
            let mut rows = Vec::with_capacity(visits.len());
            for v in &visits {
                let label = match ctx.backend.get::<Household>(v.household)? {
                    Some(h) => super::household_label(&*ctx.backend, &h)?,
                    None => format!("#{}", v.household),
                };
                rows.push(vec![
                    v.date.to_string(),
                    label,
                    v.by.clone(),
                    v.findings.clone(),
                ]);
            }
            let header = [
                lang.t(T::ColDate),
                lang.t(T::ColHousehold),
                lang.t(T::ColBy),
                lang.t(T::ColFindings),
            ];
            Ok(clean_lines(&table(&header, &rows, &[10, 28, 8, 80])))
        }
        VisitCmd::Add {
            household,
            findings,
            by,
            date,
        } => {
            let h = super::household(&*ctx.backend, household)?;
            let visit = Visit {
                id: 0,
                date: ctx.date_or_today(date.as_deref())?,
                household: h.id,
                // Empty: the domain records the operator.
                by: by.clone().unwrap_or_default(),
                findings: findings.clone(),
            };
            let day = visit.date;
            let cmd = RegisterCommand::SaveVisit(visit);
            let applied = ctx.backend.apply(Command::Register(cmd), &ctx.actor()?)?;
            Ok(format!(
                "{}\n",
                lang.fill(T::VisitSaved, &[&applied.id, &h.id, &day])
            ))
        }
    }
}
