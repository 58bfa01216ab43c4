//! `qiaomen init [--community NAME] [--demo]`: the only command that creates a database.

use qiaomen_core::Reads;
use qiaomen_core::model::Community;
use qiaomen_core::{Actor, Command, Engine};

use crate::cli::Cli;
use crate::context::{self, Context};
use crate::error::AppError;
use crate::i18n::T;

pub fn run(
    cli: &Cli,
    community: Option<&str>,
    demo: bool,
    empty: bool,
) -> Result<String, AppError> {
    let dir = context::db_dir(cli);
    let engine = match Engine::create(
        &dir,
        &qiaomen_core::engine::os_user(),
        context::creation_now()?,
    ) {
        Err(qiaomen_core::Error::NotEmpty(_)) if qiaomen_core::engine::is_database(&dir) => {
            return Err(AppError::NotEmpty(dir.display().to_string()));
        }
        other => other?,
    };
    let direct = std::sync::Arc::new(crate::backend::Direct::new(engine));
    let ctx = Context::with_backend(cli, direct.clone())?;
    let shown = dir.display();
    if empty {
        return Ok(format!("{}\n", ctx.lang.fill(T::InitDone, &[&shown])));
    }
    if demo {
        let report = crate::demo::load(direct.engine(), ctx.now()?, &ctx.operator)?;
        if let Some(name) = community {
            rename(&ctx, name)?;
        }
        return Ok(format!(
            "{}\n",
            ctx.lang.fill(T::InitDemoDone, &[&shown, &report.records])
        ));
    }
    rename(
        &ctx,
        community.unwrap_or(if ctx.lang == crate::i18n::Lang::Zh {
            "社区"
        } else {
            "Community"
        }),
    )?;
    Ok(format!("{}\n", ctx.lang.fill(T::InitDone, &[&shown])))
}

fn rename(ctx: &Context, name: &str) -> Result<(), AppError> {
    let mut c = ctx.backend.community()?;
    if c.name.is_empty() {
        c = Community::named(name);
    } else {
        name.clone_into(&mut c.name);
    }
    let actor: Actor = ctx.actor()?;
    ctx.backend.apply(Command::Configure(c), &actor)?;
    Ok(())
}
