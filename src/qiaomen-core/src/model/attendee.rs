//! Who attended a meeting (issue 16 point 5): a resident, an organisation or a member of the
//! register, or someone from outside it by name (a guest). Meeting format 2 and journal entry
//! version 6 hold them; before, attendees were names, and a name written then reads as a guest
//! (`meetings_with_names`, and a plain string in a JSON Lines file).

use std::cell::Cell;

use serde::{Deserialize, Deserializer, Serialize};

use super::Id;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendee {
    Resident(Id),
    Org(Id),
    Member(Id),
    /// Someone not in the register, as the user typed them.
    Guest(String),
}

thread_local! {
    static NAMES: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with every meeting decoded as written when attendees were names (meeting format 1,
/// journal entry versions 1–5). Restored afterwards, also on an early return.
pub fn meetings_with_names<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            NAMES.with(|s| s.set(self.0));
        }
    }
    let _restore = Restore(NAMES.with(|s| s.replace(true)));
    f()
}

/// A meeting's attendees as read: names of old bytes as guests; in JSON, a plain string (an
/// export from before) as a guest too, else the reference as written (`{"org":3}`).
pub(super) fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Attendee>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Name(String),
        Ref(Attendee),
    }
    if NAMES.with(Cell::get) {
        let names = Vec::<String>::deserialize(d)?;
        return Ok(names.into_iter().map(Attendee::Guest).collect());
    }
    if !d.is_human_readable() {
        return Vec::<Attendee>::deserialize(d);
    }
    Ok(Vec::<Written>::deserialize(d)?
        .into_iter()
        .map(|w| match w {
            Written::Name(n) => Attendee::Guest(n),
            Written::Ref(a) => a,
        })
        .collect())
}
