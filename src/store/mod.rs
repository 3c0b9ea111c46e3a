//! The station log on disk: the journal (append + fsync), the JSON snapshot
//! (atomic), recovery when a station is opened again, and the writer's lock.

mod fsutil;
mod journal;
mod lock;
pub mod output;
mod snapshot;
mod tail;
mod upgrade;
mod validate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use crate::core::Timestamp;
use crate::core::event::{Envelope, Event};
use crate::core::history::{History, PastStation};
use crate::error::ErrorKind;
use crate::i18n::Msg;
use crate::i18n::{FileMsg, StoreMsg};
use crate::plan::{Journey, Station};

pub use journal::{JournalContent, read_journal};
pub use lock::{StationLock, is_held};
pub use snapshot::{SCHEMA_ID, SCHEMA_VERSION, StationLog, read_snapshot, write_snapshot};
pub use tail::{Appended, JournalTail};

/// A store problem, worded for the facilitator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct StoreError(pub Msg);

/// Why a station could not be opened, with the kind of failure (for the exit code).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{msg}")]
pub struct OpenError {
    pub kind: ErrorKind,
    pub msg: Msg,
}

impl OpenError {
    fn new(kind: ErrorKind, msg: Msg) -> OpenError {
        OpenError { kind, msg }
    }
}

impl From<OpenError> for StoreError {
    fn from(err: OpenError) -> StoreError {
        StoreError(err.msg)
    }
}

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
    /// The lock beside `logs/` (in the journey's folder, `.logs.<station>.lock`)
    /// that a running console holds: deleting or moving `logs/` does not release it.
    pub guard: PathBuf,
}

impl LogPaths {
    pub fn new(logs_dir: &Path, station: &str) -> LogPaths {
        let beside = logs_dir.parent().unwrap_or(logs_dir);
        let logs_name = logs_dir.file_name().unwrap_or_default().to_string_lossy();
        LogPaths {
            snapshot: logs_dir.join(format!("{station}.json")),
            journal: logs_dir.join(format!("{station}.journal.jsonl")),
            lock: logs_dir.join(format!("{station}.lock")),
            guard: beside.join(format!(".{logs_name}.{station}.lock")),
        }
    }

    /// The file that keeps a console's events when it finds that another
    /// console has taken the station: `<station>.rescued-<pid>.journal.jsonl`.
    fn rescue(&self, station: &str) -> PathBuf {
        let dir = self.journal.parent().unwrap_or(Path::new("."));
        dir.join(format!("{station}.rescued-{}.journal.jsonl", std::process::id()))
    }
}

/// What opening a station found, for the console's banner.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recovery {
    /// The log was created just now.
    pub created: bool,
    /// Journal events that were newer than the JSON log and were replayed into it.
    pub replayed: usize,
    /// Things the facilitator should know: a torn journal line, a stale lock
    /// taken over, a logs/ directory made owner-only.
    pub warnings: Vec<Msg>,
}

