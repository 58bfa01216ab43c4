//! Names as they are typed on a Latin keyboard: every reading of every character, so a
//! polyphonic surname (单 shan/dan, 曾 zeng/ceng, 解 xie/jie) is found whichever the steward
//! knows, and a matcher that accepts full pinyin, initials and mixes of both (`wxy`,
//! `wangxy`, `王xy`).
//!
//! Rather than spelling out every combination of readings (a three-character name of
//! polyphonic characters has dozens), a name is kept as its syllables, each with its options:
//! `王,wang,yu'秀,xiu'英,ying` — the character itself, then its readings. The matcher walks the
//! syllables once, whatever the number of combinations.

use pinyin::ToPinyinMulti;

use super::rank::{ANYWHERE, EXACT, INITIALS, PREFIX};

/// Surname readings the pinyin data lacks (it lists 黑 only as hei, 谌 only as chen).
const SURNAMES: &[(char, &[&str])] = &[('黑', &["he"]), ('谌', &["shen"]), ('尉', &["yu"])];

/// Readings of one character beyond this are rare literary ones; they only add noise.
const MAX_READINGS: usize = 6;

/// Calls `f` with every plain reading of `ch` (no tones; ü typed both as `v` and `u`), the
/// most common first. Nothing for a character without pinyin.
fn each_reading(ch: char, mut f: impl FnMut(&str)) {
    if let Some(multi) = ch.to_pinyin_multi() {
        for p in multi.into_iter().take(MAX_READINGS) {
            let plain = p.plain();
            if plain.contains('ü') {
                f(&plain.replace('ü', "v"));
                f(&plain.replace('ü', "u"));
            } else {
                f(plain);
            }
        }
    }
    for (_, extra) in SURNAMES.iter().filter(|(c, _)| *c == ch) {
        extra.iter().for_each(|r| f(r));
    }
}

/// The distinct readings of a character: `单` → `dan`, `chan`, `shan`.
pub fn readings(ch: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    each_reading(ch, |r| {
        if !out.iter().any(|o| o == r) {
            out.push(r.to_owned());
        }
    });
    out
}

fn letter_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 0,
    }
}

/// The bit of a query's first character in the masks `encode` returns: a record whose mask
/// lacks it cannot match a word that starts with a Latin letter or digit.
pub fn first_bit(word: &str) -> u64 {
    word.bytes().next().map_or(0, letter_bit)
}

/// Appends the syllables of `text` (already folded) to `out`; returns the mask of the first
/// letters of its Latin options. A run of Latin letters or digits is one syllable; spaces and
/// punctuation separate syllables and are dropped.
pub fn encode(text: &str, out: &mut String) -> u64 {
    let mut mask = 0;
    let mut latin = false;
    let begin = |out: &mut String| {
        if !out.is_empty() && !out.ends_with(' ') {
            out.push('\'');
        }
    };
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            if !latin {
                begin(out);
                mask |= letter_bit(ch as u8);
                latin = true;
            }
            out.push(ch);
            continue;
        }
        latin = false;
        if !ch.is_alphabetic() {
            continue;
        }
        begin(out);
        let start = out.len();
        out.push(ch);
        each_reading(ch, |r| {
            if !out[start..].split(',').any(|o| o == r) {
                out.push(',');
                out.push_str(r);
                mask |= first_bit(r);
            }
        });
    }
    mask
}

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
    let mut best: Option<u8> = None;
    let better = |best: &mut Option<u8>, tier: u8| *best = Some(best.map_or(tier, |b| b.min(tier)));
    let mut syllables = encoded.split('\'').peekable();
    while let Some(syllable) = syllables.next() {
        let (mut next_full, mut next_anchored, mut next_loose) = (0u64, 0u64, loose);
        for option in syllable.split(',') {
            let reading = option.as_bytes();
            let mut from = (full | anchored | loose) & (done - 1);
            while from != 0 {
                let at = from.trailing_zeros() as usize;
                from &= from - 1;
                let same = common_prefix(reading, &typed[at..]);
                let whole = same == reading.len();
                // A character matches whole or not at all; a reading may be cut anywhere.
                if same == 0 || (!whole && !option.is_ascii()) {
                    continue;
                }
                let ends = if option.is_ascii() {
                    ((1u64 << same) - 1) << (at + 1)
                } else {
                    1u64 << (at + same)
                };
                if full >> at & 1 == 1 {
                    if whole {
                        next_full |= 1 << (at + same);
                    } else if at + same == len {
                        better(&mut best, PREFIX);
                    }
                }
                if anchored >> at & 1 == 1 {
                    next_anchored |= ends;
                }
                if loose >> at & 1 == 1 {
                    next_loose |= ends;
                }
            }
        }
        if next_full & done != 0 {
            better(
                &mut best,
                if syllables.peek().is_none() {
                    EXACT
                } else {
                    PREFIX
                },
            );
        }
        if next_anchored & done != 0 {
            better(&mut best, INITIALS);
        }
        if next_loose & done != 0 {
            better(&mut best, ANYWHERE);
        }
        if best == Some(EXACT) {
            break;
        }
        (full, anchored, loose) = (next_full, next_anchored, next_loose);
    }
    best
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

    fn enc(text: &str) -> String {
        let mut out = String::new();
        encode(text, &mut out);
        out
    }

    fn tier(name: &str, word: &str) -> Option<u8> {
        match_name(&enc(name), word)
    }

    #[test]
    fn polyphonic_surnames_have_every_reading() {
        for (ch, want) in [
            ('单', ["shan", "dan"]),
            ('曾', ["zeng", "ceng"]),
            ('解', ["xie", "jie"]),
            ('仇', ["qiu", "chou"]),
            ('区', ["ou", "qu"]),
            ('朴', ["piao", "pu"]),
            ('尉', ["yu", "wei"]),
            ('覃', ["qin", "tan"]),
            ('查', ["zha", "cha"]),
            ('翟', ["zhai", "di"]),
            ('缪', ["miao", "mou"]),
            ('盖', ["ge", "gai"]),
            ('黑', ["he", "hei"]),
            ('谌', ["shen", "chen"]),
        ] {
            let got = readings(ch);
            for w in want {
                assert!(got.iter().any(|r| r == w), "{ch}: {w} missing from {got:?}");
            }
        }
    }

    #[test]
    fn u_umlaut_is_typed_v_or_u() {
        assert_eq!(readings('吕'), ["lv", "lu"]);
    }

    #[test]
    fn names_encode_as_syllables_with_options() {
        assert_eq!(enc("王秀英"), "王,wang,yu'秀,xiu'英,ying,yang");
        assert_eq!(enc("abc银行"), "abc'银,yin'行,xing,hang,heng");
        assert_eq!(enc("李·娜"), "李,li'娜,na,nuo");
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

    #[test]
    fn first_bits_gate_latin_words() {
        let mut out = String::new();
        let mask = encode("王秀英", &mut out);
        assert_ne!(mask & first_bit("wxy"), 0);
        assert_ne!(mask & first_bit("yu"), 0);
        assert_eq!(mask & first_bit("zz"), 0);
    }
}
