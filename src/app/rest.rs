//! What the first frame leaves to read, read behind the screen. The first frame holds the roll
//! call's first lines (`Query::RollHead`) and the grids and members those lines name
//! (`crew_of`); a thread of its own, on a connection of its own, then reads every grid and
//! member, the cases and the whole roll call, in that order, and `App::load_rest` takes each
//! as it comes. Keys on the roll call's lines work meanwhile; a key that needs what is still
//! coming (another pane, a popup, the grid filter) waits for it (`App::wait_rest`).

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use qiaomen_core::Reads;
use qiaomen_core::model::{Grid, Id, Member};
use qiaomen_core::rollcall::Roll;
use qiaomen_core::{Date, Now, Result};

use super::App;
use crate::backend::Backend;
use crate::i18n;
use crate::ladder::Crew;
use crate::panes::cases::CaseLists;

/// What the first frame left and how far reading it has come.
#[derive(Default)]
pub(super) struct Rest {
    /// `grids` and `members` are all of them (else those the roll call's first lines name,
    /// and the rest is read behind the screen: `load_rest`).
    pub(super) crew_whole: bool,
    /// The cases pane holds the cases read for the grid filter shown.
    pub(super) cases_read: bool,
    /// What the first frame left is being read, or was (`load_rest`).
    pub(super) started: bool,
    /// Reading the whole roll call in place failed (its error was shown): not tried again at
    /// every turn of the loop, only after reconnecting.
    pub(super) roll_failed: bool,
    /// What is read behind the screen, as it comes.
    pub(super) behind: Option<Receiver<Arrived>>,
    /// Elders changed by others while only the roll call's first lines were here, not among
    /// them: their lines are read again when the whole roll has come.
    pub(super) unseen_changes: Vec<Id>,
}

/// What is to be read behind the screen.
#[derive(Clone, Copy, Debug, Default)]
pub struct Wanted {
    /// Every grid and member.
    pub crew: bool,
    /// The cases of a grid (or all) as on a day.
    pub cases: Option<(Option<Id>, Date)>,
    /// The whole roll call of a day at a time, of a grid (or all).
    pub roll: Option<(Date, Now, Option<Id>)>,
    /// The roll call before the rest: the first frame has none of its lines.
    pub roll_first: bool,
}

/// One part of what was wanted, as read.
pub enum Arrived {
    Crew(Result<Crew>),
    Cases {
        grid: Option<Id>,
        lists: Result<CaseLists>,
    },
    Roll(Result<Roll>),
}

/// Starts reading `wanted` in a thread; `None` when no thread could be started (the caller
/// reads here instead).
pub fn start(backend: &Arc<dyn Backend>, wanted: Wanted) -> Option<Receiver<Arrived>> {
    let backend = Arc::clone(backend);
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("rest".into())
        .spawn(move || {
            let reader = backend.another().unwrap_or(backend);
            let roll = || {
                wanted
                    .roll
                    .map(|(date, now, grid)| Arrived::Roll(reader.roll(date, now, grid)))
            };
            // The grids and members first, always: a mark taken as soon as the roll has come
            // names its grid (a ladder's case title), and reading them is cheap.
            let mut parts: Vec<Box<dyn FnOnce() -> Option<Arrived>>> = Vec::new();
            parts.push(Box::new(|| {
                wanted.crew.then(|| Arrived::Crew(Crew::read(&*reader)))
            }));
            if wanted.roll_first {
                parts.push(Box::new(roll));
            }
            parts.push(Box::new(|| {
                wanted.cases.map(|(grid, today)| Arrived::Cases {
                    grid,
                    lists: CaseLists::read(&*reader, grid, today),
                })
            }));
            if !wanted.roll_first {
                parts.push(Box::new(roll));
            }
            for part in parts {
                // A send fails when the app has stopped waiting (it quit): nothing more to read.
                if let Some(arrived) = part()
                    && tx.send(arrived).is_err()
                {
                    return;
                }
            }
        })
        .ok()?;
    Some(rx)
}

/// The grids and members the lines of `roll` name: each elder's grid, its stewards and the
/// elder's callers (a caring neighbour among them too). The workers a ladder's last step
/// names are among all members: the roll call waits for those (`Ctx::crew_whole`).
pub fn crew_of(backend: &dyn Backend, roll: &Roll) -> Result<Crew> {
    let mut grids: Vec<Id> = roll.entries.iter().map(|e| e.elder.grid).collect();
    grids.sort_unstable();
    grids.dedup();
    let grids = backend.get_many::<Grid>(grids)?;
    let mut members: Vec<Id> = roll
        .entries
        .iter()
        .filter_map(|e| e.elder.care.as_ref())
        .flat_map(|c| c.callers.iter().copied())
        .chain(grids.iter().flat_map(|g| g.stewards.iter().copied()))
        .collect();
    members.sort_unstable();
    members.dedup();
    Ok(Crew {
        members: backend.get_many::<Member>(members)?,
        grids,
    })
}

