//! Joining a scoped thread of a read done in parts (`store::parts`, the summary's figures).

use std::thread::ScopedJoinHandle;

/// What the thread returned. The work of these threads returns its errors; should one panic
/// all the same, the panic goes on in the joining thread, as it would have without the thread.
pub(crate) fn joined<T>(handle: ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
