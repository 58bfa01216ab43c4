//! Validation and normalisation of text that people type: names, notes, phone numbers and
//! resident ID numbers (GB 11643).

use crate::error::{Error, Result};

pub const NAME_MAX: usize = 64;
pub const NOTE_MAX: usize = 2000;

/// Characters that must never reach storage or the screen: C0/C1 controls and the Unicode
/// bidirectional overrides and isolates, which can make text display in a misleading order.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn check_chars(field: &str, text: &str, allow_newline: bool) -> Result<()> {
    if let Some(c) = text
        .chars()
        .find(|&c| is_forbidden(c) || (!allow_newline && c == '\n'))
    {
        return Err(Error::invalid(
            field,
            crate::reason::Reason::ControlCharacter { code: c as u32 },
        ));
    }
    Ok(())
}

/// A name: trimmed, 1–64 characters, one line, no control characters.
pub fn name(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Error::invalid(field, crate::reason::Reason::Empty));
    }
    let n = t.chars().count();
    if n > NAME_MAX {
        return Err(Error::invalid(
            field,
            crate::reason::Reason::TooLong {
                len: n,
                max: NAME_MAX,
            },
        ));
    }
    check_chars(field, t, false)?;
    Ok(t.to_owned())
}

/// A note: trimmed, at most 2,000 characters; new lines allowed; may be empty.
pub fn note(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    let n = t.chars().count();
    if n > NOTE_MAX {
        return Err(Error::invalid(
            field,
            crate::reason::Reason::TooLong {
                len: n,
                max: NOTE_MAX,
            },
        ));
    }
    check_chars(field, t, true)?;
    Ok(t.to_owned())
}

/// Checks text that must be kept exactly as it is (an audit entry restored from a backup):
/// at most `max` characters and nothing forbidden, one line unless `multi_line`. Nothing is
/// trimmed or required.
pub fn verbatim(field: &str, text: &str, max: usize, multi_line: bool) -> Result<()> {
    let n = text.chars().count();
    if n > max {
        return Err(Error::invalid(
            field,
            crate::reason::Reason::TooLong { len: n, max },
        ));
    }
    check_chars(field, text, multi_line)
}

/// Half-width katakana U+FF61..=U+FF9D and their full-width forms (NFKC), low 16 bits.
const HALF_KANA: [u16; 61] = [
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3,
    0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF,
    0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8,
    0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF,
    0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF,
    0x30F3,
];

/// The full-width kana a voiced (`handakuten`: semi-voiced) mark makes of `base`, if any.
fn voiced(base: char, handakuten: bool) -> Option<char> {
    let b = base as u32;
    let ha_row = matches!(b, 0x30CF | 0x30D2 | 0x30D5 | 0x30D8 | 0x30DB);
    let to = if handakuten {
        ha_row.then_some(b + 2)?
    } else {
        match b {
            0x30AB..=0x30C1 if b % 2 == 1 => b + 1,
            0x30C4 | 0x30C6 | 0x30C8 => b + 1,
            _ if ha_row => b + 1,
            0x30A6 => 0x30F4,
            0x30EF => 0x30F7,
            0x30F2 => 0x30FA,
            _ => return None,
        }
    };
    char::from_u32(to)
}

/// Text as every terminal draws it at the width `unicode-width` gives, applied where text is
/// typed and where it is displayed. Terminals disagree on two things, so they are folded
/// away rather than guessed: half-width katakana become full-width, a voiced mark joined to
/// its kana (`ｶﾞ` → `ガ`, one character two columns wide, where some terminals drew two
/// narrow cells and others one); and emoji sequences lose their joiners, presentation
/// selectors and skin-tone modifiers (`👨‍👩‍👧` → `👨👩👧`), which some terminals draw as one
/// glyph and others as several. Everything else is left as it is.
pub fn fold_for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(foldable) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FF61}'..='\u{FF9D}' => {
                let full = HALF_KANA[(c as u32 - 0xFF61) as usize];
                out.push(char::from_u32(u32::from(full)).unwrap_or(c));
            }
            '\u{FF9E}' | '\u{FF9F}' => {
                let semi = c == '\u{FF9F}';
                match out.chars().last().and_then(|b| voiced(b, semi)) {
                    Some(v) => {
                        out.pop();
                        out.push(v);
                    }
                    // A mark on its own: the spacing full-width mark.
                    None => out.push(if semi { '\u{309C}' } else { '\u{309B}' }),
                }
            }
            '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' => {}
            _ => out.push(c),
        }
    }
    out.into()
}

