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
    push_spaces(&mut out, cols.saturating_sub(w));
    out
}

thread_local! {
    /// Set when the output is read by a program, not looked at (standard output is not a
    /// terminal): tables then cut no cell. Per thread: a server lays out a client's roll call
    /// on the connection's thread, as that client's output is (`with_cells_whole`).
    static CELLS_WHOLE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// From now on this thread's tables write every cell whole (each column as wide as its
/// widest cell), for output read by a program or kept in a file rather than on a screen.
pub fn cells_whole() {
    CELLS_WHOLE.with(|w| w.set(true));
}

/// Whether this thread's tables write every cell whole.
pub fn cells_are_whole() -> bool {
    CELLS_WHOLE.with(std::cell::Cell::get)
}

/// `f` with this thread's tables writing cells whole or not, as a client asked.
pub fn with_cells_whole<T>(whole: bool, f: impl FnOnce() -> T) -> T {
    let before = CELLS_WHOLE.with(|w| w.replace(whole));
    let out = f();
    CELLS_WHOLE.with(|w| w.set(before));
    out
}

/// A plain table: the header, then rows; each column as wide as its widest cell (capped).
pub fn table(header: &[&str], rows: &[Vec<String>], caps: &[usize]) -> String {
    let mut cells = Cells::new(header.len(), rows.len());
    for row in rows {
        for cell in row.iter().take(header.len()) {
            cells.push(cell);
        }
    }
    cells.table(header, caps)
}

/// The cells of a table, written one after another into one string (a district's roll call
/// is 20,000 rows: no string per cell). Write a cell's text onto `text` (`push`, or
/// `fmt::Write` then `end`); every row has as many cells as the header.
pub struct Cells {
    cols: usize,
    pub text: String,
    ends: Vec<usize>,
}

impl Cells {
    pub fn new(cols: usize, rows: usize) -> Cells {
        Cells {
            cols,
            text: String::with_capacity(rows * cols * 8),
            ends: Vec::with_capacity(rows * cols),
        }
    }

    /// Ends the cell written onto `text` since the last one ended.
    pub fn end(&mut self) {
        self.ends.push(self.text.len());
    }

    /// One cell.
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.end();
    }

    fn cell(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// The table: the header, then the rows, each column as wide as its widest cell (capped
    /// by `caps`, never below the header), two spaces apart, without trailing blanks; cells
    /// are sanitised as written. Each cell is measured once, and one whose text sanitising
    /// leaves as it is (nearly all) is written from its own bytes with that measure.
    pub fn table(&self, header: &[&str], caps: &[usize]) -> String {
        Cells::table_of(std::slice::from_ref(self), header, caps)
    }

    /// `table` of the rows of `parts` one after another (each part with as many columns as
    /// the header): the parts measured and written each on a thread of its own, so that
    /// rows made in halves (`qiaomen_core::beside::halves`) are laid out in halves too.
    pub fn table_of(parts: &[Cells], header: &[&str], caps: &[usize]) -> String {
        let measured =
            qiaomen_core::beside::each_beside(parts.iter().collect(), |p| p.measure_cells(p.cols));
        let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
        for (_, widest) in &measured {
            for (w, m) in widths.iter_mut().zip(widest) {
                *w = (*w).max(*m);
            }
        }
        // Read here: the setting is this thread's, and the parts are written on others.
        let whole = cells_are_whole();
        if !whole {
            for ((w, cap), h) in widths.iter_mut().zip(caps).zip(header) {
                *w = (*w).min((*cap).max(width(h)));
            }
        }
        let written = qiaomen_core::beside::each_beside(
            parts.iter().zip(&measured).collect(),
            |(p, (m, _))| p.write_rows(m, &widths, whole),
        );
        let mut out = String::with_capacity(
            widths.iter().map(|w| w * 2 + 2).sum::<usize>()
                + 1
                + written.iter().map(String::len).sum::<usize>(),
        );
        write_line(&mut out, header.iter().copied(), &widths);
        for rows in written {
            out.push_str(&rows);
        }
        out
    }

    /// Each cell's width and whether sanitising leaves it as it is, with each of the `n`
    /// columns' widest cell.
    fn measure_cells(&self, n: usize) -> (Vec<(usize, bool)>, Vec<usize>) {
        let cells = self.ends.len() / n.max(1) * n;
        let mut widest = vec![0; n];
        let mut measured = Vec::with_capacity(cells);
        for i in 0..cells {
            let (w, sane) = measure(self.cell(i));
            widest[i % n] = widest[i % n].max(w);
            measured.push((w, sane));
        }
        (measured, widest)
    }

    /// The rows, each cell padded (or cut) to its column's width.
    fn write_rows(&self, measured: &[(usize, bool)], widths: &[usize], whole: bool) -> String {
        let n = widths.len().max(1);
        let rows = measured.len() / n;
        // About a line's bytes: a column of wide characters takes 3 bytes per 2 columns.
        let line: usize = widths.iter().map(|w| w * 2 + 2).sum::<usize>() + 1;
        let mut out = String::with_capacity(line * rows);
        for r in 0..rows {
            let start = out.len();
            for (c, &cols) in widths.iter().enumerate() {
                if c > 0 {
                    out.push_str("  ");
                }
                let i = r * n + c;
                let cell = self.cell(i);
                if let (w, true) = measured[i] {
                    push_measured(&mut out, cell, w, cols, whole);
                } else {
                    let clean = qiaomen_core::text::sanitize(cell);
                    push_measured(&mut out, &clean, width(&clean), cols, whole);
                }
            }
            end_line(&mut out, start);
        }
        out
    }
}

/// A cell's width and whether sanitising leaves it as it is, in one pass over a cell of
/// printable ASCII and CJK ideographs (a roll call's names and addresses: 160,000 cells at a
/// district); any other character, whose width may depend on its neighbours, is measured by
/// the general rules.
fn measure(cell: &str) -> (usize, bool) {
    let mut cols = 0;
    for c in cell.chars() {
        match c {
            ' '..='~' | '·' | '✓' => cols += 1,
            '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => cols += 2,
            _ => return (width(cell), qiaomen_core::text::is_sane(cell)),
        }
    }
    (cols, true)
}

/// One line of a table: the cells padded (or cut) to their widths, two spaces apart, without
/// trailing blanks.
fn write_line<S: AsRef<str>>(out: &mut String, cells: impl Iterator<Item = S>, widths: &[usize]) {
    let start = out.len();
    for (i, (cell, &w)) in cells.zip(widths).enumerate() {
        if i > 0 {
            out.push_str("  ");
        }
        push_padded(out, cell.as_ref(), w);
    }
    end_line(out, start);
}

/// Ends the line begun at `start`: without trailing blanks, then a newline.
fn end_line(out: &mut String, start: usize) {
    let kept = out[start..].trim_end().len();
    out.truncate(start + kept);
    out.push('\n');
}

/// `pad(s, cols)` written onto `out`; never cut once cells are written whole (`cells_whole`).
pub fn push_padded(out: &mut String, s: &str, cols: usize) {
    push_measured(out, s, width(s), cols, cells_are_whole());
}

/// `push_padded` of `s`, `w` columns wide, with `whole` as `cells_are_whole` says.
fn push_measured(out: &mut String, s: &str, w: usize, cols: usize, whole: bool) {
    let used = if w <= cols || whole {
        out.push_str(s);
        w
    } else {
        let mut used = 0;
        for c in s.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw + 1 > cols {
                break;
            }
            out.push(c);
            used += cw;
        }
        if cols > 0 {
            out.push('…');
            used += '…'.width().unwrap_or(1);
        }
        used
    };
    push_spaces(out, cols.saturating_sub(used));
}

