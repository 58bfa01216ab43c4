//! `qiaomen household list` as text, streamed: the kept rows (`household_rows`: what the list
//! shows of each household, 64 households to a value) are read a page at a time, and each
//! line is written as soon as it is laid out. No household and no resident is read, and
//! nothing is held for the whole list but the pledges' partner names, so a district's
//! 350,000 households print in bounded memory from a few thousand values.
//! The columns have fixed widths (the caps of the table before it streamed); the number
//! column is never cut.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufWriter, Write};

use qiaomen_core::Reads;
use qiaomen_core::model::{FileStatus, Grid, Id, Partner, Pledge, PledgeStatus};
use qiaomen_core::query::{Answer, Query};
use qiaomen_core::store::{Tree, decode_household_row_views};

use super::describe::partner_name;
use crate::backend::{Backend, PAGE_BYTES};
use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{self, T};
use crate::width::{push_padded, width};

/// The widths of the columns after the number: status, grid, head, address, claimed by, needs.
const CAPS: [usize; 6] = [10, 4, 8, 20, 16, 40];

/// The number column's width: `#` and six digits; a longer number widens its own line.
const NUMBER_WIDTH: usize = 7;

/// The stored values of one tree, read a page at a time.
struct Pages<'a> {
    backend: &'a dyn Backend,
    tree: Tree,
    after: Option<Id>,
    done: bool,
    page: std::vec::IntoIter<Vec<u8>>,
}

impl<'a> Pages<'a> {
    fn new(backend: &'a dyn Backend, tree: Tree) -> Self {
        Pages {
            backend,
            tree,
            after: None,
            done: false,
            page: Vec::new().into_iter(),
        }
    }
}

impl Iterator for Pages<'_> {
    type Item = qiaomen_core::Result<Vec<u8>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(v) = self.page.next() {
                return Some(Ok(v));
            }
            if self.done {
                return None;
            }
            let answer = self.backend.query(Query::Page {
                tree: self.tree,
                after: self.after,
                max_bytes: PAGE_BYTES,
            });
            match answer {
                Ok(Answer::Page { values, last, done }) => {
                    self.done = done || last == self.after;
                    self.after = last;
                    self.page = values.into_iter();
                }
                Ok(other) => {
                    self.done = true;
                    return other.raw().err().map(Err);
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

/// The partners who hold a pledge (not cancelled) for each household, in pledge order, as
/// the list's cell shows them.
fn claims(pledges: &[Pledge], partners: &[Partner]) -> HashMap<Id, String> {
    let mut by: HashMap<Id, Vec<String>> = HashMap::new();
    for p in pledges
        .iter()
        .filter(|p| p.status != PledgeStatus::Cancelled)
    {
        let name = partner_name(partners, p.partner);
        let names = by.entry(p.household).or_default();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    by.into_iter()
        .map(|(h, names)| (h, names.join(" ")))
        .collect()
}

/// One line: the number padded (never cut), the other cells padded or (at a terminal) cut to
/// their widths, laid out in `text` (one buffer for the whole list: no string per cell).
fn line(
    out: &mut impl Write,
    text: &mut String,
    cells: &[&str; 7],
    widths: &[usize; 6],
) -> std::io::Result<()> {
    text.clear();
    text.push_str(cells[0]);
    text.extend(std::iter::repeat_n(
        ' ',
        NUMBER_WIDTH.saturating_sub(width(cells[0])),
    ));
    for (cell, &w) in cells[1..].iter().zip(widths) {
        text.push_str("  ");
        push_padded(text, &qiaomen_core::text::sanitize(cell), w);
    }
    let kept = text.trim_end().len();
    text.truncate(kept);
    text.push('\n');
    out.write_all(text.as_bytes())
}

/// Writes the list to standard output as it is read; returns what is left to print (the
/// sentence for an empty list).
pub fn stream(
    ctx: &Context,
    status: Option<FileStatus>,
    grid: Option<Id>,
) -> Result<String, AppError> {
    let lang = ctx.lang;
    let backend: &dyn Backend = &*ctx.backend;
    let grids: HashMap<Id, String> = backend
        .all::<Grid>()?
        .into_iter()
        .map(|g| (g.id, g.code))
        .collect();
    let claims = claims(&backend.all::<Pledge>()?, &backend.all::<Partner>()?);
    let header = [
        lang.t(T::ColNumber),
        lang.t(T::ColStatus),
        lang.t(T::ColGrid),
        lang.t(T::ColHead),
        lang.t(T::ColAddress),
        lang.t(T::ColClaimedBy),
        lang.t(T::ColNeeds),
    ];
    let mut widths = CAPS;
    for (w, h) in widths.iter_mut().zip(&header[1..]) {
        *w = (*w).max(width(h));
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut written = 0usize;
    let mut text = String::with_capacity(256);
    let mut number = String::with_capacity(16);
    // The kept rows, 64 households to a value, by household id (`household_rows`).
    for block in Pages::new(backend, Tree::HouseholdRows) {
        let block = block?;
        for row in decode_household_row_views(&block)? {
            if status.is_some_and(|s| row.status != Some(s)) || grid.is_some_and(|g| row.grid != g)
            {
                continue;
            }
            if written == 0 {
                line(&mut out, &mut text, &header, &widths)?;
            }
            written += 1;
            number.clear();
            let _ = write!(number, "#{}", row.id);
            let cells = [
                number.as_str(),
                i18n::file_state(lang, row.status),
                grids.get(&row.grid).map_or("", String::as_str),
                row.head,
                row.address,
                claims.get(&row.id).map_or("", String::as_str),
                row.needs,
            ];
            line(&mut out, &mut text, &cells, &widths)?;
        }
    }
    out.flush()?;
    if written == 0 {
        return Ok(format!("{}\n", lang.t(T::NoHouseholds)));
    }
    Ok(String::new())
}
