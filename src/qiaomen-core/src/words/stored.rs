//! Texts the domain stored on its own (`crate::stored_text`), worded in a language: the TUI
//! timeline, `case show` and the summary report word them here alike.

use super::{Lang, fill};
use crate::stored_text::{Stored, read};

/// A stored text in words; a person's own text as written.
pub fn stored(lang: Lang, text: &str) -> String {
    let zh = lang == Lang::Zh;
    match read(text) {
        Stored::MediationSession(n) => fill(
            if zh {
                "第 {n} 次调解"
            } else {
                "mediation session {n}"
            },
            &[("n", &n)],
        ),
        Stored::LadderUndone => if zh {
            "撤回了升级步骤"
        } else {
            "ladder step undone"
        }
        .to_owned(),
        Stored::Notice(id) => fill(
            if zh { "公示 #{id}" } else { "notice #{id}" },
            &[("id", &id)],
        ),
        Stored::Pledge { id, partner } => fill(
            if zh {
                "认领 #{id} {partner}"
            } else {
                "pledge #{id} {partner}"
            },
            &[("id", &id), ("partner", &partner)],
        ),
        Stored::Text(t) => t.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stored_text;

    #[test]
    fn stored_texts_in_both_languages() {
        let s = stored_text::mediation_session(2);
        assert_eq!(stored(Lang::Zh, &s), "第 2 次调解");
        assert_eq!(stored(Lang::En, &s), "mediation session 2");
        assert_eq!(stored(Lang::Zh, &stored_text::notice(4)), "公示 #4");
        assert_eq!(
            stored(Lang::Zh, &stored_text::pledge(14, "知行书店")),
            "认领 #14 知行书店"
        );
        assert_eq!(
            stored(Lang::Zh, &stored_text::ladder_undone()),
            "撤回了升级步骤"
        );
        assert_eq!(stored(Lang::Zh, "双方和解"), "双方和解");
    }
}
