//! `import`: JSON Lines in, all or nothing. The file is read twice: the first pass parses and
//! checks every line (and every reference) without writing; only a clean file is written, in
//! small transactions so memory stays flat however large it is.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;

use super::import_repeats::{DayRuns, Repeats};
use super::{Batch, Entity, Store};
use crate::day::{Date, Now};
use crate::error::{Error, Result};
use crate::model::{
    Attendee, AuditEntry, Case, CheckIn, FundEntry, Grid, Household, Id, Meeting, Member, Partner,
    PartnerKind, Pledge, Resident, Visit,
};
use crate::record::Record;
use crate::register::partners::{duplicate_partner, partner_key};
use crate::validate;

/// Records per transaction: large sled batches blow memory up.
pub(super) const BATCH_RECORDS: usize = 1000;

#[derive(Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    pub records: usize,
    #[serde(deserialize_with = "crate::wire::code_counts")]
    pub by_kind: BTreeMap<&'static str, usize>,
    pub dry_run: bool,
}

/// The kinds an import may name again by an existing id, to replace them: the roster's. Such
/// a line carries `"_was"`, the `fingerprint` of the stored record its writer read and changed;
/// the import is refused when the record is no longer that (someone changed it, or a record
/// took the id, since the file was made). A line naming a stored id without it is refused too.
const REPLACEABLE: [&str; 2] = [Household::KIND, Resident::KIND];

/// The field of a JSON line that names the stored record it replaces (see `REPLACEABLE`).
pub const REPLACES_FIELD: &str = "_was";

