//! Files written for sending (the agenda, the calendar, the run sheet; the
//! export): whole or not at all, and never over an existing file unless asked.
//! Unlike the station logs they are not owner-only: they are made to be shared.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::fsutil::sync_dir;
use crate::error::ErrorKind;
use crate::i18n::{AgendaMsg, Msg};

/// Why a file could not be written; `msg` says it in the facilitator's words.
#[derive(Debug, thiserror::Error)]
#[error("{msg}")]
pub struct OutputError {
    pub kind: ErrorKind,
    pub msg: Msg,
}

/// Writes `bytes` to `path` atomically: a temp file in the same directory,
/// fsynced, then moved into place, and the directory fsynced. A reader sees
/// no file or the whole file. An existing file is kept (and the write
/// refused) unless `force`; then it is replaced in one step.
pub fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<(), OutputError> {
    let shown = path.display().to_string();
    let failed = |err: io::Error| OutputError {
        kind: ErrorKind::Io,
        msg: Msg::Agenda(AgendaMsg::CannotWrite { path: shown.clone(), reason: err.to_string() }),
    };
    let exists = || OutputError {
        kind: ErrorKind::Usage,
        msg: Msg::Agenda(AgendaMsg::Exists { path: shown.clone() }),
    };
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(exists());
    }
    let kept = replaced_permissions(path)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        Some(_) | None => PathBuf::from("."),
    };
    let (temp, mut file) = temp_beside(&dir, path).map_err(failed)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| kept.map_or(Ok(()), |permissions| file.set_permissions(permissions)))
        .and_then(|()| file.sync_all());
    drop(file);
    let placed = written.map_err(failed).and_then(|()| {
        if force {
            fs::rename(&temp, path).map_err(failed)
        } else {
            place_new(&temp, path).map_err(|err| {
                if err.kind() == io::ErrorKind::AlreadyExists { exists() } else { failed(err) }
            })
        }
    });
    if placed.is_err() {
        let _ = fs::remove_file(&temp);
    }
    placed?;
    sync_dir(&dir).map_err(failed)
}

/// The permissions of the file `--force` replaces at `path`, for its
/// replacement (never wider than they were), or `None` when nothing is there.
/// Anything but a regular file (a device, a FIFO, a socket, a directory, a
/// symbolic link) is refused: writing a file there would replace it.
fn replaced_permissions(path: &Path) -> Result<Option<fs::Permissions>, OutputError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => Ok(Some(meta.permissions())),
        Ok(_) => Err(OutputError {
            kind: ErrorKind::Usage,
            msg: Msg::Agenda(AgendaMsg::NotRegular { path: path.display().to_string() }),
        }),
        Err(_) => Ok(None),
    }
}

/// Creates `dir` and its missing parents; returns those it created, the
/// outermost first, so a failed export can remove them again.
fn create_dirs(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let missing: Vec<PathBuf> = dir
        .ancestors()
        .take_while(|ancestor| fs::symlink_metadata(ancestor).is_err())
        .map(Path::to_path_buf)
        .collect();
    let mut created = Vec::new();
    for ancestor in missing.into_iter().rev() {
        if let Err(err) = fs::create_dir(&ancestor) {
            remove_dirs(&created);
            return Err(err);
        }
        created.push(ancestor);
    }
    Ok(created)
}

/// Removes the directories [`create_dirs`] made, innermost first, each only if empty.
fn remove_dirs(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = fs::remove_dir(dir);
    }
}