/// What `fold_for_terminal` changes.
fn foldable(c: char) -> bool {
    matches!(c, '\u{FF61}'..='\u{FF9F}' | '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')
}

/// Whether `sanitize` leaves `text` as it is, in one pass over it (printable ASCII at once):
/// a table of 20,000 rows asks for each of its cells.
pub fn is_sane(text: &str) -> bool {
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return true;
    }
    !text
        .chars()
        .any(|c| foldable(c) || is_forbidden(c) || c == '\n')
}

/// Replaces anything forbidden by `�`: the second guard, used when text is displayed.
pub fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if is_sane(text) {
        return text.into();
    }
    let text = fold_for_terminal(text);
    if text.chars().any(|c| is_forbidden(c) || c == '\n') {
        text.chars()
            .map(|c| {
                if c == '\n' {
                    ' '
                } else if is_forbidden(c) {
                    '\u{FFFD}'
                } else {
                    c
                }
            })
            .collect::<String>()
            .into()
    } else {
        text
    }
}

/// Normalises a phone number: keeps digits (and a leading `+`), drops spaces, dashes and
/// brackets. Mainland mobiles are 11 digits starting with 1; landlines 7–12 digits.
pub fn phone(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    let mut out = String::with_capacity(t.len());
    for (i, c) in t.chars().enumerate() {
        match c {
            '0'..='9' => out.push(c),
            '+' if i == 0 => out.push(c),
            ' ' | '-' | '(' | ')' | '（' | '）' => {}
            // The value is never repeated in the message: error text ends up in terminals,
            // scrollback and screenshots, and a phone number is personal data.
            _ => {
                return Err(Error::invalid(
                    field,
                    crate::reason::Reason::PhoneCharacters,
                ));
            }
        }
    }
    let digits = out.trim_start_matches('+');
    let digits = digits
        .strip_prefix("86")
        .filter(|d| d.len() == 11 && out.starts_with('+'))
        .unwrap_or(digits);
    if !(5..=15).contains(&digits.len()) {
        return Err(Error::invalid(
            field,
            crate::reason::Reason::PhoneDigits {
                digits: digits.len(),
            },
        ));
    }
    if digits.len() == 11 && digits.starts_with('1') {
        return Ok(digits.to_owned());
    }
    Ok(out)
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The GB 11643 check character for the first 17 digits.
pub fn id_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17
        .bytes()
        .zip(ID_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(ID_CHECK[(sum % 11) as usize])
}

/// The earliest birth year an ID number is accepted with. Numbers of this form were first
/// issued in the 1980s, to people alive then; a year before 1900 is a typing error.
pub const ID_BIRTH_YEAR_MIN: i32 = 1900;

/// The birth date written in an ID number (characters 7–14), if it is a real day.
pub fn id_birth(id: &str) -> Option<crate::day::Date> {
    let digits = id
        .get(6..14)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    crate::day::Date::from_ymd(
        digits[0..4].parse().ok()?,
        digits[4..6].parse().ok()?,
        digits[6..8].parse().ok()?,
    )
    .ok()
}

/// A resident ID number (18 characters, GB 11643): the checksum and the birth date are checked
/// (a real day, not before 1900), a trailing `x` is upper-cased. Garbage of the right byte
/// length (multi-byte characters) is rejected without slicing inside a character. Whether the
/// birth date is in the future needs today's date: see `validate::resident_on`.
pub fn id_number(text: &str) -> Result<String> {
    let t = text.trim().to_uppercase();
    let bad = |why: crate::reason::Reason| Error::invalid("id_number", why);
    if t.chars().count() != 18 || !t.is_ascii() {
        return Err(bad(crate::reason::Reason::IdNumberShape));
    }
    let (body, check) = t.split_at(17);
    let expected = id_check_char(body).ok_or_else(|| bad(crate::reason::Reason::IdNumberDigits))?;
    if !check.starts_with(expected) {
        return Err(bad(crate::reason::Reason::IdNumberChecksum));
    }
    let Some(birth) = id_birth(body) else {
        return Err(bad(crate::reason::Reason::IdNumberBirth));
    };
    if birth.year() < ID_BIRTH_YEAR_MIN {
        return Err(bad(crate::reason::Reason::IdNumberYear));
    }
    Ok(t)
}

/// Shows an ID number with the middle hidden: `430103********123X`.
pub fn mask_id(id: &str) -> String {
    if id.len() != 18 || !id.is_ascii() {
        return "*".repeat(id.chars().count());
    }
    format!("{}********{}", &id[..6], &id[14..])
}

/// Shows a phone with the middle hidden: `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    if phone.len() < 7 || !phone.is_ascii() {
        return "*".repeat(phone.len());
    }
    format!("{}****{}", &phone[..3], &phone[phone.len() - 4..])
}

