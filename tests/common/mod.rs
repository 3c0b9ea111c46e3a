//! What the view tests share: the demo journey and a day on its first station, built through the core.
#![allow(dead_code)] // each test file uses the part it needs
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

use std::path::{Path, PathBuf};

use chrono::DateTime;
use moderato::core::Timestamp;
use moderato::core::command::Command;
use moderato::core::discussion::{Capture, Command as DiscussionCommand, Hand};
use moderato::core::event::{AgendaChange, Envelope, Event};
use moderato::core::method::{MethodCommand, MethodEvent};
use moderato::core::session::Session;
use moderato::core::{consultation, discussion, exchange, reflection};
use moderato::plan::{self, Journey};
use uuid::Uuid;

/// The pseudo-terminal harness: drives the real binary, which the unix-only tests do.
#[cfg(unix)]
pub mod pty;

/// The fixture journey (`tests/fixtures/journey`, recorded by
/// `tests/fixture_journey.rs`): Berlin finished, Online running, Köln not
/// started; its figures are hand-checked in `tests/stats.rs`.
pub fn fixture_journey() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journey")
}

/// A copy of the fixture journey in `into` (to damage or write next to); its directory.
pub fn copy_of_fixture(into: &Path) -> PathBuf {
    let source = fixture_journey();
    let dir = into.join("journey");
    std::fs::create_dir_all(dir.join("logs")).unwrap();
    std::fs::copy(source.join("journey.toml"), dir.join("journey.toml")).unwrap();
    for entry in std::fs::read_dir(source.join("logs")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("logs").join(entry.file_name())).unwrap();
    }
    dir
}

/// The private notes and confidential case texts, for the tests that check
/// they never leak: each is in the logs, word for word.
pub const FIXTURE_SECRETS: [&str; 11] = [
    "PRIVATE-NOTE-BERLIN-1: Herr Pietsch kam zehn Minuten zu spät, sein Zug fiel aus.",
    "PRIVATE-NOTE-BERLIN-2: Frau Dr. Hohlfeld vor Köln wegen ihres Falls anrufen.",
    "PRIVATE-NOTE-ONLINE-1: Technikcheck in Ordnung, Herr Sellmann kommt später.",
    "PRIVATE-NOTE-ONLINE-2: Herr Brockmann wirkt angespannt, in der Pause ansprechen.",
    "CONFIDENTIAL-TITLE-1: Widerstand im IT-Referat gegen die E-Akte",
    "CONFIDENTIAL-DESCRIPTION-1: Das IT-Referat blockiert seit Monaten die Einführung der E-Akte.",
    "CONFIDENTIAL-TITLE-2: Ein Team zwischen Bonn und Berlin",
    "CONFIDENTIAL-IDEA-1: Die Referatsleitung als Pilotpartnerin gewinnen",
    "CONFIDENTIAL-IDEA-2: Das Referat auflösen",
    "CONFIDENTIAL-IDEA-3: Feste Präsenztage für das ganze Team",
    "CONFIDENTIAL-CLOSING-1: Ich spreche nächste Woche mit der Referatsleitung.",
];

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

/// How many names [`variant`] gives: the tests whose strategies or fixtures
/// must produce every event variant compare against it.
pub const EVENT_VARIANTS: usize = 58;

