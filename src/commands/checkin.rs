//! `qiaomen checkin ELDER OUTCOME [--method M] [--note T] [--date D] [--time HH:MM]`

use qiaomen_core::model::{CheckIn, Method, Outcome};
use qiaomen_core::{ClockTime, Command, lookup};

use crate::cli::CheckinArgs;
use crate::context::Context;
use crate::error::{AppError, arg};
use crate::i18n::{self, T};

pub fn run(ctx: &Context, a: &CheckinArgs) -> Result<String, AppError> {
    let lang = ctx.lang;
    let outcome: Outcome = arg(a.outcome.parse(), lang)?;
    let method: Method = arg(a.method.parse(), lang)?;
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
    };
    let applied = ctx.backend.apply(Command::CheckIn(checkin), &actor)?;
    let seq = applied.checkin.map_or(0, |k| k.seq) + 1;
    Ok(format!(
        "{}\n",
        lang.fill(
            T::CheckinSaved,
            &[&elder.name, &date, &i18n::outcome(lang, outcome), &seq]
        )
    ))
}