/// A station log open for writing, holding the lock on its journal.
#[derive(Debug)]
pub struct StationStore {
    paths: LogPaths,
    station: String,
    log: StationLog,
    journal: journal::Journal,
    /// Another console has taken the station: nothing is recorded any more,
    /// and every event this console recorded is in this file.
    rescued: Option<PathBuf>,
    /// Things that happened to the log since the console last asked.
    notices: Vec<Msg>,
    lock: Option<StationLock>,
    /// Held for as long as the store lives; see [`LogPaths::guard`].
    guard: StationLock,
    /// What the events so far establish: an event the reader would refuse is never written.
    known: validate::Known,
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
    ) -> Result<(StationStore, Recovery), OpenError> {
        let io_failure = |err: std::io::Error| OpenError::new(ErrorKind::Io, cannot_write(logs_dir, err).0);
        refuse_odd_logs(logs_dir)?;
        let existed = logs_dir.is_dir();
        fsutil::create_private_dir(logs_dir).map_err(io_failure)?;
        let mut recovery = Recovery::default();
        if existed && let Some(mode) = fsutil::tighten_dir(logs_dir).map_err(io_failure)? {
            recovery.warnings.push(Msg::Store(StoreMsg::LogsTightened {
                path: logs_dir.display().to_string(),
                mode: format!("{mode:o}"),
            }));
        }
        let paths = LogPaths::new(logs_dir, &station.id);
        let (guard, _) = StationLock::acquire(&paths.guard, &station.id).map_err(lock_failure)?;
        let taken = journal::take(&paths.journal).map_err(|err| take_failure(&paths, &station.id, err))?;
        let created_journal = taken.created;
        let opened = Self::open_taken(paths.clone(), journey, station, taken, guard, recovery);
        if opened.is_err() && created_journal {
            // The empty journal this call created is ours (we hold its lock):
            // a refused open leaves the directory as it found it.
            let _ = std::fs::remove_file(&paths.journal);
        }
        opened
    }

    fn open_taken(
        paths: LogPaths,
        journey: &Journey,
        station: &Station,
        taken: journal::Taken,
        guard: StationLock,
        mut recovery: Recovery,
    ) -> Result<(StationStore, Recovery), OpenError> {
        let (lock, took_over) = StationLock::acquire(&paths.lock, &station.id).map_err(lock_failure)?;
        if let Some(took_over) = took_over {
            recovery.warnings.push(Msg::Store(StoreMsg::StaleLockTaken { pid: took_over.pid }));
        }
        let (existing, content) = read_parts(&paths, &station.id)?;
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
        let (log_plan, log_cohort) = (log.plan.clone(), log.cohort.clone());
        let journal = journal::Journal::open(&paths.journal, taken, &content)
            .map_err(|err| OpenError::new(ErrorKind::Io, cannot_write(&paths.journal, err).0))?;
        let mut store = StationStore {
            paths,
            station: station.id.clone(),
            log,
            journal,
            rescued: None,
            notices: Vec::new(),
            lock: Some(lock),
            guard,
            known: validate::Known::new(&log_plan, &log_cohort),
        };
        for envelope in &store.log.events {
            // Read and checked just now: these are explained.
            let _ = store.known.admit(envelope);
        }
        recovery.warnings.extend(rescued_files(&store.paths, &store.station));
        if recovery.created || recovery.replayed > 0 {
            store.checkpoint().map_err(|StoreError(msg)| OpenError::new(ErrorKind::Io, msg))?;
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
    ///
    /// Before writing, the journal we hold must still be the file at its path;
    /// a line written to a deleted or moved file would be acknowledged and
    /// lost (see [`StationStore::ensure_journal`]).
    pub fn append(&mut self, at: Timestamp, event: Event) -> Result<&Envelope, StoreError> {
        self.ensure_journal()?;
        let envelope = Envelope { id: Uuid::new_v4(), seq: self.log.last_seq() + 1, at, event };
        self.known
            .admit(&envelope)
            .map_err(|problem| StoreError(Msg::Store(StoreMsg::Unrecordable { problem })))?;
        self.journal.append(&envelope).map_err(|err| cannot_write(self.journal.path(), err))?;
        self.log.events.push(envelope);
        Ok(&self.log.events[self.log.events.len() - 1])
    }

    /// What happened to the log that the facilitator should hear about (a
    /// journal written afresh), each once.
    pub fn take_notices(&mut self) -> Vec<Msg> {
        std::mem::take(&mut self.notices)
    }

    /// Where this console's events went when another console took the
    /// station, for the facilitator's terminal after quitting.
    pub fn rescued(&self) -> Option<Msg> {
        self.rescued.as_ref().map(|path| self.taken_over(path).0)
    }

    /// Makes sure the journal we hold is the file at its path. When it is
    /// not (deleted, replaced, `logs/` removed or moved), and this console
    /// still holds the station's guard beside `logs/`, no other console can
    /// have the station: a fresh journal is written from memory with every
    /// event, and a notice says so. When the guard is gone too, another
    /// console may be writing: this one stops recording for good, writes
    /// every event it has to a file of its own and names it.
    fn ensure_journal(&mut self) -> Result<(), StoreError> {
        if let Some(rescue) = &self.rescued {
            return Err(self.taken_over(rescue));
        }
        if self.journal.is_at_path() {
            return Ok(());
        }
        if !self.guard.is_at_path() {
            let rescue = self.write_rescue()?;
            let err = self.taken_over(&rescue);
            self.rescued = Some(rescue);
            return Err(err);
        }
        self.recreate_journal()
    }

    fn taken_over(&self, rescue: &Path) -> StoreError {
        StoreError(Msg::Store(StoreMsg::StationTakenOver {
            station: self.station.clone(),
            rescue: rescue.display().to_string(),
            events: self.log.events.len(),
        }))
    }

    /// Writes every event recorded so far to a new file of this console's
    /// own in `logs/` (created again if it went), never over another file.
    fn write_rescue(&self) -> Result<PathBuf, StoreError> {
        let path = journal::free_name(&self.paths.rescue(&self.station));
        journal::write_new(&path, &self.log.events).map_err(|err| cannot_write(&path, err))?;
        Ok(path)
    }

    fn recreate_journal(&mut self) -> Result<(), StoreError> {
        let path = self.paths.journal.clone();
        let journal = journal::Journal::recreate(&path, &self.log.events).map_err(|err| match err {
            journal::TakeError::Busy => StoreError(Msg::Store(StoreMsg::StationLocked {
                station: self.station.clone(),
                pid: lock::holder_of(&self.paths.lock),
            })),
            journal::TakeError::Link => {
                StoreError(Msg::Files(FileMsg::LinkRefused { path: path.display().to_string() }))
            }
            journal::TakeError::Io(err) => cannot_write(&path, err),
        })?;
        self.journal = journal;
        // The name tag went with logs/ (or is still ours): write it again, the
        // old one first, whose drop removes the file at the path if it is ours.
        self.lock = None;
        self.lock = StationLock::acquire(&self.paths.lock, &self.station).ok().map(|(lock, _)| lock);
        self.notices.push(Msg::Store(StoreMsg::JournalRecreated {
            path: path.display().to_string(),
            events: self.log.events.len(),
        }));
        // The journal has everything now, and a journal needs its JSON log
        // (which may have gone with it); a failure shows on the next checkpoint.
        let _ = self.write_json_log();
        Ok(())
    }

    /// Rewrites the JSON log from everything recorded (atomically).
    pub fn checkpoint(&mut self) -> Result<(), StoreError> {
        // Never over a JSON log that another console may own by now.
        self.ensure_journal()?;
        self.write_json_log()
    }

    fn write_json_log(&mut self) -> Result<(), StoreError> {
        self.log.refresh_summary();
        write_snapshot(&self.paths.snapshot, &self.log).map_err(|err| cannot_write(&self.paths.snapshot, err))
    }
}

/// A lock held by a live console is a conflict; anything else is the system's.
fn lock_failure(msg: Msg) -> OpenError {
    let kind = match msg {
        Msg::Store(StoreMsg::StationLocked { .. }) => ErrorKind::Conflict,
        _ => ErrorKind::Io,
    };
    OpenError::new(kind, msg)
}

/// Files in which a console that lost its station kept its events, named
/// when the station is opened again so that nobody forgets them.
fn rescued_files(paths: &LogPaths, station: &str) -> Option<Msg> {
    let dir = paths.journal.parent()?;
    let prefix = format!("{station}.rescued-");
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
        .map(|entry| entry.path().display().to_string())
        .collect();
    found.sort();
    (!found.is_empty()).then(|| Msg::Store(StoreMsg::RescuedLogs { files: found.join(", ") }))
}

/// Why the journal could not be taken: another console, a link, or the system.
fn take_failure(paths: &LogPaths, station: &str, err: journal::TakeError) -> OpenError {
    match err {
        journal::TakeError::Busy => OpenError::new(
            ErrorKind::Conflict,
            Msg::Store(StoreMsg::StationLocked {
                station: station.to_string(),
                pid: lock::holder_of(&paths.lock),
            }),
        ),
        journal::TakeError::Link => OpenError::new(
            ErrorKind::Damaged,
            Msg::Files(FileMsg::LinkRefused { path: paths.journal.display().to_string() }),
        ),
        journal::TakeError::Io(err) => OpenError::new(ErrorKind::Io, cannot_write(&paths.journal, err).0),
    }
}

/// Where a discarded log's copies went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discarded {
    pub snapshot: PathBuf,
    pub journal: PathBuf,
}

