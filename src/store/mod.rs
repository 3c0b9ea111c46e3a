//! The station log on disk: the journal (append + fsync), the JSON snapshot
//! (atomic), recovery when a station is opened again, and the writer's lock.

mod fsutil;
mod journal;
mod lock;
mod snapshot;
mod upgrade;

use std::path::{Path, PathBuf};

use uuid::Uuid;

use crate::core::Timestamp;
use crate::core::event::{Envelope, Event};
use crate::i18n::Msg;
use crate::plan::{Journey, Station};

pub use journal::{JournalContent, read_journal};
pub use lock::StationLock;
pub use snapshot::{SCHEMA_ID, SCHEMA_VERSION, StationLog, read_snapshot, write_snapshot};

/// A store problem, worded for the facilitator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct StoreError(pub Msg);

/// Writes a file readable by its owner only, in an owner-only directory
/// created if missing (crash reports, which may quote what was typed).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        fsutil::create_private_dir(dir)?;
    }
    let mut file = fsutil::private_options().write(true).create(true).truncate(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Where a journey keeps its station logs.
pub fn logs_dir(journey_dir: &Path) -> PathBuf {
    journey_dir.join("logs")
}

/// The files of one station's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogPaths {
    pub snapshot: PathBuf,
    pub journal: PathBuf,
    pub lock: PathBuf,
}

impl LogPaths {
    pub fn new(logs_dir: &Path, station: &str) -> LogPaths {
        LogPaths {
            snapshot: logs_dir.join(format!("{station}.json")),
            journal: logs_dir.join(format!("{station}.journal.jsonl")),
            lock: logs_dir.join(format!("{station}.lock")),
        }
    }
}

/// What opening a station found, for the console's banner.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recovery {
    /// The log was created just now.
    pub created: bool,
    /// Journal events that were newer than the JSON log and were replayed into it.
    pub replayed: usize,
    /// Things the facilitator should know: a torn journal line, a stale lock taken over.
    pub warnings: Vec<Msg>,
}

/// A station log open for writing, holding the station's lock.
#[derive(Debug)]
pub struct StationStore {
    paths: LogPaths,
    log: StationLog,
    journal: journal::Journal,
    _lock: StationLock,
}

impl StationStore {
    /// Opens the log of `station`, creating it if there is none: takes the
    /// lock, reads snapshot and journal, replays journal events newer than
    /// the snapshot and checkpoints them. Damaged files are left exactly as
    /// they are and reported.
    pub fn open(
        logs_dir: &Path,
        journey: &Journey,
        station: &Station,
    ) -> Result<(StationStore, Recovery), StoreError> {
        fsutil::create_private_dir(logs_dir).map_err(|err| {
            StoreError(Msg::CannotWrite { path: logs_dir.display().to_string(), reason: err.to_string() })
        })?;
        let paths = LogPaths::new(logs_dir, &station.id);
        let (lock, took_over) = StationLock::acquire(&paths.lock, &station.id).map_err(StoreError)?;
        let mut recovery = Recovery::default();
        if let Some(took_over) = took_over {
            recovery.warnings.push(Msg::StaleLockTaken { pid: took_over.pid });
        }
        let (existing, content) = read_parts(&paths)?;
        recovery.warnings.extend(content.torn.clone());
        let log = match existing {
            Some(merged) => {
                recovery.replayed = merged.replayed;
                merged.log
            }
            None => {
                recovery.created = true;
                StationLog::new(journey, station)
            }
        };
        let journal = journal::Journal::open(&paths.journal, &content)
            .map_err(|err| cannot_write(&paths.journal, err))?;
        let mut store = StationStore { paths, log, journal, _lock: lock };
        if recovery.created || recovery.replayed > 0 {
            store.checkpoint()?;
        }
        Ok((store, recovery))
    }

    /// Every event recorded so far, in order.
    pub fn events(&self) -> &[Envelope] {
        &self.log.events
    }

    pub fn log(&self) -> &StationLog {
        &self.log
    }

    pub fn paths(&self) -> &LogPaths {
        &self.paths
    }

    /// Records `event` at `at`: it counts once this returns `Ok`, because its
    /// journal line is then written and fsynced.
    pub fn append(&mut self, at: Timestamp, event: Event) -> Result<&Envelope, StoreError> {
        let envelope = Envelope { id: Uuid::new_v4(), seq: self.log.last_seq() + 1, at, event };
        self.journal.append(&envelope).map_err(|err| cannot_write(self.journal.path(), err))?;
        self.log.events.push(envelope);
        Ok(&self.log.events[self.log.events.len() - 1])
    }

    /// Rewrites the JSON log from everything recorded (atomically).
    pub fn checkpoint(&mut self) -> Result<(), StoreError> {
        self.log.refresh_summary();
        write_snapshot(&self.paths.snapshot, &self.log).map_err(|err| cannot_write(&self.paths.snapshot, err))
    }
}

/// Reads a station's log without writing anything or taking the lock (for
/// followers and review). `Ok(None)` when the station has no log yet.
pub fn read_log(logs_dir: &Path, station: &str) -> Result<Option<(StationLog, Vec<Msg>)>, StoreError> {
    let paths = LogPaths::new(logs_dir, station);
    let (existing, content) = read_parts(&paths)?;
    Ok(existing.map(|merged| (merged.log, content.torn.into_iter().collect())))
}

struct Merged {
    log: StationLog,
    replayed: usize,
}

/// Reads snapshot and journal and merges them: journal events the snapshot
/// already holds must agree with it, newer ones must continue its sequence.
fn read_parts(paths: &LogPaths) -> Result<(Option<Merged>, JournalContent), StoreError> {
    let snapshot = read_snapshot(&paths.snapshot).map_err(StoreError)?;
    let content = read_journal(&paths.journal).map_err(StoreError)?;
    let Some(mut log) = snapshot else {
        if content.events.is_empty() {
            return Ok((None, content));
        }
        return Err(StoreError(Msg::OrphanJournal {
            journal: paths.journal.display().to_string(),
            snapshot: paths.snapshot.display().to_string(),
            events: content.events.len(),
        }));
    };
    let known = log.last_seq();
    let mut replayed = 0;
    for (line, envelope) in (1usize..).zip(&content.events) {
        let expected = log.last_seq() + 1;
        if envelope.seq <= known {
            let same =
                log.events.get((envelope.seq as usize).wrapping_sub(1)).is_some_and(|kept| kept == envelope);
            if !same {
                return Err(StoreError(Msg::LogConflict {
                    journal: paths.journal.display().to_string(),
                    snapshot: paths.snapshot.display().to_string(),
                    seq: envelope.seq,
                }));
            }
        } else if envelope.seq == expected {
            log.events.push(envelope.clone());
            replayed += 1;
        } else {
            return Err(StoreError(Msg::LogSequenceGap {
                path: paths.journal.display().to_string(),
                line,
                expected,
                found: envelope.seq,
            }));
        }
    }
    if replayed > 0 {
        log.refresh_summary();
    }
    Ok((Some(Merged { log, replayed }), content))
}

fn cannot_write(path: &Path, err: std::io::Error) -> StoreError {
    StoreError(Msg::CannotWrite { path: path.display().to_string(), reason: err.to_string() })
}
