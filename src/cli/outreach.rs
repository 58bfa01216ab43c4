//! Partners' activities, goods and agreement duties (issue 16 point 3). Clap types only.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ActivityCmd {
    /// List partners' activities, newest first
    List {
        /// Only this partner's (id or name)
        #[arg(long)]
        partner: Option<String>,
        /// lecture, class, health_check, donation, repair, duty or other
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record an activity a partner held in the community (共建活动)
    Add {
        #[arg(long)]
        partner: String,
        /// lecture, class, health_check, donation, repair, duty or other
        #[arg(long)]
        kind: String,
        #[arg(long, value_name = "DATE")]
        date: String,
        /// People reached
        #[arg(long, value_name = "N", default_value_t = 0)]
        people: u32,
        #[arg(long, default_value = "")]
        note: String,
        /// The grid it took place in (code, name or id)
        #[arg(long, value_name = "GRID")]
        grid: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum GoodsCmd {
    /// List goods partners gave, newest first, with their value (kept apart from the fund)
    List {
        #[arg(long)]
        partner: Option<String>,
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record goods (物资) a partner gave the community or a household
    Add {
        #[arg(long)]
        partner: String,
        /// What was given
        #[arg(long)]
        what: String,
        #[arg(long, value_name = "N")]
        quantity: u32,
        /// The unit counted (袋, 台, 册)
        #[arg(long, default_value = "")]
        unit: String,
        /// The value in yuan (500, 12,345.67)
        #[arg(long, value_name = "YUAN")]
        value: String,
        /// The household it was given to (default: the community)
        #[arg(long)]
        household: Option<String>,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum DutyCmd {
    /// List the duties of partners' agreements, overdue ones marked
    List {
        /// Only this partner's (id or name)
        partner: Option<String>,
        /// Only duties overdue today
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        json: bool,
    },
    /// Add a duty to a partner's agreement: who owes it, what, by when or how often
    Add {
        partner: String,
        /// community or partner
        #[arg(long)]
        side: String,
        #[arg(long)]
        what: String,
        /// The day it is due by (for a recurring duty: first due)
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// month, quarter or year, for a recurring duty
        #[arg(long, value_name = "PERIOD", requires = "due")]
        every: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record that duty N was done (today, or --date)
    Done {
        duty: String,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
}
