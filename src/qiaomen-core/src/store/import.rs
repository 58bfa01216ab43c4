//! `import`: JSON Lines in, all or nothing. The file is read twice: the first pass parses and
//! checks every line (and every reference) without writing; only a clean file is written, in
//! small transactions so memory stays flat however large it is.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;

use super::{Batch, Entity, Store};
use crate::day::{Date, Now};
use crate::error::{Error, Result};
use crate::model::{
    AuditEntry, Case, CheckInKey, FundEntry, Grid, Household, Id, Meeting, Member, Partner, Pledge,
    Resident, Visit,
};
use crate::record::Record;
use crate::validate;

/// Records per transaction: large sled batches blow memory up.
const BATCH_RECORDS: usize = 1000;

#[derive(Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    pub records: usize,
    #[serde(deserialize_with = "crate::wire::code_counts")]
    pub by_kind: BTreeMap<&'static str, usize>,
    pub dry_run: bool,
}

struct Checker<'a> {
    store: &'a Store,
    store_empty: bool,
    ids: HashMap<&'static str, HashSet<Id>>,
    pending: Vec<(usize, &'static str, &'static str, Id)>,
    /// Check-ins have no id: their key must not repeat within the file either.
    checkins: HashSet<CheckInKey>,
    /// The database's attempts of the day last looked at.
    day: Option<(Date, HashSet<(Id, u16)>)>,
}

impl Checker<'_> {
    /// Whether the database already holds this attempt; the last day read is kept, since a
    /// file's check-ins come day by day.
    fn stored_attempt(&mut self, elder: Id, date: Date, seq: u16) -> Result<bool> {
        if self.day.as_ref().is_none_or(|(d, _)| *d != date) {
            let day = self.store.checkins_on(date)?;
            self.day = Some((date, day.iter().map(|c| (c.elder, c.seq)).collect()));
        }
        Ok(self
            .day
            .as_ref()
            .is_some_and(|(_, set)| set.contains(&(elder, seq))))
    }

    fn known(&self, kind: &'static str, id: Id) -> Result<bool> {
        if self.ids.get(kind).is_some_and(|s| s.contains(&id)) {
            return Ok(true);
        }
        if self.store_empty {
            return Ok(false);
        }
        Ok(match kind {
            "grid" => self.store.exists::<Grid>(id)?,
            "member" => self.store.exists::<Member>(id)?,
            "household" => self.store.exists::<Household>(id)?,
            "resident" => self.store.exists::<Resident>(id)?,
            "partner" => self.store.exists::<Partner>(id)?,
            _ => false,
        })
    }

    fn refer(
        &mut self,
        line: usize,
        field: &'static str,
        kind: &'static str,
        id: Id,
    ) -> Result<()> {
        if !self.known(kind, id)? {
            self.pending.push((line, field, kind, id));
        }
        Ok(())
    }

    fn declare<T: Entity>(&mut self, line: usize, id: Id) -> Result<()> {
        let bad = |reason: String| Error::Import { line, reason };
        if id == 0 {
            return Err(bad(format!("id: a {} needs an id above 0", T::KIND)));
        }
        if !self.store_empty && self.store.exists::<T>(id)? {
            return Err(bad(format!(
                "id: {} {id} is already in the database",
                T::KIND
            )));
        }
        if !self.ids.entry(T::KIND).or_default().insert(id) {
            return Err(bad(format!(
                "id: {} {id} appears twice in the file",
                T::KIND
            )));
        }
        Ok(())
    }

    fn check(&mut self, line: usize, r: &Record) -> Result<()> {
        match r {
            Record::Community(_) => {}
            Record::Grid(g) => {
                self.declare::<Grid>(line, g.id)?;
                for &m in &g.stewards {
                    self.refer(line, "stewards", "member", m)?;
                }
            }
            Record::Member(m) => {
                self.declare::<Member>(line, m.id)?;
                if let Some(g) = m.grid {
                    self.refer(line, "grid", "grid", g)?;
                }
            }
            Record::Household(h) => {
                self.declare::<Household>(line, h.id)?;
                self.refer(line, "grid", "grid", h.grid)?;
                for &p in &h.members {
                    self.refer(line, "members", "resident", p)?;
                }
            }
            Record::Resident(p) => {
                self.declare::<Resident>(line, p.id)?;
                self.refer(line, "grid", "grid", p.grid)?;
                if let Some(h) = p.household {
                    self.refer(line, "household", "household", h)?;
                }
                for &m in p.care.iter().flat_map(|c| &c.callers) {
                    self.refer(line, "care.callers", "member", m)?;
                }
            }
            Record::Partner(p) => self.declare::<Partner>(line, p.id)?,
            Record::Pledge(p) => {
                self.declare::<Pledge>(line, p.id)?;
                self.refer(line, "partner", "partner", p.partner)?;
                self.refer(line, "household", "household", p.household)?;
            }
            Record::Fund(f) => {
                self.declare::<FundEntry>(line, f.id)?;
                if let Some(p) = f.partner {
                    self.refer(line, "partner", "partner", p)?;
                }
                if let Some(h) = f.household {
                    self.refer(line, "household", "household", h)?;
                }
            }
            Record::Case(c) => {
                self.declare::<Case>(line, c.id)?;
                self.refer(line, "grid", "grid", c.grid)?;
                for &p in &c.residents {
                    self.refer(line, "residents", "resident", p)?;
                }
            }
            Record::Meeting(m) => self.declare::<Meeting>(line, m.id)?,
            Record::Visit(v) => {
                self.declare::<Visit>(line, v.id)?;
                self.refer(line, "household", "household", v.household)?;
            }
            Record::Notice(n) => {
                self.declare::<crate::register::Notice>(line, n.id)?;
                for &h in &n.households {
                    self.refer(line, "households", "household", h)?;
                }
            }
            Record::Checkin(c) => {
                self.refer(line, "elder", "resident", c.elder)?;
                if !self.store_empty && self.stored_attempt(c.elder, c.date, c.seq)? {
                    return Err(Error::Import {
                        line,
                        reason: format!(
                            "seq: elder {} already has check-in {} on {}",
                            c.elder, c.seq, c.date
                        ),
                    });
                }
                if !self.checkins.insert(c.key()) {
                    return Err(Error::Import {
                        line,
                        reason: format!(
                            "seq: check-in {} of elder {} on {} appears twice in the file",
                            c.seq, c.elder, c.date
                        ),
                    });
                }
            }
            Record::Audit(a) => self.declare::<AuditEntry>(line, a.id)?,
        }
        Ok(())
    }

    fn finish(&self) -> Result<()> {
        for &(line, field, kind, id) in &self.pending {
            if !self.known(kind, id)? {
                return Err(Error::Import {
                    line,
                    reason: format!("{field}: no {kind} with id {id} in the file or the database"),
                });
            }
        }
        Ok(())
    }
}

