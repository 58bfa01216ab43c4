//! Texts the domain stored in a free-text field on its own (`qiaomen_core::stored_text`),
//! worded in the user's language by the domain crate's words (the summary report words them
//! the same way); a person's own text is shown as written.

use crate::i18n::Lang;

pub fn stored(lang: Lang, text: &str) -> String {
    qiaomen_core::words::stored(lang.words(), text)
}
