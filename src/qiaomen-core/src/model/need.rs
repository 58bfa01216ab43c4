//! Need tags: what a pledge or a fund payment helps with, from one fixed list, so that the
//! double-help warning (`register::duplicates`) compares like with like. The words for each
//! tag, in both languages, are the app's (`i18n.rs`); here are only the English codes used on
//! the command line, in JSON Lines and in the database.
//!
//! Stored as its code string (`""` for no tag), the same bincode shape as the free text that
//! came before (pledge and fund entry format version 1), so old values read through this one
//! parser:
//! - a code, or a word people used for it before (`medicine`, `health`, `winter`, `助学`…),
//!   reads as its tag;
//! - any other word, read from the store, the journal, a snapshot or a JSON Lines file written
//!   by an older release, reads as no tag, and the word itself is kept in the record's note
//!   (`Need::read`, `keep_word`; see `stored.rs`): it matched nothing reliably before (free
//!   text only matched the same spelling), refusing a community's database or its backup over
//!   an old word would be worse, and dropping the word would lose what people wrote. The
//!   pledge or fund entry shows it in its note, to be tagged again by hand if it matters;
//! - what a person types for a tag (`--need`, a form) is parsed with `Need::parse`, which
//!   refuses an unknown word with the list of tags.

use serde::{Deserialize, Deserializer, Serializer};

use super::codes;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Need {
    /// Living costs (生活救助).
    Living,
    /// Meals brought or served (助餐).
    Meals,
    /// Medical costs and medicine (医疗救助).
    Medical,
    /// School fees and supplies (助学).
    Education,
    /// Help with homework (课业辅导).
    Tutoring,
    /// Finding work (就业帮扶).
    Employment,
    /// Heating and winter goods (取暖过冬).
    Heating,
    /// Repairs of the home (房屋维修).
    Repair,
    /// Adapting the home for age or disability (适老化改造).
    HomeAdaptation,
    /// A wheelchair and other aids (轮椅辅具).
    Wheelchair,
    /// Cleaning and housework (家政保洁).
    Cleaning,
    /// Company and comfort (陪伴慰藉).
    Companionship,
}

codes!(Need {
    Living => "living",
    Meals => "meals",
    Medical => "medical",
    Education => "education",
    Tutoring => "tutoring",
    Employment => "employment",
    Heating => "heating",
    Repair => "repair",
    HomeAdaptation => "home_adaptation",
    Wheelchair => "wheelchair",
    Cleaning => "cleaning",
    Companionship => "companionship",
});

/// Words written before the list existed (the demo's, the generator's, common Chinese ones),
/// and the tag each one meant.
const FORMER: &[(&str, Need)] = &[
    ("medicine", Need::Medical),
    ("health", Need::Medical),
    ("winter", Need::Heating),
    ("meal", Need::Meals),
    ("school", Need::Education),
    ("job", Need::Employment),
    ("生活", Need::Living),
    ("生活救助", Need::Living),
    ("助餐", Need::Meals),
    ("医疗", Need::Medical),
    ("医疗救助", Need::Medical),
    ("药费", Need::Medical),
    ("助学", Need::Education),
    ("教育", Need::Education),
    ("课业辅导", Need::Tutoring),
    ("就业", Need::Employment),
    ("取暖", Need::Heating),
    ("维修", Need::Repair),
    ("适老化改造", Need::HomeAdaptation),
    ("轮椅", Need::Wheelchair),
    ("保洁", Need::Cleaning),
    ("陪伴", Need::Companionship),
];

impl Need {
    /// The tag `text` names: a code (any case, `-` or `_`) or a former word; `Ok(None)` for an
    /// empty text; an error listing the tags otherwise.
    pub fn parse(text: &str) -> crate::Result<Option<Need>> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        if let Some(&(_, need)) = FORMER.iter().find(|(word, _)| word.eq_ignore_ascii_case(t)) {
            return Ok(Some(need));
        }
        t.parse().map(Some).map_err(|_| {
            let all: Vec<&str> = Need::ALL.iter().map(|n| n.as_str()).collect();
            crate::Error::invalid(
                "need",
                crate::reason::Reason::NotOneOf {
                    text: t.to_owned(),
                    allowed: all.iter().map(|a| (*a).to_owned()).collect(),
                },
            )
        })
    }

    /// A need word as written by anyone, ever: its tag, or no tag and the word itself when it
    /// names none (to be kept in a note: `keep_word`).
    pub fn read(text: &str) -> (Option<Need>, Option<String>) {
        match Need::parse(text) {
            Ok(need) => (need, None),
            Err(_) => (None, Some(text.trim().to_owned())),
        }
    }

    /// As stored: the code, or `""` for no tag.
    pub fn code(need: Option<Need>) -> &'static str {
        need.map_or("", Need::as_str)
    }
}

