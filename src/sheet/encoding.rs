//! The text encoding of a CSV file: UTF-8 (with or without a byte-order mark) or GBK/GB18030,
//! the encoding older Excel and WPS write a "CSV" in on a Chinese Windows. Detected from the
//! bytes unless `--encoding` names one.

use std::borrow::Cow;

/// An encoding a CSV file may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gbk,
    Gb18030,
}

impl Encoding {
    /// The name `--encoding` takes: `utf-8` (or `utf8`, and the export's `utf8-bom`: a mark is
    /// read either way), `gbk`, `gb18030`.
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" | "utf8-bom" | "utf-8-bom" => Some(Encoding::Utf8),
            "gbk" | "cp936" | "gb2312" => Some(Encoding::Gbk),
            "gb18030" => Some(Encoding::Gb18030),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Gbk => "gbk",
            Encoding::Gb18030 => "gb18030",
        }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Which encoding the bytes are in: a byte-order mark or valid UTF-8 says UTF-8; anything else
/// is taken as GB18030, which contains GBK (and GB2312) and so reads what either wrote.
pub fn detect(bytes: &[u8]) -> Encoding {
    if bytes.starts_with(BOM) || std::str::from_utf8(bytes).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::Gb18030
    }
}

/// The text of `bytes` in `encoding`, without a byte-order mark; `None` when the bytes are not
/// valid in it (a wrong `--encoding`, or a file that is not text).
pub fn decode(bytes: &[u8], encoding: Encoding) -> Option<Cow<'_, str>> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let codec = match encoding {
        Encoding::Utf8 => return std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
        Encoding::Gbk => encoding_rs::GBK,
        Encoding::Gb18030 => encoding_rs::GB18030,
    };
    codec.decode_without_bom_handling_and_without_replacement(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_a_bom_and_gbk_are_told_apart() {
        let text = "姓名,性别\n梅秀英,女\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        assert_eq!(detect(text.as_bytes()), Encoding::Utf8);
        let with_bom = [BOM, text.as_bytes()].concat();
        assert_eq!(detect(&with_bom), Encoding::Utf8);
        assert_eq!(decode(&with_bom, Encoding::Utf8).as_deref(), Some(text));
        assert_eq!(detect(&gbk), Encoding::Gb18030);
        assert_eq!(decode(&gbk, Encoding::Gb18030).as_deref(), Some(text));
        assert_eq!(decode(&gbk, Encoding::Gbk).as_deref(), Some(text));
        // GBK bytes are not UTF-8: forcing the wrong encoding is refused, not garbled.
        assert_eq!(decode(&gbk, Encoding::Utf8), None);
    }

    #[test]
    fn names_are_those_of_the_option() {
        for e in [Encoding::Utf8, Encoding::Gbk, Encoding::Gb18030] {
            assert_eq!(Encoding::from_name(e.name()), Some(e));
        }
        assert_eq!(Encoding::from_name("latin1"), None);
    }
}
