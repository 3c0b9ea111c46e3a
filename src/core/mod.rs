//! The pure rules of a session: events, commands, timers, the agenda, the fold
//! from events to state. No IO, no terminal, no clock reads: time comes in as an argument.

pub mod agenda;
pub mod catalogue;
pub mod command;
pub mod consultation;
pub mod contacts;
pub mod discussion;
pub mod event;
pub mod exchange;
pub mod grouping;
pub mod history;
pub mod method;
pub mod reflection;
pub mod room;
pub mod seeded;
pub mod session;
pub mod stats;
pub mod text;
pub mod timer;

/// A wall-clock instant with its UTC offset, as events carry it.
pub type Timestamp = chrono::DateTime<chrono::FixedOffset>;
