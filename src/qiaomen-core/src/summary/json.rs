//! The summary as JSON: stable English snake_case keys, the same whatever the language.
//! Dates are `YYYY-MM-DD`, times `HH:MM`, money in fen (integers), enum values are the codes
//! the command line accepts (`no-answer`, `joint_meeting`). A key is never renamed or
//! removed without raising `SUMMARY_JSON_VERSION`.

use serde::Serialize;

use super::Summary;

/// The version of the JSON layout, written as `"version"`. 2 (issue 14): the period's figures
/// as SPEC §3 "Figures" defines them, `elders_on_roll` and `partners_by_kind` added, every
/// key of 1 kept.
pub const SUMMARY_JSON_VERSION: u32 = 2;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    #[serde(flatten)]
    summary: &'a Summary,
}

/// Pretty-printed JSON with a trailing newline.
pub fn render_json(summary: &Summary) -> String {
    let doc = Document {
        version: SUMMARY_JSON_VERSION,
        summary,
    };
    let mut out = serde_json::to_string_pretty(&doc).expect("a summary always serialises");
    out.push('\n');
    out
}
