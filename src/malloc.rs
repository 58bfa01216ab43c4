//! The allocator of a process that opens a large store itself (`--no-server`).
//!
//! Opening a district's store and reading its roll call touches some 120 MB of fresh heap:
//! sled's page table, then the command's own records. With glibc's defaults every 4 KiB of it
//! is a page fault, and on the VM it was measured on the faults were a third of the command's
//! time. Grown 64 MiB at a time, in one arena, and marked for transparent huge pages, the same
//! heap is faulted in 2 MiB at a time: the district's `--no-server roll` went from 350 to
//! 220 ms and `summary` from 490 to 390 ms (benches/README.md, "the allocator of a one-shot
//! command"). glibc reads these settings only as a program starts, so such a process starts
//! itself again once with them, before anything else runs.
//!
//! Not for small stores (the larger pages are memory a short command never needed), not where
//! the kernel gives no huge pages, and never over the user's own settings. The server has its
//! own (`service::spawn::SERVER_MALLOC`): a long-lived process gives memory back instead.

use std::ffi::OsString;
use std::path::Path;

/// What a one-shot process on a large store runs with (`GLIBC_TUNABLES`): huge pages where
/// the kernel gives them on request, the heap grown and kept 64 MiB at a time, and one arena
/// (sled's open runs in a thread of its own, which would otherwise fault in an arena of its
/// own too).
pub const ONE_SHOT_TUNABLES: &str =
    "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864:glibc.malloc.arena_max=1";

/// A store whose data file is at least this large is worth the restart (a subdistrict's is
/// about 185 MB; the demo's under 1 MB).
pub const LARGE_STORE_BYTES: u64 = 64 << 20;

/// The variables by which a user sets glibc's allocator: when any is set, theirs stands.
const USER_SETTINGS: [&str; 4] = [
    "GLIBC_TUNABLES",
    "MALLOC_ARENA_MAX",
    "MALLOC_TOP_PAD_",
    "MALLOC_MMAP_THRESHOLD_",
];

/// Whether a process should start again with `ONE_SHOT_TUNABLES`: it opens the store itself
/// (`no_server`), the store's data file is large, the kernel's transparent huge pages
/// (`thp`, the text of /sys/kernel/mm/transparent_hugepage/enabled) are not `[never]`, and
/// the user set none of glibc's allocator variables (`var`).
pub fn worth_restarting(
    no_server: bool,
    data_len: u64,
    thp: &str,
    var: impl Fn(&str) -> Option<OsString>,
) -> bool {
    no_server
        && data_len >= LARGE_STORE_BYTES
        && (thp.contains("[always]") || thp.contains("[madvise]"))
        && USER_SETTINGS.iter().all(|name| var(name).is_none())
}

/// Starts this program again, with the same arguments, under `ONE_SHOT_TUNABLES` when
/// `worth_restarting` says so (`store` is the database's directory). Returns only when it
/// did not (or could not: the program's file replaced or /proc absent), and the process goes
/// on as it is.
pub fn restart_if_worth(args: &[OsString], no_server: bool, store: &Path) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::os::unix::process::CommandExt;
        if !no_server {
            return;
        }
        let data_len = std::fs::metadata(store.join("store").join("db")).map_or(0, |m| m.len());
        let thp = std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled")
            .unwrap_or_default();
        if !worth_restarting(no_server, data_len, &thp, |name| std::env::var_os(name)) {
            return;
        }
        let Some((arg0, rest)) = args.split_first() else {
            return;
        };
        // `exec` returns only on failure; the process then goes on with glibc's defaults.
        let _ = std::process::Command::new("/proc/self/exe")
            .arg0(arg0)
            .args(rest)
            .env("GLIBC_TUNABLES", ONE_SHOT_TUNABLES)
            .exec();
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = (args, no_server, store);
}

#[cfg(test)]
mod tests {
    use super::*;

    const MADVISE: &str = "always [madvise] never\n";

    fn none(_: &str) -> Option<OsString> {
        None
    }

    #[test]
    fn a_large_store_opened_here_restarts_where_huge_pages_are_given() {
        assert!(worth_restarting(true, LARGE_STORE_BYTES, MADVISE, none));
        assert!(worth_restarting(
            true,
            500 << 20,
            "[always] madvise never",
            none
        ));
    }

    #[test]
    fn through_the_server_a_small_store_or_no_huge_pages_it_does_not() {
        assert!(!worth_restarting(false, 500 << 20, MADVISE, none));
        assert!(!worth_restarting(
            true,
            LARGE_STORE_BYTES - 1,
            MADVISE,
            none
        ));
        assert!(!worth_restarting(
            true,
            500 << 20,
            "always madvise [never]",
            none
        ));
        assert!(!worth_restarting(true, 500 << 20, "", none));
    }

    #[test]
    fn the_users_own_allocator_settings_stand() {
        for name in USER_SETTINGS {
            let set = |v: &str| (v == name).then(|| OsString::from("1"));
            assert!(!worth_restarting(true, 500 << 20, MADVISE, set), "{name}");
        }
    }

    #[test]
    fn the_restarted_process_does_not_restart_again() {
        // The restart sets GLIBC_TUNABLES, one of the user's settings as far as the new
        // process can tell: it goes on.
        let restarted =
            |v: &str| (v == "GLIBC_TUNABLES").then(|| OsString::from(ONE_SHOT_TUNABLES));
        assert!(!worth_restarting(true, 500 << 20, MADVISE, restarted));
    }
}
