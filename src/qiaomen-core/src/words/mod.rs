//! The one spelling of every domain word, in Chinese and English: outcomes, methods, statuses,
//! kinds, tags, roles, levels. The app's panes and command-line output and the summary report
//! all read their domain words here, so a steward sees the same word on the roll call and in
//! the 日报. Sentences stay in the app's table (`src/i18n.rs`) and the summary's `Labels`.
//!
//! Also here: the one template filler (`fill`) and the one weekday and month table.

mod care;
mod cases;
mod checkins;
mod codes;
mod register;
mod stored;
mod when;

#[cfg(test)]
mod tests;

pub use codes::code_word;
pub use stored::stored;
pub use when::{month, weekday};

/// A language the words are spelled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

/// A domain enum with one Chinese and one English word per variant.
pub trait Word: Copy + 'static {
    /// Every variant, in declaration order.
    const EVERY: &'static [Self];
    fn zh(self) -> &'static str;
    fn en(self) -> &'static str;
    fn word(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }
}

/// `words!(Enum { Variant => "中文", "english"; … })`: the match is exhaustive, so a new
/// variant without words does not compile.
macro_rules! words {
    ($ty:ty { $($v:ident => $zh:literal, $en:literal;)+ }) => {
        impl $crate::words::Word for $ty {
            const EVERY: &'static [Self] = &[$(Self::$v),+];
            fn zh(self) -> &'static str {
                match self { $(Self::$v => $zh),+ }
            }
            fn en(self) -> &'static str {
                match self { $(Self::$v => $en),+ }
            }
        }
    };
}
pub(crate) use words;

/// Fills the slots of a template: `{name}` by name, and `{0}`, `{1}`… by the position of the
/// value (give `""` as the name). Unknown slots stay as they are, so a typo shows in tests
/// instead of vanishing. The one filler of the app's table and the summary's labels.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_owned();
    for (i, (key, value)) in values.iter().enumerate() {
        let slot = if key.is_empty() {
            format!("{{{i}}}")
        } else {
            format!("{{{key}}}")
        };
        if out.contains(&slot) {
            out = out.replace(&slot, &value.to_string());
        }
    }
    out
}
