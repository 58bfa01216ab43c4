//! The register (台账): household files and their workflow (一户一档 → 审核公示 → 发布认领 →
//! 全程跟踪), partners, pledges and deliveries, the assistance fund, visits, meetings and public
//! notices. Changes are `RegisterCommand`s applied through `Command::Register`; the read side
//! (`household_file`, `pledges_due`, `statement`, `duplicate_help`, `open_decisions`,
//! `contributions`) serves the register pane, the command line and the summary.

mod duplicates;
mod file;
mod ledger;
mod mask;
mod meetings;
mod notice;
pub(crate) mod partners;
pub(crate) mod plan;
mod pledges;
mod statement;
mod view;

pub use duplicates::{HelpSource, Warning, duplicate_help, find_duplicates};
pub use file::{
    check_claim, check_close, check_notice_period, check_reopen, check_step, is_reopen, next_status,
};
pub use ledger::{
    available_on, balance, balance_on, check_no_overdraft, format_yuan, parse_yuan, signed_fen,
};
pub use mask::{scrub, stars};
pub use meetings::{OpenDecision, check_meeting, collect_open, mark_done, open_decisions};
pub use notice::{
    HOUSEHOLDS_MAX, Notice, PERIOD_DAYS_MAX, compose_notice, public_address, public_label,
    validate_notice,
};
pub use partners::{Contribution, compute_contributions, contributions};
pub use plan::notice_text;
pub use pledges::{
    Due, add_months, delivered_fen, due_on, instalment_date, instalments_due, owed_fen,
    pledges_due, total_fen,
};
pub use statement::{
    GoodsLine, Statement, StatementLine, add_goods, compute_statement, public_partner, statement,
    statement_text,
};
pub use view::{HouseholdFile, household_file, members_of};

use crate::day::Date;
use crate::model::{
    Delivery, FileStatus, FundEntry, Id, Meeting, Partner, Pledge, PledgeStatus, Visit,
};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RegisterCommand {
    /// Moves a household file one status forward; a household without a file opens it at
    /// `registered`. `noticed` and `claimed` come from `PublishNotice` and `Claim`.
    FileStep {
        household: Id,
        to: FileStatus,
        note: String,
    },
    /// Sends a file back to an earlier status with a reason: the only way back, also out of
    /// `closed`.
    Reopen {
        household: Id,
        to: FileStatus,
        reason: String,
    },
    /// Creates (id 0) or replaces a partner.
    SavePartner(Partner),
    /// A partner claims a household (认领): a new pledge (id 0, active, no deliveries yet). A
    /// `published` file moves to `claimed`.
    Claim(Pledge),
    /// Records what reached the household against a pledge, with a reference. An item
    /// delivered, or a money pledge delivered in full, fulfils the pledge.
    ///
    /// A delivery does not touch the fund: partners mostly pay families directly (a transfer,
    /// a school fee paid), and writing that money into the fund would make the 收支公示 show
    /// income and spending its account never saw, so it would no longer reconcile with the
    /// bank. Money that does pass through the fund is recorded there by the worker as an `in`
    /// from the partner and an `out` to the household; the delivery's reference ties them.
    Deliver { pledge: Id, delivery: Delivery },
    /// Ends an active pledge as fulfilled or cancelled, with the reason.
    EndPledge {
        pledge: Id,
        to: PledgeStatus,
        reason: String,
    },
    /// A new fund entry (id 0). Entries are never edited or deleted, so the ledger stays an
    /// honest record: a mistake is corrected by an entry the other way. An `out` beyond what
    /// the fund holds is refused.
    Fund(FundEntry),
    /// Creates (id 0) or replaces a visit; an empty `by` is the operator.
    SaveVisit(Visit),
    /// Creates (id 0) or replaces a meeting; every decision needs an owner and a due date.
    SaveMeeting(Meeting),
    /// Marks a decision (index from 0) done today.
    DecisionDone { meeting: Id, decision: usize },
    /// Publishes a notice listing `reviewed` households, which move to `noticed`; the text is
    /// stored exactly as published.
    PublishNotice {
        households: Vec<Id>,
        date: Date,
        period_days: u16,
    },
    /// Sets the visit cadence per tier (journal entry version 4).
    SetCadence(crate::cadence::Cadence),
    /// Creates (id 0) or replaces a visit campaign (journal entry version 4).
    SaveCampaign(crate::cadence::Campaign),
}
