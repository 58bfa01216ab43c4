//! `qiaomen import ROSTER.csv|.xlsx|.xls|.ods [--dry-run] [--encoding E] [--sheet NAME]
//! [--header-row N] [--map 列名=field]…`: a roster into the register, all or nothing.
//!
//! The file is read and mapped here, in the client; what the register already holds is read
//! through `Backend`/`Reads`; the residents and households to add or change go to the engine
//! as one JSON Lines import (matched records keep their ids and are replaced), so it works the
//! same through the server and with `--no-server`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use qiaomen_core::model::{Grid, Household, Id, Resident};
use qiaomen_core::store::REPLACES_FIELD;
use qiaomen_core::{Error, Reads, Record};

use crate::cli::SheetArgs;
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{self, Lang, T};
use crate::sheet::encoding::Encoding;
use crate::sheet::mapping::{self, MapError, Mapping};
use crate::sheet::plan::{self, Plan};
use crate::sheet::read::{self, Source};
use crate::sheet::roster::{Person, RowReader};
use crate::sheet::words;

/// How many rows the dry run shows as they will be stored.
const PREVIEW_ROWS: usize = 5;

pub fn run(
    ctx: &Context,
    file: &Path,
    dry_run: bool,
    args: &SheetArgs,
) -> Result<String, AppError> {
    let lang = ctx.lang;
    let sheet_err = |m: String| AppError::Sheet(m);
    let encoding = args
        .encoding
        .as_deref()
        .map(|e| {
            Encoding::from_name(e)
                .ok_or_else(|| AppError::Usage(lang.fill(T::SheetBadEncoding, &[&e])))
        })
        .transpose()?;
    let maps = args
        .map
        .iter()
        .map(|m| mapping::parse_map(m))
        .collect::<Result<Vec<_>, MapError>>()
        .map_err(|e| AppError::Usage(words::map_error(lang, &e)))?;
    let (source, rows) = read::read(file, encoding, args.sheet.as_deref())
        .map_err(|e| sheet_err(words::read_error(lang, &e)))?;
    let mapping = mapping::map(&rows, args.header_row, &maps)
        .map_err(|e| sheet_err(words::map_error(lang, &e)))?;

    let backend = ctx.backend.as_ref();
    let grids: Vec<Grid> = backend.all()?;
    let today = ctx.now()?.date;
    let reader = RowReader {
        mapping: &mapping,
        grids: &grids,
        today,
    };
    let people = rows
        .iter()
        .filter(|r| r.number > mapping.header_row)
        .map(|r| reader.person(r))
        .collect::<Result<Vec<Person>, _>>()
        .map_err(|e| sheet_err(words::row_error(lang, &e)))?;
    drop(rows);
    let residents: Vec<Resident> = backend.all()?;
    let households: Vec<Household> = backend.all()?;
    let plan = plan::plan(&people, &residents, households, &|f| reader.header(f))
        .map_err(|e| sheet_err(words::row_error(lang, &e)))?;

    if plan.changes() {
        send(ctx, file, dry_run, &plan, &people)?;
    }
    let label = file.display().to_string();
    let mut out = String::new();
    out.push_str(&source_line(lang, &label, &source, &mapping));
    if dry_run {
        out.push_str(&mapping_lines(lang, &mapping));
        out.push_str(&preview(lang, &plan, &people, &grids));
    } else if !mapping.unmapped().is_empty() {
        let sep = if lang == Lang::Zh { "、" } else { ", " };
        out.push_str(&lang.fill(T::SheetUnmappedNote, &[&mapping.unmapped().join(sep)]));
        out.push('\n');
    }
    let (r, h) = (plan.residents, plan.households);
    out.push_str(&lang.fill(
        T::SheetCounts,
        &[
            &r.added,
            &r.updated,
            &r.unchanged,
            &h.added,
            &h.updated,
            &h.unchanged,
        ],
    ));
    out.push('\n');
    out.push_str(&if dry_run {
        lang.t(T::SheetDryRun).to_owned()
    } else {
        lang.fill(T::SheetDone, &[&people.len()])
    });
    out.push('\n');
    Ok(out)
}

