//! What the facilitator asks for, and why a request can be refused.

use super::event::{Presence, Scene};
use super::method::{MethodCommand, MethodRefusal};

/// A request from the console; [`crate::core::session::Session::decide`] turns it into events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Start the next block (and the station, the first time), or pause or resume the current one.
    StartPause,
    /// Complete the current block and start the next one.
    NextBlock,
    /// Step back: the current block returns to the agenda and the block before it runs again.
    PreviousBlock,
    /// More (positive) or less (negative) time: the current block's timer, or an upcoming block's plan.
    AdjustTime { block: String, minutes: i64 },
    /// Leave a block out; skipping the current block moves on to the next.
    Skip { block: String },
    /// Bring a skipped block back to the upcoming agenda.
    Restore { block: String },
    /// Move an upcoming block one place earlier or later among the upcoming blocks.
    Move { block: String, earlier: bool },
    /// Insert a short break after the given block (or at the front of what is upcoming).
    InsertBreak { after: Option<String>, minutes: u32, title: String },
    /// Something for the method of the current block (the speaker queue of a discussion, …).
    Method(MethodCommand),
    /// Mark a participant present or absent today.
    SetPresence { participant: String, presence: Presence },
    /// Show the room another scene.
    SetScene(Scene),
    /// A private note, kept with the current block.
    AddNote { text: String },
    /// Shift the plan so that the current (or next) block is on time from now on.
    Reanchor,
    /// The console reopened a station that has a log.
    Resume,
    /// Take back the last change (a skip, an extension, a hand, a capture, …)
    /// by recording its inverse.
    Undo,
}

/// Why a command changed nothing; shown to the facilitator, never recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Every block is done or skipped.
    AgendaFinished,
    /// There is no earlier block to step back to.
    NoPreviousBlock,
    /// Only upcoming blocks (or the current one) can be changed.
    BlockNotChangeable,
    /// The block cannot move further in that direction.
    CannotMoveFurther,
    /// A block needs at least one minute.
    TooShort,
    EmptyNote,
    /// A message for the room needs some text.
    EmptyMessage,
    /// The station has not started yet.
    NotStarted,
    /// The block id is not on the agenda.
    UnknownBlock,
    UnknownParticipant,
    /// The participant is already marked so.
    PresenceUnchanged,
    /// Only a skipped block can be brought back.
    NotSkipped,
    /// There is no change left to take back.
    NothingToUndo,
    /// The last change cannot be taken back (a turn given, the station started).
    CannotUndo,
    /// The method of the current block refused.
    Method(MethodRefusal),
}