impl App {
    /// Starts reading what `first_frame` left, behind the screen (once), and takes what has
    /// come of it. A failure is shown in the status line, and what failed is read here.
    pub fn load_rest(&mut self) {
        if !self.rest.started {
            self.rest.started = true;
            let wanted = Wanted {
                crew: !self.rest.crew_whole,
                cases: (!self.rest.cases_read).then_some((self.grid_filter, self.now.date)),
                roll: self.roll_call.waiting().then_some((
                    self.roll_call.date,
                    self.now,
                    self.grid_filter,
                )),
                roll_first: self.roll_call.unread,
            };
            self.rest.behind = start(&self.backend, wanted);
        }
        self.take_behind(false);
        // The selected elder's fortnight, which the first frame did not wait for.
        self.roll_call.take_history();
        self.roll_call.load_history(&*self.backend);
    }

    /// Whether something is still being read behind the screen (the loop looks again soon).
    pub fn loading(&self) -> bool {
        self.rest.behind.is_some() || self.roll_call.history_pending()
    }

    /// Waits for every grid and member and the cases, for a key that needs them.
    pub fn wait_rest(&mut self) {
        if self.rest.crew_whole && self.rest.cases_read {
            return;
        }
        if !self.rest.started {
            self.load_rest();
        }
        self.take_behind(true);
    }

    /// Takes what has come from behind the screen; with `wait`, waits until the grids,
    /// members and cases are here. When the reader has gone (done, or failed to start), what
    /// is still missing is read here.
    pub(super) fn take_behind(&mut self, wait: bool) {
        while let Some(rx) = &self.rest.behind {
            let next = if wait && !(self.rest.crew_whole && self.rest.cases_read) {
                rx.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                rx.try_recv()
            };
            match next {
                Ok(arrived) => self.arrive(arrived),
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => self.rest.behind = None,
            }
        }
        if self.rest.started {
            self.read_missing();
        }
    }

    pub(super) fn arrive(&mut self, arrived: Arrived) {
        match arrived {
            // Read again here meanwhile (a change): what came is older.
            Arrived::Crew(_) if self.rest.crew_whole => {}
            Arrived::Crew(Ok(crew)) => {
                self.grids = crew.grids;
                self.members = crew.members;
                self.rest.crew_whole = true;
            }
            Arrived::Cases { grid, lists } if !self.rest.cases_read && grid == self.grid_filter => {
                match lists {
                    Ok(lists) => {
                        self.cases.take(lists);
                        self.rest.cases_read = true;
                    }
                    Err(e) => self.error(&i18n::error(self.lang, &e)),
                }
            }
            Arrived::Cases { .. } => {}
            Arrived::Roll(Ok(roll)) => self.take_roll(roll),
            Arrived::Crew(Err(e)) | Arrived::Roll(Err(e)) => {
                self.error(&i18n::error(self.lang, &e));
            }
        }
    }

    /// The whole roll call read behind the screen: in place of the first lines (see
    /// `RollCallPane::fill`), with the lines of elders others changed meanwhile read again.
    pub fn take_roll(&mut self, roll: qiaomen_core::rollcall::Roll) {
        self.roll_call.fill(roll);
        self.roll_call.load_history(&*self.backend);
        self.refresh_unseen();
    }

    /// Reads here what did not come from behind the screen (a failed read, or no thread).
    pub(super) fn read_missing(&mut self) {
        let mut result = self.read_crew().and_then(|()| self.read_cases());
        if result.is_ok() && self.roll_call.waiting() && !self.rest.roll_failed {
            result = self
                .roll_call
                .reload(&*self.backend, self.now, self.grid_filter);
            self.rest.roll_failed = result.is_err();
        }
        if let Err(e) = result {
            self.error(&i18n::error(self.lang, &e));
            // Shown as they are rather than asked for again at every turn of the loop.
            self.rest.crew_whole = true;
            self.rest.cases_read = true;
        }
        self.refresh_unseen();
    }

    pub(super) fn read_crew(&mut self) -> qiaomen_core::Result<()> {
        if !self.rest.crew_whole {
            self.grids = self.backend.all::<Grid>()?;
            self.members = self.backend.all::<Member>()?;
            self.rest.crew_whole = true;
        }
        Ok(())
    }

    pub(super) fn read_cases(&mut self) -> qiaomen_core::Result<()> {
        if !self.rest.cases_read {
            self.cases
                .reload(&*self.backend, self.grid_filter, self.now.date)?;
            self.rest.cases_read = true;
        }
        Ok(())
    }

    /// The lines of elders others changed while the roll call had only its first lines, now
    /// that it has all of them; an elder the roll did not have (a care plan new since) reads
    /// the roll again.
    pub(super) fn refresh_unseen(&mut self) {
        if self.roll_call.waiting() || self.rest.unseen_changes.is_empty() {
            return;
        }
        let mut ids = std::mem::take(&mut self.rest.unseen_changes);
        ids.sort_unstable();
        ids.dedup();
        let mut result = Ok(());
        for id in ids {
            result = if self.roll_call.shows(id) {
                self.roll_call.refresh_elder(&*self.backend, id, self.now)
            } else if self.on_roll(id) {
                self.roll_call
                    .reload(&*self.backend, self.now, self.grid_filter)
            } else {
                Ok(())
            };
            if result.is_err() {
                break;
            }
        }
        if let Err(e) = result {
            self.error(&i18n::error(self.lang, &e));
        }
    }
}
