//! Drawing the resident card from what `load.rs` read (layout in `mod.rs`): one column of
//! short sections that wraps to the width and scrolls, so it reads the same at 80×24 and at
//! 120×40. The ID number is shown masked; phones in full, since the card is for calling.

use qiaomen_core::model::{Gender, Resident};
use qiaomen_core::register::format_yuan;
use qiaomen_core::text::mask_id;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::load::{CardData, DAYS};
use crate::chrome::{clean, field};
use crate::i18n::{self, Lang, T};
use crate::popups::centered;
use crate::theme;
use crate::view::Ctx;

/// The most entries of a kind listed (check-ins, visits, cases, fund) on a screen of 24 rows,
/// and on a screen tall enough for more; each section's title says how many there are.
const LATEST: usize = 5;
const LATEST_TALL: usize = 10;
const TALL: u16 = 36;

pub fn gender(lang: Lang, g: Gender) -> &'static str {
    lang.t(match g {
        Gender::Female => T::GenderFemale,
        Gender::Male => T::GenderMale,
        Gender::Unknown => T::GenderUnknown,
    })
}

/// `女 · 82岁（1944-03-02）`
fn who(lang: Lang, r: &Resident, today: qiaomen_core::Date) -> String {
    let mut parts = vec![gender(lang, r.gender).to_owned()];
    if let (Some(age), Some(birth)) = (r.age_on(today), r.birth) {
        parts.push(lang.fill(T::CardAgeBorn, &[&age, &birth]));
    }
    parts.join(" · ")
}

fn section(lang: Lang, title: T, count: Option<usize>) -> Line<'static> {
    let text = match count {
        Some(n) => format!("── {} ({n}) ──", lang.t(title)),
        None => format!("── {} ──", lang.t(title)),
    };
    Line::styled(text, theme::LABEL)
}

/// A list entry with its fields held together by no-break spaces: the wrapper breaks lines at
/// spaces only, so a long Chinese note after a space would be moved whole onto the next line;
/// held together, it is broken at the width instead.
fn entry(text: &str) -> Line<'static> {
    let text = clean(text);
    let body = text.trim_start();
    let indent = &text[..text.len() - body.len()];
    Line::raw(format!("{indent}{}", body.replace(' ', "\u{a0}")))
}

fn none(lang: Lang) -> Line<'static> {
    Line::styled(format!("  {}", lang.t(T::CardNone)), theme::DIM)
}