/// Sends the plan's records as one import (checked only, on a dry run). The engine names the
/// line of its temporary file that it refused: turned back into the row of the sheet.
fn send(
    ctx: &Context,
    file: &Path,
    dry_run: bool,
    plan: &Plan,
    people: &[Person],
) -> Result<(), AppError> {
    let mut tmp = tempfile::NamedTempFile::new()?;
    let row_of: HashMap<Id, usize> = plan.people.iter().map(|(row, _, r)| (r.id, *row)).collect();
    let first_row = people.first().map_or(0, |p| p.row);
    let mut rows = Vec::new();
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        for record in plan.records() {
            // A record the roster changes says what it was, so that the import is refused if
            // someone changed it (or took its id) after the register was read here.
            let mut line = serde_json::to_value(&record).map_err(std::io::Error::other)?;
            if let Some(was) = plan.replaces(&record)
                && let Some(fields) = line.as_object_mut()
            {
                fields.insert(REPLACES_FIELD.to_owned(), was.into());
            }
            serde_json::to_writer(&mut w, &line).map_err(std::io::Error::other)?;
            w.write_all(b"\n")?;
            rows.push(source_row(&record, &row_of).unwrap_or(first_row));
        }
        w.flush()?;
    }
    let label = file.display().to_string();
    let actor = ctx.actor()?;
    match super::import::watched(ctx, tmp.path(), &label, dry_run, &actor) {
        Ok(_) => Ok(()),
        Err(Error::Import { line, reason }) => Err(AppError::Core(Error::Import {
            line: rows.get(line.wrapping_sub(1)).copied().unwrap_or(line),
            reason,
        })),
        Err(e) => Err(e.into()),
    }
}

/// The sheet row a record comes from: a resident's own, a household's first member's.
fn source_row(record: &Record, row_of: &HashMap<Id, usize>) -> Option<usize> {
    let id = match record {
        Record::Resident(r) => r.id,
        Record::Household(h) => *h.members.first()?,
        _ => return None,
    };
    row_of.get(&id).copied()
}

fn source_line(lang: Lang, label: &str, source: &Source, mapping: &Mapping) -> String {
    let line = match source {
        Source::Csv(enc) => lang.fill(T::SheetReadCsv, &[&label, &enc.name(), &mapping.header_row]),
        Source::Workbook { sheet } => {
            lang.fill(T::SheetReadBook, &[&label, sheet, &mapping.header_row])
        }
    };
    line + "\n"
}

fn mapping_lines(lang: Lang, mapping: &Mapping) -> String {
    let mut out = format!("{}\n", lang.t(T::SheetColumns));
    for c in mapping.columns.iter().filter(|c| !c.header.is_empty()) {
        let to = c.field.map_or_else(
            || lang.t(T::SheetNotMapped).to_owned(),
            |f| words::field_name(lang, f),
        );
        let _ = writeln!(out, "  {} → {to}", c.header);
    }
    out
}

/// The first rows as they will be stored: ID numbers and phones masked, as everywhere a
/// screen shows many people at once.
fn preview(lang: Lang, plan: &Plan, people: &[Person], grids: &[Grid]) -> String {
    let shown = plan.people.len().min(PREVIEW_ROWS);
    let mut out = format!("{}\n", lang.fill(T::SheetPreview, &[&shown]));
    for ((row, action, r), p) in plan.people.iter().zip(people).take(shown) {
        let mut parts: Vec<String> = vec![
            lang.fill(T::SheetRowLabel, &[row]),
            format!("[{}]", words::action(lang, *action)),
            r.name.clone(),
            words::gender(lang, r.gender).to_owned(),
        ];
        parts.extend(r.birth.map(|b| b.to_string()));
        parts.extend(r.id_number.as_deref().map(qiaomen_core::text::mask_id));
        if !r.phone.is_empty() {
            parts.push(qiaomen_core::text::mask_phone(&r.phone));
        }
        parts.extend(
            grids
                .iter()
                .find(|g| g.id == r.grid)
                .map(|g| g.code.clone()),
        );
        parts.push(p.address.short());
        let cats: Vec<&str> = r
            .categories
            .iter()
            .map(|&c| i18n::category(lang, c))
            .collect();
        if !cats.is_empty() {
            parts.push(cats.join("、"));
        }
        if !r.contacts.is_empty() {
            parts.push(lang.fill(T::DryRunContacts, &[&r.contacts.len()]));
        }
        let _ = writeln!(out, "  {}", parts.join("  "));
    }
    out
}
