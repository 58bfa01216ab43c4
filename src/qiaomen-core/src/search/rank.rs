//! How well one word fits one entry, and the order of the hits.
//!
//! Tiers, best first: the exact name (or full pinyin, phone, ID number, case number, whole
//! address); the beginning of the name or its pinyin (or a phone or ID tail, a partial
//! address); the initials (`wxy`, `wangxy`); anywhere else. A hit's tier is the best of its
//! words'; equal tiers go by kind, then id.

use std::collections::HashMap;

use memchr::memmem::Finder;

use super::entry::{Entry, Field};
use super::matcher::{match_name, match_names};
use super::normalize::Word;
use super::pinyin::first_bit;
use super::postings;
use super::{HitKind, Id};

pub const EXACT: u8 = 0;
pub const PREFIX: u8 = 1;
pub const INITIALS: u8 = 2;
pub const ANYWHERE: u8 = 3;

/// A phone or ID number is matched by its tail from this many digits on: fewer are typed
/// while still thinking and would match half the community.
const TAIL_MIN: usize = 4;
/// A phone is matched anywhere from this many digits on.
const PHONE_MIN: usize = 3;

fn best(a: Option<u8>, b: Option<u8>) -> Option<u8> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// The tier of `word` against a text: equal, its beginning, inside it.
fn text_tier(text: &str, word: &str, finder: &Finder) -> Option<u8> {
    if text == word {
        Some(EXACT)
    } else if text.starts_with(word) {
        Some(PREFIX)
    } else {
        finder.find(text.as_bytes()).map(|_| ANYWHERE)
    }
}

/// A query word, prepared once for the scan over every entry.
pub struct Prepared {
    word: Word,
    /// The word as typed (folded), for substring searches.
    whole: Finder<'static>,
    /// Its first character: an entry without it anywhere cannot match.
    first: Finder<'static>,
    first_bit: u64,
    /// Only ASCII: Chinese text can match it only through the pinyin.
    ascii: bool,
    /// Holds Latin letters or digits: the pinyin may match it.
    latin: bool,
    /// The grid whose code it is (`g3`).
    grid: Option<Id>,
    /// Digits ending in `x`: an ID number's tail.
    id_tail: bool,
}

impl Prepared {
    pub fn new(word: Word, grid_codes: &HashMap<Id, Box<str>>) -> Prepared {
        let text = match &word {
            Word::Text(t) | Word::Digits(t) | Word::Address(_, t) => t.clone(),
            Word::CaseNo(n) => format!("#{n}"),
        };
        let first_len = text.chars().next().map_or(0, char::len_utf8);
        let grid = grid_codes
            .iter()
            .find(|(_, code)| code.eq_ignore_ascii_case(&text))
            .map(|(&id, _)| id);
        let id_tail = text.len() >= TAIL_MIN
            && text.ends_with('x')
            && text[..text.len() - 1].bytes().all(|b| b.is_ascii_digit());
        Prepared {
            first: Finder::new(&text.as_bytes()[..first_len]).into_owned(),
            whole: Finder::new(text.as_bytes()).into_owned(),
            first_bit: first_bit(&text),
            ascii: text.is_ascii(),
            latin: text.bytes().any(|b| b.is_ascii_alphanumeric()),
            grid,
            id_tail,
            word,
        }
    }

