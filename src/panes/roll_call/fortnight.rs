//! The selected elder's last 14 days, read behind the screen in the terminal: at the district
//! one elder's fortnight costs the server tens of milliseconds (14 packed days looked through),
//! which neither the first frame nor a key moving the selection should wait for. A thread of
//! its own, on a connection of its own, reads the latest elder asked for (earlier asks that
//! it has not started are skipped); the strip says 读取中… until that elder's days have come.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use qiaomen_core::Date;
use qiaomen_core::model::{CheckIn, Id};

use crate::backend::Backend;

/// One elder's fortnight up to a day, as read.
pub type Fortnight = (Id, Date, Vec<CheckIn>);

pub struct Reader {
    ask: Sender<(Id, Date)>,
    got: Receiver<Fortnight>,
}

impl Reader {
    /// Starts the reader's thread; `None` if it could not start (the pane reads in place).
    pub fn start(backend: &Arc<dyn Backend>) -> Option<Reader> {
        let backend = Arc::clone(backend);
        let (ask, asked) = mpsc::channel::<(Id, Date)>();
        let (tell, got) = mpsc::channel();
        std::thread::Builder::new()
            .name("fortnight".into())
            .spawn(move || {
                let reader = backend.another().unwrap_or(backend);
                while let Ok(mut wanted) = asked.recv() {
                    while let Ok(later) = asked.try_recv() {
                        wanted = later;
                    }
                    let (elder, day) = wanted;
                    // A failed read (the server went away) ends the thread: the pane then
                    // reads in place, through whatever backend the app has by then, rather
                    // than showing a fortnight without calls.
                    let Ok(list) = reader.checkins_of(elder, day.add_days(-13), day) else {
                        return;
                    };
                    if tell.send((elder, day, list)).is_err() {
                        return;
                    }
                }
            })
            .ok()?;
        Some(Reader { ask, got })
    }

    /// Asks for an elder's fortnight up to `day`; false when the thread has gone.
    pub fn ask(&self, elder: Id, day: Date) -> bool {
        self.ask.send((elder, day)).is_ok()
    }

    /// What has come since the last look, oldest first; `None` once the thread has ended
    /// (a read failed) and everything it sent was taken.
    pub fn take(&self) -> Option<Vec<Fortnight>> {
        let mut came = Vec::new();
        loop {
            match self.got.try_recv() {
                Ok(f) => came.push(f),
                Err(mpsc::TryRecvError::Disconnected) if came.is_empty() => return None,
                Err(_) => return Some(came),
            }
        }
    }
}
