//! CSV for spreadsheets, through the `csv` crate: RFC 4180 quoting, CRLF line ends, UTF-8 with
//! a byte-order mark by default (without it Excel reads UTF-8 as the system's code page and
//! shows mojibake), or GBK for older Excel. Each record is formatted into a small buffer and
//! encoded whole, so a multi-byte character is never split between two writes.

use std::io::Write;

use super::table::{Cell, RowSink, SinkError};

/// The byte encoding of a CSV file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8 with a byte-order mark (Excel, WPS and LibreOffice open it right).
    #[value(name = "utf8-bom", alias = "utf-8-bom")]
    Utf8Bom,
    /// UTF-8 without a mark (for scripts).
    #[value(name = "utf8", alias = "utf-8")]
    Utf8,
    /// GBK (code page 936), for Excel before 2016 on Chinese Windows.
    #[value(name = "gbk")]
    Gbk,
}

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The buffer the csv writer formats one record into, taken out after each record.
#[derive(Clone, Default)]
struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub struct CsvSink<W: Write> {
    out: W,
    encoding: Encoding,
    record: csv::Writer<Shared>,
    formatted: Shared,
    rows: usize,
    started: bool,
}

impl<W: Write> CsvSink<W> {
    pub fn new(out: W, encoding: Encoding) -> CsvSink<W> {
        let formatted = Shared::default();
        CsvSink {
            out,
            encoding,
            record: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(formatted.clone()),
            formatted,
            rows: 0,
            started: false,
        }
    }

    /// The writer underneath, once the sheet is finished.
    pub fn into_inner(self) -> W {
        self.out
    }

    fn write_record<'a>(
        &mut self,
        fields: impl IntoIterator<Item = std::borrow::Cow<'a, str>>,
    ) -> Result<(), SinkError> {
        if !self.started {
            self.started = true;
            if self.encoding == Encoding::Utf8Bom {
                self.out.write_all(BOM)?;
            }
        }
        for f in fields {
            self.record.write_field(f.as_bytes()).map_err(csv_error)?;
        }
        self.record.write_record(None::<&[u8]>).map_err(csv_error)?;
        self.record.flush()?;
        let bytes = self.formatted.0.take();
        match self.encoding {
            Encoding::Utf8Bom | Encoding::Utf8 => self.out.write_all(&bytes)?,
            Encoding::Gbk => {
                let text = String::from_utf8(bytes).expect("the csv writer was given UTF-8");
                let encoded =
                    to_gbk(&text).map_err(|ch| SinkError::Unmappable { ch, row: self.rows })?;
                self.out.write_all(&encoded)?;
            }
        }
        Ok(())
    }
}

/// GBK bytes, or the first character GBK has no code for (encoding_rs would write it as an
/// HTML entity, which would silently change the data).
pub fn to_gbk(text: &str) -> Result<Vec<u8>, char> {
    let mut encoder = encoding_rs::GBK.new_encoder();
    let mut out = Vec::with_capacity(text.len() + 16);
    let mut rest = text;
    loop {
        let need = encoder
            .max_buffer_length_from_utf8_without_replacement(rest.len())
            .unwrap_or(rest.len() * 4 + 16);
        out.reserve(need);
        let (result, read) =
            encoder.encode_from_utf8_to_vec_without_replacement(rest, &mut out, true);
        rest = &rest[read..];
        match result {
            encoding_rs::EncoderResult::InputEmpty => return Ok(out),
            encoding_rs::EncoderResult::OutputFull => {}
            encoding_rs::EncoderResult::Unmappable(ch) => return Err(ch),
        }
    }
}

fn csv_error(e: csv::Error) -> SinkError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => SinkError::Io(io),
        other => SinkError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

impl<W: Write> RowSink for CsvSink<W> {
    fn header(&mut self, titles: &[&str]) -> Result<(), SinkError> {
        self.write_record(titles.iter().map(|t| std::borrow::Cow::Borrowed(*t)))
    }

    fn row(&mut self, cells: &[Cell]) -> Result<(), SinkError> {
        self.rows += 1;
        self.write_record(cells.iter().map(|c| std::borrow::Cow::Owned(c.render())))
    }

    fn finish(&mut self) -> Result<(), SinkError> {
        if !self.started {
            // An empty sheet is still a file a spreadsheet recognises as UTF-8.
            self.write_record(std::iter::empty())?;
        }
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(encoding: Encoding, rows: &[Vec<Cell>]) -> Result<Vec<u8>, SinkError> {
        let mut sink = CsvSink::new(Vec::new(), encoding);
        sink.header(&["姓名", "note"])?;
        for r in rows {
            sink.row(r)?;
        }
        sink.finish()?;
        Ok(sink.into_inner())
    }

    #[test]
    fn utf8_with_bom_crlf_and_quotes() {
        let out = write(
            Encoding::Utf8Bom,
            &[vec![Cell::text("张三"), Cell::text("a,\"b\"\nc")]],
        )
        .unwrap();
        assert_eq!(
            out,
            "\u{feff}姓名,note\r\n张三,\"a,\"\"b\"\"\nc\"\r\n".as_bytes()
        );
    }

    #[test]
    fn gbk_bytes_and_unmappable_refused() {
        let out = write(Encoding::Gbk, &[vec![Cell::text("张三"), Cell::Int(1)]]).unwrap();
        // 姓名 = D0 D5 C3 FB, 张三 = D5 C5 C8 FD in GBK.
        assert_eq!(
            out,
            b"\xD0\xD5\xC3\xFB,note\r\n\xD5\xC5\xC8\xFD,1\r\n".to_vec()
        );
        let err = write(Encoding::Gbk, &[vec![Cell::text("😀"), Cell::Empty]]).unwrap_err();
        assert!(matches!(err, SinkError::Unmappable { ch: '😀', row: 1 }));
    }

    #[test]
    fn formula_text_is_neutralised_in_csv() {
        let out = write(
            Encoding::Utf8,
            &[vec![Cell::text("=1+1"), Cell::text("@SUM(A1)")]],
        )
        .unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .ends_with("'=1+1,'@SUM(A1)\r\n")
        );
    }
}
