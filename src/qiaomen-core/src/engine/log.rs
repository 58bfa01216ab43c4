//! `qiaomen log`: the audit as people read it, from the journal (the source of truth). The
//! oldest kept snapshot is loaded into a scratch store and every later entry is replayed onto
//! it exactly as it was first applied, so each entry can say what it changed: when, who
//! (member and OS user), what, and for an edit each field before → after. Phone and ID
//! numbers are shown masked.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Engine, JOURNAL_DIR, SNAPSHOT_DIR, replay};
use crate::day::{Date, Now};
use crate::error::Result;
use crate::journal::{Journal, Op, snapshot};
use crate::model::{Case, Household, Id, RecordRef, Resident};
use crate::store::{Entity, Store};

/// Which entries to list (all that match every given condition).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogFilter {
    /// From this community day on.
    pub since: Option<Date>,
    /// By this member (name) or OS user.
    pub by: Option<String>,
    /// Touching a resident, household or case of one of these grids.
    pub grids: Option<Vec<Id>>,
    /// Touching this record (an elder's or a case's history).
    pub record: Option<RecordRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub seq: u64,
    pub at: Now,
    pub operator: String,
    pub os_user: String,
    /// The audit line (`checkin 王秀英 2026-11-30 09:40 ok`, `refused …`, `import …`).
    pub what: String,
    pub records: Vec<RecordRef>,
    /// For edits: each field that changed.
    pub changes: Vec<FieldChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub record: RecordRef,
    pub field: String,
    /// JSON of the value before and after (`""` when the field was absent).
    pub before: String,
    pub after: String,
}

impl Engine {
    /// The entries of the journal since the oldest kept snapshot that match `filter`.
    pub fn log(&self, filter: &LogFilter) -> Result<Vec<LogEntry>> {
        let scratch = Store::temporary()?;
        let (snapshots, _) = snapshot::list(&self.dir.join(SNAPSHOT_DIR))?;
        let from = match snapshots.first() {
            Some(oldest) => replay::load_snapshot(&scratch, &oldest.path)?.seq,
            None => 0,
        };
        let mut out = Vec::new();
        walk(&scratch, &self.dir.join(JOURNAL_DIR), from, |e| {
            if keep(&scratch, filter, &e)? {
                out.push(e);
            }
            Ok(())
        })?;
        Ok(out)
    }
}

/// Replays the journal after `from` onto `store`, handing each entry, described, to `f`.
fn walk(
    store: &Store,
    journal: &Path,
    from: u64,
    mut f: impl FnMut(LogEntry) -> Result<()>,
) -> Result<()> {
    Journal::for_each_after(journal, from, |entry, _| {
        let mut described = LogEntry {
            seq: entry.seq,
            at: entry.now,
            operator: entry.operator.clone(),
            os_user: entry.os_user.clone(),
            what: String::new(),
            records: Vec::new(),
            changes: Vec::new(),
        };
        match &entry.op {
            Op::Command(command) => {
                let _write = store.write_guard();
                let (batch, applied) = replay::prepare(store, &entry, command)?;
                let before: Vec<Option<serde_json::Value>> = applied
                    .records
                    .iter()
                    .map(|r| value_of(store, r))
                    .collect::<Result<_>>()?;
                store.commit(&batch, false)?;
                for (r, before) in applied.records.iter().zip(before) {
                    if let (Some(b), Some(a)) = (before, value_of(store, r)?) {
                        described.changes.extend(diff(r, &b, &a));
                    }
                }
                described.what = applied.summary;
                described.records = applied.records;
            }
            // Parts of an import, and the store's own upkeep, are nobody's action.
            Op::ImportChunk { .. } | Op::Fold { .. } | Op::Migrate { .. } => {
                replay::apply_entry(store, &entry)?;
                return Ok(true);
            }
            Op::ImportEnd { summary, .. } => {
                replay::apply_entry(store, &entry)?;
                described.what.clone_from(summary);
            }
            Op::Refused { what } => {
                replay::apply_entry(store, &entry)?;
                described.what.clone_from(what);
            }
        }
        f(described)?;
        Ok(true)
    })
}

