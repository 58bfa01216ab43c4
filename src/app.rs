//! The App: state, `handle_key` (key → `Action`), `update` (the only place that changes state)
//! and the root layout.
//!
//! ```text
//! ┌ header: community · date weekday · operator · grid filter ─────────────┐
//! │ tabs: 1 网格  2 问候  3 案件                                            │
//! ├ body: the focused pane (list left, detail right) ──────────────────────┤
//! │                                                                        │
//! ├ footer: key hints of the focused pane ─────────────────────────────────┤
//! └ last status message ───────────────────────────────────────────────────┘
//! ```

use qiaomen_core::Reads;
use std::sync::Arc;

use qiaomen_core::model::{Community, Grid, Id, Member};
use qiaomen_core::{Actor, Applied, Command, Now};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::action::Action;
use crate::effect::{Effect, Record};
use crate::i18n::{self, Lang, T};
use crate::keymap;
pub use crate::panes::Pane;
use crate::panes::{
    cases::CasesPane, grids::GridsPane, register::RegisterPane, roll_call::RollCallPane,
    summary::SummaryPane,
};
use crate::popups::{Popup, PopupResult};
use std::sync::mpsc::{Receiver, TryRecvError};

mod rest;

use rest::Rest;

use crate::backend::{Backend, Change};
use crate::view::{Ctx, View};

/// The read-only view a pane or popup gets, borrowed field by field so that a pane's own
/// state can be borrowed mutably beside it.
macro_rules! view {
    ($app:ident) => {
        view!($app, Some(&$app.roll_call.roll))
    };
    ($app:ident, $roll:expr) => {
        View {
            ctx: Ctx {
                lang: $app.lang,
                now: $app.now,
                operator: &$app.operator,
                community: &$app.community,
                grids: &$app.grids,
                members: &$app.members,
                crew_whole: $app.rest.crew_whole,
                grid_filter: $app.grid_filter,
                pane: $app.pane,
                roll_date: $app.roll_call.date,
                roll: $roll,
            },
            backend: &*$app.backend,
        }
    };
}

/// Makes a new connection to the database (see `App::set_reconnect`).
pub type Reconnect = Box<dyn Fn() -> Result<Arc<dyn Backend>, crate::AppError>>;

/// The smallest screen the layout is drawn for; below it a notice is shown instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

pub struct App {
    pub backend: Arc<dyn Backend>,
    /// Changes made by anyone (other TUIs, commands), pushed by the server.
    changes: Option<Receiver<Change>>,
    /// Connects again when the server went away (it starts a new one, which recovers from the
    /// journal); `None` for a backend in this process.
    reconnect: Option<Reconnect>,

    pub lang: Lang,
    pub operator: String,
    pub clock: Box<dyn Fn() -> Now>,
    pub now: Now,
    pub community: Community,
    pub grids: Vec<Grid>,
    pub members: Vec<Member>,
    pub pane: Pane,
    pub grid_filter: Option<Id>,
    pub roll_call: RollCallPane,
    pub cases: CasesPane,
    pub grid_pane: GridsPane,
    pub summary: SummaryPane,
    pub register: RegisterPane,
    /// The hits of the open search popup come from the backend's warm index.
    pub popup: Option<Popup>,
    /// The last status message and whether it reports an error.
    pub status: Option<(String, bool)>,
    pub quit: bool,
    /// Draw without colour (`NO_COLOR`): set from the environment at start, so that drawing
    /// never reads it (see `theme::strip_colour`).
    pub plain: bool,
    /// What the first frame left, read behind the screen (`rest`).
    rest: Rest,
}

/// The roll call's lines read for the first frame: a tall terminal's screen and more (the
/// rest comes behind it, `App::load_rest`).
pub const FIRST_ROWS: u32 = 200;

impl App {
    pub fn new(
        backend: Arc<dyn Backend>,
        lang: Lang,
        operator: String,
        clock: Box<dyn Fn() -> Now>,
    ) -> qiaomen_core::Result<App> {
        let mut app = Self::first_frame(backend, lang, operator, clock)?;
        app.rest.started = true;
        app.read_crew()?;
        app.read_cases()?;
        if app.roll_call.waiting() {
            app.roll_call
                .reload(&*app.backend, app.now, app.grid_filter)?;
        }
        app.roll_call.load_history(&*app.backend);
        Ok(app)
    }

