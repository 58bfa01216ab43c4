//! `qiaomen summary [--date D] [--grid G] [--period day|month|quarter|year | --from D --to D]
//! [--format text|md|json|csv] [--out FILE]`: the end-of-day report, ready to paste into the
//! subdistrict's chat group. The running totals cover the calendar year up to the day unless
//! told otherwise.

use std::path::Path;

use qiaomen_core::Date;
use qiaomen_core::model::Id;
use qiaomen_core::summary::{Summary, csv, json, labels, markdown, text};

use crate::cli::{Format, SummaryArgs};
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::sheet::table::{Cell, RowSink, SinkError};
use crate::sheet::write_csv::{CsvSink, Encoding};

/// The summary's words in the user's language.
pub fn labels_for(lang: Lang) -> &'static labels::Labels {
    match lang {
        Lang::Zh => &labels::ZH,
        Lang::En => &labels::EN,
    }
}

/// Computes the summary of a day (the period defaults to the calendar year up to that day;
/// with `--to` alone, it starts on the first record).
pub fn compute(
    ctx: &Context,
    date: Date,
    grid: Option<Id>,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Summary, AppError> {
    let period = period_of(ctx, date, grid, from, to)?;
    Ok(ctx.backend.summary(date, ctx.now()?, grid, period)?)
}

/// The period of `--from`/`--to` (`None`: the calendar year up to the day).
fn period_of(
    ctx: &Context,
    date: Date,
    grid: Option<Id>,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Option<(Date, Date)>, AppError> {
    Ok(match (from, to) {
        (None, None) => None,
        (Some(f), None) => Some((f, date)),
        (f, Some(t)) => {
            let first = match f {
                Some(f) => f,
                None => ctx.backend.first_record_day(grid)?.unwrap_or(t).min(t),
            };
            Some((first, t))
        }
    })
}

/// The summary as printed: text and Markdown laid out behind the backend when it can (a
/// server keeps them until the next change), the rest here.
fn printed(
    ctx: &Context,
    (date, grid, from, to): (Date, Option<Id>, Option<Date>, Option<Date>),
    format: Format,
) -> Result<String, AppError> {
    let period = period_of(ctx, date, grid, from, to)?;
    let now = ctx.now()?;
    let markdown = match format {
        Format::Text => Some(false),
        Format::Md => Some(true),
        Format::Json | Format::Csv => None,
    };
    if let Some(markdown) = markdown
        && let Some(text) = ctx
            .backend
            .laid_out_summary(date, now, grid, period, ctx.lang, markdown)
    {
        return Ok(text?);
    }
    let summary = ctx.backend.summary(date, now, grid, period)?;
    let out = render(&summary, format, ctx.lang);
    // A district's report (its attention list: thousands of lines) let go of behind the answer.
    qiaomen_core::beside::drop_behind(summary);
    Ok(out)
}

pub fn render(s: &Summary, format: Format, lang: Lang) -> String {
    match format {
        Format::Text => text::render_text(s, labels_for(lang)),
        Format::Md => markdown::render_markdown(s, labels_for(lang)),
        Format::Json => json::render_json(s),
        Format::Csv => render_csv(s),
    }
}

/// The summary's rows through the one CSV writer of the exports: UTF-8 with a byte-order
/// mark, CRLF, RFC 4180 quoting, text typed by people neutralised against formulas.
pub fn render_csv(s: &Summary) -> String {
    let mut sink = CsvSink::new(Vec::new(), Encoding::Utf8Bom);
    let written: Result<(), SinkError> = (|| {
        sink.header(&csv::HEADER)?;
        for row in csv::rows(s) {
            let cells: Vec<Cell> = row
                .into_iter()
                .map(|f| {
                    if f.from_people {
                        Cell::text(f.text)
                    } else {
                        Cell::code(f.text)
                    }
                })
                .collect();
            sink.row(&cells)?;
        }
        sink.finish()
    })();
    // Writing UTF-8 into memory: there is no I/O to fail and no encoding to refuse.
    written.expect("a CSV in memory");
    String::from_utf8(sink.into_inner()).expect("the writer was given UTF-8")
}

pub fn run(ctx: &Context, a: &SummaryArgs) -> Result<String, AppError> {
    let lang = ctx.lang;
    let date = ctx.date_or_today(a.date.as_deref())?;
    let grid = ctx.grid_arg(a.grid.as_deref())?.map(|g| g.id);
    let from = ctx.date_opt(a.from.as_deref())?;
    let to = ctx.date_opt(a.to.as_deref())?;
    let (from, to) = match a.period.as_deref() {
        Some(p) => {
            let span: qiaomen_core::summary::Span = crate::error::arg(p.parse(), lang)?;
            let (f, t) = span.range(date);
            (Some(f), Some(t))
        }
        None => (from, to),
    };
    let out = printed(ctx, (date, grid, from, to), a.format)?;
    match &a.out {
        Some(path) => {
            write_atomically(path, out.as_bytes())?;
            Ok(format!(
                "{}\n",
                lang.fill(T::SummaryWritten, &[&path.display()])
            ))
        }
        None => Ok(out),
    }
}

/// Writes beside the target and renames, so a reader never sees half a report.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| AppError::Io(e.error))?;
    Ok(())
}
