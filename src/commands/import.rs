//! `qiaomen import FILE|- [--dry-run]`: all or nothing; errors name the line and the field.
//! A CSV or Excel file is a roster, read by `import_sheet.rs`.

use std::io::Read;
use std::path::Path;

use crate::cli::SheetArgs;
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::T;
use crate::progress::{Progress, Streams, Unit, human_bytes};

pub fn run(
    ctx: &Context,
    file: &Path,
    dry_run: bool,
    sheet: &SheetArgs,
) -> Result<String, AppError> {
    if crate::sheet::read::is_sheet(file) {
        return super::import_sheet::run(ctx, file, dry_run, sheet);
    }
    if sheet.given() {
        return Err(AppError::Usage(
            ctx.lang.t(T::SheetOptionsOnSheets).to_owned(),
        ));
    }
    // The importer reads its source twice (check, then write): standard input is spooled to a
    // private temporary file first.
    let spooled;
    let (path, label) = if file.as_os_str() == "-" {
        let mut tmp = tempfile::NamedTempFile::new()?;
        std::io::copy(&mut std::io::stdin().lock().take(u64::MAX), &mut tmp)?;
        spooled = tmp;
        (spooled.path().to_owned(), "stdin".to_owned())
    } else {
        (file.to_owned(), file.display().to_string())
    };
    let actor = ctx.actor()?;
    let report = watched(ctx, &path, &label, dry_run, &actor)?;
    let kinds: Vec<String> = report
        .by_kind
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    let key = if dry_run {
        T::ImportChecked
    } else {
        T::ImportDone
    };
    Ok(format!(
        "{}\n",
        ctx.lang.fill(key, &[&report.records, &kinds.join(", ")])
    ))
}

/// The import of `path` by the engine, with its progress on standard error: in this process, a
/// bar of the bytes read, once per pass over the file (checking, then writing), the pass in
/// its label; through the server, which tells nothing until the import ends, a spinner with
/// what is read, how large it is and for how long it has been going. Also the roster import's,
/// whose rows become JSON Lines first.
pub fn watched(
    ctx: &Context,
    path: &Path,
    label: &str,
    dry_run: bool,
    actor: &qiaomen_core::Actor,
) -> qiaomen_core::Result<qiaomen_core::store::ImportReport> {
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let what = ctx
        .lang
        .fill(T::ProgressImport, &[&label, &human_bytes(size)]);
    if let Some(direct) = ctx.backend.direct() {
        // The file's name only: the bar and its counts must fit a line of 80 columns.
        let name = path
            .file_name()
            .filter(|_| label != "stdin")
            .map_or_else(|| label.to_owned(), |n| n.to_string_lossy().into_owned());
        let progress = Progress::bar(ctx.lang, Unit::Bytes, &what, size, Streams::Quiet);
        let report = direct.import_watched(path, label, dry_run, actor, &mut |pass, read| {
            if read == 0 {
                progress.set_label(&ctx.lang.fill(T::ProgressPass, &[&name, &pass]));
            }
            progress.set(read);
        })?;
        progress.finish();
        Ok(report)
    } else {
        let progress = Progress::waiting(&what, Streams::Quiet);
        let report = ctx.backend.import(path, label, dry_run, actor)?;
        progress.finish();
        Ok(report)
    }
}
