//! `qiaomen ladder show|set`: the escalation ladder per care level (issue 14). Clap types only;
//! `commands/ladder.rs` does the work.

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum LadderCmd {
    /// Show the ladder of every care level
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Change one care level's ladder (admin only); what is not given stays
    Set {
        /// The care level: 1 (high risk), 2 (key) or 3 (general)
        #[arg(long)]
        level: u8,
        /// Tries by phone in all, the roll call's own calls included (1–20)
        #[arg(long)]
        retries: Option<u8>,
        /// Minutes between two tries; each emergency contact is given as long (1–1440)
        #[arg(long, value_name = "MINUTES")]
        every: Option<u16>,
        /// Minutes for the door knock after the last call or contact is due (1–1440)
        #[arg(long, value_name = "MINUTES")]
        knock_within: Option<u16>,
    },
}
