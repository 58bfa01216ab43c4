//! Pane 2, the roll call (每日一问候): the elders due on the selected day, attention first.
//!
//! ```text
//! 2026-11-30 周一 · 已问候 5/18 · 外出 0 · 需关注 1 · 方式 电话
//! ┌──────────────────────────────────────┐┌────────────────────────┐
//! │  姓名   年龄 地址         最近   次数││ 王秀英（女，84岁）     │
//! │! 钱福生 82  新桥 1-3-201  未接     2 ││ 地址 顺和小区 2-1-102  │
//! │· 曾凤仙 88  …                        ││ 分级 …  问候人 …       │
//! │✓ 王秀英 84  …                        ││ 近14天 ✓✓✓?✓✓✓…       │
//! └──────────────────────────────────────┘└────────────────────────┘
//! ```

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;

use qiaomen_core::model::{CheckIn, CheckInKey, Household, Id, Method, Outcome};
use qiaomen_core::rollcall::{self, Attention, DayStatus, Roll, RollEntry};
use qiaomen_core::{Command, Date, Now, Store};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::list::Cursor;
use crate::action::Action;
use crate::app::App;
use crate::chrome::{clean, field};
use crate::i18n::{self, Lang, T};
use crate::popups::{Popup, form};
use crate::theme;

pub struct RollCallPane {
    pub date: Date,
    pub roll: Roll,
    pub cursor: Cursor,
    /// The method the next mark records.
    pub method: Method,
    /// Check-ins marked in this session, newest last, for `z`.
    pub undo: Vec<CheckInKey>,
    /// Addresses by household, read with the roll.
    addresses: HashMap<Id, String>,
    /// The selected elder's last 14 days, read when first drawn.
    history: RefCell<Option<(Id, Date, Vec<CheckIn>)>>,
}

impl RollCallPane {
    pub fn new(date: Date) -> Self {
        RollCallPane {
            date,
            roll: Roll {
                date,
                entries: Vec::new(),
            },
            cursor: Cursor::default(),
            method: Method::Phone,
            undo: Vec::new(),
            addresses: HashMap::new(),
            history: RefCell::new(None),
        }
    }

    pub fn selected(&self) -> Option<&RollEntry> {
        self.roll.entries.get(self.cursor.selected)
    }

    /// Reads the roll of the pane's day afresh, sorted attention first.
    pub fn reload(
        &mut self,
        store: &Store,
        now: Now,
        grid: Option<Id>,
    ) -> qiaomen_core::Result<()> {
        let keep = self.selected().map(|e| e.elder.id);
        self.roll = rollcall::roll(store, self.date, now, grid)?;
        self.read_addresses(store)?;
        self.history.replace(None);
        self.select_elder(keep);
        Ok(())
    }

    /// Reads the roll again but keeps the rows where they were, so marking does not make the
    /// list jump under the steward's eyes; a new day or grid sorts afresh.
    fn refresh_in_place(
        &mut self,
        store: &Store,
        now: Now,
        grid: Option<Id>,
    ) -> qiaomen_core::Result<()> {
        let order: HashMap<Id, usize> = self
            .roll
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.elder.id, i))
            .collect();
        let mut roll = rollcall::roll(store, self.date, now, grid)?;
        roll.entries
            .sort_by_key(|e| order.get(&e.elder.id).copied().unwrap_or(usize::MAX));
        self.roll = roll;
        self.history.replace(None);
        self.cursor.clamp(self.roll.entries.len());
        Ok(())
    }

    fn read_addresses(&mut self, store: &Store) -> qiaomen_core::Result<()> {
        for e in &self.roll.entries {
            if let Some(h) = e.elder.household
                && !self.addresses.contains_key(&h)
                && let Some(hh) = store.get::<Household>(h)?
            {
                // Numbers first: in a narrow column the compound's name is what gets cut.
                let a = &hh.address;
                let nums: Vec<&str> = [&a.building, &a.unit, &a.room]
                    .into_iter()
                    .map(String::as_str)
                    .filter(|s| !s.is_empty())
                    .collect();
                let text = if nums.is_empty() {
                    a.text.clone()
                } else {
                    format!("{} {}", nums.join("-"), a.text)
                };
                self.addresses.insert(h, text);
            }
        }
        Ok(())
    }

    pub fn select_elder(&mut self, id: Option<Id>) {
        if let Some(i) = id.and_then(|id| self.roll.entries.iter().position(|e| e.elder.id == id)) {
            self.cursor.selected = i;
        }
        self.cursor.clamp(self.roll.entries.len());
    }

    fn address(&self, e: &RollEntry) -> &str {
        e.elder
            .household
            .and_then(|h| self.addresses.get(&h))
            .map_or("", String::as_str)
    }
}