/// `#[serde(with = "need_code")]` for an `Option<Need>` field: its code as a string.
pub mod need_code {
    use super::{Deserialize, Deserializer, Need, Serializer};

    #[allow(clippy::ref_option)]
    pub fn serialize<S: Serializer>(need: &Option<Need>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(Need::code(*need))
    }

    /// An unknown word reads as no tag (records that keep the word read through
    /// `Need::read` instead).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Need>, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(Need::read(&text).0)
    }
}

/// `note` with an unknown need word kept in it: the word alone when the note is empty, else
/// after the note in brackets; a note that already holds the word (read again after an export)
/// is left as it is.
pub fn keep_word(note: String, word: Option<String>) -> String {
    match word {
        Some(w) if !w.is_empty() && !note.contains(&w) => {
            if note.trim().is_empty() {
                w
            } else {
                format!("{note} [{w}]")
            }
        }
        _ => note,
    }
}

impl serde::Serialize for Need {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Need {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Need, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        Need::parse(&text)
            .map_err(serde::de::Error::custom)?
            .ok_or_else(|| serde::de::Error::custom("a need tag cannot be empty"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_former_words_read_as_tags() {
        assert_eq!(Need::parse("education").unwrap(), Some(Need::Education));
        assert_eq!(
            Need::parse(" Home-Adaptation ").unwrap(),
            Some(Need::HomeAdaptation)
        );
        assert_eq!(Need::parse("medicine").unwrap(), Some(Need::Medical));
        assert_eq!(Need::parse("health").unwrap(), Some(Need::Medical));
        assert_eq!(Need::parse("winter").unwrap(), Some(Need::Heating));
        assert_eq!(Need::parse("助学").unwrap(), Some(Need::Education));
        assert_eq!(Need::parse("").unwrap(), None);
        let e = Need::parse("临时救助").unwrap_err().to_string();
        assert!(
            e.contains("临时救助") && e.contains("home_adaptation"),
            "{e}"
        );
    }

    #[test]
    fn every_code_reads_back_as_itself() {
        for &n in Need::ALL {
            assert_eq!(Need::parse(n.as_str()).unwrap(), Some(n));
        }
    }

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Holder {
        #[serde(with = "need_code")]
        need: Option<Need>,
    }

    #[test]
    fn unknown_words_are_no_tag_and_kept_for_a_note() {
        let read = |json: &str| serde_json::from_str::<Holder>(json);
        assert_eq!(read(r#"{"need":"临时救助"}"#).unwrap().need, None);
        assert_eq!(
            read(r#"{"need":"health"}"#).unwrap().need,
            Some(Need::Medical)
        );
        assert_eq!(Need::read(" 临时救助 "), (None, Some("临时救助".into())));
        assert_eq!(Need::read("health"), (Some(Need::Medical), None));
        assert_eq!(Need::read(""), (None, None));
        assert_eq!(
            keep_word(String::new(), Some("临时救助".into())),
            "临时救助"
        );
        assert_eq!(
            keep_word("春节慰问".into(), Some("临时救助".into())),
            "春节慰问 [临时救助]"
        );
        assert_eq!(
            keep_word("春节慰问 [临时救助]".into(), Some("临时救助".into())),
            "春节慰问 [临时救助]"
        );
        assert_eq!(keep_word("春节慰问".into(), None), "春节慰问");
        assert_eq!(
            serde_json::to_string(&Holder {
                need: Some(Need::HomeAdaptation)
            })
            .unwrap(),
            r#"{"need":"home_adaptation"}"#
        );
        assert_eq!(
            serde_json::to_string(&Holder { need: None }).unwrap(),
            r#"{"need":""}"#
        );
    }
}