/// The card's lines, top to bottom.
pub fn lines(app: &Ctx, d: &CardData, latest: usize) -> Vec<Line<'static>> {
    let lang = app.lang;
    let r = &d.resident;
    let mut out = Vec::new();
    let grid = app
        .grids
        .iter()
        .find(|g| g.id == r.grid)
        .map(|g| format!("{} {}", g.code, g.name))
        .unwrap_or_default();
    out.push(Line::from(vec![
        Span::styled(clean(&r.name), theme::TITLE),
        Span::raw(format!("  {} · {}", who(lang, r, d.today), clean(&grid))),
    ]));
    let id = r.id_number.as_deref().map_or("—".to_owned(), mask_id);
    out.push(Line::from(vec![
        Span::styled(format!("{} ", lang.t(T::ColPhone)), theme::LABEL),
        Span::raw(format!("{}  ", clean(i18n::phone(lang, &r.phone)))),
        Span::styled(format!("{} ", lang.t(T::CardIdNumber)), theme::LABEL),
        Span::raw(id),
    ]));
    // Someone who left stays findable with their history; the card says so first.
    if let Some(left) = &r.left {
        let mut text = lang.fill(
            T::HhCardLeft,
            &[
                &left.date,
                &crate::commands::people::resident::leave_reason(lang, left.reason),
            ],
        );
        if !left.note.is_empty() {
            text.push_str(" · ");
            text.push_str(&left.note);
        }
        out.push(Line::styled(clean(&text), theme::WARN));
    }
    if !r.health.is_empty() {
        out.push(field(lang.t(T::Health), r.health.clone()));
    }
    let categories: Vec<&str> = r
        .categories
        .iter()
        .map(|c| i18n::category(lang, *c))
        .collect();
    if !categories.is_empty() {
        out.push(field(lang.t(T::Categories), categories.join("、")));
    }

    match &d.household {
        Some(h) => {
            out.push(Line::styled(
                lang.fill(
                    T::CardHousehold,
                    &[&clean(&h.address.short()), &h.members.len()],
                ),
                theme::LABEL,
            ));
            let head = lang.t(T::CardHead);
            for (i, m) in d.members.iter().enumerate() {
                let role = if i == 0 { head } else { "" };
                let here = if m.id == r.id { "▸" } else { " " };
                out.push(Line::raw(format!(
                    " {here}{} {} {}",
                    crate::width::pad(role, crate::width::width(head)),
                    clean(&m.name),
                    who(lang, m, d.today)
                )));
            }
        }
        None => out.push(Line::styled(lang.t(T::CardNoHousehold), theme::DIM)),
    }

    out.push(section(lang, T::CardPlan, None));
    match &r.care {
        Some(c) => {
            let bell = match &c.doorbell_device {
                Some(id) => lang.fill(T::DoorbellDevice, &[&crate::chrome::clean(id)]),
                None => lang.t(if c.doorbell { T::Yes } else { T::No }).to_owned(),
            };
            out.push(Line::raw(format!(
                "  {} · {} {bell}",
                i18n::care_level(lang, c.level),
                lang.t(T::Doorbell)
            )));
            let callers: Vec<&str> = c.callers.iter().map(|&m| app.member_name(m)).collect();
            out.push(field(
                &format!("  {}", lang.t(T::Callers)),
                if callers.is_empty() {
                    "—".to_owned()
                } else {
                    callers.join("、")
                },
            ));
            let to = c.active_to.map_or("—".to_owned(), |t| t.to_string());
            let mut span = lang.fill(T::CardActive, &[&c.active_from, &to]);
            if !c.active_on(d.today) {
                span.push_str(" · ");
                span.push_str(lang.t(T::CardPlanStopped));
            }
            out.push(Line::raw(format!("  {span}")));
        }
        None => out.push(Line::styled(
            format!("  {}", lang.t(T::CardNoPlan)),
            theme::DIM,
        )),
    }
    // Support records (issue 16): the person's or their household's, still active.
    for (s, carers) in &d.supports {
        out.push(entry(&format!(
            "  #{} {} · {} {} · {}",
            s.id,
            i18n::category(lang, s.kind),
            lang.t(T::ColCarers),
            carers.join(if lang == Lang::Zh { "、" } else { ", " }),
            i18n::every_days(lang, s.every())
        )));
    }

    out.push(section(lang, T::Contacts, None));
    if r.contacts.is_empty() {
        out.push(none(lang));
    }
    for (i, c) in r.contacts.iter().enumerate() {
        let relation = if c.relation.is_empty() {
            String::new()
        } else {
            format!("（{}）", c.relation)
        };
        out.push(Line::raw(clean(&format!(
            "  {}. {}{relation} {}",
            i + 1,
            c.name,
            c.phone
        ))));
    }

    out.push(section(lang, T::CardCheckIns, Some(d.checkins.len())));
    out.push(strip(d));
    for c in d.checkins.iter().rev().take(latest) {
        let note = if c.note.is_empty() {
            String::new()
        } else {
            format!("：{}", c.note)
        };
        out.push(entry(&format!(
            "  {:02}-{:02} {} {} {} {}{note}",
            c.date.month(),
            c.date.day(),
            c.time,
            i18n::method(lang, c.method),
            i18n::outcome(lang, c.outcome),
            c.by
        )));
    }

    out.push(section(lang, T::VisitsHead, Some(d.visits.len())));
    if d.visits.is_empty() {
        out.push(none(lang));
    }
    for v in d.visits.iter().take(latest) {
        out.push(entry(&format!("  {} {} {}", v.date, v.by, v.findings)));
    }

    out.push(section(lang, T::ServicesReceived, Some(d.services.len())));
    if d.services.is_empty() {
        out.push(none(lang));
    }
    for (s, by) in d.services.iter().take(latest) {
        out.push(entry(&format!(
            "  {} {} {} {}",
            s.date,
            i18n::service_kind(lang, s.kind),
            by,
            lang.fill(T::MinutesShort, &[&s.minutes])
        )));
    }

    out.push(section(lang, T::CardCases, Some(d.cases.len())));
    if d.cases.is_empty() {
        out.push(none(lang));
    }
    for c in d.cases.iter().take(latest) {
        out.push(entry(&format!(
            "  {} {} {} {}",
            c.number(),
            i18n::case_kind(lang, c.kind),
            i18n::case_status(lang, c.status),
            c.title
        )));
    }

    out.push(section(lang, T::CardFund, Some(d.fund.len())));
    if d.fund.is_empty() {
        out.push(none(lang));
    }
    for f in d.fund.iter().take(latest) {
        let direction = crate::i18n::direction(lang, f.direction);
        // The note says what the money was for in people's words; the need is a tag.
        let what = if f.note.is_empty() {
            crate::i18n::need(lang, f.need)
        } else {
            f.note.as_str()
        };
        out.push(entry(&format!(
            "  {} {direction} {} {}{what}",
            f.date,
            lang.fill(T::CardYuan, &[&format_yuan(f.amount_fen)]),
            match d.partner_name(f.partner) {
                "" => String::new(),
                name => format!("{name} "),
            },
        )));
    }
    out
}

/// The last `DAYS` days, oldest first, one mark a day (the latest outcome of the day).
fn strip(d: &CardData) -> Line<'static> {
    let mut spans = vec![Span::raw("  ")];
    spans.extend(crate::chrome::day_marks(&d.checkins, d.today, DAYS));
    Line::from(spans)
}

/// The box the card and its form are drawn in: most of the body, at most 100 wide.
pub fn card_rect(area: Rect) -> Rect {
    centered(area, 100, area.height)
}

/// Draws the card scrolled down by `scroll` lines; returns how far it can scroll.
pub fn render_card(app: &Ctx, frame: &mut Frame, area: Rect, d: &CardData, scroll: u16) -> u16 {
    let latest = if area.height >= TALL {
        LATEST_TALL
    } else {
        LATEST
    };
    // As tall as its lines (the pane stays in sight below a short card), at most the body.
    let wide = card_rect(area);
    let paragraph = crate::wrap::paragraph(lines(app, d, latest), wide.width.saturating_sub(2))
        .style(theme::POPUP);
    let total =
        u16::try_from(paragraph.line_count(wide.width.saturating_sub(2))).unwrap_or(u16::MAX);
    let rect = Rect {
        height: total.saturating_add(2).min(area.height),
        ..wide
    };
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme::BORDER_FOCUS)
        .title(app.lang.fill(T::CardTitle, &[&clean(&d.resident.name)]));
    let max = total.saturating_sub(block.inner(rect).height);
    frame.render_widget(paragraph.block(block).scroll((scroll.min(max), 0)), rect);
    max
}
