//! The state of a station as a pure fold over its events, and the summary
//! derived from it for the station log.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use super::Timestamp;
use super::event::{AgendaChange, Anchor, Envelope, Event};
use super::timer::Timer;
use crate::plan::{Block, BlockKind, Station};

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
}

impl AgendaItem {
    fn new(block: Block) -> AgendaItem {
        let timer = Timer::new(TimeDelta::minutes(i64::from(block.minutes)));
        AgendaItem {
            block,
            state: BlockState::Upcoming,
            timer,
            started_at: None,
            ended_at: None,
            adjusted_minutes: 0,
        }
    }
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
    pub agenda: Vec<AgendaItem>,
    pub anchor: Option<Anchor>,
    pub notes: Vec<Note>,
    /// The sequence number and time of the last event applied.
    pub last_seq: u64,
    pub last_at: Option<Timestamp>,
}

impl Session {
    /// A station before anything happened.
    pub fn new(station: &Station) -> Session {
        Session {
            agenda: station.blocks.iter().cloned().map(AgendaItem::new).collect(),
            anchor: None,
            notes: Vec::new(),
            last_seq: 0,
            last_at: None,
        }
    }

    /// The state after `events`, from the start.
    pub fn replay<'a>(station: &Station, events: impl IntoIterator<Item = &'a Envelope>) -> Session {
        let mut session = Session::new(station);
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
        self.last_seq = envelope.seq;
        self.last_at = Some(at);
        match &envelope.event {
            Event::StationStarted { anchor } | Event::ScheduleAnchored { anchor } => {
                self.anchor = Some(*anchor)
            }
            Event::StationResumed => {}
            Event::BlockStarted { block } => {
                if let Some(item) = self.item_mut(block) {
                    item.state = BlockState::Current;
                    item.started_at.get_or_insert(at);
                    item.ended_at = None;
                    item.timer.run(at);
                }
            }
            Event::BlockPaused { block } => {
                if let Some(item) = self.item_mut(block) {
                    item.timer.pause(at);
                }
            }
            Event::BlockResumed { block } => {
                if let Some(item) = self.item_mut(block) {
                    item.timer.run(at);
                }
            }
            Event::BlockExtended { block, minutes } => self.adjust(block, i64::from(*minutes)),
            Event::BlockShortened { block, minutes } => self.adjust(block, -i64::from(*minutes)),
            Event::BlockCompleted { block } => self.end(block, at, BlockState::Done),
            Event::BlockSkipped { block } => self.end(block, at, BlockState::Skipped),
            Event::AgendaChanged { change } => self.change_agenda(change),
            Event::NoteAdded { block, text } => {
                self.notes.push(Note { at, block: block.clone(), text: text.clone() });
            }
        }
    }

    fn adjust(&mut self, block: &str, minutes: i64) {
        if let Some(item) = self.item_mut(block) {
            item.adjusted_minutes += minutes;
            item.timer.adjust(TimeDelta::minutes(minutes));
        }
    }

    fn end(&mut self, block: &str, at: Timestamp, state: BlockState) {
        if let Some(item) = self.item_mut(block) {
            item.timer.pause(at);
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
            AgendaChange::Inserted { block, position } => {
                let to = (*position).min(self.agenda.len());
                self.agenda.insert(to, AgendaItem::new(block.as_ref().clone()));
            }
        }
    }

    /// What happened, in the shape the station log stores next to its events.
    pub fn summary(&self) -> Summary {
        let now = self.last_at;
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