/// What a replacing line says it replaces: a digest of the record as its writer read it.
pub fn fingerprint<T: serde::Serialize>(record: &T) -> String {
    use sha2::{Digest, Sha256};
    let json = serde_json::to_vec(record).expect("a record serialises to JSON");
    Sha256::digest(&json)
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            use std::fmt::Write;
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

/// The `"_was"` of a line, if it has one (read only from lines that mention it).
fn replaces(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Replaces {
        #[serde(rename = "_was")]
        was: Option<String>,
    }
    if !text.contains(REPLACES_FIELD) {
        return None;
    }
    serde_json::from_str::<Replaces>(text).ok()?.was
}

/// What a line refers to: the field naming it and the kind of record it names.
#[derive(Clone, Copy)]
struct Reference {
    field: &'static str,
    kind: &'static str,
}

const CALLERS: Reference = Reference {
    field: "care.callers",
    kind: "member",
};
const ORGS: Reference = Reference {
    field: "orgs",
    kind: "org",
};
const ATTENDEE_RESIDENT: Reference = Reference {
    field: "attendees",
    kind: "resident",
};
const ATTENDEE_ORG: Reference = Reference {
    field: "attendees",
    kind: "org",
};
const ATTENDEE_MEMBER: Reference = Reference {
    field: "attendees",
    kind: "member",
};
const PAIRED: Reference = Reference {
    field: "paired",
    kind: "member",
};
const ELDER: Reference = Reference {
    field: "elder",
    kind: "resident",
};
const GRID: Reference = Reference {
    field: "grid",
    kind: "grid",
};
const HOUSEHOLD: Reference = Reference {
    field: "household",
    kind: "household",
};
const HOUSEHOLDS: Reference = Reference {
    field: "households",
    kind: "household",
};
const MEMBERS: Reference = Reference {
    field: "members",
    kind: "resident",
};
const PARTNER: Reference = Reference {
    field: "partner",
    kind: "partner",
};
const RESIDENTS: Reference = Reference {
    field: "residents",
    kind: "resident",
};
const WHOM_RESIDENT: Reference = Reference {
    field: "whom",
    kind: "resident",
};
const WHOM_HOUSEHOLD: Reference = Reference {
    field: "whom",
    kind: "household",
};
const BY_MEMBER: Reference = Reference {
    field: "by",
    kind: "member",
};
const BY_TEAM: Reference = Reference {
    field: "by",
    kind: "team",
};
const BY_PARTNER: Reference = Reference {
    field: "by",
    kind: "partner",
};
const PEOPLE_MEMBER: Reference = Reference {
    field: "members",
    kind: "member",
};
const PEOPLE_RESIDENT: Reference = Reference {
    field: "members",
    kind: "resident",
};
const CARERS: Reference = Reference {
    field: "carers",
    kind: "member",
};
const STEWARDS: Reference = Reference {
    field: "stewards",
    kind: "member",
};

/// A reference not yet resolved when its line was read (a household naming residents that
/// come later): a million at the district, so kept small.
struct Pending {
    line: usize,
    id: Id,
    reference: &'static Reference,
}

struct Checker<'a> {
    store: &'a Store,
    store_empty: bool,
    ids: HashMap<&'static str, HashSet<Id>>,
    pending: Vec<Pending>,
    /// Check-ins have no id: their key must not repeat within the file either.
    checkins: DayRuns,
    /// The database's attempts of the day last looked at.
    day: Option<(Date, HashSet<(Id, u16)>)>,
    /// Partners by name and kind, the database's (read at the first partner) and the file's:
    /// a second one with the same name and kind is refused, as `partner add` refuses it.
    partners: Option<HashMap<(String, PartnerKind), Id>>,
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
            "team" => self.store.exists::<crate::care::Team>(id)?,
            "org" => self.store.exists::<crate::model::Org>(id)?,
            _ => false,
        })
    }

    fn refer(&mut self, line: usize, reference: &'static Reference, id: Id) -> Result<()> {
        if !self.known(reference.kind, id)? {
            self.pending.push(Pending {
                line,
                id,
                reference,
            });
        }
        Ok(())
    }

    fn declare<T: Entity>(&mut self, line: usize, id: Id, was: Option<&str>) -> Result<()> {
        use crate::reason::ImportFault as F;
        let bad = |reason: F| Error::Import { line, reason };
        let kind = || T::KIND.to_owned();
        if id == 0 {
            return Err(bad(F::IdZero { kind: kind() }));
        }
        // A roster import sends residents and households it matched with their ids and what it
        // read of them: those replace the stored record (the kept indexes are diffed against it
        // on commit) if it is still what was read. Any other id is kept once: a file naming one
        // again is a mistake.
        let exists = !self.store_empty && self.store.exists::<T>(id)?;
        match (exists, was) {
            (true, Some(was)) if REPLACEABLE.contains(&T::KIND) => {
                let stored = self.store.get::<T>(id)?;
                if stored.is_none_or(|s| fingerprint(&s) != was) {
                    return Err(bad(F::ChangedSince { kind: kind(), id }));
                }
            }
            (true, _) => {
                return Err(bad(F::AlreadyStored { kind: kind(), id }));
            }
            (false, Some(_)) => {
                return Err(bad(F::NotStored { kind: kind(), id }));
            }
            (false, None) => {}
        }
        if !self.ids.entry(T::KIND).or_default().insert(id) {
            return Err(bad(F::TwiceInFile { kind: kind(), id }));
        }
        Ok(())
    }

    fn unique_partner(&mut self, line: usize, p: &Partner) -> Result<()> {
        if self.partners.is_none() {
            let mut known = HashMap::new();
            if !self.store_empty {
                for q in self.store.all::<Partner>()? {
                    known.insert(partner_key(&q), q.id);
                }
            }
            self.partners = Some(known);
        }
        let known = self.partners.as_mut().expect("filled above");
        if let Some(&other) = known.get(&partner_key(p)) {
            return Err(Error::Import {
                line,
                reason: crate::reason::ImportFault::Refused(Box::new(
                    (&duplicate_partner(p, other)).into(),
                )),
            });
        }
        known.insert(partner_key(p), p.id);
        Ok(())
    }

    fn check(&mut self, line: usize, r: &Record, was: Option<&str>) -> Result<()> {
        match r {
            Record::Community(_) => {}
            Record::Grid(g) => {
                self.declare::<Grid>(line, g.id, None)?;
                for &m in &g.stewards {
                    self.refer(line, &STEWARDS, m)?;
                }
            }
            Record::Member(m) => {
                self.declare::<Member>(line, m.id, None)?;
                if let Some(g) = m.grid {
                    self.refer(line, &GRID, g)?;
                }
            }
            Record::Household(h) => {
                self.declare::<Household>(line, h.id, was)?;
                self.refer(line, &GRID, h.grid)?;
                for &p in &h.members {
                    self.refer(line, &MEMBERS, p)?;
                }
            }
            Record::Resident(p) => {
                self.declare::<Resident>(line, p.id, was)?;
                self.refer(line, &GRID, p.grid)?;
                if let Some(h) = p.household {
                    self.refer(line, &HOUSEHOLD, h)?;
                }
                for &m in p.care.iter().flat_map(|c| &c.callers) {
                    self.refer(line, &CALLERS, m)?;
                }
            }
            Record::Partner(p) => {
                self.declare::<Partner>(line, p.id, None)?;
                self.unique_partner(line, p)?;
            }
            Record::Pledge(p) => {
                self.declare::<Pledge>(line, p.id, None)?;
                self.refer(line, &PARTNER, p.partner)?;
                self.refer(line, &HOUSEHOLD, p.household)?;
            }
            Record::Fund(f) => {
                self.declare::<FundEntry>(line, f.id, None)?;
                if let Some(p) = f.partner {
                    self.refer(line, &PARTNER, p)?;
                }
                if let Some(h) = f.household {
                    self.refer(line, &HOUSEHOLD, h)?;
                }
            }
            Record::Org(o) => self.declare::<crate::model::Org>(line, o.id, None)?,
            Record::Case(c) => {
                self.declare::<Case>(line, c.id, None)?;
                self.refer(line, &GRID, c.grid)?;
                for &p in &c.residents {
                    self.refer(line, &RESIDENTS, p)?;
                }
                for &o in &c.orgs {
                    self.refer(line, &ORGS, o)?;
                }
                if let Some(m) = c.paired {
                    self.refer(line, &PAIRED, m)?;
                }
            }
            Record::Meeting(m) => {
                self.declare::<Meeting>(line, m.id, None)?;
                for a in &m.attendees {
                    match a {
                        Attendee::Resident(id) => self.refer(line, &ATTENDEE_RESIDENT, *id)?,
                        Attendee::Org(id) => self.refer(line, &ATTENDEE_ORG, *id)?,
                        Attendee::Member(id) => self.refer(line, &ATTENDEE_MEMBER, *id)?,
                        Attendee::Guest(_) => {}
                    }
                }
            }
            Record::Visit(v) => {
                self.declare::<Visit>(line, v.id, None)?;
                self.refer(line, &HOUSEHOLD, v.household)?;
            }
            Record::Notice(n) => {
                self.declare::<crate::register::Notice>(line, n.id, None)?;
                for &h in &n.households {
                    self.refer(line, &HOUSEHOLDS, h)?;
                }
            }
            Record::Cadence(c) => self.declare::<crate::cadence::Cadence>(line, c.id, None)?,
            Record::Campaign(c) => self.declare::<crate::cadence::Campaign>(line, c.id, None)?,
            Record::Team(_) | Record::Service(_) | Record::ServicePlan(_) | Record::Support(_) => {
                self.check_care(line, r)?;
            }
            Record::Activity(a) => {
                self.declare::<crate::model::Activity>(line, a.id, None)?;
                self.refer(line, &PARTNER, a.partner)?;
                if let Some(g) = a.grid {
                    self.refer(line, &GRID, g)?;
                }
            }
            Record::Goods(g) => {
                self.declare::<crate::model::Goods>(line, g.id, None)?;
                self.refer(line, &PARTNER, g.partner)?;
                if let Some(h) = g.household {
                    self.refer(line, &HOUSEHOLD, h)?;
                }
            }
            Record::Duty(d) => {
                self.declare::<crate::model::Duty>(line, d.id, None)?;
                self.refer(line, &PARTNER, d.partner)?;
            }
            Record::Checkin(c) => {
                self.refer(line, &ELDER, c.elder)?;
                if !self.store_empty && self.stored_attempt(c.elder, c.date, c.seq)? {
                    return Err(Error::Import {
                        line,
                        reason: crate::reason::ImportFault::CheckinStored {
                            elder: c.elder,
                            seq: c.seq,
                            date: c.date.to_string(),
                        },
                    });
                }
                if !self.checkins.insert(&c.key()) {
                    return Err(twice_in_file(line, c));
                }
            }
            Record::Audit(a) => self.declare::<AuditEntry>(line, a.id, None)?,
        }
        Ok(())
    }

    fn finish(&self) -> Result<()> {
        for &Pending {
            line,
            id,
            reference,
        } in &self.pending
        {
            let Reference { field, kind } = *reference;
            if !self.known(kind, id)? {
                return Err(Error::Import {
                    line,
                    reason: crate::reason::ImportFault::NoReference {
                        field: field.to_owned(),
                        kind: kind.to_owned(),
                        id,
                    },
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
        reason: crate::reason::ImportFault::Unreadable {
            field: crate::reason::json_field(text, &e),
        },
    })?;
    validate::record_on(&mut record, today).map_err(|e| Error::Import {
        line: line_no,
        reason: crate::reason::ImportFault::Refused(Box::new((&e).into())),
    })?;
    Ok(Some(record))
}

pub(super) fn lines<R: BufRead>(reader: R) -> impl Iterator<Item = (usize, Result<String>)> {
    reader.lines().enumerate().map(|(i, l)| {
        (
            i + 1,
            l.map_err(|e| Error::Import {
                line: i + 1,
                reason: {
                    let _ = e;
                    crate::reason::ImportFault::NotText
                },
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
        let mut report = self.check_import(&mut open, now_unix)?;
        report.dry_run = dry_run;
        if dry_run {
            return Ok(report);
        }
        for chunk in super::import_chunks(open()?) {
            self.apply_import_chunk(&chunk?, now_unix, 0)?;
        }
        let audit = !report.by_kind.contains_key(AuditEntry::KIND);
        self.finish_import(&summary(&report, source), audit, operator, now_unix, 0)?;
        Ok(report)
    }

    /// Checks JSON Lines without writing: every line parses, validates and refers to records
    /// in the file or the database, and no id is taken. The source is read once more only when
    /// its check-ins are not in day order (see `import_repeats.rs`). The engine then reads the
    /// source again to journal it.
    pub(crate) fn check_import<R: BufRead>(
        &self,
        open: &mut impl FnMut() -> std::io::Result<R>,
        now_unix: i64,
    ) -> Result<ImportReport> {
        let today = Now::at(now_unix, LATEST_OFFSET_MINUTES)?.date;
        let mut checker = Checker {
            store: self,
            store_empty: self.is_empty()?,
            ids: HashMap::new(),
            pending: Vec::new(),
            checkins: DayRuns::default(),
            day: None,
            partners: None,
        };
        let mut report = ImportReport::default();
        for (n, line) in lines(open()?) {
            // A person's file: an unknown need word is refused, not read as no tag.
            let line = line?;
            let parsed = parse_line(n, &line, today)?;
            if let Some(record) = parsed {
                checker.check(n, &record, replaces(&line).as_deref())?;
                *report.by_kind.entry(record.kind()).or_default() += 1;
                report.records += 1;
            }
        }
        let unresolved = checker.finish().err();
        let revisited = std::mem::take(&mut checker.checkins).into_revisited();
        let repeated = if revisited.is_empty() {
            None
        } else {
            repeated_checkin(open()?, today, Repeats::of(&revisited))?
        };
        // The error of the earlier line, as a single pass would have found it.
        match (unresolved, repeated) {
            (Some(a), Some(b)) => Err(if error_line(&b) < error_line(&a) {
                b
            } else {
                a
            }),
            (Some(e), None) | (None, Some(e)) => Err(e),
            (None, None) => Ok(report),
        }
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

/// The first check-in of the source that repeats one before it on one of the `days`.
fn repeated_checkin<R: BufRead>(
    source: R,
    today: Date,
    mut seen: Repeats,
) -> Result<Option<Error>> {
    for (n, line) in lines(source) {
        if let Some(Record::Checkin(c)) = parse_line(n, &line?, today)?
            && !seen.insert(&c.key())
        {
            return Ok(Some(twice_in_file(n, &c)));
        }
    }
    Ok(None)
}

fn twice_in_file(line: usize, c: &CheckIn) -> Error {
    Error::Import {
        line,
        reason: crate::reason::ImportFault::CheckinTwice {
            elder: c.elder,
            seq: c.seq,
            date: c.date.to_string(),
        },
    }
}

fn error_line(e: &Error) -> usize {
    match e {
        Error::Import { line, .. } => *line,
        _ => 0,
    }
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
            }
            Record::Partner(p) => batch.put(p),
            Record::Pledge(p) => batch.put(p),
            Record::Fund(f) => batch.put(f),
            Record::Org(o) => batch.put(o),
            Record::Case(c) => batch.put(c),
            Record::Meeting(m) => batch.put(m),
            Record::Visit(v) => batch.put(v),
            Record::Notice(n) => batch.put(n),
            Record::Cadence(c) => batch.put(c),
            Record::Campaign(c) => batch.put(c),
            Record::Team(t) => batch.put(t),
            Record::Service(s) => batch.put(s),
            Record::ServicePlan(p) => batch.put(p),
            Record::Support(s) => batch.put(s),
            Record::Activity(a) => batch.put(a),
            Record::Goods(g) => batch.put(g),
            Record::Duty(d) => batch.put(d),
            Record::Checkin(c) => self.put_checkin(batch, c)?,
            Record::Audit(a) => batch.put(a),
        }
        Ok(())
    }
}

/// The records of issue 16 points 1–2 (`care`): ids declared, references checked.
impl Checker<'_> {
    fn check_care(&mut self, line: usize, r: &Record) -> Result<()> {
        use crate::care::{Person, Provider, Whom};
        let whom = |w: Whom| match w {
            Whom::Resident(id) => (&WHOM_RESIDENT, id),
            Whom::Household(id) => (&WHOM_HOUSEHOLD, id),
        };
        let by = |p: Provider| match p {
            Provider::Member(id) => (&BY_MEMBER, id),
            Provider::Team(id) => (&BY_TEAM, id),
            Provider::Partner(id) => (&BY_PARTNER, id),
        };
        let person = |p: Person| match p {
            Person::Member(id) => (&PEOPLE_MEMBER, id),
            Person::Resident(id) => (&PEOPLE_RESIDENT, id),
        };
        let mut refs: Vec<(&'static Reference, Id)> = Vec::new();
        match r {
            Record::Team(t) => {
                self.declare::<crate::care::Team>(line, t.id, None)?;
                refs.extend(t.members.iter().map(|&p| person(p)));
            }
            Record::Service(s) => {
                self.declare::<crate::care::Service>(line, s.id, None)?;
                refs.push(whom(s.whom));
                refs.push(by(s.by));
                refs.extend(s.helpers.iter().map(|&p| person(p)));
            }
            Record::ServicePlan(p) => {
                self.declare::<crate::care::ServicePlan>(line, p.id, None)?;
                refs.push(whom(p.whom));
                refs.push(by(p.by));
            }
            Record::Support(s) => {
                self.declare::<crate::care::Support>(line, s.id, None)?;
                refs.push(whom(s.whom));
                refs.extend(s.carers.iter().map(|&m| (&CARERS, m)));
            }
            _ => {}
        }
        for (reference, id) in refs {
            self.refer(line, reference, id)?;
        }
        Ok(())
    }
}
