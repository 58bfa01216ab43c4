//! Small formatting helpers shared by the renderers: templates, money, display width and
//! wrapping. Nothing here knows a language; the words come from `Labels`.

use unicode_width::UnicodeWidthChar;

/// Fills `{name}` placeholders of a label template (the one filler, `words::fill`).
pub use crate::words::fill;

/// Fen as yuan with thousands separators, `3050000` → `30,500.00`, in integer arithmetic only.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{:02}", abs % 100)
}

/// Columns a character takes in a terminal or a monospaced chat font: East Asian wide and
/// fullwidth characters take two. Controls never reach here (text is sanitized first).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Punctuation that must not start a line in Chinese typesetting (避头点).
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '】'
            | ','
            | '.'
            | ':'
            | ';'
            | ')'
    )
}

/// Breaks one line into lines of at most `max` columns. Continuation lines start with
/// `indent` spaces. Breaks at the last space when there is one (English), otherwise between
/// characters (Chinese), never putting closing punctuation at the start of a line.
pub fn wrap(line: &str, max: usize, indent: usize) -> Vec<String> {
    let indent = indent.min(max / 2);
    let line = line.trim_end();
    // Most lines fit (a district's 日报 has thousands): as they are, without the walk below.
    if width(line) <= max {
        return vec![line.to_owned()];
    }
    let mut out = Vec::new();
    let mut rest: Vec<char> = line.chars().collect();
    let mut prefix = 0;
    loop {
        let room = max - prefix;
        let mut used = 0;
        let mut fit = 0;
        while fit < rest.len() && used + char_width(rest[fit]) <= room {
            used += char_width(rest[fit]);
            fit += 1;
        }
        if fit == rest.len() {
            out.push(format!(
                "{}{}",
                " ".repeat(prefix),
                rest.iter().collect::<String>()
            ));
            return out;
        }
        // Inside a run of ASCII (a word, a number, `30,500.00`) break at a space; between
        // Chinese characters anywhere.
        let mid_word = fit > 0 && rest[fit - 1].is_ascii_graphic() && rest[fit].is_ascii_graphic();
        let space = rest[..fit]
            .iter()
            .rposition(|&c| c == ' ')
            .filter(|&i| i > 0);
        let mut cut = match space {
            Some(space) if mid_word => space,
            _ => fit.max(1),
        };
        // Pull one character down rather than start a line with a comma or a bracket.
        while cut > 1 && cut < rest.len() && no_line_start(rest[cut]) {
            cut -= 1;
        }
        let head: String = rest[..cut].iter().collect();
        out.push(format!("{}{}", " ".repeat(prefix), head.trim_end()));
        let skip = rest[cut..].iter().take_while(|&&c| c == ' ').count();
        rest.drain(..cut + skip);
        prefix = indent;
        if rest.is_empty() {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_groups_thousands_without_floats() {
        assert_eq!(yuan(0), "0.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(99_999), "999.99");
        assert_eq!(yuan(100_000), "1,000.00");
        assert_eq!(yuan(3_050_000), "30,500.00");
        assert_eq!(yuan(12_345_678_901), "123,456,789.01");
        assert_eq!(yuan(-150_050), "-1,500.50");
    }

    #[test]
    fn fill_replaces_named_slots() {
        let s = fill(
            "应问候 {due} 人，已问候 {reached} 人",
            &[("due", &18), ("reached", &15)],
        );
        assert_eq!(s, "应问候 18 人，已问候 15 人");
        assert_eq!(fill("{missing}", &[("due", &1)]), "{missing}");
    }

    #[test]
    fn widths_count_chinese_as_two() {
        assert_eq!(width("G1 顺安"), 7);
        assert_eq!(width("（周一）"), 8);
    }

    #[test]
    fn wrap_keeps_every_line_within_the_limit() {
        let zh = "备注：".to_owned() + &"老人说腿疼，需要送药，已联系女儿。".repeat(6);
        let lines = wrap(&zh, 40, 4);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(width(l) <= 40, "{l:?} is {} wide", width(l));
        }
        assert!(lines[1..].iter().all(|l| l.starts_with("    ")));
        assert!(lines.iter().all(|l| !l.trim_start().starts_with('，')));
        let joined: String = lines.iter().map(|l| l.trim_start()).collect();
        assert_eq!(joined, zh);

        let en = "Note: the elder said her knee hurts and asked for medicine to be brought";
        let lines = wrap(en, 30, 2);
        assert_eq!(lines[0], "Note: the elder said her knee");
        assert!(lines.iter().all(|l| width(l) <= 30));
        let long_word = "x".repeat(70);
        assert!(wrap(&long_word, 30, 2).iter().all(|l| width(l) <= 30));
    }
}