/// The latest UTC offset in use (Kiribati's Line Islands, UTC+14): at any moment, the date
/// there is the latest date anywhere, so a birth date after it is in the future wherever the
/// community is, whatever offset it is configured with.
const LATEST_OFFSET_MINUTES: i16 = 14 * 60;

/// Parses and checks one line; `None` for blank lines. `today` is the latest date on earth
/// at the time of the import.
fn parse_line(line_no: usize, text: &str, today: Date) -> Result<Option<Record>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let mut record: Record = serde_json::from_str(text).map_err(|e| Error::Import {
        line: line_no,
        reason: without_value(&strip_position(&e.to_string())),
    })?;
    validate::record_on(&mut record, today).map_err(|e| Error::Import {
        line: line_no,
        reason: format!("{}: {e}", record.kind()),
    })?;
    Ok(Some(record))
}

/// serde_json appends "at line 1 column 40" (always line 1: we parse one line at a time).
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// serde names the value it could not use (`invalid type: string "138…", expected u64`,
/// ``unknown variant `…` ``). A line may put a phone number, an ID number or a note in the wrong
/// field, and none of those may reach an error message: only the value's kind is kept.
fn without_value(msg: &str) -> String {
    for marker in ["invalid type:", "invalid value:", "unknown variant"] {
        let Some(start) = msg.find(marker).map(|i| i + marker.len()) else {
            continue;
        };
        // The last one: the value itself may contain ", expected".
        let Some(len) = msg[start..].rfind(", expected") else {
            continue;
        };
        let found = &msg[start..start + len];
        let kind = found[..found.find(['`', '"']).unwrap_or(found.len())].trim();
        let gap = if kind.is_empty() { "" } else { " " };
        return format!("{}{gap}{kind}{}", &msg[..start], &msg[start + len..]);
    }
    msg.to_owned()
}

fn lines<R: BufRead>(reader: R) -> impl Iterator<Item = (usize, Result<String>)> {
    reader.lines().enumerate().map(|(i, l)| {
        (
            i + 1,
            l.map_err(|e| Error::Import {
                line: i + 1,
                reason: e.to_string(),
            }),
        )
    })
}

impl Store {
    /// Imports JSON Lines into a temporary store, without a journal (tests and scratch work);
    /// a database on disk imports through `Engine::import`.
    pub fn import<R: BufRead>(
        &self,
        mut open: impl FnMut() -> std::io::Result<R>,
        dry_run: bool,
        operator: &str,
        now_unix: i64,
        source: &str,
    ) -> Result<ImportReport> {
        self.require_temporary()?;
        let _guard = self.write_guard();
        let mut report = self.check_import(open()?, now_unix)?;
        report.dry_run = dry_run;
        if dry_run {
            return Ok(report);
        }
        for chunk in chunks(open()?) {
            self.apply_import_chunk(&chunk?, now_unix, 0)?;
        }
        let audit = !report.by_kind.contains_key(AuditEntry::KIND);
        self.finish_import(&summary(&report, source), audit, operator, now_unix, 0)?;
        Ok(report)
    }