/// The name of every event variant, for the tests whose event strategies must
/// produce them all: a new variant does not compile until it is named here.
pub fn variant(event: &Event) -> &'static str {
    match event {
        Event::StationStarted { .. } => "station_started",
        Event::StationResumed => "station_resumed",
        Event::ScheduleAnchored { .. } => "schedule_anchored",
        Event::BlockStarted { .. } => "block_started",
        Event::BlockPaused { .. } => "block_paused",
        Event::BlockResumed { .. } => "block_resumed",
        Event::BlockExtended { .. } => "block_extended",
        Event::BlockShortened { .. } => "block_shortened",
        Event::BlockCompleted { .. } => "block_completed",
        Event::BlockSkipped { .. } => "block_skipped",
        Event::BlockReturned { .. } => "block_returned",
        Event::BlockRestored { .. } => "block_restored",
        Event::BlockUnstarted { .. } => "block_unstarted",
        Event::Undone { .. } => "undone",
        Event::AgendaChanged { change: AgendaChange::Removed { .. } } => "agenda_removed",
        Event::AgendaChanged { change: AgendaChange::Moved { .. } } => "agenda_moved",
        Event::AgendaChanged { change: AgendaChange::DurationSet { .. } } => "agenda_duration_set",
        Event::AgendaChanged { change: AgendaChange::Inserted { .. } } => "agenda_inserted",
        Event::Method(MethodEvent::Discussion { change, .. }) => match change {
            discussion::Change::HandRaised { .. } => "hand_raised",
            discussion::Change::HandWithdrawn { .. } => "hand_withdrawn",
            discussion::Change::HandMoved { .. } => "hand_moved",
            discussion::Change::TurnStarted { .. } => "turn_started",
            discussion::Change::TurnEnded => "turn_ended",
            discussion::Change::QueuePolicyChanged { .. } => "queue_policy_changed",
            discussion::Change::QuestionShown { .. } => "question_shown",
            discussion::Change::Captured { .. } => "captured",
            discussion::Change::Retracted { .. } => "retracted",
        },
        Event::Method(MethodEvent::Consultation { change, .. }) => match change {
            consultation::Change::Cast { .. } => "cast",
            consultation::Change::MemberMoved { .. } => "member_moved",
            consultation::Change::PhaseShown { .. } => "phase_shown",
            consultation::Change::PhaseAdjusted { .. } => "phase_adjusted",
            consultation::Change::CaseNoted { .. } => "case_noted",
            consultation::Change::KeyQuestionSet { .. } => "key_question_set",
            consultation::Change::MethodChosen { .. } => "method_chosen",
            consultation::Change::IdeaAdded { .. } => "idea_added",
            consultation::Change::IdeaRetracted { .. } => "idea_retracted",
            consultation::Change::KeyQuestionReleased { .. } => "key_question_released",
        },
        Event::Method(MethodEvent::Reflection { change, .. }) => match change {
            reflection::Change::PhaseShown { .. } => "reflection/phase_shown",
            reflection::Change::RoundOrdered { .. } => "reflection/round_ordered",
            reflection::Change::RoundCleared => "reflection/round_cleared",
            reflection::Change::TurnStarted { .. } => "reflection/turn_started",
            reflection::Change::Passed => "reflection/passed",
            reflection::Change::TurnEnded => "reflection/turn_ended",
            reflection::Change::TurnWithdrawn => "reflection/turn_withdrawn",
            reflection::Change::TurnReopened => "reflection/turn_reopened",
            reflection::Change::Noted { .. } => "reflection/noted",
            reflection::Change::Retracted { .. } => "reflection/retracted",
            reflection::Change::Marked { .. } => "reflection/marked",
            reflection::Change::Shown { .. } => "reflection/shown",
        },
        Event::Method(MethodEvent::Exchange { change, .. }) => match change {
            exchange::Change::GroupsProposed { .. } => "groups_proposed",
            exchange::Change::Swapped { .. } => "swapped",
            exchange::Change::Placed { .. } => "placed",
            exchange::Change::RoundFixed { .. } => "round_fixed",
            exchange::Change::RoundReopened { .. } => "round_reopened",
            exchange::Change::RoundShown { .. } => "round_shown",
        },
        Event::SceneChanged { .. } => "scene_changed",
        Event::NoteAdded { .. } => "note_added",
        Event::AttendanceChanged { .. } => "attendance_changed",
    }
}

/// Every page `serve` would send for this view (the room, the groups, groups
/// 1 to 6), as one text: what a privacy sweep reads.
pub fn served_pages(room: &moderato::core::room::RoomView) -> String {
    use moderato::serve::{Views, Which};
    let views = Views { now: room, later: room, lang: moderato::i18n::Lang::De, warning: None };
    let mut pages = vec![Which::Room, Which::Groups];
    pages.extend((1..=6).map(Which::Group));
    pages.into_iter().map(|which| serde_json::to_string(&views.page(which)).unwrap_or_default()).collect()
}