    /// Chinese characters every entry this word fits holds in its text: each of the word's
    /// own, when the word is text (not a grid's code). A Chinese character typed matches only
    /// itself (in the name, its syllables, the place or other names), folding leaves Chinese
    /// characters as they are and makes none, so a record whose stored bytes (and household's
    /// address) lack one cannot match; `stream` skips such records without laying them out.
    pub fn needles(&self) -> impl Iterator<Item = char> + '_ {
        let text = match &self.word {
            Word::Text(t) if self.grid.is_none() => t.as_str(),
            _ => "",
        };
        text.chars()
            .filter(|c| matches!(c, '\u{3400}'..='\u{9fff}'))
    }

    /// The index keys every entry this word fits holds (see `postings`), or `None` when the
    /// word has none to give and only a scan finds what it fits: a bare number (a phone is
    /// matched anywhere), an address, a grid's code, an ID number's tail, one Latin letter,
    /// text without a Chinese character or two Latin ones.
    pub fn keys(&self) -> Option<Vec<u32>> {
        match &self.word {
            Word::CaseNo(_) => Some(vec![postings::CASES]),
            Word::Digits(_) | Word::Address(..) => None,
            Word::Text(_) if self.grid.is_some() || self.id_tail => None,
            Word::Text(t) if self.ascii => {
                let b = t.as_bytes();
                (b.len() >= 2).then(|| vec![postings::pair(b[0], b[1])])
            }
            Word::Text(_) => {
                let mut keys: Vec<u32> = self.needles().map(u32::from).collect();
                keys.sort_unstable();
                keys.dedup();
                (!keys.is_empty()).then_some(keys)
            }
        }
    }

    /// Only a case can fit this word (`#42`).
    pub fn cases_only(&self) -> bool {
        matches!(self.word, Word::CaseNo(_))
    }

    /// The best tier at which this word fits the entry, or `None`.
    pub fn tier(&self, e: &Entry) -> Option<u8> {
        match &self.word {
            Word::CaseNo(n) => {
                if e.kind != HitKind::Case {
                    return None;
                }
                let id = e.id.to_string();
                if id == *n {
                    Some(EXACT)
                } else {
                    id.starts_with(n.as_str()).then_some(PREFIX)
                }
            }
            Word::Digits(d) => self.digits_tier(e, d),
            Word::Address(spec, _) => best(
                spec.tier(e.get(Field::Address)),
                self.whole
                    .find(e.get(Field::Place).as_bytes())
                    .map(|_| ANYWHERE),
            ),
            Word::Text(t) => self.text_word_tier(e, t),
        }
    }

    fn digits_tier(&self, e: &Entry, d: &str) -> Option<u8> {
        let case = (e.kind == HitKind::Case && e.id.to_string() == d).then_some(EXACT);
        if self.whole.find(e.text().as_bytes()).is_none() {
            return case;
        }
        let mut tier = case;
        let phone = e.get(Field::Phone);
        if !phone.is_empty() {
            tier = best(tier, self.number_tier(phone, d, true));
        }
        // Digits cannot match across the spaces between the phones.
        if d.len() >= PHONE_MIN && self.whole.find(e.get(Field::Phones).as_bytes()).is_some() {
            tier = best(tier, Some(ANYWHERE));
        }
        let id_number = e.get(Field::IdNumber);
        if !id_number.is_empty() {
            tier = best(tier, self.number_tier(id_number, d, false));
        }
        for part in e.get(Field::Address).split('-') {
            if part == d {
                tier = best(tier, Some(PREFIX));
            } else if part.starts_with(d) {
                tier = best(tier, Some(ANYWHERE));
            }
        }
        tier = best(tier, text_tier(e.name(), d, &self.whole));
        best(
            tier,
            self.whole
                .find(e.get(Field::Place).as_bytes())
                .map(|_| ANYWHERE),
        )
    }

    /// A phone (`anywhere`: digits inside count too) or an ID number: whole, or its tail.
    fn number_tier(&self, number: &str, d: &str, anywhere: bool) -> Option<u8> {
        if number == d {
            Some(EXACT)
        } else if d.len() >= TAIL_MIN && number.ends_with(d) {
            Some(PREFIX)
        } else if anywhere && d.len() >= PHONE_MIN {
            self.whole.find(number.as_bytes()).map(|_| ANYWHERE)
        } else {
            None
        }
    }

    fn text_word_tier(&self, e: &Entry, t: &str) -> Option<u8> {
        let mut tier = (self.grid.is_some() && self.grid == Some(e.grid)).then_some(ANYWHERE);
        if self.id_tail {
            tier = best(tier, self.number_tier(e.get(Field::IdNumber), t, false));
        }
        if self.ascii {
            // Chinese text cannot hold a Latin word; only the pinyin can match it.
            if e.latin {
                tier = best(tier, text_tier(e.name(), t, &self.whole));
                tier = best(tier, self.place(e));
            }
            if e.name_mask & self.first_bit != 0 {
                tier = best(tier, match_name(e.get(Field::Syllables), t));
            }
            if e.others_mask & self.first_bit != 0 && match_names(e.get(Field::Others), t).is_some()
            {
                tier = best(tier, Some(ANYWHERE));
            }
            return tier;
        }
        if self.first.find(e.text().as_bytes()).is_none() {
            return tier;
        }
        tier = best(tier, text_tier(e.name(), t, &self.whole));
        tier = best(tier, self.place(e));
        // A mix (`王xy`, `3栋2单`) may match the pinyin; only names that hold its first
        // character, or a reading starting with it, are walked.
        if self.latin && self.may_start(e.get(Field::Syllables), e.name_mask) {
            tier = best(tier, match_name(e.get(Field::Syllables), t));
        }
        let others = e.get(Field::Others);
        if self.may_start(others, e.others_mask) && match_names(others, t).is_some() {
            tier = best(tier, Some(ANYWHERE));
        }
        tier
    }

    fn may_start(&self, encoded: &str, mask: u64) -> bool {
        if self.first_bit == 0 {
            !encoded.is_empty() && self.first.find(encoded.as_bytes()).is_some()
        } else {
            mask & self.first_bit != 0
        }
    }

    fn place(&self, e: &Entry) -> Option<u8> {
        self.whole
            .find(e.get(Field::Place).as_bytes())
            .map(|_| ANYWHERE)
    }
}

/// A matching entry: what it is sorted by, and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub tier: u8,
    pub kind: HitKind,
    pub id: Id,
    pub slot: u32,
}

/// The best `limit` matches in order, without sorting all of them (a one-letter query
/// matches tens of thousands).
pub fn top(mut matches: Vec<Match>, limit: usize) -> Vec<Match> {
    if limit == 0 {
        return Vec::new();
    }
    if matches.len() > limit {
        matches.select_nth_unstable(limit - 1);
        matches.truncate(limit);
    }
    matches.sort_unstable();
    matches
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(tier: u8, kind: HitKind, id: Id) -> Match {
        Match {
            tier,
            kind,
            id,
            slot: 0,
        }
    }

    #[test]
    fn top_orders_by_tier_then_kind_then_id() {
        let all = vec![
            m(ANYWHERE, HitKind::Resident, 1),
            m(PREFIX, HitKind::Case, 2),
            m(PREFIX, HitKind::Resident, 9),
            m(EXACT, HitKind::Partner, 4),
            m(PREFIX, HitKind::Resident, 3),
            m(INITIALS, HitKind::Resident, 5),
        ];
        let got: Vec<(u8, Id)> = top(all.clone(), 4).iter().map(|m| (m.tier, m.id)).collect();
        assert_eq!(got, [(EXACT, 4), (PREFIX, 3), (PREFIX, 9), (PREFIX, 2)]);
        assert_eq!(top(all.clone(), 100).len(), 6);
        assert!(top(all, 0).is_empty());
    }

    #[test]
    fn text_tiers() {
        let f = Finder::new("王");
        assert_eq!(text_tier("王", "王", &f), Some(EXACT));
        assert_eq!(text_tier("王秀英", "王", &f), Some(PREFIX));
        assert_eq!(text_tier("汪王", "王", &f), Some(ANYWHERE));
        assert_eq!(text_tier("李", "王", &f), None);
    }
}
