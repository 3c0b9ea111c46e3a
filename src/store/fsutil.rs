//! Owner-only files and directories, and the fsyncs that make a rename durable:
//! the platform code of the store, kept beside the journal and the lock that use it.
//!
//! What durability relies on, per platform:
//! - `File::sync_all` / `sync_data` (the journal's fsync before an event
//!   counts): `fsync`/`fdatasync` on Linux; on macOS and iOS std issues
//!   `fcntl(F_FULLFSYNC)` for both (std's `sys/fs/unix.rs`, `target_vendor =
//!   "apple"`), the only call there that makes the drive flush its cache;
//!   `FlushFileBuffers` on Windows.
//! - The snapshot's replace (write a temp file, sync it, rename over the old
//!   one): `rename(2)` is atomic on unix; on Windows std's `fs::rename`
//!   replaces an existing file atomically on NTFS. Readers see the old or the
//!   new file. Our own readers open files with std's default Windows share
//!   mode, which includes delete sharing, so they never block the rename; a
//!   scanner holding the file without it makes one checkpoint fail, which the
//!   console shows and retries.
//! - The directory entry of a new file or a rename: fsync of the directory on
//!   unix. Windows has no such call (a directory cannot even be opened as a
//!   `File` there); NTFS commits the rename in its own metadata journal. After
//!   a power cut the JSON log may be the previous checkpoint, never a torn
//!   one, and the fsynced journal has every event regardless.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io;
use std::path::Path;

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

/// Creates `dir` (and its parents) if missing; a directory this creates is owner-only (0700).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(dir)
}

/// Open options that create a missing file owner-only (0600).
pub fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    owner_only(&mut options);
    options
}

#[cfg(unix)]
fn owner_only(options: &mut OpenOptions) {
    options.mode(0o600);
}

/// Windows has no mode bits: a new file inherits the ACLs of its directory,
/// which under the user's profile (the default place of logs) admit only the
/// user, the administrators and SYSTEM.
#[cfg(not(unix))]
fn owner_only(_options: &mut OpenOptions) {}

/// Makes a rename or a new file in `dir` durable.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// No directory fsync exists off unix (see the module's notes): nothing to do.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Writes `bytes` to `path` atomically: a temp file beside it, fsynced, renamed
/// over `path`, and the directory fsynced. Readers see the old or the new file, never a mix.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp_name = path.file_name().unwrap_or_default().to_os_string();
    temp_name.push(".tmp");
    let temp = dir.join(temp_name);
    let mut file = private_options().write(true).create(true).truncate(true).open(&temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&temp, path)?;
    sync_dir(dir)
}
