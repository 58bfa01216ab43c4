//! The command line, as clap derive types only. SPEC §4 is the contract.

use std::path::PathBuf;

mod cadence;
mod care;
pub mod casework;
mod ladder;
mod outreach;
mod people;
mod register;
pub mod usage;

pub use cadence::{CadenceArgs, CampaignCmd, DoorbellArgs, VisitDueArgs};
pub use care::{ServiceAddArgs, ServiceCmd, ServicePlanCmd, SupportAddArgs, TeamCmd, WhomArgs};
pub use ladder::LadderCmd;
pub use outreach::{ActivityCmd, DutyCmd, GoodsCmd};
pub use people::{CareArgs, CareCmd, ContactCmd, GridCmd, MemberCmd, ResidentCmd, ResidentFields};
pub use register::{
    AddressArgs, FundCmd, HouseholdCmd, MeetingCmd, NoticeArgs, PartnerCmd, PledgeCmd, VisitCmd,
};

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

    /// Open the database in this process, exclusively, instead of through its server
    #[arg(long, global = true)]
    pub no_server: bool,

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
        /// Nothing at all, not even the community's name: to import a full export into
        #[arg(long, conflicts_with_all = ["demo", "community"])]
        empty: bool,
        /// Share the database with the OS users of this group: they reach its server's socket
        /// (the directory becomes 0710, every file stays 0600 and the owner's)
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
    },
    /// Load JSON Lines (FILE, or - for standard input), or a roster from a CSV or Excel file
    /// (.csv, .xlsx, .xls, .ods); all or nothing
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        sheet: SheetArgs,
    },
    /// Write everything as JSON Lines, or one sheet as CSV or XLSX (--format, --what)
    Export(ExportArgs),
    /// Verify the store, the snapshots and the journal against each other (exit 1 if not)
    Check {
        /// Put right what check finds: rebuild the store, restart a damaged journal, set
        /// damaged snapshots aside
        #[arg(long)]
        repair: bool,
    },
    /// Copy the snapshots and the journal into DIR (consistent while others write)
    Backup {
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Build a new database (--db NEW, empty) from a backup, as it stood at a minute
    Restore {
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
        /// YYYY-MM-DDTHH:MM in the community's time; the end of the backup without it
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
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
        /// Also residents who have left (moved away or died), marked as such
        #[arg(long)]
        all: bool,
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
    /// The escalation ladder per care level: show, set (admin)
    #[command(subcommand)]
    Ladder(LadderCmd),
    /// Case work: list, show, open, note, session, status, follow-up, escalate, return,
    /// party, pair, contact, statement, since
    #[command(subcommand)]
    Case(CaseCmd),
    /// Organisations that are parties to cases (物业, 业委会, 施工方…): list, show, add
    #[command(subcommand)]
    Org(casework::OrgCmd),
    /// The end-of-day summary (text to paste, Markdown, JSON or CSV)
    Summary(SummaryArgs),
    /// The audit, from the journal: when, who, what, and before → after for edits
    Log {
        /// From this day on (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// By this member (name) or OS user
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
        /// Touching residents, households or cases of this grid
        #[arg(long, value_name = "GRID")]
        grid: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Household files (一户一档): list, show, step, reopen, notice
    #[command(subcommand)]
    Household(HouseholdCmd),
    /// Partners (共建单位, 爱心企业): list, show, add, duty
    #[command(subcommand)]
    Partner(PartnerCmd),
    /// Pledges (认领): list, due, claim, deliver, end
    #[command(subcommand)]
    Pledge(PledgeCmd),
    /// The assistance fund (帮扶基金): list, add, statement, warnings
    #[command(subcommand)]
    Fund(FundCmd),
    /// Household visits (走访): list, add, due, campaign, cadence
    #[command(subcommand)]
    Visit(VisitCmd),
    /// Record a doorbell press (幸福门铃) as a check-in: one elder, or JSON Lines on stdin
    Doorbell(DoorbellArgs),
    /// Joint meetings and consultations: list, show, add, done
    #[command(subcommand)]
    Meeting(MeetingCmd),
    /// Partners' activities in the community (共建活动): list, add
    #[command(subcommand)]
    Activity(ActivityCmd),
    /// Goods partners gave (物资), kept apart from the fund: list, add
    #[command(subcommand)]
    Goods(GoodsCmd),
    /// The server that owns the database (started by the first command when none runs)
    Serve(ServeArgs),
    /// The team's members: list, add, set, deactivate (changes: admin only)
    #[command(subcommand)]
    Member(MemberCmd),
    /// Grids (网格): list, add, set (changes: admin only)
    #[command(subcommand)]
    Grid(GridCmd),
    /// Residents: list, add, set, move, leave
    #[command(subcommand)]
    Resident(ResidentCmd),
    /// Care (关爱): an elder's care plan (set); support for everyone else in care (add, list,
    /// show, end, due)
    #[command(subcommand)]
    Care(CareCmd),
    /// Volunteer teams (志愿队): list, show, add
    #[command(subcommand)]
    Team(TeamCmd),
    /// Services to people in care (服务): add, list, due, plan
    #[command(subcommand)]
    Service(ServiceCmd),
    /// An elder's emergency contacts, in order: list, add, set, remove
    #[command(subcommand)]
    Contact(ContactCmd),
    /// Print a completion script for the shell (bash, zsh or fish) on standard output
    Completions {
        #[arg(value_enum)]
        shell: ShellArg,
    },
    /// Print the manual page (roff) on standard output: `qiaomen man | man -l -`; with a
    /// command (`qiaomen man case open`), that command's page
    Man {
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Include the audit log (a full backup; JSON Lines only)
    #[arg(long)]
    pub with_audit: bool,
    /// jsonl (everything, the default), csv or xlsx (one sheet, chosen by --what)
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// The sheet: residents, households, elders, roll, cases, fund or visits
    #[arg(long, value_name = "WHAT")]
    pub what: Option<String>,
    /// Only this grid (code, name or id)
    #[arg(long, value_name = "GRID")]
    pub grid: Option<String>,
    /// The roll call's day (--what roll; default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Mask names, phones and ID numbers as a public notice does
    #[arg(long)]
    pub mask: bool,
    /// CSV bytes: utf8-bom (the default, for Excel), utf8, or gbk (older Excel)
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub encoding: Option<crate::sheet::write_csv::Encoding>,
}

/// The shells `qiaomen completions` writes scripts for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Stay attached and log to standard error (for a systemd unit)
    #[arg(long, conflicts_with = "stop")]
    pub foreground: bool,
    /// Ask the running server to stop (after the requests under way)
    #[arg(long)]
    pub stop: bool,
    /// Exit after this many minutes without a client
    #[arg(long, value_name = "N", default_value_t = 15)]
    pub idle_minutes: u64,
    /// Started by a client: a session of its own, logging to DIR/server.log
    #[arg(long, hide = true, conflicts_with_all = ["foreground", "stop"])]
    pub detached: bool,
    /// Started by the server: build a compacted store in DIR (see `service::build`)
    #[arg(long, hide = true, value_name = "DIR", conflicts_with_all = ["foreground", "stop", "detached"], requires_all = ["from", "until", "build_id"])]
    pub build_store: Option<std::path::PathBuf>,
    /// With --build-store: the snapshot to build from
    #[arg(long, hide = true, value_name = "SNAPSHOT", requires = "build_store")]
    pub from: Option<std::path::PathBuf>,
    /// With --build-store: the last journal entry to replay
    #[arg(long, hide = true, value_name = "SEQ", requires = "build_store")]
    pub until: Option<u64>,
    /// With --build-store: the server's build, which this program must be
    #[arg(long, hide = true, value_name = "ID", requires = "build_store")]
    pub build_id: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    pub elder: String,
    pub outcome: String,
    /// phone (default), visit, doorbell, neighbour, contact
    #[arg(long)]
    pub method: Option<String>,
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
    /// A ladder step: the elder's emergency contact N (from 1) was called (method contact)
    #[arg(long, value_name = "N")]
    pub contact: Option<u8>,
}

#[derive(Debug, Subcommand)]
pub enum CaseCmd {
    /// List cases (open ones unless --all)
    List {
        #[arg(long)]
        kind: Option<String>,
        /// Held at this level: grid, community or subdistrict
        #[arg(long)]
        level: Option<String>,
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
        /// A party named in free text (repeatable)
        #[arg(long = "party", value_name = "NAME")]
        parties: Vec<String>,
        /// A resident of the register, by id or name (repeatable)
        #[arg(long = "resident", value_name = "RESIDENT")]
        residents: Vec<String>,
        /// An organisation of the register, by id or name (repeatable)
        #[arg(long = "org", value_name = "ORG")]
        orgs: Vec<String>,
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
    #[command(flatten)]
    Work(casework::CaseWorkCmd),
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
    /// The running totals over the day, month, quarter or year up to --date (default: year)
    #[arg(long, value_name = "SPAN", conflicts_with_all = ["from", "to"],
          value_parser = ["day", "month", "quarter", "year"])]
    pub period: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

// Register: household files, partners, pledges, the fund, visits and meetings.

/// How a roster spreadsheet is read (`import FILE.csv|.xlsx|.xls|.ods`).
#[derive(Args, Debug, Default, Clone)]
pub struct SheetArgs {
    /// A CSV's encoding: utf-8, gbk or gb18030 (detected when not given)
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// The workbook's sheet to read (the first when not given)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The row holding the column headers, as the spreadsheet numbers it (found when not given)
    #[arg(long, value_name = "N")]
    pub header_row: Option<usize>,
    /// A column and the field it holds, COLUMN=FIELD (name, gender, birth, id_number, phone,
    /// grid, estate, building, unit, room, household, relation, categories, health,
    /// contact_name, contact_phone); repeatable
    #[arg(long, value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
}

impl SheetArgs {
    /// Whether any of these options was given.
    pub fn given(&self) -> bool {
        self.encoding.is_some()
            || self.sheet.is_some()
            || self.header_row.is_some()
            || !self.map.is_empty()
    }
}
