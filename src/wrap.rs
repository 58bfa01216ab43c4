//! The one way text is wrapped on screen. Detail panes, the case timeline, the resident card,
//! the summary, popups and multi-line form fields all wrap through `lines` (styled lines) or
//! `ranges` (plain text), and draw the result without ratatui's own wrapping, so what is
//! measured (scrolling, heights) is what is drawn.
//!
//! The rules, for Chinese and English alike:
//! - a line breaks at a space, or between two Chinese characters; never inside a word or a
//!   number, and nothing is dropped or split: a space where a line breaks is the only thing
//!   not drawn;
//! - closing punctuation (，。、；：？！）」』 …) stays at the end of the line before, opening
//!   punctuation (（「『“ …) with what follows;
//! - a number keeps the word after it (`500.00 元`, `1 次`, `4-01住户`), and `#5` the word
//!   before it (`知行书店 #5`);
//! - only a word wider than the whole line is cut, between two characters.
//!
//! Widths are those of `width.rs` (one grapheme at a time); text from the database is folded
//! by `chrome::clean` first, so half-width kana and emoji sequences measure as drawn.

use std::ops::Range;

use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;

/// Never starts a line.
const CLOSING: &str = "，。、；：？！）」』】〉》〕｝］〗〙”’…‥・ー～％々ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.;:?!)]}%";
/// Never ends a line.
const OPENING: &str = "（「『【〈《〔｛［〖〘“‘([{";

fn no_break_before(g: &str) -> bool {
    g.chars().next().is_some_and(|c| CLOSING.contains(c))
}

fn no_break_after(g: &str) -> bool {
    g.chars().next().is_some_and(|c| OPENING.contains(c))
}

fn is_space(g: &str) -> bool {
    g.chars().all(char::is_whitespace) && !is_newline(g)
}

fn is_newline(g: &str) -> bool {
    g == "\n" || g == "\r\n"
}

fn grapheme_width(g: &str) -> usize {
    crate::width::width(g)
}

/// One piece that is never broken inside: `sep` (spaces before it, dropped where the line
/// breaks) and `body`, as byte ranges; `hard` when a new line starts before it.
struct Atom {
    sep: Range<usize>,
    sep_width: usize,
    body: Range<usize>,
    body_width: usize,
    hard: bool,
}

