//! `qiaomen backup --to DIR`: the snapshots and the journal, copied consistently.

use std::path::Path;

use crate::context::Context;
use crate::error::AppError;
use crate::i18n::T;

pub fn run(ctx: &Context, to: &Path) -> Result<String, AppError> {
    // Where the person typing stands, not where a server runs.
    let to = crate::backend::absolute(to)?;
    let r = ctx.backend.backup(&to, ctx.now()?)?;
    Ok(format!(
        "{}\n",
        ctx.lang.fill(
            T::BackupDone,
            &[
                &r.dir.display(),
                &r.snapshots,
                &r.segments,
                &r.seq,
                &r.copied_bytes,
                &r.total_bytes
            ]
        )
    ))
}
