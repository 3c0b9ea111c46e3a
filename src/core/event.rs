//! What can happen at a station: the events of the log and their envelope.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Timestamp;
use super::method::MethodEvent;
use crate::plan::Block;

/// One recorded event: a unique id, its place in the station's sequence
/// (1, 2, 3, … without gaps), the wall-clock time it happened, and what happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub id: Uuid,
    pub seq: u64,
    pub at: Timestamp,
    pub event: Event,
}

/// Everything the facilitator's console records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// The station began; the plan's clock times are measured from `anchor`.
    StationStarted {
        anchor: Anchor,
    },
    /// The console reopened a station that already had a log.
    StationResumed,
    /// The facilitator moved the plan's clock to a new anchor.
    ScheduleAnchored {
        anchor: Anchor,
    },
    /// A block's timer started: the first time, or again (a step back, an
    /// undone end or skip).
    BlockStarted {
        block: String,
    },
    BlockPaused {
        block: String,
    },
    BlockResumed {
        block: String,
    },
    /// The block got more time.
    BlockExtended {
        block: String,
        minutes: u32,
    },
    /// The block got less time.
    BlockShortened {
        block: String,
        minutes: u32,
    },
    /// The block ended.
    BlockCompleted {
        block: String,
    },
    /// The block was left out.
    BlockSkipped {
        block: String,
    },
    /// A block started by mistake went back to the agenda as if it had never run (its start undone).
    BlockUnstarted {
        block: String,
    },
    /// A skipped block was brought back to the upcoming agenda.
    BlockRestored {
        block: String,
    },
    /// The block went back to the upcoming agenda, keeping the time it ran
    /// (the facilitator stepped back to the block before).
    BlockReturned {
        block: String,
    },
    /// An upcoming part of the agenda was re-planned.
    AgendaChanged {
        change: AgendaChange,
    },
    /// Someone arrived or left: who is here today (by default the whole cohort).
    AttendanceChanged {
        participant: String,
        presence: Presence,
    },
    /// The facilitator chose what the projection shows.
    SceneChanged {
        scene: Scene,
    },
    /// A private note of the facilitator, kept with the block that was current.
    NoteAdded {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        block: Option<String>,
        text: String,
    },
    /// The facilitator took back the change that began with event `seq`; the
    /// events just before this one (same instant) are its inverse.
    Undone {
        seq: u64,
    },
    /// What the method of a block recorded, namespaced by the method
    /// (`"type": "discussion"`, with the method's own `change`).
    #[serde(untagged)]
    Method(MethodEvent),
}

/// The `type` of every event this version writes, the methods' included:
/// a line of another type was written by a newer moderato.
const EVENT_TYPES: [&str; 22] = [
    "station_started",
    "station_resumed",
    "schedule_anchored",
    "block_started",
    "block_paused",
    "block_resumed",
    "block_extended",
    "block_shortened",
    "block_completed",
    "block_skipped",
    "block_unstarted",
    "block_restored",
    "block_returned",
    "agenda_changed",
    "attendance_changed",
    "scene_changed",
    "note_added",
    "undone",
    "discussion",
    "consultation",
    "reflection",
    "exchange",
];

/// Whether `kind` is the `type` of an event this version knows.
pub fn is_known_type(kind: &str) -> bool {
    EVENT_TYPES.contains(&kind)
}

/// Whether a participant is here today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Present,
    /// Not here (yet, or any more).
    Absent,
}

/// What the room sees on the projection.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "scene", rename_all = "snake_case")]
pub enum Scene {
    /// Follows the current block: its title and timer.
    #[default]
    Auto,
    /// The day's agenda with adjusted times and the current block marked.
    Agenda,
    /// A short text for the room ("Back at 14:30").
    Message { text: String },
    /// A black screen.
    Blank,
    /// The current discussion's talk time, when the facilitator chooses to show it.
    TalkTime,
}

/// How the planned clock times map onto today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub mode: AnchorMode,
    /// The instant that counts as the station's planned start.
    pub start: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnchorMode {
    /// The station runs on its planned date: drift is measured against the plan's clock.
    Planned,
    /// A rehearsal or a moved day: the plan is shifted to start when the station started.
    Shifted,
}

/// A change to the upcoming agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum AgendaChange {
    /// The block moves to `position` in the agenda (0-based).
    Moved { block: String, position: usize },
    /// The block's planned duration becomes `minutes`.
    DurationSet { block: String, minutes: u32 },
    /// A new block (usually a short break) is inserted at `position`.
    Inserted { block: Box<Block>, position: usize },
    /// An inserted block that has not run is taken out again (its insertion undone).
    Removed { block: String },
}
