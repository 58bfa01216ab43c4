//! `qiaomen export --format csv|xlsx --what …`: one sheet per kind of record, for
//! spreadsheets. Each `--what` has its file here; they read through the `Backend` (so they work
//! with and without the server, and a steward's export holds only what the server lets them
//! see) in pages, and push rows into a `RowSink` one at a time.

mod cases;
mod elders;
mod fund;
mod households;
mod residents;
mod roll;
mod visits;
mod what;

pub use what::What;

use std::collections::HashMap;

use qiaomen_core::model::{Category, EmergencyContact, Grid, Household, Id, Resident};
use qiaomen_core::query::{Answer, Query};
use qiaomen_core::store::Entity;
use qiaomen_core::{Date, Reads};

use super::table::{RowSink, SinkError};
use crate::backend::{Backend, PAGE_BYTES};
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{self, Lang, T};

/// What the sheet is asked for, checked.
pub struct Request {
    pub what: What,
    pub grid: Option<Grid>,
    /// The roll call's day.
    pub date: Date,
    pub mask: bool,
}

/// What every sheet needs besides its records: the language, masking, the grids' codes.
pub struct Shared<'a> {
    pub backend: &'a dyn Backend,
    pub ctx: &'a Context,
    pub lang: Lang,
    pub mask: bool,
    pub grid: Option<Id>,
    codes: HashMap<Id, String>,
}

impl Shared<'_> {
    pub fn grid_code(&self, id: Id) -> String {
        self.codes.get(&id).cloned().unwrap_or_default()
    }

    /// Whether `--grid` lets a record of this grid through.
    pub fn wants(&self, grid: Id) -> bool {
        self.grid.is_none_or(|g| g == grid)
    }

    /// A resident's name, masked as a notice does under `--mask`.
    pub fn name(&self, name: &str) -> String {
        if self.mask {
            qiaomen_core::text::mask_name(name)
        } else {
            name.to_owned()
        }
    }

    /// A phone or ID number, starred whole under `--mask`.
    pub fn digits(&self, s: &str) -> String {
        if self.mask {
            qiaomen_core::register::stars(s)
        } else {
            s.to_owned()
        }
    }

    /// Free text (a note, a title), with the names, phones and ID numbers of `people` and any
    /// phone-like digits masked under `--mask`.
    pub fn free_text(&self, text: &str, people: &[Resident]) -> Result<String, AppError> {
        if self.mask {
            Ok(qiaomen_core::register::scrub(text, people)?)
        } else {
            Ok(text.to_owned())
        }
    }

    /// Care categories as their labels, joined by `、` (how rosters list them; the import
    /// splits on it).
    pub fn categories(&self, cats: &[Category]) -> String {
        cats.iter()
            .map(|c| i18n::category(self.lang, *c))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// Emergency contacts as "姓名（关系）" joined by `；`, and their phones in the same order.
    pub fn contacts(&self, contacts: &[EmergencyContact]) -> (String, String) {
        let names = contacts
            .iter()
            .map(|c| {
                let name = self.name(&c.name);
                if c.relation.is_empty() {
                    name
                } else {
                    format!("{name}（{}）", c.relation)
                }
            })
            .collect::<Vec<_>>()
            .join("；");
        let phones = contacts
            .iter()
            .map(|c| self.digits(&c.phone))
            .collect::<Vec<_>>()
            .join("；");
        (names, phones)
    }
}

/// Reads every record of a kind through the backend a page at a time (a page is at most
/// `PAGE_BYTES`), handing each page to `f`: the whole kind is never in memory at once.
pub fn each_page<T: Entity>(
    backend: &dyn Backend,
    mut f: impl FnMut(Vec<T>) -> Result<(), AppError>,
) -> Result<(), AppError> {
    let mut after = None;
    loop {
        match backend.query(Query::Page {
            tree: T::TREE,
            after,
            max_bytes: PAGE_BYTES,
        })? {
            Answer::Page { values, last, done } => {
                let page = values
                    .iter()
                    .map(|v| T::decode(v))
                    .collect::<qiaomen_core::Result<Vec<T>>>()?;
                f(page)?;
                if done || last == after {
                    return Ok(());
                }
                after = last;
            }
            other => {
                let page = other
                    .raw()?
                    .iter()
                    .map(|v| T::decode(v))
                    .collect::<qiaomen_core::Result<Vec<T>>>()?;
                return f(page);
            }
        }
    }
}

