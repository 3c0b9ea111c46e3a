//! Owner-only files and directories, the fsyncs that make a rename durable,
//! and opening files without following symbolic links: the platform code of
//! the store, kept beside the journal and the lock that use it.
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

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read};
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

/// Makes an existing `dir` owner-only. Returns the mode it had when it was
/// wider, so the facilitator can be told once (the next time it is already tight).
#[cfg(unix)]
pub fn tighten_dir(dir: &Path) -> io::Result<Option<u32>> {
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(dir)?.permissions().mode() & 0o777;
    if mode & 0o077 == 0 {
        return Ok(None);
    }
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    Ok(Some(mode))
}

/// Elsewhere the platform's defaults stand.
#[cfg(not(unix))]
pub fn tighten_dir(_dir: &Path) -> io::Result<Option<u32>> {
    Ok(None)
}

/// Open options that create a missing file owner-only (0600) and never
/// follow a symbolic link at the path: a link in logs/ could send events and
/// private notes to a world-readable file elsewhere.
pub fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    owner_only(&mut options);
    options
}

/// Owner-only (0600) and, atomically, no symbolic link at the path. Never
/// waiting to open: a FIFO put where a log belongs would otherwise block the
/// open until a writer comes (and the process would not quit); it is then
/// refused by [`open_no_follow`]. On regular files the flag changes nothing.
#[cfg(unix)]
fn owner_only(options: &mut OpenOptions) {
    options.mode(0o600).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
}

/// Windows has no mode bits: a new file inherits the ACLs of its directory,
/// which under the user's profile (the default place of logs) admit only the
/// user, the administrators and SYSTEM.
#[cfg(not(unix))]
fn owner_only(_options: &mut OpenOptions) {}

/// Whether `path` is a symbolic link (which moderato refuses to open).
pub fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

/// Opens `path` with `options`, refusing a symbolic link and anything but a
/// regular file (a FIFO, a device, a socket). On unix `O_NOFOLLOW` refuses a
/// link atomically; elsewhere a check just before the open has to do.
pub fn open_no_follow(options: &OpenOptions, path: &Path) -> io::Result<File> {
    #[cfg(not(unix))]
    if is_link(path) {
        return Err(io::Error::other("symbolic link"));
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
    }
    Ok(file)
}

/// What in `dir` moderato refuses to touch: the first entry that is neither
/// a file, a directory nor a symbolic link (a FIFO, a device, a socket),
/// which would block or misdirect a read or a write.
pub fn special_entry(dir: &Path) -> Option<std::path::PathBuf> {
    fs::read_dir(dir).ok()?.filter_map(Result::ok).map(|entry| entry.path()).find(|path| {
        fs::symlink_metadata(path).is_ok_and(|meta| {
            let kind = meta.file_type();
            !kind.is_file() && !kind.is_dir() && !kind.is_symlink()
        })
    })
}

/// The whole file at `path`, refusing a symbolic link.
pub fn read_no_follow(path: &Path) -> io::Result<Vec<u8>> {
    let mut options = private_options();
    options.read(true);
    let mut file = open_no_follow(&options, path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Whether the open `file` is the file at `path` (not a link to it, not a
/// file put there since): the same device and inode.
#[cfg(unix)]
pub fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Windows: the same volume serial number and file index, the file id
/// `GetFileInformationByHandle` gives, read for the path without following a link.
#[cfg(windows)]
pub fn same_file(file: &File, path: &Path) -> bool {
    use std::os::windows::fs::OpenOptionsExt;
    use windows_sys::Win32::Storage::FileSystem::{FILE_FLAG_BACKUP_SEMANTICS, FILE_FLAG_OPEN_REPARSE_POINT};
    // Attributes only (no read or write access), which any sharing mode allows.
    let named = OpenOptions::new()
        .access_mode(0)
        .custom_flags(FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT)
        .open(path);
    match (file_id(file), named.ok().as_ref().and_then(file_id)) {
        (Some(open), Some(named)) => open == named,
        _ => false,
    }
}

/// The volume serial number and the file index of an open file.
#[cfg(windows)]
fn file_id(file: &File) -> Option<(u32, u32, u32)> {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Storage::FileSystem::{BY_HANDLE_FILE_INFORMATION, GetFileInformationByHandle};
    // SAFETY: the handle is open for as long as `file` is borrowed, and `info`
    // is a plain struct the call fills in.
    let (ok, info) = unsafe {
        let mut info: BY_HANDLE_FILE_INFORMATION = std::mem::zeroed();
        (GetFileInformationByHandle(file.as_raw_handle(), &mut info), info)
    };
    (ok != 0).then_some((info.dwVolumeSerialNumber, info.nFileIndexHigh, info.nFileIndexLow))
}

/// Neither unix nor Windows: a regular file at the path with the length of ours.
#[cfg(not(any(unix, windows)))]
pub fn same_file(file: &File, path: &Path) -> bool {
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => named.is_file() && open.len() == named.len(),
        _ => false,
    }
}

/// Removes `path` while `held` (its lock) is held where the platform allows:
/// on unix the file goes before the lock, so nobody opens it in between;
/// Windows cannot remove a file that is open, so there the lock goes first.
pub fn remove_held<T>(path: &Path, held: T) -> io::Result<()> {
    #[cfg(not(unix))]
    drop(held);
    fs::remove_file(path)?;
    #[cfg(unix)]
    drop(held);
    Ok(())
}

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
    write_atomically_with(path, bytes, io::Write::write_all)
}

/// [`write_atomically`] with the write step given, so a test can make it fail
/// as a full disk does. On any failure the temp file is removed: a partial
/// one would hold the little space left and make the journal fail early.
fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp_name = path.file_name().unwrap_or_default().to_os_string();
    temp_name.push(".tmp");
    let temp = dir.join(temp_name);
    // A failure at the temp file is named by the temp file's name (a
    // directory or a link in its way), not by the log's.
    let at_temp = |err: io::Error| io::Error::new(err.kind(), format!("{}: {err}", temp.display()));
    let mut options = private_options();
    options.write(true).create(true).truncate(true);
    let mut file = open_no_follow(&options, &temp).map_err(at_temp)?;
    let written = write(&mut file, bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(err) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(err);
    }
    sync_dir(dir)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_failed_write_leaves_no_temp_file_and_the_old_file_intact() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("s1.json");
        fs::write(&path, b"old").unwrap();
        // Half the bytes reach the disk, then it is full.
        let full = |file: &mut File, bytes: &[u8]| {
            io::Write::write_all(file, &bytes[..bytes.len() / 2])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device"))
        };
        let err = write_atomically_with(&path, b"new content", full).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read(&path).unwrap(), b"old");
        let names: Vec<_> = fs::read_dir(temp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("s1.json")]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_not_followed() {
        let temp = tempfile::tempdir().unwrap();
        let outside = temp.path().join("outside.txt");
        fs::write(&outside, b"secret").unwrap();
        let link = temp.path().join("s1.json");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        assert!(read_no_follow(&link).is_err());
        assert!(is_link(&link));
    }

    #[cfg(unix)]
    #[test]
    fn a_wide_directory_is_tightened_once() {
        use std::os::unix::fs::PermissionsExt;
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("logs");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(tighten_dir(&dir).unwrap(), Some(0o755));
        assert_eq!(fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
        assert_eq!(tighten_dir(&dir).unwrap(), None);
    }
}
