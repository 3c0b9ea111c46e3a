//! The writer's locks. `logs/<station>.lock` is the name tag: it holds the
//! pid of the console that has the station open, for the message that
//! refuses a second one, and its advisory lock tells a crashed console's
//! leftover from a live one. `.logs.<station>.lock` beside `logs/` is the
//! same kind of file outside it: deleting, emptying or moving `logs/` while a
//! console runs leaves it held, so a second console is still refused. The
//! journal's own lock (see `journal::take`) refuses one too.

use std::fs::{self, File, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::fsutil::private_options;
use crate::i18n::Msg;
use crate::i18n::{FileMsg, StoreMsg};

/// A held station lock; dropping it releases the lock and removes the file.
#[derive(Debug)]
pub struct StationLock {
    path: PathBuf,
    file: File,
}

/// The outcome of taking a lock that a crashed console had left behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TookOver {
    pub pid: String,
}

impl StationLock {
    /// Takes the lock of `station` at `path`. A lock held by a live console is
    /// refused; a lock file whose process is gone is taken over and reported.
    pub fn acquire(path: &Path, station: &str) -> Result<(StationLock, Option<TookOver>), Msg> {
        let cannot = |err: io::Error| {
            Msg::Files(FileMsg::CannotWrite { path: path.display().to_string(), reason: err.to_string() })
        };
        loop {
            let mut options = private_options();
            options.read(true).write(true).create(true).truncate(false);
            let mut file = super::fsutil::open_no_follow(&options, path).map_err(cannot)?;
            let mut previous = String::new();
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let _ = file.read_to_string(&mut previous);
                    return Err(Msg::Store(StoreMsg::StationLocked {
                        station: station.to_string(),
                        pid: holder(&previous),
                    }));
                }
                Err(TryLockError::Error(err)) => return Err(cannot(err)),
            }
            // The file may have been removed by its previous holder between our
            // open and our lock; then the lock protects nothing and we start over.
            if !super::fsutil::same_file(&file, path) {
                continue;
            }
            file.read_to_string(&mut previous).map_err(cannot)?;
            file.set_len(0).map_err(cannot)?;
            file.seek(SeekFrom::Start(0)).map_err(cannot)?;
            writeln!(file, "{}", std::process::id()).map_err(cannot)?;
            file.sync_all().map_err(cannot)?;
            let took_over = (!previous.trim().is_empty()).then(|| TookOver { pid: holder(&previous) });
            return Ok((StationLock { path: path.to_path_buf(), file }, took_over));
        }
    }
}

impl StationLock {
    /// Whether the file this lock holds is still the one at its path: a lock
    /// file deleted (or replaced by another console's) proves nothing any more.
    pub fn is_at_path(&self) -> bool {
        super::fsutil::same_file(&self.file, &self.path)
    }
}

impl Drop for StationLock {
    fn drop(&mut self) {
        // Only our own file: one put there since is another console's lock.
        if self.is_at_path() {
            let _ = fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

/// Whether a console holds the lock at `path` right now (for `project`, which
/// offers the station being run). Takes nothing: a lock file left by a crash
/// is not held, and a held one refuses even a shared lock.
pub fn is_held(path: &Path) -> bool {
    let mut options = private_options();
    options.read(true);
    match super::fsutil::open_no_follow(&options, path) {
        Ok(file) => matches!(file.try_lock_shared(), Err(TryLockError::WouldBlock)),
        Err(_) => false,
    }
}

/// The process named in the lock file at `path`, or `?`: for the message
/// that refuses a second console, which learns of the first from its journal lock.
pub fn holder_of(path: &Path) -> String {
    holder(&String::from_utf8_lossy(&super::fsutil::read_no_follow(path).unwrap_or_default()))
}

fn holder(content: &str) -> String {
    let pid = content.trim();
    if pid.is_empty() { "?".to_string() } else { pid.to_string() }
}
