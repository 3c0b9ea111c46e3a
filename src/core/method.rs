//! The one seam every facilitation method plugs into: the method state each
//! agenda item holds, the commands and recorded changes of every method, and
//! the only exhaustive dispatch over them.
//!
//! A method module (`discussion.rs`, …) has its own `State`, `Command`,
//! `Change` and `Refusal` and implements [`Method`]; registering it means one
//! variant in each enum below (and its arms here), one binding table in
//! `app/method/`, and its public part in [`MethodRoom`].

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::Timestamp;
use super::consultation;
use super::discussion;
use super::exchange;
use super::reflection;
use crate::plan::{self, Participant};

/// What a method sees of the station when it decides: its block and who is here.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub block: &'a str,
    /// The station's cohort, as its log recorded it.
    pub cohort: &'a [Participant],
    /// Who is marked absent today (everyone else is present).
    pub absent: &'a BTreeSet<String>,
}

impl Context<'_> {
    pub fn is_known(&self, participant: &str) -> bool {
        self.cohort.iter().any(|p| p.id == participant)
    }

    pub fn is_present(&self, participant: &str) -> bool {
        self.is_known(participant) && !self.absent.contains(participant)
    }
}

/// What happened to the block's timer, which a method may follow (a speaker's
/// clock stands still while the block is paused; leaving a block ends its turn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockClock {
    /// The block's timer started or resumed.
    Running,
    /// The block's timer was paused.
    Paused,
    /// The block ended, was skipped or returned to the agenda.
    Left,
}

/// The common contract of a method: commands become changes (or a refusal),
/// and changes fold into its state. Pure, like the rest of the core.
pub trait Method {
    type Command;
    type Change;
    type Refusal;

    /// The changes that carry out `command` at `now`, or why it changes nothing.
    fn decide(
        &self,
        cx: &Context,
        command: &Self::Command,
        now: Timestamp,
    ) -> Result<Vec<Self::Change>, Self::Refusal>;

    /// Folds one recorded change in.
    fn apply(&mut self, change: &Self::Change, at: Timestamp);

    /// The changes that take `change` back, computed before it is applied;
    /// `None` for a change that cannot be undone.
    fn inverse(&self, change: &Self::Change) -> Option<Vec<Self::Change>>;

    /// Follows the block's timer; most methods need not.
    fn block_clock(&mut self, _clock: BlockClock, _at: Timestamp) {}
}

/// Which method a block runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    Discussion,
    Consultation,
    Reflection,
    Exchange,
}

/// The method state an agenda item holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MethodState {
    /// A timed block without a method of its own.
    Plain,
    Discussion(discussion::State),
    Consultation(consultation::State),
    Reflection(reflection::State),
    Exchange(exchange::State),
}

/// A command for the method of the current block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MethodCommand {
    Discussion(discussion::Command),
    Consultation(consultation::Command),
    Reflection(reflection::Command),
    Exchange(exchange::Command),
}

/// A recorded change of a method, namespaced by the method in the log:
/// `{"type":"discussion","block":"…","change":{"change":"hand_raised",…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MethodEvent {
    Discussion { block: String, change: discussion::Change },
    Consultation { block: String, change: consultation::Change },
    Reflection { block: String, change: reflection::Change },
    Exchange { block: String, change: exchange::Change },
}

/// Why a method command changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodRefusal {
    /// The current block does not run this method (or no block runs).
    NotRunning(MethodKind),
    Discussion(discussion::Refusal),
    Consultation(consultation::Refusal),
    Reflection(reflection::Refusal),
    Exchange(exchange::Refusal),
}

/// The public part of the current block's method, for the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MethodRoom {
    Discussion(discussion::Room),
    Consultation(consultation::Room),
    Reflection(reflection::Room),
    Exchange(exchange::Room),
}

impl MethodCommand {
    pub fn kind(&self) -> MethodKind {
        match self {
            MethodCommand::Discussion(_) => MethodKind::Discussion,
            MethodCommand::Consultation(_) => MethodKind::Consultation,
            MethodCommand::Reflection(_) => MethodKind::Reflection,
            MethodCommand::Exchange(_) => MethodKind::Exchange,
        }
    }
}

