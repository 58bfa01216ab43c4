//! Scrubbing text for the public: every name, phone and ID number of the people concerned is
//! masked wherever it appears (free text too: needs, address text, the community's name), and
//! so is any phone- or ID-like run of digits. A last check refuses the text if any of them
//! still shows — a name made only of `*` cannot be masked — so a leak is an error, never a
//! published notice.

use crate::error::{Error, Result};
use crate::model::Resident;
use crate::text::mask_name;

/// What must never show in a notice about these residents, with what replaces it. Phones and
/// ID numbers are starred whole: the partial masks of the screens (`430103********123X`) still
/// say too much on a public board.
fn secrets(members: &[Resident]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut add = |secret: &str, mask: String| {
        if !secret.is_empty() {
            out.push((secret.to_owned(), mask));
        }
    };
    for r in members {
        if r.name.chars().count() >= 2 {
            add(&r.name, mask_name(&r.name));
        }
        add(&r.phone, stars(&r.phone));
        if let Some(id) = &r.id_number {
            add(id, stars(id));
        }
        for c in &r.contacts {
            if c.name.chars().count() >= 2 {
                add(&c.name, mask_name(&c.name));
            }
            add(&c.phone, stars(&c.phone));
        }
    }
    // Longest first, so a full name is masked before a shorter name inside it.
    out.sort_by_key(|(s, _)| std::cmp::Reverse(s.chars().count()));
    out
}

/// A phone or ID number starred whole, as a notice shows it (the spreadsheet export's
/// `--mask` uses the same).
pub fn stars(s: &str) -> String {
    "*".repeat(s.chars().count())
}

/// Replaces every occurrence, also overlapping ones (`aba` in `ababa`): a single `replace`
/// pass leaves the second. Each pass turns characters into `*`, so it ends.
fn replace_all(text: &mut String, secret: &str, mask: &str) {
    if mask.contains(secret) {
        return;
    }
    for _ in 0..64 {
        if !text.contains(secret) {
            return;
        }
        *text = text.replace(secret, mask);
    }
}

/// Hides phone- and ID-like digit runs (7 digits or more, allowing single spaces and dashes
/// inside, and an ID's final X), but keeps dates written `2026-03-10`.
fn redact_digits(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len()
            && (chars[j].is_ascii_digit()
                || (matches!(chars[j], ' ' | '-')
                    && chars.get(j + 1).is_some_and(char::is_ascii_digit)
                    && chars[j - 1].is_ascii_digit()))
        {
            j += 1;
        }
        let run: String = chars[i..j].iter().collect();
        let digits = run.chars().filter(char::is_ascii_digit).count();
        if digits >= 7 && !is_date(&run) {
            if digits == 17 && chars.get(j).is_some_and(|c| matches!(c, 'X' | 'x')) {
                j += 1;
            }
            out.extend(
                chars[i..j]
                    .iter()
                    .map(|&c| if c.is_ascii_digit() { '*' } else { c }),
            );
        } else {
            out.push_str(&run);
        }
        i = j;
    }
    out
}

fn is_date(run: &str) -> bool {
    let parts: Vec<&str> = run.split('-').collect();
    matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()))
}

/// Masks every secret and digit run in `text`, then refuses if any secret still shows.
pub fn scrub(text: &str, members: &[Resident]) -> Result<String> {
    let secrets = secrets(members);
    let mut out = text.to_owned();
    for (secret, mask) in &secrets {
        replace_all(&mut out, secret, mask);
    }
    let out = redact_digits(&out);
    if let Some((secret, _)) = secrets.iter().find(|(s, _)| out.contains(s.as_str())) {
        let number = secret.chars().any(|c| c.is_ascii_digit());
        return Err(Error::invalid(
            "notice",
            crate::reason::Reason::CannotMask { number },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs_are_hidden_but_dates_kept() {
        assert_eq!(
            redact_digits("电话 138 0731 5678。"),
            "电话 *** **** ****。"
        );
        assert_eq!(
            redact_digits("号码11010519491231002x"),
            "号码*****************x"
        );
        assert_eq!(
            redact_digits("2026-03-10 到 3栋501"),
            "2026-03-10 到 3栋501"
        );
        assert_eq!(redact_digits("a-1234567"), "a-*******");
    }

    #[test]
    fn overlapping_occurrences_are_all_masked() {
        let mut t = "ababa".to_owned();
        replace_all(&mut t, "aba", "a*a");
        assert!(!t.contains("aba"), "{t}");
    }
}
