//! The append-only journal: one event envelope per line, fsynced before an
//! event counts as recorded. The writer locks the journal file itself, and
//! checks before every append that the file it holds is still the one at its
//! path.

use std::collections::HashMap;
use std::fs::{File, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::fsutil::{create_private_dir, is_link, open_no_follow, private_options, read_no_follow, sync_dir};
use super::upgrade::Unreadable;
use crate::core::event::Envelope;
use crate::i18n::Msg;
use crate::i18n::{FileMsg, StoreMsg};

/// What a journal file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalContent {
    pub events: Vec<Envelope>,
    /// The line of each event, for messages about it.
    pub lines: Vec<usize>,
    /// Byte length of the good part: everything up to the end of the last readable line.
    pub good_len: u64,
    /// Whether the good part ends without its newline (a cut exactly before it).
    pub needs_newline: bool,
    /// A torn last line that was dropped, as a warning for the facilitator.
    pub torn: Option<Msg>,
}

/// Reads a journal. A last line without its newline that is not a whole
/// JSON value is torn (a write cut off by a crash or a power cut) and dropped
/// with a warning. A last line whose event is whole but followed by damaged
/// bytes keeps its event, with a warning. A complete line that cannot be
/// read, last or not, is damage (or a newer moderato's event), reported with
/// its line number. Empty lines are harmless (an editor adds
/// one at the end) and skipped; an event id seen twice is damage, whatever
/// the JSON log says, so a station opens or is refused the same way with or
/// without it.
pub fn read_journal(path: &Path) -> Result<JournalContent, Msg> {
    let bytes = match read_no_follow(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(_) if is_link(path) => {
            return Err(Msg::Files(FileMsg::LinkRefused { path: path.display().to_string() }));
        }
        Err(err) => {
            return Err(Msg::Files(FileMsg::CannotRead {
                path: path.display().to_string(),
                reason: err.to_string(),
            }));
        }
    };
    parse_journal(path, &bytes)
}

pub(super) fn parse_journal(path: &Path, bytes: &[u8]) -> Result<JournalContent, Msg> {
    let mut events = Vec::new();
    let mut first_seen: HashMap<Uuid, usize> = HashMap::new();
    let mut offset = 0usize;
    let mut line_number = 0usize;
    let mut content = JournalContent {
        events: Vec::new(),
        lines: Vec::new(),
        good_len: 0,
        needs_newline: false,
        torn: None,
    };
    while offset < bytes.len() {
        line_number += 1;
        let rest = &bytes[offset..];
        let (line, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(end) => (&rest[..end], offset + end + 1),
            None => (rest, bytes.len()),
        };
        // A torn write never got its newline: only an unterminated last line is torn.
        let unterminated = next == offset + line.len();
        if line.iter().all(u8::is_ascii_whitespace) {
            content.good_len = next as u64;
            content.needs_newline = unterminated;
            offset = next;
            continue;
        }
        let parsed = super::upgrade::parse_envelope(line);
        // Only an unparsable last line without its newline may be a whole
        // value followed by damage (decided before the match: the crate builds
        // with Rust 1.89, which has no `if let` guards).
        let damaged_after = match (&parsed, unterminated) {
            (Err(_), true) => whole_value_before_damage(line),
            (Err(_), false) | (Ok(_), _) => None,
        };
        match (parsed, damaged_after) {
            (Ok(envelope), _) => {
                if let Some(&first_line) = first_seen.get(&envelope.id) {
                    return Err(Msg::Store(StoreMsg::DuplicateEvent {
                        path: path.display().to_string(),
                        line: line_number,
                        first_line,
                    }));
                }
                first_seen.insert(envelope.id, line_number);
                events.push(envelope);
                content.lines.push(line_number);
                content.good_len = next as u64;
                content.needs_newline = unterminated;
            }
            (Err(_), Some(value_len)) => {
                // A whole JSON value followed by damaged bytes is no torn
                // write (a write is cut, never altered): the event is kept
                // and the damage reported; opening for writing moves the
                // damaged bytes to `.torn`.
                let envelope = super::upgrade::parse_envelope(&line[..value_len])
                    .map_err(|err| unreadable(path, line_number, err))?;
                if let Some(&first_line) = first_seen.get(&envelope.id) {
                    return Err(Msg::Store(StoreMsg::DuplicateEvent {
                        path: path.display().to_string(),
                        line: line_number,
                        first_line,
                    }));
                }
                first_seen.insert(envelope.id, line_number);
                events.push(envelope);
                content.lines.push(line_number);
                content.good_len = (offset + value_len) as u64;
                content.needs_newline = true;
                content.torn = Some(Msg::Store(StoreMsg::DamagedLineEnd {
                    path: path.display().to_string(),
                    line: line_number,
                    bytes: line.len() - value_len,
                }));
            }
            (Err(_), None)
                if unterminated && serde_json::from_slice::<serde::de::IgnoredAny>(line).is_err() =>
            {
                content.torn = Some(Msg::Store(StoreMsg::TornJournal {
                    path: path.display().to_string(),
                    line: line_number,
                    bytes: rest.len(),
                }));
            }
            (Err(err), None) => return Err(unreadable(path, line_number, err)),
        }
        offset = next;
    }
    content.events = events;
    Ok(content)
}

