//! `qiaomen export [--out FILE] [--with-audit]`

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::context::Context;
use crate::error::AppError;
use crate::i18n::T;
use crate::progress::{Progress, Streams, Unit};

pub fn run(ctx: &Context, out: Option<&Path>, with_audit: bool) -> Result<String, AppError> {
    if let Some(path) = out {
        {
            // Write beside the target and rename, so a failed export never leaves half a file.
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
            let progress = Progress::spinner(
                ctx.lang,
                Unit::Lines,
                ctx.lang.t(T::ProgressExport),
                Streams::Quiet,
            );
            let n = {
                let mut w = BufWriter::new(progress.counting_lines(tmp.as_file_mut()));
                let n = ctx.backend.export(&mut w, with_audit)?;
                w.flush()?;
                n
            };
            progress.finish();
            tmp.as_file().sync_all()?;
            tmp.persist(path).map_err(|e| AppError::Io(e.error))?;
            Ok(format!(
                "{}\n",
                ctx.lang.fill(T::ExportDone, &[&n, &path.display()])
            ))
        }
    } else {
        {
            // Streamed: a large community's export does not fit a String comfortably.
            let progress = Progress::spinner(
                ctx.lang,
                Unit::Lines,
                ctx.lang.t(T::ProgressExport),
                Streams::Stdout,
            );
            let mut w = BufWriter::new(progress.counting_lines(std::io::stdout().lock()));
            ctx.backend.export(&mut w, with_audit)?;
            w.flush()?;
            drop(w);
            progress.done(ctx.lang.t(T::ProgressExported));
            Ok(String::new())
        }
    }
}
