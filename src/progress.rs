//! Progress on standard error for long work (import, export, generate, repair): a bar when the
//! total is known, a spinner with a count when it is not.
//!
//! Drawn only when standard error is a terminal, and, for work whose output streams to
//! standard output, only when standard output is not the same screen (`qiaomen export` on a
//! terminal prints its lines there, and a bar would be drawn over them). Anywhere else (a
//! pipe, a file, CI, cron) it is silent: not one byte on standard error. Never coloured, so
//! that `NO_COLOR` has nothing to switch off. `finish` clears the line, for a command that
//! prints its answer next; `done` leaves one line saying what was done, for a command whose
//! output went elsewhere (`generate > file`).
//!
//! ```ignore
//! let p = Progress::spinner(lang, Unit::Lines, lang.t(T::ProgressExport), Streams::Stdout);
//! let mut out = p.counting_lines(writer);   // each '\n' written counts one
//! …
//! p.finish();
//! ```

use std::io::{IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::i18n::{Lang, T};

/// What the count counts, for the word after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Lines,
    Records,
    Bytes,
}

/// Where the command's own output goes, which decides whether a bar may be drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Streams {
    /// The output goes to a file, or is a short answer printed at the end.
    Quiet,
    /// The output streams to standard output while the work runs.
    Stdout,
}

/// Whether to draw, given what standard error and standard output are.
pub fn shown(stderr_terminal: bool, stdout_terminal: bool, streams: Streams) -> bool {
    stderr_terminal && !(streams == Streams::Stdout && stdout_terminal)
}

fn shown_here(streams: Streams) -> bool {
    shown(
        std::io::stderr().is_terminal(),
        std::io::stdout().is_terminal(),
        streams,
    )
}

/// A bar or a spinner; hidden when it may not be drawn, so callers never ask.
pub struct Progress {
    bar: ProgressBar,
    /// What follows the count in the line `done` leaves.
    count: String,
}

impl Progress {
    /// A bar towards `total` units: `label [=====>    ] 40% 4,000/10,000 行 (剩余 6s)`.
    pub fn bar(lang: Lang, unit: Unit, label: &str, total: u64, streams: Streams) -> Progress {
        let count = match unit {
            Unit::Bytes => "{bytes}/{total_bytes}".to_owned(),
            _ => format!("{{human_pos}}/{{human_len}} {}", unit_word(lang, unit)),
        };
        let template = format!(
            "{{msg}} [{{wide_bar}}] {{percent:>3}}% {count} ({} {{eta}})",
            escape(lang.t(T::ProgressLeft))
        );
        let bar = ProgressBar::new(total).with_message(label.to_owned());
        Progress::styled(bar, &template, count, streams)
    }

    /// A spinner with a count and the time so far: `⠋ label 12,345 行 [00:00:03]`.
    pub fn spinner(lang: Lang, unit: Unit, label: &str, streams: Streams) -> Progress {
        let count = match unit {
            Unit::Bytes => "{bytes}".to_owned(),
            _ => format!("{{human_pos}} {}", unit_word(lang, unit)),
        };
        let template = format!(
            "{{spinner}} {} {count} [{{elapsed_precise}}]",
            escape(label)
        );
        Progress::styled(ProgressBar::no_length(), &template, count, streams)
    }

    /// A spinner with no count, for work that tells nothing until it ends (a repair, an import
    /// done by the server): `⠋ label [00:00:03]`.
    pub fn waiting(label: &str, streams: Streams) -> Progress {
        let template = format!("{{spinner}} {} [{{elapsed_precise}}]", escape(label));
        Progress::styled(ProgressBar::no_length(), &template, String::new(), streams)
    }

    fn styled(bar: ProgressBar, template: &str, count: String, streams: Streams) -> Progress {
        if !shown_here(streams) {
            bar.set_draw_target(ProgressDrawTarget::hidden());
            return Progress { bar, count };
        }
        bar.set_draw_target(ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_spinner())
            .progress_chars("=> ");
        bar.set_style(style);
        // Work that blocks for a while (a server's answer) still shows it is alive.
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress { bar, count }
    }

    /// The label before the bar, changed while it runs (a bar's `{msg}`).
    pub fn set_label(&self, label: &str) {
        self.bar.set_message(label.to_owned());
    }

    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }

    pub fn set(&self, position: u64) {
        self.bar.set_position(position);
    }

    pub fn position(&self) -> u64 {
        self.bar.position()
    }

    /// A writer that counts every line written through it.
    pub fn counting_lines<W: Write>(&self, inner: W) -> CountingLines<'_, W> {
        CountingLines {
            inner,
            progress: self,
        }
    }

    /// Done: the line is cleared (the command prints its answer next).
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }

    /// Done: the line is replaced by `label`, the count and the time it took (`已生成 12,345
    /// 行 [00:00:03]`), and kept, for a command that prints nothing else on the terminal.
    pub fn done(self, label: &str) {
        if self.bar.is_hidden() {
            return;
        }
        let template = format!("{} {} [{{elapsed_precise}}]", escape(label), self.count);
        if let Ok(style) = ProgressStyle::with_template(&template) {
            self.bar.set_style(style);
        }
        self.bar.finish();
    }
}

/// Clears the line on an early return (an error) too, so the error is not printed after a
/// half-drawn bar.
impl Drop for Progress {
    fn drop(&mut self) {
        if !self.bar.is_finished() {
            self.bar.finish_and_clear();
        }
    }
}

fn unit_word(lang: Lang, unit: Unit) -> &'static str {
    lang.t(match unit {
        Unit::Lines => T::ProgressLines,
        Unit::Records | Unit::Bytes => T::ProgressRecords,
    })
}

/// A size as people read it: `512 B`, `3.4 MiB`.
pub fn human_bytes(n: u64) -> String {
    indicatif::HumanBytes(n).to_string()
}

/// Braces are the template's own syntax.
fn escape(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// A writer counting the lines that pass through it into its `Progress`.
pub struct CountingLines<'a, W: Write> {
    inner: W,
    progress: &'a Progress,
}

impl<W: Write> Write for CountingLines<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        // A few newlines per kilobyte: counting them is nothing beside the JSON being written,
        // and not worth a crate.
        #[allow(clippy::naive_bytecount)]
        let lines = buf[..n].iter().filter(|&&b| b == b'\n').count();
        if lines > 0 {
            self.progress.inc(lines as u64);
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_only_on_a_terminal_and_never_over_streamed_output() {
        assert!(shown(true, false, Streams::Stdout));
        assert!(shown(true, true, Streams::Quiet));
        assert!(!shown(true, true, Streams::Stdout));
        assert!(!shown(false, false, Streams::Quiet));
        assert!(!shown(false, true, Streams::Stdout));
    }

    #[test]
    fn the_counting_writer_counts_lines_and_passes_bytes_on() {
        let p = Progress::spinner(Lang::En, Unit::Lines, "test", Streams::Quiet);
        let mut out = Vec::new();
        {
            let mut w = p.counting_lines(&mut out);
            w.write_all(b"{\"a\":1}\n{\"b\":2}\n{\"c\"").unwrap();
            w.write_all(b":3}\n").unwrap();
        }
        assert_eq!(p.position(), 3);
        assert_eq!(out, b"{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n");
        p.finish();
    }

    #[test]
    fn labels_with_braces_make_a_valid_template() {
        assert_eq!(escape("a {b}"), "a {{b}}");
        let p = Progress::bar(Lang::Zh, Unit::Bytes, "{x}", 10, Streams::Quiet);
        p.set(5);
        assert_eq!(p.position(), 5);
    }
}
