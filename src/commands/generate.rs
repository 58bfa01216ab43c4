//! `qiaomen generate --scale community|subdistrict|district [--seed N] [--days N]`: a
//! deterministic synthetic community as JSON Lines on standard output, for trials and
//! benchmarks. The same scale, seed, days and end day always give the same bytes; the end day
//! is today (in +08:00), or `QIAOMEN_NOW`'s day.

use std::io::{BufWriter, Write};

use qiaomen_core::generate::{GenerateOptions, Scale, generate};

use crate::cli::Cli;
use crate::context;
use crate::error::{AppError, arg};
use crate::i18n::T;
use crate::progress::{Progress, Streams, Unit};

pub fn run(cli: &Cli, scale: &str, seed: u64, days: Option<u32>) -> Result<String, AppError> {
    let lang = context::lang(cli);
    let scale: Scale = arg(scale.parse(), lang)?;
    let opts = GenerateOptions {
        scale,
        seed,
        days: days.unwrap_or_else(|| scale.default_days()),
        end: context::now(480)?.date,
    };
    let progress = Progress::spinner(
        lang,
        Unit::Lines,
        lang.t(T::ProgressGenerate),
        Streams::Stdout,
    );
    let mut out =
        BufWriter::with_capacity(1 << 16, progress.counting_lines(std::io::stdout().lock()));
    // `generate … | head` closes the pipe: `main_with` ends that quietly, as for every command.
    generate(&opts, &mut out)?;
    out.flush()?;
    drop(out);
    progress.done(lang.t(T::ProgressGenerated));
    Ok(String::new())
}