/// Splits `text` into atoms, deciding at each boundary whether a line may break there.
// `i` the grapheme, `g` its text, `w` its width; each rule of `breakable` reads as written.
#[allow(clippy::many_single_char_names, clippy::nonminimal_bool)]
fn atoms(text: &str) -> Vec<Atom> {
    let gs: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
    let mut out: Vec<Atom> = Vec::new();
    let mut cur = Atom {
        sep: 0..0,
        sep_width: 0,
        body: 0..0,
        body_width: 0,
        hard: false,
    };
    // The last drawn grapheme before the boundary, and whether its run of narrow characters
    // holds a digit (a number, which keeps the word after it).
    let mut prev: Option<&str> = None;
    let mut number = false;
    // Inside a run of narrow characters, and whether it started with `#`.
    let mut in_run = false;
    let mut reference = false;
    // Spaces just glued the text before to what follows.
    let mut glue_next = false;
    let mut i = 0;
    while i < gs.len() {
        let (at, g) = gs[i];
        if is_newline(g) {
            out.push(std::mem::replace(
                &mut cur,
                Atom {
                    sep: at + g.len()..at + g.len(),
                    sep_width: 0,
                    body: at + g.len()..at + g.len(),
                    body_width: 0,
                    hard: true,
                },
            ));
            prev = None;
            number = false;
            in_run = false;
            i += 1;
            continue;
        }
        if is_space(g) {
            let start = at;
            let mut end = at;
            let mut w = 0;
            while i < gs.len() && is_space(gs[i].1) {
                end = gs[i].0 + gs[i].1.len();
                w += grapheme_width(gs[i].1);
                i += 1;
            }
            let next = gs.get(i).map(|&(_, g)| g).filter(|g| !is_newline(g));
            let single = end - start == 1;
            let glued = match (prev, next) {
                // Spaces at the start of a line are indentation: drawn.
                (None, _) => true,
                (Some(p), Some(n)) => {
                    n.starts_with('#')
                        || no_break_before(n)
                        || no_break_after(p)
                        || (single && number && grapheme_width(n) >= 2)
                }
                (Some(_), None) => false,
            };
            if glued {
                cur.body.end = end;
                cur.body_width += w;
                glue_next = true;
            } else {
                out.push(std::mem::replace(
                    &mut cur,
                    Atom {
                        sep: start..end,
                        sep_width: w,
                        body: end..end,
                        body_width: 0,
                        hard: false,
                    },
                ));
            }
            number = false;
            in_run = false;
            continue;
        }
        let w = grapheme_width(g);
        // Between two narrow characters never; next to a wide one unless a rule glues them.
        let breakable = !cur.body.is_empty()
            && !std::mem::take(&mut glue_next)
            && prev.is_some_and(|p| {
                (w >= 2 || grapheme_width(p) >= 2)
                    && !no_break_before(g)
                    && !no_break_after(p)
                    && !g.starts_with('#')
                    && !(number && w >= 2)
            });
        if breakable {
            out.push(std::mem::replace(
                &mut cur,
                Atom {
                    sep: at..at,
                    sep_width: 0,
                    body: at..at,
                    body_width: 0,
                    hard: false,
                },
            ));
        }
        cur.body.end = at + g.len();
        cur.body_width += w;
        // A number keeps the word after it; a reference (`#5`) does not.
        if w >= 2 {
            number = false;
            in_run = false;
        } else {
            if !in_run {
                in_run = true;
                reference = g == "#";
            }
            number |= !reference && g.chars().any(|c| c.is_ascii_digit());
        }
        prev = Some(g);
        i += 1;
    }
    out.push(cur);
    out
}

/// The byte ranges of `text` that make its lines at `width` columns. Between two ranges lie
/// only the spaces (or the new line) where the text broke; every other character is in
/// exactly one range, in order. Empty text is one empty line.
pub fn ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines: Vec<Range<usize>> = Vec::new();
    // The line being filled and its width.
    let mut cur: Option<(Range<usize>, usize)> = None;
    for atom in atoms(text) {
        if atom.hard {
            lines.push(cur.take().map_or(atom.sep.start..atom.sep.start, |c| c.0));
        }
        match &mut cur {
            Some((range, used)) if *used + atom.sep_width + atom.body_width <= width => {
                range.end = atom.body.end;
                *used += atom.sep_width + atom.body_width;
            }
            // Trailing spaces that do not fit are where the line breaks.
            Some(_) if atom.body.is_empty() => {}
            Some(_) => {
                lines.extend(cur.take().map(|c| c.0));
                cur = Some(place(text, &atom, width, &mut lines));
            }
            None => cur = Some(place(text, &atom, width, &mut lines)),
        }
    }
    lines.extend(cur.map(|c| c.0));
    if lines.is_empty() {
        lines.push(0..0);
    }
    lines
}

/// Starts a line with an atom's body; a body wider than the line is cut between graphemes
/// (never before closing punctuation when it can be helped), its full lines pushed.
fn place(
    text: &str,
    atom: &Atom,
    width: usize,
    lines: &mut Vec<Range<usize>>,
) -> (Range<usize>, usize) {
    if atom.body_width <= width {
        return (atom.body.clone(), atom.body_width);
    }
    let body = &text[atom.body.clone()];
    let gs: Vec<(usize, &str)> = body
        .grapheme_indices(true)
        .map(|(i, g)| (i + atom.body.start, g))
        .collect();
    let mut start = 0;
    while start < gs.len() {
        let mut end = start;
        let mut used = 0;
        while end < gs.len() && (end == start || used + grapheme_width(gs[end].1) <= width) {
            used += grapheme_width(gs[end].1);
            end += 1;
        }
        // Closing punctuation goes down with the character it closes (and the spaces
        // between), when the line keeps something.
        if end < gs.len() && no_break_before(gs[end].1) {
            let mut e = end;
            while e > start + 1 && (no_break_before(gs[e].1) || is_space(gs[e].1)) {
                e -= 1;
            }
            if !no_break_before(gs[e].1) && !is_space(gs[e].1) {
                end = e;
                used = gs[start..end].iter().map(|g| grapheme_width(g.1)).sum();
            }
        }
        let mut last = end - 1;
        while last > start && is_space(gs[last].1) {
            last -= 1;
        }
        let range = gs[start].0..gs[last].0 + gs[last].1.len();
        // A space where it was cut is where the line breaks.
        let mut next = end;
        while next < gs.len() && is_space(gs[next].1) {
            next += 1;
        }
        if next >= gs.len() {
            return (range, used);
        }
        lines.push(range);
        start = next;
    }
    (atom.body.end..atom.body.end, 0)
}