/// Sets a station's log aside so the station starts afresh (a rehearsal that
/// is done with): the JSON log and the journal are first copied to
/// `<station>.rehearsal-<at>.json` and `.journal.jsonl` (owner-only, fsynced,
/// never overwriting), and only then removed. Refused while a console has the
/// station open: the journal's lock is held throughout.
pub fn discard_log(logs_dir: &Path, station: &str, at: Timestamp) -> Result<Discarded, OpenError> {
    let paths = LogPaths::new(logs_dir, station);
    refuse_odd_logs(logs_dir)?;
    let (guard, _) = StationLock::acquire(&paths.guard, station).map_err(lock_failure)?;
    let taken = journal::take(&paths.journal).map_err(|err| take_failure(&paths, station, err))?;
    let stamp = at.format("%Y%m%dT%H%M%S");
    let backup = Discarded {
        snapshot: logs_dir.join(format!("{station}.rehearsal-{stamp}.json")),
        journal: logs_dir.join(format!("{station}.rehearsal-{stamp}.journal.jsonl")),
    };
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |err: std::io::Error| OpenError::new(ErrorKind::Io, cannot_write(&path, err).0)
    };
    for (from, to) in [(&paths.snapshot, &backup.snapshot), (&paths.journal, &backup.journal)] {
        if from.exists() {
            copy_private(from, to).map_err(io(to))?;
        }
    }
    fsutil::sync_dir(logs_dir).map_err(io(logs_dir))?;
    // The copies are on disk: now the originals may go, the JSON log first, so
    // that an interruption leaves a journal that the next open names plainly.
    if paths.snapshot.exists() {
        std::fs::remove_file(&paths.snapshot).map_err(io(&paths.snapshot))?;
    }
    fsutil::remove_held(&paths.journal, taken).map_err(io(&paths.journal))?;
    fsutil::sync_dir(logs_dir).map_err(io(logs_dir))?;
    drop(guard);
    Ok(backup)
}

