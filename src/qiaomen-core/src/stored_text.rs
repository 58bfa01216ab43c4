//! Texts the domain writes into a record's free-text field on its own (a status change's reason
//! when a mediation session opens the case, a file step's note when a notice lists the
//! household). They are stored in this fixed form, which is a code: the app words each on
//! display (`src/stored_words.rs`). The form is the one stored since the first versions, so
//! records written before issue 15 read the same; anything else is a person's own text.

/// A text the domain stored, read back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored<'a> {
    /// The status change a mediation session made (`mediation session 2`).
    MediationSession(usize),
    /// A case closed because the ladder step that opened it was taken back.
    LadderUndone,
    /// A file step made by publishing a notice (`notice #4`).
    Notice(u64),
    /// A file step made by a partner's pledge (`pledge #14 知行书店`).
    Pledge { id: u64, partner: &'a str },
    /// A person's own words.
    Text(&'a str),
}

const SESSION: &str = "mediation session ";
const LADDER_UNDONE: &str = "ladder step undone";
const NOTICE: &str = "notice #";
const PLEDGE: &str = "pledge #";

pub fn mediation_session(n: usize) -> String {
    format!("{SESSION}{n}")
}

pub fn ladder_undone() -> String {
    LADDER_UNDONE.to_owned()
}

pub fn notice(id: u64) -> String {
    format!("{NOTICE}{id}")
}

pub fn pledge(id: u64, partner: &str) -> String {
    format!("{PLEDGE}{id} {partner}")
}

/// What a stored text is.
pub fn read(text: &str) -> Stored<'_> {
    if text == LADDER_UNDONE {
        return Stored::LadderUndone;
    }
    if let Some(n) = text.strip_prefix(SESSION).and_then(|n| n.parse().ok()) {
        return Stored::MediationSession(n);
    }
    if let Some(id) = text.strip_prefix(NOTICE).and_then(|n| n.parse().ok()) {
        return Stored::Notice(id);
    }
    if let Some(rest) = text.strip_prefix(PLEDGE) {
        let (id, partner) = rest.split_once(' ').unwrap_or((rest, ""));
        if let Ok(id) = id.parse() {
            return Stored::Pledge { id, partner };
        }
    }
    Stored::Text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_written_form_reads_back_and_other_text_stays_text() {
        assert_eq!(read(&mediation_session(2)), Stored::MediationSession(2));
        assert_eq!(read(&ladder_undone()), Stored::LadderUndone);
        assert_eq!(read(&notice(4)), Stored::Notice(4));
        assert_eq!(
            read(&pledge(14, "知行书店")),
            Stored::Pledge {
                id: 14,
                partner: "知行书店"
            }
        );
        assert_eq!(read("notice #x"), Stored::Text("notice #x"));
        assert_eq!(read("家庭迁出本社区"), Stored::Text("家庭迁出本社区"));
    }
}
