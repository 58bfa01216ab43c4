//! `qiaomen ladder show [--json]` and `qiaomen ladder set --level N [--retries N] [--every MIN]
//! [--knock-within MIN]`: the escalation ladder, a setting of the community per care level.

use qiaomen_core::model::{Community, LadderLevel};
use qiaomen_core::{Command, Reads};
use serde_json::json;

use crate::cli::LadderCmd;
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{Lang, T};

pub fn run(ctx: &Context, cmd: &LadderCmd) -> Result<String, AppError> {
    let lang = ctx.lang;
    match cmd {
        LadderCmd::Show { json } => {
            let c = ctx.backend.community()?;
            if *json {
                return Ok(format!(
                    "{}\n",
                    serde_json::to_string_pretty(&to_json(&c)).expect("json")
                ));
            }
            Ok(render(lang, &c))
        }
        LadderCmd::Set {
            level,
            retries,
            every,
            knock_within,
        } => {
            if !(1..=3).contains(level) {
                return Err(AppError::Usage(lang.t(T::LadderNeedsLevel).to_owned()));
            }
            if retries.is_none() && every.is_none() && knock_within.is_none() {
                return Err(AppError::Usage(lang.t(T::LadderNothingToSet).to_owned()));
            }
            let mut c = ctx.backend.community()?;
            let slot = &mut c.ladder.levels[usize::from(*level) - 1];
            slot.retries = retries.unwrap_or(slot.retries);
            slot.every = every.unwrap_or(slot.every);
            slot.knock_within = knock_within.unwrap_or(slot.knock_within);
            let set = *slot;
            ctx.backend.apply(Command::Configure(c), &ctx.actor()?)?;
            Ok(format!(
                "{}\n",
                lang.fill(T::LadderSaved, &[level, &level_line(lang, *level, set)])
            ))
        }
    }
}

fn level_line(lang: Lang, level: u8, l: LadderLevel) -> String {
    lang.fill(
        T::LadderLevelLine,
        &[&level, &l.retries, &l.every, &l.knock_within],
    )
}

fn render(lang: Lang, c: &Community) -> String {
    let mut out = format!("{}\n", lang.t(T::LadderHeading));
    for (i, l) in c.ladder.levels.iter().enumerate() {
        let level = u8::try_from(i + 1).unwrap_or(3);
        out.push_str("  ");
        out.push_str(&level_line(lang, level, *l));
        out.push('\n');
    }
    out.push_str(&lang.fill(T::LadderCutoffLine, &[&c.cutoff]));
    out.push('\n');
    out
}

fn to_json(c: &Community) -> serde_json::Value {
    let levels: Vec<serde_json::Value> = c
        .ladder
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            json!({
                "level": i + 1,
                "retries": l.retries,
                "every_minutes": l.every,
                "knock_within_minutes": l.knock_within,
            })
        })
        .collect();
    json!({ "cutoff": c.cutoff.to_string(), "levels": levels })
}
