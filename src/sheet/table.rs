//! A sheet as the writers see it, whatever the file format: a header of column titles, then
//! rows of typed cells, pushed one row at a time into a `RowSink` (CSV or XLSX) so a large
//! export never holds the whole sheet. The rules every format shares live here: which text is
//! neutralised against formula injection, and how wide a cell is when a Chinese character
//! takes two columns.

use qiaomen_core::Date;

/// One cell. The type decides how the writers render it: a date becomes a real date cell in
/// XLSX, money a number with two decimals; text from people is guarded against formulas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Empty,
    /// Text typed by people (names, notes, addresses): neutralised when a spreadsheet would
    /// take it for a formula.
    Text(String),
    /// A code or a word of ours (a status, a grid code, a label): written as it is.
    Code(String),
    Int(i64),
    Date(Date),
    /// An amount in fen, shown in yuan with two decimals; exact, never through floating point.
    Fen(i64),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn code(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Code(s)
        }
    }

    pub fn date(d: Option<Date>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    /// The cell as the text a CSV file holds (and what XLSX shows for text).
    pub fn render(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => neutralise(s),
            Cell::Code(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Fen(f) => yuan(*f),
        }
    }
}

/// Fen as yuan, `-12.05` for -1205: integer arithmetic only.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first, or a tab or carriage
/// return that some programs strip before looking) gets a leading `'`, so opening the file
/// never runs anything. OWASP's advice for CSV injection; Excel shows the `'` only when
/// editing the cell.
pub fn neutralise(s: &str) -> String {
    if s.starts_with(FORMULA_START) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The text `neutralise` was given: what the roster import reads from a cell, so that an
/// exported roster imports unchanged (a `'` before anything else is the person's own).
pub fn unneutralise(s: &str) -> &str {
    s.strip_prefix('\'')
        .filter(|rest| rest.starts_with(FORMULA_START))
        .unwrap_or(s)
}

/// Display width in spreadsheet character units: a Chinese character counts two.
pub fn display_width(s: &str) -> usize {
    crate::width::width(s)
}

/// Where the rows of one sheet go.
pub trait RowSink {
    /// The header row, once, before any row.
    fn header(&mut self, titles: &[&str]) -> Result<(), SinkError>;
    fn row(&mut self, cells: &[Cell]) -> Result<(), SinkError>;
    /// Ends the sheet; nothing is complete before this.
    fn finish(&mut self) -> Result<(), SinkError>;
}

/// Why a writer could not write.
#[derive(Debug, thiserror::Error)]
pub enum SinkError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A character the chosen encoding has no code for, with the data row it is on (1 is the
    /// first row after the header).
    #[error("unmappable {ch:?} on row {row}")]
    Unmappable { ch: char, row: usize },
    #[error("{0}")]
    Xlsx(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_plain_text_kept() {
        for bad in ["=1+1", "@SUM(A1)", "+86", "-2", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        assert_eq!(neutralise("张三"), "张三");
        for text in ["=1+1", "-3", "张三", "'引号", "'"] {
            assert_eq!(unneutralise(&neutralise(text)), text);
        }
        assert_eq!(Cell::Code("-".into()).render(), "-");
        assert_eq!(Cell::Int(-2).render(), "-2");
    }

    #[test]
    fn yuan_is_exact() {
        assert_eq!(yuan(0), "0.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(123_456), "1234.56");
        assert_eq!(yuan(-1205), "-12.05");
        assert_eq!(yuan(i64::MIN), "-92233720368547758.08");
    }

    #[test]
    fn chinese_counts_two() {
        assert_eq!(display_width("张三"), 4);
        assert_eq!(display_width("G1"), 2);
    }
}