pub fn update(app: &mut App, action: Action) -> qiaomen_core::Result<()> {
    let len = app.roll_call.roll.entries.len();
    if app.roll_call.cursor.apply(action, len) {
        return Ok(());
    }
    match action {
        Action::PrevDay | Action::NextDay | Action::Today => {
            let pane = &mut app.roll_call;
            pane.date = match action {
                Action::PrevDay => pane.date.add_days(-1),
                Action::NextDay => pane.date.add_days(1),
                _ => app.now.date,
            };
            pane.cursor.selected = 0;
            pane.reload(&app.store, app.now, app.grid_filter)?;
        }
        Action::Mark(outcome) => mark(app, outcome, app.roll_call.method)?,
        Action::MarkVisit => mark(app, Outcome::Ok, Method::Visit)?,
        Action::CycleMethod => {
            let all = Method::ALL;
            let i = all
                .iter()
                .position(|m| *m == app.roll_call.method)
                .unwrap_or(0);
            app.roll_call.method = all[(i + 1) % all.len()];
            let text = app.lang.fill(
                T::MethodNow,
                &[&i18n::method(app.lang, app.roll_call.method)],
            );
            app.say(text);
        }
        Action::NoteCheckIn => {
            let Some(e) = app.roll_call.selected() else {
                return Ok(());
            };
            if let Some(c) = e.attempts.last() {
                let f = form::Form::checkin_note(app.lang, &e.elder.name, c);
                app.popup = Some(Popup::Form(f));
            } else {
                let text = app.lang.fill(T::NoCheckInYet, &[&clean(&e.elder.name)]);
                app.error(&text);
            }
        }
        Action::Undo => undo(app)?,
        _ => {}
    }
    Ok(())
}

fn mark(app: &mut App, outcome: Outcome, method: Method) -> qiaomen_core::Result<()> {
    let Some(e) = app.roll_call.selected() else {
        return Ok(());
    };
    let (elder_id, name) = (e.elder.id, e.elder.name.clone());
    if outcome == Outcome::Away {
        // Away asks for the expected return day (may stay empty) before saving.
        app.popup = Some(Popup::Form(form::Form::away(
            app.lang, elder_id, &name, method,
        )));
        return Ok(());
    }
    let now = (app.clock)();
    let checkin = CheckIn {
        elder: elder_id,
        date: app.roll_call.date,
        seq: 0,
        time: now.time,
        by: app.operator.clone(),
        method,
        outcome,
        note: String::new(),
        away_until: None,
    };
    let Some(applied) = app.apply(Command::CheckIn(checkin)) else {
        return Ok(());
    };
    after_mark(app, applied.checkin, &name, outcome, method)?;
    if outcome == Outcome::NeedsHelp {
        app.popup = Some(Popup::follow_up_case(app.lang, elder_id, &name));
    }
    Ok(())
}

/// After a saved mark: refresh in place, remember it for undo, say so, move to the next elder
/// not yet reached.
pub fn after_mark(
    app: &mut App,
    key: Option<CheckInKey>,
    name: &str,
    outcome: Outcome,
    method: Method,
) -> qiaomen_core::Result<()> {
    if let Some(k) = key {
        app.roll_call.undo.push(k);
    }
    app.roll_call
        .refresh_in_place(&app.store, app.now, app.grid_filter)?;
    let text = app.lang.fill(
        T::Marked,
        &[
            &clean(name),
            &i18n::outcome(app.lang, outcome),
            &i18n::method(app.lang, method),
        ],
    );
    app.say(text);
    let from = app.roll_call.cursor.selected;
    if let Some(next) = app.roll_call.roll.next_unreached(from) {
        app.roll_call.cursor.selected = next;
    }
    app.grid_pane.reload(&app.store, app.now, &app.grids)?;
    Ok(())
}

