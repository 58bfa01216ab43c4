//! Where the server listens: `DIR/qiaomen.sock`, private to its user.
//!
//! A Unix socket's path holds at most 107 bytes. For a database whose path is longer, both
//! ends reach the same socket through `/proc/self/fd/N/qiaomen.sock`, N being a descriptor of
//! the database directory that they keep open (Linux resolves the descriptor's link for
//! `bind` and `connect` alike), so no one has to change directory.

use std::io;
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

use rustix::fs::{Mode, OFlags};

/// The socket's name inside the database directory.
pub const SOCKET_FILE: &str = "qiaomen.sock";
/// The server's process id, while it runs.
pub const PID_FILE: &str = "server.pid";
/// The background server's log.
pub const LOG_FILE: &str = "server.log";

/// The longest path `bind` and `connect` take (`sun_path` is 108 bytes with its NUL).
pub const MAX_SOCKET_PATH: usize = 107;

/// The group a database directory is shared with: its group, when the group may pass through
/// (mode 0710) and nothing more.
pub fn shared_group(dir: &Path) -> io::Result<Option<u32>> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(dir)?;
    Ok((meta.mode() & 0o077 == 0o010).then(|| meta.gid()))
}

/// The path to give `bind` and `connect`, and the directory descriptor it may go through.
#[derive(Debug)]
pub struct SocketPath {
    path: PathBuf,
    /// The real place of the socket, for removing it.
    file: PathBuf,
    _dir: Option<OwnedFd>,
}

impl SocketPath {
    pub fn of(dir: &Path) -> io::Result<SocketPath> {
        let file = dir.join(SOCKET_FILE);
        if file.as_os_str().as_bytes().len() <= MAX_SOCKET_PATH {
            return Ok(SocketPath {
                path: file.clone(),
                file,
                _dir: None,
            });
        }
        let fd = rustix::fs::open(
            dir,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        let path = PathBuf::from(format!("/proc/self/fd/{}/{SOCKET_FILE}", fd.as_raw_fd()));
        Ok(SocketPath {
            path,
            file,
            _dir: Some(fd),
        })
    }

    /// The path to bind and connect to (short enough either way).
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn connect(&self) -> io::Result<UnixStream> {
        UnixStream::connect(&self.path)
    }

    /// Binds the socket, mode 0600. A socket left by a server that was killed (nobody
    /// answers on it) is removed first; one that answers belongs to a live server:
    /// `AddrInUse`.
    pub fn bind(&self) -> io::Result<UnixListener> {
        let listener = match UnixListener::bind(&self.path) {
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
                match UnixStream::connect(&self.path) {
                    Err(c) if c.kind() == io::ErrorKind::ConnectionRefused => {
                        std::fs::remove_file(&self.file)?;
                        UnixListener::bind(&self.path)?
                    }
                    _ => return Err(e),
                }
            }
            other => other?,
        };
        // A database shared with a group (`init --group`: the directory is 0710, its group may
        // only pass through) lets that group reach the socket; otherwise it is the owner's.
        let dir = self.file.parent().unwrap_or(Path::new("."));
        let shared = shared_group(dir)?;
        let mode = if shared.is_some() { 0o660 } else { 0o600 };
        std::fs::set_permissions(&self.file, std::fs::Permissions::from_mode(mode))?;
        if let Some(gid) = shared {
            std::os::unix::fs::chown(&self.file, None, Some(gid))?;
        }
        Ok(listener)
    }

    /// Removes the socket (the server, at exit).
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn a_socket_in_a_directory_of_200_characters_binds_and_connects() {
        let t = tempfile::tempdir().unwrap();
        let mut dir = t.path().to_owned();
        while dir.as_os_str().len() < 200 {
            dir.push("abcdefghijklmnopqrstuvwxyz");
        }
        std::fs::create_dir_all(&dir).unwrap();
        let s = SocketPath::of(&dir).unwrap();
        assert!(s.path().as_os_str().len() <= MAX_SOCKET_PATH);
        let listener = s.bind().unwrap();
        assert!(dir.join(SOCKET_FILE).exists());
        let other = SocketPath::of(&dir).unwrap();
        let mut client = other.connect().unwrap();
        let (mut server, _) = listener.accept().unwrap();
        client.write_all(b"hi").unwrap();
        let mut got = [0; 2];
        server.read_exact(&mut got).unwrap();
        assert_eq!(&got, b"hi");
        let mode = std::fs::metadata(dir.join(SOCKET_FILE))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_stale_socket_is_replaced_and_a_live_one_is_not() {
        let t = tempfile::tempdir().unwrap();
        let s = SocketPath::of(t.path()).unwrap();
        let first = s.bind().unwrap();
        assert_eq!(
            s.bind().unwrap_err().kind(),
            io::ErrorKind::AddrInUse,
            "a live server keeps its socket"
        );
        drop(first);
        let _second = s.bind().unwrap();
    }
}
