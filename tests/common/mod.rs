//! What the view tests share: the demo journey and a day on its first station, built through the core.
#![allow(dead_code)] // each test file uses the part it needs
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

use std::path::Path;

use chrono::DateTime;
use moderato::core::Timestamp;
use moderato::core::command::Command;
use moderato::core::discussion::{Capture, Command as DiscussionCommand, Hand};
use moderato::core::event::Envelope;
use moderato::core::method::MethodCommand;
use moderato::core::session::Session;
use moderato::plan::{self, Journey};
use uuid::Uuid;

/// The pseudo-terminal harness: drives the real binary, which the unix-only tests do.
#[cfg(unix)]
pub mod pty;

pub fn demo() -> Journey {
    plan::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")).unwrap().journey
}

pub fn at(time: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(&format!("2022-11-28T{time}+01:00")).unwrap()
}

pub fn session(journey: &Journey, steps: &[(&str, Command)]) -> Session {
    let mut session = Session::new(&journey.stations[0], &journey.participants);
    for (time, command) in steps {
        for event in session.decide(command, at(time)).unwrap() {
            let envelope = Envelope { id: Uuid::nil(), seq: session.last_seq + 1, at: at(time), event };
            session.apply(&envelope);
        }
    }
    session
}

/// The München discussion: the five blocks before it done by 10:50, then `steps` in it.
pub fn in_discussion(journey: &Journey, steps: &[(&str, Command)]) -> Session {
    let mut all = vec![("09:00:00", Command::StartPause)];
    all.extend((0..5).map(|_| ("10:50:00", Command::NextBlock)));
    all.extend(steps.iter().cloned());
    session(journey, &all)
}

/// A command for the current discussion.
pub fn discussion(command: DiscussionCommand) -> Command {
    Command::Method(MethodCommand::Discussion(command))
}

pub fn hand(participant: &str, hand: Hand) -> Command {
    discussion(DiscussionCommand::Raise { participant: participant.into(), hand })
}

pub fn call_next() -> Command {
    discussion(DiscussionCommand::CallNext)
}

/// Eight hands and two turns so far; a decision captured.
pub fn busy_discussion() -> Vec<(&'static str, Command)> {
    let mut steps: Vec<(&str, Command)> =
        ["p01", "p02", "p03"].iter().map(|p| ("10:51:00", hand(p, Hand::Normal))).collect();
    steps.push(("10:52:00", call_next()));
    steps.push(("10:53:30", call_next()));
    steps.extend(
        ["p04", "p05", "p06", "p07", "p08", "p09", "p10"].iter().map(|p| ("10:54:00", hand(p, Hand::Normal))),
    );
    let decision = Capture::Decision { text: "Pilot in zwei Häusern".into() };
    steps.push(("10:54:30", discussion(DiscussionCommand::Capture(decision))));
    steps
}
