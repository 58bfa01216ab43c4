//! `qiaomen check [--repair]`: the store, the snapshots and the journal verified against each
//! other; exit 1 with one sentence per problem, naming what `--repair` would do.

use qiaomen_core::Engine;
use qiaomen_core::damage::Damage;
use qiaomen_core::engine::{CheckReport, Problem};

use crate::cli::Cli;
use crate::context::{self, Context};
use crate::damage_words::damage;
use crate::error::AppError;
use crate::i18n::{Lang, T};

pub fn run(cli: &Cli, repair: bool) -> Result<String, AppError> {
    let ctx = Context::open(cli)?;
    let report = ctx.backend.check()?;
    if report.healthy() {
        return Ok(healthy(&ctx, &report));
    }
    if !repair {
        return Err(AppError::Unhealthy(problems(ctx.lang, &report)));
    }
    let lang = ctx.lang;
    let dir = ctx.backend.dir().to_owned();
    drop(ctx);
    // Repair needs the database to itself: the server (if one runs) goes first; the check
    // below starts a new one on the repaired database.
    crate::service::stop_and_wait(&dir)?;
    let now = context::creation_now()?;
    let progress = crate::progress::Progress::waiting(
        lang.t(T::ProgressRepair),
        crate::progress::Streams::Quiet,
    );
    qiaomen_core::engine::retry_busy(|| {
        Engine::repair(&dir, &report.problems, &crate::context::os_user(), now)
    })?;
    progress.finish();
    // This process has just let go of the database: its lock can linger a moment.
    let mut ctx = Context::open(cli);
    for _ in 0..40 {
        if !matches!(
            ctx,
            Err(AppError::Core(qiaomen_core::Error::DatabaseBusy(_)))
        ) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        ctx = Context::open(cli);
    }
    let ctx = ctx?;
    let after = ctx.backend.check()?;
    if !after.healthy() {
        return Err(AppError::Unhealthy(problems(lang, &after)));
    }
    Ok(format!(
        "{}\n{}",
        lang.t(T::RepairDone),
        healthy(&ctx, &after)
    ))
}

fn healthy(ctx: &Context, r: &CheckReport) -> String {
    format!(
        "{}\n",
        ctx.lang.fill(
            T::CheckHealthy,
            &[
                &ctx.backend.dir().display(),
                &r.entries,
                &r.last_seq,
                &r.snapshots,
                &r.records
            ]
        )
    )
}

fn problems(lang: Lang, r: &CheckReport) -> String {
    r.problems
        .iter()
        .map(|p| match p {
            Problem::Journal(what) => lang.fill(T::CheckJournal, &[&damage(lang, what)]),
            Problem::Snapshot {
                what: Damage::NoIntactSnapshot,
                ..
            } => lang.t(T::CheckNoSnapshot).to_owned(),
            Problem::Snapshot { path, what } => {
                lang.fill(T::CheckSnapshot, &[&path.display(), &damage(lang, what)])
            }
            Problem::Store(what) => lang.fill(T::CheckStore, &[&damage(lang, what)]),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
