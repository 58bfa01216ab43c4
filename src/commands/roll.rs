//! `qiaomen roll [--date D] [--grid G] [--json]`: the roll-call sheet of a day.

use std::collections::HashMap;
use std::fmt::Write as _;

use qiaomen_core::model::{Grid, Id, Member};
use qiaomen_core::roll_sheet::{Sheet, SheetContact, SheetLadder, SheetRow};
use qiaomen_core::rollcall::{Attention, DayStatus, Roll, RollEntry};
use serde_json::json;

use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{self, Lang, T};
use crate::width::Cells;

pub fn run(
    ctx: &Context,
    date: Option<&str>,
    grid: Option<&str>,
    json: bool,
) -> Result<String, AppError> {
    let date = ctx.date_or_today(date)?;
    let grid = ctx.grid_arg(grid)?;
    let grid = grid.as_ref().map(|g| g.id);
    if json {
        let crew = crate::ladder::Crew::read(&*ctx.backend)?;
        let grids = &crew.grids;
        let code = |id| {
            grids
                .iter()
                .find(|g| g.id == id)
                .map_or_else(String::new, |g| g.code.clone())
        };
        let roll = ctx.backend.roll(date, ctx.now()?, grid)?;
        let mut value = to_json(&roll, &code);
        add_ladder_json(&mut value, &roll, &crew);
        return Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&value).expect("json")
        ));
    }
    // The printed roll, laid out where the sheet is (a server keeps it laid out until the
    // next change): `Backend::roll_text`.
    Ok(ctx.backend.roll_text(date, ctx.now()?, grid, ctx.lang)?)
}

/// The address of an elder's household, as the roll carries it from the elders index.
pub fn address(e: &RollEntry) -> String {
    e.address.short()
}

fn status_code(s: DayStatus) -> &'static str {
    match s {
        DayStatus::Reached(o) => o.as_str(),
        DayStatus::Away { .. } => "away",
        DayStatus::NotReached => "not_reached",
    }
}

fn to_json(roll: &Roll, code: &dyn Fn(u64) -> String) -> serde_json::Value {
    let c = roll.counts();
    let elders: Vec<serde_json::Value> = roll
        .entries
        .iter()
        .map(|e| {
            json!({
                "id": e.elder.id,
                "name": e.elder.name,
                "grid": code(e.elder.grid),
                "age": e.elder.age_on(roll.date),
                "address": address(e),
                "phone": e.elder.phone,
                "care_level": e.elder.care.as_ref().map(|c| c.level),
                "status": status_code(e.status),
                "due": e.is_due(),
                "attempts": e.attempts.len(),
                "attention": e.attention.map(Attention::code),
                "missed_previous_day": e.missed_previous_day,
                "last_contact": e.last.as_ref().map(|l| json!({
                    "date": l.date.to_string(),
                    "time": l.time.to_string(),
                    "outcome": l.outcome.as_str(),
                    "method": l.method.as_str(),
                    "by": l.by,
                    "note": l.note,
                })),
            })
        })
        .collect();
    json!({
        "date": roll.date.to_string(),
        "counts": {
            "total": c.total, "due": c.due, "reached": c.reached, "away": c.away,
            "not_reached": c.not_reached, "attention": c.attention,
        },
        "elders": elders,
    })
}

/// The roll of `sheet` laid out with the engine's kept members and grids (read once, and
/// once for the sheet's ladder) under the community's name: as a server lays it out for a
/// client, and as `--no-server` lays it out in the process. The sheet (a district's 20,000
/// rows) is let go of behind the answer.
pub fn text_on(
    engine: &qiaomen_core::Engine,
    lang: Lang,
    sheet: Sheet,
) -> qiaomen_core::Result<String> {
    use qiaomen_core::Reads;
    let crew = engine.crew()?;
    let community = engine.community().map(|c| c.name).unwrap_or_default();
    let text = text(lang, &community, &sheet, &crew.grids, &crew.members);
    qiaomen_core::beside::drop_behind(sheet);
    Ok(text)
}