fn keep(store: &Store, filter: &LogFilter, e: &LogEntry) -> Result<bool> {
    if filter.since.is_some_and(|d| e.at.date < d) {
        return Ok(false);
    }
    if let Some(by) = &filter.by
        && e.operator != *by
        && e.os_user != *by
    {
        return Ok(false);
    }
    if let Some(r) = &filter.record
        && !e.records.contains(r)
    {
        return Ok(false);
    }
    if let Some(grids) = &filter.grids {
        let mut any = false;
        for r in &e.records {
            if grid_of(store, r)?.is_some_and(|g| grids.contains(&g)) {
                any = true;
                break;
            }
        }
        if !any {
            return Ok(false);
        }
    }
    Ok(true)
}

fn grid_of(store: &Store, r: &RecordRef) -> Result<Option<Id>> {
    Ok(match r.kind.as_str() {
        "resident" => store.get::<Resident>(r.id)?.map(|x| x.grid),
        "household" => store.get::<Household>(r.id)?.map(|x| x.grid),
        "case" => store.get::<Case>(r.id)?.map(|x| x.grid),
        _ => None,
    })
}

/// A record as JSON (masked), by the kind names of the audit.
fn value_of(store: &Store, r: &RecordRef) -> Result<Option<serde_json::Value>> {
    fn json<T: Entity>(store: &Store, id: Id) -> Result<Option<serde_json::Value>> {
        Ok(store
            .get::<T>(id)?
            .and_then(|v| serde_json::to_value(v).ok()))
    }
    use crate::model::{FundEntry, Grid, Meeting, Member, Partner, Pledge, Visit};
    match r.kind.as_str() {
        "resident" => json::<Resident>(store, r.id),
        "household" => json::<Household>(store, r.id),
        "case" => json::<Case>(store, r.id),
        "member" => json::<Member>(store, r.id),
        "grid" => json::<Grid>(store, r.id),
        "partner" => json::<Partner>(store, r.id),
        "pledge" => json::<Pledge>(store, r.id),
        "fund" => json::<FundEntry>(store, r.id),
        "meeting" => json::<Meeting>(store, r.id),
        "visit" => json::<Visit>(store, r.id),
        "team" => json::<crate::care::Team>(store, r.id),
        "service" => json::<crate::care::Service>(store, r.id),
        "service_plan" => json::<crate::care::ServicePlan>(store, r.id),
        "support" => json::<crate::care::Support>(store, r.id),
        "org" => json::<crate::model::Org>(store, r.id),
        "duty" => json::<crate::model::Duty>(store, r.id),
        _ => Ok(None),
    }
}

/// The top-level fields that differ, values as JSON with phone and ID numbers masked.
fn diff(r: &RecordRef, before: &serde_json::Value, after: &serde_json::Value) -> Vec<FieldChange> {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| FieldChange {
            record: r.clone(),
            field: k.clone(),
            before: b.get(k).map_or_else(String::new, |v| mask(&v.to_string())),
            after: a.get(k).map_or_else(String::new, |v| mask(&v.to_string())),
        })
        .collect()
}

/// Every run of seven or more digits (a phone or ID number) kept to its last four.
pub fn mask(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let n = run.chars().count();
        if n >= 7 {
            out.extend(std::iter::repeat_n('*', n - 4));
            out.extend(run.chars().skip(n - 4));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() || (c == 'X' && !run.is_empty()) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn phone_and_id_numbers_are_masked_short_numbers_are_not() {
        assert_eq!(mask("\"13973177391\""), "\"*******7391\"");
        assert_eq!(mask("43010219410506002X"), "**************002X");
        assert_eq!(mask("3-2-501 2026"), "3-2-501 2026");
    }
}