/// `n` spaces onto `out`, a run at a time.
fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let run = n.min(SPACES.len());
        out.push_str(&SPACES[..run]);
        n -= run;
    }
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

    /// The table as it was written before it was written in one string: `pad` per cell, joined.
    fn table_by_pad(header: &[&str], rows: &[Vec<String>], caps: &[usize]) -> String {
        let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
        for row in rows {
            for (i, cell) in row.iter().enumerate().take(header.len()) {
                widths[i] = widths[i].max(width(cell));
            }
        }
        for ((w, cap), h) in widths.iter_mut().zip(caps).zip(header) {
            *w = (*w).min((*cap).max(width(h)));
        }
        let line = |cells: Vec<String>| -> String {
            let parts: Vec<String> = cells.iter().zip(&widths).map(|(c, &w)| pad(c, w)).collect();
            parts.join("  ").trim_end().to_owned()
        };
        let mut out = line(header.iter().map(|h| (*h).to_owned()).collect());
        out.push('\n');
        for row in rows {
            out.push_str(&line(
                row.iter()
                    .map(|s| qiaomen_core::text::sanitize(s).into_owned())
                    .collect(),
            ));
            out.push('\n');
        }
        out
    }

    #[test]
    fn a_cell_is_measured_as_the_general_rules_measure_it() {
        for cell in [
            "",
            "梅秀英",
            "顺和小区 3-2-501",
            "㐀㐁 ext-A",
            "! 未联系",
            "✓ 已联系",
            "09:12 已接通 林晓晨",
            "王\n秀\u{7}英",
            "ｶﾀｶﾅ",
            "👍🏽 ok",
            "☀\u{FE0F}",
            "é e\u{301}",
            "한국어",
            "\u{202E}abc",
            "鿿\u{A000}",
            "· 未联系",
            "✓",
        ] {
            assert_eq!(
                measure(cell),
                (width(cell), qiaomen_core::text::is_sane(cell)),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn a_table_is_its_cells_padded_cut_and_joined() {
        let rows: Vec<Vec<String>> = [
            [
                "✓ 已联系",
                "梅秀英",
                "81",
                "G1",
                "顺和小区 3-2-501 很长很长的地址",
                "",
            ],
            [
                "! 未联系",
                "Alexandra Konstantinopoulou",
                "9",
                "",
                "3-2",
                "138 0000 1111",
            ],
            ["·", "王\n秀\u{7}英", "", "G12", "", "  "],
            ["", "", "", "", "", ""],
        ]
        .iter()
        .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
        .collect();
        let header = ["状态", "姓名", "Age", "网格", "地址", "电话"];
        for caps in [[26, 12, 3, 4, 22, 12], [1, 0, 1, 1, 5, 3], [40; 6]] {
            assert_eq!(
                table(&header, &rows, &caps),
                table_by_pad(&header, &rows, &caps),
                "{caps:?}"
            );
        }
        assert_eq!(
            table(&header, &[], &[4; 6]),
            table_by_pad(&header, &[], &[4; 6])
        );
        // Rows laid out in parts (written on threads of their own) make the same table.
        let cells_of = |rows: &[Vec<String>]| {
            let mut cells = Cells::new(header.len(), rows.len());
            for cell in rows.iter().flatten() {
                cells.push(cell);
            }
            cells
        };
        for at in 0..=rows.len() {
            let parts = [cells_of(&rows[..at]), cells_of(&rows[at..])];
            for whole in [false, true] {
                assert_eq!(
                    with_cells_whole(whole, || Cells::table_of(&parts, &header, &[5; 6])),
                    with_cells_whole(whole, || table(&header, &rows, &[5; 6])),
                    "cut at {at}, whole {whole}"
                );
            }
        }
        // Written whole (output read by a program): no cell cut, whatever the caps.
        assert_eq!(
            with_cells_whole(true, || table(&header, &rows, &[1; 6])),
            table_by_pad(&header, &rows, &[usize::MAX; 6])
        );
    }
}