impl MethodEvent {
    /// The block whose method recorded it.
    pub fn block(&self) -> &str {
        match self {
            MethodEvent::Discussion { block, .. }
            | MethodEvent::Consultation { block, .. }
            | MethodEvent::Reflection { block, .. }
            | MethodEvent::Exchange { block, .. } => block,
        }
    }

    /// Minutes the event moves its block's end by: a consultation's phase
    /// extension moves the rest of the block the way `+` does.
    pub fn block_minutes(&self) -> Option<i64> {
        match self {
            MethodEvent::Discussion { .. }
            | MethodEvent::Reflection { .. }
            | MethodEvent::Exchange { .. } => None,
            MethodEvent::Consultation { change, .. } => change.block_minutes(),
        }
    }

    /// Whether it carries confidential text (a consultation's case, its ideas,
    /// the closing statement): review hides it, export leaves it out unless asked.
    pub fn is_confidential(&self) -> bool {
        match self {
            MethodEvent::Discussion { .. }
            | MethodEvent::Reflection { .. }
            | MethodEvent::Exchange { .. } => false,
            MethodEvent::Consultation { change, .. } => change.is_confidential(),
        }
    }
}

/// Tags each change of a method with its method and block.
fn tagged<C>(changes: Vec<C>, event: impl Fn(C) -> MethodEvent) -> Vec<MethodEvent> {
    changes.into_iter().map(event).collect()
}

impl MethodState {
    /// The state of a block before it ran, from its plan.
    pub fn new(method: &plan::Method) -> MethodState {
        match method {
            plan::Method::Plain => MethodState::Plain,
            plan::Method::Discussion(plan) => MethodState::Discussion(discussion::State::new(plan)),
            plan::Method::Consultation(plan) => MethodState::Consultation(consultation::State::new(plan)),
            plan::Method::Reflection(plan) => MethodState::Reflection(reflection::State::new(plan)),
            plan::Method::Exchange(plan) => MethodState::Exchange(exchange::State::new(plan)),
        }
    }

    pub fn kind(&self) -> Option<MethodKind> {
        match self {
            MethodState::Plain => None,
            MethodState::Discussion(_) => Some(MethodKind::Discussion),
            MethodState::Consultation(_) => Some(MethodKind::Consultation),
            MethodState::Reflection(_) => Some(MethodKind::Reflection),
            MethodState::Exchange(_) => Some(MethodKind::Exchange),
        }
    }

    pub fn discussion(&self) -> Option<&discussion::State> {
        match self {
            MethodState::Discussion(state) => Some(state),
            MethodState::Plain
            | MethodState::Consultation(_)
            | MethodState::Reflection(_)
            | MethodState::Exchange(_) => None,
        }
    }

    pub fn consultation(&self) -> Option<&consultation::State> {
        match self {
            MethodState::Consultation(state) => Some(state),
            MethodState::Plain
            | MethodState::Discussion(_)
            | MethodState::Reflection(_)
            | MethodState::Exchange(_) => None,
        }
    }

    pub fn reflection(&self) -> Option<&reflection::State> {
        match self {
            MethodState::Reflection(state) => Some(state),
            MethodState::Plain
            | MethodState::Discussion(_)
            | MethodState::Consultation(_)
            | MethodState::Exchange(_) => None,
        }
    }

    pub fn exchange(&self) -> Option<&exchange::State> {
        match self {
            MethodState::Exchange(state) => Some(state),
            MethodState::Plain
            | MethodState::Discussion(_)
            | MethodState::Consultation(_)
            | MethodState::Reflection(_) => None,
        }
    }

    /// A calm method: its timers fade to a word instead of turning amber and red.
    pub fn calm(&self) -> bool {
        match self {
            MethodState::Plain
            | MethodState::Discussion(_)
            | MethodState::Consultation(_)
            | MethodState::Exchange(_) => false,
            MethodState::Reflection(_) => true,
        }
    }

