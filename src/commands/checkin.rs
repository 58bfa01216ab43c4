//! `qiaomen checkin ELDER OUTCOME [--method M] [--contact N] [--note T] [--date D] [--time HH:MM]`
//!
//! Every check-in goes as a ladder step: when it brings the elder to the ladder's last step
//! (a knock with no answer after the calls and contacts), the core opens the case with it.

use qiaomen_core::Reads;
use qiaomen_core::model::{CheckIn, Grid, Method, Outcome};
use qiaomen_core::{ClockTime, lookup};

use crate::cli::CheckinArgs;
use crate::context::Context;
use crate::error::{AppError, arg};
use crate::i18n::{self, T};

pub fn run(ctx: &Context, a: &CheckinArgs) -> Result<String, AppError> {
    let lang = ctx.lang;
    let outcome: Outcome = arg(a.outcome.parse(), lang)?;
    let method: Method = match (a.method.as_deref(), a.contact) {
        (None, Some(_)) => Method::Contact,
        (None, None) => Method::Phone,
        (Some(m), contact) => {
            let m: Method = arg(m.parse(), lang)?;
            if contact.is_some() && m != Method::Contact {
                return Err(AppError::Usage(
                    lang.t(T::LadderContactNeedsMethod).to_owned(),
                ));
            }
            m
        }
    };
    let actor = ctx.actor()?;
    let date = ctx.date_or_today(a.date.as_deref())?;
    let time = match &a.time {
        Some(t) => arg(ClockTime::parse(t), lang)?,
        None => actor.now.time,
    };
    let away_until = ctx.date_opt(a.until.as_deref())?;
    let elder = lookup::elder(&*ctx.backend, &a.elder)?;
    let checkin = CheckIn {
        elder: elder.id,
        date,
        seq: 0,
        time,
        by: a.by.clone().unwrap_or_else(|| actor.operator.clone()),
        method,
        outcome,
        note: a.note.clone(),
        away_until,
        contact: a.contact,
        case: None,
    };
    let earlier = ctx.backend.checkins_of(elder.id, date, date)?;
    let grid = ctx.backend.get::<Grid>(elder.grid)?;
    let command = crate::ladder::step_command(lang, &elder, grid.as_ref(), &earlier, checkin);
    let applied = ctx.backend.apply(command, &actor)?;
    let seq = applied.checkin.map_or(0, |k| k.seq) + 1;
    let mut out = format!(
        "{}\n",
        lang.fill(
            T::CheckinSaved,
            &[&elder.name, &date, &i18n::outcome(lang, outcome), &seq]
        )
    );
    if applied.records.iter().any(|r| r.kind == "case") {
        out.push_str(&lang.fill(T::LadderStepCase, &[&format!("#{}", applied.id)]));
        out.push('\n');
    }
    Ok(out)
}