    /// An app holding what its first frame shows: the roll call's first lines and its counts
    /// (`RollHead`), and the grids and members those lines name. The terminal draws it at
    /// once, then calls `load_rest`, which reads every grid and member, the cases and the rest
    /// of the roll call behind the screen (keys move and mark among the first lines
    /// meanwhile; see `rest`).
    pub fn first_frame(
        backend: Arc<dyn Backend>,
        lang: Lang,
        operator: String,
        clock: Box<dyn Fn() -> Now>,
    ) -> qiaomen_core::Result<App> {
        let now = clock();
        // Subscribed before anything is read, so no change falls between the two.
        let changes = backend.subscribe().ok();
        crate::trace::mark("subscribed");
        let community = backend.community()?;
        crate::trace::mark("community");
        let mut app = App {
            grids: Vec::new(),
            members: Vec::new(),
            changes,
            reconnect: None,
            roll_call: RollCallPane::new(now.date),
            cases: CasesPane::default(),
            grid_pane: GridsPane::default(),
            summary: SummaryPane::new(now.date),
            register: RegisterPane::default(),
            backend,
            lang,
            operator,
            clock,
            now,
            community,
            pane: Pane::RollCall,
            grid_filter: None,
            popup: None,
            status: None,
            quit: false,
            rest: Rest::default(),
            plain: false,
        };
        if app.backend.roll_is_warm() {
            app.roll_call
                .reload_head(&*app.backend, app.now, app.grid_filter, FIRST_ROWS)?;
            crate::trace::mark("roll head");
            let crew = rest::crew_of(&*app.backend, &app.roll_call.roll)?;
            app.grids = crew.grids;
            app.members = crew.members;
            crate::trace::mark("the head's grids and members");
        } else {
            // Built here on its first read: behind the first frame (`load_rest`).
            app.roll_call.unread = true;
        }
        Ok(app)
    }

    /// Whether a resident is an elder of the roll shown (its grid, when one is shown); a
    /// failed read counts as one, so the roll is read again.
    fn on_roll(&self, id: Id) -> bool {
        match self.backend.get::<qiaomen_core::model::Resident>(id) {
            Ok(Some(r)) => r.care.is_some() && self.grid_filter.is_none_or(|g| r.grid == g),
            Ok(None) => false,
            Err(_) => true,
        }
    }

    /// Called when no key came within a tick: the clock moves on (a new day at midnight).
    pub fn tick(&mut self) {
        let now = (self.clock)();
        let new_day = now.date != self.now.date;
        // The cutoff passing changes who needs attention, as the header says it passed.
        let cutoff = self.community.cutoff;
        let past_cutoff = !new_day && self.now.time < cutoff && now.time >= cutoff;
        self.now = now;
        if new_day || past_cutoff {
            let _ = self.reload();
            self.refresh_visible();
        }
    }

    pub fn actor(&self) -> Actor {
        Actor {
            operator: self.operator.clone(),
            now: (self.clock)(),
        }
    }

    /// Applies a command durably and reports the outcome in the status line.
    pub fn apply(&mut self, command: Command) -> Option<Applied> {
        match self.save(command) {
            Ok(applied) => Some(applied),
            // `save` has connected again and said so.
            Err(qiaomen_core::Error::ServerGone(_)) => None,
            Err(e) => {
                self.error(&i18n::error(self.lang, &e));
                None
            }
        }
    }