/// Writes several files into `dir` all or none (the export's CSV files):
/// each to a temp file beside its place, fsynced, and only when all are
/// written are they moved into place. If one cannot be written or placed,
/// the temp files and the files already placed are removed again, and with
/// `force` the files they replaced are put back. Without `force` none is
/// written if any of them exists; anything but a regular file in the way is
/// refused either way, and a replaced file's permissions are kept. `dir` is
/// created if missing, and removed again when nothing could be written.
pub fn write_outputs(dir: &Path, files: &[(&str, &[u8])], force: bool) -> Result<(), OutputError> {
    let failed = |path: &Path, err: io::Error| OutputError {
        kind: ErrorKind::Io,
        msg: Msg::Agenda(AgendaMsg::CannotWrite {
            path: path.display().to_string(),
            reason: err.to_string(),
        }),
    };
    let exists = |path: &Path| OutputError {
        kind: ErrorKind::Usage,
        msg: Msg::Agenda(AgendaMsg::Exists { path: path.display().to_string() }),
    };
    let paths: Vec<PathBuf> = files.iter().map(|(name, _)| dir.join(name)).collect();
    if let Some(folder) = paths.iter().find(|path| fs::symlink_metadata(path).is_ok_and(|meta| meta.is_dir()))
    {
        return Err(failed(folder, io::Error::from(io::ErrorKind::IsADirectory)));
    }
    if !force && let Some(there) = paths.iter().find(|path| fs::symlink_metadata(path).is_ok()) {
        return Err(exists(there));
    }
    let kept = paths.iter().map(|path| replaced_permissions(path)).collect::<Result<Vec<_>, _>>()?;
    let created = create_dirs(dir).map_err(|err| failed(dir, err))?;
    let result = write_all_or_none(dir, files, &paths, &kept, force);
    if result.is_err() {
        remove_dirs(&created);
    }
    result
}

fn write_all_or_none(
    dir: &Path,
    files: &[(&str, &[u8])],
    paths: &[PathBuf],
    kept: &[Option<fs::Permissions>],
    force: bool,
) -> Result<(), OutputError> {
    let failed = |path: &Path, err: io::Error| OutputError {
        kind: ErrorKind::Io,
        msg: Msg::Agenda(AgendaMsg::CannotWrite {
            path: path.display().to_string(),
            reason: err.to_string(),
        }),
    };
    let exists = |path: &Path| OutputError {
        kind: ErrorKind::Usage,
        msg: Msg::Agenda(AgendaMsg::Exists { path: path.display().to_string() }),
    };
    let mut temps: Vec<PathBuf> = Vec::new();
    let mut placed: Vec<&PathBuf> = Vec::new();
    // With `force`: each file replaced, moved aside until all are in place.
    let mut replaced: Vec<(PathBuf, &PathBuf)> = Vec::new();
    let mut written = || -> Result<(), OutputError> {
        for ((path, (_, bytes)), kept) in paths.iter().zip(files).zip(kept) {
            let (temp, mut file) = temp_beside(dir, path).map_err(|err| failed(path, err))?;
            temps.push(temp);
            file.write_all(bytes)
                .and_then(|()| kept.clone().map_or(Ok(()), |permissions| file.set_permissions(permissions)))
                .and_then(|()| file.sync_all())
                .map_err(|err| failed(path, err))?;
        }
        for (temp, path) in temps.iter().zip(paths) {
            if force {
                if fs::symlink_metadata(path).is_ok() {
                    let aside = aside_name(dir, path);
                    fs::rename(path, &aside).map_err(|err| failed(path, err))?;
                    replaced.push((aside, path));
                }
                fs::rename(temp, path).map_err(|err| failed(path, err))?;
            } else {
                place_new(temp, path).map_err(|err| {
                    if err.kind() == io::ErrorKind::AlreadyExists { exists(path) } else { failed(path, err) }
                })?;
            }
            placed.push(path);
        }
        Ok(())
    };
    let result = written();
    match result {
        Ok(()) => {
            for path in temps.iter().chain(replaced.iter().map(|(aside, _)| aside)) {
                let _ = fs::remove_file(path);
            }
        }
        Err(_) => {
            for path in temps.iter().chain(placed) {
                let _ = fs::remove_file(path);
            }
            for (aside, path) in &replaced {
                let _ = fs::rename(aside, path);
            }
        }
    }
    result?;
    sync_dir(dir).map_err(|err| failed(dir, err))
}

/// A name beside `path` that nothing has, to move an existing file aside.
fn aside_name(dir: &Path, path: &Path) -> PathBuf {
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    (0u32..)
        .map(|attempt| dir.join(format!(".{name}.{}-{attempt}.old", std::process::id())))
        .find(|aside| fs::symlink_metadata(aside).is_err())
        .unwrap_or_else(|| dir.join(format!(".{name}.old")))
}