/// Records by id in requests of at most `MANY` ids, so no request outgrows a frame.
pub fn get_many<T: Entity>(backend: &dyn Backend, ids: &[Id]) -> Result<Vec<T>, AppError> {
    const MANY: usize = 10_000;
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(MANY) {
        out.extend(backend.get_many::<T>(chunk.to_vec())?);
    }
    Ok(out)
}

/// Households by id, read in pages (they are a fraction of the residents).
pub fn households(backend: &dyn Backend) -> Result<HashMap<Id, Household>, AppError> {
    let mut all = HashMap::new();
    each_page::<Household>(backend, |page| {
        all.extend(page.into_iter().map(|h| (h.id, h)));
        Ok(())
    })?;
    Ok(all)
}

/// Checks the request against what the sheet can do.
fn check(req: &Request, date_given: bool, lang: Lang) -> Result<(), AppError> {
    if req.grid.is_some() && req.what == What::Fund {
        return Err(AppError::Usage(lang.t(T::ExportGridFund).to_owned()));
    }
    if date_given && req.what != What::Roll {
        return Err(AppError::Usage(lang.t(T::ExportDateRoll).to_owned()));
    }
    Ok(())
}

/// Writes the sheet; returns how many rows (without the header).
pub fn write(
    ctx: &Context,
    req: &Request,
    date_given: bool,
    sink: &mut dyn RowSink,
) -> Result<usize, AppError> {
    check(req, date_given, ctx.lang)?;
    if req.what == What::Fund {
        crate::commands::register::fund::reads_fund(ctx)?;
    }
    let codes = ctx
        .backend
        .all::<Grid>()?
        .into_iter()
        .map(|g| (g.id, g.code))
        .collect();
    let shared = Shared {
        backend: &*ctx.backend,
        ctx,
        lang: ctx.lang,
        mask: req.mask,
        grid: req.grid.as_ref().map(|g| g.id),
        codes,
    };
    let mut out = Counted { sink, rows: 0 };
    match req.what {
        What::Residents => residents::write(&shared, &mut out)?,
        What::Households => households::write(&shared, &mut out)?,
        What::Elders => elders::write(&shared, &mut out)?,
        What::Roll => roll::write(&shared, req.date, &mut out)?,
        What::Cases => cases::write(&shared, &mut out)?,
        What::Fund => fund::write(&shared, &mut out)?,
        What::Visits => visits::write(&shared, &mut out)?,
    }
    out.sink.finish().map_err(|e| sink_error(ctx.lang, e))?;
    Ok(out.rows)
}

/// The sink, counting rows and turning its errors into sentences.
pub struct Counted<'a> {
    sink: &'a mut dyn RowSink,
    rows: usize,
}

impl Counted<'_> {
    pub fn header(&mut self, lang: Lang, titles: &[&str]) -> Result<(), AppError> {
        self.sink.header(titles).map_err(|e| sink_error(lang, e))
    }

    pub fn row(&mut self, lang: Lang, cells: &[super::table::Cell]) -> Result<(), AppError> {
        self.rows += 1;
        self.sink.row(cells).map_err(|e| sink_error(lang, e))
    }
}

/// A writer's failure as one sentence.
pub fn sink_error(lang: Lang, e: SinkError) -> AppError {
    match e {
        SinkError::Io(io) => AppError::Io(io),
        // The spreadsheet's row number: the header is row 1.
        SinkError::Unmappable { ch, row } => AppError::Io(std::io::Error::other(
            lang.fill(T::ExportUnmappable, &[&(row + 1), &ch]),
        )),
        SinkError::Xlsx(m) => {
            AppError::Io(std::io::Error::other(lang.fill(T::ExportXlsxFailed, &[&m])))
        }
    }
}
