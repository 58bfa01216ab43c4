//! The command line, as clap derive types only. SPEC §4 is the contract.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Parser)]
#[command(
    name = "qiaomen",
    version,
    about = "敲门 qiaomen — a keyboard-driven case manager for community grid teams"
)]
pub struct Cli {
    /// The database directory [default: ~/.local/share/qiaomen]
    #[arg(long, global = true, env = "QIAOMEN_DB", value_name = "DIR")]
    pub db: Option<PathBuf>,

    /// Language of human output (default from LANG)
    #[arg(long, global = true, env = "QIAOMEN_LANG", value_enum)]
    pub lang: Option<LangArg>,

    /// Operator name recorded with every change (default: the OS login name)
    #[arg(
        long = "as",
        global = true,
        env = "QIAOMEN_OPERATOR",
        value_name = "NAME"
    )]
    pub operator: Option<String>,

    /// Open the UI on a fresh temporary database loaded with the demo community
    #[arg(long)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Create an empty database (with --demo: load the bundled demo community)
    Init {
        #[arg(long, value_name = "NAME")]
        community: Option<String>,
        #[arg(long)]
        demo: bool,
    },
    /// Load JSON Lines (FILE, or - for standard input); all or nothing
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
    /// Write everything as JSON Lines
    Export {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Include the audit log (a full backup)
        #[arg(long)]
        with_audit: bool,
    },
    /// Print a deterministic synthetic community as JSON Lines
    Generate {
        #[arg(long, value_name = "SCALE")]
        scale: String,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        days: Option<u32>,
    },
    /// Find residents, households, cases, members and partners
    Find {
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// The roll-call sheet: every elder due that day and their status
    Roll {
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long, value_name = "GRID")]
        grid: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record one check-in: ELDER (id or unique name) and OUTCOME (ok, unwell, no-answer, needs-help, away)
    Checkin(CheckinArgs),
    /// Case work: list, show, open, note, session, status, follow-up
    #[command(subcommand)]
    Case(CaseCmd),
    /// The end-of-day summary (text to paste, Markdown, JSON or CSV)
    Summary(SummaryArgs),
    /// Household files (一户一档): list, show, step, reopen, notice
    #[command(subcommand)]
    Household(HouseholdCmd),
    /// Partners (共建单位, 爱心企业): list, show, add
    #[command(subcommand)]
    Partner(PartnerCmd),
    /// Pledges (认领): list, due, claim, deliver, end
    #[command(subcommand)]
    Pledge(PledgeCmd),
    /// The assistance fund (帮扶基金): list, add, statement, warnings
    #[command(subcommand)]
    Fund(FundCmd),
    /// Household visits (走访): list, add
    #[command(subcommand)]
    Visit(VisitCmd),
    /// Joint meetings and consultations: list, show, add, done
    #[command(subcommand)]
    Meeting(MeetingCmd),
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    pub elder: String,
    pub outcome: String,
    #[arg(long, default_value = "phone")]
    pub method: String,
    #[arg(long, default_value = "")]
    pub note: String,
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
    /// With away: the day the elder is expected back
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Who made the contact (default: the operator)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CaseCmd {
    /// List cases (open ones unless --all)
    List {
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        grid: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Show one case with its timeline
    Show {
        case: String,
        #[arg(long)]
        json: bool,
    },
    /// Open a case
    Open {
        #[arg(long)]
        kind: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        grid: String,
        #[arg(long = "party", value_name = "NAME")]
        parties: Vec<String>,
        #[arg(long = "resident", value_name = "ID")]
        residents: Vec<u64>,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long, value_name = "DATE")]
        follow_up: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Add a note to the timeline
    Note { case: String, text: String },
    /// Log a mediation session
    Session {
        case: String,
        #[arg(long = "participant", value_name = "NAME", required = true)]
        participants: Vec<String>,
        #[arg(long)]
        outcome: String,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Change the status (closing a petition needs --closure withdrawn|settled)
    Status {
        case: String,
        status: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        closure: Option<String>,
    },
    /// Set the next follow-up date
    FollowUp { case: String, date: String },
    /// Mark the follow-up done
    Done {
        case: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Md,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long, value_name = "GRID")]
    pub grid: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

// Register: household files, partners, pledges, the fund, visits and meetings.

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
        /// The need it answers (education, wheelchair…), to warn of double help
        #[arg(long, default_value = "")]
        need: String,
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
        #[arg(long = "attendee", value_name = "NAME")]
        attendees: Vec<String>,
        #[arg(long = "topic", value_name = "TEXT")]
        topics: Vec<String>,
        /// TEXT|OWNER|YYYY-MM-DD (repeat for each decision)
        #[arg(long = "decision", value_name = "TEXT|OWNER|DUE")]
        decisions: Vec<String>,
    },
    /// Mark decision N (from 1) of a meeting done today
    Done { meeting: String, decision: usize },
}
