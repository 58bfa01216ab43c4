//! File-system steps that durability and privacy depend on: private directories and files,
//! and the directory fsync that makes a new or renamed file survive a crash.

use std::fs::{DirBuilder, File};
use std::io;
use std::path::Path;

/// Creates `dir` (and its parents) with mode 0700, and makes the new entry durable.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        sync_dir(parent)?;
    }
    Ok(())
}

/// fsync of a directory: a file created in it, or renamed into it, is durable only after this.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Removes the temporary files (`.NAME.tmp`) of snapshots and journal segments that were being
/// written when a process died: both are written whole to such a file, then renamed.
pub fn remove_partial(dir: &Path) -> io::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for e in entries {
        let path = e?.path();
        if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
            n.starts_with('.')
                && Path::new(n)
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("tmp"))
        }) {
            std::fs::remove_file(path)?;
        }
    }
    Ok(())
}

/// Whether `path` can be read or entered by anyone but its owner.
#[cfg(unix)]
pub fn open_to_others(path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)?;
    // A database shared with a group (`init --group`) lets the group pass through the
    // directory to reach the server's socket, and nothing more: that is not open.
    let pass_through = meta.is_dir() && meta.mode() & 0o077 == 0o010;
    Ok(meta.mode() & 0o077 != 0 && !pass_through)
}

#[cfg(not(unix))]
pub fn open_to_others(_path: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Makes `path` private: directories 0700, files 0600, recursively. Entries that belong to
/// another user are reported, not changed.
#[cfg(unix)]
pub fn make_private(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let meta = std::fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Ok(());
    }
    let want = if meta.is_dir() { 0o700 } else { 0o600 };
    if meta.mode() & 0o777 != want {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(want))?;
    }
    if meta.is_dir() {
        for entry in std::fs::read_dir(path)? {
            make_private(&entry?.path())?;
        }
    }
    Ok(())
}

#[cfg(not(unix))]
pub fn make_private(_path: &Path) -> io::Result<()> {
    Ok(())
}