    /// Checks JSON Lines without writing: every line parses, validates and refers to records
    /// in the file or the database, and no id is taken. The engine then reads the source
    /// again to journal it.
    pub(crate) fn check_import<R: BufRead>(
        &self,
        source: R,
        now_unix: i64,
    ) -> Result<ImportReport> {
        let today = Now::at(now_unix, LATEST_OFFSET_MINUTES)?.date;
        let mut checker = Checker {
            store: self,
            store_empty: self.is_empty()?,
            ids: HashMap::new(),
            pending: Vec::new(),
            checkins: HashSet::new(),
            day: None,
        };
        let mut report = ImportReport::default();
        for (n, line) in lines(source) {
            if let Some(record) = parse_line(n, &line?, today)? {
                checker.check(n, &record)?;
                *report.by_kind.entry(record.kind()).or_default() += 1;
                report.records += 1;
            }
        }
        checker.finish()?;
        Ok(report)
    }

    /// Writes one journalled chunk of checked lines (not durable: the import's end is).
    pub(crate) fn apply_import_chunk(
        &self,
        lines: &[String],
        now_unix: i64,
        seq: u64,
    ) -> Result<()> {
        let today = Now::at(now_unix, LATEST_OFFSET_MINUTES)?.date;
        let mut batch = Batch::default();
        // Imported days are history: packed, not one loose mark per check-in.
        batch.pack_days();
        for (i, line) in lines.iter().enumerate() {
            if let Some(record) = parse_line(i + 1, line, today)? {
                self.add_record(&mut batch, &record)?;
            }
        }
        self.keep_indexes(&mut batch)?;
        batch.set_seq(seq);
        self.commit(&batch, false)
    }

    /// Ends an import: its audit entry (unless the file brought the audit log with it, which
    /// a restore keeps exactly as it was; the journal records the import either way), durably.
    pub(crate) fn finish_import(
        &self,
        summary: &str,
        audit: bool,
        operator: &str,
        now_unix: i64,
        seq: u64,
    ) -> Result<()> {
        let mut batch = Batch::default();
        if audit {
            let mut entry = AuditEntry {
                id: 0,
                at: now_unix,
                operator: operator.to_owned(),
                command: summary.to_owned(),
                records: Vec::new(),
            };
            entry.id = self.next_id::<AuditEntry>(&mut batch)?;
            batch.put(&entry);
        }
        batch.set_seq(seq);
        self.commit(&batch, true)
    }
}

/// The lines of a checked source worth journalling (blank lines dropped), in chunks.
pub(crate) fn chunks<R: BufRead>(source: R) -> impl Iterator<Item = Result<Vec<String>>> {
    let mut lines =
        lines(source).filter(|(_, l)| l.as_ref().map_or(true, |t| !t.trim().is_empty()));
    std::iter::from_fn(move || {
        let mut chunk = Vec::with_capacity(BATCH_RECORDS);
        for (_, line) in lines.by_ref() {
            match line {
                Ok(l) => chunk.push(l.trim().to_owned()),
                Err(e) => return Some(Err(e)),
            }
            if chunk.len() == BATCH_RECORDS {
                break;
            }
        }
        (!chunk.is_empty()).then_some(Ok(chunk))
    })
}

/// The audit summary of an import: "import demo: case 3, grid 6, …".
pub(crate) fn summary(report: &ImportReport, source: &str) -> String {
    import_entry(report, "", 0, source).command
}

/// The longest file name kept in an import's audit entry.
const SOURCE_MAX: usize = 1024;

/// The audit entry of an import: who, when, from where, how many of each kind. The file name
/// is made safe to show and bounded, so the entry passes the checks a later import of it makes.
fn import_entry(report: &ImportReport, operator: &str, now_unix: i64, source: &str) -> AuditEntry {
    let source: String = crate::text::sanitize(source)
        .chars()
        .take(SOURCE_MAX)
        .collect();
    let summary: Vec<String> = report
        .by_kind
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    AuditEntry {
        id: 0,
        at: now_unix,
        operator: operator.to_owned(),
        command: format!("import {source}: {}", summary.join(", ")),
        records: Vec::new(),
    }
}

impl Store {
    fn add_record(&self, batch: &mut Batch, record: &Record) -> Result<()> {
        match record {
            Record::Community(c) => batch.set_community(c),
            Record::Grid(g) => batch.put(g),
            Record::Member(m) => batch.put(m),
            Record::Household(h) => batch.put(h),
            Record::Resident(p) => {
                batch.put(p);
                batch.index_elder(p.id, p.care.is_some());
            }
            Record::Partner(p) => batch.put(p),
            Record::Pledge(p) => batch.put(p),
            Record::Fund(f) => batch.put(f),
            Record::Case(c) => batch.put(c),
            Record::Meeting(m) => batch.put(m),
            Record::Visit(v) => batch.put(v),
            Record::Notice(n) => batch.put(n),
            Record::Checkin(c) => self.put_checkin(batch, c)?,
            Record::Audit(a) => batch.put(a),
        }
        Ok(())
    }
}
