//! Property tests of the one wrapping function (issue 15, point 3): on any mix of Chinese,
//! kana, ASCII words, numbers, `#n`, punctuation, emoji and spaces, and any width, wrapping
//! never loses or reorders a character (only spaces where a line breaks are not drawn), never
//! makes a line wider than asked, and never starts a line with closing punctuation.

use proptest::prelude::*;
use qiaomen::width::width;
use qiaomen::wrap::{lines, ranges, text};
use ratatui::text::{Line, Span};

/// Characters as they come in notes and timelines.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "王", "秀", "英", "知", "行", "书", "店", "调", "解", "住", "户", "元", "次", "第", "楼",
        ])
        .prop_map(str::to_owned),
        2 => "[a-z]{1,12}",
        2 => "[0-9]{1,6}(\\.[0-9]{2})?",
        1 => "#[0-9]{1,3}",
        1 => "[0-9]-[0-9]{2}",
        1 => prop::sample::select(vec!["ガ", "ギ", "ア", "😀", "👍", "é", "e\u{301}", "·", "—"])
            .prop_map(str::to_owned),
        2 => prop::sample::select(vec![" ", " ", "  ", "\u{3000}"]).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["（", "「", "“", "("]).prop_map(str::to_owned),
    ]
}

/// A closing mark, after something that is not one.
fn closing() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "…", ",", ".",
    ])
}

fn note() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop::option::of(closing())), 0..40).prop_map(|parts| {
        parts
            .into_iter()
            // Closing punctuation closes something: never a space.
            .map(|(p, c)| match c {
                Some(c) if !p.trim().is_empty() => format!("{p}{c}"),
                _ => p,
            })
            .collect()
    })
}

fn starts_with_closing(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| "，。、；：？！）」』…,.".contains(c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn no_character_is_lost_and_no_line_is_too_wide(s in note(), w in 2usize..40) {
        let rs = ranges(&s, w);
        prop_assert!(!rs.is_empty());
        let mut at = 0;
        for r in &rs {
            // Between two lines only spaces where the line broke.
            prop_assert!(r.start >= at, "{rs:?} on {s:?}");
            prop_assert!(s[at..r.start].chars().all(char::is_whitespace), "lost {:?}", &s[at..r.start]);
            prop_assert!(width(&s[r.clone()]) <= w, "{:?} wider than {w}", &s[r.clone()]);
            at = r.end;
        }
        prop_assert!(s[at..].chars().all(char::is_whitespace), "lost the end {:?}", &s[at..]);
        let kept: String = text(&s, w).concat().chars().filter(|c| !c.is_whitespace()).collect();
        let all: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(kept, all);
    }

    #[test]
    fn no_line_starts_with_closing_punctuation(s in note(), w in 6usize..40) {
        for (i, line) in text(&s, w).iter().enumerate().skip(1) {
            prop_assert!(!starts_with_closing(line), "line {i} {line:?} of {s:?} at {w}");
        }
    }

    #[test]
    fn styled_lines_keep_every_span_character(a in note(), b in note(), w in 2u16..40) {
        let line = Line::from(vec![Span::raw(a.clone()), Span::raw(b.clone())]);
        let out = lines([line], w);
        let mut drawn = String::new();
        for l in &out {
            prop_assert!(l.width() <= usize::from(w));
            for s in &l.spans {
                drawn.push_str(&s.content);
            }
        }
        let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(strip(&drawn), strip(&format!("{a}{b}")));
    }
}

#[test]
fn a_name_with_its_number_and_an_amount_with_its_unit_stay_together() {
    // From the width of `500.00 元，`: narrower, a word has to be cut.
    for w in 11..30 {
        let lines = text("知行书店 #5 每月 500.00 元，第 1 次调解，4-01住户。", w);
        for line in lines {
            assert!(!line.starts_with('#'), "{line:?} at {w}");
            assert!(!line.starts_with('元'), "{line:?} at {w}");
            assert!(!line.starts_with('次'), "{line:?} at {w}");
            assert!(!line.starts_with('住'), "{line:?} at {w}");
            assert!(!line.starts_with(['，', '。']), "{line:?} at {w}");
        }
    }
}
