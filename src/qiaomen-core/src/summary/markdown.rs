//! The summary as Markdown (CommonMark with pipe tables), for a wiki, an e-mail or a
//! document. Everything that came from people is escaped, so a `*` in a note stays a `*`.

use super::report::{Block, blocks};
use super::{Labels, Summary};

/// Backslash-escapes what Markdown would read as markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn row(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

pub fn render_markdown(summary: &Summary, labels: &Labels) -> String {
    let mut out: Vec<String> = Vec::new();
    // A list ends at the next paragraph or heading; Markdown needs a blank line there.
    let mut in_list = false;
    for block in blocks(summary, labels) {
        let is_item = matches!(block, Block::Item { .. });
        if in_list && !is_item {
            out.push(String::new());
        }
        in_list = is_item;
        match block {
            Block::Title(t) => {
                out.push(format!("# {}", escape(&t)));
                out.push(String::new());
            }
            Block::Note(t) | Block::Para(t) => {
                out.push(escape(&t));
                out.push(String::new());
            }
            Block::Heading(h) => {
                out.push(format!("## {}", escape(&h)));
                out.push(String::new());
            }
            Block::Item {
                number,
                text,
                details,
            } => {
                let marker = number.map_or_else(|| "-".to_owned(), |n| format!("{n}."));
                out.push(format!("{marker} {}", escape(&text)));
                let pad = " ".repeat(marker.len() + 1);
                for d in details {
                    out.push(format!("{pad}- {}", escape(&d)));
                }
            }
            Block::GridTable { header, rows, .. } => {
                let header: Vec<String> = header.iter().map(|h| escape(h)).collect();
                out.push(row(&header));
                let mut rule = vec!["---".to_owned()];
                rule.extend(std::iter::repeat_n("---:".to_owned(), header.len() - 1));
                out.push(row(&rule));
                for r in rows {
                    let cells: Vec<String> = r.iter().map(|c| escape(c)).collect();
                    out.push(row(&cells));
                }
                out.push(String::new());
            }
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}
