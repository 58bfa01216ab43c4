//! Teams, services, service plans and support records on the command line (issue 16 points
//! 1–2): `team`, `service` and the `care add|list|show|end|due` beside `care set`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum TeamCmd {
    /// Every volunteer team, with its kind, leader and members
    List {
        #[arg(long)]
        json: bool,
    },
    /// One team: its members and the services it gave
    Show {
        /// Id or name
        team: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a team (or replace team --id N)
    Add {
        name: String,
        /// residents, young, party or other
        #[arg(long, default_value = "other")]
        kind: String,
        /// A member of staff or a resident (name, id, member:NAME, resident:NAME); repeat
        #[arg(long = "member", value_name = "WHO")]
        members: Vec<String>,
        /// One of the members
        #[arg(long, value_name = "WHO")]
        leader: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        /// Replace this team instead of adding one
        #[arg(long, value_name = "N")]
        id: Option<u64>,
    },
}

/// Who a service, plan or support record is for.
#[derive(Debug, Args)]
pub struct WhomArgs {
    /// A resident (id or name); with --household, a household (id or a resident's name)
    pub who: String,
    /// WHO is a household
    #[arg(long)]
    pub household: bool,
}

#[derive(Debug, Subcommand)]
pub enum ServiceCmd {
    /// Record a service given to a resident or a household
    Add(ServiceAddArgs),
    /// Services given, newest first
    List {
        /// A resident (or with --household a household): the services they received
        #[arg(long, value_name = "WHO")]
        who: Option<String>,
        #[arg(long, requires = "who")]
        household: bool,
        /// A member, team or partner (team:NAME, member:NAME, partner:NAME)
        #[arg(long, value_name = "PROVIDER")]
        by: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The services of the plans due by the end of this week, by provider
    Due {
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Recurring service plans: add, list, end
    #[command(subcommand)]
    Plan(ServicePlanCmd),
}

#[derive(Debug, Args)]
pub struct ServiceAddArgs {
    #[command(flatten)]
    pub whom: WhomArgs,
    /// cleaning, company, medical, counselling, tutoring, health_check or other
    #[arg(long)]
    pub kind: String,
    /// A member, team or partner (name or id; team:NAME, member:NAME, partner:NAME)
    #[arg(long, value_name = "PROVIDER")]
    pub by: String,
    /// A team member who did the work (their volunteer hours); repeat
    #[arg(long = "helper", value_name = "WHO")]
    pub helpers: Vec<String>,
    #[arg(long, default_value_t = 0)]
    pub minutes: u32,
    /// The day it was given (today by default; never a day to come)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Subcommand)]
pub enum ServicePlanCmd {
    /// A recurring service: what, how often, by whom, for whom
    Add {
        #[command(flatten)]
        whom: WhomArgs,
        #[arg(long)]
        kind: String,
        #[arg(long, value_name = "PROVIDER")]
        by: String,
        /// week, month or a number of days
        #[arg(long, value_name = "EVERY")]
        every: String,
        /// Its first day (today by default)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// The plans, active ones (every one with --all)
    List {
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// End plan N: its last day is --date (today by default)
    End {
        plan: u64,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
}

/// `care add`: a support record for a person or household in care other than an elder.
#[derive(Debug, Args)]
pub struct SupportAddArgs {
    #[command(flatten)]
    pub whom: WhomArgs,
    /// disabled, left_behind_child, in_difficulty or special_support
    #[arg(long)]
    pub kind: String,
    /// A member paired with them (one: 一对一; several: 多对一); repeat
    #[arg(long = "carer", value_name = "MEMBER", required = true)]
    pub carers: Vec<String>,
    /// week, month or a number of days (default: weekly for a person with a disability or a
    /// left-behind child, monthly for a household)
    #[arg(long, value_name = "EVERY")]
    pub every: Option<String>,
    /// 家庭情况
    #[arg(long, default_value = "")]
    pub family: String,
    /// 困难
    #[arg(long, default_value = "")]
    pub difficulties: String,
    /// 诉求
    #[arg(long, default_value = "")]
    pub help_wanted: String,
    /// Its first day (today by default)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
}
