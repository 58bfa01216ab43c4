//! `qiaomen roll [--date D] [--grid G] [--json]`: the roll-call sheet of a day.

use qiaomen_core::Reads;
use qiaomen_core::roll_sheet::{Sheet, SheetContact, SheetLadder, SheetRow};
use qiaomen_core::rollcall::{Attention, DayStatus, Roll, RollEntry};
use serde_json::json;

use crate::context::Context;
use crate::error::AppError;
use crate::i18n::{self, Lang, T};
use crate::width::table;

pub fn run(
    ctx: &Context,
    date: Option<&str>,
    grid: Option<&str>,
    json: bool,
) -> Result<String, AppError> {
    let date = ctx.date_or_today(date)?;
    let grid = ctx.grid_arg(grid)?;
    let grid = grid.as_ref().map(|g| g.id);
    let crew = crate::ladder::Crew::read(&*ctx.backend)?;
    let grids = &crew.grids;
    let code = |id| {
        grids
            .iter()
            .find(|g| g.id == id)
            .map_or_else(String::new, |g| g.code.clone())
    };
    if json {
        let roll = ctx.backend.roll(date, ctx.now()?, grid)?;
        let mut value = to_json(&roll, &code);
        add_ladder_json(&mut value, &roll, &crew);
        return Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&value).expect("json")
        ));
    }
    // The printed sheet needs a few fields per elder: asked for as such (`Query::RollSheet`).
    let sheet = ctx.backend.roll_sheet(date, ctx.now()?, grid)?;
    let mut out = render(ctx, &sheet, &code);
    out.push_str(&ladder_lines(ctx.lang, &sheet, &crew));
    Ok(out)
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

fn render(ctx: &Context, sheet: &Sheet, code: &dyn Fn(u64) -> String) -> String {
    let lang = ctx.lang;
    let community = ctx.backend.community().map(|c| c.name).unwrap_or_default();
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
    let rows: Vec<Vec<String>> = sheet
        .rows
        .iter()
        .map(|r| {
            vec![
                status_cell(lang, r.attention, r.status),
                r.name.clone(),
                r.age.map(|a| a.to_string()).unwrap_or_default(),
                code(r.grid),
                r.address.clone(),
                r.phone.clone(),
                last_cell(lang, r.last.as_ref(), sheet.date),
                r.attempts.to_string(),
            ]
        })
        .collect();
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
    out.push_str(&table(&header, &rows, &[26, 12, 3, 4, 22, 12, 26, 2]));
    out
}

/// `! 未联系` for those needing attention, then the day status.
fn status_cell(lang: Lang, attention: Option<Attention>, status: DayStatus) -> String {
    let mark = match (attention, status) {
        (Some(_), _) => "!",
        (None, DayStatus::NotReached) => "·",
        _ => "✓",
    };
    let mut s = format!("{mark} {}", i18n::day_status(lang, status));
    if let Some(a) = attention
        && !matches!(status, DayStatus::Reached(_))
    {
        s = format!("{mark} {}", i18n::attention(lang, a));
    }
    s
}

fn last_cell(lang: Lang, last: Option<&SheetContact>, date: qiaomen_core::Date) -> String {
    match last {
        Some(l) if l.date == date => {
            format!("{} {} {}", l.time, i18n::outcome(lang, l.outcome), l.by)
        }
        Some(l) => format!("{} {}", l.date, i18n::outcome(lang, l.outcome)),
        None => String::new(),
    }
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
fn ladder_lines(lang: Lang, sheet: &Sheet, crew: &crate::ladder::Crew) -> String {
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
        let who = crate::ladder::who_of(lang, &l.doers, &crew.members);
        let line = crate::ladder::position_text(lang, &l.position, &who);
        out.push_str(&lang.fill(T::LadderRollLine, &[&r.name, &line]));
        out.push('\n');
    }
    out
}