/// A complete line that is no event this moderato reads: a newer one's, or damage.
fn unreadable(path: &Path, line: usize, err: Unreadable) -> Msg {
    let path = path.display().to_string();
    match err {
        Unreadable::NewerType(kind) => Msg::Store(StoreMsg::NewerEvent { path, line, kind }),
        Unreadable::Json(_) | Unreadable::ExtraField(_) => {
            Msg::Store(StoreMsg::LogUnreadable { path, line, reason: err.to_string() })
        }
    }
}

/// The length of the whole JSON value that `line` begins with, when other
/// bytes that are not whitespace follow it: a complete line whose end was damaged.
fn whole_value_before_damage(line: &[u8]) -> Option<usize> {
    let mut values = serde_json::Deserializer::from_slice(line).into_iter::<serde::de::IgnoredAny>();
    match values.next() {
        Some(Ok(_)) => {
            let end = values.byte_offset();
            // JSON's whitespace, which is not Rust's (a form feed is damage).
            line[end..].iter().any(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r')).then_some(end)
        }
        Some(Err(_)) | None => None,
    }
}

/// Why the journal could not be taken for writing.
#[derive(Debug)]
pub enum TakeError {
    /// Another console holds it.
    Busy,
    /// A symbolic link sits where the journal belongs.
    Link,
    Io(io::Error),
}

impl From<io::Error> for TakeError {
    fn from(err: io::Error) -> TakeError {
        TakeError::Io(err)
    }
}

/// The journal file opened and locked, not yet read.
#[derive(Debug)]
pub struct Taken {
    file: File,
    /// This call created the (empty) file, so a refused open can remove it again.
    pub created: bool,
}

/// Opens (creating owner-only) and locks the journal at `path`. The lock is
/// on the journal itself, so no unlink of a side file can let a second
/// console in; the operating system releases it however the process ends.
pub fn take(path: &Path) -> Result<Taken, TakeError> {
    loop {
        let mut existing = private_options();
        existing.read(true).write(true);
        let (file, created) = match open_no_follow(&existing, path) {
            Ok(file) => (file, false),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                let mut fresh = private_options();
                fresh.read(true).write(true).create_new(true);
                match open_no_follow(&fresh, path) {
                    Ok(file) => (file, true),
                    // Someone created it between our two opens: look again.
                    Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
                    Err(err) => return Err(err.into()),
                }
            }
            Err(_) if is_link(path) => return Err(TakeError::Link),
            Err(err) => return Err(err.into()),
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(TakeError::Busy),
            Err(TryLockError::Error(err)) => return Err(err.into()),
        }
        // The file may have been replaced between our open and our lock; then
        // the lock protects nothing and we start over.
        if !super::fsutil::same_file(&file, path) {
            continue;
        }
        return Ok(Taken { file, created });
    }
}

/// The journal open for appending, locked.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
    len: u64,
}

impl Journal {
    /// Prepares the taken journal for appending after `content`, the result
    /// of reading it: a torn tail is cut off and a missing final newline
    /// restored, so the next line starts clean.
    pub fn open(path: &Path, taken: Taken, content: &JournalContent) -> io::Result<Journal> {
        let Taken { mut file, created } = taken;
        let mut len = content.good_len;
        let on_disk = file.metadata()?.len();
        if on_disk > len {
            keep_torn_tail(path, &mut file, len)?;
        }
        if on_disk != len {
            file.set_len(len)?;
        }
        if content.needs_newline {
            write_at(&mut file, b"\n", len)?;
            len += 1;
        }
        file.sync_all()?;
        if created {
            sync_dir(path.parent().unwrap_or(Path::new(".")))?;
        }
        Ok(Journal { path: path.to_path_buf(), file, len })
    }