/// Everything `qiaomen roll` prints of a sheet (without `--json`): the title, the progress,
/// the table and the ladder's lines. Pure: a server lays it out for its clients
/// (`Backend::roll_text`), `--no-server` here.
pub fn text(
    lang: Lang,
    community: &str,
    sheet: &Sheet,
    grids: &[Grid],
    members: &[Member],
) -> String {
    let mut out = lang.fill(
        T::RollTitle,
        &[&community, &sheet.date, &lang.weekday(sheet.date.weekday())],
    );
    out.push('\n');
    if sheet.rows.is_empty() {
        out.push_str(lang.t(T::NoElders));
        out.push('\n');
        return out;
    }
    let c = sheet.counts;
    out.push_str(&lang.fill(
        T::RollProgress,
        &[&c.reached, &c.total, &c.away, &c.not_reached, &c.attention],
    ));
    out.push_str("\n\n");
    let codes: HashMap<Id, &str> = grids.iter().map(|g| (g.id, g.code.as_str())).collect();
    let header = [
        lang.t(T::ColStatus),
        lang.t(T::ColName),
        lang.t(T::ColAge),
        lang.t(T::ColGrid),
        lang.t(T::ColAddress),
        lang.t(T::ColPhone),
        lang.t(T::ColLast),
        lang.t(T::ColAttempts),
    ];
    // A district's 20,000 rows written and laid out in two halves, one beside the other.
    let parts = qiaomen_core::beside::each_beside(
        qiaomen_core::beside::halves(&sheet.rows, qiaomen_core::roll_sheet::ROWS_IN_HALVES),
        |rows| {
            let mut cells = Cells::new(header.len(), rows.len());
            for r in rows {
                status_cell(&mut cells.text, lang, r.attention, r.status);
                cells.end();
                cells.push(&r.name);
                if let Some(a) = r.age {
                    let _ = write!(cells.text, "{a}");
                }
                cells.end();
                cells.push(codes.get(&r.grid).copied().unwrap_or_default());
                cells.push(&r.address);
                cells.push(&r.phone);
                last_cell(&mut cells.text, lang, r.last.as_ref(), sheet.date);
                cells.end();
                let _ = write!(cells.text, "{}", r.attempts);
                cells.end();
            }
            cells
        },
    );
    out.push_str(&Cells::table_of(
        &parts,
        &header,
        &[26, 12, 3, 4, 22, 12, 26, 2],
    ));
    out.push_str(&ladder_lines(lang, sheet, members));
    out
}

/// `! 未联系` for those needing attention, then the day status.
fn status_cell(out: &mut String, lang: Lang, attention: Option<Attention>, status: DayStatus) {
    let mark = match (attention, status) {
        (Some(_), _) => "!",
        (None, DayStatus::NotReached) => "·",
        _ => "✓",
    };
    let word = match attention {
        Some(a) if !matches!(status, DayStatus::Reached(_)) => i18n::attention(lang, a),
        _ => i18n::day_status(lang, status),
    };
    out.push_str(mark);
    out.push(' ');
    out.push_str(word);
}

fn last_cell(out: &mut String, lang: Lang, last: Option<&SheetContact>, date: qiaomen_core::Date) {
    let _ = match last {
        Some(l) if l.date == date => {
            write!(
                out,
                "{} {} {}",
                l.time,
                i18n::outcome(lang, l.outcome),
                l.by
            )
        }
        Some(l) => write!(out, "{} {}", l.date, i18n::outcome(lang, l.outcome)),
        None => Ok(()),
    };
}

/// Each elder's ladder position under `"ladder"` (null when not on the ladder).
fn add_ladder_json(value: &mut serde_json::Value, roll: &Roll, crew: &crate::ladder::Crew) {
    use qiaomen_core::ladder::{Doer, Step};
    let Some(elders) = value["elders"].as_array_mut() else {
        return;
    };
    for (v, e) in elders.iter_mut().zip(&roll.entries) {
        v["ladder"] = e.ladder.as_ref().map_or(serde_json::Value::Null, |p| {
            let mut l = json!({
                "step": p.step.code(),
                "who": crew.who_names(p.doer, &e.elder),
                "doer": match p.doer {
                    Doer::Callers => "callers",
                    Doer::Steward => "steward",
                    Doer::Worker => "worker",
                },
                "by": p.by.map(|t| t.to_string()),
                "overdue": p.overdue,
            });
            match &p.step {
                Step::Call { n, of } => {
                    l["try"] = json!(n);
                    l["of"] = json!(of);
                }
                Step::Contact {
                    index,
                    name,
                    relation,
                    phone,
                } => {
                    l["contact"] =
                        json!({"index": index, "name": name, "relation": relation, "phone": phone});
                }
                Step::Case { case } => l["case"] = json!(case.map(|id| format!("#{id}"))),
                Step::Knock => {}
            }
            l
        });
    }
}

/// Under the table: every elder on the ladder, with the step, who and by when.
fn ladder_lines(lang: Lang, sheet: &Sheet, members: &[Member]) -> String {
    let on: Vec<(&SheetRow, &SheetLadder)> = sheet
        .rows
        .iter()
        .filter_map(|r| r.ladder.as_ref().map(|l| (r, l)))
        .collect();
    if on.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n", lang.t(T::LadderHeading));
    for (r, l) in on {
        let who = crate::ladder::who_of(lang, &l.doers, members);
        let line = crate::ladder::position_text(lang, &l.position, &who);
        out.push_str(&lang.fill(T::LadderRollLine, &[&r.name, &line]));
        out.push('\n');
    }
    out
}
