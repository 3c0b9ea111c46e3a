//! The audience view in its own terminal: follows the station's journal as a
//! reader (no lock, never writes), folds its events with the same core, and
//! redraws when the log changes or a visible second passes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crossterm::event::{Event as TermEvent, EventStream, KeyCode, KeyModifiers};
use futures_util::StreamExt;
use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode, Watcher};
use ratatui::DefaultTerminal;
use tokio::sync::mpsc;

use super::{AppError, Closed, WAKE_MARGIN, now_in};
use crate::core::Timestamp;
use crate::core::event::Envelope;
use crate::core::room::RoomView;
use crate::core::session::Session;
use crate::i18n::ProjectionLabel;
use crate::i18n::{Label, Lang};
use crate::plan::Station;
use crate::platform::keys::KeyFilter;
use crate::platform::signals::Signals;
use crate::store::{Appended, JournalTail, LogPaths, read_log_tail};
use crate::ui::{JoinView, ProjectionView, Theme, draw_join, draw_projection};

/// How often to look at the log when file notifications are not available.
const POLL: Duration = Duration::from_millis(200);

/// The station as the follower last read it.
#[derive(Debug)]
pub struct Follower {
    logs: PathBuf,
    station: String,
    session: Option<Session>,
    /// Where the last read of the journal ended: the next look reads only what was appended.
    tail: Option<JournalTail>,
    /// The log could not be read at the last look; the last good state stays on screen.
    damaged: bool,
    lang: Lang,
    /// How many times the whole log was read (the first look, then only after a
    /// journal shrank, was replaced or could not be followed).
    full_reads: usize,
}

impl Follower {
    pub fn new(logs: &Path, station: &str, lang: Lang) -> Follower {
        Follower {
            logs: logs.to_path_buf(),
            station: station.to_string(),
            session: None,
            tail: None,
            damaged: false,
            lang,
            full_reads: 0,
        }
    }

    /// Looks at the log again: only what was appended to the journal since the
    /// last look is read and folded in, so a key in the console costs the same
    /// with ten events in the log as with a hundred thousand. A journal that
    /// shrank, was replaced, or does not continue the sequence is read whole.
    /// A half-written last line is simply not there yet; anything unreadable
    /// keeps the last good state and shows a warning.
    pub fn refresh(&mut self) {
        if let (Some(session), Some(tail)) = (&mut self.session, &mut self.tail) {
            let journal = LogPaths::new(&self.logs, &self.station).journal;
            match tail.read_appended(&journal) {
                Appended::Events(events) if continues(session.last_seq, &events) => {
                    for envelope in &events {
                        session.apply(envelope);
                    }
                    self.damaged = false;
                    return;
                }
                Appended::Events(_) | Appended::Reread => {}
            }
        }
        self.read_whole();
    }

    fn read_whole(&mut self) {
        self.full_reads += 1;
        match read_log_tail(&self.logs, &self.station) {
            Ok(Some((log, tail))) => {
                self.session = Some(Session::replay(&log.plan, &log.cohort, &log.events));
                self.tail = Some(tail);
                self.damaged = false;
            }
            Ok(None) => {
                self.session = None;
                self.tail = None;
                self.damaged = false;
            }
            Err(_) => {
                // The next look reads the whole log again: it may be whole by then.
                self.tail = None;
                self.damaged = true;
            }
        }
    }

    /// How many times the whole log was read; the rest were appends.
    pub fn full_reads(&self) -> usize {
        self.full_reads
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// What the room may see of `station` at `now`.
    pub fn room(&self, station: &Station, now: Timestamp) -> RoomView {
        match &self.session {
            Some(session) => RoomView::new(station, session, now),
            None => RoomView::waiting(station, now),
        }
    }

    /// The notice the room sees: that the log cannot be read, never where it is.
    pub fn warning(&self) -> Option<&'static str> {
        self.damaged.then(|| Label::Projection(ProjectionLabel::LogUnreadableShort).text(self.lang))
    }

    /// Whether a file event concerns this station's log.
    pub fn concerns(&self, path: &Path) -> bool {
        path.file_name().and_then(|name| name.to_str()).is_some_and(|name| {
            name.strip_prefix(self.station.as_str()).is_some_and(|rest| rest.starts_with('.'))
        })
    }
}

/// Whether `events` continue a log whose last event is `last_seq`, one after another.
fn continues(last_seq: u64, events: &[Envelope]) -> bool {
    (last_seq + 1..).zip(events).all(|(expected, envelope)| envelope.seq == expected)
}

