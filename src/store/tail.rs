//! Following a journal as it grows: a reader keeps its place (a byte offset
//! and the line just before it) and reads only what was appended since. A
//! journal that shrank or was replaced asks for a full read instead.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::time::SystemTime;

use super::fsutil::{open_no_follow, private_options};
use super::journal::parse_journal;
use crate::core::event::Envelope;

/// Where a follower stands in a station's journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalTail {
    offset: u64,
    /// The last complete line before `offset`: if it is no longer there, the
    /// file is not the one we read (replaced, rewritten) and the offset means nothing.
    last_line: Vec<u8>,
    /// When the journal was last changed as we saw it: a change that appended
    /// nothing rewrote what we read.
    modified: Option<SystemTime>,
}

/// What a look at the journal found.
#[derive(Debug, Clone, PartialEq)]
pub enum Appended {
    /// The events appended since the last look, in order (none when nothing changed).
    Events(Vec<Envelope>),
    /// The journal shrank, vanished, was replaced or holds a line that cannot
    /// be read: only a full read can say what the log holds now.
    Reread,
}

impl JournalTail {
    /// The place after the first `len` bytes of the journal at `path` (the
    /// good part a full read just consumed).
    pub fn after(path: &Path, len: u64) -> JournalTail {
        let start = len.saturating_sub(LOOK_BACK);
        let (before, modified) = read_range(path, start, len).unwrap_or_default();
        JournalTail { offset: len, last_line: last_line(&before).to_vec(), modified }
    }

    /// Reads what was appended since the last look. A line still being
    /// written (no newline yet) is left for the next look.
    pub fn read_appended(&mut self, path: &Path) -> Appended {
        let Ok((bytes, modified)) = read_range(path, self.offset - self.last_line.len() as u64, u64::MAX)
        else {
            return Appended::Reread;
        };
        let Some(appended) = bytes.strip_prefix(self.last_line.as_slice()) else {
            return Appended::Reread;
        };
        if appended.is_empty() && modified != self.modified {
            return Appended::Reread;
        }
        let Some(end) = appended.iter().rposition(|&byte| byte == b'\n') else {
            return Appended::Events(Vec::new());
        };
        let complete = &appended[..=end];
        match parse_journal(path, complete) {
            Ok(content) if content.torn.is_none() && content.good_len == complete.len() as u64 => {
                self.offset += complete.len() as u64;
                self.last_line = last_line(complete).to_vec();
                // A line still being written may follow; its completion changes the time again.
                self.modified = if complete.len() == appended.len() { modified } else { None };
                Appended::Events(content.events)
            }
            Ok(_) | Err(_) => Appended::Reread,
        }
    }
}

/// How far back [`JournalTail::after`] looks for the last line: far more than one event takes.
const LOOK_BACK: u64 = 64 * 1024;

/// The last complete line of `bytes` (which end with a newline), newline included.
fn last_line(bytes: &[u8]) -> &[u8] {
    let Some(body) = bytes.strip_suffix(b"\n") else { return &[] };
    let start = body.iter().rposition(|&byte| byte == b'\n').map_or(0, |at| at + 1);
    &bytes[start..]
}

/// The bytes of `path` from `start` up to `end` (or its end), and when it
/// was last changed; an error when the file is shorter than `start` or cannot be read.
fn read_range(path: &Path, start: u64, end: u64) -> std::io::Result<(Vec<u8>, Option<SystemTime>)> {
    let mut options = private_options();
    options.read(true);
    let mut file = open_no_follow(&options, path)?;
    let metadata = file.metadata()?;
    let len = metadata.len();
    if len < start {
        return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the journal shrank"));
    }
    file.seek(SeekFrom::Start(start))?;
    let mut bytes = Vec::new();
    file.take(end.min(len) - start).read_to_end(&mut bytes)?;
    Ok((bytes, metadata.modified().ok()))
}
