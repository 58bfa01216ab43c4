//! Display width of text in terminal columns (CJK counts 2), for aligned columns on the
//! command line and in the UI. Text from the database is sanitised here too.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with `…` when cut; never splits a wide character.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// Pads (or cuts) `s` to exactly `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let mut out = truncate(s, cols);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// A plain table: the header, then rows; each column as wide as its widest cell (capped).
pub fn table(header: &[&str], rows: &[Vec<String>], caps: &[usize]) -> String {
    let n = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(n) {
            widths[i] = widths[i].max(width(cell));
        }
    }
    for ((w, cap), h) in widths.iter_mut().zip(caps).zip(header) {
        *w = (*w).min((*cap).max(width(h)));
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        let parts: Vec<String> = cells.zip(&widths).map(|(c, &w)| pad(c, w)).collect();
        parts.join("  ").trim_end().to_owned()
    };
    let mut out = line(&mut header.iter().copied());
    out.push('\n');
    for row in rows {
        out.push_str(&line(
            &mut row
                .iter()
                .map(|s| qiaomen_core::text::sanitize(s))
                .collect::<Vec<_>>()
                .iter()
                .map(AsRef::as_ref),
        ));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_two_and_are_never_split() {
        assert_eq!(width("梅秀英"), 6);
        assert_eq!(truncate("梅秀英abc", 5), "梅秀…");
        assert_eq!(pad("梅", 4), "梅  ");
        assert_eq!(width(&pad("顺和小区 3-2-501", 10)), 10);
    }
}
