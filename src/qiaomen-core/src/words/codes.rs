//! A code as typed on the command line (`no_answer`, `mediating`) with its word, for the
//! lists of allowed values in errors: 「可选：ok（平安）、unwell（身体不适）…」.

use super::{Lang, Word};
use crate::care::{Pairing, ServiceKind, TeamKind};
use crate::model::{
    ActivityKind, CaseKind, CaseStatus, Category, Closure, ContactHow, Direction, FileStatus,
    Level, MeetingKind, Method, Need, OrgKind, Outcome, PartnerKind, Period, PledgeStatus, Role,
    Side,
};

type Finder = fn(Lang, &str) -> Option<&'static str>;

fn by<W: Word>(lang: Lang, code: &str, as_code: fn(W) -> &'static str) -> Option<&'static str> {
    W::EVERY
        .iter()
        .find(|&&w| as_code(w).replace('_', "-") == code.replace('_', "-"))
        .map(|w| w.word(lang))
}

/// The enums with codes, by the names a field or a type goes by (`Error::invalid`'s field:
/// a type's name in lower case from `FromStr`, or the field of a form or a file).
const FAMILIES: &[(&[&str], Finder)] = &[
    (&["outcome"], |l, c| by(l, c, Outcome::as_str)),
    (&["method"], |l, c| by(l, c, Method::as_str)),
    (&["casekind", "kind"], |l, c| by(l, c, CaseKind::as_str)),
    (&["casestatus", "status"], |l, c| {
        by(l, c, CaseStatus::as_str)
    }),
    (&["closure"], |l, c| by(l, c, Closure::as_str)),
    (&["level"], |l, c| by(l, c, Level::as_str)),
    (&["contacthow", "how"], |l, c| by(l, c, ContactHow::as_str)),
    (&["orgkind"], |l, c| by(l, c, OrgKind::as_str)),
    (&["filestatus", "file"], |l, c| by(l, c, FileStatus::as_str)),
    (&["category", "categories"], |l, c| {
        by(l, c, Category::as_str)
    }),
    (&["need", "needs"], |l, c| by(l, c, Need::as_str)),
    (&["partnerkind"], |l, c| by(l, c, PartnerKind::as_str)),
    (&["pledgestatus"], |l, c| by(l, c, PledgeStatus::as_str)),
    (&["period"], |l, c| by(l, c, Period::as_str)),
    (&["direction"], |l, c| by(l, c, Direction::as_str)),
    (&["meetingkind"], |l, c| by(l, c, MeetingKind::as_str)),
    (&["activitykind"], |l, c| by(l, c, ActivityKind::as_str)),
    (&["side"], |l, c| by(l, c, Side::as_str)),
    (&["role", "roles"], |l, c| by(l, c, Role::as_str)),
    (&["teamkind"], |l, c| by(l, c, TeamKind::as_str)),
    (&["servicekind"], |l, c| by(l, c, ServiceKind::as_str)),
    (&["pairing"], |l, c| by(l, c, Pairing::as_str)),
];

/// The word of an allowed `code` of the field or type `field`; for a field of no known enum,
/// the word when every enum having that code spells it alike, else `None` (the code is then
/// shown alone).
pub fn code_word(lang: Lang, field: &str, code: &str) -> Option<&'static str> {
    let field: String = field
        .rsplit('.')
        .next()
        .unwrap_or(field)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if let Some((_, find)) = FAMILIES.iter().find(|(names, _)| names.contains(&&*field)) {
        return find(lang, code);
    }
    let mut words = FAMILIES.iter().filter_map(|(_, find)| find(lang, code));
    let first = words.next()?;
    words.all(|w| w == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_find_their_words() {
        assert_eq!(code_word(Lang::Zh, "outcome", "no_answer"), Some("未接通"));
        assert_eq!(code_word(Lang::Zh, "casestatus", "open"), Some("待处理"));
        assert_eq!(
            code_word(Lang::En, "need", "wheelchair"),
            Some("wheelchair and aids")
        );
        // `other` is spelled differently by several enums: no guess without the field.
        assert_eq!(code_word(Lang::Zh, "", "other"), None);
        assert_eq!(code_word(Lang::Zh, "closure", "other"), Some("其他原因"));
        assert_eq!(code_word(Lang::Zh, "", "mediating"), Some("调解中"));
        assert_eq!(code_word(Lang::Zh, "outcome", "nonsense"), None);
    }
}
