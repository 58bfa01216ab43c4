//! Matching what was typed against a name's syllables (see `pinyin::encode`): full pinyin,
//! initials, and mixes of both (`wxy`, `wangxy`, `王xy`), each at its own tier.

use super::rank::{ANYWHERE, EXACT, INITIALS, PREFIX};

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The best tier at which `word` matches one encoded name, walking its syllables once with
/// three sets of positions reached in the word (bit `p`: the first `p` bytes are matched):
/// - `full`: from the first syllable, whole readings only — the word is the full pinyin
///   (exact) or its beginning (prefix);
/// - `anchored`: from the first syllable, each syllable giving any beginning of a reading
///   (`wxy`, `wangxy`, `王xy`) — initials;
/// - `loose`: syllables may be skipped (`xy`, `shanl` for 单桂兰) — anywhere.
///
/// Words longer than 63 bytes are not matched here (no name is typed that long).
pub fn match_name(encoded: &str, word: &str) -> Option<u8> {
    let typed = word.as_bytes();
    let len = typed.len();
    if len == 0 || len > 63 || encoded.is_empty() {
        return None;
    }
    let done = 1u64 << len;
    let (mut full, mut anchored, mut loose) = (1u64, 1u64, 1u64);
    let mut best = u8::MAX;
    // Read byte by byte rather than split: this runs for a good part of 100,000 entries on
    // every key typed.
    let enc = encoded.as_bytes();
    let mut i = 0;
    while i < enc.len() {
        let (mut next_full, mut next_anchored, mut next_loose) = (0u64, 0u64, loose);
        let from = (full | anchored | loose) & (done - 1);
        // Past the `|`, readings only count anywhere (loose).
        let mut rare = false;
        loop {
            let start = i;
            while i < enc.len() && !matches!(enc[i], b',' | b'|' | b'\'') {
                i += 1;
            }
            let reading = &enc[start..i];
            // A character (not ASCII) matches whole or not at all; a reading may be cut.
            let ascii = reading.first().is_some_and(u8::is_ascii);
            let mut left = if rare { loose & (done - 1) } else { from };
            while left != 0 {
                let at = left.trailing_zeros() as usize;
                left &= left - 1;
                if reading.first() != typed.get(at) {
                    continue;
                }
                let same = common_prefix(reading, &typed[at..]);
                let whole = same == reading.len();
                if !whole && !ascii {
                    continue;
                }
                let ends = if ascii {
                    ((1u64 << same) - 1) << (at + 1)
                } else {
                    1u64 << (at + same)
                };
                if rare {
                    next_loose |= ends;
                    continue;
                }
                if full >> at & 1 == 1 {
                    if whole {
                        next_full |= 1 << (at + same);
                    } else if at + same == len {
                        best = best.min(PREFIX);
                    }
                }
                if anchored >> at & 1 == 1 {
                    next_anchored |= ends;
                }
                if loose >> at & 1 == 1 {
                    next_loose |= ends;
                }
            }
            if i >= enc.len() || enc[i] == b'\'' {
                break;
            }
            rare |= enc[i] == b'|';
            i += 1;
        }
        i += 1;
        if next_full & done != 0 {
            best = best.min(if i >= enc.len() { EXACT } else { PREFIX });
        }
        if next_anchored & done != 0 {
            best = best.min(INITIALS);
        }
        if next_loose & done != 0 {
            best = best.min(ANYWHERE);
        }
        if best == EXACT {
            break;
        }
        (full, anchored, loose) = (next_full, next_anchored, next_loose);
    }
    (best != u8::MAX).then_some(best)
}

/// The best tier over several encoded names separated by spaces (a case's parties), each
/// matched on its own so `zs` does not take 张 from one party and 孙 from the next.
pub fn match_names(encoded: &str, word: &str) -> Option<u8> {
    encoded
        .split(' ')
        .filter_map(|name| match_name(name, word))
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::pinyin::encode;

    fn tier(name: &str, word: &str) -> Option<u8> {
        let mut encoded = String::new();
        encode(name, &mut encoded);
        match_name(&encoded, word)
    }

    #[test]
    fn full_pinyin_is_exact_or_prefix() {
        assert_eq!(tier("王秀英", "wangxiuying"), Some(EXACT));
        assert_eq!(tier("王秀英", "wangxiu"), Some(PREFIX));
        assert_eq!(tier("王秀英", "wangx"), Some(PREFIX));
        assert_eq!(tier("王秀英", "wa"), Some(PREFIX));
        assert_eq!(tier("王秀英", "王秀英"), Some(EXACT));
        assert_eq!(tier("王秀英", "王秀"), Some(PREFIX));
    }

    #[test]
    fn initials_and_mixes_are_the_initials_tier() {
        assert_eq!(tier("王秀英", "wxy"), Some(INITIALS));
        assert_eq!(tier("王秀英", "wangxy"), Some(INITIALS));
        assert_eq!(tier("王秀英", "wxying"), Some(INITIALS));
        assert_eq!(tier("王秀英", "王xy"), Some(INITIALS));
        assert_eq!(tier("张秀英", "zhxy"), Some(INITIALS));
    }

    #[test]
    fn skipped_syllables_are_anywhere() {
        assert_eq!(tier("王秀英", "xiuying"), Some(ANYWHERE));
        assert_eq!(tier("王秀英", "wy"), Some(ANYWHERE));
        assert_eq!(tier("单桂兰", "shanl"), Some(ANYWHERE));
        assert_eq!(tier("王秀英", "秀英"), Some(ANYWHERE));
    }

    #[test]
    fn every_reading_of_a_polyphonic_surname_matches() {
        assert_eq!(tier("单桂兰", "shan"), Some(PREFIX));
        assert_eq!(tier("单桂兰", "dan"), Some(PREFIX));
        assert_eq!(tier("单桂兰", "danguilan"), Some(EXACT));
        assert_eq!(tier("曾国华", "zgh"), Some(INITIALS));
        assert_eq!(tier("曾国华", "cgh"), Some(INITIALS));
        assert_eq!(tier("解红", "xiehong"), Some(EXACT));
        assert_eq!(tier("解红", "jiehong"), Some(EXACT));
    }

    #[test]
    fn rare_readings_match_only_anywhere() {
        // 邓 is deng; the pinyin data also lists shan.
        assert_eq!(tier("邓翠珍", "dengcuizhen"), Some(EXACT));
        assert_eq!(tier("邓翠珍", "shan"), Some(ANYWHERE));
        assert_eq!(tier("邓翠珍", "shancuizhen"), Some(ANYWHERE));
        assert_eq!(tier("单翠珍", "shan"), Some(PREFIX));
    }

    #[test]
    fn mismatches_do_not_match() {
        assert_eq!(tier("王秀英", "wxz"), None);
        assert_eq!(tier("王秀英", "xw"), None);
        assert_eq!(tier("王秀英", "李"), None);
        assert_eq!(tier("王秀英", "wangg"), None);
        assert_eq!(tier("", "w"), None);
    }

    #[test]
    fn parties_match_one_by_one() {
        let mut out = String::new();
        encode("张强", &mut out);
        out.push(' ');
        encode("孙丽", &mut out);
        assert_eq!(match_names(&out, "sunli"), Some(EXACT));
        assert_eq!(match_names(&out, "zq"), Some(INITIALS));
        assert_eq!(match_names(&out, "zs"), None);
    }
}
