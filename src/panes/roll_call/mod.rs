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

mod render;

pub use render::mark_of;

use std::cell::RefCell;
use std::collections::HashMap;

use qiaomen_core::model::{CheckIn, CheckInKey, Household, Id, Method, Outcome};
use qiaomen_core::rollcall::{Roll, RollEntry};
use qiaomen_core::{Command, Date, Now};

use crate::backend::Backend;

use super::list::Cursor;
use crate::action::Action;
use crate::app::App;
use crate::chrome::clean;
use crate::i18n::{self, T};
use crate::popups::{Popup, form};

/// Rows whose addresses the first frame reads: more than any terminal shows at once.
const FIRST_ROWS: usize = 200;

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
        store: &dyn Backend,
        now: Now,
        grid: Option<Id>,
    ) -> qiaomen_core::Result<()> {
        let keep = self.selected().map(|e| e.elder.id);
        self.read_roll(store, now, grid, usize::MAX)?;
        self.select_elder(keep);
        Ok(())
    }

    /// Reads the roll like `reload`, with the addresses of its first rows only (a tall
    /// terminal's worth): the first frame's; `read_addresses` reads the rest.
    pub fn reload_first(
        &mut self,
        store: &dyn Backend,
        now: Now,
        grid: Option<Id>,
    ) -> qiaomen_core::Result<()> {
        self.read_roll(store, now, grid, FIRST_ROWS)
    }

    /// The roll of the day shown, with the addresses of its first `rows` rows.
    fn read_roll(
        &mut self,
        store: &dyn Backend,
        now: Now,
        grid: Option<Id>,
        rows: usize,
    ) -> qiaomen_core::Result<()> {
        self.roll = store.roll(self.date, now, grid)?;
        self.read_addresses_of(store, rows)?;
        self.history.replace(None);
        Ok(())
    }

    /// Whether an elder has a line in the roll shown.
    pub fn shows(&self, elder: Id) -> bool {
        self.roll.entries.iter().any(|e| e.elder.id == elder)
    }

    /// Reads one elder's day again after a mark. Rows stay where they were, so marking does
    /// not make the list jump under the steward's eyes; a new day or grid sorts afresh.
    pub fn refresh_elder(
        &mut self,
        store: &dyn Backend,
        elder: Id,
        now: Now,
    ) -> qiaomen_core::Result<()> {
        if let Some(slot) = self.roll.entries.iter().position(|e| e.elder.id == elder)
            && let Some(entry) = store.roll_entry(self.date, now, elder)?
        {
            self.roll.entries[slot] = entry;
        }
        self.history.replace(None);
        Ok(())
    }

    /// Reads the addresses of every row not yet read.
    pub fn read_addresses(&mut self, store: &dyn Backend) -> qiaomen_core::Result<()> {
        self.read_addresses_of(store, usize::MAX)
    }

    fn read_addresses_of(&mut self, store: &dyn Backend, rows: usize) -> qiaomen_core::Result<()> {
        let mut missing: Vec<Id> = self
            .roll
            .entries
            .iter()
            .take(rows)
            .filter_map(|e| e.elder.household)
            .filter(|h| !self.addresses.contains_key(h))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        // One request for all of them: a subdistrict's 2,000 elders are one round trip to the
        // server, not 2,000.
        for hh in store.get_many::<Household>(missing)? {
            let h = hh.id;
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

    /// Sorts the roll again after a change and selects `elder`.
    pub fn resort(&mut self, elder: Option<Id>) {
        self.roll.resort();
        self.select_elder(elder);
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
        Action::NextDay if app.roll_call.date >= app.now.date => {
            // A future day has nobody to mark yet: the roll call stops at today.
            say_no_future_day(app, app.roll_call.date.add_days(1));
        }
        Action::PrevDay | Action::NextDay | Action::Today => {
            let pane = &mut app.roll_call;
            pane.date = match action {
                Action::PrevDay => pane.date.add_days(-1),
                Action::NextDay => pane.date.add_days(1),
                _ => app.now.date,
            };
            // The cursor stays on the same elder (`reload` keeps the selection by id).
            pane.reload(&*app.backend, app.now, app.grid_filter)?;
        }
        Action::Mark(outcome) => mark(app, outcome, app.roll_call.method)?,
        Action::MarkVisit => mark(app, Outcome::Ok, Method::Visit)?,
        // The ladder and a new mark with its note are for today; a past day is back-filled
        // mark by mark through the keys that ask for the time (`backfill.rs`).
        Action::LadderStep if app.roll_call.date < app.now.date => say_backfill_keys(app),
        Action::LadderStep => crate::popups::ladder_form::open(app),
        Action::CycleMethod => {
            // A contact is a ladder step (`e`), which names the contact; marks do not.
            let all: Vec<Method> = Method::ALL
                .iter()
                .copied()
                .filter(|m| *m != Method::Contact)
                .collect();
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
            if e.attempts.is_empty() && app.roll_call.date < app.now.date {
                say_backfill_keys(app);
            } else if let Some(c) = e.attempts.last() {
                let f = form::Form::checkin_note(app.lang, &e.elder.name, c);
                app.popup = Some(Popup::Form(f));
            } else {
                // No check-in to note yet: a new one, its outcome chosen and its note typed.
                let f =
                    form::Form::new_mark(app.lang, e.elder.id, &e.elder.name, app.roll_call.method);
                app.popup = Some(Popup::Form(f));
            }
        }
        Action::Undo => undo(app)?,
        Action::OpenCard => {
            if let Some(id) = app.roll_call.selected().map(|e| e.elder.id) {
                crate::popups::card::open(app, id, None);
            }
        }
        _ => {}
    }
    Ok(())
}

/// On a past day: marks are back-filled with the mark keys, which ask for the time.
fn say_backfill_keys(app: &mut App) {
    let words = crate::day_words::with_words(app.lang, app.roll_call.date, app.now.date);
    let text = app.lang.fill(T::BackfillUseMarkKeys, &[&words]);
    app.error(&text);
}

/// Says that `day` has not come yet (`]` past today).
pub fn say_no_future_day(app: &mut App, day: qiaomen_core::Date) {
    let words = crate::day_words::with_words(app.lang, day, app.now.date);
    let text = app.lang.fill(T::NoFutureDay, &[&words]);
    app.error(&text);
}

fn mark(app: &mut App, outcome: Outcome, method: Method) -> qiaomen_core::Result<()> {
    let Some(e) = app.roll_call.selected() else {
        return Ok(());
    };
    let (elder_id, name) = (e.elder.id, e.elder.name.clone());
    if app.roll_call.date < app.now.date {
        // A past day: ask when it happened, and confirm the day in words, before saving.
        crate::popups::backfill::open(app, outcome, method);
        return Ok(());
    }
    if outcome == Outcome::Away {
        // Away asks for the expected return day (may stay empty) before saving.
        app.popup = Some(Popup::Form(form::Form::away(
            app.lang, elder_id, &name, method, None,
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
        contact: None,
        case: None,
    };
    let Some(applied) = app.apply(mark_command(app, checkin)) else {
        return Ok(());
    };
    after_mark(app, applied.checkin, &name, outcome, method)?;
    said_ladder_case(app, &applied);
    if outcome == Outcome::NeedsHelp {
        app.popup = Some(Popup::follow_up_case(app.lang, elder_id, &name));
    }
    Ok(())
}

/// A mark goes as a ladder step, as the CLI's `checkin` does: a failed knock made with the mark
/// keys (method visit, `n`) opens the ladder's case in the same change, as `e` would.
pub fn mark_command(app: &App, checkin: CheckIn) -> Command {
    let Some(entry) = app
        .roll_call
        .roll
        .entries
        .iter()
        .find(|e| e.elder.id == checkin.elder)
    else {
        return Command::CheckIn(checkin);
    };
    let grid = app.grids.iter().find(|g| g.id == entry.elder.grid);
    crate::ladder::step_command(app.lang, &entry.elder, grid, &entry.attempts, checkin)
}

/// When a change opened or closed a case (the ladder's last step, or its undo): the cases pane
/// and the counts reload, and a case opened is named.
pub fn said_ladder_case(app: &mut App, applied: &qiaomen_core::Applied) {
    if !applied.records.iter().any(|r| r.kind == "case") {
        return;
    }
    let _ = app.reload();
    if applied.id != 0 && applied.checkin.is_some() {
        let text = app
            .lang
            .fill(T::LadderStepCase, &[&format!("#{}", applied.id)]);
        app.say(text);
    }
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
        app.roll_call
            .refresh_elder(&*app.backend, k.elder, app.now)?;
    }
    let text = app.lang.fill(
        T::Marked,
        &[
            &clean(name),
            &i18n::outcome(app.lang, outcome),
            &i18n::method(app.lang, method),
        ],
    );
    app.say(text);
    // On to the next elder not yet reached, in the order the steward was going down; then
    // the list sorts again, as after a note, and the cursor follows that elder.
    let from = app.roll_call.cursor.selected;
    let pane = &mut app.roll_call;
    let next = pane
        .roll
        .next_unreached(from)
        .map(|i| pane.roll.entries[i].elder.id)
        .or(key.map(|k| k.elder));
    pane.resort(next);
    Ok(())
}

fn undo(app: &mut App) -> qiaomen_core::Result<()> {
    let Some(key) = app.roll_call.undo.pop() else {
        app.error(app.lang.t(T::NothingToUndo));
        return Ok(());
    };
    let Some(applied) = app.apply(Command::UndoCheckIn { key }) else {
        return Ok(());
    };
    if applied.records.iter().any(|r| r.kind == "case") {
        // The undone step had opened the ladder's case, which it closed: the cases pane too.
        let _ = app.reload();
    }
    app.roll_call
        .refresh_elder(&*app.backend, key.elder, app.now)?;
    app.roll_call.resort(Some(key.elder));
    let name = app
        .roll_call
        .selected()
        .map(|e| e.elder.name.clone())
        .unwrap_or_default();
    let text = app.lang.fill(T::Undone, &[&clean(&name)]);
    app.say(text);
    Ok(())
}
