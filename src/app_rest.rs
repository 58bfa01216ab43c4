//! What the first frame leaves to read, read behind the screen. The first frame holds the roll
//! call's first lines (`Query::RollHead`) and the grids and members those lines name
//! (`crew_of`); a thread of its own, on a connection of its own, then reads every grid and
//! member, the cases and the whole roll call, in that order, and `App::load_rest` takes each
//! as it comes. Keys on the roll call's lines work meanwhile; a key that needs what is still
//! coming (another pane, a popup, the grid filter) waits for it (`App::wait_rest`).

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

use qiaomen_core::model::{Grid, Id, Member};
use qiaomen_core::rollcall::Roll;
use qiaomen_core::{Date, Now, Result};

use crate::backend::Backend;
use crate::ladder::Crew;
use crate::panes::cases::CaseLists;

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
