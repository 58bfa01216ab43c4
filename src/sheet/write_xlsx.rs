//! XLSX through rust_xlsxwriter, in its constant-memory mode: each row goes to a temporary
//! file as soon as the next one starts, so a subdistrict's residents never sit in memory.
//! The header row is bold and frozen; dates are real date cells (a serial number with a date
//! format, so they sort and filter as dates); money is a number with two decimals; column
//! widths follow the widest cell, a Chinese character counting two.

use std::io::Write;

use qiaomen_core::Date;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::table::{Cell, RowSink, SinkError, display_width};

/// Excel's last row; one more is refused rather than silently lost.
const MAX_ROWS: u32 = 1_048_576;
/// The widest a column is made, in character units (long notes wrap in Excel's own way).
const MAX_WIDTH: usize = 60;

pub struct XlsxSink<W: Write + Send> {
    workbook: Workbook,
    out: Option<W>,
    widths: Vec<usize>,
    next_row: u32,
    bold: Format,
    date: Format,
    money: Format,
}

impl From<XlsxError> for SinkError {
    fn from(e: XlsxError) -> SinkError {
        match e {
            XlsxError::IoError(io) => SinkError::Io(io),
            other => SinkError::Xlsx(other.to_string()),
        }
    }
}

impl<W: Write + Send> XlsxSink<W> {
    /// A workbook of one sheet named `name`, written to `out` by `finish`. Its creation time
    /// is the start of `day`, not the clock's second: the same records exported twice on a
    /// day give the same bytes (the roster's export → import → export check relies on it).
    pub fn new(out: W, name: &str, day: Date) -> Result<XlsxSink<W>, SinkError> {
        let mut workbook = Workbook::new();
        let created = ExcelDateTime::from_ymd(day.year() as u16, day.month(), day.day())?;
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        sheet.set_freeze_panes(1, 0)?;
        Ok(XlsxSink {
            workbook,
            out: Some(out),
            widths: Vec::new(),
            next_row: 0,
            bold: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            money: Format::new().set_num_format("0.00"),
        })
    }

    fn sheet(&mut self) -> Result<&mut Worksheet, SinkError> {
        Ok(self.workbook.worksheet_from_index(0)?)
    }

    fn fit(&mut self, col: usize, width: usize) {
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        self.widths[col] = self.widths[col].max(width.min(MAX_WIDTH));
    }

    fn take_row(&mut self) -> Result<u32, SinkError> {
        if self.next_row >= MAX_ROWS {
            return Err(SinkError::Xlsx(format!("more than {MAX_ROWS} rows")));
        }
        self.next_row += 1;
        Ok(self.next_row - 1)
    }
}

impl<W: Write + Send> RowSink for XlsxSink<W> {
    fn header(&mut self, titles: &[&str]) -> Result<(), SinkError> {
        let row = self.take_row()?;
        let bold = self.bold.clone();
        for (col, t) in titles.iter().enumerate() {
            self.sheet()?
                .write_string_with_format(row, col as u16, *t, &bold)?;
            self.fit(col, display_width(t));
        }
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), SinkError> {
        let row = self.take_row()?;
        let (date_format, money_format) = (self.date.clone(), self.money.clone());
        for (i, cell) in cells.iter().enumerate() {
            let col = i as u16;
            let width = match cell {
                Cell::Empty => 0,
                Cell::Text(_) | Cell::Code(_) => {
                    let s = cell.render();
                    let w = display_width(&s);
                    self.sheet()?.write_string(row, col, s)?;
                    w
                }
                Cell::Int(n) => {
                    // Exact: every count and id here is far below 2^53.
                    self.sheet()?.write_number(row, col, *n as f64)?;
                    n.to_string().len()
                }
                Cell::Date(d) => {
                    let at = ExcelDateTime::from_ymd(d.year() as u16, d.month(), d.day())?;
                    self.sheet()?
                        .write_datetime_with_format(row, col, &at, &date_format)?;
                    10
                }
                Cell::Fen(_) => {
                    // The decimal text parsed once: the number a person typing it would get,
                    // not a sum of floating-point steps.
                    let s = cell.render();
                    let v: f64 = s.parse().expect("yuan renders as a decimal number");
                    self.sheet()?
                        .write_number_with_format(row, col, v, &money_format)?;
                    s.len()
                }
            };
            self.fit(i, width);
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), SinkError> {
        let widths = std::mem::take(&mut self.widths);
        for (col, w) in widths.into_iter().enumerate() {
            // Two characters of margin, and the autofilter arrow's room in the header.
            self.sheet()?.set_column_width(col as u16, (w + 2) as f64)?;
        }
        let out = self.out.take().expect("finish is called once");
        self.workbook.save_to_writer(out)?;
        Ok(())
    }
}
