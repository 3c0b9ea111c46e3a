//! The state of a station as a pure fold over its events, and the summary
//! derived from it for the station log.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDate, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};

use super::Timestamp;
use super::command::{Command, Refusal};
use super::consultation;
use super::discussion;
use super::event::{AgendaChange, Anchor, AnchorMode, Envelope, Event, Presence, Scene};
use super::method::{BlockClock, Context, MethodRefusal, MethodState};
use super::reflection;
use super::stats;
use super::timer::{Timer, later, saturating_add};
use crate::plan::Zone;
use crate::plan::{Block, BlockKind, Method, Participant, Station, minute_of_day, planned_slots, wall_clock};

/// Where a block stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockState {
    Upcoming,
    /// Started and not yet completed (its timer may be paused).
    Current,
    Done,
    Skipped,
}

/// One block of the agenda with what has happened to it.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaItem {
    pub block: Block,
    pub state: BlockState,
    pub timer: Timer,
    pub started_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    /// Minutes added (positive) or taken away (negative) while it ran.
    pub adjusted_minutes: i64,
    /// The state of the block's method (the speaker queue of a discussion, …).
    pub method: MethodState,
    /// Who was marked absent when it last ended, was skipped or went back to
    /// the agenda: who was there for it is read from here, not from the
    /// attendance at the end of the day (someone who left at lunch was in
    /// the morning's groups).
    pub absent_at_end: Option<BTreeSet<String>>,
}

impl AgendaItem {
    /// Whether it has run as far as the day's record goes: started, and not
    /// stepped back from to the upcoming agenda (it runs again later).
    pub fn ran(&self) -> bool {
        self.started_at.is_some() && self.state != BlockState::Upcoming
    }

    fn new(block: Block) -> AgendaItem {
        let timer = Timer::new(TimeDelta::minutes(i64::from(block.minutes)));
        let method = MethodState::new(&block.method);
        AgendaItem {
            block,
            state: BlockState::Upcoming,
            timer,
            started_at: None,
            ended_at: None,
            adjusted_minutes: 0,
            method,
            absent_at_end: None,
        }
    }
}

/// One change of the facilitator that `u` can take back: the events one
/// command recorded (consecutive, at one instant) and the events that undo them.
#[derive(Debug, Clone, PartialEq)]
pub struct Undoable {
    pub first_seq: u64,
    pub last_seq: u64,
    pub at: Timestamp,
    /// `None` when one of its events cannot be taken back.
    pub inverse: Option<Vec<Event>>,
}

/// What taking an event back means.
enum Inverse {
    /// It changes nothing a facilitator would take back (a resumption, a note).
    Neutral,
    /// These events take it back.
    Events(Vec<Event>),
    /// It cannot be taken back.
    Never,
}

/// A private note of the facilitator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub at: Timestamp,
    pub block: Option<String>,
    pub text: String,
}

/// A station's session: the agenda as it stands and everything recorded so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub date: NaiveDate,
    pub planned_start: NaiveTime,
    /// The zone the plan's clock times are meant in (see [`Station::timezone`]).
    pub zone: Option<Zone>,
    /// Each planned block's start, in minutes after the station's start, in the original plan.
    pub planned_offsets: HashMap<String, u32>,
    /// Each planned block's end, in minutes after the station's start, in the original plan.
    pub planned_ends: HashMap<String, u32>,
    /// Where the original plan ends, in minutes after the station's start.
    pub planned_length: u32,
    pub agenda: Vec<AgendaItem>,
    /// The participants, as the log recorded them: the one cohort of core and views.
    pub cohort: Vec<Participant>,
    /// Who is marked absent today; everyone else in the cohort is here.
    pub absent: BTreeSet<String>,
    pub anchor: Option<Anchor>,
    pub notes: Vec<Note>,
    /// What the projection shows.
    pub scene: Scene,
    /// The changes `u` can take back, the latest last.
    pub undo: Vec<Undoable>,
    /// The sequence number and time of the last event applied.
    pub last_seq: u64,
    pub last_at: Option<Timestamp>,
}

impl Session {
    /// A station before anything happened.
    pub fn new(station: &Station, cohort: &[Participant]) -> Session {
        let start = minute_of_day(station.start);
        let slots = planned_slots(station);
        Session {
            date: station.date,
            planned_start: station.start,
            zone: station.timezone,
            planned_offsets: station
                .blocks
                .iter()
                .zip(&slots)
                .map(|(block, slot)| (block.id.clone(), slot.start.saturating_sub(start)))
                .collect(),
            planned_ends: station
                .blocks
                .iter()
                .zip(&slots)
                .map(|(block, slot)| (block.id.clone(), slot.end.saturating_sub(start)))
                .collect(),
            planned_length: slots.last().map_or(0, |slot| slot.end.saturating_sub(start)),
            agenda: station.blocks.iter().cloned().map(AgendaItem::new).collect(),
            cohort: cohort.to_vec(),
            absent: BTreeSet::new(),
            anchor: None,
            notes: Vec::new(),
            scene: Scene::Auto,
            undo: Vec::new(),
            last_seq: 0,
            last_at: None,
        }
    }