fn undo(app: &mut App) -> qiaomen_core::Result<()> {
    let Some(key) = app.roll_call.undo.pop() else {
        app.error(app.lang.t(T::NothingToUndo));
        return Ok(());
    };
    if app.apply(Command::UndoCheckIn { key }).is_none() {
        return Ok(());
    }
    app.roll_call
        .refresh_in_place(&app.store, app.now, app.grid_filter)?;
    app.roll_call.select_elder(Some(key.elder));
    let name = app
        .roll_call
        .selected()
        .map(|e| e.elder.name.clone())
        .unwrap_or_default();
    let text = app.lang.fill(T::Undone, &[&clean(&name)]);
    app.say(text);
    app.grid_pane.reload(&app.store, app.now, &app.grids)?;
    Ok(())
}

/// The mark and style of an elder's day: never colour alone.
pub fn mark_of(e: &RollEntry) -> (&'static str, Style) {
    match (e.attention, e.status) {
        (Some(Attention::MissedTwoDays | Attention::NeedsHelp), _) => ("!", theme::ALERT),
        (Some(_), DayStatus::Reached(_)) => ("!", theme::WARN),
        (Some(_), _) => ("!", theme::ALERT),
        (None, DayStatus::Reached(_)) => ("✓", theme::OK),
        (None, DayStatus::Away { .. }) => ("○", theme::AWAY),
        (None, DayStatus::NotReached) if !e.attempts.is_empty() => ("?", theme::WARN),
        (None, DayStatus::NotReached) => ("·", theme::PENDING),
    }
}

fn last_text(lang: Lang, e: &RollEntry, date: Date) -> String {
    match &e.last {
        Some(c) if c.date == date => format!("{} {}", c.time, i18n::outcome(lang, c.outcome)),
        Some(c) => format!(
            "{:02}-{:02} {}",
            c.date.month(),
            c.date.day(),
            i18n::outcome(lang, c.outcome)
        ),
        None => String::new(),
    }
}

impl RollCallPane {
    pub fn render(&self, app: &App, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let [top, main] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
        let c = self.roll.counts();
        let progress = format!(
            " {} {} · {} · {} {}",
            self.date,
            lang.weekday(self.date.weekday()),
            lang.fill(
                T::RollProgressShort,
                &[&(c.reached + c.away), &c.total, &c.attention]
            ),
            lang.t(T::KeyMethod),
            i18n::method(lang, self.method),
        );
        let style = if c.attention > 0 {
            theme::WARN
        } else {
            theme::TITLE
        };
        frame.render_widget(Paragraph::new(progress).style(style), top);

        let detail_width = if main.width >= 100 {
            main.width * 2 / 5
        } else {
            30
        };
        let [list_area, detail_area] =
            Layout::horizontal([Constraint::Min(20), Constraint::Length(detail_width)]).areas(main);
        self.render_list(app, frame, list_area);
        self.render_detail(app, frame, detail_area);
    }

