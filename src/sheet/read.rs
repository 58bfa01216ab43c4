//! Reading a spreadsheet into rows of text cells: CSV through the `csv` crate (after decoding,
//! see `encoding.rs`), Excel and OpenDocument (`.xlsx`, `.xlsm`, `.xls`, `.ods`) through
//! calamine. Each row keeps the number the spreadsheet shows for it, so errors can name it.

use std::path::Path;

use calamine::{Data, Reader};

use super::encoding::{self, Encoding};

/// One row of a sheet: its number as the spreadsheet shows it (from 1) and its cells as text,
/// trimmed. Excel dates arrive as `YYYY-MM-DD`, whole numbers without a decimal point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

/// What the sheet was read from, for the dry run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Csv(Encoding),
    /// A workbook and the sheet read.
    Workbook {
        sheet: String,
    },
}

/// Why a file could not be read as a sheet.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Not valid text in this encoding.
    Encoding(Encoding),
    /// A CSV row that the parser refused (an unclosed quote).
    Csv {
        row: usize,
        reason: String,
    },
    /// The workbook could not be opened or its sheet read.
    Workbook(String),
    /// `--sheet NAME` names no sheet; the sheets it has.
    NoSuchSheet {
        name: String,
        sheets: Vec<String>,
    },
    /// The workbook has no sheet at all.
    NoSheet,
}

/// Whether a file name is a spreadsheet's (CSV or a workbook) rather than JSON Lines.
pub fn is_sheet(path: &Path) -> bool {
    is_csv(path) || is_workbook(path)
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn is_csv(path: &Path) -> bool {
    matches!(extension(path).as_str(), "csv" | "tsv" | "txt")
}

fn is_workbook(path: &Path) -> bool {
    matches!(
        extension(path).as_str(),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods"
    )
}

/// Reads every non-blank row of the file: a CSV in `encoding` (detected when `None`), or the
/// sheet `sheet` of a workbook (the first when `None`).
pub fn read(
    path: &Path,
    encoding: Option<Encoding>,
    sheet: Option<&str>,
) -> Result<(Source, Vec<Row>), ReadError> {
    if is_workbook(path) {
        read_workbook(path, sheet)
    } else {
        let bytes = std::fs::read(path).map_err(ReadError::Io)?;
        let encoding = encoding.unwrap_or_else(|| encoding::detect(&bytes));
        let text = encoding::decode(&bytes, encoding).ok_or(ReadError::Encoding(encoding))?;
        let delimiter = if extension(path) == "tsv" {
            b'\t'
        } else {
            b','
        };
        Ok((Source::Csv(encoding), read_csv(&text, delimiter)?))
    }
}

fn read_csv(text: &str, delimiter: u8) -> Result<Vec<Row>, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Lines::default();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Csv {
            row: e
                .position()
                .map_or(0, |p| lines.at(text, p.byte() as usize)),
            reason: e.to_string(),
        })?;
        // A record's row is the line it starts on: a quoted cell may span lines, as in Excel.
        let number = record
            .position()
            .map_or(rows.len() + 1, |p| lines.at(text, p.byte() as usize));
        push(&mut rows, number, record.iter().map(str::to_owned));
    }
    Ok(rows)
}

/// Line numbers of byte offsets, counted as the reader moves forward. The csv crate's own
/// line number is taken before the blank lines it skips, so it is counted here instead.
#[derive(Default)]
struct Lines {
    byte: usize,
    line: usize,
}

impl Lines {
    /// The line of the first character at or after `byte` that is not a line break.
    fn at(&mut self, text: &str, byte: usize) -> usize {
        let rest = text.get(byte..).unwrap_or("");
        let start = byte + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
        if start >= self.byte {
            self.line += text[self.byte..start].matches('\n').count();
            self.byte = start;
        }
        self.line + 1
    }
}

fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<(Source, Vec<Row>), ReadError> {
    let mut book =
        calamine::open_workbook_auto(path).map_err(|e| ReadError::Workbook(e.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(want) => names
            .iter()
            .find(|n| n.trim() == want.trim())
            .cloned()
            .ok_or_else(|| ReadError::NoSuchSheet {
                name: want.to_owned(),
                sheets: names.clone(),
            })?,
        None => names.first().cloned().ok_or(ReadError::NoSheet)?,
    };
    // An .xlsx is read cell by cell: holding the whole sheet as calamine's range as well as our
    // rows would double what a large roster takes.
    if let calamine::Sheets::Xlsx(xlsx) = &mut book {
        let mut cells = xlsx
            .worksheet_cells_reader(&name)
            .map_err(|e| ReadError::Workbook(e.to_string()))?;
        let mut rows = Vec::new();
        let mut current: Option<(u32, Vec<String>)> = None;
        while let Some(cell) = cells
            .next_cell()
            .map_err(|e| ReadError::Workbook(e.to_string()))?
        {
            let (row, col) = cell.get_position();
            if current.as_ref().is_some_and(|(r, _)| *r != row)
                && let Some((r, done)) = current.take()
            {
                push(&mut rows, r as usize + 1, done.into_iter());
            }
            let (_, line) = current.get_or_insert_with(|| (row, Vec::new()));
            let col = col as usize;
            if line.len() <= col {
                line.resize(col + 1, String::new());
            }
            line[col] = cell_text(&Data::from(cell.get_value().clone()));
        }
        if let Some((r, done)) = current {
            push(&mut rows, r as usize + 1, done.into_iter());
        }
        return Ok((Source::Workbook { sheet: name }, rows));
    }
    let range = book
        .worksheet_range(&name)
        .map_err(|e| ReadError::Workbook(e.to_string()))?;
    drop(book);
    // The range starts at its first used cell, not at A1.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let padding = std::iter::repeat_n(String::new(), left as usize);
        push(
            &mut rows,
            top as usize + i + 1,
            padding.chain(cells.iter().map(cell_text)),
        );
    }
    Ok((Source::Workbook { sheet: name }, rows))
}

/// Keeps a row unless every cell is blank, with its cells trimmed.
fn push(rows: &mut Vec<Row>, number: usize, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| c.trim().to_owned()).collect();
    if cells.iter().any(|c| !c.is_empty()) {
        rows.push(Row { number, cells });
    }
}

/// A cell as the text a user sees for it, dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // A phone or a room typed as a number comes back as a float: shown as Excel shows it.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(d) => d.as_f64().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_their_numbers_and_blank_rows_are_skipped() {
        let rows = read_csv("a,b\n\n\"x\ny\",  z \n,\nc\n", b',').expect("csv");
        let numbers: Vec<usize> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 3, 6]);
        assert_eq!(rows[1].cells, ["x\ny", "z"]);
        assert_eq!(rows[2].cells, ["c"]);
    }

    #[test]
    fn file_names_choose_the_reader() {
        assert!(is_sheet(Path::new("花名册.XLSX")));
        assert!(is_sheet(Path::new("r.csv")));
        assert!(is_sheet(Path::new("r.ods")));
        assert!(!is_sheet(Path::new("demo.jsonl")));
        assert!(!is_sheet(Path::new("-")));
    }
}