    /// A step of the method whose time has run out by `now` (a phase), named
    /// so that the console rings its bell once for each.
    pub fn step_over(&self, now: Timestamp) -> Option<usize> {
        match self {
            MethodState::Plain
            | MethodState::Discussion(_)
            | MethodState::Consultation(_)
            | MethodState::Exchange(_) => None,
            MethodState::Reflection(state) => state.phase_over(now),
        }
    }

    /// The events that carry out `command` in this block.
    pub fn decide(
        &self,
        cx: &Context,
        command: &MethodCommand,
        now: Timestamp,
    ) -> Result<Vec<MethodEvent>, MethodRefusal> {
        let block = || cx.block.to_string();
        match (self, command) {
            (MethodState::Discussion(state), MethodCommand::Discussion(command)) => state
                .decide(cx, command, now)
                .map(|changes| tagged(changes, |change| MethodEvent::Discussion { block: block(), change }))
                .map_err(MethodRefusal::Discussion),
            (MethodState::Consultation(state), MethodCommand::Consultation(command)) => state
                .decide(cx, command, now)
                .map(|changes| tagged(changes, |change| MethodEvent::Consultation { block: block(), change }))
                .map_err(MethodRefusal::Consultation),
            (MethodState::Reflection(state), MethodCommand::Reflection(command)) => state
                .decide(cx, command, now)
                .map(|changes| tagged(changes, |change| MethodEvent::Reflection { block: block(), change }))
                .map_err(MethodRefusal::Reflection),
            (MethodState::Exchange(state), MethodCommand::Exchange(command)) => state
                .decide(cx, command, now)
                .map(|changes| tagged(changes, |change| MethodEvent::Exchange { block: block(), change }))
                .map_err(MethodRefusal::Exchange),
            // A command for another method than the block's.
            (
                MethodState::Plain
                | MethodState::Consultation(_)
                | MethodState::Reflection(_)
                | MethodState::Exchange(_),
                MethodCommand::Discussion(_),
            )
            | (
                MethodState::Plain
                | MethodState::Discussion(_)
                | MethodState::Reflection(_)
                | MethodState::Exchange(_),
                MethodCommand::Consultation(_),
            )
            | (
                MethodState::Plain
                | MethodState::Discussion(_)
                | MethodState::Consultation(_)
                | MethodState::Exchange(_),
                MethodCommand::Reflection(_),
            )
            | (
                MethodState::Plain
                | MethodState::Discussion(_)
                | MethodState::Consultation(_)
                | MethodState::Reflection(_),
                MethodCommand::Exchange(_),
            ) => Err(MethodRefusal::NotRunning(command.kind())),
        }
    }

    /// Folds one of its recorded events in; an event of another method changes nothing.
    pub fn apply(&mut self, event: &MethodEvent, at: Timestamp) {
        match (self, event) {
            (MethodState::Discussion(state), MethodEvent::Discussion { change, .. }) => {
                state.apply(change, at)
            }
            (MethodState::Consultation(state), MethodEvent::Consultation { change, .. }) => {
                state.apply(change, at)
            }
            (MethodState::Reflection(state), MethodEvent::Reflection { change, .. }) => {
                state.apply(change, at)
            }
            (MethodState::Exchange(state), MethodEvent::Exchange { change, .. }) => state.apply(change, at),
            (
                MethodState::Plain
                | MethodState::Consultation(_)
                | MethodState::Reflection(_)
                | MethodState::Exchange(_),
                MethodEvent::Discussion { .. },
            )
            | (
                MethodState::Plain
                | MethodState::Discussion(_)
                | MethodState::Reflection(_)
                | MethodState::Exchange(_),
                MethodEvent::Consultation { .. },
            )
            | (
                MethodState::Plain
                | MethodState::Discussion(_)
                | MethodState::Consultation(_)
                | MethodState::Exchange(_),
                MethodEvent::Reflection { .. },
            )
            | (
                MethodState::Plain
                | MethodState::Discussion(_)
                | MethodState::Consultation(_)
                | MethodState::Reflection(_),
                MethodEvent::Exchange { .. },
            ) => {}
        }
    }

