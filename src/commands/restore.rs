//! `qiaomen restore --from DIR [--at YYYY-MM-DDTHH:MM] --db NEW`: a new database from a backup,
//! as it stood at the end of that minute.

use std::path::Path;

use qiaomen_core::{ClockTime, Date, Engine};

use crate::cli::Cli;
use crate::context;
use crate::error::AppError;
use crate::i18n::T;
use crate::progress::{Progress, Streams};

pub fn run(cli: &Cli, from: &Path, at: Option<&str>) -> Result<String, AppError> {
    let lang = context::lang(cli);
    let at = at.map(|t| parse_minute(t, lang)).transpose()?;
    let to = context::db_dir(cli);
    // Replaying a long journal into a new store takes a while and tells nothing until it ends.
    let progress = Progress::waiting(lang.t(T::ProgressRestore), Streams::Quiet);
    let (_engine, r) = Engine::restore(
        from,
        at,
        &to,
        &crate::context::os_user(),
        context::creation_now()?,
    )?;
    progress.finish();
    let when = r.at.map_or_else(
        || lang.t(T::RestoreEmpty).to_owned(),
        |n| format!("{} {}", n.date, n.time),
    );
    Ok(format!(
        "{}\n",
        lang.fill(
            T::RestoreDone,
            &[&to.display(), &r.seq, &when, &r.snapshot, &r.replayed]
        )
    ))
}

fn parse_minute(text: &str, lang: crate::i18n::Lang) -> Result<(Date, ClockTime), AppError> {
    let (d, t) = text
        .split_once(['T', ' '])
        .ok_or_else(|| AppError::Usage(format!("--at: YYYY-MM-DDTHH:MM ({text})")))?;
    Ok((
        crate::error::arg(Date::parse(d), lang)?,
        crate::error::arg(ClockTime::parse(t), lang)?,
    ))
}