/// Runs the audience view of `station` until `q`, Esc or a signal.
pub async fn run_projection(
    terminal: &mut DefaultTerminal,
    journey_dir: &Path,
    logs: &Path,
    station: &Station,
    lang: Lang,
    theme: &Theme,
    grid: WakeGrid,
) -> Result<Closed, AppError> {
    let mut follower = Follower::new(logs, &station.id, lang);
    let (changed_tx, mut changed) = mpsc::unbounded_channel::<PathBuf>();
    // The journey directory is watched, not logs/, which may not exist yet.
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Only writes count: our own reads raise access events, which must not wake us.
        if let Ok(event) = event
            && is_write(&event.kind)
        {
            for path in event.paths {
                let _ = changed_tx.send(path);
            }
        }
    })
    .and_then(|mut watcher| watcher.watch(journey_dir, RecursiveMode::Recursive).map(|()| watcher));
    let polling = watcher.is_err();
    let mut events = EventStream::new();
    let mut keys = KeyFilter::for_this_platform();
    let mut signals = Signals::new()?;
    let mut closed = Closed::Normally;
    // `j`: the join view, the address of the group screens `serve` published.
    let mut join = false;
    follower.refresh();
    loop {
        let at = now_in(station.timezone);
        let room = follower.room(station, at);
        if join {
            let url = crate::serve::address::read(logs, &station.id);
            let qr = url.as_deref().map(crate::serve::qr_lines).unwrap_or_default();
            let groups = crate::serve::Views { now: &room, later: &room, lang, warning: None }.group_count();
            let view = JoinView { url: url.as_deref(), qr: &qr, groups, lang, theme };
            terminal.draw(|frame| draw_join(frame, &view))?;
        } else {
            let view = ProjectionView { room: &room, warning: follower.warning(), hint: None, lang, theme };
            terminal.draw(|frame| draw_projection(frame, &view))?;
        }
        let wake = next_wake(follower.session(), at, polling);
        tokio::select! {
            Some(path) = changed.recv() => {
                let mut relevant = follower.concerns(&path);
                // One append raises several notifications: read once for all of them.
                while let Ok(path) = changed.try_recv() {
                    relevant |= follower.concerns(&path);
                }
                if relevant {
                    follower.refresh();
                }
            }
            event = events.next() => match event {
                Some(Ok(TermEvent::Key(key))) => {
                    let Some(key) = keys.pass(key) else { continue };
                    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
                    if ctrl_c || matches!(key.code, KeyCode::Char('q') | KeyCode::Esc) {
                        break;
                    }
                    if key.code == KeyCode::Char('j') {
                        join = !join;
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(err)) => return Err(err.into()),
                None => break,
            },
            () = tokio::time::sleep_until(grid.deadline(wake)) => {
                if polling {
                    follower.refresh();
                }
            }
            ending = signals.recv() => {
                closed = ending.into();
                break;
            }
        }
    }
    drop(watcher);
    Ok(closed)
}

/// Deadlines that cost one wake-up each. tokio's timer wheel files a sleep of
/// 64 ms to 4 s in a 64 ms slot and wakes at the slot's start, then again at
/// the deadline: two wake-ups a second for a 1 Hz display. A deadline on a
/// slot boundary (a multiple of 64 ms after the runtime's timer started) wakes
/// once; the price is that a second is shown up to 64 ms after it begins.
#[derive(Debug, Clone, Copy)]
pub struct WakeGrid {
    /// When the runtime's timer started, as near as we can tell: take it right
    /// after building the runtime, a few microseconds after the timer started.
    /// If the guess is off, a wake-up costs two again, nothing worse.
    origin: std::time::Instant,
}

/// tokio's slot width at the level that holds deadlines from 64 ms to 4 s away.
const SLOT_MS: u128 = 64;

impl WakeGrid {
    /// Call right after building the runtime.
    pub fn new() -> WakeGrid {
        WakeGrid { origin: std::time::Instant::now() }
    }

    /// The first slot boundary at least `after` from now.
    pub fn deadline(&self, after: Duration) -> tokio::time::Instant {
        let target = std::time::Instant::now() + after;
        let since = target.saturating_duration_since(self.origin);
        let boundary = since.as_millis().div_ceil(SLOT_MS) * SLOT_MS;
        let boundary = Duration::from_millis(u64::try_from(boundary).unwrap_or(u64::MAX));
        // tokio rounds a deadline up to its next millisecond: aim half a
        // millisecond short of the boundary, so that it lands on it.
        let at = (self.origin + boundary).checked_sub(Duration::from_micros(500)).unwrap_or(target);
        tokio::time::Instant::from_std(at)
    }
}

/// Whether a file event means the log's content may have changed. Reads
/// (our own included) and metadata changes do not.
pub fn is_write(kind: &EventKind) -> bool {
    match kind {
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// The next second of a running timer, the next minute of the clock, or the next poll.
fn next_wake(session: Option<&Session>, now: Timestamp, polling: bool) -> Duration {
    let clock = super::until_next_minute(now);
    let timer = session.and_then(Session::current).and_then(|item| item.timer.until_next_second(now));
    let wake = timer.map_or(clock, |timer| timer.min(clock)).to_std().unwrap_or(Duration::from_secs(1));
    if polling { wake.min(POLL) } else { wake + WAKE_MARGIN }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind, RemoveKind};

    #[test]
    fn only_writes_wake_the_follower() {
        assert!(is_write(&EventKind::Modify(ModifyKind::Data(DataChange::Any))));
        assert!(is_write(&EventKind::Create(CreateKind::File)));
        assert!(is_write(&EventKind::Remove(RemoveKind::File)));
        assert!(is_write(&EventKind::Modify(ModifyKind::Name(notify::event::RenameMode::To))));
        // Reading the log ourselves raises these: they must not start a loop.
        assert!(!is_write(&EventKind::Access(AccessKind::Open(notify::event::AccessMode::Read))));
        assert!(!is_write(&EventKind::Access(AccessKind::Close(notify::event::AccessMode::Read))));
        assert!(!is_write(&EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))));
    }

    #[test]
    fn a_follower_cares_only_for_its_station() {
        let follower = Follower::new(Path::new("logs"), "muenchen", Lang::De);
        assert!(follower.concerns(Path::new("logs/muenchen.journal.jsonl")));
        assert!(follower.concerns(Path::new("logs/muenchen.json")));
        assert!(!follower.concerns(Path::new("logs/muenchen-2.json")));
        assert!(!follower.concerns(Path::new("logs/koeln.journal.jsonl")));
    }
}
