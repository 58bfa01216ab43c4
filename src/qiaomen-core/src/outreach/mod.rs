//! Partners' activities, goods and agreement duties (issue 16 point 3). Changes are
//! `OutreachCommand`s applied through `Command::Outreach` (`plan.rs`); the read side is pure:
//! a duty's next due day and whether it is overdue (`duties.rs`), and the period's figures
//! (`figures.rs`) that the summary, the register pane and the command line share.

mod duties;
mod figures;
mod plan;

pub use duties::{DutyState, duty_state, next_due};
pub use figures::{ActivityCount, OutreachFigures, PartnerActivity, figures, goods_value};
pub use plan::{check_activity, check_duty, check_goods, mark_done};

use serde::{Deserialize, Serialize};

use crate::day::Date;
use crate::model::{Activity, Duty, Goods, Id};

/// The most people one activity is recorded as reaching.
pub const PEOPLE_MAX: u32 = 100_000;
/// The most pieces one gift of goods is recorded as.
pub const QUANTITY_MAX: u32 = 1_000_000;

/// Stored in the journal (bincode) inside `Command::Outreach` (journal entry version 5): a
/// change to a variant is a new journal entry version; new variants go at the end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutreachCommand {
    /// A new activity (id 0) of a recorded partner, on a day that has come.
    AddActivity(Activity),
    /// New goods (id 0) from a recorded partner, to the community or one household.
    AddGoods(Goods),
    /// A new duty (id 0, not done yet) of a partner's agreement.
    AddDuty(Duty),
    /// Records that a duty was done on `date` (a day that has come).
    DutyDone { duty: Id, date: Date },
}

/// What the outreach rules refuse, worded by the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutreachRule {
    /// Goods of no quantity.
    NoQuantity,
    /// Goods valued below zero.
    NegativeValue,
    /// A count above its limit.
    TooMany { what: Counted, max: u32 },
    /// A recurring duty without the day it is first due.
    NoFirstDue,
    /// A one-off duty that was already done, on `on`.
    AlreadyDone { on: Date },
    /// A duty already recorded as done on `on`.
    DoneThatDay { on: Date },
    /// Goods or a duty that do not say what they are.
    NoWhat,
    /// A count typed that is not a whole number (a form's people reached).
    NotACount { what: Counted },
}

/// What a `TooMany` counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Counted {
    People,
    Quantity,
}
