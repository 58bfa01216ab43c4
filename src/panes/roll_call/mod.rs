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

mod fortnight;
mod render;

pub use render::{cutoff_text, mark_of};

use qiaomen_core::model::{CheckIn, CheckInKey, Id, Method, Outcome};
use qiaomen_core::rollcall::{Roll, RollCounts, RollEntry};
use qiaomen_core::{Applied, Command, Date, Now};

use crate::backend::Backend;

use super::Pane;
use super::list::Cursor;
use crate::action::Action;
use crate::chrome::clean;
use crate::effect::{Effect, RollNote};
use crate::i18n::{self, T};
use crate::popups::{Popup, form};
use crate::view::{Ctx, View};

pub struct RollCallPane {
    pub date: Date,
    pub roll: Roll,
    pub cursor: Cursor,
    /// The method the next mark records.
    pub method: Method,
    /// Check-ins marked in this session, newest last, for `z`.
    pub undo: Vec<CheckInKey>,
    /// The selected elder's last 14 days, read when the selection or the day changes (not
    /// while drawing).
    history: Option<(Id, Date, Vec<CheckIn>)>,
    /// In the terminal, the fortnight is read behind the screen (`read_history_behind`);
    /// `asked` is the elder and day asked for and not yet come.
    fortnight: Option<fortnight::Reader>,
    asked: Option<(Id, Date)>,
    /// Only the first lines are here (the first frame, `reload_head`): the counts of the
    /// whole roll, until `fill` brings the rest.
    pub partial: Option<RollCounts>,
    /// Elders marked while only the first lines were here: their lines are newer than a
    /// whole roll read before the mark.
    marked_partial: Vec<Id>,
    /// Nothing of the day's roll is here yet: it is being read behind the first frame (in
    /// this process the roll is built on its first read; `fill` brings it). The figures and
    /// the list say so rather than show nothing as none.
    pub unread: bool,
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
            history: None,
            fortnight: None,
            asked: None,
            partial: None,
            marked_partial: Vec::new(),
            unread: false,
        }
    }

    /// Whether lines of the roll are still to come (`fill`).
    pub fn waiting(&self) -> bool {
        self.unread || self.partial.is_some()
    }

    /// Reads the first `rows` lines of the pane's day and the counts of all (the first frame;
    /// `fill` brings the rest). The selected elder's fortnight is not read here: the first
    /// frame does not wait for it (`load_history` after it).
    pub fn reload_head(
        &mut self,
        store: &dyn Backend,
        now: Now,
        grid: Option<Id>,
        rows: u32,
    ) -> qiaomen_core::Result<()> {
        let head = store.roll_head(self.date, now, grid, rows)?;
        self.roll = head.roll;
        self.unread = false;
        self.partial = (!head.whole).then_some(head.counts);
        self.marked_partial.clear();
        self.history = None;
        self.select_elder(None);
        Ok(())
    }

    /// The whole roll after its first lines: taken when the pane still shows those lines of
    /// the same day (else it was read again meanwhile), keeping the lines marked since and
    /// the selection.
    pub fn fill(&mut self, mut roll: Roll) {
        if !self.waiting() || roll.date != self.date {
            return;
        }
        for id in self.marked_partial.drain(..) {
            let newer = self.roll.entries.iter().find(|e| e.elder.id == id);
            let slot = roll.entries.iter_mut().find(|e| e.elder.id == id);
            if let (Some(newer), Some(slot)) = (newer, slot) {
                *slot = newer.clone();
            }
        }
        let keep = self.selected().map(|e| e.elder.id);
        self.roll = roll;
        self.partial = None;
        self.unread = false;
        self.select_elder(keep);
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
        self.load_history(store);
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
        self.partial = None;
        self.unread = false;
        self.marked_partial.clear();
        self.history = None;
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
            // The head's counts are the whole roll's: this elder's old line out, the new in.
            if let Some(counts) = &mut self.partial {
                let old = &self.roll.entries[slot];
                counts.remove(old, old.attention.is_some());
                counts.add(&entry, entry.attention.is_some());
                self.marked_partial.push(elder);
            }
            self.roll.entries[slot] = entry;
        }
        self.reread_history(store);
        Ok(())
    }

    /// Reads the selected elder's fortnight behind the screen from now on (the terminal).
    pub fn read_history_behind(&mut self, backend: &std::sync::Arc<dyn Backend>) {
        self.fortnight = fortnight::Reader::start(backend);
        // An ask of an earlier reader is not this one's: asked again at the next look.
        self.asked = None;
        self.history = None;
    }

    /// Whether the fortnight is read behind the screen.
    pub fn reads_history_behind(&self) -> bool {
        self.fortnight.is_some()
    }

    /// Whether a fortnight asked for has not come yet.
    pub fn history_pending(&self) -> bool {
        self.asked.is_some()
    }

    /// Takes the fortnights read behind the screen: the one of the elder and day shown.
    pub fn take_history(&mut self) {
        let Some(reader) = &self.fortnight else {
            return;
        };
        let Some(came) = reader.take() else {
            // The reader's read failed: from now on the fortnight is read in place.
            self.fortnight = None;
            self.asked = None;
            return;
        };
        for (elder, day, list) in came {
            if self.asked == Some((elder, day)) {
                self.asked = None;
            }
            if self.selected().is_some_and(|e| e.elder.id == elder) && day == self.date {
                self.history = Some((elder, day, list));
            }
        }
    }

    /// The selected elder's fortnight read again (after a mark): the one shown stays until
    /// the new one has come.
    fn reread_history(&mut self, store: &dyn Backend) {
        match (&self.fortnight, self.selected().map(|e| e.elder.id)) {
            (Some(reader), Some(elder)) => {
                if reader.ask(elder, self.date) {
                    self.asked = Some((elder, self.date));
                } else {
                    self.fortnight = None;
                }
            }
            _ => self.history = None,
        }
        self.load_history(store);
    }

    /// Reads the selected elder's last 14 days, unless already read for this elder and day
    /// (the detail draws them; drawing reads nothing). A failed read shows an empty strip.
    pub fn load_history(&mut self, store: &dyn Backend) {
        let Some(elder) = self.selected().map(|e| e.elder.id) else {
            self.history = None;
            return;
        };
        if self
            .history
            .as_ref()
            .is_some_and(|(id, date, _)| *id == elder && *date == self.date)
        {
            return;
        }
        if let Some(reader) = &self.fortnight {
            if self.asked == Some((elder, self.date)) {
                return;
            }
            if reader.ask(elder, self.date) {
                self.asked = Some((elder, self.date));
                return;
            }
            self.fortnight = None;
        }
        let list = store
            .checkins_of(elder, self.date.add_days(-13), self.date)
            .unwrap_or_default();
        self.history = Some((elder, self.date, list));
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

impl RollCallPane {
    /// A key on the roll call: its own state changes here; saves, popups and messages are
    /// returned for the app to carry out.
    pub fn update(&mut self, action: Action, view: &View) -> Vec<Effect> {
        let effects = self.handle(action, view);
        self.load_history(view.backend);
        effects
    }

    fn handle(&mut self, action: Action, view: &View) -> Vec<Effect> {
        let len = self.roll.entries.len();
        if self.cursor.apply(action, len) {
            return Vec::new();
        }
        match action {
            Action::NextDay if self.date >= view.now.date => {
                // A future day has nobody to mark yet: the roll call stops at today.
                vec![say_no_future_day(view, self.date.add_days(1))]
            }
            Action::PrevDay | Action::NextDay | Action::Today => {
                self.date = match action {
                    Action::PrevDay => self.date.add_days(-1),
                    Action::NextDay => self.date.add_days(1),
                    _ => view.now.date,
                };
                // The cursor stays on the same elder (`reload` keeps the selection by id).
                Effect::or_fail(
                    self.reload(view.backend, view.now, view.grid_filter)
                        .map(|()| Vec::new()),
                )
            }
            Action::Mark(outcome) => self.mark(view, outcome, self.method),
            Action::MarkVisit => self.mark(view, Outcome::Ok, Method::Visit),
            // The ladder and a new mark with its note are for today; a past day is back-filled
            // mark by mark through the keys that ask for the time (`backfill.rs`).
            Action::LadderStep if self.date < view.now.date => vec![self.say_backfill_keys(view)],
            Action::LadderStep => crate::popups::ladder_form::open(self.selected(), view),
            Action::CycleMethod => {
                // A contact is a ladder step (`e`), which names the contact; marks do not.
                let all: Vec<Method> = Method::ALL
                    .iter()
                    .copied()
                    .filter(|m| *m != Method::Contact)
                    .collect();
                let i = all.iter().position(|m| *m == self.method).unwrap_or(0);
                self.method = all[(i + 1) % all.len()];
                let text = view
                    .lang
                    .fill(T::MethodNow, &[&i18n::method(view.lang, self.method)]);
                vec![Effect::Say(text)]
            }
            Action::NoteCheckIn => {
                let Some(e) = self.selected() else {
                    return Vec::new();
                };
                if e.attempts.is_empty() && self.date < view.now.date {
                    vec![self.say_backfill_keys(view)]
                } else if let Some(c) = e.attempts.last() {
                    let f = form::Form::checkin_note(view.lang, &e.elder.name, c);
                    vec![Effect::Open(Popup::Form(f))]
                } else {
                    // No check-in to note yet: a new one, its outcome chosen and its note typed.
                    let f = form::Form::new_mark(view.lang, e.elder.id, &e.elder.name, self.method);
                    vec![Effect::Open(Popup::Form(f))]
                }
            }
            Action::Undo => self.undo(view),
            Action::OpenCard => match self.selected().map(|e| e.elder.id) {
                Some(id) => crate::popups::card::open(view, id, None),
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// What a popup or a save tells the roll call.
    pub fn note(&mut self, note: RollNote, view: &View) -> Vec<Effect> {
        let effects = match note {
            RollNote::Marked {
                checkin,
                name,
                outcome,
                method,
            } => self.after_mark(view, checkin, &name, outcome, method),
            RollNote::Undone(key) => {
                let mut effects = Vec::new();
                if let Err(e) = self.refresh_elder(view.backend, key.elder, view.now) {
                    effects.push(Effect::Fail(e));
                }
                self.resort(Some(key.elder));
                let name = self
                    .selected()
                    .map(|e| e.elder.name.clone())
                    .unwrap_or_default();
                effects.push(Effect::Say(view.lang.fill(T::Undone, &[&clean(&name)])));
                effects
            }
            RollNote::FollowUpCase { elder, name } => {
                let Some(entry) = self.roll.entries.iter().find(|e| e.elder.id == elder) else {
                    return Vec::new();
                };
                let note = entry
                    .attempts
                    .last()
                    .map(|a| a.note.clone())
                    .unwrap_or_default();
                let grid = entry.elder.grid;
                let form =
                    form::Form::new_case(view.lang, view.grids, grid, Some((elder, &name, &note)));
                vec![Effect::Switch(Pane::Cases), Effect::Open(Popup::Form(form))]
            }
            RollNote::Backfill { outcome, method } => {
                crate::popups::backfill::open(self.selected(), self.date, outcome, method, view)
            }
        };
        self.load_history(view.backend);
        effects
    }

    /// On a past day: marks are back-filled with the mark keys, which ask for the time.
    fn say_backfill_keys(&self, view: &View) -> Effect {
        let words = crate::day_words::with_words(view.lang, self.date, view.now.date);
        Effect::Error(view.lang.fill(T::BackfillUseMarkKeys, &[&words]))
    }

    fn mark(&self, view: &View, outcome: Outcome, method: Method) -> Vec<Effect> {
        let Some(e) = self.selected() else {
            return Vec::new();
        };
        let (elder_id, name) = (e.elder.id, e.elder.name.clone());
        if self.date < view.now.date {
            // A past day: ask when it happened, and confirm the day in words, before saving.
            return vec![Effect::Roll(RollNote::Backfill { outcome, method })];
        }
        if outcome == Outcome::Away {
            // Away asks for the expected return day (may stay empty) before saving.
            return vec![Effect::Open(Popup::Form(form::Form::away(
                view.lang, elder_id, &name, method, None,
            )))];
        }
        let checkin = CheckIn {
            elder: elder_id,
            date: self.date,
            seq: 0,
            time: view.now.time,
            by: view.operator.to_owned(),
            method,
            outcome,
            note: String::new(),
            away_until: None,
            contact: None,
            case: None,
        };
        let entry = self.roll.entries.iter().find(|e| e.elder.id == elder_id);
        let command = mark_command(entry, view, checkin);
        vec![Effect::apply(command, move |applied, view| {
            marked(&applied, &name, elder_id, outcome, method, view)
        })]
    }

    /// After a saved mark: refresh in place, remember it for undo, say so, move to the next
    /// elder not yet reached.
    fn after_mark(
        &mut self,
        view: &View,
        key: Option<CheckInKey>,
        name: &str,
        outcome: Outcome,
        method: Method,
    ) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Some(k) = key {
            self.undo.push(k);
            if let Err(e) = self.refresh_elder(view.backend, k.elder, view.now) {
                effects.push(Effect::Fail(e));
            }
        }
        let text = view.lang.fill(
            T::Marked,
            &[
                &clean(name),
                &i18n::outcome(view.lang, outcome),
                &i18n::method(view.lang, method),
            ],
        );
        effects.push(Effect::Say(text));
        // On to the next elder not yet reached, in the order the steward was going down; then
        // the list sorts again, as after a note, and the cursor follows that elder.
        let from = self.cursor.selected;
        let next = self
            .roll
            .next_unreached(from)
            .map(|i| self.roll.entries[i].elder.id)
            .or(key.map(|k| k.elder));
        self.resort(next);
        effects
    }

    fn undo(&mut self, view: &View) -> Vec<Effect> {
        let Some(key) = self.undo.pop() else {
            return vec![Effect::Error(view.lang.t(T::NothingToUndo).to_owned())];
        };
        vec![Effect::apply(
            Command::UndoCheckIn { key },
            move |applied, _| {
                let mut effects = Vec::new();
                if applied.records.iter().any(|r| r.kind == "case") {
                    // The undone step had opened the ladder's case, which it closed: the cases
                    // pane too.
                    effects.push(Effect::Reload);
                }
                effects.push(Effect::Roll(RollNote::Undone(key)));
                effects
            },
        )]
    }
}

/// What follows a saved mark, wherever it was made (a key, the back-fill popup, a form):
/// the roll call moves on, a case the ladder opened is named, and after needs-help a
/// follow-up case is offered.
pub fn marked(
    applied: &Applied,
    name: &str,
    elder: Id,
    outcome: Outcome,
    method: Method,
    view: &View,
) -> Vec<Effect> {
    let mut effects = vec![Effect::Roll(RollNote::Marked {
        checkin: applied.checkin,
        name: name.to_owned(),
        outcome,
        method,
    })];
    effects.extend(said_ladder_case(view, applied));
    if outcome == Outcome::NeedsHelp {
        effects.push(Effect::Open(Popup::follow_up_case(view.lang, elder, name)));
    }
    effects
}

/// A mark goes as a ladder step, as the CLI's `checkin` does: a failed knock made with the mark
/// keys (method visit, `n`) opens the ladder's case in the same change, as `e` would. `entry` is
/// the elder's line in the roll call shown.
pub fn mark_command(entry: Option<&RollEntry>, view: &Ctx, checkin: CheckIn) -> Command {
    let Some(entry) = entry else {
        return Command::CheckIn(checkin);
    };
    let grid = view.grids.iter().find(|g| g.id == entry.elder.grid);
    crate::ladder::step_command(view.lang, &entry.elder, grid, &entry.attempts, checkin)
}

/// Says that `day` has not come yet (`]` past today).
pub fn say_no_future_day(view: &Ctx, day: qiaomen_core::Date) -> Effect {
    let words = crate::day_words::with_words(view.lang, day, view.now.date);
    Effect::Error(view.lang.fill(T::NoFutureDay, &[&words]))
}

/// When a change opened or closed a case (the ladder's last step, or its undo): the cases pane
/// and the counts reload, and a case opened is named.
pub fn said_ladder_case(view: &Ctx, applied: &Applied) -> Vec<Effect> {
    if !applied.records.iter().any(|r| r.kind == "case") {
        return Vec::new();
    }
    let mut effects = vec![Effect::Reload];
    if applied.id != 0 && applied.checkin.is_some() {
        let text = view
            .lang
            .fill(T::LadderStepCase, &[&format!("#{}", applied.id)]);
        effects.push(Effect::Say(text));
    }
    effects
}
