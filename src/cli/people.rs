//! Keeping the people of the register from the shell (issue 13): members, grids, residents,
//! care plans and emergency contacts. Clap types only; `commands/people` does the work.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum MemberCmd {
    /// List the team's members (active ones unless --all)
    List {
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Add a member (admin only)
    Add {
        /// The member's name (1–64 characters)
        name: String,
        #[arg(long, default_value = "")]
        phone: String,
        /// steward, building_head, cadre, party_volunteer, volunteer, caring_neighbour, worker,
        /// admin (repeat, or separate with commas)
        #[arg(
            long = "role",
            value_name = "ROLE",
            required = true,
            value_delimiter = ','
        )]
        roles: Vec<String>,
        /// The member's own grid (code, name or id)
        #[arg(long, value_name = "GRID")]
        grid: Option<String>,
        /// The OS user name they log in as
        #[arg(long, value_name = "USER")]
        login: Option<String>,
    },
    /// Change the fields given of a member (admin only)
    Set {
        /// Id or exact name
        member: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        /// Replaces the roles (repeat, or separate with commas)
        #[arg(long = "role", value_name = "ROLE", value_delimiter = ',')]
        roles: Vec<String>,
        /// A grid, or `none`
        #[arg(long, value_name = "GRID")]
        grid: Option<String>,
        /// An OS user name, or `none`
        #[arg(long, value_name = "USER")]
        login: Option<String>,
        /// Make an inactive member active again
        #[arg(long)]
        activate: bool,
    },
    /// Deactivate a member: they no longer log in; their history stays (admin only)
    Deactivate { member: String },
}

#[derive(Debug, Subcommand)]
pub enum GridCmd {
    /// List the grids with their stewards
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a grid (admin only)
    Add {
        /// Its code: G1, G2, …
        code: String,
        /// Its name (第一网格)
        name: String,
        #[arg(long, default_value = "")]
        description: String,
        /// A member who stewards it (repeat for several)
        #[arg(long = "steward", value_name = "MEMBER")]
        stewards: Vec<String>,
    },
    /// Change the fields given of a grid (admin only)
    Set {
        /// Code, name or id
        grid: String,
        #[arg(long)]
        code: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        description: Option<String>,
        /// Replaces the stewards (repeat for several)
        #[arg(long = "steward", value_name = "MEMBER")]
        stewards: Vec<String>,
        /// Leave the grid with no steward
        #[arg(long, conflicts_with = "stewards")]
        no_stewards: bool,
    },
}

/// A resident's own fields, each optional (`set` changes only those given).
#[derive(Debug, Args)]
pub struct ResidentFields {
    /// female, male or unknown (女, 男)
    #[arg(long)]
    pub gender: Option<String>,
    /// YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub birth: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    /// Resident ID number (GB 11643, check digit verified); `none` clears it
    #[arg(long, value_name = "ID")]
    pub id_number: Option<String>,
    /// elder, disabled, left_behind_child, in_difficulty, special_support (replaces; repeat,
    /// or separate with commas)
    #[arg(long = "category", value_name = "C", value_delimiter = ',')]
    pub categories: Vec<String>,
    /// Health notes
    #[arg(long)]
    pub health: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ResidentCmd {
    /// List residents (those who live here unless --all)
    List {
        #[arg(long, value_name = "GRID")]
        grid: Option<String>,
        /// Only residents of this care category
        #[arg(long, value_name = "C")]
        category: Option<String>,
        /// Include residents who have left
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Add a resident, in a grid or into a household (which gives the grid)
    Add {
        name: String,
        #[arg(long, value_name = "GRID", required_unless_present = "household")]
        grid: Option<String>,
        /// Household id (12 or #12); the resident joins its members
        #[arg(long, value_name = "ID")]
        household: Option<String>,
        #[command(flatten)]
        fields: ResidentFields,
    },
    /// Change the fields given of a resident (id or unique name)
    Set {
        resident: String,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: ResidentFields,
    },
    /// Move a resident to another household (or `none`) or, without a household, another grid
    Move {
        resident: String,
        #[arg(long, value_name = "ID", required_unless_present = "grid")]
        household: Option<String>,
        #[arg(long, value_name = "GRID")]
        grid: Option<String>,
    },
    /// A resident moved out or died: off the roll from that day (not before), history kept
    Leave {
        resident: String,
        /// moved, died or other
        #[arg(long)]
        reason: String,
        /// The day they left (default today)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum CareCmd {
    /// Set an elder's care plan (creating it puts them on the daily roll call from today)
    Set(CareArgs),
    /// Support a person with a disability, a left-behind child or a household in difficulty:
    /// carers, contact rhythm, family situation, difficulties, help wanted
    Add(super::SupportAddArgs),
    /// Everyone in care: elders (care plans) and support records
    List {
        /// Only this kind (elder, disabled, left_behind_child, in_difficulty, special_support)
        #[arg(long)]
        kind: Option<String>,
        /// Ended records too
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// One support record, with its contacts and services
    Show {
        support: u64,
        #[arg(long)]
        json: bool,
    },
    /// End support record N: its last day is --date (today by default)
    End {
        support: u64,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// The people in care (not elders) due a contact by the end of this week
    Due {
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct CareArgs {
    /// Id or unique name
    pub elder: String,
    /// 1 high risk, 2 key, 3 general
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=3))]
    pub level: Option<u8>,
    /// A member who calls the elder (replaces the callers; repeat for several)
    #[arg(long = "caller", value_name = "MEMBER")]
    pub callers: Vec<String>,
    /// yes or no: a smart doorbell (幸福门铃) is installed
    #[arg(long, value_name = "yes|no")]
    pub doorbell: Option<String>,
    /// The doorbell's device id as its relay sends it (DB-0012; implies --doorbell yes;
    /// `none` removes it)
    #[arg(long, value_name = "ID")]
    pub doorbell_device: Option<String>,
    /// Stop the daily check-in after today
    #[arg(long, conflicts_with = "resume")]
    pub stop: bool,
    /// Resume a stopped plan from today
    #[arg(long)]
    pub resume: bool,
}

#[derive(Debug, Subcommand)]
pub enum ContactCmd {
    /// An elder's emergency contacts, in the order they are called
    List {
        elder: String,
        #[arg(long)]
        json: bool,
    },
    /// Add an emergency contact (at the end, or at position --at N from 1)
    Add {
        elder: String,
        #[arg(long)]
        name: String,
        /// 儿子, 女儿, 邻居…
        #[arg(long, default_value = "")]
        relation: String,
        #[arg(long)]
        phone: String,
        #[arg(long, value_name = "N")]
        at: Option<usize>,
    },
    /// Change contact N (from 1): the fields given, and its place with --at
    Set {
        elder: String,
        /// Position (from 1) or name
        contact: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        relation: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long, value_name = "N")]
        at: Option<usize>,
    },
    /// Remove a contact by position (from 1) or name
    Remove { elder: String, contact: String },
}
