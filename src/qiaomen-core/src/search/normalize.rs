//! What a steward types, and what is stored, brought to one form: lower case, half-width,
//! one kind of dash; phone digits; addresses as `building-unit-room`; queries cut into words
//! that know whether they are a name, a number, a case number or an address.

use crate::model::Address;

use super::rank::{ANYWHERE, EXACT, PREFIX};

/// One character folded: lower case, full-width letters and digits made half-width (an input
/// method left in full-width mode types `３－２`), every dash made `-`, control characters
/// dropped. Chinese characters pass straight through, without a case-table lookup.
fn fold_char(c: char) -> impl Iterator<Item = char> {
    let mut out = ['\0'; 3];
    let len = match c {
        c if c.is_ascii_control() => 0,
        c if c.is_ascii() => {
            out[0] = c.to_ascii_lowercase();
            1
        }
        '\u{3400}'..='\u{9fff}' => {
            out[0] = c;
            1
        }
        '\u{ff01}'..='\u{ff5e}' => {
            out[0] = char::from_u32(u32::from(c) - 0xfee0).map_or(c, |h| h.to_ascii_lowercase());
            1
        }
        '\u{3000}' => {
            out[0] = ' ';
            1
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => {
            out[0] = '-';
            1
        }
        c if c.is_control() => 0,
        c => {
            let mut n = 0;
            for l in c.to_lowercase() {
                out[n] = l;
                n += 1;
            }
            n
        }
    };
    out.into_iter().take(len)
}

/// The characters of `text`, folded (see `fold_char`).
pub fn fold_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(fold_char)
}

/// Appends `text` folded to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    out.extend(fold_chars(text));
}

/// `text` folded: what is stored and what is typed are compared in this form.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the digits of a phone number, without `+`, spaces or dashes.
pub fn digits_into(text: &str, out: &mut String) {
    out.extend(text.chars().filter(char::is_ascii_digit));
}

/// Words that mark a number as building, unit or room, longest first so `号楼` wins over `号`.
/// `单` alone is `单元` half typed.
const MARKERS: [(&str, usize); 10] = [
    ("号楼", 0),
    ("单元", 1),
    ("单", 1),
    ("栋", 0),
    ("幢", 0),
    ("楼", 0),
    ("座", 0),
    ("室", 2),
    ("号", 2),
    ("户", 2),
];

