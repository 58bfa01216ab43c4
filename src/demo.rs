//! The bundled demo community (data/demo.jsonl), embedded so `init --demo` and `--demo` work
//! from any directory. It is written around one fixed day and shifted so that its "today" is
//! the real today: the roll call always has this morning's calls and four weeks of history.

use std::io::Cursor;

use qiaomen_core::store::ImportReport;
use qiaomen_core::{Date, Engine, Now, record::shift_dates};

use crate::error::AppError;

pub const DEMO_JSONL: &str = include_str!("../data/demo.jsonl");

/// The day the demo file calls today.
pub fn anchor() -> Date {
    Date::from_ymd(2026, 11, 30).expect("a real day")
}

/// The demo's lines with every date moved so that the anchor falls on `today`.
pub fn shifted(today: Date) -> Result<String, AppError> {
    let days = today.days_since(anchor());
    if days == 0 {
        return Ok(DEMO_JSONL.to_owned());
    }
    let mut out = String::with_capacity(DEMO_JSONL.len());
    for line in DEMO_JSONL.lines().filter(|l| !l.trim().is_empty()) {
        let mut v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| AppError::Usage(format!("bundled demo: {e}")))?;
        shift_dates(&mut v, days);
        out.push_str(&v.to_string());
        out.push('\n');
    }
    Ok(out)
}

/// Loads the demo community into an empty store.
pub fn load(engine: &Engine, now: Now, operator: &str) -> Result<ImportReport, AppError> {
    let text = shifted(now.date)?;
    Ok(engine.import(
        || Ok(Cursor::new(text.as_bytes())),
        false,
        operator,
        now,
        "demo",
    )?)
}