    /// The state after `events`, from the start.
    pub fn replay<'a>(
        station: &Station,
        cohort: &[Participant],
        events: impl IntoIterator<Item = &'a Envelope>,
    ) -> Session {
        let mut session = Session::new(station, cohort);
        for envelope in events {
            session.apply(envelope);
        }
        session
    }

    /// The block that has started and not yet ended.
    pub fn current(&self) -> Option<&AgendaItem> {
        self.agenda.iter().find(|item| item.state == BlockState::Current)
    }

    fn item_mut(&mut self, id: &str) -> Option<&mut AgendaItem> {
        self.agenda.iter_mut().find(|item| item.block.id == id)
    }

    /// Folds one recorded event into the state. Events are facts: one that
    /// names a block the agenda no longer has changes nothing.
    pub fn apply(&mut self, envelope: &Envelope) {
        let at = envelope.at;
        // Taking an event back is worked out on the state before it.
        let inverse = self.inverse(&envelope.event);
        self.remember(envelope, inverse);
        self.last_seq = envelope.seq;
        self.last_at = Some(at);
        match &envelope.event {
            Event::StationStarted { anchor } | Event::ScheduleAnchored { anchor } => {
                self.anchor = Some(*anchor)
            }
            Event::StationResumed => {}
            // The change and everything recorded since (its inverse) leave the undo list.
            Event::Undone { seq } => self.undo.retain(|undoable| undoable.first_seq < *seq),
            Event::BlockStarted { block } => {
                if let Some(item) = self.item_mut(block) {
                    item.state = BlockState::Current;
                    item.started_at.get_or_insert(at);
                    item.ended_at = None;
                    item.timer.run(at);
                    item.method.block_clock(BlockClock::Running, at);
                }
            }
            Event::BlockPaused { block } => {
                if let Some(item) = self.item_mut(block) {
                    item.timer.pause(at);
                    item.method.block_clock(BlockClock::Paused, at);
                }
            }
            Event::BlockResumed { block } => {
                if let Some(item) = self.item_mut(block) {
                    item.timer.run(at);
                    item.method.block_clock(BlockClock::Running, at);
                }
            }
            Event::BlockExtended { block, minutes } => self.adjust(block, i64::from(*minutes)),
            Event::BlockShortened { block, minutes } => self.adjust(block, -i64::from(*minutes)),
            Event::BlockCompleted { block } => self.end(block, at, BlockState::Done),
            Event::BlockSkipped { block } => self.end(block, at, BlockState::Skipped),
            Event::BlockUnstarted { block } => {
                // As before it ever ran: its timer, its method and its start forgotten;
                // a re-plan of its length (and any time it was given) stays.
                if let Some(item) = self.item_mut(block) {
                    let budget = item.timer.budget();
                    item.state = BlockState::Upcoming;
                    item.started_at = None;
                    item.ended_at = None;
                    item.timer = Timer::new(budget);
                    item.method = MethodState::new(&item.block.method);
                    item.absent_at_end = None;
                }
            }
            Event::BlockRestored { block } => {
                if let Some(item) = self.item_mut(block).filter(|item| item.state == BlockState::Skipped) {
                    item.state = BlockState::Upcoming;
                    item.ended_at = None;
                }
            }
            Event::BlockReturned { block } => {
                let absent = self.absent.clone();
                if let Some(item) = self.item_mut(block) {
                    item.absent_at_end = Some(absent);
                    item.timer.pause(at);
                    item.state = BlockState::Upcoming;
                    item.method.block_clock(BlockClock::Left, at);
                }
            }
            Event::AgendaChanged { change } => self.change_agenda(change),
            Event::AttendanceChanged { participant, presence } => match presence {
                Presence::Present => {
                    self.absent.remove(participant);
                }
                Presence::Absent => {
                    self.absent.insert(participant.clone());
                }
            },
            Event::Method(event) => {
                if let Some(item) = self.item_mut(event.block()) {
                    item.method.apply(event, at);
                }
            }
            Event::SceneChanged { scene } => self.scene = scene.clone(),
            Event::NoteAdded { block, text } => {
                self.notes.push(Note { at, block: block.clone(), text: text.clone() });
            }
        }
    }

    /// Adds an applied event to the undo list: to the change of its command
    /// (consecutive, same instant), or as a change of its own.
    fn remember(&mut self, envelope: &Envelope, inverse: Inverse) {
        let inverse = match inverse {
            Inverse::Neutral => return,
            Inverse::Events(events) => Some(events),
            Inverse::Never => None,
        };
        match self.undo.last_mut() {
            Some(last) if last.at == envelope.at && last.last_seq + 1 == envelope.seq => {
                last.last_seq = envelope.seq;
                // Later events are taken back first.
                last.inverse = last.inverse.take().zip(inverse).map(|(mut before, mut this)| {
                    this.append(&mut before);
                    this
                });
            }
            Some(_) | None => self.undo.push(Undoable {
                first_seq: envelope.seq,
                last_seq: envelope.seq,
                at: envelope.at,
                inverse,
            }),
        }
    }

    /// What takes `event` back, judged on the state before it.
    fn inverse(&self, event: &Event) -> Inverse {
        match event {
            Event::StationResumed | Event::NoteAdded { .. } | Event::Undone { .. } => Inverse::Neutral,
            Event::StationStarted { .. } => Inverse::Never,
            Event::ScheduleAnchored { .. } => match self.anchor {
                Some(anchor) => Inverse::Events(vec![Event::ScheduleAnchored { anchor }]),
                None => Inverse::Never,
            },
            // A block started by mistake goes back as if it had never run; one
            // that had run before (and was stepped back to) cannot be.
            Event::BlockStarted { block } => match self.item(block) {
                Ok(item) if item.state == BlockState::Upcoming && item.started_at.is_none() => {
                    Inverse::Events(vec![Event::BlockUnstarted { block: block.clone() }])
                }
                Ok(_) | Err(_) => Inverse::Never,
            },
            Event::BlockPaused { block } => {
                Inverse::Events(vec![Event::BlockResumed { block: block.clone() }])
            }
            Event::BlockResumed { block } => {
                Inverse::Events(vec![Event::BlockPaused { block: block.clone() }])
            }
            Event::BlockExtended { block, minutes } => {
                Inverse::Events(vec![Event::BlockShortened { block: block.clone(), minutes: *minutes }])
            }
            Event::BlockShortened { block, minutes } => {
                Inverse::Events(vec![Event::BlockExtended { block: block.clone(), minutes: *minutes }])
            }
            // Ending or skipping the running block is taken back by running it
            // again, paused if it was.
            Event::BlockCompleted { block } | Event::BlockSkipped { block } => match self.item(block) {
                Ok(item) if item.state == BlockState::Current => {
                    let mut events = vec![Event::BlockStarted { block: block.clone() }];
                    if matches!(event, Event::BlockSkipped { .. }) {
                        events.insert(0, Event::BlockRestored { block: block.clone() });
                    }
                    if !item.timer.is_running() {
                        events.push(Event::BlockPaused { block: block.clone() });
                    }
                    Inverse::Events(events)
                }
                Ok(item)
                    if item.state == BlockState::Upcoming && matches!(event, Event::BlockSkipped { .. }) =>
                {
                    Inverse::Events(vec![Event::BlockRestored { block: block.clone() }])
                }
                Ok(_) | Err(_) => Inverse::Never,
            },
            Event::BlockRestored { block } => {
                Inverse::Events(vec![Event::BlockSkipped { block: block.clone() }])
            }
            Event::BlockReturned { .. } | Event::BlockUnstarted { .. } => Inverse::Never,
            Event::AgendaChanged { change } => match change {
                AgendaChange::Moved { block, .. } => match self.position(block) {
                    Some(position) => Inverse::Events(vec![Event::AgendaChanged {
                        change: AgendaChange::Moved { block: block.clone(), position },
                    }]),
                    None => Inverse::Never,
                },
                AgendaChange::DurationSet { block, .. } => match self.item(block) {
                    Ok(item) => Inverse::Events(vec![Event::AgendaChanged {
                        change: AgendaChange::DurationSet {
                            block: block.clone(),
                            minutes: item.block.minutes,
                        },
                    }]),
                    Err(_) => Inverse::Never,
                },
                AgendaChange::Inserted { block, .. } => Inverse::Events(vec![Event::AgendaChanged {
                    change: AgendaChange::Removed { block: block.id.clone() },
                }]),
                AgendaChange::Removed { .. } => Inverse::Never,
            },
            Event::AttendanceChanged { participant, .. } => {
                let presence =
                    if self.absent.contains(participant) { Presence::Absent } else { Presence::Present };
                Inverse::Events(vec![Event::AttendanceChanged { participant: participant.clone(), presence }])
            }
            Event::SceneChanged { .. } => {
                Inverse::Events(vec![Event::SceneChanged { scene: self.scene.clone() }])
            }
            Event::Method(event) => {
                let inverse = self.item(event.block()).ok().and_then(|item| item.method.inverse(event));
                match inverse {
                    Some(events) => Inverse::Events(events.into_iter().map(Event::Method).collect()),
                    None => Inverse::Never,
                }
            }
        }
    }

    /// The current block, if it is a consultation, with its state.
    pub fn current_consultation(&self) -> Option<(&AgendaItem, &consultation::State)> {
        self.current().and_then(|item| item.method.consultation().map(|consultation| (item, consultation)))
    }

    /// The current block, if it is a discussion, with its state.
    pub fn current_discussion(&self) -> Option<(&AgendaItem, &discussion::State)> {
        self.current().and_then(|item| item.method.discussion().map(|discussion| (item, discussion)))
    }

    /// What a method of `block` sees of the station.
    pub fn context<'a>(&'a self, block: &'a str) -> Context<'a> {
        Context { block, cohort: &self.cohort, absent: &self.absent }
    }

    /// Who was marked absent for `item`: when it last ran (until it ended or
    /// was stepped back from), or now while it runs or before it ever ran.
    pub fn absent_for<'a>(&'a self, item: &'a AgendaItem) -> &'a BTreeSet<String> {
        match item.state {
            BlockState::Current => &self.absent,
            BlockState::Upcoming | BlockState::Done | BlockState::Skipped => {
                item.absent_at_end.as_ref().unwrap_or(&self.absent)
            }
        }
    }

    /// The participants here today, in cohort order.
    pub fn present(&self) -> Vec<&Participant> {
        self.cohort.iter().filter(|p| !self.absent.contains(&p.id)).collect()
    }

    fn adjust(&mut self, block: &str, minutes: i64) {
        if let Some(item) = self.item_mut(block) {
            item.adjusted_minutes += minutes;
            item.timer.adjust(TimeDelta::minutes(minutes));
        }
    }

    fn end(&mut self, block: &str, at: Timestamp, state: BlockState) {
        let absent = self.absent.clone();
        if let Some(item) = self.item_mut(block) {
            // Who was there when it ran: a block skipped before it ran keeps what it had.
            if item.state == BlockState::Current {
                item.absent_at_end = Some(absent);
            }
            item.timer.pause(at);
            item.method.block_clock(BlockClock::Left, at);
            item.state = state;
            item.ended_at = Some(at);
        }
    }

    fn change_agenda(&mut self, change: &AgendaChange) {
        match change {
            AgendaChange::Moved { block, position } => {
                if let Some(from) = self.agenda.iter().position(|item| &item.block.id == block) {
                    let item = self.agenda.remove(from);
                    let to = (*position).min(self.agenda.len());
                    self.agenda.insert(to, item);
                }
            }
            AgendaChange::DurationSet { block, minutes } => {
                if let Some(item) = self.item_mut(block) {
                    let delta = i64::from(*minutes) - i64::from(item.block.minutes);
                    item.block.minutes = *minutes;
                    item.timer.adjust(TimeDelta::minutes(delta));
                }
            }
            AgendaChange::Removed { block } => {
                // Only a block inserted on the day, before it ran: the plan's own blocks stay.
                let removable = |item: &AgendaItem| {
                    &item.block.id == block
                        && item.state == BlockState::Upcoming
                        && item.started_at.is_none()
                        && !self.planned_offsets.contains_key(block)
                };
                if let Some(at) = self.agenda.iter().position(removable) {
                    self.agenda.remove(at);
                }
            }
            AgendaChange::Inserted { block, position } => {
                let to = (*position).min(self.agenda.len());
                self.agenda.insert(to, AgendaItem::new(block.as_ref().clone()));
            }
        }
    }

    pub fn is_started(&self) -> bool {
        self.anchor.is_some()
    }

    /// Started, and every block is done or skipped.
    pub fn is_finished(&self) -> bool {
        self.is_started()
            && self.agenda.iter().all(|item| matches!(item.state, BlockState::Done | BlockState::Skipped))
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.agenda.iter().position(|item| item.block.id == id)
    }

    fn next_upcoming(&self) -> Option<&AgendaItem> {
        self.agenda.iter().find(|item| item.state == BlockState::Upcoming)
    }

    /// The instant the plan's start means on `date`.
    pub fn planned_instant(&self, now: Timestamp) -> Timestamp {
        self.clock_instant(minute_of_day(self.planned_start), now)
    }

    /// The instant a clock time of the plan (minutes since midnight, past 24:00
    /// on the next day) means on the station's date: in the station's zone,
    /// daylight saving included; without a zone (an old log) at `now`'s UTC offset.
    pub fn clock_instant(&self, minute: u32, now: Timestamp) -> Timestamp {
        let naive = wall_clock(self.date, minute);
        match self.zone {
            Some(zone) => zone.instant(naive),
            None => naive.and_local_timezone(*now.offset()).single().unwrap_or(now),
        }
    }

    /// The instant `minutes` of the plan after `from` (before it, when
    /// negative). The plan's clock times are wall-clock times in the station's
    /// zone: the run sheet, the participants' agenda and their calendars put a
    /// block after a 4h block from 01:00 at 05:00, also on the night the
    /// clocks go back and 5 hours pass. So on the station's day
    /// ([`AnchorMode::Planned`]) the minutes go on `from`'s wall clock and the
    /// sum is taken through the zone ([`Zone::instant`], as [`Self::clock_instant`]):
    /// the console's plan column shows the times the room was given, and the
    /// buffer before a fixed start and the lateness measure against them. How
    /// long blocks really take (the console's "now" column) is elapsed time.
    /// A rehearsal on another day ([`AnchorMode::Shifted`]) has no clock of
    /// its own: there, and without a zone (an old log), plan minutes are
    /// elapsed minutes; so is a sum [`later`] must hold at the calendar's ends.
    pub fn plan_later(&self, from: Timestamp, minutes: i64, mode: AnchorMode) -> Timestamp {
        let delta = TimeDelta::minutes(minutes);
        let elapsed = later(from, delta);
        match (mode, self.zone) {
            (AnchorMode::Planned, Some(zone)) if elapsed - from == delta => zone
                .at(from)
                .naive_local()
                .checked_add_signed(delta)
                .map_or(elapsed, |wall| zone.instant(wall)),
            (AnchorMode::Planned | AnchorMode::Shifted, _) => elapsed,
        }
    }

    /// Whether `now` falls on the station's date, in the station's zone.
    pub fn is_station_day(&self, now: Timestamp) -> bool {
        let today = self.zone.map_or_else(|| now.date_naive(), |zone| zone.at(now).date_naive());
        today == self.date
    }

    /// On the planned date the plan's clock counts; on any other day (a
    /// rehearsal, the demo) the plan is shifted to start now.
    fn anchor_for(&self, now: Timestamp) -> Anchor {
        if self.is_station_day(now) {
            Anchor { mode: AnchorMode::Planned, start: self.planned_instant(now) }
        } else {
            Anchor { mode: AnchorMode::Shifted, start: now }
        }
    }

    /// Starts the next upcoming block, starting the station first if needed.
    fn start_next(&self, now: Timestamp, events: Vec<Event>) -> Result<Vec<Event>, Refusal> {
        let Some(next) = self.next_upcoming() else {
            return if events.is_empty() { Err(Refusal::AgendaFinished) } else { Ok(events) };
        };
        Ok(self.start_block(now, events, &next.block.id))
    }

    /// The one path by which a block starts: the station's start the first
    /// time, and the projection back to its timer (from the agenda shown while
    /// people arrived, or the message of the break before).
    fn start_block(&self, now: Timestamp, mut events: Vec<Event>, block: &str) -> Vec<Event> {
        if !self.is_started() {
            events.push(Event::StationStarted { anchor: self.anchor_for(now) });
        }
        if self.scene != Scene::Auto {
            events.push(Event::SceneChanged { scene: Scene::Auto });
        }
        events.push(Event::BlockStarted { block: block.to_string() });
        events
    }

    /// The events that carry out `command` at `now`, or why it changes nothing.
    /// Pure: the caller records the events and then applies them.
    pub fn decide(&self, command: &Command, now: Timestamp) -> Result<Vec<Event>, Refusal> {
        let current = self.current();
        match command {
            Command::StartPause => match current {
                Some(item) if item.timer.is_running() => {
                    Ok(vec![Event::BlockPaused { block: item.block.id.clone() }])
                }
                Some(item) => Ok(vec![Event::BlockResumed { block: item.block.id.clone() }]),
                None => self.start_next(now, Vec::new()),
            },
            Command::NextBlock => {
                let done = current.map(|item| Event::BlockCompleted { block: item.block.id.clone() });
                self.start_next(now, done.into_iter().collect())
            }
            Command::PreviousBlock => {
                let before =
                    current.and_then(|item| self.position(&item.block.id)).unwrap_or(self.agenda.len());
                let previous = self.agenda[..before]
                    .iter()
                    .rev()
                    .find(|item| matches!(item.state, BlockState::Done | BlockState::Skipped))
                    .ok_or(Refusal::NoPreviousBlock)?;
                let returned = current.map(|item| Event::BlockReturned { block: item.block.id.clone() });
                Ok(self.start_block(now, returned.into_iter().collect(), &previous.block.id))
            }
            Command::AdjustTime { block, minutes } => {
                let item = self.item(block)?;
                match item.state {
                    BlockState::Current => {
                        // A log may hold absurd extensions: the budget saturates, never panics.
                        let minutes_delta = TimeDelta::try_minutes(*minutes).unwrap_or(TimeDelta::MAX);
                        let budget = saturating_add(item.timer.budget(), minutes_delta);
                        if budget < TimeDelta::minutes(1) {
                            return Err(Refusal::TooShort);
                        }
                        let amount = u32::try_from(minutes.unsigned_abs()).map_err(|_| Refusal::TooShort)?;
                        let block = block.clone();
                        Ok(vec![if *minutes >= 0 {
                            Event::BlockExtended { block, minutes: amount }
                        } else {
                            Event::BlockShortened { block, minutes: amount }
                        }])
                    }
                    BlockState::Upcoming => {
                        let planned = i64::from(item.block.minutes) + minutes;
                        let minutes =
                            u32::try_from(planned).ok().filter(|m| *m >= 1).ok_or(Refusal::TooShort)?;
                        Ok(vec![Event::AgendaChanged {
                            change: AgendaChange::DurationSet { block: block.clone(), minutes },
                        }])
                    }
                    BlockState::Done | BlockState::Skipped => Err(Refusal::BlockNotChangeable),
                }
            }
            Command::Skip { block } => {
                let item = self.item(block)?;
                let skipped = Event::BlockSkipped { block: block.clone() };
                match item.state {
                    BlockState::Upcoming => Ok(vec![skipped]),
                    BlockState::Current => Ok(match self.next_upcoming() {
                        Some(next) => self.start_block(now, vec![skipped], &next.block.id),
                        None => vec![skipped],
                    }),
                    BlockState::Done | BlockState::Skipped => Err(Refusal::BlockNotChangeable),
                }
            }
            Command::Restore { block } => match self.item(block)?.state {
                BlockState::Skipped => Ok(vec![Event::BlockRestored { block: block.clone() }]),
                BlockState::Upcoming | BlockState::Current | BlockState::Done => Err(Refusal::NotSkipped),
            },
            Command::Move { block, earlier } => {
                let from = self.position(block).ok_or(Refusal::UnknownBlock)?;
                if self.agenda[from].state != BlockState::Upcoming {
                    return Err(Refusal::BlockNotChangeable);
                }
                let to = if *earlier { from.checked_sub(1) } else { Some(from + 1) };
                match to.and_then(|to| self.agenda.get(to).map(|item| (to, item))) {
                    Some((to, neighbour)) if neighbour.state == BlockState::Upcoming => {
                        Ok(vec![Event::AgendaChanged {
                            change: AgendaChange::Moved { block: block.clone(), position: to },
                        }])
                    }
                    _ => Err(Refusal::CannotMoveFurther),
                }
            }
            Command::InsertBreak { after, minutes, title } => {
                if *minutes == 0 {
                    return Err(Refusal::TooShort);
                }
                // Right after the current block, else before the next upcoming one
                // (a block skipped ahead of time further down does not count).
                let first_open = match current.and_then(|item| self.position(&item.block.id)) {
                    Some(current) => current + 1,
                    None => self
                        .agenda
                        .iter()
                        .position(|item| item.state == BlockState::Upcoming)
                        .unwrap_or(self.agenda.len()),
                };
                let requested = match after {
                    Some(id) => self.position(id).ok_or(Refusal::UnknownBlock)? + 1,
                    None => first_open,
                };
                let mut number = 1;
                let id = loop {
                    let id = format!("pause-{number}");
                    if self.position(&id).is_none() {
                        break id;
                    }
                    number += 1;
                };
                let block = Block {
                    id,
                    kind: BlockKind::Break,
                    title: title.clone(),
                    minutes: *minutes,
                    fixed_start: None,
                    owner: None,
                    speaker: None,
                    notes: None,
                    last_minutes_secs: crate::plan::DEFAULT_LAST_MINUTES_SECS,
                    speaker_clock: crate::plan::PersonClock::Discreet,
                    method: Method::Plain,
                };
                Ok(vec![Event::AgendaChanged {
                    change: AgendaChange::Inserted {
                        block: Box::new(block),
                        position: requested.max(first_open),
                    },
                }])
            }
            Command::Method(command) => {
                let item = current.ok_or(Refusal::Method(MethodRefusal::NotRunning(command.kind())))?;
                let events = item
                    .method
                    .decide(&self.context(&item.block.id), command, now)
                    .map_err(Refusal::Method)?;
                // A method that moves its block's end (a consultation's phase
                // extension) moves it the way `+` does, so the agenda follows.
                let minutes: i64 = events.iter().filter_map(|event| event.block_minutes()).sum();
                let mut events: Vec<Event> = events.into_iter().map(Event::Method).collect();
                if minutes != 0 {
                    let block = item.block.id.clone();
                    events.extend(self.decide(&Command::AdjustTime { block, minutes }, now)?);
                }
                Ok(events)
            }
            Command::SetPresence { participant, presence } => {
                if !self.cohort.iter().any(|p| &p.id == participant) {
                    return Err(Refusal::UnknownParticipant);
                }
                let absent = self.absent.contains(participant);
                if absent == (*presence == Presence::Absent) {
                    return Err(Refusal::PresenceUnchanged);
                }
                Ok(vec![Event::AttendanceChanged { participant: participant.clone(), presence: *presence }])
            }
            Command::SetScene(scene) => {
                let scene = match scene {
                    Scene::Message { text } if text.trim().is_empty() => return Err(Refusal::EmptyMessage),
                    Scene::Message { text } => Scene::Message { text: text.trim().to_string() },
                    other => other.clone(),
                };
                Ok(vec![Event::SceneChanged { scene }])
            }
            Command::AddNote { text } => {
                let text = text.trim();
                if text.is_empty() {
                    return Err(Refusal::EmptyNote);
                }
                Ok(vec![Event::NoteAdded {
                    block: current.map(|item| item.block.id.clone()),
                    text: text.to_string(),
                }])
            }
            Command::Reanchor => {
                if !self.is_started() {
                    return Err(Refusal::NotStarted);
                }
                let target = current.or_else(|| self.next_upcoming()).ok_or(Refusal::AgendaFinished)?;
                let from = self.position(&target.block.id).unwrap_or(0);
                let offset = self.agenda[from..]
                    .iter()
                    .find_map(|item| self.planned_offsets.get(&item.block.id))
                    .copied()
                    .unwrap_or(self.planned_length);
                let begins = target.started_at.filter(|_| target.state == BlockState::Current).unwrap_or(now);
                // A block started at the calendar's first instants (a log from a
                // clock gone wrong) has no room before it: the anchor stops there.
                // Only a day other than the station's date is a rehearsal; on the
                // real day the flexible blocks move and the fixed starts stay.
                let mode = if self.is_station_day(now) { AnchorMode::Planned } else { AnchorMode::Shifted };
                let start = self.plan_later(begins, -i64::from(offset), mode);
                Ok(vec![Event::ScheduleAnchored { anchor: Anchor { mode, start } }])
            }
            Command::Resume => Ok(if self.is_started() { vec![Event::StationResumed] } else { Vec::new() }),
            Command::Undo => {
                let last = self.undo.last().ok_or(Refusal::NothingToUndo)?;
                let mut events = last.inverse.clone().ok_or(Refusal::CannotUndo)?;
                events.push(Event::Undone { seq: last.first_seq });
                Ok(events)
            }
        }
    }

    fn item(&self, id: &str) -> Result<&AgendaItem, Refusal> {
        self.agenda.iter().find(|item| item.block.id == id).ok_or(Refusal::UnknownBlock)
    }

    /// What happened, in the shape the station log stores next to its events.
    /// Its figures come from [`stats`], as review's and export's do.
    pub fn summary(&self) -> Summary {
        let now = self.last_at;
        let end = now.unwrap_or_default();
        Summary {
            started_at: self.anchor.map(|anchor| anchor.start),
            last_event_at: self.last_at,
            events: self.last_seq,
            notes: self.notes.len(),
            blocks: self
                .agenda
                .iter()
                .map(|item| BlockSummary {
                    id: item.block.id.clone(),
                    title: item.block.title.clone(),
                    kind: item.block.kind,
                    planned_minutes: item.block.minutes,
                    adjusted_minutes: item.adjusted_minutes,
                    state: item.state,
                    started_at: item.started_at,
                    ended_at: item.ended_at,
                    ran_secs: now.map_or(0, |now| item.timer.elapsed(now).num_seconds()),
                })
                .collect(),
            talk: stats::talk_per_participant(&stats::turns(self, end))
                .into_iter()
                .map(|talk| TalkSummary {
                    participant: talk.participant,
                    secs: talk.total.num_seconds(),
                    turns: talk.turns,
                })
                .collect(),
            takeaways: self
                .agenda
                .iter()
                .filter_map(|item| Some((item, item.method.reflection()?)))
                .flat_map(|(item, reflection)| {
                    reflection.noted().map(|(_, taken)| TakeawaySummary {
                        block: item.block.id.clone(),
                        takeaway: taken.takeaway.clone(),
                    })
                })
                .collect(),
            cases: stats::consultations(self)
                .into_iter()
                .flat_map(|consultation| {
                    consultation.cases.into_iter().map(move |case| CaseSummary {
                        block: consultation.block.clone(),
                        group: case.group,
                        case: case.case,
                        roles: case.roles.into_iter().collect(),
                        method: case.method,
                    })
                })
                .collect(),
        }
    }
}