    /// Takes in what others changed since the last look: the roll call and cases are read
    /// again, and the visible pane if it summarises. True when something changed.
    pub fn take_changes(&mut self) -> bool {
        let Some(rx) = &self.changes else {
            return false;
        };
        let mut changed = false;
        let mut everything = false;
        let mut residents: Vec<Id> = Vec::new();
        let mut cases = false;
        let mut gone = false;
        // What the open card checks against; `None` after an import (everything changed).
        let mut touched = Some(Vec::new());
        loop {
            match rx.try_recv() {
                Ok(Change::Applied { records }) => {
                    changed = true;
                    if let Some(t) = &mut touched {
                        t.extend(records.iter().cloned());
                    }
                    residents.extend(
                        records
                            .iter()
                            .filter(|r| r.kind == "resident")
                            .map(|r| r.id),
                    );
                    cases |= records.iter().any(|r| r.kind == "case");
                    everything |= records
                        .iter()
                        .any(|r| r.kind != "resident" && r.kind != "case");
                }
                Ok(Change::Everything) => {
                    changed = true;
                    everything = true;
                    touched = None;
                }
                Ok(Change::Gone) | Err(TryRecvError::Disconnected) => {
                    gone = true;
                    break;
                }
                Err(TryRecvError::Empty) => break,
            }
        }
        if gone {
            self.changes = None;
            self.reconnect_now();
            return true;
        }
        if !changed {
            return false;
        }
        let effects = match &mut self.popup {
            Some(Popup::Card(card)) => card.refresh(&view!(self), touched.as_deref()),
            _ => Vec::new(),
        };
        self.carry_out(effects);
        // A check-in (here or in another window) re-reads that elder's line where it stands,
        // so the list does not jump under the steward's eyes; anything else reads all again.
        // An elder not among the first lines while the rest of the roll is still coming is
        // read again when it has come (`refresh_unseen`), not the whole roll now.
        let partial = self.roll_call.waiting();
        let mut unseen = Vec::new();
        let in_place = !everything
            && residents.iter().all(|&id| {
                if self.roll_call.shows(id) {
                    true
                } else if partial {
                    unseen.push(id);
                    true
                } else {
                    !self.on_roll(id)
                }
            });
        self.rest.unseen_changes.extend(unseen);
        if in_place {
            self.forget();
            residents.sort_unstable();
            residents.dedup();
            let now = self.now;
            for id in residents {
                if self.roll_call.shows(id)
                    && let Err(e) = self.roll_call.refresh_elder(&*self.backend, id, now)
                {
                    self.error(&i18n::error(self.lang, &e));
                }
            }
            // A check-in touches no case: the cases list is read again only for a case (and
            // then the cases still coming from behind the screen are older: not taken).
            if cases {
                self.rest.cases_read = false;
                if let Err(e) = self.read_cases() {
                    self.error(&i18n::error(self.lang, &e));
                }
            }
            self.refresh_visible();
        } else {
            self.changed();
        }
        true
    }

    /// How to connect again when the server goes away.
    pub fn set_reconnect(&mut self, reconnect: Reconnect) {
        self.reconnect = Some(reconnect);
    }

    /// The server went away: a new backend (a new server, recovered from the journal), a new
    /// subscription, and everything read again; or, if that fails, one sentence saying so.
    fn reconnect_now(&mut self) {
        match self.reconnect.as_ref().map(|r| r()) {
            Some(Ok(backend)) => {
                self.changes = backend.subscribe().ok();
                self.backend = backend;
                self.rest.roll_failed = false;
                // The fortnight's reader held a connection to the server that went away.
                if self.roll_call.reads_history_behind() {
                    self.roll_call.read_history_behind(&self.backend);
                }
                self.changed();
                self.error(self.lang.t(T::Reconnected));
            }
            Some(Err(_)) | None => self.error(self.lang.t(T::ServerGone)),
        }
    }

    /// Applies a command; on success the panes that summarise read again when next shown.
    pub fn save(&mut self, command: Command) -> qiaomen_core::Result<Applied> {
        match self.backend.apply(command, &self.actor()) {
            Ok(applied) => {
                self.forget();
                Ok(applied)
            }
            Err(e @ qiaomen_core::Error::ServerGone(_)) => {
                // Whether it was saved before the server went is for the list to show: read
                // it again from the new server rather than guess.
                self.changes = None;
                self.reconnect_now();
                Err(e)
            }
            Err(e) => Err(e),
        }
    }

    /// `l`: the selected elder's (roll call) or case's (cases) history, from the journal.
    fn show_history(&mut self) {
        use qiaomen_core::engine::LogFilter;
        use qiaomen_core::model::RecordRef;
        let (kind, id, title) = match self.pane {
            Pane::RollCall => match self.roll_call.selected() {
                Some(e) => ("resident", e.elder.id, e.elder.name.clone()),
                None => return,
            },
            Pane::Cases => match self.cases.selected() {
                Some(c) => ("case", c.id, format!("{} {}", c.number(), c.title)),
                None => return,
            },
            _ => return,
        };
        let filter = LogFilter {
            record: Some(RecordRef {
                kind: kind.to_owned(),
                id,
            }),
            ..LogFilter::default()
        };
        match self
            .backend
            .query(qiaomen_core::query::Query::Log(filter))
            .and_then(qiaomen_core::query::Answer::log)
        {
            Ok(entries) => {
                self.popup = Some(Popup::History(crate::popups::history::HistoryPopup::new(
                    title, entries,
                )));
            }
            Err(e) => self.error(&i18n::error(self.lang, &e)),
        }
    }

