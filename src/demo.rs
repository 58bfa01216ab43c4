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

#[cfg(test)]
mod tests {
    use qiaomen_core::model::Resident;
    use qiaomen_core::{ClockTime, Record};

    use super::*;

    /// The demo is shifted to the real today; birth dates stay where they are, since they are
    /// written inside the ID numbers too and must agree with them.
    #[test]
    fn the_demo_loads_on_any_day_with_its_birth_dates_unmoved() {
        let births: Vec<(u64, Option<Date>)> = DEMO_JSONL
            .lines()
            .filter_map(|l| match serde_json::from_str(l) {
                Ok(Record::Resident(p)) => Some((p.id, p.birth)),
                _ => None,
            })
            .collect();
        assert!(births.iter().filter(|(_, b)| b.is_some()).count() > 10);
        for days in [1, 45, 400] {
            let now = Now::local(
                anchor().add_days(days),
                ClockTime::new(9, 40).expect("a time"),
                480,
            );
            let store = Engine::temporary("tester", now).expect("a scratch database");
            load(&store, now, "测试员").unwrap_or_else(|e| panic!("{days} days on: {e}"));
            let loaded: Vec<(u64, Option<Date>)> = store
                .all::<Resident>()
                .expect("residents")
                .into_iter()
                .map(|p| (p.id, p.birth))
                .collect();
            assert_eq!(loaded, births, "{days} days on");
        }
    }
}
