//! Visit cadence, campaigns and doorbell presses (issue 14 points 2 and 3).

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct VisitDueArgs {
    /// Only this grid (code, name or id)
    #[arg(long, value_name = "GRID")]
    pub grid: Option<String>,
    /// The day to list for [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum CampaignCmd {
    /// List visit campaigns, newest first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a dated visit round (春节走访, 高温): every household of the tiers named is due once
    /// between --from and --to
    Add {
        name: String,
        #[arg(long, value_name = "DATE")]
        from: String,
        #[arg(long, value_name = "DATE")]
        to: String,
        /// high, key or general (repeat or separate with commas) [default: all tiers]
        #[arg(long = "tier", value_name = "TIER", value_delimiter = ',')]
        tiers: Vec<String>,
        #[arg(long, value_name = "TEXT", default_value = "")]
        note: String,
    },
}

#[derive(Debug, Args)]
pub struct CadenceArgs {
    /// Days between visits of high-risk households [default 7]
    #[arg(long, value_name = "DAYS")]
    pub high: Option<u16>,
    /// Days between visits of key households [default 30]
    #[arg(long, value_name = "DAYS")]
    pub key: Option<u16>,
    /// Days between visits of the other households [default 90]
    #[arg(long, value_name = "DAYS")]
    pub general: Option<u16>,
    #[arg(long)]
    pub json: bool,
}

/// `qiaomen doorbell ELDER [--at TIME]` or `qiaomen doorbell --stdin`.
///
/// With --stdin, JSON Lines from a vendor's relay, one press a line:
/// {"device":"DB-0012","at":"2026-12-01T08:03:00+08:00"}. All or nothing: every line is
/// checked first, and a malformed line, an unknown device or a press in the future names its
/// line and records nothing. A press already recorded (the same elder and minute by doorbell)
/// is not counted twice.
#[derive(Debug, Args)]
pub struct DoorbellArgs {
    /// The elder (id or unique name) whose doorbell was pressed
    #[arg(required_unless_present = "stdin", conflicts_with = "stdin")]
    pub elder: Option<String>,
    /// When: 2026-12-01T08:03:00+08:00, 2026-12-01T08:03 or 08:03 [default: now]
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Read presses as JSON Lines from standard input
    #[arg(long, conflicts_with = "at")]
    pub stdin: bool,
}
