//! What a pane or popup may see: `Ctx` while drawing (words, the clock and the community's
//! facts, no database), `View` while it handles an action (the same, and the backend's named
//! queries for the reads a key needs). Both are borrowed from the app for one call; neither
//! can change anything, which is done by returning effects (`crate::effect`).

use std::ops::Deref;

use qiaomen_core::model::{Community, Grid, Id, Member};
use qiaomen_core::rollcall::{Roll, RollEntry};
use qiaomen_core::{Actor, Date, Now};

use crate::backend::Backend;
use crate::i18n::Lang;
use crate::panes::Pane;

/// The read-only facts every pane and popup draws with.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub lang: Lang,
    /// The time of the action (or of the frame): taken once, so one action sees one time.
    pub now: Now,
    pub operator: &'a str,
    pub community: &'a Community,
    pub grids: &'a [Grid],
    pub members: &'a [Member],
    /// `grids` and `members` are all of them; else only those the roll call's first lines
    /// name, the rest still being read (a name not here is then waited for, not guessed).
    pub crew_whole: bool,
    pub grid_filter: Option<Id>,
    /// The pane in front.
    pub pane: Pane,
    /// The day the roll call shows: a mark typed in a form is saved on it.
    pub roll_date: Date,
    /// The roll call's lines, for a popup that saves a mark (a ladder step is built from the
    /// elder's attempts); `None` for the roll call itself, which has them.
    pub roll: Option<&'a Roll>,
}

impl Ctx<'_> {
    pub fn grid_code(&self, id: Id) -> &str {
        self.grids
            .iter()
            .find(|g| g.id == id)
            .map_or("", |g| g.code.as_str())
    }

    pub fn member_name(&self, id: Id) -> &str {
        match self.members.iter().find(|m| m.id == id) {
            Some(m) => m.name.as_str(),
            None if self.crew_whole => "?",
            None => self.lang.t(crate::i18n::T::StillReading),
        }
    }

    /// An elder's line in the roll call shown, if a popup's view has the roll.
    pub fn roll_entry(&self, elder: Id) -> Option<&RollEntry> {
        self.roll?.entries.iter().find(|e| e.elder.id == elder)
    }

    pub fn actor(&self) -> Actor {
        Actor {
            operator: self.operator.to_owned(),
            now: self.now,
        }
    }
}

/// What an action is handled with: the facts, and the one backend to read through.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub ctx: Ctx<'a>,
    pub backend: &'a dyn Backend,
}

impl<'a> Deref for View<'a> {
    type Target = Ctx<'a>;

    fn deref(&self) -> &Ctx<'a> {
        &self.ctx
    }
}