/// Copies `from` to a new owner-only file `to`, fsynced; an existing `to` is never replaced.
fn copy_private(from: &Path, to: &Path) -> std::io::Result<()> {
    use std::io::Write;
    let bytes = fsutil::read_no_follow(from)?;
    let mut options = fsutil::private_options();
    options.write(true).create_new(true);
    let mut file = fsutil::open_no_follow(&options, to)?;
    file.write_all(&bytes)?;
    file.sync_all()
}

/// Reads a station's log without writing anything or taking the lock (for
/// followers and review). `Ok(None)` when the station has no log yet.
pub fn read_log(logs_dir: &Path, station: &str) -> Result<Option<(StationLog, Vec<Msg>)>, StoreError> {
    let paths = LogPaths::new(logs_dir, station);
    let (existing, content) = read_parts(&paths, station).map_err(StoreError::from)?;
    Ok(existing.map(|merged| (merged.log, content.torn.into_iter().collect())))
}

/// The logs of the stations planned before `station` (read like [`read_log`]:
/// no lock, nothing written), as the journey's history. A station without a
/// log is simply not part of it; one whose log cannot be read is left out
/// with its damage and a notice saying so, and the station still opens.
pub fn read_history(logs_dir: &Path, journey: &Journey, station: &str) -> (History, Vec<Msg>) {
    let mut history = History::default();
    let mut notices = Vec::new();
    for earlier in journey.stations.iter().take_while(|earlier| earlier.id != station) {
        match read_log(logs_dir, &earlier.id) {
            Ok(Some((log, _torn))) => history.stations.push(past(log)),
            Ok(None) => {}
            Err(StoreError(reason)) => {
                notices.push(reason);
                notices.push(Msg::Store(StoreMsg::HistoryLeftOut { station: earlier.id.clone() }));
            }
        }
    }
    (history, notices)
}