/// One part of a stored address, without its marker: `3栋` → `3`.
fn component(part: &str) -> String {
    let mut s = fold(part.trim());
    loop {
        let before = s.len();
        for (marker, _) in MARKERS {
            if let Some(rest) = s.strip_suffix(marker) {
                s.truncate(rest.trim_end().len());
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The address as the index keeps it: `3-2-501`, with an empty part where one is missing
/// (`3--501`); empty when the address has no building, unit or room.
pub fn address_key(a: &Address) -> String {
    if a.building.trim().is_empty() && a.unit.trim().is_empty() && a.room.trim().is_empty() {
        return String::new();
    }
    [&a.building, &a.unit, &a.room]
        .map(|p| component(p).replace('-', ""))
        .join("-")
}

/// An address as typed: some of building, unit and room.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddressSpec {
    parts: [Option<String>; 3],
    /// The part given by the last number when nothing followed it: it may still be being
    /// typed, so `3-2-50` also finds `3-2-501` (lower in the ranking).
    open: Option<usize>,
}

impl AddressSpec {
    /// Reads `3-2-501`, `3栋2单元501`, `3号楼2单元501室`, `2单元501`, `3-2`, `3栋`. A bare number
    /// is not an address (it is a phone tail, a room or a case number: see [`Word::Digits`]).
    pub fn parse(word: &str) -> Option<AddressSpec> {
        let mut spec = AddressSpec::default();
        let mut next = 0;
        let mut marks = 0;
        let mut rest = word;
        while !rest.is_empty() {
            let len = rest.bytes().take_while(u8::is_ascii_digit).count();
            if len == 0 {
                return None;
            }
            let number = &rest[..len];
            rest = &rest[len..];
            let marker = MARKERS.iter().find(|(m, _)| rest.starts_with(m));
            let slot = marker.map_or(next, |&(_, slot)| slot);
            if slot > 2 || spec.parts[slot].is_some() {
                return None;
            }
            spec.parts[slot] = Some(number.to_owned());
            next = slot + 1;
            if let Some((m, _)) = marker {
                rest = &rest[m.len()..];
                marks += 1;
            }
            if let Some(after) = rest.strip_prefix('-') {
                rest = after;
                marks += 1;
            } else if marker.is_none() && !rest.is_empty() {
                return None;
            }
            spec.open =
                (marker.is_none() && rest.is_empty() && !word.ends_with('-')).then_some(slot);
        }
        (marks > 0).then_some(spec)
    }

    /// How well a stored key (`3-2-501`) fits: every part given must be equal, except an open
    /// last part, which may be the start of the stored one.
    pub fn tier(&self, key: &str) -> Option<u8> {
        if key.is_empty() {
            return None;
        }
        let mut have = key.split('-');
        let mut partial = false;
        for (i, want) in self.parts.iter().enumerate() {
            let part = have.next().unwrap_or("");
            let Some(want) = want else { continue };
            if part == want {
                continue;
            }
            if self.open == Some(i) && part.starts_with(want.as_str()) {
                partial = true;
            } else {
                return None;
            }
        }
        Some(if partial {
            ANYWHERE
        } else if self.parts.iter().all(Option::is_some) {
            EXACT
        } else {
            PREFIX
        })
    }
}

/// One word of a query, classified once so the scan over every record does not re-parse it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Word {
    /// A name, pinyin, initials, a place, or a mix (`王xy`).
    Text(String),
    /// Only digits: a phone (anywhere, or its tail), an ID number's tail, a case number, a
    /// building, unit or room.
    Digits(String),
    /// `#42`: a case number (`#` alone: every case).
    CaseNo(String),
    /// `3-2-501`, `3栋2单元`; the folded text too, for free-text addresses.
    Address(AddressSpec, String),
}

impl Word {
    fn classify(word: &str) -> Word {
        if let Some(n) = word.strip_prefix('#')
            && n.bytes().all(|b| b.is_ascii_digit())
        {
            return Word::CaseNo(n.to_owned());
        }
        if word.bytes().all(|b| b.is_ascii_digit()) {
            return Word::Digits(word.to_owned());
        }
        match AddressSpec::parse(word) {
            Some(spec) => Word::Address(spec, word.to_owned()),
            None => Word::Text(word.to_owned()),
        }
    }
}

fn separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；')
}

/// The words of a query, folded; every one must match (they narrow the result).
pub fn words(query: &str) -> Vec<Word> {
    fold(query)
        .split(separator)
        .filter(|w| !w.is_empty())
        .map(Word::classify)
        .collect()
}

/// The whole query read as one address when it is only numbers, with or without markers,
/// in two or three words: `3 2 501`, `3栋 2单元 501`. Tried before the words are matched one
/// by one, since `3`, `2` and `501` alone would each match a crowd of phone numbers.
pub fn whole_address(query: &str) -> Option<AddressSpec> {
    let folded = fold(query);
    let words: Vec<&str> = folded.split(separator).filter(|w| !w.is_empty()).collect();
    if !(2..=3).contains(&words.len()) {
        return None;
    }
    let joined = words
        .iter()
        .map(|w| w.trim_matches('-'))
        .collect::<Vec<_>>()
        .join("-");
    AddressSpec::parse(&joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(b: &str, u: &str, r: &str) -> String {
        address_key(&Address {
            building: b.into(),
            unit: u.into(),
            room: r.into(),
            text: "顺安小区".into(),
        })
    }

    #[test]
    fn fold_makes_full_width_half_and_dashes_one() {
        assert_eq!(fold("３－２－５０１"), "3-2-501");
        assert_eq!(fold("WANG　Xy"), "wang xy");
        assert_eq!(fold("3—2"), "3-2");
        assert_eq!(fold("王\u{7}秀英"), "王秀英");
    }

    #[test]
    fn stored_addresses_lose_their_markers() {
        assert_eq!(key("3栋", "2单元", "501室"), "3-2-501");
        assert_eq!(key("3号楼", "2", "501"), "3-2-501");
        assert_eq!(key("3", "", "501"), "3--501");
        assert_eq!(key("", "", ""), "");
    }

    #[test]
    fn the_three_typed_forms_read_alike() {
        let dash = AddressSpec::parse("3-2-501").unwrap();
        assert_eq!(AddressSpec::parse("3栋2单元501"), Some(dash.clone()));
        // Typed key by key, `3栋2单` is on its way to `3栋2单元`.
        assert_eq!(
            AddressSpec::parse("3栋2单").unwrap().tier("3-2-501"),
            Some(PREFIX)
        );
        assert_eq!(whole_address("3 2 501"), Some(dash.clone()));
        assert_eq!(whole_address("3栋 2单元 501"), Some(dash.clone()));
        let marked = AddressSpec::parse("3号楼2单元501室").unwrap();
        assert_eq!(marked.tier("3-2-501"), Some(EXACT));
        assert_eq!(dash.tier("3-2-501"), Some(EXACT));
        assert_eq!(dash.tier("3-2-502"), None);
    }

    #[test]
    fn bare_numbers_and_names_are_not_addresses() {
        assert_eq!(AddressSpec::parse("501"), None);
        assert_eq!(AddressSpec::parse("wang"), None);
        assert_eq!(AddressSpec::parse("3-2x"), None);
        assert_eq!(whole_address("501"), None);
        assert_eq!(whole_address("wang 3-2"), None);
    }

    #[test]
    fn a_partial_address_is_a_prefix_and_an_open_part_may_be_unfinished() {
        let two = AddressSpec::parse("3-2").unwrap();
        assert_eq!(two.tier("3-2-501"), Some(PREFIX));
        assert_eq!(two.tier("3-21-101"), Some(ANYWHERE));
        assert_eq!(two.tier("13-2-101"), None);
        let closed = AddressSpec::parse("3-2-").unwrap();
        assert_eq!(closed.tier("3-21-101"), None);
        let unit = AddressSpec::parse("2单元").unwrap();
        assert_eq!(unit.tier("7-2-301"), Some(PREFIX));
        assert_eq!(
            AddressSpec::parse("3-2-50").unwrap().tier("3-2-501"),
            Some(ANYWHERE)
        );
    }

    #[test]
    fn words_are_classified() {
        assert_eq!(
            words("wang  3-2，#4 5678"),
            vec![
                Word::Text("wang".into()),
                Word::Address(AddressSpec::parse("3-2").unwrap(), "3-2".into()),
                Word::CaseNo("4".into()),
                Word::Digits("5678".into()),
            ]
        );
        assert_eq!(words("  "), Vec::<Word>::new());
    }
}