    fn render_list(&self, app: &App, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::BORDER_FOCUS);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.roll.entries.is_empty() {
            frame.render_widget(Paragraph::new(lang.t(T::NoElders)).style(theme::DIM), inner);
            return;
        }
        let wide = inner.width >= 66;
        let height = inner.height.saturating_sub(1) as usize;
        let rows: Vec<Row> = self.roll.entries[self.cursor.window(self.roll.entries.len(), height)]
            .iter()
            .map(|e| {
                let (mark, style) = mark_of(e);
                let mut cells = vec![
                    Cell::from(mark).style(style),
                    Cell::from(clean(&e.elder.name)),
                    Cell::from(
                        e.elder
                            .age_on(self.date)
                            .map(|a| a.to_string())
                            .unwrap_or_default(),
                    ),
                    Cell::from(clean(self.address(e))),
                ];
                if wide {
                    cells.push(Cell::from(clean(&e.elder.phone)));
                }
                cells.push(Cell::from(last_text(lang, e, self.date)).style(style));
                cells.push(Cell::from(e.attempts.len().to_string()));
                let row = Row::new(cells);
                if self.selected().is_some_and(|s| s.elder.id == e.elder.id) {
                    row.style(theme::SELECTED)
                } else {
                    row
                }
            })
            .collect();
        let mut widths = vec![
            Constraint::Length(1),
            Constraint::Length(8),
            Constraint::Length(4),
            Constraint::Min(8),
        ];
        let mut header = vec![
            "",
            lang.t(T::ColName),
            lang.t(T::ColAge),
            lang.t(T::ColAddress),
        ];
        if wide {
            widths.push(Constraint::Length(11));
            header.push(lang.t(T::ColPhone));
        }
        widths.extend([Constraint::Length(12), Constraint::Length(4)]);
        header.extend([lang.t(T::ColLast), lang.t(T::ColAttempts)]);
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme::TABLE_HEADER))
            .column_spacing(1);
        frame.render_widget(table, inner);
    }

    fn history(&self, app: &App, elder: Id) -> Vec<CheckIn> {
        let mut cache = self.history.borrow_mut();
        if let Some((id, date, list)) = cache.as_ref()
            && *id == elder
            && *date == self.date
        {
            return list.clone();
        }
        let list = app
            .store
            .checkins_of(elder, self.date.add_days(-13), self.date)
            .unwrap_or_default();
        *cache = Some((elder, self.date, list.clone()));
        list
    }

    fn render_detail(&self, app: &App, frame: &mut Frame, area: Rect) {
        let lang = app.lang;
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::BORDER);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let Some(e) = self.selected() else { return };
        let p = &e.elder;
        let mut lines = Vec::new();
        let age = p
            .age_on(self.date)
            .map(|a| lang.fill(T::Years, &[&a]))
            .unwrap_or_default();
        lines.push(Line::styled(
            format!("{} {}", clean(&p.name), age),
            theme::TITLE,
        ));
        let (mark, style) = mark_of(e);
        let mut status = format!("{mark} {}", i18n::day_status(lang, e.status));
        if let DayStatus::Away { until: Some(u), .. } = e.status {
            let _ = write!(status, " → {u}");
        }
        lines.push(Line::styled(status, style));
        if let Some(a) = e.attention {
            lines.push(Line::styled(
                format!("! {}", i18n::attention(lang, a)),
                theme::ALERT,
            ));
        }
        lines.push(field(lang.t(T::ColAddress), self.address(e)));
        lines.push(field(lang.t(T::ColPhone), p.phone.clone()));
        if let Some(care) = &p.care {
            let callers: Vec<&str> = care.callers.iter().map(|&m| app.member_name(m)).collect();
            lines.push(field(
                lang.t(T::CareLevel),
                i18n::care_level(lang, care.level),
            ));
            lines.push(field(lang.t(T::Callers), callers.join("、")));
            let bell = if care.doorbell { T::Yes } else { T::No };
            lines.push(field(lang.t(T::Doorbell), lang.t(bell)));
        }
        lines.push(Line::styled(lang.t(T::Contacts), theme::LABEL));
        for (i, c) in p.contacts.iter().enumerate() {
            let relation = if c.relation.is_empty() {
                String::new()
            } else {
                format!("（{}）", c.relation)
            };
            lines.push(Line::raw(clean(&format!("{}.{}{relation}", i + 1, c.name))));
            lines.push(Line::raw(format!("  {}", clean(&c.phone))));
        }
        if !p.health.is_empty() {
            lines.push(field(lang.t(T::Health), p.health.clone()));
        }
        lines.push(Line::from(self.strip(app, e)));
        for c in &e.attempts {
            lines.push(Line::raw(clean(&format!(
                " {} {} {} {}{}",
                c.time,
                i18n::method(lang, c.method),
                i18n::outcome(lang, c.outcome),
                c.by,
                if c.note.is_empty() {
                    String::new()
                } else {
                    format!("：{}", c.note)
                },
            ))));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }

    /// The last 14 days, oldest first, one mark a day.
    fn strip(&self, app: &App, e: &RollEntry) -> Vec<Span<'static>> {
        let history = self.history(app, e.elder.id);
        let mut spans = vec![Span::styled(
            format!("{} ", app.lang.t(T::Last14)),
            theme::LABEL,
        )];
        for back in (0..14).rev() {
            let day = self.date.add_days(-back);
            let latest = history.iter().rfind(|c| c.date == day);
            let (mark, style) = match latest.map(|c| c.outcome) {
                Some(Outcome::Ok) => ("✓", theme::OK),
                Some(Outcome::Unwell | Outcome::NeedsHelp) => ("!", theme::WARN),
                Some(Outcome::Away) => ("○", theme::AWAY),
                Some(Outcome::NoAnswer) => ("?", theme::ALERT),
                None => ("·", theme::DIM),
            };
            spans.push(Span::styled(mark, style));
        }
        spans
    }
}