/// Masks a Chinese name for a public notice: 徐小平 → 徐*平, 梅英 → 梅*.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match chars.len() {
        0 => String::new(),
        1 => "*".to_owned(),
        2 => format!("{}*", chars[0]),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_kana_and_emoji_sequences_fold_to_what_terminals_agree_on() {
        assert_eq!(fold_for_terminal("ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟ ｳﾞ ｱｲｳ"), "ガギグ パピ ヴ アイウ");
        assert_eq!(fold_for_terminal("ﾞ"), "\u{309B}");
        assert_eq!(fold_for_terminal("｢ｶﾀｶﾅ｣｡"), "「カタカナ」。");
        assert_eq!(fold_for_terminal("👨\u{200D}👩\u{200D}👧"), "👨👩👧");
        assert_eq!(fold_for_terminal("❤\u{FE0F}👍\u{1F3FD}"), "❤👍");
        assert!(matches!(
            fold_for_terminal("梅秀英 3-2-501"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(sanitize("ﾊﾞｽ\n停"), "バス 停");
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(name("name", "  梅秀英 ").unwrap(), "梅秀英");
        assert!(name("name", "   ").is_err());
        assert!(name("name", &"长".repeat(65)).is_err());
        assert!(name("name", &"长".repeat(64)).is_ok());
        assert!(name("name", "a\u{1b}[31m").is_err());
        assert!(name("name", "abc\u{202E}cba").is_err());
        assert!(name("name", "two\nlines").is_err());
        assert!(note("note", "two\nlines").is_ok());
        assert!(note("note", &"字".repeat(2001)).is_err());
    }

    /// `is_sane` is exactly "`sanitize` changes nothing".
    #[test]
    fn sane_text_is_what_sanitize_leaves_alone() {
        for text in [
            "",
            "fine",
            "G12  3-2-501",
            "梅秀英",
            "顺安小区 9-3-202",
            "a\u{1b}[2Jb",
            "two\nlines",
            "tab\there",
            "ｶﾞｽ",
            "👨\u{200D}👩",
            "☕\u{FE0F}",
            "\u{202E}evil",
            "caf\u{e9}",
            "\u{7f}",
            "~",
        ] {
            // The definition, apart from `is_sane` (which `sanitize` itself now asks first).
            let reference = fold_for_terminal(text) == text
                && !text.chars().any(|c| is_forbidden(c) || c == '\n');
            assert_eq!(is_sane(text), reference, "{text:?}");
            assert_eq!(is_sane(text), sanitize(text) == text, "{text:?}");
        }
        // And literally: escapes, bidi controls, newlines and half-width kana are not sane.
        for text in ["a\u{1b}[2Jb", "\u{202E}evil", "two\nlines", "ｶﾞｽ", "\u{7f}"] {
            assert!(!is_sane(text), "{text:?}");
        }
        assert_eq!(sanitize("a\u{202E}b"), "a\u{FFFD}b");
        assert_eq!(sanitize("two\nlines"), "two lines");
        assert_ne!(sanitize("ｶﾞｽ"), "ｶﾞｽ");
    }

    #[test]
    fn sanitize_strips_escapes() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\u{FFFD}[2Jb");
        assert_eq!(sanitize("fine"), "fine");
    }

    #[test]
    fn phones_are_normalised() {
        assert_eq!(phone("phone", "138 0731-5678").unwrap(), "13807315678");
        assert_eq!(phone("phone", "+86 138 0731 5678").unwrap(), "13807315678");
        assert_eq!(phone("phone", "0731-8888 1234").unwrap(), "073188881234");
        assert!(phone("phone", "call me").is_err());
        assert!(phone("phone", "12").is_err());
    }

    #[test]
    fn id_numbers_follow_gb11643() {
        // 11010519491231002X is the standard's own worked example.
        assert_eq!(
            id_number("11010519491231002x").unwrap(),
            "11010519491231002X"
        );
        assert!(id_number("110105194912310021").is_err());
        assert!(id_number("11010519491331002X").is_err());
        // 18 bytes but not 18 characters: must not panic.
        assert!(id_number("梅梅梅梅梅梅").is_err());
        assert!(id_number("1234567890123456é").is_err());
        assert_eq!(mask_id("11010519491231002X"), "110105********002X");
    }

    /// A valid GB 11643 number from its first 17 digits.
    fn with_check(first17: &str) -> String {
        format!("{first17}{}", id_check_char(first17).expect("17 digits"))
    }

    #[test]
    fn the_birth_date_inside_an_id_number_is_a_real_day_from_1900() {
        let reason = |id: &str| match id_number(id) {
            Err(Error::Invalid { field, reason }) => {
                assert_eq!(field, "id_number");
                reason
            }
            other => panic!("{id}: {other:?}"),
        };
        // The checksum is right in each: only the date is wrong.
        assert_eq!(
            reason(&with_check("11010518991231002")),
            crate::reason::Reason::IdNumberYear
        );
        assert_eq!(
            reason(&with_check("11010500001231002")),
            crate::reason::Reason::IdNumberYear
        );
        for not_a_day in ["19490230", "19000229", "19491301", "19490100", "19490431"] {
            let id = with_check(&format!("110105{not_a_day}002"));
            assert_eq!(
                reason(&id),
                crate::reason::Reason::IdNumberBirth,
                "{not_a_day}"
            );
        }
        // 1900 is the first year accepted, and 2000 was a leap year.
        for ok in ["11010519000101002", "11010520000229002"] {
            let id = with_check(ok);
            assert_eq!(id_number(&id).expect(ok), id);
        }
        assert_eq!(
            id_birth("11010519491231002X"),
            Some(crate::day::Date::from_ymd(1949, 12, 31).unwrap())
        );
        assert_eq!(id_birth("梅梅梅梅梅梅"), None);
    }

    /// Error text reaches terminals, scrollback and screenshots: it says what is wrong with a
    /// phone, an ID number or a note, never what the value was.
    #[test]
    fn errors_never_repeat_a_phone_an_id_number_or_a_note() {
        for bad in [
            "138-0013-8000x",
            "1380013800013800138",
            "987",
            "+86 (138) 0013 800？",
        ] {
            let e = phone("phone", bad).expect_err(bad).to_string();
            assert!(e.starts_with("phone: "), "{e}");
            for part in bad.split([' ', '-', '(', ')']).filter(|p| p.len() >= 3) {
                assert!(!e.contains(part), "{e} repeats {part}");
            }
        }
        for bad in [
            "110105194912310021",
            "11010519491331002X",
            "1101051949123100",
            "11010518991231002X",
        ] {
            let e = id_number(bad).expect_err(bad).to_string();
            assert!(!e.contains(&bad[..14]), "{e} repeats {bad}");
        }
        for bad in ["请回电 13800138000\u{1b}[2J", &"家中无人".repeat(600)] {
            let e = note("note", bad).expect_err(bad).to_string();
            assert!(!e.contains("13800138000") && !e.contains("家中无人"), "{e}");
        }
    }

    #[test]
    fn masks() {
        assert_eq!(mask_name("徐小平"), "徐*平");
        assert_eq!(mask_name("梅英"), "梅*");
        assert_eq!(mask_name("欧阳小明"), "欧**明");
        assert_eq!(mask_phone("13807315678"), "138****5678");
    }
}
