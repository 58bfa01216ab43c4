//! Texts the domain stored in a free-text field on its own (`qiaomen_core::stored_text`),
//! worded in the user's language; a person's own text is shown as written.

use qiaomen_core::stored_text::{Stored, read};

use crate::i18n::{Lang, T};

pub fn stored(lang: Lang, text: &str) -> String {
    match read(text) {
        Stored::MediationSession(n) => lang.fill(T::StMediationSession, &[&n]),
        Stored::LadderUndone => lang.t(T::StLadderUndone).to_owned(),
        Stored::Notice(id) => lang.fill(T::StNotice, &[&id]),
        Stored::Pledge { id, partner } => lang.fill(T::StPledge, &[&id, &partner]),
        Stored::Text(t) => t.to_owned(),
    }
}
