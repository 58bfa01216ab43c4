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

use super::format::wrap;
use super::report::{Block, blocks};
use super::{Labels, Summary};

/// The widest line the text form writes.
pub const WIDTH: usize = 80;

pub fn render_text(summary: &Summary, labels: &Labels) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut push = |line: &str, first: usize, rest: usize| {
        let indented = format!("{}{line}", " ".repeat(first));
        lines.extend(wrap(&indented, WIDTH, rest));
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
    let mut out = lines.join("\n");
    out.push('\n');
    out
}