/// The derived part of a station log, for tools that read it without folding events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub started_at: Option<Timestamp>,
    pub last_event_at: Option<Timestamp>,
    pub events: u64,
    pub notes: usize,
    pub blocks: Vec<BlockSummary>,
    /// Talk time of each participant who spoke (discussions and Blitzlicht
    /// rounds), pauses of the block left out. Absent in logs of older builds.
    #[serde(default)]
    pub talk: Vec<TalkSummary>,
    /// The takeaways and transfer commitments that count.
    #[serde(default)]
    pub takeaways: Vec<TakeawaySummary>,
    /// Each consultation's cases: who had which role, and the method; never their confidential content.
    #[serde(default)]
    pub cases: Vec<CaseSummary>,
}

/// One participant's talk time over the station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TalkSummary {
    pub participant: String,
    pub secs: i64,
    pub turns: usize,
}

/// A takeaway with the block it was noted in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakeawaySummary {
    pub block: String,
    #[serde(flatten)]
    pub takeaway: reflection::Takeaway,
}

/// One case of a consultation, without its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub block: String,
    pub group: usize,
    pub case: usize,
    pub roles: BTreeMap<consultation::Role, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

/// Planned against actual for one block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockSummary {
    pub id: String,
    pub title: String,
    pub kind: BlockKind,
    pub planned_minutes: u32,
    pub adjusted_minutes: i64,
    pub state: BlockState,
    pub started_at: Option<Timestamp>,
    pub ended_at: Option<Timestamp>,
    /// How long its timer ran (pauses excluded), up to the last event.
    pub ran_secs: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::discussion::{Capture, Command as DiscussionCommand, Hand, Speaker};
    use crate::core::method::MethodCommand;
    use crate::plan::QueuePolicy;
    use crate::plan::parse;
    use chrono::DateTime;
    use proptest::prelude::*;
    use rstest::rstest;
    use uuid::Uuid;

    const PLAN: &str = r#"
