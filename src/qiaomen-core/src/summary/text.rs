//! The plain-text summary, ready to paste into a chat group: no escape codes, no Markdown,
//! every line at most 80 columns (Chinese characters count two).
//!
//! ```text
//! 桂花岭社区 2026年11月30日（周一）工作日报
//! （统计截至 11月30日 17:00）
//!
//! 一、每日一问候
//! 应问候 18 人，已问候 15 人，外出 1 人，未联系 2 人。
//!   G1 顺安网格：应问候 3 人，已问候 3 人，外出 0 人，未联系 0 人
//! 需关注 2 人：
//! 1. 张某（G2 桂园网格，桂园小区 3-2-501）需要帮助
//!    当日联系 1 次；最近联系：09:40 李某（电话），需要帮助
//! ```

use super::format::{width, wrap};
use super::report::{Block, blocks};
use super::{Labels, Summary};

/// The widest line the text form writes.
pub const WIDTH: usize = 80;

/// Writes `line` indented by `first` spaces, wrapped to `WIDTH` with the lines after the
/// first indented by `rest`, each line ended by a newline. Most lines fit as they are (a
/// subdistrict's 日报 has four thousand): those go straight into `out`.
fn write_wrapped(out: &mut String, line: &str, first: usize, rest: usize) {
    let trimmed = line.trim_end();
    if trimmed.is_empty() {
        out.push('\n');
        return;
    }
    if first + width(trimmed) <= WIDTH {
        out.extend(std::iter::repeat_n(' ', first));
        out.push_str(trimmed);
        out.push('\n');
        return;
    }
    let indented = format!("{}{line}", " ".repeat(first));
    for l in wrap(&indented, WIDTH, rest) {
        out.push_str(&l);
        out.push('\n');
    }
}

pub fn render_text(summary: &Summary, labels: &Labels) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let mut push = |line: &str, first: usize, rest: usize| {
        write_wrapped(&mut out, line, first, rest);
    };
    for block in blocks(summary, labels) {
        match block {
            Block::Title(t) | Block::Note(t) | Block::Para(t) => push(&t, 0, 2),
            Block::Heading(h) => {
                push("", 0, 0);
                push(&h, 0, 2);
            }
            Block::Item {
                number,
                text,
                details,
            } => {
                // Details line up under the item's text.
                let indent = if let Some(n) = number {
                    let marker = format!("{n}. ");
                    push(&format!("{marker}{text}"), 0, marker.len());
                    marker.len()
                } else {
                    push(&text, 2, 4);
                    4
                };
                for d in details {
                    push(&d, indent, indent);
                }
            }
            Block::GridTable { lines: grid, .. } => {
                for l in grid {
                    push(&l, 2, 4);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `write_wrapped` wrote before it wrote lines that fit straight into the output: the
    /// indented line through `wrap`, each line and a newline.
    fn through_wrap(line: &str, first: usize, rest: usize) -> String {
        let indented = format!("{}{line}", " ".repeat(first));
        wrap(&indented, WIDTH, rest)
            .into_iter()
            .map(|l| l + "\n")
            .collect()
    }

    #[test]
    fn lines_that_fit_are_written_as_wrap_would_write_them() {
        let long_zh =
            "需关注：".to_owned() + &"王秀英（G1 顺安小区网格，顺安小区 2-3-202）".repeat(4);
        let long_ascii = "word ".repeat(30);
        let exactly = "x".repeat(WIDTH - 2);
        for line in [
            "",
            "   ",
            "a line with trailing spaces   ",
            "应问候 18 人，已问候 15 人，外出 1 人，未联系 2 人。",
            exactly.as_str(),
            long_zh.as_str(),
            long_ascii.as_str(),
        ] {
            for (first, rest) in [(0, 0), (0, 2), (2, 4), (3, 3)] {
                let mut out = String::new();
                write_wrapped(&mut out, line, first, rest);
                assert_eq!(
                    out,
                    through_wrap(line, first, rest),
                    "{line:?} at {first}/{rest}"
                );
            }
        }
    }
}
