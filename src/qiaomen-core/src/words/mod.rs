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
///
/// One pass over the template, each value written where its slot is: a value's own text is
/// never read for slots (a name typed as `{0}` stays so), and a district's 日报, 600 grids of
/// lines, spent a seventh of its client's time replacing slot after slot.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(template.len() + 8 * values.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let slot = after
            .find('}')
            .and_then(|close| Some((slot_value(values, &after[..close])?, close)));
        if let Some((value, close)) = slot {
            let _ = write!(out, "{value}");
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The value a slot's name (or position) names, if any.
fn slot_value<'v>(
    values: &'v [(&str, &'v dyn std::fmt::Display)],
    name: &str,
) -> Option<&'v dyn std::fmt::Display> {
    let position = name.parse::<usize>().ok();
    values
        .iter()
        .enumerate()
        .find(|(i, (key, _))| {
            if key.is_empty() {
                position == Some(*i)
            } else {
                *key == name
            }
        })
        .map(|(_, (_, value))| *value)
}
