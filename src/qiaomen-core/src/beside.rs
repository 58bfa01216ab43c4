//! Work done on a second thread beside the calling one, within a scope (the elders read in
//! parts, the summary's figures): joined like a thread, done on the calling thread instead
//! when no thread can be had, so that a process at its limit of threads still answers.

use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{Scope, ScopedJoinHandle};

/// Work started by `beside`.
pub(crate) enum Beside<'scope, T> {
    /// The thread returns the work's result (`None` only if the work was not there to take,
    /// which cannot be: it is taken once, by whichever of the two ran it).
    Thread(ScopedJoinHandle<'scope, Option<T>>),
    /// No thread could be started: the work was done on the calling thread.
    Done(T),
}

/// Starts `work` on a new thread of the scope `s`; when the system refuses one, does it here.
pub(crate) fn beside<'scope, T: Send + 'scope>(
    s: &'scope Scope<'scope, '_>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> Beside<'scope, T> {
    beside_with(std::thread::Builder::new(), s, work)
}

/// `beside`, with the thread made by `builder`.
fn beside_with<'scope, T: Send + 'scope>(
    builder: std::thread::Builder,
    s: &'scope Scope<'scope, '_>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> Beside<'scope, T> {
    // Held apart from the thread's closure, so that a refused spawn (which drops the closure)
    // leaves the work to be done here.
    let held = Arc::new(Mutex::new(Some(work)));
    let theirs = Arc::clone(&held);
    let started = builder.spawn_scoped(s, move || {
        let work = theirs.lock().unwrap_or_else(PoisonError::into_inner).take();
        work.map(|w| w())
    });
    if let Ok(handle) = started {
        return Beside::Thread(handle);
    }
    let work = held.lock().unwrap_or_else(PoisonError::into_inner).take();
    match work {
        Some(w) => Beside::Done(w()),
        None => unreachable!("the work of a thread that did not start was taken"),
    }
}

impl<T> Beside<'_, T> {
    /// What the work returned. The work of these threads returns its errors; should one panic
    /// all the same, the panic goes on in the joining thread, as it would have without it.
    pub(crate) fn joined(self) -> T {
        match self {
            Beside::Thread(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                .unwrap_or_else(|| unreachable!("a started thread found its work taken")),
            Beside::Done(value) => value,
        }
    }
}

/// How many threads this process can run at once, asked once (the system reads its control
/// groups' limits to answer).
pub(crate) fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, std::num::NonZero::get))
}

/// `items` cut in two halves when there are at least `min` of them and two cores to work
/// them (a district's roll call laid out: 20,000 rows on the calling thread alone took a
/// fifth of the command), else whole.
pub fn halves<T>(items: &[T], min: usize) -> Vec<&[T]> {
    if items.len() < min.max(2) || cores() < 2 {
        return vec![items];
    }
    let (first, second) = items.split_at(items.len() / 2);
    vec![first, second]
}

/// `work` of each of `items`, the first on the calling thread and each other on a thread
/// beside it (`beside`), in the order given.
pub fn each_beside<I: Send, R: Send>(items: Vec<I>, work: impl Fn(I) -> R + Sync) -> Vec<R> {
    let mut items = items.into_iter();
    let Some(first) = items.next() else {
        return Vec::new();
    };
    let work = &work;
    std::thread::scope(|s| {
        let others: Vec<_> = items.map(|i| beside(s, move || work(i))).collect();
        let mut out = Vec::with_capacity(others.len() + 1);
        out.push(work(first));
        out.extend(others.into_iter().map(Beside::joined));
        out
    })
}

/// The vectors one after another, in the first one grown in place (a large one by the
/// system's remapping, not copied).
pub fn concat<T>(parts: Vec<Vec<T>>) -> Vec<T> {
    let mut parts = parts.into_iter();
    let mut out = parts.next().unwrap_or_default();
    out.reserve(parts.as_slice().iter().map(Vec::len).sum());
    for part in parts {
        out.extend(part);
    }
    out
}

/// Drops `value` on a thread of its own, not waited for: a district's summary let go of
/// 20,000 residents and the records of its day (about 8 ms) before it could answer, and a
/// one-shot command does not need the memory back at all. Dropped here when no thread can be
/// had.
pub fn drop_behind<T: Send + 'static>(value: T) {
    let held = Arc::new(Mutex::new(Some(value)));
    let theirs = Arc::clone(&held);
    let started = std::thread::Builder::new()
        .name("qiaomen-drop".into())
        .spawn(move || drop(theirs.lock().unwrap_or_else(PoisonError::into_inner).take()));
    if started.is_err() {
        drop(held.lock().unwrap_or_else(PoisonError::into_inner).take());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_dropped_behind_is_dropped() {
        struct Told(std::sync::mpsc::Sender<std::thread::ThreadId>);
        impl Drop for Told {
            fn drop(&mut self) {
                let _ = self.0.send(std::thread::current().id());
            }
        }
        let (tx, rx) = std::sync::mpsc::channel();
        drop_behind(Told(tx));
        let by = rx
            .recv_timeout(std::time::Duration::from_secs(30))
            .expect("dropped");
        assert_ne!(by, std::thread::current().id());
    }

    #[test]
    fn halves_worked_beside_come_back_in_order() {
        let items: Vec<u32> = (0..10_001).collect();
        let parts = halves(&items, 100);
        assert_eq!(parts.len(), if cores() > 1 { 2 } else { 1 });
        let doubled = concat(each_beside(parts, |p| p.iter().map(|i| i * 2).collect()));
        assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(halves(&items[..99], 100), vec![&items[..99]]);
        assert_eq!(halves::<u32>(&[], 0), vec![&[] as &[u32]]);
        assert!(each_beside(Vec::<u8>::new(), |i| i).is_empty());
        assert!(concat(Vec::<Vec<u8>>::new()).is_empty());
    }

    #[test]
    fn the_work_runs_on_a_thread_of_its_own() {
        let here = std::thread::current().id();
        let (value, there) =
            std::thread::scope(|s| beside(s, || (6 * 7, std::thread::current().id())).joined());
        assert_eq!(value, 42);
        assert_ne!(there, here);
    }

    #[test]
    fn refused_a_thread_the_work_is_done_here() {
        // A stack of 1 PiB, past any process's address space: no system can map it, whatever
        // its overcommit, and the thread is refused.
        let huge = std::thread::Builder::new().stack_size(1 << 50);
        let here = std::thread::current().id();
        let borrowed = [1, 2, 3];
        let outcome = std::thread::scope(|s| {
            let b = beside_with(huge, s, || {
                (borrowed.iter().sum::<i32>(), std::thread::current().id())
            });
            let done_here = matches!(b, Beside::Done(_));
            (done_here, b.joined())
        });
        assert!(outcome.0, "the thread was not refused");
        assert_eq!(outcome.1, (6, here));
    }

    #[test]
    fn a_panic_beside_goes_on_in_the_joining_thread() {
        let caught = std::panic::catch_unwind(|| {
            std::thread::scope(|s| beside(s, || -> i32 { panic!("beside") }).joined())
        });
        assert!(caught.is_err());
    }
}
