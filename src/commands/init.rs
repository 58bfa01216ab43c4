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
    group: Option<&str>,
) -> Result<String, AppError> {
    let dir = context::db_dir(cli);
    // The group is checked before anything is created.
    let gid = group.map(|g| gid_of(g, cli)).transpose()?;
    let engine = match Engine::create(&dir, &crate::context::os_user(), context::creation_now()?) {
        Err(qiaomen_core::Error::NotEmpty(_)) if qiaomen_core::engine::is_database(&dir) => {
            return Err(AppError::NotEmpty(dir.display().to_string()));
        }
        other => other?,
    };
    if let Some(gid) = gid {
        share_with(&dir, gid)?;
    }
    let direct = std::sync::Arc::new(crate::backend::Direct::new(engine));
    let ctx = Context::with_backend(cli, direct.clone())?;
    let shown = dir.display();
    if empty {
        return Ok(format!("{}\n", ctx.lang.fill(T::InitDone, &[&shown])));
    }
    if demo {
        let report = crate::demo::load(direct.engine(), ctx.now()?, &ctx.operator()?)?;
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

/// The id of an OS group, from `/etc/group`.
fn gid_of(group: &str, cli: &Cli) -> Result<u32, AppError> {
    std::fs::read_to_string("/etc/group")
        .ok()
        .and_then(|text| {
            text.lines().find_map(|line| {
                let mut f = line.split(':');
                (f.next()? == group).then(|| f.nth(1)?.parse().ok())?
            })
        })
        .ok_or_else(|| AppError::Usage(context::lang(cli).fill(T::ErrNoGroup, &[&group])))
}

/// Lets the group pass through the database directory to the server's socket: the directory
/// 0710 and the group's; every file in it stays 0600 and the owner's.
fn share_with(dir: &std::path::Path, gid: u32) -> Result<(), AppError> {
    use std::os::unix::fs::PermissionsExt;
    std::os::unix::fs::chown(dir, None, Some(gid))?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o710))?;
    Ok(())
}