id = "j"
title = "J"
[[participants]]
id = "ab"
name = "Anna Albers"
organisation = "BVA"
role = "AL"
attributes = { gruppe = "A" }
[[participants]]
id = "bb"
name = "Bernd Bauer"
organisation = "BSI"
role = "AL"
attributes = { gruppe = "B" }
[[participants]]
id = "cc"
name = "Carla Conrad"
organisation = "BVA"
role = "UAL"
attributes = { gruppe = "A" }
[[stations]]
id = "s"
title = "S"
date = "2022-11-28"
start = "09:00"
end = "12:00"
place = "Raum"
format = "in-person"
[[stations.blocks]]
kind = "impulse"
title = "A"
duration = "20m"
[[stations.blocks]]
kind = "discussion"
title = "B"
duration = "40m"
[stations.blocks.discussion]
questions = ["Eins?", "Zwei?"]
speaker_limit = "2m"
alternate_by = "gruppe"
[[stations.blocks]]
kind = "break"
title = "C"
duration = "20m"
[[stations.blocks]]
kind = "custom"
title = "D"
duration = "30m"
"#;

    fn station() -> Station {
        parse(PLAN).unwrap().0.stations.remove(0)
    }

    fn cohort() -> Vec<Participant> {
        parse(PLAN).unwrap().0.participants
    }

    fn t(minutes: i64) -> Timestamp {
        DateTime::parse_from_rfc3339("2022-11-28T09:00:00+01:00").unwrap() + TimeDelta::minutes(minutes)
    }

    /// Decides and applies, recording envelopes like the console does.
    fn step(
        session: &mut Session,
        log: &mut Vec<Envelope>,
        command: &Command,
        now: Timestamp,
    ) -> Result<(), Refusal> {
        for event in session.decide(command, now)? {
            let envelope = Envelope { id: Uuid::new_v4(), seq: session.last_seq + 1, at: now, event };
            session.apply(&envelope);
            log.push(envelope);
        }
        Ok(())
    }

    fn states(session: &Session) -> String {
        session
            .agenda
            .iter()
            .map(|item| match item.state {
                BlockState::Upcoming => '.',
                BlockState::Current if item.timer.is_running() => '>',
                BlockState::Current => '|',
                BlockState::Done => 'x',
                BlockState::Skipped => 's',
            })
            .collect()
    }

    fn adjust(block: &str, minutes: i64) -> Command {
        Command::AdjustTime { block: block.into(), minutes }
    }

    #[rstest]
    #[case::space_starts_the_first_block(vec![Command::StartPause], ">...")]
    #[case::space_pauses(vec![Command::StartPause, Command::StartPause], "|...")]
    #[case::space_resumes(vec![Command::StartPause, Command::StartPause, Command::StartPause], ">...")]
    #[case::next_completes_and_starts(vec![Command::StartPause, Command::NextBlock], "x>..")]
    #[case::next_before_the_start_starts(vec![Command::NextBlock], ">...")]
    #[case::previous_steps_back(vec![Command::StartPause, Command::NextBlock, Command::PreviousBlock], ">...")]
    #[case::skip_current_moves_on(vec![Command::StartPause, Command::Skip { block: "b1".into() }], "s>..")]
    #[case::skip_upcoming(vec![Command::StartPause, Command::Skip { block: "b3".into() }], ">.s.")]
    #[case::next_passes_skipped(
        vec![Command::StartPause, Command::Skip { block: "b2".into() }, Command::NextBlock],
        "xs>."
    )]
    #[case::last_next_finishes(
        vec![Command::StartPause, Command::NextBlock, Command::NextBlock, Command::NextBlock, Command::NextBlock],
        "xxxx"
    )]
    fn transitions(#[case] commands: Vec<Command>, #[case] expected: &str) {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        for (minute, command) in (0..).zip(&commands) {
            step(&mut session, &mut log, command, t(minute)).unwrap();
        }
        assert_eq!(states(&session), expected);
    }

    #[rstest]
    #[case::nothing_to_step_back_to(vec![Command::StartPause], Command::PreviousBlock, Refusal::NoPreviousBlock)]
    #[case::done_blocks_keep_their_time(vec![Command::StartPause, Command::NextBlock], adjust("b1", 1), Refusal::BlockNotChangeable)]
    #[case::at_least_a_minute(vec![], adjust("b1", -20), Refusal::TooShort)]
    #[case::current_keeps_a_minute(vec![Command::StartPause], adjust("b1", -20), Refusal::TooShort)]
    #[case::empty_note(vec![], Command::AddNote { text: "  ".into() }, Refusal::EmptyNote)]
    #[case::reanchor_needs_a_start(vec![], Command::Reanchor, Refusal::NotStarted)]
    #[case::not_before_the_current(
        vec![Command::StartPause],
        Command::Move { block: "b2".into(), earlier: true },
        Refusal::CannotMoveFurther
    )]
    #[case::not_past_the_end(vec![], Command::Move { block: "b4".into(), earlier: false }, Refusal::CannotMoveFurther)]
    #[case::only_upcoming_move(vec![Command::StartPause], Command::Move { block: "b1".into(), earlier: false }, Refusal::BlockNotChangeable)]
    #[case::unknown_block(vec![], Command::Skip { block: "zz".into() }, Refusal::UnknownBlock)]
    #[case::finished(
        vec![Command::StartPause, Command::NextBlock, Command::NextBlock, Command::NextBlock, Command::NextBlock],
        Command::NextBlock,
        Refusal::AgendaFinished
    )]
    fn refusals(#[case] before: Vec<Command>, #[case] command: Command, #[case] refusal: Refusal) {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        for (minute, command) in (0..).zip(&before) {
            step(&mut session, &mut log, command, t(minute)).unwrap();
        }
        assert_eq!(session.decide(&command, t(30)), Err(refusal));
    }

    #[test]
    fn plus_and_minus_change_the_current_timer_or_replan_an_upcoming_block() {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::StartPause, t(0)).unwrap();
        step(&mut session, &mut log, &adjust("b1", 5), t(1)).unwrap();
        step(&mut session, &mut log, &adjust("b3", -5), t(2)).unwrap();
        assert_eq!(session.agenda[0].timer.budget(), TimeDelta::minutes(25));
        assert_eq!(session.agenda[0].adjusted_minutes, 5);
        assert_eq!(session.agenda[2].block.minutes, 15);
        assert_eq!(log[2].event, Event::BlockExtended { block: "b1".into(), minutes: 5 });
    }

    #[test]
    fn the_first_start_anchors_the_plan() {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::StartPause, t(10)).unwrap();
        assert_eq!(session.anchor, Some(Anchor { mode: AnchorMode::Planned, start: t(0) }));
        let other_day = t(60 * 24 * 3);
        let mut rehearsal = Session::new(&station(), &cohort());
        step(&mut rehearsal, &mut log, &Command::StartPause, other_day).unwrap();
        assert_eq!(rehearsal.anchor, Some(Anchor { mode: AnchorMode::Shifted, start: other_day }));
    }

    #[test]
    fn reanchoring_puts_the_current_block_on_time() {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::StartPause, t(0)).unwrap();
        step(&mut session, &mut log, &Command::NextBlock, t(35)).unwrap();
        step(&mut session, &mut log, &Command::Reanchor, t(40)).unwrap();
        // B was planned 20 minutes after the start and began at 09:35. On the
        // station's own date this is no rehearsal: the anchor stays planned.
        assert_eq!(session.anchor, Some(Anchor { mode: AnchorMode::Planned, start: t(15) }));
        let mut rehearsal = Session::new(&station(), &cohort());
        let other_day = t(60 * 24 * 3);
        step(&mut rehearsal, &mut log, &Command::StartPause, other_day).unwrap();
        step(&mut rehearsal, &mut log, &Command::Reanchor, other_day + TimeDelta::minutes(5)).unwrap();
        assert_eq!(rehearsal.anchor.map(|anchor| anchor.mode), Some(AnchorMode::Shifted));
    }

    #[test]
    fn a_skipped_block_can_be_brought_back() {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::StartPause, t(0)).unwrap();
        step(&mut session, &mut log, &Command::Skip { block: "b3".into() }, t(1)).unwrap();
        assert_eq!(states(&session), ">.s.");
        step(&mut session, &mut log, &Command::Restore { block: "b3".into() }, t(2)).unwrap();
        assert_eq!(states(&session), ">...");
        assert_eq!(session.decide(&Command::Restore { block: "b3".into() }, t(3)), Err(Refusal::NotSkipped));
        // The running block, skipped, comes back as upcoming with the time it ran.
        step(&mut session, &mut log, &Command::Skip { block: "b1".into() }, t(5)).unwrap();
        step(&mut session, &mut log, &Command::Restore { block: "b1".into() }, t(6)).unwrap();
        assert_eq!(states(&session), ".>..");
        assert_eq!(session.agenda[0].timer.elapsed(t(30)), TimeDelta::minutes(5));
    }

    #[test]
    fn reanchoring_a_block_begun_at_the_calendars_first_day_stops_there() {
        // A log from a clock gone wrong: B began at the first instant chrono can hold.
        let first = later(t(0), TimeDelta::MIN);
        let mut session = Session::new(&station(), &cohort());
        let anchor = Anchor { mode: AnchorMode::Planned, start: first };
        for (seq, event) in
            [(1, Event::StationStarted { anchor }), (2, Event::BlockStarted { block: "b2".into() })]
        {
            session.apply(&Envelope { id: Uuid::nil(), seq, at: first, event });
        }
        let events = session.decide(&Command::Reanchor, t(0)).unwrap();
        assert_eq!(
            events,
            // Decided on the station's own date: no rehearsal.
            [Event::ScheduleAnchored { anchor: Anchor { mode: AnchorMode::Planned, start: first } }]
        );
    }

    #[test]
    fn moves_and_inserted_breaks_reshape_the_upcoming_agenda() {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::StartPause, t(0)).unwrap();
        step(&mut session, &mut log, &Command::Move { block: "b4".into(), earlier: true }, t(1)).unwrap();
        let insert = Command::InsertBreak { after: Some("b1".into()), minutes: 10, title: "Pause".into() };
        step(&mut session, &mut log, &insert, t(2)).unwrap();
        step(&mut session, &mut log, &insert, t(3)).unwrap();
        let order: Vec<&str> = session.agenda.iter().map(|item| item.block.id.as_str()).collect();
        assert_eq!(order, ["b1", "pause-2", "pause-1", "b2", "b4", "b3"]);
    }

    #[test]
    fn a_break_is_never_inserted_before_the_current_block() {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::StartPause, t(0)).unwrap();
        step(&mut session, &mut log, &Command::NextBlock, t(20)).unwrap();
        let insert = Command::InsertBreak { after: None, minutes: 5, title: "Pause".into() };
        step(&mut session, &mut log, &insert, t(21)).unwrap();
        let order: Vec<&str> = session.agenda.iter().map(|item| item.block.id.as_str()).collect();
        assert_eq!(order, ["b1", "b2", "pause-1", "b3", "b4"]);
    }

    #[test]
    fn a_block_skipped_ahead_of_time_does_not_push_a_break_to_the_end() {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::StartPause, t(0)).unwrap();
        step(&mut session, &mut log, &Command::Skip { block: "b4".into() }, t(1)).unwrap();
        let insert = Command::InsertBreak { after: Some("b1".into()), minutes: 10, title: "Pause".into() };
        step(&mut session, &mut log, &insert, t(2)).unwrap();
        let order: Vec<&str> = session.agenda.iter().map(|item| item.block.id.as_str()).collect();
        assert_eq!(order, ["b1", "pause-1", "b2", "b3", "b4"]);
    }

    #[test]
    fn a_block_that_starts_brings_the_projection_back_to_its_timer() {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::SetScene(Scene::Agenda), t(-10)).unwrap();
        step(&mut session, &mut log, &Command::StartPause, t(0)).unwrap();
        assert_eq!(session.scene, Scene::Auto);
        let message = Scene::Message { text: "Weiter um 9:30".into() };
        step(&mut session, &mut log, &Command::SetScene(message.clone()), t(5)).unwrap();
        step(&mut session, &mut log, &Command::StartPause, t(6)).unwrap();
        assert_eq!(session.scene, message, "pausing keeps what the room sees");
        step(&mut session, &mut log, &Command::NextBlock, t(7)).unwrap();
        assert_eq!(session.scene, Scene::Auto);
    }

    #[test]
    fn notes_belong_to_the_current_block() {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::AddNote { text: "vorab".into() }, t(0)).unwrap();
        step(&mut session, &mut log, &Command::StartPause, t(1)).unwrap();
        step(&mut session, &mut log, &Command::AddNote { text: " BVA zum Piloten fragen ".into() }, t(2))
            .unwrap();
        let notes: Vec<(Option<&str>, &str)> =
            session.notes.iter().map(|note| (note.block.as_deref(), note.text.as_str())).collect();
        assert_eq!(notes, [(None, "vorab"), (Some("b1"), "BVA zum Piloten fragen")]);
    }

    fn command() -> impl Strategy<Value = Command> {
        let block = prop_oneof![Just("b1"), Just("b2"), Just("b3"), Just("b4"), Just("pause-1")]
            .prop_map(String::from);
        prop_oneof![
            4 => Just(Command::StartPause),
            3 => Just(Command::NextBlock),
            1 => Just(Command::PreviousBlock),
            2 => (block.clone(), -6i64..6).prop_map(|(block, minutes)| Command::AdjustTime { block, minutes }),
            1 => block.clone().prop_map(|block| Command::Skip { block }),
            1 => block.clone().prop_map(|block| Command::Restore { block }),
            1 => (block.clone(), any::<bool>()).prop_map(|(block, earlier)| Command::Move { block, earlier }),
            1 => (proptest::option::of(block), 1u32..15)
                .prop_map(|(after, minutes)| Command::InsertBreak { after, minutes, title: "Pause".into() }),
            1 => "[a-zäöü ]{0,12}".prop_map(|text| Command::AddNote { text }),
            1 => Just(Command::Reanchor),
            1 => prop_oneof![
                Just(Scene::Auto),
                Just(Scene::Agenda),
                Just(Scene::Blank),
                Just(Scene::TalkTime),
                "[A-Za-z0-9 :]{0,20}".prop_map(|text| Scene::Message { text }),
            ]
            .prop_map(Command::SetScene),
            1 => Just(Command::Resume),
            2 => Just(Command::Undo),
            4 => discussion_command().prop_map(queue),
            1 => (prop_oneof![Just("ab"), Just("bb"), Just("zz")], any::<bool>()).prop_map(|(who, here)| Command::SetPresence {
                participant: who.into(),
                presence: if here { Presence::Present } else { Presence::Absent },
            }),
        ]
    }

    fn queue(command: DiscussionCommand) -> Command {
        Command::Method(MethodCommand::Discussion(command))
    }

    fn refused(refusal: crate::core::discussion::Refusal) -> Refusal {
        Refusal::Method(MethodRefusal::Discussion(refusal))
    }

    use crate::core::discussion::Refusal as DR;

    fn absent(participant: &str) -> Command {
        Command::SetPresence { participant: participant.into(), presence: Presence::Absent }
    }

    fn raise(participant: &str) -> Command {
        queue(DiscussionCommand::Raise { participant: participant.into(), hand: Hand::Normal })
    }

    /// Into the discussion (the second block) with the given steps done.
    fn discussing(steps: &[Command]) -> Session {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::StartPause, t(0)).unwrap();
        step(&mut session, &mut log, &Command::NextBlock, t(20)).unwrap();
        for (second, command) in (0..).zip(steps) {
            step(&mut session, &mut log, command, t(21) + TimeDelta::seconds(second)).unwrap();
        }
        session
    }

    #[rstest]
    #[case::unknown_participant(vec![], raise("zz"), refused(DR::UnknownParticipant))]
    #[case::absent_today(vec![absent("ab")], raise("ab"), refused(DR::Absent))]
    #[case::twice(vec![raise("ab")], raise("ab"), refused(DR::AlreadyQueued))]
    #[case::empty_queue(vec![], queue(DiscussionCommand::CallNext), refused(DR::NobodyQueued))]
    #[case::nobody_speaks(vec![], queue(DiscussionCommand::EndTurn), refused(DR::NobodySpeaking))]
    #[case::before_the_first_question(vec![], queue(DiscussionCommand::NextQuestion(false)), refused(DR::NoOtherQuestion))]
    #[case::past_the_last_question(
        vec![queue(DiscussionCommand::NextQuestion(true))],
        queue(DiscussionCommand::NextQuestion(true)),
        refused(DR::NoOtherQuestion)
    )]
    #[case::withdraw_absent(vec![], queue(DiscussionCommand::Withdraw { speaker: "ab".into() }), refused(DR::NotQueued))]
    #[case::first_cannot_move_earlier(
        vec![raise("ab"), raise("bb")],
        queue(DiscussionCommand::MoveHand { speaker: "ab".into(), earlier: true }),
        refused(DR::CannotMoveFurther)
    )]
    #[case::empty_capture(
        vec![],
        queue(DiscussionCommand::Capture(Capture::Decision { text: " ".into() })),
        refused(DR::EmptyCapture)
    )]
    #[case::policy_decides(
        vec![
            raise("ab"),
            queue(DiscussionCommand::CallNext),
            queue(DiscussionCommand::EndTurn),
            queue(DiscussionCommand::SetPolicy(QueuePolicy::FirstTimeFirst)),
            raise("ab"),
            raise("bb"),
        ],
        queue(DiscussionCommand::MoveHand { speaker: "ab".into(), earlier: true }),
        refused(DR::PolicyDecidesOrder)
    )]
    fn discussion_refusals(#[case] before: Vec<Command>, #[case] command: Command, #[case] refusal: Refusal) {
        let session = discussing(&before);
        assert_eq!(session.decide(&command, t(30)), Err(refusal));
    }

    #[test]
    fn the_speaker_queue_needs_a_running_discussion() {
        let session = Session::new(&station(), &cohort());
        assert_eq!(
            session.decide(&raise("ab"), t(0)),
            Err(Refusal::Method(MethodRefusal::NotRunning(crate::core::method::MethodKind::Discussion)))
        );
    }

    #[test]
    fn a_reply_to_someone_queued_moves_them_to_the_front() {
        let reply = queue(DiscussionCommand::Raise { participant: "cc".into(), hand: Hand::Reply });
        let session =
            discussing(&[raise("ab"), raise("bb"), raise("cc"), queue(DiscussionCommand::CallNext), reply]);
        let (_, discussion) = session.current_discussion().unwrap();
        let order: Vec<(&str, Hand)> = discussion
            .queue(&session.cohort)
            .iter()
            .filter_map(|r| Some((r.speaker.participant()?, r.hand)))
            .collect();
        assert_eq!(order, [("cc", Hand::Reply), ("bb", Hand::Normal)]);
        assert_eq!(discussion.speaking().and_then(|turn| turn.speaker.participant()), Some("ab"));
    }

    #[test]
    fn a_speakers_clock_stands_still_while_the_block_is_paused() {
        let mut session = discussing(&[raise("ab"), queue(DiscussionCommand::CallNext)]);
        let mut log = Vec::new();
        // The turn began at 09:21:01; the block pauses at 09:22 for ten minutes.
        step(&mut session, &mut log, &Command::StartPause, t(22)).unwrap();
        step(&mut session, &mut log, &Command::StartPause, t(32)).unwrap();
        let (_, discussion) = session.current_discussion().unwrap();
        let spoken = discussion.talk_time(t(33))["ab"];
        assert_eq!(spoken, TimeDelta::seconds(59 + 60), "the ten paused minutes do not count");
    }

    #[test]
    fn leaving_a_discussion_ends_its_turn() {
        let mut session = discussing(&[raise("ab"), queue(DiscussionCommand::CallNext)]);
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::NextBlock, t(25)).unwrap();
        let discussion = session.agenda[1].method.discussion().unwrap();
        assert!(discussion.speaking().is_none());
        assert_eq!(discussion.talk_time(t(40))["ab"], TimeDelta::seconds(239));
    }

    #[test]
    fn every_block_start_brings_the_projection_back_to_its_timer() {
        let message = Command::SetScene(Scene::Message { text: "Weiter um 14:30".into() });
        for leave in [Command::Skip { block: "b1".into() }, Command::NextBlock, Command::PreviousBlock] {
            let mut session = Session::new(&station(), &cohort());
            let mut log = Vec::new();
            step(&mut session, &mut log, &Command::StartPause, t(0)).unwrap();
            if leave == Command::PreviousBlock {
                step(&mut session, &mut log, &Command::NextBlock, t(1)).unwrap();
            }
            step(&mut session, &mut log, &message, t(2)).unwrap();
            step(&mut session, &mut log, &leave, t(3)).unwrap();
            assert_eq!(session.scene, Scene::Auto, "after {leave:?}");
        }
    }

    #[test]
    fn attendance_is_recorded_and_undone() {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &absent("bb"), t(0)).unwrap();
        assert_eq!(session.present().iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["ab", "cc"]);
        assert_eq!(session.decide(&absent("bb"), t(1)), Err(Refusal::PresenceUnchanged));
        assert_eq!(session.decide(&absent("zz"), t(1)), Err(Refusal::UnknownParticipant));
        let back = Command::SetPresence { participant: "bb".into(), presence: Presence::Present };
        step(&mut session, &mut log, &back, t(90)).unwrap();
        assert_eq!(session.present().len(), 3);
    }

    /// What a facilitator sees of the session, for comparing before and after an undo.
    fn seen(session: &Session) -> String {
        let agenda: Vec<String> = session
            .agenda
            .iter()
            .map(|item| {
                let method = item.method.discussion().map(|d| {
                    let kept = d.captures.iter().filter(|c| !c.retracted).count();
                    let raised: Vec<(&Speaker, Hand)> =
                        d.raised.iter().map(|r| (&r.speaker, r.hand)).collect();
                    format!("{raised:?} {:?} q{} c{kept}", d.policy, d.question)
                });
                format!(
                    "{} {:?} {} {:?} {:?} {}m {:+} {:?} {}",
                    item.block.id,
                    item.state,
                    item.timer.is_running(),
                    item.timer.elapsed(t(10)),
                    item.started_at,
                    item.block.minutes,
                    item.adjusted_minutes,
                    item.timer.budget(),
                    method.unwrap_or_default()
                )
            })
            .collect();
        format!("{agenda:#?} {:?} {:?} {:?}", session.scene, session.absent, session.anchor)
    }

    #[rstest]
    #[case::skip_upcoming(vec![], Command::Skip { block: "b3".into() })]
    #[case::skip_running(vec![], Command::Skip { block: "b1".into() })]
    #[case::next_block(vec![], Command::NextBlock)]
    #[case::extension(vec![], adjust("b1", 5))]
    #[case::replan(vec![], adjust("b3", -5))]
    #[case::move_later(vec![], Command::Move { block: "b2".into(), earlier: false })]
    #[case::scene(vec![], Command::SetScene(Scene::Blank))]
    #[case::absent(vec![], absent("bb"))]
    #[case::pause(vec![], Command::StartPause)]
    #[case::next_block_while_paused(vec![Command::StartPause], Command::NextBlock)]
    #[case::skip_running_while_paused(vec![Command::StartPause], Command::Skip { block: "b1".into() })]
    #[case::inserted_break(vec![], Command::InsertBreak { after: None, minutes: 10, title: "Pause".into() })]
    #[case::hand(vec![Command::NextBlock], raise("ab"))]
    #[case::withdrawn_hand(vec![Command::NextBlock, raise("ab"), raise("bb")], queue(DiscussionCommand::Withdraw { speaker: "ab".into() }))]
    #[case::reply_replacing_a_hand(vec![Command::NextBlock, raise("ab"), raise("bb")], queue(DiscussionCommand::Raise { participant: "ab".into(), hand: Hand::Reply }))]
    #[case::policy(vec![Command::NextBlock], queue(DiscussionCommand::SetPolicy(QueuePolicy::FirstTimeFirst)))]
    #[case::question(vec![Command::NextBlock], queue(DiscussionCommand::NextQuestion(true)))]
    #[case::capture(vec![Command::NextBlock], queue(DiscussionCommand::Capture(Capture::Decision { text: "Pilot".into() })))]
    fn undo_takes_the_last_change_back(#[case] before: Vec<Command>, #[case] change: Command) {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        step(&mut session, &mut log, &Command::StartPause, t(0)).unwrap();
        for (minute, command) in (1..).zip(&before) {
            step(&mut session, &mut log, command, t(minute)).unwrap();
        }
        let was = seen(&session);
        step(&mut session, &mut log, &change, t(10)).unwrap();
        assert_ne!(seen(&session), was, "{change:?} changed something");
        step(&mut session, &mut log, &Command::Undo, t(11)).unwrap();
        assert_eq!(seen(&session), was, "undoing {change:?}");
        // The log keeps both: the change, its inverse and the mark.
        assert!(matches!(log.last().map(|e| &e.event), Some(Event::Undone { .. })));
    }

    #[test]
    fn undo_walks_back_one_change_at_a_time_and_not_past_the_start() {
        let mut session = Session::new(&station(), &cohort());
        let mut log = Vec::new();
        assert_eq!(session.decide(&Command::Undo, t(0)), Err(Refusal::NothingToUndo));
        step(&mut session, &mut log, &Command::StartPause, t(0)).unwrap();
        step(&mut session, &mut log, &adjust("b1", 5), t(1)).unwrap();
        step(&mut session, &mut log, &Command::Skip { block: "b3".into() }, t(2)).unwrap();
        step(&mut session, &mut log, &Command::AddNote { text: "privat".into() }, t(3)).unwrap();
        step(&mut session, &mut log, &Command::Undo, t(4)).unwrap();
        assert_eq!(states(&session), ">...", "the skip, not the note");
        step(&mut session, &mut log, &Command::Undo, t(5)).unwrap();
        assert_eq!(session.agenda[0].adjusted_minutes, 0, "then the extension");
        assert_eq!(session.notes.len(), 1, "a note stays");
        assert_eq!(
            session.decide(&Command::Undo, t(6)),
            Err(Refusal::CannotUndo),
            "the station's start stays"
        );
    }

    fn discussion_command() -> impl Strategy<Value = DiscussionCommand> {
        let who = prop_oneof![Just("ab"), Just("bb"), Just("cc"), Just("zz")].prop_map(String::from);
        let hand = prop_oneof![Just(Hand::Normal), Just(Hand::Reply), Just(Hand::PointOfOrder)];
        let policy = prop_oneof![
            Just(QueuePolicy::FirstCome),
            Just(QueuePolicy::FirstTimeFirst),
            Just(QueuePolicy::Alternate)
        ];
        let text = "[a-z ]{0,10}";
        prop_oneof![
            4 => (who.clone(), hand).prop_map(|(participant, hand)| DiscussionCommand::Raise { participant, hand }),
            1 => who.clone().prop_map(|id| DiscussionCommand::Withdraw { speaker: id.as_str().into() }),
            1 => (who, any::<bool>())
                .prop_map(|(id, earlier)| DiscussionCommand::MoveHand { speaker: id.as_str().into(), earlier }),
            3 => Just(DiscussionCommand::CallNext),
            1 => Just(DiscussionCommand::EndTurn),
            1 => policy.prop_map(DiscussionCommand::SetPolicy),
            1 => any::<bool>().prop_map(DiscussionCommand::NextQuestion),
            1 => text.prop_map(|text| DiscussionCommand::Capture(Capture::Decision { text })),
            1 => text.prop_map(|text| DiscussionCommand::Capture(Capture::Action { text, owner: None, due: None })),
        ]
    }

    /// A station with one block of each method that keeps state of its own.
    const METHODS_PLAN: &str = r#"