/// Wraps styled lines to `width` columns: each line into as many as it needs, its spans cut
/// where it breaks, its style and alignment kept.
pub fn lines<'a>(input: impl IntoIterator<Item = Line<'a>>, width: u16) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for line in input {
        let mut text = String::new();
        let mut spans: Vec<(Range<usize>, ratatui::style::Style)> = Vec::new();
        for s in &line.spans {
            let start = text.len();
            text.push_str(&s.content);
            spans.push((start..text.len(), s.style));
        }
        for r in ranges(&text, usize::from(width)) {
            let pieces: Vec<Span<'static>> = spans
                .iter()
                .filter_map(|(sr, style)| {
                    let a = sr.start.max(r.start);
                    let b = sr.end.min(r.end);
                    (a < b).then(|| Span::styled(text[a..b].to_owned(), *style))
                })
                .collect();
            let mut l = Line::from(pieces).style(line.style);
            l.alignment = line.alignment;
            out.push(l);
        }
    }
    out
}

/// A paragraph of `text` wrapped to `width` columns, for ratatui to draw as it is (no
/// wrapping of its own: `line_count` is then the number of lines drawn).
pub fn paragraph<'a>(text: impl Into<ratatui::text::Text<'a>>, width: u16) -> Paragraph<'static> {
    let text: ratatui::text::Text = text.into();
    let style = text.style;
    Paragraph::new(lines(text.lines, width)).style(style)
}

/// `text` wrapped to `width`, one `String` a line.
pub fn text(text: &str, width: usize) -> Vec<String> {
    ranges(text, width)
        .into_iter()
        .map(|r| text[r].to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cases_of_issue_15_wrap_whole() {
        assert_eq!(text("知行书店 #5", 8), ["知行书", "店 #5"]);
        assert_eq!(text("每月 500.00 元", 10), ["每月", "500.00 元"]);
        assert_eq!(text("好的，明天再来。", 6), ["好的，", "明天再", "来。"]);
        assert_eq!(text("楼4-01住户", 7), ["楼", "4-01住", "户"]);
        assert_eq!(text("第 1 次调解", 6), ["第", "1 次调", "解"]);
        assert_eq!(text("notice #12 sent", 10), ["notice #12", "sent"]);
    }

    #[test]
    fn spaces_are_kept_inside_lines_and_dropped_where_lines_break() {
        assert_eq!(text("a b  c", 10), ["a b  c"]);
        assert_eq!(text("  indented", 20), ["  indented"]);
        assert_eq!(text("one two three", 7), ["one two", "three"]);
        assert_eq!(text("", 5), [""]);
        assert_eq!(text("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(text("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn styles_follow_their_text_across_breaks() {
        use ratatui::style::Style;
        let red = Style::new().red();
        let line = Line::from(vec![Span::raw("备注 "), Span::styled("王秀英说腿疼", red)]);
        let out = lines([line], 11);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].spans[1].content, "王秀英");
        assert_eq!(out[0].spans[0].content, "备注 ");
        assert_eq!(out[1].spans[0].content, "说腿疼");
        assert_eq!(out[1].spans[0].style, red);
    }
}