    /// The panes that summarise or hold a whole register read again when next shown.
    fn forget(&mut self) {
        self.grid_pane.forget();
        self.summary.forget();
        self.register.forget();
    }

    /// Something changed (here or elsewhere): read again what is shown.
    pub fn changed(&mut self) {
        self.forget();
        if let (Ok(grids), Ok(members)) = (self.backend.all::<Grid>(), self.backend.all::<Member>())
        {
            self.grids = grids;
            self.members = members;
            self.rest.crew_whole = true;
        }
        if let Err(e) = self.reload() {
            self.error(&i18n::error(self.lang, &e));
        }
        self.refresh_visible();
    }

    pub fn say(&mut self, text: String) {
        self.status = Some((text, false));
    }

    pub fn error(&mut self, text: &str) {
        self.status = Some((text.to_owned(), true));
    }

    /// Key handling in a fixed order: the popup, then the focused pane, then global keys.
    pub fn handle_key(&mut self, key: KeyEvent) {
        // A refused form's values before the key: the reason is checked again if they change.
        let refused = match &self.popup {
            Some(Popup::Form(f)) if f.message.is_some() => Some(f.values()),
            _ => None,
        };
        if self.popup.is_some() {
            // A popup may save, open a form listing the grids, or move the focus.
            self.wait_rest();
        }
        if let Some(popup) = &mut self.popup {
            match popup.handle_key(key) {
                PopupResult::Consumed => {}
                PopupResult::Close => self.popup = self.popup.take().and_then(Popup::back),
                PopupResult::Submit => {
                    if let Some(popup) = self.popup.take() {
                        let view = view!(self);
                        let effects = popup.submit(&view);
                        self.carry_out(effects);
                    }
                }
            }
            if matches!(self.popup, Some(Popup::Search(_))) {
                self.refresh_search();
            }
            if let Some(before) = refused
                && matches!(&self.popup, Some(Popup::Form(f)) if f.message.is_some() && f.values() != before)
                && let Some(Popup::Form(mut form)) = self.popup.take()
            {
                crate::popups::forms::recheck(&view!(self), &mut form);
                self.popup = Some(Popup::Form(form));
            }
            self.refresh_visible();
            return;
        }
        if let Some(action) = keymap::action_for(&key, self.pane) {
            self.update(action);
        }
    }

    pub fn update(&mut self, action: Action) {
        if !self.on_first_lines(action) {
            self.wait_rest();
        }
        self.now = (self.clock)();
        let result = match action {
            Action::Quit => {
                self.quit = true;
                Ok(())
            }
            Action::Help => {
                self.popup = Some(Popup::help(self.pane));
                Ok(())
            }
            Action::History => {
                self.show_history();
                Ok(())
            }
            Action::Search => {
                self.popup = Some(Popup::search());
                self.refresh_search();
                Ok(())
            }
            Action::Focus(p) => {
                if Pane::AVAILABLE.contains(&p) {
                    self.pane = p;
                }
                Ok(())
            }
            Action::NextPane | Action::PrevPane => {
                let all = Pane::AVAILABLE;
                let i = all.iter().position(|p| *p == self.pane).unwrap_or(0);
                let n = all.len();
                self.pane = all[if action == Action::NextPane {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }];
                Ok(())
            }
            Action::CycleGrid => self.cycle_grid(),
            _ => {
                let effects = self.effects_of(action);
                self.carry_out(effects);
                Ok(())
            }
        };
        if let Err(e) = result {
            self.error(&i18n::error(self.lang, &e));
        }
        self.refresh_visible();
    }