id = "j"
title = "J"
[[participants]]
id = "ab"
name = "Anna Albers"
organisation = "BVA"
role = "AL"
[[participants]]
id = "bb"
name = "Bernd Bauer"
organisation = "BSI"
role = "AL"
[[participants]]
id = "cc"
name = "Carla Conrad"
organisation = "BVA"
role = "UAL"
[[participants]]
id = "dd"
name = "Dieter Dahl"
organisation = "DWD"
role = "AL"
[[stations]]
id = "s"
title = "S"
date = "2022-11-28"
start = "09:00"
end = "12:00"
place = "Raum"
format = "in-person"
[[stations.blocks]]
id = "fall"
kind = "consultation"
title = "Fallberatung"
duration = "30m"
[stations.blocks.consultation]
template = "troika"
cases = 2
groups = [["ab", "bb"], ["cc", "dd"]]
[[stations.blocks]]
id = "runde"
kind = "reflection"
title = "Blitzlicht"
duration = "10m"
[stations.blocks.reflection]
format = "one-minute-paper"
blitzlicht = true
turn = "30s"
[[stations.blocks]]
id = "tausch"
kind = "exchange"
title = "Austausch"
duration = "30m"
[stations.blocks.exchange]
group_size = 2
rounds = 2
"#;

    /// Session commands mixed with commands of every method, for any block.
    fn method_command() -> impl Strategy<Value = Command> {
        use crate::core::consultation::{CaseField, Casting, Command as C, Role};
        use crate::core::exchange::Command as X;
        use crate::core::reflection::{Command as R, Takeaway};
        let who =
            || prop_oneof![Just("ab"), Just("bb"), Just("cc"), Just("dd"), Just("zz")].prop_map(String::from);
        let role = prop_oneof![Just(Role::CaseGiver), Just(Role::Moderator), Just(Role::Secretary)];
        let consultation = prop_oneof![
            3 => any::<bool>().prop_map(C::Phase),
            1 => (-2i64..3).prop_map(C::AdjustPhase),
            2 => (0usize..3, role, proptest::option::of(who()))
                .prop_map(|(group, role, participant)| C::Cast(vec![Casting { group, role, participant, suggested: None }])),
            1 => (who(), 0usize..3).prop_map(|(participant, group)| C::MoveMember { participant, group }),
            1 => Just(C::FormGroups { groups: vec![vec!["ab".into(), "cc".into()], vec!["bb".into(), "dd".into()]] }),
            1 => (0usize..2, "[a-z ]{0,8}").prop_map(|(group, text)| C::KeyQuestion { group, text }),
            1 => (0usize..2, "[a-z ]{0,8}").prop_map(|(group, text)| C::Note { group, field: CaseField::Title, text }),
            1 => (0usize..2, "[a-z ]{0,8}", proptest::option::of(who())).prop_map(|(group, text, giver)| C::Idea { group, text, giver }),
            1 => (0usize..2, any::<bool>()).prop_map(|(group, released)| C::Release { group, released }),
        ]
        .prop_map(MethodCommand::Consultation);
        let reflection = prop_oneof![
            4 => any::<u64>().prop_map(|seed| R::Next { seed }),
            2 => Just(R::Pass),
            2 => Just(R::Back),
            1 => ("[a-z ]{0,8}", proptest::option::of(who()), any::<bool>()).prop_map(|(text, owner, commitment)| {
                R::Note(Takeaway { text, owner, commitment, protocol: false })
            }),
            1 => proptest::option::of(0usize..3).prop_map(R::Show),
        ]
        .prop_map(MethodCommand::Reflection);
        let exchange = prop_oneof![
            2 => any::<u64>().prop_map(|seed| X::Propose {
                groups: vec![vec!["ab".into(), "dd".into()], vec!["bb".into(), "cc".into()]],
                seed,
            }),
            1 => (who(), who()).prop_map(|(a, b)| X::Swap { a, b }),
            1 => (who(), 0usize..3).prop_map(|(participant, group)| X::Place { participant, group }),
            2 => Just(X::Fix),
            1 => any::<bool>().prop_map(X::Show),
        ]
        .prop_map(MethodCommand::Exchange);
        let block = prop_oneof![Just("fall"), Just("runde"), Just("tausch")].prop_map(String::from);
        prop_oneof![
            3 => Just(Command::StartPause),
            2 => Just(Command::NextBlock),
            1 => Just(Command::PreviousBlock),
            3 => Just(Command::Undo),
            1 => (block, -3i64..4).prop_map(|(block, minutes)| Command::AdjustTime { block, minutes }),
            1 => (who(), any::<bool>()).prop_map(|(participant, here)| Command::SetPresence {
                participant,
                presence: if here { Presence::Present } else { Presence::Absent },
            }),
            5 => consultation.prop_map(Command::Method),
            5 => reflection.prop_map(Command::Method),
            5 => exchange.prop_map(Command::Method),
        ]
    }

    proptest! {
        /// The same with every method: consultation, reflection and exchange
        /// commands, undo, pauses and attendance changes in any order.
        #[test]
        fn replaying_a_log_of_every_method_gives_the_live_state(
            steps in prop::collection::vec((0i64..400, method_command()), 0..80),
        ) {
            let (journey, _) = parse(METHODS_PLAN).unwrap();
            let station = &journey.stations[0];
            let mut live = Session::new(station, &journey.participants);
            let mut log = Vec::new();
            let mut now = t(-10);
            for (gap, command) in &steps {
                now += TimeDelta::seconds(*gap);
                let _ = step(&mut live, &mut log, command, now);
            }
            let json = serde_json::to_string(&log).unwrap();
            let restored: Vec<Envelope> = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&Session::replay(station, &journey.participants, &restored), &live);
        }
    }

    proptest! {
        /// Whatever the facilitator does, the state rebuilt from the log (after a
        /// JSON round trip, as after a restart) is the state the console showed.
        #[test]
        fn replaying_the_log_gives_the_live_state(
            steps in prop::collection::vec((0i64..900, command()), 0..60),
            day_offset in prop_oneof![Just(0i64), Just(3)],
        ) {
            let station = station();
            let mut live = Session::new(&station, &cohort());
            let mut log = Vec::new();
            let mut now = t(day_offset * 24 * 60 - 30);
            for (gap, command) in &steps {
                now += TimeDelta::seconds(*gap);
                let _ = step(&mut live, &mut log, command, now);
            }
            let json = serde_json::to_string(&log).unwrap();
            let restored: Vec<Envelope> = serde_json::from_str(&json).unwrap();
            let replayed = Session::replay(&station, &cohort(), &restored);
            prop_assert_eq!(&replayed, &live);
            // At most one block is current, and the agenda keeps every block exactly once.
            prop_assert!(live.agenda.iter().filter(|item| item.state == BlockState::Current).count() <= 1);
            let mut ids: Vec<&str> = live.agenda.iter().map(|item| item.block.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(ids.len(), live.agenda.len());
        }
    }
}