    /// The events that take one of its events back (before it is applied), if it can be.
    pub fn inverse(&self, event: &MethodEvent) -> Option<Vec<MethodEvent>> {
        match (self, event) {
            (MethodState::Discussion(state), MethodEvent::Discussion { block, change }) => {
                state.inverse(change).map(|changes| {
                    tagged(changes, |change| MethodEvent::Discussion { block: block.clone(), change })
                })
            }
            (MethodState::Consultation(state), MethodEvent::Consultation { block, change }) => {
                state.inverse(change).map(|changes| {
                    tagged(changes, |change| MethodEvent::Consultation { block: block.clone(), change })
                })
            }
            (MethodState::Reflection(state), MethodEvent::Reflection { block, change }) => {
                state.inverse(change).map(|changes| {
                    tagged(changes, |change| MethodEvent::Reflection { block: block.clone(), change })
                })
            }
            (MethodState::Exchange(state), MethodEvent::Exchange { block, change }) => {
                state.inverse(change).map(|changes| {
                    tagged(changes, |change| MethodEvent::Exchange { block: block.clone(), change })
                })
            }
            (
                MethodState::Plain
                | MethodState::Consultation(_)
                | MethodState::Reflection(_)
                | MethodState::Exchange(_),
                MethodEvent::Discussion { .. },
            )
            | (
                MethodState::Plain
                | MethodState::Discussion(_)
                | MethodState::Reflection(_)
                | MethodState::Exchange(_),
                MethodEvent::Consultation { .. },
            )
            | (
                MethodState::Plain
                | MethodState::Discussion(_)
                | MethodState::Consultation(_)
                | MethodState::Exchange(_),
                MethodEvent::Reflection { .. },
            )
            | (
                MethodState::Plain
                | MethodState::Discussion(_)
                | MethodState::Consultation(_)
                | MethodState::Reflection(_),
                MethodEvent::Exchange { .. },
            ) => None,
        }
    }

    pub fn block_clock(&mut self, clock: BlockClock, at: Timestamp) {
        match self {
            MethodState::Plain => {}
            MethodState::Discussion(state) => state.block_clock(clock, at),
            MethodState::Consultation(state) => state.block_clock(clock, at),
            MethodState::Reflection(state) => state.block_clock(clock, at),
            MethodState::Exchange(state) => state.block_clock(clock, at),
        }
    }

    /// What the room may see of it.
    pub fn room(&self, cx: &Context, now: Timestamp) -> Option<MethodRoom> {
        match self {
            MethodState::Plain => None,
            MethodState::Discussion(state) => Some(MethodRoom::Discussion(state.room(cx.cohort, now))),
            MethodState::Consultation(state) => {
                Some(MethodRoom::Consultation(state.room(cx.cohort, cx.absent, now)))
            }
            MethodState::Reflection(state) => Some(MethodRoom::Reflection(state.room(cx, now))),
            MethodState::Exchange(state) => Some(MethodRoom::Exchange(state.room(cx.cohort, now))),
        }
    }
}

/// The property every method must have, run by each method's tests: the
/// state its changes build live equals the state rebuilt from those changes
/// after a JSON round trip (as after a restart), whatever the facilitator did.
#[cfg(test)]
pub(crate) fn assert_replay_equals_live<M>(initial: &M, cx: &Context, steps: &[(i64, M::Command)])
where
    M: Method + Clone + PartialEq + std::fmt::Debug,
    M::Change: Serialize + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let start = chrono::DateTime::parse_from_rfc3339("2022-11-28T10:50:00+01:00").unwrap_or_default();
    let mut live = initial.clone();
    let mut log: Vec<(Timestamp, M::Change)> = Vec::new();
    let mut now = start;
    for (gap, command) in steps {
        now += chrono::TimeDelta::seconds(*gap);
        if let Ok(changes) = live.decide(cx, command, now) {
            for change in changes {
                live.apply(&change, now);
                log.push((now, change));
            }
        }
    }
    let json = serde_json::to_string(&log).unwrap_or_default();
    let restored: Vec<(Timestamp, M::Change)> = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(restored.len(), log.len(), "every change survives the round trip");
    let mut replayed = initial.clone();
    for (at, change) in &restored {
        replayed.apply(change, *at);
    }
    assert_eq!(replayed, live);
}