    /// Whether an action needs no more than the first frame brought: moving and marking on
    /// the roll call's lines (what the other panes, the popups, the card and the grid filter
    /// need is waited for, `wait_rest`).
    fn on_first_lines(&self, action: Action) -> bool {
        self.pane == Pane::RollCall
            && matches!(
                action,
                Action::Quit
                    | Action::Help
                    | Action::Focus(Pane::RollCall)
                    | Action::Up
                    | Action::Down
                    | Action::PageUp
                    | Action::PageDown
                    | Action::Home
                    | Action::End
                    | Action::PrevDay
                    | Action::NextDay
                    | Action::Today
                    | Action::Mark(_)
                    | Action::MarkVisit
                    | Action::CycleMethod
                    | Action::NoteCheckIn
                    | Action::Undo
            )
    }

    /// Reads what the visible pane shows, if the data changed since it was read. Panes that
    /// summarise (grids, summary) or hold a whole register (4) are only read when shown, so
    /// start-up and a mark in the roll call stay cheap.
    pub fn refresh_visible(&mut self) {
        let result = match self.pane {
            Pane::Grids => self.grid_pane.refresh(&*self.backend, self.now),
            Pane::Summary => self
                .summary
                .refresh(&*self.backend, self.now, self.grid_filter),
            Pane::Register => {
                self.register
                    .refresh(&*self.backend, self.now.date, self.grid_filter)
            }
            Pane::RollCall | Pane::Cases => Ok(()),
        };
        if let Err(e) = result {
            self.error(&i18n::error(self.lang, &e));
        }
    }

    fn cycle_grid(&mut self) -> qiaomen_core::Result<()> {
        let ids: Vec<Id> = self.grids.iter().map(|g| g.id).collect();
        self.grid_filter = match self.grid_filter {
            None => ids.first().copied(),
            Some(g) => ids
                .iter()
                .position(|&x| x == g)
                .and_then(|i| ids.get(i + 1).copied()),
        };
        self.reload()
    }

    /// Re-reads what the roll call and cases show after a change; the panes read only when
    /// shown notice the change themselves (`refresh_visible`).
    pub fn reload(&mut self) -> qiaomen_core::Result<()> {
        self.roll_call
            .reload(&*self.backend, self.now, self.grid_filter)?;
        self.cases
            .reload(&*self.backend, self.grid_filter, self.now.date)?;
        self.rest.cases_read = true;
        Ok(())
    }

    fn refresh_search(&mut self) {
        if let Some(Popup::Search(s)) = &mut self.popup {
            s.results = if s.input.text.trim().is_empty() {
                Vec::new()
            } else {
                match self.backend.find(&s.input.text, self.now.date, 50, false) {
                    Ok(hits) => hits,
                    Err(e) => {
                        let message = i18n::error(self.lang, &e);
                        self.status = Some((message, true));
                        Vec::new()
                    }
                }
            };
            s.selected = s.selected.min(s.results.len().saturating_sub(1));
        }
    }

    /// The focused pane's update: its own state changes, and what it asks for is returned,
    /// not yet carried out (`update` carries it out; a test looks at it).
    pub fn effects_of(&mut self, action: Action) -> Vec<Effect> {
        let view = view!(self, None);
        match self.pane {
            Pane::RollCall => self.roll_call.update(action, &view),
            Pane::Cases => self.cases.update(action, &view),
            Pane::Grids => self.grid_pane.update(action, &view),
            Pane::Summary => self.summary.update(action, &view),
            Pane::Register => self.register.update(action, &view),
        }
    }

