//! `qiaomen log [--since D] [--by NAME] [--grid G] [--json]`: the audit from the journal, one
//! entry a line (when, who with their OS user, what), then each changed field of an edit,
//! before → after, phone and ID numbers masked.

use std::fmt::Write as _;

use qiaomen_core::engine::LogFilter;
use qiaomen_core::query::Query;

use crate::context::Context;
use crate::error::AppError;
use crate::i18n::T;

pub fn run(
    ctx: &Context,
    since: Option<&str>,
    by: Option<&str>,
    grid: Option<&str>,
    json: bool,
) -> Result<String, AppError> {
    let filter = LogFilter {
        since: ctx.date_opt(since)?,
        by: by.map(str::to_owned),
        grids: ctx.grid_arg(grid)?.map(|g| vec![g.id]),
        record: None,
    };
    let entries = ctx.backend.query(Query::Log(filter))?.log()?;
    if json {
        return Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&entries).expect("log entries are JSON")
        ));
    }
    if entries.is_empty() {
        return Ok(format!("{}\n", ctx.lang.t(T::LogNone)));
    }
    let mut out = String::new();
    for e in &entries {
        let who = if e.os_user.is_empty() || e.os_user == e.operator {
            e.operator.clone()
        } else {
            format!("{} ({})", e.operator, e.os_user)
        };
        let _ = writeln!(
            out,
            "{} {}  #{}  {}  {}",
            e.at.date,
            e.at.time,
            e.seq,
            crate::chrome::clean(&who),
            crate::chrome::clean(&crate::log_words::what(ctx.lang, &e.what))
        );
        for c in &e.changes {
            let _ = writeln!(
                out,
                "    {}",
                crate::chrome::clean(&crate::log_words::change(
                    ctx.lang,
                    &c.record.kind,
                    c.record.id,
                    &c.field,
                    &c.before,
                    &c.after
                ))
            );
        }
    }
    Ok(out)
}
