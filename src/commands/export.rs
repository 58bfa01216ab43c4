//! `qiaomen export [--out FILE] [--with-audit]`: everything as JSON Lines (the default); and
//! `qiaomen export --format csv|xlsx --what SHEET [--grid G] [--date D] [--mask]
//! [--encoding E] [--out FILE]`: one sheet for spreadsheets (see `sheet::export`).

use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;

use crate::cli::ExportArgs;
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::progress::{Progress, Streams, Unit};
use crate::sheet::export::{self as sheet, What};
use crate::sheet::table::RowSink;
use crate::sheet::write_csv::{CsvSink, Encoding};
use crate::sheet::write_xlsx::XlsxSink;

/// What the command line asks for, checked before the database is opened.
pub enum Plan<'a> {
    JsonLines {
        out: Option<&'a Path>,
        with_audit: bool,
    },
    Sheet {
        args: &'a ExportArgs,
        what: What,
        /// CSV in this encoding, or XLSX when `None`.
        csv: Option<Encoding>,
    },
}

/// Checks the options against each other; a mismatch is one sentence and exit 2.
pub fn plan(a: &ExportArgs, lang: Lang) -> Result<Plan<'_>, AppError> {
    let usage = |k: T| Err(AppError::Usage(lang.t(k).to_owned()));
    let format = a.format.as_deref().map(str::trim);
    let xlsx = match format {
        None | Some("jsonl") => {
            if a.what.is_some()
                || a.grid.is_some()
                || a.date.is_some()
                || a.mask
                || a.encoding.is_some()
            {
                return usage(T::ExportWhatNeedsFormat);
            }
            return Ok(Plan::JsonLines {
                out: a.out.as_deref(),
                with_audit: a.with_audit,
            });
        }
        Some("csv") => false,
        Some("xlsx") => true,
        Some(other) => {
            return Err(AppError::Usage(lang.fill(T::ExportBadFormat, &[&other])));
        }
    };
    if a.with_audit {
        return usage(T::ExportAuditJsonl);
    }
    if xlsx && a.encoding.is_some() {
        return usage(T::ExportEncodingCsv);
    }
    let Some(what) = a.what.as_deref() else {
        return Err(AppError::Usage(lang.fill(
            T::ExportNeedsWhat,
            &[&format.unwrap_or_default(), &What::choices()],
        )));
    };
    Ok(Plan::Sheet {
        args: a,
        what: What::parse(what, lang)?,
        csv: (!xlsx).then(|| a.encoding.unwrap_or(Encoding::Utf8Bom)),
    })
}

pub fn run(ctx: &Context, plan: &Plan) -> Result<String, AppError> {
    match plan {
        Plan::JsonLines { out, with_audit } => json_lines(ctx, *out, *with_audit),
        Plan::Sheet { args, what, csv } => spreadsheet(ctx, args, *what, *csv),
    }
}

fn spreadsheet(
    ctx: &Context,
    a: &ExportArgs,
    what: What,
    csv: Option<Encoding>,
) -> Result<String, AppError> {
    let req = sheet::Request {
        what,
        grid: ctx.grid_arg(a.grid.as_deref())?,
        date: ctx.date_or_today(a.date.as_deref())?,
        mask: a.mask,
    };
    let name = what.sheet_name(ctx.lang);
    let today = ctx.now()?.date;
    let write = |out: &mut dyn WriteSend| -> Result<usize, AppError> {
        let mut sink: Box<dyn RowSink + '_> = match csv {
            Some(enc) => Box::new(CsvSink::new(out, enc)),
            None => Box::new(
                XlsxSink::new(out, name, today).map_err(|e| sheet::sink_error(ctx.lang, e))?,
            ),
        };
        sheet::write(ctx, &req, a.date.is_some(), &mut *sink)
    };
    if let Some(path) = &a.out {
        let progress = Progress::waiting(ctx.lang.t(T::ProgressExport), Streams::Quiet);
        let n = atomically(path, |f| write(f))?;
        progress.finish();
        return Ok(format!(
            "{}\n",
            ctx.lang.fill(T::ExportSheetDone, &[&n, &path.display()])
        ));
    }
    let stdout = std::io::stdout();
    if csv.is_none() && stdout.is_terminal() {
        return Err(AppError::Usage(
            ctx.lang.t(T::ExportBinaryTerminal).to_owned(),
        ));
    }
    let mut w = BufWriter::new(stdout);
    write(&mut w)?;
    w.flush()?;
    Ok(String::new())
}

/// A writer the XLSX sink may hold (rust_xlsxwriter wants `Send`).
pub trait WriteSend: Write + Send {}
impl<W: Write + Send> WriteSend for W {}

/// Writes beside the target and renames, so a failed export never leaves half a file.
fn atomically<T>(
    path: &Path,
    f: impl FnOnce(&mut dyn WriteSend) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    let value = {
        let mut w = BufWriter::new(tmp.as_file_mut());
        let value = f(&mut w)?;
        w.flush()?;
        value
    };
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| AppError::Io(e.error))?;
    Ok(value)
}

fn json_lines(ctx: &Context, out: Option<&Path>, with_audit: bool) -> Result<String, AppError> {
    let lang = ctx.lang;
    if let Some(path) = out {
        let progress =
            Progress::spinner(lang, Unit::Lines, lang.t(T::ProgressExport), Streams::Quiet);
        let n = atomically(path, |w| {
            Ok(ctx
                .backend
                .export(&mut progress.counting_lines(w), with_audit)?)
        })?;
        progress.finish();
        Ok(format!(
            "{}\n",
            lang.fill(T::ExportDone, &[&n, &path.display()])
        ))
    } else {
        // Streamed: a large community's export does not fit a String comfortably.
        let progress = Progress::spinner(
            lang,
            Unit::Lines,
            lang.t(T::ProgressExport),
            Streams::Stdout,
        );
        let mut w = BufWriter::new(progress.counting_lines(std::io::stdout().lock()));
        ctx.backend.export(&mut w, with_audit)?;
        w.flush()?;
        drop(w);
        progress.done(lang.t(T::ProgressExported));
        Ok(String::new())
    }
}