/// Every log of `journey`'s stations that has one (read like [`read_log`]:
/// no lock, nothing written), by station id, for review and export, with the
/// notices of what was left out (a torn last journal line). Unlike the
/// history a console reads, a log that cannot be read fails the whole read:
/// a review or a protocol must not quietly leave out a station.
pub fn read_journey_logs(
    logs_dir: &Path,
    journey: &Journey,
) -> Result<(BTreeMap<String, PastStation>, Vec<Msg>), StoreError> {
    let mut logs = BTreeMap::new();
    let mut notices = Vec::new();
    for station in &journey.stations {
        if let Some((log, torn)) = read_log(logs_dir, &station.id)? {
            logs.insert(station.id.clone(), past(log));
            notices.extend(torn);
        }
    }
    Ok((logs, notices))
}

/// What a station's log holds, as the journey's other stations see it.
fn past(log: StationLog) -> PastStation {
    PastStation {
        id: log.station.id,
        date: log.station.date,
        plan: log.plan,
        cohort: log.cohort,
        events: log.events,
    }
}

/// Like [`read_log`], with the place in the journal where the read ended, for
/// a follower that then reads only what is appended ([`JournalTail`]).
pub fn read_log_tail(
    logs_dir: &Path,
    station: &str,
) -> Result<Option<(StationLog, JournalTail)>, StoreError> {
    let paths = LogPaths::new(logs_dir, station);
    let (existing, content) = read_parts(&paths, station).map_err(StoreError::from)?;
    Ok(existing.map(|merged| (merged.log, JournalTail::after(&paths.journal, content.good_len))))
}

struct Merged {
    log: StationLog,
    replayed: usize,
}

/// Reads snapshot and journal and merges them: journal events the snapshot
/// already holds must agree with it, newer ones must continue its sequence.
fn read_parts(paths: &LogPaths, station: &str) -> Result<(Option<Merged>, JournalContent), OpenError> {
    refuse_odd_logs(paths.journal.parent().unwrap_or(Path::new(".")))?;
    let snapshot = read_snapshot(&paths.snapshot).map_err(read_failure)?;
    if let Some(log) = &snapshot
        && log.cohort.len() > crate::plan::MAX_PARTICIPANTS
    {
        return Err(OpenError::new(
            ErrorKind::Damaged,
            Msg::Store(StoreMsg::CohortTooLarge {
                path: paths.snapshot.display().to_string(),
                count: log.cohort.len(),
                max: crate::plan::MAX_PARTICIPANTS,
            }),
        ));
    }
    if let Some(log) = &snapshot
        && let Some(found) = [&log.station.id, &log.plan.id].into_iter().find(|id| *id != station)
    {
        return Err(OpenError::new(
            ErrorKind::Damaged,
            Msg::Store(StoreMsg::OtherStation {
                path: paths.snapshot.display().to_string(),
                found: found.clone(),
                expected: station.to_string(),
            }),
        ));
    }
    let content = read_journal(&paths.journal).map_err(read_failure)?;
    let Some(mut log) = snapshot else {
        if content.events.is_empty() {
            return Ok((None, content));
        }
        return Err(OpenError::new(
            ErrorKind::Damaged,
            Msg::Store(StoreMsg::OrphanJournal {
                journal: paths.journal.display().to_string(),
                snapshot: paths.snapshot.display().to_string(),
                events: content.events.len(),
            }),
        ));
    };
    let known = log.last_seq();
    let mut replayed = 0;
    for (line, envelope) in (1usize..).zip(&content.events) {
        let expected = log.last_seq() + 1;
        if envelope.seq <= known {
            let same =
                log.events.get((envelope.seq as usize).wrapping_sub(1)).is_some_and(|kept| kept == envelope);
            if !same {
                return Err(OpenError::new(
                    ErrorKind::Damaged,
                    Msg::Store(StoreMsg::LogConflict {
                        journal: paths.journal.display().to_string(),
                        snapshot: paths.snapshot.display().to_string(),
                        seq: envelope.seq,
                    }),
                ));
            }
        } else if envelope.seq == expected {
            log.events.push(envelope.clone());
            replayed += 1;
        } else {
            return Err(OpenError::new(
                ErrorKind::Damaged,
                Msg::Store(StoreMsg::LogSequenceGap {
                    path: paths.journal.display().to_string(),
                    line,
                    expected,
                    found: envelope.seq,
                }),
            ));
        }
    }
    check_events(paths, &log, &content)?;
    if replayed > 0 {
        log.refresh_summary();
    }
    Ok((Some(Merged { log, replayed }), content))
}

