//! `qiaomen household notice`: the public notice (审核公示) of reviewed households. Without
//! `--publish` it is a preview; published, the text is stored and printed exactly as stored,
//! and `--show N` prints a published notice again, byte for byte.

use qiaomen_core::Reads;
use qiaomen_core::model::{FileStatus, Household, Id};
use qiaomen_core::register::{Notice, RegisterCommand, notice_text};
use qiaomen_core::{Command, Date, Error};
use serde_json::json;

use super::json;
use crate::cli::NoticeArgs;
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::T;

pub fn run(ctx: &Context, a: &NoticeArgs) -> Result<String, AppError> {
    let lang = ctx.lang;
    if let Some(n) = &a.show {
        let id: Id = n.trim().trim_start_matches('#').parse().map_err(|_| {
            Error::invalid(
                "notice",
                qiaomen_core::reason::Reason::NotARecordNumber {
                    kind: "notice".to_owned(),
                    text: n.clone(),
                },
            )
        })?;
        let n = ctx.backend.require::<Notice>(id)?;
        return Ok(if a.json {
            json(&published(&n))
        } else {
            exact(&n)
        });
    }
    let ids = households(ctx, a)?;
    if ids.is_empty() {
        return Ok(format!("{}\n", lang.t(T::NoReviewed)));
    }
    let date = ctx.date_or_today(a.date.as_deref())?;
    if a.publish {
        let cmd = RegisterCommand::PublishNotice {
            households: ids,
            date,
            period_days: a.period,
        };
        let applied = ctx.backend.apply(Command::Register(cmd), &ctx.actor()?)?;
        let n = ctx.backend.require::<Notice>(applied.id)?;
        return Ok(if a.json {
            json(&published(&n))
        } else {
            exact(&n)
        });
    }
    let text = notice_text(&*ctx.backend, &ids, date, a.period)?;
    if a.json {
        return Ok(json(&json!({
            "id": null,
            "published": false,
            "date": date,
            "last_day": last_day(date, a.period),
            "period_days": a.period,
            "households": ids,
            "text": text,
        })));
    }
    let mut out = text;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(lang.t(T::NoticePreview));
    out.push('\n');
    Ok(out)
}

fn last_day(date: Date, period: u16) -> Date {
    date.add_days(i64::from(period) - 1)
}

/// The households named, or every reviewed one (in a grid).
fn households(ctx: &Context, a: &NoticeArgs) -> Result<Vec<Id>, AppError> {
    if !a.reviewed {
        return a
            .households
            .iter()
            .map(|q| Ok(super::household(&*ctx.backend, q)?.id))
            .collect();
    }
    let grid = ctx.grid_arg(a.grid.as_deref())?;
    Ok(ctx
        .backend
        .all::<Household>()?
        .into_iter()
        .filter(|h| h.file_status() == Some(FileStatus::Reviewed))
        .filter(|h| grid.as_ref().is_none_or(|g| h.grid == g.id))
        .map(|h| h.id)
        .collect())
}

/// The stored text, unchanged (a final newline added only when it has none).
fn exact(n: &Notice) -> String {
    let mut out = n.text.clone();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn published(n: &Notice) -> serde_json::Value {
    json!({
        "id": n.id,
        "published": true,
        "date": n.date,
        "last_day": n.last_day(),
        "period_days": n.period_days,
        "households": n.households,
        "text": n.text,
    })
}
