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

use qiaomen_core::model::{CheckIn, CheckInKey, Id, Method, Outcome};
use qiaomen_core::rollcall::{Roll, RollEntry};
use qiaomen_core::{Command, Date, Now};

use crate::backend::Backend;

use super::list::Cursor;
use crate::action::Action;
use crate::app::App;
use crate::chrome::clean;
use crate::i18n::{self, T};
use crate::popups::{Popup, form};

pub struct RollCallPane {
    pub date: Date,
    pub roll: Roll,
    pub cursor: Cursor,
    /// The method the next mark records.
    pub method: Method,
    /// Check-ins marked in this session, newest last, for `z`.
    pub undo: Vec<CheckInKey>,
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
        self.read_roll(store, now, grid)?;
        self.select_elder(keep);
        Ok(())
    }

    /// The roll of the day shown (each row with its address, from the elders index).
    fn read_roll(
        &mut self,
        store: &dyn Backend,
        now: Now,
        grid: Option<Id>,
    ) -> qiaomen_core::Result<()> {
        self.roll = store.roll(self.date, now, grid)?;
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

    /// Numbers first: in a narrow column the compound's name is what gets cut.
    fn address(e: &RollEntry) -> String {
        let a = &e.address;
        let nums: Vec<&str> = [&a.building, &a.unit, &a.room]
            .into_iter()
            .map(String::as_str)
            .filter(|s| !s.is_empty())
            .collect();
        if nums.is_empty() {
            a.text.clone()
        } else {
            format!("{} {}", nums.join("-"), a.text)
        }
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