/// A new temp file in `dir`, named after `path` so a leftover one says what it was.
fn temp_beside(dir: &Path, path: &Path) -> io::Result<(PathBuf, File)> {
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let mut attempt = 0u32;
    loop {
        let temp = dir.join(format!(".{name}.{}-{attempt}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(err) => return Err(err),
        }
    }
}

/// Moves `temp` to `path` only if nothing is there: a hard link fails on an
/// existing name in one step, so a file created meanwhile is not replaced.
/// File systems without hard links (FAT, some shares) get a check, then a rename.
fn place_new(temp: &Path, path: &Path) -> io::Result<()> {
    match fs::hard_link(temp, path) {
        // In place: a temp name that cannot be removed now is removed with the others.
        Ok(()) => {
            let _ = fs::remove_file(temp);
            Ok(())
        }
        Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Err(err),
        Err(_) if fs::symlink_metadata(path).is_ok() => Err(io::Error::from(io::ErrorKind::AlreadyExists)),
        Err(_) => fs::rename(temp, path),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::i18n::Lang;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_new_file_is_written_whole_and_nothing_else_is_left() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("agenda.ics");
        write_output(&path, b"BEGIN:VCALENDAR\r\n", false).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"BEGIN:VCALENDAR\r\n");
        assert_eq!(names(temp.path()), ["agenda.ics"]);
    }

    #[test]
    fn an_existing_file_is_kept_without_force_and_replaced_with_it() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("agenda.md");
        fs::write(&path, "old").unwrap();
        let err = write_output(&path, b"new", false).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Usage);
        assert!(err.msg.text(Lang::En).contains("already exists; nothing was overwritten"), "{}", err.msg);
        assert!(err.msg.text(Lang::En).contains("--force"), "{}", err.msg);
        assert!(err.msg.text(Lang::De).contains("--force"), "{}", err.msg);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(names(temp.path()), ["agenda.md"]);
        write_output(&path, b"new", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names(temp.path()), ["agenda.md"]);
    }

    #[test]
    fn a_directory_that_does_not_exist_is_named_in_the_error() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("fehlt").join("agenda.html");
        let err = write_output(&path, b"x", false).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Io);
        let text = err.msg.text(Lang::De);
        assert!(text.contains("agenda.html") && text.contains("kann nicht geschrieben werden"), "{text}");
    }

    #[test]
    fn several_files_are_written_all_or_none() {
        let temp = tempfile::tempdir().unwrap();
        let files: [(&str, &[u8]); 3] = [("a.csv", b"a"), ("b.csv", b"b"), ("c.csv", b"c")];
        write_outputs(temp.path(), &files, false).unwrap();
        assert_eq!(names(temp.path()), ["a.csv", "b.csv", "c.csv"]);
        // One exists: without force none is written.
        let other = tempfile::tempdir().unwrap();
        fs::write(other.path().join("c.csv"), "kept").unwrap();
        assert_eq!(write_outputs(other.path(), &files, false).unwrap_err().kind, ErrorKind::Usage);
        assert_eq!(names(other.path()), ["c.csv"]);
        // A directory is in the second's way: nothing is written, even with
        // force, and the first's old file keeps its content.
        let third = tempfile::tempdir().unwrap();
        fs::write(third.path().join("a.csv"), "old").unwrap();
        fs::create_dir(third.path().join("b.csv")).unwrap();
        let err = write_outputs(third.path(), &files, true).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Io);
        assert!(err.msg.text(Lang::En).contains("b.csv"), "{}", err.msg);
        assert_eq!(names(third.path()), ["a.csv", "b.csv"]);
        assert_eq!(fs::read_to_string(third.path().join("a.csv")).unwrap(), "old");
        // With force the old files are replaced, and nothing is left beside them.
        let fourth = tempfile::tempdir().unwrap();
        fs::write(fourth.path().join("a.csv"), "old").unwrap();
        write_outputs(fourth.path(), &files, true).unwrap();
        assert_eq!(fs::read_to_string(fourth.path().join("a.csv")).unwrap(), "a");
        assert_eq!(names(fourth.path()), ["a.csv", "b.csv", "c.csv"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_way_counts_as_an_existing_file() {
        let temp = tempfile::tempdir().unwrap();
        let target = temp.path().join("elsewhere.txt");
        fs::write(&target, "keep").unwrap();
        let link = temp.path().join("agenda.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(write_output(&link, b"new", false).unwrap_err().kind, ErrorKind::Usage);
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep");
    }
}