    /// Writes a fresh journal at `path` holding `events`, for a journal that
    /// was deleted or replaced under a running console (logs/ is recreated
    /// owner-only if it went too). Whatever sits at the path and is not held
    /// by another console is kept beside it as `<journal>.replaced`.
    pub fn recreate(path: &Path, events: &[Envelope]) -> Result<Journal, TakeError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        create_private_dir(dir)?;
        if std::fs::symlink_metadata(path).is_ok() {
            let mut options = private_options();
            options.read(true).write(true);
            // A file another console holds is that console's journal: leave it be.
            if let Ok(file) = open_no_follow(&options, path)
                && let Err(TryLockError::WouldBlock) = file.try_lock()
            {
                return Err(TakeError::Busy);
            }
            let mut replaced = path.as_os_str().to_os_string();
            replaced.push(".replaced");
            std::fs::rename(path, free_name(Path::new(&replaced)))?;
        }
        let Taken { mut file, .. } = take(path)?;
        let bytes = lines(events)?;
        let written = write_at(&mut file, &bytes, 0).and_then(|()| file.set_len(bytes.len() as u64));
        written.and_then(|()| file.sync_all()).and_then(|()| sync_dir(dir))?;
        Ok(Journal { path: path.to_path_buf(), file, len: bytes.len() as u64 })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file this journal writes to is still the one at its path:
    /// not deleted, not replaced, its directory not removed.
    pub fn is_at_path(&self) -> bool {
        super::fsutil::same_file(&self.file, &self.path)
    }

    /// Writes one envelope as a line and fsyncs it. On failure the partial
    /// line is cut off again, so a later retry appends to a clean journal.
    pub fn append(&mut self, envelope: &Envelope) -> io::Result<()> {
        let mut line = serde_json::to_vec(envelope).map_err(io::Error::other)?;
        line.push(b'\n');
        match write_at(&mut self.file, &line, self.len).and_then(|()| self.file.sync_data()) {
            Ok(()) => {
                self.len += line.len() as u64;
                Ok(())
            }
            Err(err) => {
                let _ = self.file.set_len(self.len);
                Err(err)
            }
        }
    }
}

/// The envelopes as journal lines.
fn lines(events: &[Envelope]) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    for envelope in events {
        serde_json::to_writer(&mut bytes, envelope).map_err(io::Error::other)?;
        bytes.push(b'\n');
    }
    Ok(bytes)
}

/// Writes `events` as a journal to a new owner-only file at `path`, fsynced,
/// creating its directory (owner-only) if it went; never over an existing file.
pub fn write_new(path: &Path, events: &[Envelope]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let mut options = private_options();
    options.write(true).create_new(true);
    let mut file = open_no_follow(&options, path)?;
    file.write_all(&lines(events)?)?;
    file.sync_all()?;
    sync_dir(dir)
}

/// `path`, or the first of `path.2`, `path.3`, … that names no file yet.
pub fn free_name(path: &Path) -> PathBuf {
    let mut candidate = path.to_path_buf();
    let mut n = 1;
    while std::fs::symlink_metadata(&candidate).is_ok() {
        n += 1;
        let mut numbered = path.as_os_str().to_os_string();
        numbered.push(format!(".{n}"));
        candidate = PathBuf::from(numbered);
    }
    candidate
}

/// Copies the torn bytes after `good_len` to `<journal>.torn` before they are
/// cut off, so nothing that reached the disk is ever thrown away.
fn keep_torn_tail(path: &Path, file: &mut File, good_len: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut tail = Vec::new();
    file.seek(SeekFrom::Start(good_len))?;
    file.read_to_end(&mut tail)?;
    let mut side = path.as_os_str().to_os_string();
    side.push(".torn");
    let mut torn = private_options().append(true).create(true).open(PathBuf::from(side))?;
    torn.write_all(&tail)?;
    torn.write_all(b"\n")?;
    torn.sync_all()
}

/// Writes `bytes` at byte offset `at`, the end of the good part of the journal.
fn write_at(file: &mut File, bytes: &[u8], at: u64) -> io::Result<()> {
    use std::io::{Seek, SeekFrom};
    file.seek(SeekFrom::Start(at))?;
    file.write_all(bytes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const LINE: &str = r#"{"id":"6f1c3c52-6c2a-4f0e-9a53-0b8f7d0c1a11","seq":1,"at":"2022-11-28T09:00:00+01:00","event":{"type":"station_resumed"}}"#;

    #[test]
    fn empty_lines_are_skipped_anywhere() {
        let bytes = format!("\n{LINE}\n\n  \n");
        let content = parse_journal(Path::new("j"), bytes.as_bytes()).unwrap();
        assert_eq!(content.events.len(), 1);
        assert_eq!(content.good_len, bytes.len() as u64);
        assert!(!content.needs_newline);
        assert_eq!(content.torn, None);
    }

    #[test]
    fn an_event_id_seen_twice_is_damage() {
        let bytes = format!("{LINE}\n{LINE}\n");
        assert_eq!(
            parse_journal(Path::new("j"), bytes.as_bytes()),
            Err(Msg::Store(StoreMsg::DuplicateEvent { path: "j".into(), line: 2, first_line: 1 }))
        );
    }
}
