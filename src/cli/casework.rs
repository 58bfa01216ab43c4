//! Command-line types of issue 16's case work (helper `cases`): hand-overs between levels,
//! organisations as parties, petitions (a paired steward, the contact log, the statement).

use clap::{Args, Subcommand};

/// The `case` subcommands of issue 16, flattened into `CaseCmd`.
#[derive(Debug, Subcommand)]
pub enum CaseWorkCmd {
    /// Hand a case over to the community or the subdistrict (小事不出网格、大事不出社区)
    Escalate {
        case: String,
        /// community or subdistrict
        #[arg(long, value_name = "LEVEL")]
        to: String,
        #[arg(long)]
        reason: String,
    },
    /// Hand a case back down one level (a worker's decision)
    Return {
        case: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Add or take off a party: an organisation or a resident of the register, or a name
    Party {
        case: String,
        #[command(flatten)]
        party: PartyArgs,
        /// Take the party off instead
        #[arg(long)]
        remove: bool,
    },
    /// Pair a steward with a petitioner (结对帮扶); --end ends the pairing
    Pair {
        case: String,
        /// The member, by id or name
        #[arg(long, value_name = "MEMBER", required_unless_present = "end")]
        steward: Option<String>,
        #[arg(long, conflicts_with = "steward")]
        end: bool,
    },
    /// Log a contact with the petitioner (陪访接待 is accompany), apart from mediation sessions
    Contact {
        case: String,
        /// visit, phone, accompany or other
        #[arg(long)]
        how: String,
        /// What was said
        #[arg(long)]
        note: String,
        /// Who met the petitioner (default: you)
        #[arg(long, value_name = "NAME", default_value = "")]
        who: String,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Record the petitioner's statement that the matter is settled (needed to close as settled)
    Statement {
        case: String,
        #[arg(long, value_name = "DATE")]
        date: String,
        #[arg(long)]
        text: String,
    },
    /// The day a petitioner first petitioned, when before the case was opened here
    Since { case: String, date: String },
}

/// One party: exactly one of an organisation, a resident or a name.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct PartyArgs {
    /// An organisation of the register, by id or name
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// A resident of the register, by id or name
    #[arg(long, value_name = "RESIDENT")]
    pub resident: Option<String>,
    /// A name as typed (not in the register)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// `qiaomen org …`
#[derive(Debug, Subcommand)]
pub enum OrgCmd {
    /// List the organisations
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one organisation with its contacts and the cases it is a party to
    Show {
        org: String,
        #[arg(long)]
        json: bool,
    },
    /// Add an organisation
    Add {
        #[arg(long)]
        name: String,
        /// property_company, owners_committee, builder, unit, law_firm or other
        #[arg(long)]
        kind: String,
        /// NAME or NAME:PHONE (repeatable)
        #[arg(long = "contact", value_name = "NAME[:PHONE]")]
        contacts: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Add an organisation or a resident of the register (or a name, as a guest) to a meeting's attendees
    Attend {
        meeting: String,
        #[command(flatten)]
        party: PartyArgs,
    },
}