    /// Carries out what a pane or popup asked for, in order; what an effect leads to (what
    /// follows a save) is carried out before the effects after it.
    pub fn carry_out(&mut self, effects: Vec<Effect>) {
        let mut queue: std::collections::VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            for more in self.carry_out_one(effect).into_iter().rev() {
                queue.push_front(more);
            }
        }
    }

    fn carry_out_one(&mut self, effect: Effect) -> Vec<Effect> {
        match effect {
            Effect::Apply(command, then) => {
                let outcome = self.save(command);
                return then(outcome, &view!(self));
            }
            Effect::Open(popup) => self.popup = Some(popup),
            Effect::Focus(record) => self.focus(record),
            Effect::Switch(pane) => self.pane = pane,
            Effect::GridFilter(grid) => {
                self.grid_filter = grid;
                if let Err(e) = self.reload() {
                    self.error(&i18n::error(self.lang, &e));
                }
            }
            Effect::Say(text) => self.say(text),
            Effect::Error(text) => self.error(&text),
            Effect::Fail(e) => self.error(&i18n::error(self.lang, &e)),
            Effect::Reload => {
                if let Err(e) = self.reload() {
                    self.error(&i18n::error(self.lang, &e));
                }
            }
            Effect::Changed => self.changed(),
            Effect::Roll(note) => {
                let view = view!(self, None);
                return self.roll_call.note(note, &view);
            }
            Effect::Register(update) => {
                let view = view!(self);
                return update(&mut self.register, &view);
            }
            Effect::Then(then) => return then(&view!(self)),
            Effect::Copy { text, done } => match crate::clipboard::copy(&text) {
                Ok(()) => self.say(done),
                Err(e) => self.error(&self.lang.fill(T::ErrGeneric, &[&e])),
            },
            Effect::Quit => self.quit = true,
        }
        Vec::new()
    }

    /// Brings a record into view in the pane that lists it, and puts that pane in front.
    fn focus(&mut self, record: Record) {
        let shown = match record {
            Record::Elder { id, day } => {
                let read = match day {
                    Some(day) if day != self.roll_call.date => {
                        self.roll_call.date = day;
                        self.roll_call
                            .reload(&*self.backend, self.now, self.grid_filter)
                    }
                    _ => Ok(()),
                };
                self.roll_call.select_elder(Some(id));
                self.roll_call.load_history(&*self.backend);
                self.pane = Pane::RollCall;
                read
            }
            Record::Case(id) => {
                self.cases.reveal(id);
                self.pane = Pane::Cases;
                Ok(())
            }
            Record::Grid(id) => {
                self.grid_pane.reveal(&self.grids, id);
                self.pane = Pane::Grids;
                Ok(())
            }
            Record::Household(id) => {
                self.register.expanded = false;
                self.pane = Pane::Register;
                self.register
                    .reveal_household(&*self.backend, self.now.date, self.grid_filter, id)
            }
            Record::Partner(id) => {
                self.register.expanded = false;
                self.pane = Pane::Register;
                self.register
                    .reveal_partner(&*self.backend, self.now.date, self.grid_filter, id)
            }
            Record::Team(id) => {
                self.register.expanded = false;
                self.pane = Pane::Register;
                self.register
                    .reveal_team(&*self.backend, self.now.date, self.grid_filter, id)
            }
        };
        if let Err(e) = shown {
            self.error(&i18n::error(self.lang, &e));
        }
    }

    /// What a pane's or popup's update sees (for a test, or an effect made outside a key).
    pub fn view(&self) -> View<'_> {
        view!(self)
    }

    /// What drawing sees: the facts of the moment, no database.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            lang: self.lang,
            now: self.now,
            operator: &self.operator,
            community: &self.community,
            grids: &self.grids,
            members: &self.members,
            crew_whole: self.rest.crew_whole,
            grid_filter: self.grid_filter,
            pane: self.pane,
            roll_date: self.roll_call.date,
            roll: Some(&self.roll_call.roll),
        }
    }

    pub fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            crate::chrome::render_too_small(self, frame, area);
            self.finish_frame(frame);
            return;
        }
        let [header, tabs, body, hints, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        crate::chrome::render_header(self, frame, header);
        crate::chrome::render_tabs(self, frame, tabs);
        self.render_body(frame, body);
        crate::chrome::render_hints(self, frame, hints);
        crate::chrome::render_status(self, frame, status);
        if let Some(popup) = &self.popup {
            popup.render(&self.ctx(), frame, body);
        }
        self.finish_frame(frame);
    }

    /// What every frame gets last, whatever was drawn.
    fn finish_frame(&self, frame: &mut Frame) {
        crate::chrome::mend_wide_chars(frame.buffer_mut());
        if self.plain {
            crate::theme::strip_colour(frame.buffer_mut());
        }
    }

    fn render_body(&self, frame: &mut Frame, area: Rect) {
        let ctx = self.ctx();
        match self.pane {
            Pane::RollCall => self.roll_call.render(&ctx, frame, area),
            Pane::Cases => self.cases.render(&ctx, frame, area),
            Pane::Grids => self.grid_pane.render(&ctx, frame, area),
            Pane::Summary => self.summary.render(&ctx, frame, area),
            Pane::Register => self.register.render(&ctx, frame, area),
        }
    }
}
