//! Names as they are typed on a Latin keyboard: every reading of every character, so a
//! polyphonic surname (单 shan/dan, 曾 zeng/ceng, 解 xie/jie) is found whichever the steward
//! knows.
//!
//! Rather than spelling out every combination of readings (a three-character name of
//! polyphonic characters has dozens), a name is kept as its syllables, each with its options:
//! `王,wang|yu'秀,xiu'英,ying|yang` — the character itself, its main readings, then after `|`
//! the rare ones. `matcher` walks the syllables once, whatever the number of combinations.

use pinyin::{PinyinMulti, ToPinyinMulti};

use super::normalize::fold_chars;

/// Surnames read otherwise than the character's first reading in the pinyin data (单 is
/// first dan, as a surname also shan; 曾 first ceng, as a surname zeng). These readings rank
/// like a first reading; see `encode`.
const SURNAMES: &[(char, &[&str])] = &[
    ('单', &["shan"]),
    ('曾', &["zeng"]),
    ('解', &["xie"]),
    ('仇', &["qiu"]),
    ('区', &["ou"]),
    ('朴', &["piao"]),
    ('查', &["zha"]),
    ('翟', &["zhai"]),
    ('尉', &["yu"]),
    ('覃', &["qin"]),
    ('缪', &["miao"]),
    ('盖', &["ge"]),
    ('乐', &["yue"]),
    ('召', &["shao"]),
    ('种', &["chong"]),
    ('秘', &["bi"]),
    ('折', &["she"]),
    ('员', &["yun"]),
    ('祭', &["zhai"]),
    ('宓', &["fu"]),
    ('繁', &["po"]),
    ('句', &["gou"]),
    ('能', &["nai"]),
    ('隗', &["wei"]),
    ('阚', &["kan"]),
    ('牟', &["mu"]),
    ('洗', &["xian"]),
    ('黑', &["he"]),
    ('谌', &["shen"]),
];

/// Readings of one character beyond this are rare literary ones; they only add noise.
const MAX_READINGS: usize = 6;

/// Calls `f` with every plain reading of `ch` (no tones; ü typed both as `v` and `u`) and
/// whether it is a main one: the first in the pinyin data, or a surname reading. Nothing for
/// a character without pinyin.
fn each_reading(ch: char, multi: Option<PinyinMulti>, mut f: impl FnMut(&str, bool)) {
    let surname: &[&str] = SURNAMES
        .iter()
        .find(|(c, _)| *c == ch)
        .map_or(&[], |(_, r)| r);
    for (i, p) in multi.into_iter().flatten().take(MAX_READINGS).enumerate() {
        let plain = p.plain();
        let main = i == 0 || surname.contains(&plain);
        if plain.contains('ü') {
            f(&plain.replace('ü', "v"), main);
            f(&plain.replace('ü', "u"), main);
        } else {
            f(plain, main);
        }
    }
    for r in surname {
        f(r, true);
    }
}

/// The distinct readings of a character, the main ones first: `单` → `dan`, `shan`, `chan`.
pub fn readings(ch: char) -> Vec<String> {
    let multi = ch.to_pinyin_multi();
    let mut out: Vec<String> = Vec::new();
    for wanted in [true, false] {
        each_reading(ch, multi, |r, main| {
            if main == wanted && !out.iter().any(|o| o == r) {
                out.push(r.to_owned());
            }
        });
    }
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

/// Appends the syllables of `text` (folded on the way) to `out`; returns the mask of the first
/// letters of its Latin options. A run of Latin letters or digits is one syllable; spaces and
/// punctuation separate syllables and are dropped.
pub fn encode(text: &str, out: &mut String) -> u64 {
    let mut mask = 0;
    let mut latin = false;
    let base = out.len();
    let begin = |out: &mut String| {
        if out.len() > base {
            out.push('\'');
        }
    };
    for ch in fold_chars(text) {
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
        let multi = ch.to_pinyin_multi();
        if multi.is_none() && !ch.is_alphabetic() {
            continue;
        }
        begin(out);
        let start = out.len();
        out.push(ch);
        // Main readings, then `|` and the others: a name matched through one of those (邓 has
        // a rare reading shan) is found, but only in the lowest tier.
        for wanted in [true, false] {
            let mut mark = if wanted { ',' } else { '|' };
            each_reading(ch, multi, |r, main| {
                if main == wanted && !out[start..].split([',', '|']).any(|o| o == r) {
                    out.push(mark);
                    out.push_str(r);
                    mask |= first_bit(r);
                    mark = ',';
                }
            });
        }
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(text: &str) -> String {
        let mut out = String::new();
        encode(text, &mut out);
        out
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
    fn main_readings_come_first() {
        // 单 is first dan in the data, then chan, then shan; shan is a surname reading.
        assert_eq!(readings('单'), ["dan", "shan", "chan"]);
        assert_eq!(readings('曾'), ["ceng", "zeng"]);
    }

    #[test]
    fn u_umlaut_is_typed_v_or_u() {
        assert_eq!(readings('吕'), ["lv", "lu"]);
    }

    #[test]
    fn names_encode_as_syllables_with_options() {
        assert_eq!(enc("王秀英"), "王,wang|yu'秀,xiu'英,ying|yang");
        assert_eq!(enc("单桂兰"), "单,dan,shan|chan'桂,gui'兰,lan");
        assert_eq!(enc("abc银行"), "abc'银,yin'行,xing|hang,heng");
        assert_eq!(enc("李·娜"), "李,li'娜,na|nuo");
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
