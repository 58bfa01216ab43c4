//! What a pane or popup asks for, as data: `App::carry_out` alone does it (saves through the
//! one backend, opens popups, moves the focus, says things). One queue: an effect may lead to
//! more effects (what follows a save), carried out in order.

use qiaomen_core::model::Id;
use qiaomen_core::{Applied, Command};

use crate::panes::Pane;
use crate::panes::register::RegisterPane;
use crate::popups::Popup;
use crate::view::View;

/// What follows a save, from its outcome: the saved change, or the reason it was refused
/// (not yet worded: the continuation decides where the reason shows).
pub type Then = Box<dyn FnOnce(qiaomen_core::Result<Applied>, &View) -> Vec<Effect>>;

/// The register pane's own state changed by what a save of one of its forms leads to.
pub type RegisterUpdate = Box<dyn FnOnce(&mut RegisterPane, &View) -> Vec<Effect>>;

/// Something carried out later in the queue, with the view as it is by then.
pub type Later = Box<dyn FnOnce(&View) -> Vec<Effect>>;

/// A record to bring into view, in the pane that lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    /// An elder's line in the roll call, on `day` if given.
    Elder {
        id: Id,
        day: Option<qiaomen_core::Date>,
    },
    /// A case in the cases pane, shown even when the filters hid it.
    Case(Id),
    /// A grid's line in the grids pane.
    Grid(Id),
    /// A household's file in the register, shown even when the status filter hid it.
    Household(Id),
    /// A partner in the register.
    Partner(Id),
    /// A volunteer team in the register's teams view.
    Team(Id),
}

/// What the roll call is told by a popup or after a save (its own state changes there).
pub enum RollNote {
    /// A mark was saved: remember it for `z`, say so, move to the next elder not reached.
    Marked {
        checkin: Option<qiaomen_core::model::CheckInKey>,
        name: String,
        outcome: qiaomen_core::model::Outcome,
        method: qiaomen_core::model::Method,
    },
    /// A mark was undone (`z`): read its elder's line again and say so.
    Undone(qiaomen_core::model::CheckInKey),
    /// `y` on the follow-up offer: the new case form, prefilled from the elder's check-in.
    FollowUpCase { elder: Id, name: String },
    /// The back-fill popup for the selected elder (a mark key on a past day).
    Backfill {
        outcome: qiaomen_core::model::Outcome,
        method: qiaomen_core::model::Method,
    },
}

pub enum Effect {
    /// Saves a command through the backend; `then` gets the outcome.
    Apply(Command, Then),
    /// Opens a popup over the pane (replacing any open one).
    Open(Popup),
    /// Brings a record into view in the pane that lists it.
    Focus(Record),
    /// Puts a pane in front.
    Switch(Pane),
    /// Shows one grid, or all (`None`), and reads the roll call and cases again.
    GridFilter(Option<Id>),
    /// A message in the status line.
    Say(String),
    /// An error in the status line, worded already.
    Error(String),
    /// An error in the status line, worded by the app.
    Fail(qiaomen_core::Error),
    /// The roll call and the cases read again.
    Reload,
    /// Everything read again, the grids and members too (a grid or a member was saved).
    Changed,
    /// Something for the roll call to do with its own state.
    Roll(RollNote),
    /// The register pane updates its own state (after a save of one of its forms).
    Register(RegisterUpdate),
    /// Carried out with the view as it is by then (after `Changed`: the new grids, members).
    Then(Later),
    /// Copies text to the clipboard (through the terminal) and says `done`.
    Copy {
        text: String,
        done: String,
    },
    Quit,
}

impl Effect {
    /// A save whose refusal is said in the status line; `then` follows a success.
    pub fn apply(
        command: Command,
        then: impl FnOnce(Applied, &View) -> Vec<Effect> + 'static,
    ) -> Effect {
        Effect::Apply(
            command,
            Box::new(move |outcome, view| match outcome {
                Ok(applied) => then(applied, view),
                // The app said that the server went away and connected again.
                Err(qiaomen_core::Error::ServerGone(_)) => Vec::new(),
                Err(e) => vec![Effect::Fail(e)],
            }),
        )
    }

    /// An error as an effect, or nothing: for a `Result` of a read a key needed.
    pub fn or_fail(result: qiaomen_core::Result<Vec<Effect>>) -> Vec<Effect> {
        result.unwrap_or_else(|e| vec![Effect::Fail(e)])
    }
}