/// Refuses the first event the station's plan and cohort cannot explain,
/// named by its journal line (or its place in the JSON log).
fn check_events(paths: &LogPaths, log: &StationLog, content: &JournalContent) -> Result<(), OpenError> {
    let mut known = validate::Known::new(&log.plan, &log.cohort);
    let journal_line = |seq: u64| {
        content
            .events
            .iter()
            .zip(&content.lines)
            .find(|(envelope, _)| envelope.seq == seq)
            .map(|(_, line)| *line)
    };
    for envelope in &log.events {
        known.admit(envelope).map_err(|problem| {
            let (path, line) = match journal_line(envelope.seq) {
                Some(line) => (&paths.journal, Some(line)),
                None => {
                    let bytes = fsutil::read_no_follow(&paths.snapshot).unwrap_or_default();
                    (&paths.snapshot, snapshot::line_of_event(&bytes, &envelope.id))
                }
            };
            OpenError::new(
                ErrorKind::Damaged,
                Msg::Store(StoreMsg::UnexplainedEvent {
                    path: path.display().to_string(),
                    line,
                    seq: envelope.seq,
                    problem,
                }),
            )
        })?;
    }
    Ok(())
}

/// A `logs/` that is a symbolic link is refused like a linked file (it could
/// send the day's events and notes anywhere), and so is one holding a FIFO, a
/// device or a socket (which would block a read or swallow a write), at once.
fn refuse_odd_logs(logs_dir: &Path) -> Result<(), OpenError> {
    if fsutil::is_link(logs_dir) {
        return Err(OpenError::new(
            ErrorKind::Damaged,
            Msg::Files(FileMsg::LinkRefused { path: logs_dir.display().to_string() }),
        ));
    }
    match fsutil::special_entry(logs_dir) {
        Some(path) => Err(OpenError::new(
            ErrorKind::Damaged,
            Msg::Store(StoreMsg::SpecialFile { path: path.display().to_string() }),
        )),
        None => Ok(()),
    }
}

/// A file that could not be read is an IO failure; one that was read and
/// makes no sense is damage.
fn read_failure(msg: Msg) -> OpenError {
    let kind = match msg {
        Msg::Files(FileMsg::CannotRead { .. }) => ErrorKind::Io,
        _ => ErrorKind::Damaged,
    };
    OpenError::new(kind, msg)
}

fn cannot_write(path: &Path, err: std::io::Error) -> StoreError {
    StoreError(Msg::Files(FileMsg::CannotWrite { path: path.display().to_string(), reason: err.to_string() }))
}
