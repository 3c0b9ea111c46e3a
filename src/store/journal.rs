//! The append-only journal: one event envelope per line, fsynced before an
//! event counts as recorded.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::fsutil::{private_options, sync_dir};
use crate::core::event::Envelope;
use crate::i18n::Msg;

/// What a journal file holds.
#[derive(Debug, Clone, PartialEq)]
pub struct JournalContent {
    pub events: Vec<Envelope>,
    /// Byte length of the good part: everything up to the end of the last readable line.
    pub good_len: u64,
    /// Whether the good part ends without its newline (a cut exactly before it).
    pub needs_newline: bool,
    /// A torn last line that was dropped, as a warning for the facilitator.
    pub torn: Option<Msg>,
}

/// Reads a journal. A last line that cannot be read is torn (a write cut off
/// by a crash or a power cut) and dropped with a warning. A complete line
/// that cannot be read, last or not, is damage (or a newer moderato's event),
/// reported with its line number.
pub fn read_journal(path: &Path) -> Result<JournalContent, Msg> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(err) => {
            return Err(Msg::CannotRead { path: path.display().to_string(), reason: err.to_string() });
        }
    };
    parse_journal(path, &bytes)
}

fn parse_journal(path: &Path, bytes: &[u8]) -> Result<JournalContent, Msg> {
    let mut events = Vec::new();
    let mut offset = 0usize;
    let mut line_number = 0usize;
    let mut content = JournalContent { events: Vec::new(), good_len: 0, needs_newline: false, torn: None };
    while offset < bytes.len() {
        line_number += 1;
        let rest = &bytes[offset..];
        let (line, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(end) => (&rest[..end], offset + end + 1),
            None => (rest, bytes.len()),
        };
        // A torn write never got its newline: only an unterminated last line is torn.
        let unterminated = next == offset + line.len();
        match super::upgrade::parse_envelope(line) {
            Ok(envelope) => {
                events.push(envelope);
                content.good_len = next as u64;
                content.needs_newline = unterminated;
            }
            Err(_) if unterminated => {
                content.torn = Some(Msg::TornJournal {
                    path: path.display().to_string(),
                    line: line_number,
                    bytes: rest.len(),
                });
            }
            Err(err) => {
                return Err(Msg::LogUnreadable {
                    path: path.display().to_string(),
                    line: line_number,
                    reason: err.to_string(),
                });
            }
        }
        offset = next;
    }
    content.events = events;
    Ok(content)
}

/// The journal open for appending.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    file: File,
    len: u64,
}

impl Journal {
    /// Opens (creating owner-only) the journal for appending after `content`,
    /// the result of reading it: a torn tail is cut off and a missing final
    /// newline restored, so the next line starts clean.
    pub fn open(path: &Path, content: &JournalContent) -> io::Result<Journal> {
        let existed = path.exists();
        let mut file = private_options().read(true).write(true).create(true).truncate(false).open(path)?;
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
        if !existed {
            sync_dir(path.parent().unwrap_or(Path::new(".")))?;
        }
        Ok(Journal { path: path.to_path_buf(), file, len })
    }

    pub fn path(&self) -> &Path {
        &self.path
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
