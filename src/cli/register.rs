//! The register's commands (issue 6): households, partners, pledges, the fund, visits and
//! meetings. Clap types only.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum HouseholdCmd {
    /// List households with their file status
    List {
        /// Only files at this status (registered, reviewed, noticed, published, claimed, tracking, closed)
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        grid: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one household file: members, steps, pledges, fund entries, visits, notices
    Show {
        /// Id (12 or #12) or the name of one of its residents
        household: String,
        #[arg(long)]
        json: bool,
    },
    /// Move the file one step forward
    Step {
        household: String,
        /// The status expected next (checked; by default the next one)
        #[arg(long, value_name = "STATUS")]
        to: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Send the file back to an earlier status, with a reason
    Reopen {
        household: String,
        #[arg(long, value_name = "STATUS")]
        to: String,
        #[arg(long)]
        reason: String,
    },
    /// Preview the public notice (审核公示) of reviewed households; --publish publishes it
    Notice(NoticeArgs),
    /// Add a household: its address, grid and members (the first, or --head, is the head)
    Add {
        #[arg(long, value_name = "GRID")]
        grid: String,
        #[command(flatten)]
        address: AddressArgs,
        /// A resident (id or unique name) who lives there; repeat, in order
        #[arg(long = "member", value_name = "RESIDENT")]
        members: Vec<String>,
        /// The head of the household (one of the members)
        #[arg(long, value_name = "RESIDENT")]
        head: Option<String>,
    },
    /// Change the fields given of a household; --member replaces the members, --head reorders
    Set {
        household: String,
        #[arg(long, value_name = "GRID")]
        grid: Option<String>,
        #[command(flatten)]
        address: AddressArgs,
        #[arg(long = "member", value_name = "RESIDENT")]
        members: Vec<String>,
        #[arg(long, value_name = "RESIDENT")]
        head: Option<String>,
    },
}

/// A household's address in parts; `set` changes those given (an empty value clears one).
#[derive(Debug, Args)]
pub struct AddressArgs {
    /// Building (楼栋)
    #[arg(long)]
    pub building: Option<String>,
    /// Unit (单元)
    #[arg(long)]
    pub unit: Option<String>,
    /// Room (门牌号)
    #[arg(long)]
    pub room: Option<String>,
    /// Free text: the compound (小区) or a whole address
    #[arg(long)]
    pub text: Option<String>,
}

#[derive(Debug, Args)]
pub struct NoticeArgs {
    /// Households to list (ids or resident names)
    #[arg(required_unless_present_any = ["reviewed", "show"])]
    pub households: Vec<String>,
    /// Every household whose file is reviewed (in --grid, if given)
    #[arg(long, conflicts_with_all = ["households", "show"])]
    pub reviewed: bool,
    #[arg(long, requires = "reviewed")]
    pub grid: Option<String>,
    /// Days the notice is posted
    #[arg(long, value_name = "DAYS", default_value_t = 7)]
    pub period: u16,
    /// The first day of the notice (default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Publish: store the text and move the households to noticed
    #[arg(long)]
    pub publish: bool,
    /// Print notice N exactly as it was published
    #[arg(long, value_name = "N", conflicts_with_all = ["households", "publish"])]
    pub show: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum PartnerCmd {
    /// List partners with what each contributed
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one partner with its pledges
    Show {
        /// Id or name
        partner: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a partner (unit, enterprise, school, bank or individual)
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        kind: String,
        /// The day the co-construction agreement was signed
        #[arg(long, value_name = "DATE")]
        signed: Option<String>,
        #[arg(long, default_value = "")]
        scope: String,
        #[arg(long, default_value = "")]
        contact: String,
        #[arg(long, default_value = "")]
        phone: String,
    },
    /// The duties of a partner's agreement (共建协议): list, add, done
    #[command(subcommand)]
    Duty(super::DutyCmd),
}

#[derive(Debug, Subcommand)]
pub enum PledgeCmd {
    /// List pledges
    List {
        #[arg(long)]
        partner: Option<String>,
        #[arg(long)]
        household: Option<String>,
        /// active, fulfilled or cancelled
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Pledges with something due and not delivered
    Due {
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A partner claims a household (认领): an item, or money every period until a date
    Claim {
        #[arg(long)]
        partner: String,
        #[arg(long)]
        household: String,
        /// An item to hand over
        #[arg(long, required_unless_present = "amount", conflicts_with = "amount")]
        item: Option<String>,
        /// Yuan per period (500, 12,345.67)
        #[arg(long, value_name = "YUAN", requires = "until")]
        amount: Option<String>,
        /// month, quarter or year
        #[arg(long, default_value = "month")]
        period: String,
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// The need it answers, to warn of double help: living, meals, medical, education,
        /// tutoring, employment, heating, repair, home_adaptation, wheelchair, cleaning,
        /// companionship
        #[arg(long, default_value = "")]
        need: String,
        /// Anything to remember about the pledge
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Record what reached the household against a pledge
    Deliver {
        pledge: String,
        /// Receipt, transfer or handover number
        #[arg(long)]
        reference: String,
        #[arg(long, value_name = "YUAN")]
        amount: Option<String>,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// End an active pledge as fulfilled or cancelled
    End {
        pledge: String,
        /// fulfilled or cancelled
        #[arg(long)]
        status: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum FundCmd {
    /// List fund entries with the running balance
    List {
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record money in or out of the fund
    Add {
        /// in or out
        direction: String,
        #[arg(long, value_name = "YUAN")]
        amount: String,
        #[arg(long)]
        partner: Option<String>,
        #[arg(long)]
        household: Option<String>,
        /// The need a payment out answers (the tags of `pledge claim --need`)
        #[arg(long, default_value = "")]
        need: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// The income and spending statement (收支公示) for a period
    Statement {
        /// First day (default the first day of this year)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day (default today)
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Households helped twice for the same need by different partners
    Warnings {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum VisitCmd {
    /// List visits, newest first
    List {
        #[arg(long)]
        household: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record a household visit (走访)
    Add {
        household: String,
        #[arg(long)]
        findings: String,
        /// Who visited (default the operator)
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Households overdue or due this week by the visit cadence and campaigns, by steward
    Due(super::VisitDueArgs),
    /// Visit campaigns (dated visit rounds): list, add
    #[command(subcommand)]
    Campaign(super::CampaignCmd),
    /// Show the visit cadence per tier; with --high/--key/--general, set it (admin)
    Cadence(super::CadenceArgs),
}

#[derive(Debug, Subcommand)]
pub enum MeetingCmd {
    /// List meetings (with --open: the decisions not done yet)
    List {
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show one meeting with its decisions
    Show {
        meeting: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a meeting (joint_meeting or consultation)
    Add {
        #[arg(long)]
        kind: String,
        #[arg(long)]
        title: String,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// A resident, organisation or member of the register, by name (or resident:ID,
        /// org:ID, member:ID); repeat for each
        #[arg(long = "attendee", value_name = "NAME")]
        attendees: Vec<String>,
        /// Someone from outside the register, kept by name (repeat for each)
        #[arg(long = "guest", value_name = "NAME")]
        guests: Vec<String>,
        #[arg(long = "topic", value_name = "TEXT")]
        topics: Vec<String>,
        /// TEXT|OWNER|YYYY-MM-DD (repeat for each decision)
        #[arg(long = "decision", value_name = "TEXT|OWNER|DUE")]
        decisions: Vec<String>,
    },
    /// Mark decision N (from 1) of a meeting done today
    Done { meeting: String, decision: usize },
}
